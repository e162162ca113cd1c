// sbc-subsidy as a library call: read cases, compute each one's compensation, render it.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sbc/package/package.hpp"
#include "sbc/render/subsidy.hpp"
#include "sbc/run/check.hpp"

namespace sbc {

struct SubsidyOptions {
  CheckOptions common;               // rules, as-of, reading, output, jobs
  std::optional<DateRange> window;   // --window START END
  FormStyle form = FormStyle::none;  // --form: the 附3-2 application package instead of the report
};

// Chooses the pack (it must have a compensation section) and computes; never throws for a bad
// case or pack: that is an error result.
SubsidyResult subsidy_case(Case c, RuleLibrary& rules, const SubsidyOptions& options);
BatchSummary run_subsidy(const std::vector<std::string>& inputs, const SubsidyOptions& options,
                         RuleLibrary& rules, std::istream& in, std::ostream& out,
                         std::function<void(size_t)> on_progress = {});

}  // namespace sbc
