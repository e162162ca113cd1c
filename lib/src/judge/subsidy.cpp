// The subsidy arithmetic of shared/policy/shandong-2020.md ("How to compute"), with every
// number a parameter of the pack. Money is integer fen; rates are exact fractions; a rounding
// happens only where the text says (half up to the fen).
#include "sbc/judge/subsidy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "base/int128.hpp"

namespace sbc {

const std::vector<std::string>& facts_read_by(std::string_view rule_id) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> facts = {
      {"scope.insurance_type", {"insurance.policies[].kind"}},
      {"scope.window", {"insurance.policies[].signed_on", "insurance.policies[].payments[].date"}},
      {"scope.sale_in_window", {"insurance.policies[].contracts", "insurance.sales[].contract"}},
      {"pay.first_installment",
       {"insurance.policies[].premium", "insurance.policies[].payments[].date",
        "insurance.policies[].payments[].amount"}},
      {"sale.date",
       {"insurance.sales[].contract", "insurance.sales[].amount",
        "insurance.sales[].invoices[].date", "insurance.sales[].invoices[].amount"}},
      {"sale.group", {"insurance.sales[].related_party", "insurance.sales[].final_user_contract"}},
      {"other.no_surrender", {"insurance.policies[].surrendered"}},
      {"other.contract_matches_policy", {"insurance.policies[].contracts"}},
      {"amount.formula",
       {"insurance.policies[].number", "insurance.policies[].premium",
        "insurance.policies[].liability_limit", "insurance.policies[].period.start",
        "insurance.policies[].period.end", "insurance.policies[].rate"}},
      {"amount.limit_multiple", {"insurance.sales[].amount"}},
      {"amount.paid_premium",
       {"insurance.policies[].payments[].date", "insurance.policies[].payments[].amount"}},
      {"amount.one_year", {"insurance.policies[].period.start", "insurance.policies[].period.end"}},
  };
  static const std::vector<std::string> none;
  auto it = facts.find(rule_id);
  return it == facts.end() ? none : it->second;
}

const char* to_string(Grant g) {
  switch (g) {
    case Grant::granted:
      return "granted";
    case Grant::denied:
      return "denied";
    case Grant::undetermined:
      return "undetermined";
  }
  return "";
}

namespace {

const Value* get(const Value& record, std::string_view key) {
  return record.find(key);
}

std::string range(const DateRange& w) {
  return format(w.start) + " .. " + format(w.end);
}

// Collects a policy's or sale's findings and their combined result.
class Findings {
 public:
  Findings(const Compensation& comp, std::vector<Finding>& out, Tri& result)
      : comp_(comp), out_(out), result_(result) {
    result_ = Tri::pass;
  }
  void fail(std::string_view id, Text message) { add(id, Tri::fail, std::move(message), {}); }
  void unknown(std::string_view id, const std::string& missing_path, Text what) {
    add(id, Tri::unknown, std::move(what), {missing_path});
  }
  // The fact at `path` is missing: the rule it feeds is unknown.
  void missing(std::string_view id, const std::string& path) {
    unknown(id, path, {fmt::format("未提供 {}", path), fmt::format("{} not given", path)});
  }

 private:
  void add(std::string_view id, Tri t, Text message, std::vector<std::string> missing) {
    if (!comp_.cites(id)) return;  // a rule of the engine that this programme does not have
    const Citation& rule = comp_.rule(id);
    out_.push_back(Finding{rule.id, rule.clause, t, std::move(message), std::move(missing)});
    result_ = tri_and(result_, t);
  }
  const Compensation& comp_;
  std::vector<Finding>& out_;
  Tri& result_;
};

struct Dated {
  Date date;
  Money amount;
};

// Reads a list of {date, amount} records sorted by date (stable); nullopt when any is incomplete.
std::optional<std::vector<Dated>> dated_amounts(const Value& list) {
  std::vector<Dated> out;
  for (const Value& item : list.items) {
    const Value* d = get(item, "date");
    const Value* a = get(item, "amount");
    if (d == nullptr || a == nullptr) return std::nullopt;
    out.push_back({d->date, a->money});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Dated& a, const Dated& b) { return a.date < b.date; });
  return out;
}

bool reaches(Money part, Money whole, Rate share) {  // part >= whole × share, exactly
  return static_cast<i128>(part.fen) * share.den >= static_cast<i128>(whole.fen) * share.num;
}

