// sbc-subsidy: how much insurance compensation (保险补偿) a case gets. Parse, call the library,
// exit.
#include <iostream>

#include "common/options.hpp"
#include "sbc/intake/interview.hpp"
#include "sbc/intake/template.hpp"
#include "sbc/run/compare.hpp"
#include "sbc/run/subsidy.hpp"

namespace {

int run(int argc, char** argv) {
  CLI::App app{
      "sbc-subsidy: 首版次高端软件 insurance compensation, exact to the fen, every exclusion "
      "cited"};
  sbc::cli::Common common;
  bool explain = false, quiet = false;
  std::vector<std::string> window;
  std::string form;
  std::vector<std::string> compare;
  sbc::cli::add_common(app, common,
                       {"text", "json", "jsonl", "csv", "markdown", "xlsx", "html", "yaml"});
  sbc::cli::add_no_round(app, common, true);
  sbc::cli::add_records(app, common);
  sbc::cli::add_compare(app, common, compare);
  sbc::cli::Intake intake;
  sbc::cli::add_intake(app, intake);
  app.add_flag("--explain", explain, "Show every condition, sale and policy with the arithmetic");
  app.add_flag("-q,--quiet", quiet, "Verdict lines only");
  app.add_option("--window", window,
                 "The insurance window (投保时限), overriding the case's and the pack's")
      ->expected(2)
      ->allow_extra_args(false)  // START END, then the cases are positional again
      ->type_name("START END");
  app.add_option(
         "--form", form,
         "Print the whole application package (附3-2: cover, contents, 申请表, lists, 承诺书, "
         "materials checklist) instead of the report: html (A4, print-ready), markdown, pdf "
         "(laid out with the font that prints, fonts embedded) or docx (Word tables, contents "
         "as fields Word updates); pdf and docx go to --output FILE, a directory for a file per "
         "case, or standard output")
      ->check(CLI::IsMember({"markdown", "html", "pdf", "docx"}))
      ->type_name("markdown|html|pdf|docx");
  common.output_option->description(
      "With --format xlsx: the workbook to write; with --form pdf or docx: the file, or a "
      "directory for one file per case (else standard output, when it is not a terminal)");
  if (auto code = sbc::cli::parse(app, argc, argv)) return *code;
  const sbc::Environment env = sbc::Environment::of_process();
  const sbc::Console console{std::cout, std::cerr, env.stderr_terminal};
  common.command_line = sbc::command_line({argv, argv + argc});

  sbc::SubsidyOptions options;
  auto error = sbc::to_options(common, options.common, env);
  if (!error) error = sbc::to_subsidy_options(window, form, common, env, options);
  if (error) {
    std::cerr << "sbc-subsidy: " << *error << "\n";
    return static_cast<int>(sbc::ExitStatus::error);
  }
  options.common.output.explain = explain;
  options.common.output.quiet = quiet;
  if (!common.records.empty())
    sbc::load_records("sbc-subsidy", common.records, options.common, std::cerr);
  sbc::RuleLibrary rules(sbc::PackParts::subsidy);
  rules.set_limits(options.common.read.limits);
  if (intake.print_template)
    return sbc::template_command("sbc-subsidy", options.common, common.format, true, rules,
                                 sbc::today(), console);
  if (!intake.interview.empty())
    return sbc::interview_command("sbc-subsidy", common, options, intake.interview, true, rules,
                                  env, sbc::today(), std::cin, console);
  return sbc::run_tool(
      "sbc-subsidy", common, options.common, true, rules,
      [&](std::function<void(size_t)> progress) {
        if (!compare.empty())
          return sbc::run_compare(common.inputs,
                                  {compare[0], compare[1], true, options.common, options.window},
                                  rules, std::cin, std::cout, progress);
        return sbc::run_subsidy(common.inputs, options, rules, std::cin, std::cout, progress);
      },
      console);
}

}  // namespace

int main(int argc, char** argv) {
  return sbc::guarded("sbc-subsidy", [&] { return run(argc, argv); });
}
