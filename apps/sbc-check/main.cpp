// sbc-check: is a software product 首版次高端软件? Parse options, call the library, exit.
#include <iostream>

#include "common/options.hpp"
#include "sbc/intake/interview.hpp"
#include "sbc/intake/template.hpp"
#include "sbc/run/check.hpp"
#include "sbc/run/compare.hpp"

namespace {

int run(int argc, char** argv) {
  CLI::App app{
      "sbc-check: 首版次高端软件 recognition verdicts, every condition cited to its clause"};
  sbc::cli::Common common;
  bool explain = false, quiet = false;
  std::vector<std::string> compare;
  sbc::cli::add_common(
      app, common,
      {"text", "json", "jsonl", "csv", "junit", "sarif", "github", "xlsx", "html", "yaml"});
  sbc::cli::add_no_round(app, common, false);
  sbc::cli::add_records(app, common);
  sbc::cli::add_compare(app, common, compare);
  sbc::cli::Intake intake;
  sbc::cli::add_intake(app, intake);
  app.add_flag("--explain", explain, "Show every condition with its clause, facts and values");
  app.add_flag("-q,--quiet", quiet, "Verdict lines only");
  if (auto code = sbc::cli::parse(app, argc, argv)) return *code;
  const sbc::Environment env = sbc::Environment::of_process();
  const sbc::Console console{std::cout, std::cerr, env.stderr_terminal};
  common.command_line = sbc::command_line({argv, argv + argc});

  sbc::CheckOptions options;
  if (auto error = sbc::to_options(common, options, env)) {
    std::cerr << "sbc-check: " << *error << "\n";
    return static_cast<int>(sbc::ExitStatus::error);
  }
  options.output.explain = explain;
  options.output.quiet = quiet;
  if (!common.records.empty()) sbc::load_records("sbc-check", common.records, options, std::cerr);
  sbc::RuleLibrary rules(sbc::PackParts::recognition);
  rules.set_limits(options.read.limits);
  if (intake.print_template)
    return sbc::template_command("sbc-check", options, common.format, false, rules, sbc::today(),
                                 console);
  if (!intake.interview.empty())
    return sbc::interview_command("sbc-check", common, {options, {}, {}}, intake.interview, false,
                                  rules, env, sbc::today(), std::cin, console);
  return sbc::run_tool(
      "sbc-check", common, options, false, rules,
      [&](std::function<void(size_t)> progress) {
        if (!compare.empty())
          return sbc::run_compare(common.inputs, {compare[0], compare[1], false, options, {}},
                                  rules, std::cin, std::cout, progress);
        return sbc::run_check(common.inputs, options, rules, std::cin, std::cout, progress);
      },
      console);
}

}  // namespace

int main(int argc, char** argv) {
  return sbc::guarded("sbc-check", [&] { return run(argc, argv); });
}