SaleResult judge_sale(const Compensation& comp, const Value& sale, size_t index,
                      const std::optional<DateRange>& window) {
  SaleResult r;
  std::string at = fmt::format("insurance.sales[{}]", index);
  const Value* contract = get(sale, "contract");
  r.contract = contract ? contract->text : at;
  Findings f(comp, r.findings, r.counts);
  const Value* amount = get(sale, "amount");
  const Value* invoices = get(sale, "invoices");
  if (amount)
    r.amount = amount->money;
  else
    f.missing("sale.date", at + ".amount");
  std::optional<std::vector<Dated>> list = invoices ? dated_amounts(*invoices) : std::nullopt;
  if (!list) f.missing("sale.date", at + ".invoices");
  if (amount && list) {
    Money total;
    Rate share =
        *comp.parameters.sale_invoiced_share;  // judge_sale runs only when sale.date is cited
    for (const Dated& inv : *list) {
      total = total + inv.amount;
      if (!r.sale_date && reaches(total, *r.amount, share)) r.sale_date = inv.date;
    }
    r.invoiced = total;
    if (!r.sale_date)
      f.fail("sale.date",
             {fmt::format("已开票 {}，未达到合同金额 {} 的 {}，未实现销售", yuan(total),
                          yuan(*r.amount), format_rate(share)),
              fmt::format("invoiced {} has not reached {} of the contract amount {}: not realised",
                          yuan(total), format_rate(share), yuan(*r.amount))});
  }
  if (r.sale_date) {
    if (!window) {
      f.unknown("scope.sale_in_window", "insurance.window",
                {"投保时限未知（规则包未设定，案例与命令行也未给出）",
                 "the insurance window is not known (not in the pack, the case or --window)"});
    } else if (!window->contains(*r.sale_date)) {
      f.fail("scope.sale_in_window",
             {fmt::format("销售日期 {} 不在投保时限 {} 内", format(*r.sale_date), range(*window)),
              fmt::format("sale date {} is outside the window {}", format(*r.sale_date),
                          range(*window))});
    }
  }
  const Value* related = get(sale, "related_party");
  if (related && related->flag) {
    const Value* final_user = get(sale, "final_user_contract");
    if (final_user == nullptr)
      f.missing("sale.group", at + ".final_user_contract");
    else if (!final_user->flag)
      f.fail("sale.group", {"集团内关联销售，缺少面向最终用户的合同",
                            "a related-party sale without the final user's contract"});
  }
  return r;
}

// The share of the premium that belongs to the first policy year (step 1).
std::optional<Money> annual_premium(const Value& policy, Money premium, PolicyResult& r,
                                    Findings& f, const std::string& at) {
  const Value* period = get(policy, "period");
  const Value* start = period ? get(*period, "start") : nullptr;
  const Value* end = period ? get(*period, "end") : nullptr;
  if (start == nullptr || end == nullptr) {
    f.missing("amount.formula", at + ".period");
    return std::nullopt;
  }
  Date anniversary = add_years(start->date, 1);
  if (end->date < anniversary) return premium;  // one year or less: the whole premium
  int first_year = days_between(start->date, anniversary);
  int term = days_between(start->date, end->date) + 1;
  Money share = apply_half_up(premium, Rate::of(first_year, term));
  r.warnings.push_back(
      {fmt::format("保险期间 {} 至 {} 超过一年：年度保费按首年 {} 天 / 全期 {} 天折算为 {}",
                   format(start->date), format(end->date), first_year, term, yuan(share)),
       fmt::format("the policy runs {} to {}, over a year: the annual premium is the first year's "
                   "{} of {} days, {}",
                   format(start->date), format(end->date), first_year, term, yuan(share))});
  return share;
}

// What the steps of judge_policy share: the programme, the policy, where it is, what it finds.
struct PolicyStep {
  const Compensation& comp;
  const Value& policy;
  const std::string& at;  // insurance.policies[i]
  PolicyResult& r;
  Findings& f;
};

void check_kind(const PolicyStep& s) {
  const Value* kind = get(s.policy, "kind");
  if (kind == nullptr) {
    s.f.missing("scope.insurance_type", s.at + ".kind");
    return;
  }
  s.r.kind = kind->text;
  const std::vector<std::string>& kinds = s.comp.parameters.eligible_kinds;
  if (s.comp.cites("scope.insurance_type") &&
      std::find(kinds.begin(), kinds.end(), kind->text) == kinds.end())
    s.f.fail("scope.insurance_type", {fmt::format("险种“{}”不在补偿范围内", kind->text),
                                      fmt::format("kind '{}' is not one that counts", kind->text)});
}

