// The options all three tools share (shared/cli.md), declared once. Parsing only: no logic here.
#pragma once

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sbc/check.hpp"
#include "sbc/exit_status.hpp"

namespace sbc::cli {

struct Common {
  std::vector<std::string> inputs;
  std::string rules;
  bool list_rules = false;
  std::string format = "text";
  std::string lang = "zh";
  std::string as_of;
  std::string color = "auto";
  int jobs = 0;
};

inline void add_common(CLI::App& app, Common& c) {
  app.set_version_flag("--version", std::string("sbc ") + SBC_VERSION);
  app.add_option("cases", c.inputs, "Case files (YAML, several --- documents each), directories, or - for stdin")
      ->type_name("FILE|DIR|-");
  app.add_option("--rules", c.rules,
                 "Rule pack: a built-in id (see --list-rules) or a pack file. Default: the case's rules: key, "
                 "else the built-in pack of the applicant's province covering the application date")
      ->type_name("ID|FILE");
  app.add_flag("--list-rules", c.list_rules, "List the built-in rule packs and exit");
  app.add_option("--format", c.format, "Output: text for people, json (an array), jsonl (one object a line)")
      ->check(CLI::IsMember({"text", "json", "jsonl"}))
      ->capture_default_str();
  app.add_option("--lang", c.lang, "Language of messages")->check(CLI::IsMember({"zh", "en"}))->capture_default_str();
  app.add_option("--as-of", c.as_of, "Judge as on this date (YYYY-MM-DD) instead of the application date")
      ->type_name("DATE");
  app.add_option("--color", c.color, "Colour the verdicts: auto (a terminal, unless NO_COLOR or TERM=dumb)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_option("-j,--jobs", c.jobs, "Cases judged in parallel (default: every core); output keeps input order")
      ->check(CLI::NonNegativeNumber);
}

// Fills the library's options; returns an error message for a bad value.
inline std::optional<std::string> to_options(const Common& c, CheckOptions& o) {
  o.rules = c.rules;
  o.output.format = c.format == "json" ? Format::json : c.format == "jsonl" ? Format::jsonl : Format::text;
  o.output.lang = c.lang == "en" ? Lang::en : Lang::zh;
  if (!c.as_of.empty()) {
    Parsed<Date> d = parse_date(c.as_of);
    if (!d) return "--as-of: " + d.error.in(o.output.lang);
    o.as_of = d.value;
  }
  const char* term = std::getenv("TERM");
  bool terminal = isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr &&
                  !(term && std::strcmp(term, "dumb") == 0);
  o.output.color = c.color == "always" || (c.color == "auto" && terminal);
  o.jobs = c.jobs;
  return std::nullopt;
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
