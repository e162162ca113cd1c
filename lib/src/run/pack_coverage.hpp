// What a pack's tests saw of it (sbc-validate --test --coverage): each condition passing and
// failing; each compensation rule failing a policy or a sale and letting one through, or, for a
// rule of the amount, changing an amount that a test pins; each award tier holding part of a pinned
// award. Whatever no test saw is a rule a change could break unnoticed.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "sbc/judge/subsidy.hpp"
#include "sbc/judge/verdict.hpp"
#include "sbc/rules/rules.hpp"

namespace sbc {

class PackCoverage {
 public:
  // What one passing test saw. `pinned`: it states the compensation (or the subsidy) to the fen;
  // `pinned_awards`: the awards whose amounts it states.
  void add_conditions(const std::vector<ConditionResult>& results);
  void add_subsidy(const SubsidyVerdict& v, bool pinned, const std::vector<std::string>& awards);

  // For the pack: the figures, then a line for each one no test saw; complete when there is none.
  struct Report {
    std::string text;
    bool complete = false;
  };
  Report report(const RulePack& pack) const;

 private:
  struct Seen {
    bool pass = false, fail = false;
  };
  std::map<std::string, Seen> conditions_;                // by id
  std::map<std::string, Seen> rules_;                     // fail: a finding; pass: pinned
  std::map<std::pair<std::string, size_t>, bool> tiers_;  // (award, tier): pinned
};

}  // namespace sbc
