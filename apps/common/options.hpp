// The options all three tools share (shared/cli.md), declared once. Parsing only: no logic here.
#pragma once

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <new>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sbc/base/exit_status.hpp"
#include "sbc/run/check.hpp"
#include "sbc/run/compare.hpp"
#include "sbc/intake/template.hpp"
#include "sbc/intake/interview.hpp"

namespace sbc::cli {

struct Common {
  std::vector<std::string> inputs;
  std::string rules;
  bool list_rules = false;
  std::string format = "text";
  std::string lang;  // empty: from LC_ALL, LC_MESSAGES or LANG (see language())
  std::string as_of;
  std::string color = "auto";
  int jobs = 0;
  std::vector<std::string> limits;
  std::string input_format;  // empty: by each input's name
  std::string output;        // --output FILE (xlsx)
  std::string command_line;  // as typed, for a workbook's decision record
  bool workbook_to_stdout = false;
  bool no_round = false;     // --no-round
  CLI::Option* rules_option = nullptr;  // --rules, for the options that exclude it
};

// `formats`: the --format values this tool renders.
inline void add_common(CLI::App& app, Common& c, const std::vector<std::string>& formats) {
  app.set_version_flag("--version", std::string("sbc ") + SBC_VERSION);
  app.footer(
      "Exit status: 0 every case passes, 1 some case fails the rules, 2 some case or input could not be\n"
      "evaluated (or a bad command line or rule pack), 3 some case is undetermined (facts missing);\n"
      "over a batch the worst wins in the order 2 > 1 > 3 > 0. Progress and a summary go to standard\n"
      "error when it is a terminal (not with -q). See the man page for the case format and examples.");
  app.add_option("cases", c.inputs, "Case files (YAML, several --- documents each), directories, or - for stdin")
      ->type_name("FILE|DIR|-");
  c.rules_option = app.add_option("--rules", c.rules,
                 "Rule pack: a built-in id (see --list-rules) or a pack file. Default: the case's rules: key, "
                 "else the built-in pack of the applicant's province covering the application date")
      ->type_name("ID|FILE");
  app.add_flag("--list-rules", c.list_rules, "List the built-in rule packs and exit");
  auto offers = [&](const char* format) { return std::find(formats.begin(), formats.end(), format) != formats.end(); };
  std::string described = "Output: text for people, json (an array), jsonl (one object a line)";
  if (offers("csv")) described += ", csv (one row a case)";
  if (offers("markdown")) described += ", markdown (a report)";
  if (offers("xlsx")) described += ", xlsx (the 汇总表 as an Excel workbook: sheets 汇总, 明细, 说明; a file, see --output)";
  if (offers("html")) described += ", html (one self-contained page for the batch: summary, charts, 汇总表, each case)";
  if (offers("yaml")) described += ", yaml (with --template only; --template takes csv too: the header row)";
  if (offers("junit"))
    described += "; for CI: junit (JUnit XML test results), sarif (2.1.0, code scanning), github "
                 "(workflow annotations)";
  app.add_option("--format", c.format, described)
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  app.add_option("--lang", c.lang,
                 "Language of messages. Default: en when the locale (LC_ALL, LC_MESSAGES, LANG) is English, else zh")
      ->check(CLI::IsMember({"zh", "en"}));
  app.add_option("--as-of", c.as_of, "Judge as on this date (YYYY-MM-DD) instead of the application date")
      ->type_name("DATE");
  app.add_option("--color", c.color, "Colour the verdicts: auto (a terminal, unless NO_COLOR or TERM=dumb)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_option("--limit", c.limits,
                 "Raise or lower a reading limit, NAME=N: max_file_bytes, max_document_bytes, max_scalar_bytes, "
                 "max_depth, max_nodes, max_pack_bytes (a rule pack file) (repeatable)")
      ->allow_extra_args(false)  // one NAME=N each time, then the cases are positional again
      ->type_name("NAME=N");
  app.add_option("--input-format", c.input_format,
                 "Read the inputs as yaml or csv (a spreadsheet: a header row of fact paths or Chinese labels, then a "
                 "case per row). Default: csv for a file named *.csv, yaml otherwise; standard input is yaml unless told")
      ->check(CLI::IsMember({"yaml", "csv"}));
  if (offers("xlsx"))
    app.add_option("--output", c.output,
                   "With --format xlsx: the workbook to write (else standard output, when it is not a terminal)")
        ->type_name("FILE");
  app.add_option("-j,--jobs", c.jobs, "Cases judged in parallel (default: every core); output keeps input order")
      ->check(CLI::NonNegativeNumber);
}

// --no-round (sbc-check and sbc-subsidy).
inline void add_no_round(CLI::App& app, Common& c, bool subsidy) {
  app.add_flag("--no-round", c.no_round,
               subsidy ? "Judge each case alone. By default the inputs of one run are a round: an enterprise's "
                         "cases share its cap (单个企业最高200万元), each case is given its payable share, and claims "
                         "made in two cases (a policy, an invoice, a contract with its buyer, a product) are flagged"
                       : "Judge each case alone. By default the inputs of one run are a round, and a product "
                         "applied for twice by one enterprise is flagged");
}

// --compare-rules A B (sbc-check and sbc-subsidy).
inline void add_compare(CLI::App& app, Common& common, std::vector<std::string>& packs) {
  app.add_option("--compare-rules", packs,
                 "Judge every case under two packs (ids or files) and print the cases whose verdict, path or "
                 "amount changes, with the conditions responsible, then a summary. Exit 0: nothing changed, "
                 "1: some case changed, 2: some case could not be judged")
      ->expected(2)
      ->allow_extra_args(false)
      // The option itself, not its name: CLI11 looks a name up in a noexcept function that
      // allocates, which ends the program if memory runs out.
      ->excludes(common.rules_option)
      ->type_name("A B");
}

// --template and --interview FILE (sbc-check and sbc-subsidy): starting a case without knowing YAML.
struct Intake {
  bool print_template = false;
  std::string interview;
};

inline void add_intake(CLI::App& app, Intake& intake) {
  app.add_flag("--template", intake.print_template,
               "Print a skeleton case for the pack (--rules, else the Shandong pack in force today): every fact its "
               "rules read, each with its question, clause and accepted forms, its value commented out");
  app.add_option("--interview", intake.interview,
                 "Ask, at a terminal, for the facts that decide the verdict, one at a time (nearest path first), "
                 "checking each answer, judging again and saving FILE after every answer; FILE is read first if "
                 "it exists (its old text kept as FILE~)")
      ->type_name("FILE");
}

// The language of messages: --lang, else the first locale variable set (LC_ALL, LC_MESSAGES,
// LANG, as gettext reads them): en for an English locale, zh for any other (the contract's default).
inline Lang language(const std::string& option) {
  if (!option.empty()) return option == "en" ? Lang::en : Lang::zh;
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    return std::strncmp(value, "en", 2) == 0 ? Lang::en : Lang::zh;
  }
  return Lang::zh;
}

