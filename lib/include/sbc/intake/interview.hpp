// --interview FILE: a consultant pre-screening a client at a terminal. One fact at a time, the
// ones that decide the verdict first; each answer checked as the case reader checks it, the case
// judged again and FILE rewritten (atomically) after every answer.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include "sbc/base/exit_status.hpp"
#include "sbc/base/parsed.hpp"
#include "sbc/model/case.hpp"
#include "sbc/rules/rules.hpp"
#include "sbc/run/subsidy.hpp"
#include "sbc/run/tool.hpp"
#include "sbc/values/date.hpp"

namespace sbc {

struct InterviewOptions {
  std::string
      file;  // read when it exists, written after every answer (the first write keeps FILE~)
  bool subsidy = false;  // sbc-subsidy's facts and verdict, else sbc-check's
  SubsidyOptions tool;   // --rules, --as-of, --lang, --color, --window of the tool
  Date today;  // which Shandong pack is in force, when neither --rules nor the file names one
};

// One answer to the question for the fact at `path` (a dotted path, no list items), read exactly
// as the case reader reads that fact in a file: a list as [a, b] or a、b, a list of records in
// YAML flow form, anything else as typed. Fails with the reader's message.
Parsed<Value> read_answer(const std::string& path, const std::string& answer);

// Asks on `out`, reads answers from `in` (one line each: empty skips, `?` shows the clause's text,
// `q` or the end of input stops), and ends by itself when no fact left could change the verdict,
// printing the verdict as the tool would for FILE. Returns that verdict's exit status, or error
// when FILE cannot be read or written.
ExitStatus run_interview(const InterviewOptions& options, RuleLibrary& rules, std::istream& in,
                         std::ostream& out, std::ostream& err);

// --interview FILE from a tool's command line: only at a terminal and without case files
// (scripts use the files; there is no half-interactive mode), else status 2 with a message.
int interview_command(const char* name, const ToolArguments& a, const SubsidyOptions& o,
                      const std::string& file, bool subsidy, RuleLibrary& rules,
                      const Environment& env, Date today, std::istream& in, const Console& console);

}  // namespace sbc
