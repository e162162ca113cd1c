// sbc-check: is a software product 首版次高端软件? Parse options, call the library, exit.
#include <iostream>

#include "common/options.hpp"
#include "sbc/check.hpp"

int main(int argc, char** argv) {
  CLI::App app{"sbc-check: 首版次高端软件 recognition verdicts, every condition cited to its clause"};
  sbc::cli::Common common;
  bool explain = false, quiet = false;
  sbc::cli::add_common(app, common);
  app.add_flag("--explain", explain, "Show every condition with its clause, facts and values");
  app.add_flag("-q,--quiet", quiet, "Verdict lines only");
  if (auto code = sbc::cli::parse(app, argc, argv)) return *code;

  sbc::CheckOptions options;
  if (auto error = sbc::cli::to_options(common, options)) {
    std::cerr << "sbc-check: " << *error << "\n";
    return static_cast<int>(sbc::ExitStatus::error);
  }
  options.output.explain = explain;
  options.output.quiet = quiet;
  sbc::RuleLibrary rules;
  try {
    if (common.list_rules) {
      sbc::list_rules(rules, options.output, std::cout);
      return 0;
    }
    if (!options.rules.empty()) rules.get(options.rules);  // a bad pack stops the run before any case
    if (common.inputs.empty()) {
      std::cerr << "sbc-check: no case given (a file, a directory or -); see --help\n";
      return static_cast<int>(sbc::ExitStatus::error);
    }
    return static_cast<int>(sbc::run_check(common.inputs, options, rules, std::cin, std::cout, std::cerr));
  } catch (const sbc::InputError& e) {
    std::cerr << "sbc-check: " << sbc::format_gnu(e.diagnostic(), options.output.lang) << "\n";
    return static_cast<int>(sbc::ExitStatus::error);
  }
}