// Fills the library's options; returns an error message for a bad value.
// The command line as typed (arguments with spaces quoted), for a workbook's decision record.
inline std::string command_line(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    std::string a = i == 0 ? std::string(std::strrchr(argv[0], '/') ? std::strrchr(argv[0], '/') + 1 : argv[0]) : argv[i];
    if (a.find_first_of(" \t'\"") != std::string::npos) a = "'" + a + "'";
    out += (out.empty() ? "" : " ") + a;
  }
  return out;
}

// Where an xlsx workbook goes: --output, else standard output through a temporary file (a
// workbook is a zip file, which libxlsxwriter writes to a named file), never a terminal.
inline std::optional<std::string> workbook_destination(Common& c, CheckOptions& o) {
  if (o.output.format != Format::xlsx) return std::nullopt;
  o.output.command_line = c.command_line;
  if (!c.output.empty()) {
    o.output.file = c.output;
    return std::nullopt;
  }
  if (isatty(STDOUT_FILENO))
    return Text{"xlsx 工作簿是文件：请用 --output FILE，或把标准输出重定向到文件",
                "an xlsx workbook is a file: give --output FILE, or redirect standard output to one"}
        .in(o.output.lang);
  char name[] = "/tmp/sbc-workbook-XXXXXX";
  int fd = mkstemp(name);
  if (fd < 0) return std::string("cannot create a temporary file: ") + std::strerror(errno);
  close(fd);
  o.output.file = name;
  c.workbook_to_stdout = true;
  return std::nullopt;
}

