// sbc-subsidy's result for one case, and how it reads in text, JSON, Markdown and CSV.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sbc/base/diagnostic.hpp"
#include "sbc/base/exit_status.hpp"
#include "sbc/judge/subsidy.hpp"
#include "sbc/model/case.hpp"
#include "sbc/render/output.hpp"

namespace sbc {

struct SubsidyResult {
  Case input;
  std::optional<SubsidyVerdict> verdict;
  std::vector<Diagnostic> errors;
};

ExitStatus exit_status(const SubsidyResult& r);

std::string render_text(const SubsidyResult& r, const OutputOptions& o);
std::string render_json(const SubsidyResult& r, const OutputOptions& o, bool pretty);
std::string render_markdown(const SubsidyResult& r, const OutputOptions& o);
// One CSV row: file, index, applicant, product, verdict, subsidy, and what failed: case-level
// rule ids, then contract:rule for sales and number:rule for policies.
std::string render_csv(const SubsidyResult& r);
extern const char* const kSubsidyCsvHeader;

}  // namespace sbc