// scope.window: a date of the policy (signed, first paid) inside the insurance window.
void check_in_window(const PolicyStep& s, const std::optional<DateRange>& window,
                     const char* what_zh, const char* what_en, Date d) {
  if (!s.comp.cites("scope.window")) return;
  if (!window) {
    s.f.unknown("scope.window", "insurance.window",
                {"投保时限未知（规则包未设定，案例与命令行也未给出）",
                 "the insurance window is not known (not in the pack, the case or --window)"});
  } else if (!window->contains(d)) {
    s.f.fail("scope.window",
             {fmt::format("{} {} 不在投保时限 {} 内", what_zh, format(d), range(*window)),
              fmt::format("{} {} is outside the window {}", what_en, format(d), range(*window))});
  }
}

// pay.first_installment: what was paid on the first day of payment reaches the pack's share.
void check_first_installment(const PolicyStep& s, const std::vector<Dated>& paid) {
  Date first = paid.front().date;
  Money first_day;
  for (const Dated& d : paid)
    if (d.date == first) first_day = first_day + d.amount;
  const std::optional<Rate>& share = s.comp.parameters.first_installment_share;
  if (!share || !s.r.premium || reaches(first_day, *s.r.premium, *share)) return;
  Money needed = apply_half_up(*s.r.premium, *share);
  s.f.fail("pay.first_installment",
           {fmt::format("首期保费 {}（{}）低于保费总额 {} 的 {}", yuan(first_day), format(first),
                        yuan(*s.r.premium), format_rate(*share)),
            fmt::format("the first instalment {} ({}) is below {} of the premium {} (about {})",
                        yuan(first_day), format(first), format_rate(*share), yuan(*s.r.premium),
                        yuan(needed))});
}

// Signed and paid in the window, the first instalment, not surrendered. Returns the payments
// (by date), or nothing when the case does not list them.
std::optional<std::vector<Dated>> check_signing_and_payment(
    const PolicyStep& s, const std::optional<DateRange>& window) {
  if (const Value* premium = get(s.policy, "premium"))
    s.r.premium = premium->money;
  else
    s.f.missing("amount.formula", s.at + ".premium");
  if (const Value* signed_on = get(s.policy, "signed_on"))
    check_in_window(s, window, "签订日期", "signed on", signed_on->date);
  else
    s.f.missing("scope.window", s.at + ".signed_on");
  const Value* payments = get(s.policy, "payments");
  std::optional<std::vector<Dated>> paid = payments ? dated_amounts(*payments) : std::nullopt;
  if (!paid) {
    s.f.missing("pay.first_installment", s.at + ".payments");
    s.f.missing("amount.paid_premium", s.at + ".payments");
  } else if (paid->empty()) {
    s.f.fail("scope.window", {"未支付保费", "no premium was paid"});
    s.f.fail("amount.paid_premium", {"未支付保费", "no premium was paid"});
  } else {
    check_in_window(s, window, "首期保费支付日期", "the first payment on", paid->front().date);
    check_first_installment(s, *paid);
  }
  if (const Value* surrendered = get(s.policy, "surrendered"); surrendered && surrendered->flag)
    s.f.fail("other.no_surrender", {"保单已退保", "the policy was surrendered"});
  return paid;
}

// The sales a policy covers: those it names, or every sale of the case (when the programme asks
// for sales). A contract it names that is no sale fails other.contract_matches_policy.
std::vector<const SaleResult*> covered_sales_of(const PolicyStep& s,
                                                const std::vector<SaleResult>& sales,
                                                bool sales_given) {
  std::vector<const SaleResult*> covered;
  const Value* contracts = get(s.policy, "contracts");
  if (!s.comp.cites("scope.sale_in_window")) return covered;
  if (!sales_given) {
    s.f.missing("scope.sale_in_window", "insurance.sales");
  } else if (contracts && !contracts->items.empty()) {
    for (const Value& name : contracts->items) {
      auto it = std::find_if(sales.begin(), sales.end(),
                             [&](const SaleResult& sale) { return sale.contract == name.text; });
      if (it == sales.end())
        s.f.fail(
            "other.contract_matches_policy",
            {fmt::format("保单所列合同“{}”不在销售记录中", name.text),
             fmt::format("contract '{}' named by the policy is not among the sales", name.text)});
      else
        covered.push_back(&*it);
    }
  } else {
    for (const SaleResult& sale : sales) covered.push_back(&sale);
  }
  return covered;
}

