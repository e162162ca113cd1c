// sbc-validate as a library call: every problem of every case file, the way a compiler reports,
// and the lint of rule packs.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "sbc/batch/batch.hpp"
#include "sbc/model/case.hpp"
#include "sbc/rules/rules.hpp"
#include "sbc/run/check.hpp"

namespace sbc {

// The checks across fields of a readable case: dates in order, sums within their totals, a
// declared rate that disagrees with premium ÷ limit (a warning), contracts a policy names that do
// not exist, the same policy number or contract twice, a credit code whose check character is
// wrong, and, with `rules`, a `rules:` key that names no loadable pack.
std::vector<Diagnostic> cross_field_problems(const Case& c, RuleLibrary* rules = nullptr);

struct ValidateOptions {
  ReadOptions read;  // unknown keys are errors here
  OutputOptions output;
  int jobs = 1;
  bool strict = false;  // warnings count as errors
};

// Every problem of every case, in the order of their lines; exit 0 when there is no error, 1 when
// a case has one, 2 when a file cannot be read at all (missing, not YAML, over a limit). `rules`
// resolves the packs that cases name in their `rules:` key.
BatchSummary run_validate(const std::vector<std::string>& inputs, const ValidateOptions& options,
                          RuleLibrary& rules, std::istream& in, std::ostream& out);

// Lints rule pack files (a directory: its *.yaml and *.yml; "-": standard input), loading each as
// the tools do: its first problem as file:line:col in text, or one object per pack (pack, problems)
// in json/jsonl. 0 when all are clean, 1 when a pack has a problem, 2 when a file cannot be read.
ExitStatus lint_rules(const std::vector<std::string>& inputs, const OutputOptions& output,
                      std::istream& in, std::ostream& out, const Limits& limits = {});

// sbc-validate --records: reads the record files (a directory: every *.csv below it) and reports
// each problem at its file:line:col, in `output`'s format; a summary of what was read goes to
// `err` unless quiet. 0 when every row reads, 1 when one does not, 2 when a file cannot be read.
ExitStatus check_records(const std::vector<std::string>& paths, const OutputOptions& output,
                         std::ostream& out, std::ostream& err, const Limits& limits);

}  // namespace sbc
