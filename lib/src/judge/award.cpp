// Sales and purchase awards (奖补): tiers of shares of a base, capped. The shares are summed as
// exact fractions and rounded half up to the fen once, so a two-tier award is not a fen off.
#include <fmt/format.h>

#include "base/int128.hpp"
#include "sbc/judge/subsidy.hpp"

namespace sbc {
namespace {

const Value* lookup(const Value& root, const std::vector<std::string>& keys) {
  const Value* v = &root;
  for (const std::string& k : keys)
    if (v == nullptr || (v = v->find(k)) == nullptr) return nullptr;
  return v;
}

// The invoices of insurance.sales dated from `from` for `months` months (that day included);
// nullopt, with the missing facts named, when the sales or an invoice are incomplete.
std::optional<Money> invoiced_within(const Case& c, Date from, int months,
                                     std::vector<std::string>& missing) {
  const Value* sales = c.fact("insurance.sales");
  if (sales == nullptr) {
    missing.push_back("insurance.sales");
    return std::nullopt;
  }
  Date last = last_day_of_months(from, months);
  Money total;
  for (size_t i = 0; i < sales->items.size(); ++i) {
    const Value* invoices = sales->items[i].find("invoices");
    if (invoices == nullptr) {
      missing.push_back(fmt::format("insurance.sales[{}].invoices", i));
      continue;
    }
    for (size_t j = 0; j < invoices->items.size(); ++j) {
      const Value* d = invoices->items[j].find("date");
      const Value* a = invoices->items[j].find("amount");
      if (d == nullptr || a == nullptr) {
        missing.push_back(fmt::format("insurance.sales[{}].invoices[{}]", i, j));
        continue;
      }
      if (from <= d->date && d->date <= last) total = total + a->money;
    }
  }
  if (!missing.empty()) return std::nullopt;
  return total;
}

}  // namespace

AwardResult compute_award(const Award& award, const Case& c, std::optional<Date> as_of,
                          Languages langs) {
  AwardResult r;
  r.award = &award;
  Tri result = Tri::pass;
  for (const Condition& condition : award.conditions) {
    r.conditions.push_back(judge(condition, c, as_of, langs));
    result = tri_and(result, r.conditions.back().result);
    if (r.conditions.back().result == Tri::unknown)
      r.missing.insert(r.missing.end(), r.conditions.back().missing.begin(),
                       r.conditions.back().missing.end());
  }

  const AwardBase& b = award.base;
  const Value* fact = lookup(c.root, b.keys);
  if (fact == nullptr) {
    r.missing.push_back(b.path);
  } else if (!b.months) {
    r.base = fact->money;
    r.base_text = {fmt::format("{} = {}", b.path, yuan(*r.base)),
                   fmt::format("{} = {}", b.path, yuan(*r.base))};
  } else {
    Date last = last_day_of_months(fact->date, *b.months);
    std::vector<std::string> incomplete;  // the award's own missing facts must not hide the base
    r.base = invoiced_within(c, fact->date, *b.months, incomplete);
    r.missing.insert(r.missing.end(), incomplete.begin(), incomplete.end());
    if (r.base)
      r.base_text = {fmt::format("{} 至 {}（{} 起 {} 个月）开票合计 {}", format(fact->date),
                                 format(last), b.path, *b.months, yuan(*r.base)),
                     fmt::format("invoiced {} to {} ({} months from {}): {}", format(fact->date),
                                 format(last), *b.months, b.path, yuan(*r.base))};
  }
  if (!r.base) result = tri_and(result, Tri::unknown);

  if (r.base) {
    // Σ part × num/den as one fraction, then half up once.
    i128 num = 0, den = 1;
    Money below;  // the base covered by the tiers so far
    for (const AwardTier& tier : award.tiers) {
      Money top = tier.up_to ? std::min(*tier.up_to, *r.base) : *r.base;
      Money part = top > below ? top - below : Money{};
      r.tier_parts.push_back(part);
      num = num * tier.share.den + static_cast<i128>(part.fen) * tier.share.num * den;
      den *= tier.share.den;
      if (tier.up_to) below = std::max(below, *tier.up_to);
    }
    r.before_cap = Money{static_cast<std::int64_t>((2 * num + den) / (2 * den))};
    Money amount = award.cap ? std::min(*r.before_cap, *award.cap) : *r.before_cap;
    r.cap_applied = award.cap && *r.before_cap > *award.cap;
    if (amount.fen == 0) result = tri_and(result, Tri::fail);
    if (result == Tri::pass) r.amount = amount;
  }
  r.result = result;
  return r;
}

}  // namespace sbc