// scope.sale_in_window: some covered sale counts. Sets r.covered and r.covered_sales.
void check_covered_sales(const PolicyStep& s, const std::vector<SaleResult>& sales,
                         bool sales_given) {
  Tri sale_found = Tri::fail;
  Money covered_sales;
  for (const SaleResult* sale : covered_sales_of(s, sales, sales_given)) {
    sale_found = tri_or(sale_found, sale->counts);
    if (sale->counts == Tri::pass) {
      s.r.covered.push_back(sale->contract);
      covered_sales = covered_sales + *sale->amount;
    }
  }
  s.r.covered_sales = covered_sales;
  if (!s.comp.cites("scope.sale_in_window")) return;
  if (sales_given && sale_found == Tri::fail)
    s.f.fail("scope.sale_in_window",
             {"保单对应的销售均未在投保时限内实现",
              "none of the sales the policy covers was realised in the window"});
  else if (sale_found == Tri::unknown)
    s.f.unknown("scope.sale_in_window", "insurance.sales",
                {"对应销售是否在投保时限内实现尚不能确定",
                 "whether a covered sale was realised in the window is not yet known"});
}

// amount.paid_premium (年度保费实际支出): the premium counts as far as it was paid.
Money premium_counted(const PolicyStep& s, const std::optional<std::vector<Dated>>& paid) {
  Money counted = *s.r.premium;
  if (!s.comp.cites("amount.paid_premium") || !paid) return counted;
  Money total;
  for (const Dated& d : *paid) total = total + d.amount;
  if (total < counted) {
    s.r.warnings.push_back(
        {fmt::format("保费 {} 中实际支付 {}，按实际支付计", yuan(counted), yuan(total)),
         fmt::format("of the premium {}, {} was paid: the paid amount counts", yuan(counted),
                     yuan(total))});
    counted = total;
  }
  return counted;
}

// A rate the case declares that disagrees with premium ÷ limit is a warning; the computed counts.
void warn_declared_rate(const PolicyStep& s, Money limit) {
  const Value* declared = get(s.policy, "rate");
  if (!declared || apply_half_up(limit, declared->rate) == *s.r.premium) return;
  Money implied = apply_half_up(limit, declared->rate);
  s.r.warnings.push_back(
      {fmt::format("申报费率 {} × 限额 {} = {}，与保费 {} 不符；按计算费率 {} 计",
                   format_rate(declared->rate), yuan(limit), yuan(implied), yuan(*s.r.premium),
                   format_rate(*s.r.rate)),
       fmt::format(
           "declared rate {} × limit {} = {}, not the premium {}; the computed rate {} is used",
           format_rate(declared->rate), yuan(limit), yuan(implied), yuan(*s.r.premium),
           format_rate(*s.r.rate))});
}

// The amount, steps 1 to 6: annual premium, rate, capped rate, eligible limit, base, subsidy.
void compute_policy_amount(const PolicyStep& s, const std::optional<std::vector<Dated>>& paid) {
  const CompensationParameters& p = s.comp.parameters;
  const Value* limit = get(s.policy, "liability_limit");
  if (limit)
    s.r.liability_limit = limit->money;
  else
    s.f.missing("amount.formula", s.at + ".liability_limit");
  if (!s.r.premium || !limit) return;
  s.r.paid_premium = premium_counted(s, paid);
  std::optional<Money> annual = annual_premium(s.policy, *s.r.paid_premium, s.r, s.f, s.at);
  if (!annual) return;
  const Value* period = get(s.policy, "period");  // annual_premium found its start and end
  s.r.period = DateRange{get(*period, "start")->date, get(*period, "end")->date};
  s.r.annual_premium = annual;
  if (limit->money.fen == 0) {
    s.f.fail("amount.formula",
             {"累计责任限额为 0，费率无从计算", "the liability limit is 0, so there is no rate"});
    return;
  }
  s.r.rate = Rate::of(annual->fen, limit->money.fen);
  warn_declared_rate(s, limit->money);
  s.r.capped_rate = min(*s.r.rate, p.rate_cap);
  Money eligible = limit->money;
  if (p.limit_multiple) {
    Money multiple{s.r.covered_sales->fen * *p.limit_multiple};
    if (multiple < eligible) eligible = multiple;
  }
  s.r.eligible_limit = eligible;
  s.r.base = std::min(apply_half_up(eligible, *s.r.capped_rate), *annual);
  s.r.subsidy = apply_half_up(*s.r.base, p.subsidy_share);
}