inline std::optional<std::string> to_options(Common& c, CheckOptions& o) {
  o.rules = c.rules;
  o.round = !c.no_round;
  o.output.format = c.format == "json"       ? Format::json
                    : c.format == "jsonl"    ? Format::jsonl
                    : c.format == "csv"      ? Format::csv
                    : c.format == "markdown" ? Format::markdown
                    : c.format == "junit"    ? Format::junit
                    : c.format == "sarif"    ? Format::sarif
                    : c.format == "github"   ? Format::github
                    : c.format == "xlsx"     ? Format::xlsx
                    : c.format == "html"     ? Format::html
                                             : Format::text;
  o.output.lang = language(c.lang);
  if (!c.as_of.empty()) {
    Parsed<Date> d = parse_date(c.as_of);
    if (!d) return "--as-of: " + d.error.in(o.output.lang);
    o.as_of = d.value;
  }
  o.read.format = c.input_format == "csv" ? InputFormat::csv : c.input_format == "yaml" ? InputFormat::yaml : InputFormat::by_name;
  for (const std::string& limit : c.limits)
    if (!o.read.limits.set(limit))
      return Text{"--limit：应为 NAME=N（已知的 NAME，正整数 N），而不是 " + limit,
                  "--limit: expected NAME=N with a known NAME and a positive N, not " + limit}
          .in(o.output.lang);
  const char* term = std::getenv("TERM");
  bool terminal = isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr &&
                  !(term && std::strcmp(term, "dumb") == 0);
  o.output.color = c.color == "always" || (c.color == "auto" && terminal);
  o.jobs = c.jobs > 0 ? c.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return workbook_destination(c, o);
}

// A progress line on standard error for batches that take more than a moment: cases done and
// the rate (the total is not known while the batch streams). Redrawn at most ten times a second.
class Progress {
 public:
  explicit Progress(bool shown) : shown_(shown) {}
  void update(size_t done) {
    if (!shown_) return;
    auto now = std::chrono::steady_clock::now();
    double elapsed = seconds(now);
    if (elapsed < 1.0 || now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    std::cerr << "\r\x1b[K" << done << " cases, " << static_cast<long>(done / elapsed) << "/s" << std::flush;
    drawn_ = true;
  }
  void clear() {
    if (drawn_) std::cerr << "\r\x1b[K" << std::flush;
  }
  double seconds(std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now()) const {
    return std::chrono::duration<double>(now - start_).count();
  }

 private:
  bool shown_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = start_;
};

// Loads --rules up front so that a bad pack stops the run before any case, runs the tool's batch
// (`run` takes the progress callback and returns the summary), and on a terminal shows progress
// and the summary on standard error unless -q. An InputError becomes a message and status 2.
template <class Run>
int run_tool(const char* name, const Common& c, const CheckOptions& o, bool with_total, RuleLibrary& rules,
             Run run) {
  try {
    if (c.list_rules) {
      list_rules(rules, o.output, std::cout);
      return 0;
    }
    if (!o.rules.empty()) rules.get(o.rules);
    if (c.inputs.empty()) {
      std::cerr << name << ": "
                << Text{"未给出案例（文件、目录或 -）；见 --help", "no case given (a file, a directory or -); see --help"}
                       .in(o.output.lang)
                << "\n";
      return static_cast<int>(ExitStatus::error);
    }
    bool for_people = isatty(STDERR_FILENO) && !o.output.quiet;
    Progress progress(for_people);
    BatchSummary summary = run([&progress](size_t done) { progress.update(done); });
    progress.clear();
    if (c.workbook_to_stdout) {
      std::ifstream book(o.output.file, std::ios::binary);
      std::cout << book.rdbuf() << std::flush;
      std::remove(o.output.file.c_str());
    }
    if (for_people && summary.cases > 1)
      std::cerr << render_summary(summary, o.output.lang, with_total, progress.seconds()) << "\n";
    return static_cast<int>(summary.status);
  } catch (const InputError& e) {
    std::cerr << name << ": " << format_gnu(e.diagnostic(), o.output.lang) << "\n";
    return static_cast<int>(ExitStatus::error);
  }
}

// Today, from the clock (which the library never reads): for the Shandong pack in force today.
inline Date today() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date{static_cast<int>(now.time_since_epoch().count())};
}

