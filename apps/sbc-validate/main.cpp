// sbc-validate: what is wrong with a case file, all of it, file:line:col. Parse, call, exit.
#include <iostream>

#include "common/options.hpp"
#include "sbc/records/records.hpp"
#include "sbc/run/pack_tests.hpp"
#include "sbc/run/validate.hpp"

namespace {

int run(int argc, char** argv) {
  CLI::App app{
      "sbc-validate: every problem of case files (or rule packs) at once, as file:line:col"};
  sbc::cli::Common common;
  bool strict = false, lint = false, quiet = false, print_schema = false, test = false,
       coverage = false;
  sbc::cli::add_common(app, common, {"text", "json", "jsonl", "junit", "sarif", "github"});
  app.add_flag("--strict", strict,
               "Count warnings (unknown keys aside, which are errors here) as errors");
  app.add_flag("--lint-rules", lint,
               "The files are rule packs (or their test files): check them as the tools load them");
  CLI::Option* test_option = app.add_flag(
      "--test", test,
      "The files are a pack's tests (rules/tests/<id>.yaml, man 5 sbc-tests): run them "
      "against the pack each names, or against --rules FILE; --format junit for CI");
  app.add_flag(
         "--coverage", coverage,
         "With --test: the pack's conditions, compensation rules and award tiers that no test "
         "sees at work (exit 1 below 100%)")
      ->needs(test_option);  // the option itself: looking it up by name allocates where CLI11
                             // cannot throw (the OOM test saw the abort)
  std::vector<std::string> records;
  app.add_option("--records", records,
                 "Check record files (CSV: recognised lists, compensation paid, the negative list; "
                 "a directory: every *.csv below it; man 5 sbc-records) and exit")
      ->type_name("FILE|DIR");
  std::string records_template;
  app.add_option("--records-template", records_template,
                 "Print the header row of a record file of that kind (Chinese labels; English "
                 "names with --lang en) and exit")
      ->check(CLI::IsMember({"list", "payments", "negative-list", "名单", "补偿记录", "负面清单"}))
      ->type_name("KIND");
  app.add_flag("-q,--quiet", quiet, "No progress or summary on standard error");
  app.add_flag("--print-schema", print_schema,
               "Print the case format as a JSON Schema (for editors) and exit");
  if (auto code = sbc::cli::parse(app, argc, argv)) return *code;
  const sbc::Environment env = sbc::Environment::of_process();
  const sbc::Console console{std::cout, std::cerr, env.stderr_terminal};

  sbc::ValidateOptions options;
  sbc::CheckOptions common_options;
  if (auto error = sbc::to_options(common, common_options, env)) {
    std::cerr << "sbc-validate: " << *error << "\n";
    return static_cast<int>(sbc::ExitStatus::error);
  }
  common_options.output.quiet = quiet;
  options.read = common_options.read;
  options.read.unknown_keys = sbc::Severity::error;  // a typo must not pass silently
  options.output = common_options.output;
  options.jobs = common_options.jobs;
  options.strict = strict;
  if (print_schema) {
    std::cout << sbc::case_json_schema();
    return 0;
  }
  if (!records_template.empty()) {
    std::cout << sbc::record_header(*sbc::record_kind_named(records_template), options.output.lang);
    return 0;
  }
  if (!records.empty())
    return static_cast<int>(
        sbc::check_records(records, options.output, std::cout, std::cerr, options.read.limits));
  if (lint)
    return static_cast<int>(
        sbc::lint_rules(common.inputs, options.output, std::cin, std::cout, options.read.limits));
  sbc::RuleLibrary rules;
  rules.set_limits(options.read.limits);
  if (test) {
    sbc::PackTestOptions tests{common.rules, coverage, options.output, options.read.limits};
    return static_cast<int>(sbc::run_pack_tests(common.inputs, tests, rules, std::cout, std::cerr));
  }
  return sbc::run_tool(
      "sbc-validate", common, common_options, false, rules,
      [&](std::function<void(size_t)>) {
        return sbc::run_validate(common.inputs, options, rules, std::cin, std::cout);
      },
      console);
}

}  // namespace

int main(int argc, char** argv) {
  return sbc::guarded("sbc-validate", [&] { return run(argc, argv); });
}