PolicyResult judge_policy(const Compensation& comp, const Value& policy, size_t index,
                          const std::vector<SaleResult>& sales, bool sales_given,
                          const std::optional<DateRange>& window) {
  PolicyResult r;
  std::string at = fmt::format("insurance.policies[{}]", index);
  const Value* number = get(policy, "number");
  r.number = number ? number->text : at;
  Findings f(comp, r.findings, r.counted);
  PolicyStep step{comp, policy, at, r, f};
  check_kind(step);
  std::optional<std::vector<Dated>> paid = check_signing_and_payment(step, window);
  check_covered_sales(step, sales, sales_given);
  compute_policy_amount(step, paid);
  return r;
}

MaterialsResult check_materials(const MaterialsRule& rule, const Case& c,
                                std::optional<Date> as_of) {
  MaterialsResult m;
  if (rule.citation.id.empty()) {
    m.result = Tri::pass;
    m.message = {"本规则包未规定支撑材料", "this pack lists no materials"};
    return m;
  }
  m.required = rule.required;
  Tri triggers = Tri::pass;
  for (const ConditionalMaterial& cm : rule.conditional) {
    Tri when = test(cm.when, c, as_of);
    if (when == Tri::pass) m.required.push_back(cm.material);
    if (when == Tri::unknown) triggers = Tri::unknown;
  }
  const Value* listed = c.fact("materials");
  if (listed == nullptr) {
    m.result = Tri::unknown;
    m.message = {"未提供支撑材料清单（materials）",
                 "the list of materials is not given (materials)"};
    return m;
  }
  for (const std::string& need : m.required) {
    bool present = std::any_of(listed->items.begin(), listed->items.end(),
                               [&](const Value& v) { return v.text == need; });
    if (!present) m.missing.push_back(need);
  }
  m.result = m.missing.empty() ? triggers : Tri::fail;
  if (m.missing.empty())
    m.message = {"所需支撑材料齐全", "every required material is present"};
  else
    m.message = {fmt::format("缺少支撑材料：{}", fmt::join(m.missing, "、")),
                 fmt::format("missing materials: {}", fmt::join(m.missing, ", "))};
  return m;
}

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const std::string& s : from)
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

}  // namespace

namespace {

// amount.one_year (Henan, 补贴期限不超过1年, read as the national 首台(套) rule's
// "保险补偿期间按保险期限据实 核算", cut to one year): the compensated year runs from the earliest
// start among the counting policies to the day before the same date a year later (the month's last
// day when it has none). Each counting policy is compensated for the days of its term inside that
// year: the premium paid × days inside ÷ days of the term, half up to the fen; the rate cap then
// applies to that share as to a year's premium (base = share × min(1, cap ÷ rate)), and the subsidy
// share as for any policy. A policy with no day inside the year is not counted.
void compensate_one_year(const Compensation& comp, std::vector<PolicyResult>& policies) {
  std::optional<Date> first;
  for (const PolicyResult& p : policies)
    if (p.counted == Tri::pass && (!first || p.period->start < *first)) first = p.period->start;
  if (!first) return;
  const CompensationParameters& params = comp.parameters;
  const Citation& rule = comp.rule("amount.one_year");
  DateRange year{*first, last_day_of_months(*first, 12)};
  for (PolicyResult& p : policies) {
    if (p.counted != Tri::pass) continue;
    p.year = year;
    Date from = std::max(p.period->start, year.start), to = std::min(p.period->end, year.end);
    p.days_in_term = days_between(p.period->start, p.period->end) + 1;
    p.days_in_year = to < from ? 0 : days_between(from, to) + 1;
    if (p.days_in_year == 0) {
      p.findings.push_back(Finding{
          rule.id,
          rule.clause,
          Tri::fail,
          {fmt::format("保险期间 {} 至 {} 不在补偿年度 {} 至 {} 内（补贴期限不超过1年）",
                       format(p.period->start), format(p.period->end), format(year.start),
                       format(year.end)),
           fmt::format(
               "the policy runs {} to {}, outside the compensated year {} to {} (one year at most)",
               format(p.period->start), format(p.period->end), format(year.start),
               format(year.end))},
          {}});
      p.counted = Tri::fail;
      continue;
    }
    p.year_share = apply_half_up(*p.paid_premium, Rate::of(p.days_in_year, p.days_in_term));
    if (*p.year_share == *p.annual_premium)
      continue;  // the policy's year lies inside the compensated one: as computed
    // The cap on the rate scales the share as it would a year's premium: min(1, capped ÷ rate).
    bool capped = *p.capped_rate < *p.rate;
    // (Rates are reduced fractions of amounts under ¥10^13: the products stay within 64 bits.)
    p.base = capped ? apply_half_up(*p.year_share, Rate::of(p.capped_rate->num * p.rate->den,
                                                            p.capped_rate->den * p.rate->num))
                    : *p.year_share;
    p.subsidy = apply_half_up(*p.base, params.subsidy_share);
  }
}

}  // namespace

