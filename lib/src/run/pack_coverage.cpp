#include "run/pack_coverage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <vector>

#include "sbc/values/money.hpp"

namespace sbc {
namespace {

// Whether a rule of the amount changed the amount of a counted policy: the limit cut to a multiple
// of the sales, the premium cut to what was paid or to the year's share, the total cut to the cap.
// amount.formula computes every amount, so any pinned one pins it.
bool changes_amount(const std::string& rule, const SubsidyVerdict& v) {
  if (rule == "amount.formula") return v.compensation.fen > 0;
  if (rule == "amount.enterprise_cap") return v.cap_applied;
  return std::any_of(v.policies.begin(), v.policies.end(), [&](const PolicyResult& p) {
    if (p.counted != Tri::pass) return false;
    if (rule == "amount.limit_multiple")
      return p.eligible_limit && p.liability_limit && *p.eligible_limit < *p.liability_limit;
    if (rule == "amount.paid_premium")
      return p.paid_premium && p.premium && *p.paid_premium < *p.premium;
    if (rule == "amount.one_year")
      return p.year_share && p.paid_premium && *p.year_share < *p.paid_premium;
    return false;
  });
}

bool is_amount_rule(const std::string& id) {
  return id.rfind("amount.", 0) == 0;
}

bool failed_somewhere(const std::string& rule, const SubsidyVerdict& v) {
  auto fails = [&](const std::vector<Finding>& findings) {
    return std::any_of(findings.begin(), findings.end(),
                       [&](const Finding& f) { return f.id == rule && f.result == Tri::fail; });
  };
  return std::any_of(v.policies.begin(), v.policies.end(),
                     [&](const PolicyResult& p) { return fails(p.findings); }) ||
         std::any_of(v.sales.begin(), v.sales.end(),
                     [&](const SaleResult& s) { return fails(s.findings); });
}

std::string tier_name(const Award& a, size_t i) {
  const AwardTier& t = a.tiers[i];
  return t.up_to ? fmt::format("{} tier {} (up to {})", a.citation.id, i + 1, yuan(*t.up_to))
                 : fmt::format("{} tier {} (the rest)", a.citation.id, i + 1);
}

}  // namespace

void PackCoverage::add_conditions(const std::vector<ConditionResult>& results) {
  for (const ConditionResult& r : results) {
    Seen& s = conditions_[r.condition->id];
    s.pass |= r.result == Tri::pass;
    s.fail |= r.result == Tri::fail;
  }
}

void PackCoverage::add_subsidy(const SubsidyVerdict& v, bool pinned,
                               const std::vector<std::string>& awards) {
  add_conditions(v.conditions);
  for (const AwardResult& a : v.awards) add_conditions(a.conditions);
  if (v.pack && v.pack->compensation)
    for (const Citation& rule : v.pack->compensation->rules) {
      Seen& s = rules_[rule.id];
      if (is_amount_rule(rule.id)) {
        s.fail = true;  // an amount rule has nothing to fail: what counts is a pinned amount
        s.pass |= pinned && changes_amount(rule.id, v);
      } else {
        s.fail |= failed_somewhere(rule.id, v);
        s.pass |= pinned && v.compensation.fen > 0;  // it let a policy through to that amount
      }
    }
  for (const AwardResult& a : v.awards) {
    if (std::find(awards.begin(), awards.end(), a.award->citation.id) == awards.end()) continue;
    for (size_t i = 0; i < a.tier_parts.size(); ++i)
      if (a.amount.fen > 0 && a.tier_parts[i].fen > 0) tiers_[{a.award->citation.id, i}] = true;
  }
}

PackCoverage::Report PackCoverage::report(const RulePack& pack) const {
  std::vector<const Condition*> all;
  for (const Condition& c : pack.recognition.conditions) all.push_back(&c);
  if (pack.compensation)
    for (const Condition& c : pack.compensation->conditions) all.push_back(&c);
  for (const Award& a : pack.awards)
    for (const Condition& c : a.conditions) all.push_back(&c);
  std::set<std::string> ids;  // a condition shared by awards (a YAML alias) counts once
  all.erase(std::remove_if(all.begin(), all.end(),
                           [&](const Condition* c) { return !ids.insert(c->id).second; }),
            all.end());
  size_t conditions_seen = 0, rules_seen = 0, rules = 0, tiers_seen = 0, tiers = 0;
  std::string gaps;
  auto gap = [&gaps](const std::string& what, const char* why) {
    gaps += fmt::format("  {:<32} {}\n", what, why);
  };
  for (const Condition* c : all) {
    auto it = conditions_.find(c->id);
    Seen s = it == conditions_.end() ? Seen{} : it->second;
    if (s.pass && s.fail)
      ++conditions_seen;
    else
      gap(c->id, !s.pass && !s.fail ? "never passes nor fails"
                 : !s.pass          ? "never passes"
                                    : "never fails");
  }
  if (pack.compensation)
    for (const Citation& rule : pack.compensation->rules) {
      ++rules;
      auto it = rules_.find(rule.id);
      Seen s = it == rules_.end() ? Seen{} : it->second;
      if (s.pass && s.fail)
        ++rules_seen;
      else if (is_amount_rule(rule.id))
        gap(rule.id, "changes no amount a test pins");
      else
        gap(rule.id, !s.fail ? "never fails a policy or a sale"
                             : "never lets one through to an amount a test pins");
    }
  for (const Award& a : pack.awards)
    for (size_t i = 0; i < a.tiers.size(); ++i) {
      ++tiers;
      if (tiers_.count({a.citation.id, i}))
        ++tiers_seen;
      else
        gap(tier_name(a, i), "holds no part of an award a test pins");
    }
  size_t seen = conditions_seen + rules_seen + tiers_seen, total = all.size() + rules + tiers;
  // "…, 11 of 11 compensation rules and 2 of 2 award tiers seen at work", naming only what the
  // pack has.
  std::string at_work;
  if (rules > 0) at_work = fmt::format("{} of {} compensation rules", rules_seen, rules);
  if (tiers > 0)
    at_work +=
        fmt::format("{}{} of {} award tiers", at_work.empty() ? "" : " and ", tiers_seen, tiers);
  std::string text = fmt::format(
      "coverage {}: {} of {} conditions seen both pass and fail{} ({}%)\n{}", pack.id,
      conditions_seen, all.size(), at_work.empty() ? "" : ", " + at_work + " seen at work",
      total == 0 ? 100 : seen * 100 / total, gaps);
  return {std::move(text), seen == total};
}

}  // namespace sbc
