// sbc-subsidy as a library call: read cases, compute each one's compensation, render it.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sbc/run/check.hpp"
#include "sbc/judge/subsidy.hpp"

namespace sbc {

enum class FormStyle { none, markdown, html };

struct SubsidyOptions {
  CheckOptions common;              // rules, as-of, reading, output, jobs
  std::optional<DateRange> window;  // --window START END
  FormStyle form = FormStyle::none;  // --form: the 附3-2 application package instead of the report
};

struct SubsidyResult {
  Case input;
  std::optional<SubsidyVerdict> verdict;
  std::vector<Diagnostic> errors;
};

// Chooses the pack (it must have a compensation section) and computes; never throws for a bad
// case or pack: that is an error result.
SubsidyResult subsidy_case(Case c, RuleLibrary& rules, const SubsidyOptions& options);
ExitStatus exit_status(const SubsidyResult& r);

std::string render_text(const SubsidyResult& r, const OutputOptions& o);
std::string render_json(const SubsidyResult& r, const OutputOptions& o, bool pretty);
std::string render_markdown(const SubsidyResult& r, const OutputOptions& o);
// One CSV row: file, index, applicant, product, verdict, subsidy, and what failed: case-level
// rule ids, then contract:rule for sales and number:rule for policies.
std::string render_csv(const SubsidyResult& r);
extern const char* const kSubsidyCsvHeader;

BatchSummary run_subsidy(const std::vector<std::string>& inputs, const SubsidyOptions& options, RuleLibrary& rules,
                         std::istream& in, std::ostream& out, std::function<void(size_t)> on_progress = {});

}  // namespace sbc
