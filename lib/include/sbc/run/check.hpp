// sbc-check as a library call: read cases, choose each one's pack, judge it, render the result.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sbc/batch/batch.hpp"
#include "sbc/render/check.hpp"
#include "sbc/rules/rules.hpp"

namespace sbc {

struct CheckOptions {
  std::string rules;          // --rules: a built-in id or a file; empty: chosen per case
  std::optional<Date> as_of;  // --as-of
  ReadOptions read;
  OutputOptions output;
  int jobs = 1;       // cases judged in parallel
  bool round = true;  // judge the inputs as one round (round.md); --no-round: each case alone
};

// The pack for a case: --rules when given, else as RuleLibrary::for_case. Throws InputError.
const RulePack& choose_pack(RuleLibrary& rules, const Case& c, const CheckOptions& options);

// Chooses the pack and judges one case (never throws for a bad case or pack: it is an error
// result).
CheckResult check_case(Case c, RuleLibrary& rules, const CheckOptions& options);

// The whole tool: every case of every input, judged on options.jobs workers, printed to `out`
// in input order. `on_progress` as in BatchOptions.
BatchSummary run_check(const std::vector<std::string>& inputs, const CheckOptions& options,
                       RuleLibrary& rules, std::istream& in, std::ostream& out,
                       std::function<void(size_t)> on_progress = {});

// --list-rules: the built-in packs (id, version, title, jurisdiction, dates, source).
void list_rules(RuleLibrary& rules, const OutputOptions& o, std::ostream& out);

}  // namespace sbc
