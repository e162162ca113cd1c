// sbc-validate as a library call: every problem of every case file, the way a compiler reports,
// and the lint of rule packs.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "sbc/batch.hpp"
#include "sbc/case.hpp"
#include "sbc/check.hpp"

namespace sbc {

// The checks across fields of a readable case: dates in order, sums within their totals, a
// declared rate that disagrees with premium ÷ limit, contracts a policy names that do not exist,
// the same policy number or contract twice, a credit code whose check character is wrong.
std::vector<Diagnostic> cross_field_problems(const Case& c);

struct ValidateOptions {
  ReadOptions read;  // unknown keys are errors here
  OutputOptions output;
  int jobs = 1;
  bool strict = false;  // warnings count as errors
};

// Every problem of every case; exit 0 when there is no error, 1 when a case has one, 2 when a
// file cannot be read at all (missing, not YAML, over a limit).
BatchSummary run_validate(const std::vector<std::string>& inputs, const ValidateOptions& options, std::istream& in,
                          std::ostream& out);

// The case format as a JSON Schema, from the same table the reader uses (schema/ ships it).
std::string case_json_schema();

// Lints rule pack files: each problem as file:line:col; 0 when all are clean, 1 otherwise.
ExitStatus lint_rules(const std::vector<std::string>& files, const OutputOptions& output, std::ostream& out);

}  // namespace sbc
