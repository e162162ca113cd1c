// The options all three tools share (shared/cli.md), declared once for CLI11. Declarations only:
// what the words mean is the library's (sbc/run/tool.hpp).
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "sbc/base/exit_status.hpp"
#include "sbc/run/tool.hpp"

namespace sbc::cli {

struct Common : ToolArguments {
  CLI::Option* rules_option = nullptr;  // --rules, for the options that exclude it
  // --output, for a tool to say more of it. Options are kept, never looked up by name: CLI11
  // looks a name up in a noexcept function that allocates, which ends the program if memory
  // runs out.
  CLI::Option* output_option = nullptr;
};

// `formats`: the --format values this tool renders.
inline void add_common(CLI::App& app, Common& c, const std::vector<std::string>& formats) {
  app.set_version_flag("--version", std::string("sbc ") + SBC_VERSION);
  app.footer(
      "Exit status: 0 every case passes, 1 some case fails the rules, 2 some case or input could "
      "not be\n"
      "evaluated (or a bad command line or rule pack), 3 some case is undetermined (facts "
      "missing);\n"
      "over a batch the worst wins in the order 2 > 1 > 3 > 0. Progress and a summary go to "
      "standard\n"
      "error when it is a terminal (not with -q). See the man page for the case format and "
      "examples.");
  app.add_option("cases", c.inputs,
                 "Case files (YAML, several --- documents each), directories, or - for stdin")
      ->type_name("FILE|DIR|-");
  c.rules_option =
      app.add_option(
             "--rules", c.rules,
             "Rule pack: a built-in id (see --list-rules) or a pack file. Default: the case's "
             "rules: key, "
             "else the built-in pack of the applicant's province covering the application date")
          ->type_name("ID|FILE");
  app.add_flag("--list-rules", c.list_rules, "List the built-in rule packs and exit");
  auto offers = [&](const char* format) {
    return std::find(formats.begin(), formats.end(), format) != formats.end();
  };
  std::string described = "Output: text for people, json (an array), jsonl (one object a line)";
  if (offers("csv")) described += ", csv (one row a case)";
  if (offers("markdown")) described += ", markdown (a report)";
  if (offers("xlsx"))
    described +=
        ", xlsx (the 汇总表 as an Excel workbook: sheets 汇总, 明细, 说明; a file, see --output)";
  if (offers("html"))
    described +=
        ", html (one self-contained page for the batch: summary, charts, 汇总表, each case)";
  if (offers("yaml"))
    described += ", yaml (with --template only; --template takes csv too: the header row)";
  if (offers("junit"))
    described +=
        "; for CI: junit (JUnit XML test results), sarif (2.1.0, code scanning), github "
        "(workflow annotations)";
  app.add_option("--format", c.format, described)
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  app.add_option("--lang", c.lang,
                 "Language of messages. Default: en when the locale (LC_ALL, LC_MESSAGES, LANG) is "
                 "English, else zh")
      ->check(CLI::IsMember({"zh", "en"}));
  app.add_option("--as-of", c.as_of,
                 "Judge as on this date (YYYY-MM-DD) instead of the application date")
      ->type_name("DATE");
  app.add_option("--color", c.color,
                 "Colour the verdicts: auto (a terminal, unless NO_COLOR or TERM=dumb)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_option(
         "--limit", c.limits,
         "Raise or lower a reading limit, NAME=N: max_file_bytes, max_document_bytes, "
         "max_scalar_bytes, "
         "max_depth, max_nodes, max_pack_bytes (a rule pack file), max_records_bytes (a record "
         "file) (repeatable)")
      ->allow_extra_args(false)  // one NAME=N each time, then the cases are positional again
      ->type_name("NAME=N");
  app.add_option("--input-format", c.input_format,
                 "Read the inputs as yaml or csv (a spreadsheet: a header row of fact paths or "
                 "Chinese labels, then a "
                 "case per row). Default: csv for a file named *.csv, yaml otherwise; standard "
                 "input is yaml unless told")
      ->check(CLI::IsMember({"yaml", "csv"}));
  if (offers("xlsx"))
    c.output_option =
        app.add_option(
               "--output", c.output,
               "With --format xlsx: the workbook to write (else standard output, when it is not a "
               "terminal)")
            ->type_name("FILE");
  app.add_option("-j,--jobs", c.jobs,
                 "Cases judged in parallel (default: every core); output keeps input order")
      ->check(CLI::NonNegativeNumber);
}

// --no-round (sbc-check and sbc-subsidy).
inline void add_no_round(CLI::App& app, Common& c, bool subsidy) {
  app.add_flag(
      "--no-round", c.no_round,
      subsidy
          ? "Judge each case alone. By default the inputs of one run are a round: an enterprise's "
            "cases share its cap (单个企业最高200万元), each case is given its payable share, and "
            "claims "
            "made in two cases (a policy, an invoice, a contract with its buyer, a product) are "
            "flagged"
          : "Judge each case alone. By default the inputs of one run are a round, and a product "
            "applied for twice by one enterprise is flagged");
}

// --records FILE|DIR (sbc-check and sbc-subsidy).
inline void add_records(CLI::App& app, Common& c) {
  app.add_option("--records", c.records,
                 "The programme's records, CSV (recognised lists, compensation paid, the negative "
                 "list; a directory: every *.csv below it; man 5 sbc-records): each case's batch, "
                 "earlier compensations and support and negative listing are settled by them, "
                 "each with its source (repeatable)")
      ->allow_extra_args(false)  // one path each time, then the cases are positional again
      ->type_name("FILE|DIR");
}

// --compare-rules A B (sbc-check and sbc-subsidy).
inline void add_compare(CLI::App& app, Common& common, std::vector<std::string>& packs) {
  app.add_option("--compare-rules", packs,
                 "Judge every case under two packs (ids or files) and print the cases whose "
                 "verdict, path or "
                 "amount changes, with the conditions responsible, then a summary. Exit 0: nothing "
                 "changed, "
                 "1: some case changed, 2: some case could not be judged")
      ->expected(2)
      ->allow_extra_args(false)
      // The option itself, not its name: CLI11 looks a name up in a noexcept function that
      // allocates, which ends the program if memory runs out.
      ->excludes(common.rules_option)
      ->type_name("A B");
}

// --template and --interview FILE (sbc-check and sbc-subsidy): starting a case without knowing
// YAML.
struct Intake {
  bool print_template = false;
  std::string interview;
};

inline void add_intake(CLI::App& app, Intake& intake) {
  app.add_flag(
      "--template", intake.print_template,
      "Print a skeleton case for the pack (--rules, else the Shandong pack in force today): every "
      "fact its "
      "rules read, each with its question, clause and accepted forms, its value commented out");
  app.add_option("--interview", intake.interview,
                 "Ask, at a terminal, for the facts that decide the verdict, one at a time "
                 "(nearest path first), "
                 "checking each answer, judging again and saving FILE after every answer; FILE is "
                 "read first if "
                 "it exists (its old text kept as FILE~)")
      ->type_name("FILE");
}

// Runs CLI11's parse; maps its exit codes (help and version 0, anything else 2).
inline std::optional<int> parse(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitStatus::error);
  }
  return std::nullopt;
}

}  // namespace sbc::cli
