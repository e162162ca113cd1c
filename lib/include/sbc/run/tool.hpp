// What the three tools' mains share once CLI11 has parsed their command line: the words made into
// the library's options, the language from the locale, where a workbook goes, the progress line,
// the run at a terminal, and the boundary that turns any failure into status 2. The process's
// state (environment, terminals, clock) comes in as values, so each rule here has a unit test.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sbc/batch/batch.hpp"
#include "sbc/rules/rules.hpp"
#include "sbc/run/check.hpp"
#include "sbc/run/subsidy.hpp"
#include "sbc/values/date.hpp"

namespace sbc {

// The options all three tools share, as typed (shared/cli.md).
struct ToolArguments {
  std::vector<std::string> inputs;
  std::string rules;
  bool list_rules = false;
  std::string format = "text";
  std::string lang;  // empty: from the locale (see language())
  std::string as_of;
  std::string color = "auto";
  int jobs = 0;  // 0: every core
  std::vector<std::string> limits;
  std::string input_format;  // empty: by each input's name
  std::string output;        // --output FILE (xlsx)
  std::string command_line;  // as typed, for a workbook's decision record
  bool no_round = false;
  std::vector<std::string> records;  // --records FILE|DIR (sbc-check, sbc-subsidy)
};

// What a tool learns from the process it runs in.
struct Environment {
  std::function<const char*(const char*)> variable;  // getenv
  bool stdin_terminal = false;
  bool stdout_terminal = false;
  bool stderr_terminal = false;
  unsigned cores = 1;
  // This process's: getenv, isatty on 0, 1 and 2, the hardware's threads.
  static Environment of_process();
};

// --lang, else the first locale variable set (LC_ALL, LC_MESSAGES, LANG, as gettext reads them):
// en for an English locale, zh for any other (the contract's default).
Lang language(const std::string& option, const Environment& env);

// The command line as typed (the program's base name, arguments with spaces or quotes quoted),
// for a workbook's decision record.
std::string command_line(const std::vector<std::string>& argv);

// Fills the library's options from the shared arguments; a message for a bad value. An xlsx
// workbook goes to --output, else to a temporary file that run_tool copies to standard output
// (libxlsxwriter writes a named file), never to a terminal.
std::optional<std::string> to_options(const ToolArguments& a, CheckOptions& o,
                                      const Environment& env);
// sbc-subsidy's --window START END and --form NAME (empty when not given); a message for a bad
// window, or for a PDF or Word file meant for a terminal. --form pdf and --form docx write to
// --output (a file, or a directory for a file per case), else to standard output. Call after
// to_options, whose language the message takes.
std::optional<std::string> to_subsidy_options(const std::vector<std::string>& window,
                                              const std::string& form, const ToolArguments& a,
                                              const Environment& env, SubsidyOptions& o);
// The workbook is written to a temporary file and then copied to standard output.
bool workbook_to_stdout(const ToolArguments& a, const CheckOptions& o);

// A progress line for batches that take more than a moment: cases done and the rate (the total
// is not known while the batch streams). Drawn after a second, redrawn at most ten times a
// second, erased by clear() when it was drawn.
class Progress {
 public:
  using Clock = std::chrono::steady_clock;
  Progress(std::ostream& err, bool shown, Clock::time_point start = Clock::now());
  void update(size_t done, Clock::time_point now = Clock::now());
  void clear();
  double seconds(Clock::time_point now = Clock::now()) const;

 private:
  std::ostream& err_;
  bool shown_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_;
};

// The progress line's text after `done` cases in `seconds`: "\r\x1b[K1500 cases, 1000/s".
std::string progress_line(size_t done, double seconds);

// Where a tool writes, and whether a person watches standard error.
struct Console {
  std::ostream& out;
  std::ostream& err;
  bool err_terminal = false;
};

// The tool's batch: it takes the progress callback and returns the summary.
using ToolRun = std::function<BatchSummary(std::function<void(size_t)>)>;

// --list-rules, or: loads --rules up front so that a bad pack stops the run before any case, runs
// the batch, copies a workbook meant for standard output there, and for a person at standard
// error (unless -q) shows progress and, after more than one case, the summary. An InputError
// becomes "NAME: file:line:col: message" and status 2.
int run_tool(const char* name, const ToolArguments& a, const CheckOptions& o, bool with_total,
             RuleLibrary& rules, const ToolRun& run, const Console& console);

// Today, from the clock: which Shandong pack is in force for --template and --interview. The
// judgement never reads the clock; this is the only place that does.
Date today();

// Runs a tool's main at its boundary: whatever escapes it (memory that ran out, a file that could
// not be written) becomes "NAME: error: …" on standard error and status 2, never an abort.
int guarded(const char* name, const std::function<int()>& body);

}  // namespace sbc