// --template: the skeleton case of --rules, else of the Shandong pack in force today.
inline int run_template(const char* name, const CheckOptions& o, const std::string& format, bool subsidy,
                        RuleLibrary& rules) {
  try {
    if (format != "text" && format != "yaml" && format != "csv") {
      std::cerr << name << ": "
                << Text{"--template 只输出 yaml 或 csv", "--template prints yaml or csv only"}.in(o.output.lang) << "\n";
      return static_cast<int>(ExitStatus::error);
    }
    const RulePack& pack = o.rules.empty() ? default_template_pack(rules, "shandong", subsidy, today())
                                           : rules.get(o.rules);
    if (std::optional<Text> why = pack.unusable_for(subsidy)) {
      std::cerr << name << ": " << why->in(o.output.lang) << "\n";
      return static_cast<int>(ExitStatus::error);
    }
    if (format == "csv") write_template_csv(pack, subsidy, std::cout);
    else write_template(pack, subsidy, o.output.lang, std::cout);
    return 0;
  } catch (const InputError& e) {
    std::cerr << name << ": " << format_gnu(e.diagnostic(), o.output.lang) << "\n";
    return static_cast<int>(ExitStatus::error);
  }
}

// --interview FILE: only at a terminal (scripts use the files; there is no half-interactive mode).
inline int run_interview(const char* name, const Common& c, const SubsidyOptions& o, const std::string& file,
                         bool subsidy, RuleLibrary& rules) {
  Lang lang = o.common.output.lang;
  if (!c.inputs.empty()) {
    std::cerr << name << ": " << Text{"--interview 不与案例文件同用", "--interview takes no case files"}.in(lang) << "\n";
    return static_cast<int>(ExitStatus::error);
  }
  if (!isatty(STDIN_FILENO)) {
    std::cerr << name << ": "
              << Text{"--interview 需要在终端上回答（标准输入不是终端）；脚本请直接处理案例文件",
                      "--interview needs answers typed at a terminal (standard input is not one); scripts use the case files"}
                     .in(lang)
              << "\n";
    return static_cast<int>(ExitStatus::error);
  }
  InterviewOptions options{file, subsidy, o, today()};
  return static_cast<int>(sbc::run_interview(options, rules, std::cin, std::cout, std::cerr));
}

// Runs a tool's main at its boundary: whatever escapes it (memory that ran out, a file that could
// not be written) becomes one line on standard error and status 2, never an abort. The line is
// written with stdio, which needs no memory of its own for an unbuffered stream.
template <class Body>
int guarded(const char* name, Body body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "%s: error: out of memory\n", name);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: error: %s\n", name, e.what());
  } catch (...) {
    std::fprintf(stderr, "%s: error: an unexpected failure\n", name);
  }
  std::fflush(stdout);
  return static_cast<int>(ExitStatus::error);
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
