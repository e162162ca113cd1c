// sbc-check's result for one case, and how it reads in text, JSON and CSV.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sbc/base/diagnostic.hpp"
#include "sbc/base/exit_status.hpp"
#include "sbc/judge/verdict.hpp"
#include "sbc/model/case.hpp"
#include "sbc/render/output.hpp"

namespace sbc {

// The outcome for one case: a verdict, or the error that kept it from being judged.
struct CheckResult {
  Case input;
  std::optional<Verdict> verdict;
  std::vector<Diagnostic> errors;
};

ExitStatus exit_status(const CheckResult& r);

// Renders one result in text, as one JSON object (pretty for json, one line for jsonl), or as
// one CSV row (file, index, applicant, product, verdict, path, failing condition ids).
std::string render_text(const CheckResult& r, const OutputOptions& o);
std::string render_json(const CheckResult& r, const OutputOptions& o, bool pretty);
std::string render_csv(const CheckResult& r);
extern const char* const kCheckCsvHeader;

}  // namespace sbc