namespace {

// The insurance compensation; sets v.compensation and returns its outcome.
// The window: the command line, else the case, else the pack.
void choose_window(const Compensation& comp, const Case& c, std::optional<DateRange> window,
                   SubsidyVerdict& v) {
  const Value* case_window = c.fact("insurance.window");
  if (window) {
    v.window = window;
    v.window_source = "command line";
  } else if (case_window && get(*case_window, "start") && get(*case_window, "end")) {
    v.window = DateRange{get(*case_window, "start")->date, get(*case_window, "end")->date};
    v.window_source = "case";
  } else if (comp.window) {
    v.window = comp.window;
    v.window_source = "pack";
  }
}

// The case-level conditions and the materials, together.
Tri judge_case_level(const Compensation& comp, const Case& c, std::optional<Date> as_of,
                     Languages langs, SubsidyVerdict& v) {
  Tri case_level = Tri::pass;
  for (const Condition& condition : comp.conditions) {
    v.conditions.push_back(judge(condition, c, as_of, langs));
    case_level = tri_and(case_level, v.conditions.back().result);
    if (v.conditions.back().result == Tri::unknown)
      add_unique(v.missing, v.conditions.back().missing);
  }
  v.materials = check_materials(comp.materials, c, as_of);
  case_level = tri_and(case_level, v.materials.result);
  if (v.materials.result == Tri::unknown && !c.fact("materials"))
    add_unique(v.missing, {"materials"});
  return case_level;
}

// Every sale and policy, the total of the policies that count; unknown while some policy is.
Tri judge_policies(const Compensation& comp, const Case& c, const Value* policies,
                   SubsidyVerdict& v) {
  const Value* sales = comp.cites("scope.sale_in_window") ? c.fact("insurance.sales") : nullptr;
  if (sales)
    for (size_t i = 0; i < sales->items.size(); ++i)
      v.sales.push_back(judge_sale(comp, sales->items[i], i, v.window));
  Tri policies_known = Tri::pass;
  if (policies == nullptr) {
    policies_known = Tri::unknown;
    add_unique(v.missing, {"insurance.policies"});
  } else {
    for (size_t i = 0; i < policies->items.size(); ++i)
      v.policies.push_back(
          judge_policy(comp, policies->items[i], i, v.sales, sales != nullptr, v.window));
    if (comp.cites("amount.one_year")) compensate_one_year(comp, v.policies);
    for (PolicyResult& p : v.policies) {
      if (p.counted == Tri::pass) v.total_before_cap = v.total_before_cap + *p.subsidy;
      if (p.counted == Tri::unknown) policies_known = Tri::unknown;
      for (const Finding& f : p.findings) add_unique(v.missing, f.missing);
      for (const Text& w : p.warnings)
        v.warnings.push_back({p.number + "：" + w.zh, p.number + ": " + w.en});
    }
  }
  for (const SaleResult& s : v.sales)
    for (const Finding& f : s.findings) add_unique(v.missing, f.missing);
  return policies_known;
}

// amount.enterprise_cap: the case's total held to the cap of one enterprise.
void apply_enterprise_cap(const Compensation& comp, SubsidyVerdict& v) {
  const std::optional<Money>& cap = comp.parameters.enterprise_cap;
  v.compensation = cap ? std::min(v.total_before_cap, *cap) : v.total_before_cap;
  v.cap_applied = cap && v.total_before_cap > *cap;
  if (!v.cap_applied) return;
  const Citation& rule = comp.rule("amount.enterprise_cap");
  v.warnings.push_back({fmt::format("合计 {} 超过单个企业上限 {}（{}），按上限补助",
                                    yuan(v.total_before_cap), yuan(*cap), rule.clause),
                        fmt::format("the total {} exceeds the per-enterprise cap {} ({}): capped",
                                    yuan(v.total_before_cap), yuan(*cap), rule.clause)});
}

Grant compute_compensation(const Compensation& comp, const Case& c, std::optional<Date> as_of,
                           std::optional<DateRange> window, Languages langs, SubsidyVerdict& v) {
  choose_window(comp, c, window, v);
  Tri case_level = judge_case_level(comp, c, as_of, langs, v);
  const Value* policies = c.fact("insurance.policies");
  Tri policies_known = judge_policies(comp, c, policies, v);
  apply_enterprise_cap(comp, v);
  // Undetermined only while a missing fact could still change the outcome: once every policy is
  // out (or the case states none), no fact can bring money, whatever else is unknown.
  bool every_policy_out =
      policies && std::all_of(v.policies.begin(), v.policies.end(),
                              [](const PolicyResult& p) { return p.counted == Tri::fail; });
  if (case_level == Tri::fail || every_policy_out) {
    v.compensation = Money{};
    v.cap_applied = false;
    return Grant::denied;
  }
  if (case_level == Tri::unknown || policies_known == Tri::unknown) return Grant::undetermined;
  return v.compensation.fen > 0 ? Grant::granted : Grant::denied;
}

}  // namespace

