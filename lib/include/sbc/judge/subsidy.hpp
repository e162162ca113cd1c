// Insurance compensation (保险补偿): which policies count and the subsidy, exact to the fen, with a
// cited reason for every policy or sale that does not count.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sbc/judge/verdict.hpp"
#include "sbc/model/case.hpp"
#include "sbc/rules/rules.hpp"

namespace sbc {

// A rule of the engine that failed, or could not be decided, for one policy or sale.
struct Finding {
  std::string id;      // e.g. pay.first_installment
  std::string clause;  // e.g. 附件3 三
  Tri result = Tri::fail;
  Text message;
  std::vector<std::string> missing;  // facts to supply, for an unknown result
};

struct SaleResult {
  std::string contract;  // the contract id, or "sales[i]" when none is given
  std::optional<Money> amount;
  std::optional<Money> invoiced;  // all invoices
  std::optional<Date> sale_date;  // the invoice that takes the invoiced total to the share
  Tri counts = Tri::unknown;      // realised, in the window, and not barred as a group sale
  std::vector<Finding> findings;  // what keeps it from counting
};

struct PolicyResult {
  std::string number;
  std::string kind;
  std::optional<Money> premium;
  std::optional<Money> annual_premium;
  std::optional<Money> liability_limit;
  std::optional<Rate> rate;
  std::optional<Rate> capped_rate;
  std::vector<std::string> covered;    // contracts of the counting sales it covers
  std::optional<Money> covered_sales;  // their contract amounts
  std::optional<Money> eligible_limit;
  std::optional<Money> base;
  std::optional<Money> subsidy;
  Tri counted = Tri::unknown;
  std::vector<Finding> findings;  // failing and unknown rules
  std::vector<Text> warnings;     // e.g. a declared rate that disagrees, a term over a year
  // amount.one_year (Henan): the compensated year, the days of the policy's term inside it and in
  // all, and the premium paid for those days (paid × inside ÷ term, half up), which the base is
  // figured on.
  std::optional<Money> paid_premium;  // the premium as it counts: as far as it was paid
  std::optional<DateRange> period;
  std::optional<DateRange> year;
  int days_in_year = 0;
  int days_in_term = 0;
  std::optional<Money> year_share;
};

struct MaterialsResult {
  Tri result = Tri::unknown;
  std::vector<std::string> required;  // every material this case needs
  std::vector<std::string> missing;   // those not listed in the case's materials
  Text message;
};

// One award under its programme's rules: granted (pass) with its amount, not due (fail), or
// undetermined (unknown) with the facts to supply.
struct AwardResult {
  const Award* award = nullptr;
  Tri result = Tri::unknown;
  std::vector<ConditionResult> conditions;
  std::optional<Money> base;
  Text base_text;                   // how the base was measured
  std::vector<Money> tier_parts;    // the part of the base in each tier
  std::optional<Money> before_cap;  // Σ tier part × share, half up to the fen once
  Money amount;                     // after the cap; 0 unless granted
  bool cap_applied = false;
  std::vector<std::string> missing;
};

// The facts a rule of the compensation engine reads, as dotted paths with `[]` for a list's items
// ("insurance.policies[].premium"); empty for a rule that reads none or an unknown id. What a
// template or an interview asks for a pack that cites the rule.
const std::vector<std::string>& facts_read_by(std::string_view rule_id);

// Computes one award for a readable case (its conditions' messages in `langs`).
AwardResult compute_award(const Award& award, const Case& c, std::optional<Date> as_of,
                          Languages langs = {});

enum class Grant { granted, denied, undetermined };
const char* to_string(Grant g);

struct SubsidyVerdict {
  const RulePack* pack = nullptr;
  Grant outcome = Grant::undetermined;
  std::optional<Date> as_of;
  std::optional<DateRange> window;
  std::string window_source;  // "command line", "case", "pack", or empty when there is none
  std::vector<ConditionResult> conditions;  // case level
  MaterialsResult materials;
  std::vector<SaleResult> sales;
  std::vector<PolicyResult> policies;
  Money total_before_cap;  // the counted policies' subsidies
  Money compensation;  // after the enterprise cap (0 when denied; proven so far when undetermined)
  bool cap_applied = false;
  std::vector<AwardResult> awards;
  Money subsidy;  // the compensation and the granted awards together
  std::vector<std::string> missing;
  // The missing facts that could still change an undetermined outcome or amount: those of unknown
  // case-level conditions and materials, of policies still undetermined and of their sales, and of
  // undetermined awards. Empty once the outcome is settled.
  std::vector<std::string> decisive;
  std::vector<Text> warnings;
};

// Computes the compensation and the awards of a readable case under a pack that has either.
// `window` (from --window) overrides the case's and the pack's insurance window. The conditions'
// messages are made in `langs`.
SubsidyVerdict compute_subsidy(const RulePack& pack, const Case& c, std::optional<Date> as_of,
                               std::optional<DateRange> window, Languages langs = {});

}  // namespace sbc