namespace {

// The facts an undetermined compensation still waits for: its unknown case-level conditions and
// materials, its undetermined policies, and the sales those policies may cover.
std::vector<std::string> compensation_decisive(const SubsidyVerdict& v, const Case& c) {
  std::vector<std::string> out;
  for (const ConditionResult& r : v.conditions)
    if (r.result == Tri::unknown) add_unique(out, r.missing);
  if (v.materials.result == Tri::unknown && !c.fact("materials")) add_unique(out, {"materials"});
  if (!c.fact("insurance.policies")) add_unique(out, {"insurance.policies"});
  bool open = false;
  for (const PolicyResult& p : v.policies) {
    if (p.counted != Tri::unknown) continue;
    open = true;
    for (const Finding& f : p.findings) add_unique(out, f.missing);
  }
  if (open)
    for (const SaleResult& s : v.sales)
      for (const Finding& f : s.findings) add_unique(out, f.missing);
  return out;
}

}  // namespace

SubsidyVerdict compute_subsidy(const RulePack& pack, const Case& c, std::optional<Date> as_of,
                               std::optional<DateRange> window, Languages langs) {
  SubsidyVerdict v;
  v.pack = &pack;
  v.as_of = as_of;
  if (!v.as_of)
    if (const Value* applied = c.fact("application.date")) v.as_of = applied->date;
  if (auto warning = pack.validity_warning(v.as_of)) v.warnings.push_back(*warning);
  // Granted when any part grants money; else undetermined when any part is; else denied.
  bool granted = false, undetermined = false;
  if (pack.compensation) {
    Grant g = compute_compensation(*pack.compensation, c, as_of, window, langs, v);
    granted = g == Grant::granted;
    undetermined = g == Grant::undetermined;
    if (undetermined) v.decisive = compensation_decisive(v, c);
  } else {
    v.materials = {Tri::pass, {}, {}, {"本规则包未规定支撑材料", "this pack lists no materials"}};
  }
  bool compensation_granted = granted;
  Money awarded;
  for (const Award& award : pack.awards) {
    v.awards.push_back(compute_award(award, c, as_of, langs));
    const AwardResult& a = v.awards.back();
    awarded = awarded + a.amount;
    granted = granted || (a.result == Tri::pass && a.amount.fen > 0);
    undetermined = undetermined || a.result == Tri::unknown;
    add_unique(v.missing, a.missing);
    if (a.result == Tri::unknown) add_unique(v.decisive, a.missing);
  }
  v.outcome = granted ? Grant::granted : undetermined ? Grant::undetermined : Grant::denied;
  // A granted total counts only what is granted: an undetermined compensation (its amount proven
  // so far) stands alone only while nothing else is granted.
  v.subsidy = awarded + (compensation_granted || awarded.fen == 0 ? v.compensation : Money{});
  return v;
}

}  // namespace sbc
