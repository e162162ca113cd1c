// The subsidy engine (sbc::compute_subsidy) at every boundary of shandong-2020's compensation
// rules: exact fen, exact finding ids. Every expected amount is worked by hand in the comment
// beside it, from shared/policy/shandong-2020.md ("How to compute"), never copied from the tool.
//
// Cases are YAML text read with sbc::DocumentStream and sbc::read_case. The base case is the worked
// example (examples/subsidy/s01-granted-one-policy.yaml: 2200万 limit, 33万 premium, 264,000.00);
// each test changes only the facts it is about.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "sbc/input/document.hpp"
#include "sbc/judge/subsidy.hpp"

using sbc::Grant;
using sbc::Tri;

namespace {

struct Policy {
  std::string kind = "software_quality";
  std::string number = "P1";
  std::string signed_on = "2020-03-31";
  std::string period = "{start: 2020-04-01, end: 2021-03-31}";
  std::string limit = "2200万";
  std::optional<std::string> rate;  // the declared rate, when a test wants one
  std::string premium = "33万";
  std::optional<std::string> payments =
      "[{date: 2020-03-31, amount: 10万}, {date: 2020-09-30, amount: 23万}]";
  std::optional<std::string> surrendered;
  std::optional<std::string> contracts = "[HT-1]";

  std::string yaml() const {
    std::string y = "    - kind: " + kind + "\n      number: " + number +
                    "\n      signed_on: " + signed_on + "\n      period: " + period +
                    "\n      liability_limit: " + limit + "\n      premium: " + premium + "\n";
    if (rate) y += "      rate: " + *rate + "\n";
    if (payments) y += "      payments: " + *payments + "\n";
    if (surrendered) y += "      surrendered: " + *surrendered + "\n";
    if (contracts) y += "      contracts: " + *contracts + "\n";
    return y;
  }
};

struct Sale {
  std::string contract = "HT-1";
  std::string amount = "500万";
  // 200万 (40%) on 2020-04-15, then 300万 (60%) on 2020-06-15: the sale date is 2020-06-15.
  std::string invoices = "[{date: 2020-04-15, amount: 200万}, {date: 2020-06-15, amount: 100万}]";
  std::string extra;  // more keys, e.g. "related_party: true"

  std::string yaml() const {
    std::string y = "    - contract: " + contract + "\n      amount: " + amount +
                    "\n      invoices: " + invoices + "\n";
    if (!extra.empty()) y += "      " + extra + "\n";
    return y;
  }
};

const char* const kMaterials =
    "[business_license, premium_voucher, policy_copy, premium_invoice, sales_contract, "
    "sales_invoice, invoice_list]";

struct Spec {
  std::string application_date = "2020-05-15";
  std::string negative_list_since = "never";
  std::string recognition = "{year: 2019, batch: 3}";
  std::string prior_compensations = "0";
  std::optional<std::string> window = "{start: 2019-10-01, end: 2020-09-30}";
  std::vector<Policy> policies{Policy{}};
  std::vector<Sale> sales{Sale{}};
  std::optional<std::string> materials = kMaterials;

  std::string yaml() const {
    std::string y =
        "applicant:\n  name: 山东示例软件股份有限公司\n  registered_province: 山东\n  "
        "negative_list_since: " +
        negative_list_since +
        "\nsoftware: {name: 智能制造执行系统, version: V2.0}\napplication: {date: " +
        application_date + "}\ninsurance:\n  recognition: " + recognition +
        "\n  prior_compensations: " + prior_compensations + "\n";
    if (window) y += "  window: " + *window + "\n";
    y += "  policies:\n";
    for (const Policy& p : policies) y += p.yaml();
    y += "  sales:\n";
    for (const Sale& s : sales) y += s.yaml();
    if (materials) y += "materials: " + *materials + "\n";
    return y;
  }
};

// The one document of `yaml`, read as sbc-subsidy reads it; it must be readable.
sbc::Case read(const std::string& yaml) {
  std::istringstream in(yaml);
  sbc::ReadOptions options;
  sbc::DocumentStream stream(in, "case.yaml", options.limits);
  sbc::Document doc;
  REQUIRE(stream.next(doc));
  sbc::Case c = sbc::read_case(doc, "case.yaml", options);
  for (const sbc::Diagnostic& d : c.problems) INFO(sbc::format_gnu(d, sbc::Lang::en));
  INFO(yaml);
  REQUIRE(c.readable());
  return c;
}

const sbc::RulePack& pack() {
  static sbc::RuleLibrary rules;
  return rules.get("shandong-2020");
}

sbc::SubsidyVerdict compute(const Spec& spec, std::optional<sbc::DateRange> window = std::nullopt,
                            std::optional<sbc::Date> as_of = std::nullopt,
                            const sbc::RulePack& rules = pack()) {
  return sbc::compute_subsidy(rules, read(spec.yaml()), as_of, window);
}

sbc::Date day(const char* s) {
  return *sbc::parse_date(s).value;
}
sbc::DateRange range(const char* a, const char* b) {
  return {day(a), day(b)};
}

std::vector<std::string> ids(const std::vector<sbc::Finding>& findings) {
  std::vector<std::string> out;
  for (const sbc::Finding& f : findings) out.push_back(f.id);
  return out;
}
using Ids = std::vector<std::string>;

Tri condition(const sbc::SubsidyVerdict& v, const std::string& id) {
  for (const sbc::ConditionResult& c : v.conditions)
    if (c.condition->id == id) return c.result;
  FAIL("no condition ", id);
  return Tri::unknown;
}

// The worked example's policy, counted: 264,000.00.
void check_worked_example(const sbc::SubsidyVerdict& v) {
  CHECK(v.outcome == Grant::granted);
  CHECK(v.subsidy.fen == 26400000);
  CHECK(v.total_before_cap.fen == 26400000);
  CHECK(ids(v.policies.at(0).findings) == Ids{});
}

// A case-level condition fails: the whole case is denied, whatever its policies would give.
void check_denied_by(const sbc::SubsidyVerdict& v, const std::string& condition_id) {
  CHECK(condition(v, condition_id) == Tri::fail);
  CHECK(v.outcome == Grant::denied);
  CHECK(v.subsidy.fen == 0);
}

}  // namespace

TEST_CASE("subsidy: the worked example, step by step: 264,000.00") {
  sbc::SubsidyVerdict v = compute(Spec{});
  check_worked_example(v);
  CHECK(!v.cap_applied);
  CHECK(v.window_source == "case");
  CHECK(v.missing.empty());
  CHECK(v.materials.result == Tri::pass);
  REQUIRE(v.sales.size() == 1);
  CHECK(v.sales[0].counts == Tri::pass);
  CHECK(v.sales[0].sale_date == day("2020-06-15"));  // 200万 = 40%, then 300万 = 60% ≥ 50%
  CHECK(v.sales[0].invoiced->fen == 300000000);
  const sbc::PolicyResult& p = v.policies.at(0);
  CHECK(p.counted == Tri::pass);
  CHECK(p.annual_premium->fen == 33000000);          // one year: the whole premium
  CHECK(*p.rate == sbc::Rate::of(15, 1000));         // 330,000 ÷ 22,000,000 = 1.5%
  CHECK(*p.capped_rate == sbc::Rate::of(15, 1000));  // min(1.5%, 3%)
  CHECK(p.covered == Ids{"HT-1"});
  CHECK(p.covered_sales->fen == 500000000);
  CHECK(p.eligible_limit->fen == 2200000000);  // min(2200万, 5 × 500万 = 2500万)
  CHECK(p.base->fen == 33000000);              // 2200万 × 1.5% = 330,000.00
  CHECK(p.subsidy->fen == 26400000);           // 330,000.00 × 80% = 264,000.00
  CHECK(p.warnings.empty());
}

TEST_CASE("subsidy: the first day's payment, 20% of the premium included (pay.first_installment)") {
  // 330,000.00 × 20% = 66,000.00.
  Spec spec;
  SUBCASE("exactly 20% counts") {
    spec.policies[0].payments =
        "[{date: 2020-03-31, amount: 66000.00}, {date: 2020-09-30, amount: 264000.00}]";
    check_worked_example(compute(spec));
  }
  SUBCASE("20% in two payments on the first day counts") {
    spec.policies[0].payments =
        "[{date: 2020-03-31, amount: 30000.00}, {date: 2020-03-31, amount: 36000.00}, {date: "
        "2020-09-30, amount: 264000.00}]";
    check_worked_example(compute(spec));
  }
  SUBCASE("the first day is the earliest date, whatever the order of the list") {
    spec.policies[0].payments =
        "[{date: 2020-09-30, amount: 264000.00}, {date: 2020-03-31, amount: 66000.00}]";
    check_worked_example(compute(spec));
  }
  SUBCASE("the whole premium at once counts") {
    spec.policies[0].payments = "[{date: 2020-03-31, amount: 33万}]";
    check_worked_example(compute(spec));
  }
  SUBCASE("one fen under fails, and the case is denied") {
    spec.policies[0].payments =
        "[{date: 2020-03-31, amount: 65999.99}, {date: 2020-09-30, amount: 264000.01}]";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.policies[0].counted == Tri::fail);
    CHECK(ids(v.policies[0].findings) == Ids{"pay.first_installment"});
    CHECK(v.policies[0].findings[0].result == Tri::fail);
    CHECK(v.outcome == Grant::denied);
    CHECK(v.total_before_cap.fen == 0);
    CHECK(v.subsidy.fen == 0);
  }
  SUBCASE("one fen under on the first day is not rescued by the next day") {
    spec.policies[0].payments =
        "[{date: 2020-03-31, amount: 30000.00}, {date: 2020-03-31, amount: 35999.99}, {date: "
        "2020-04-01, amount: 264000.01}]";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(ids(v.policies[0].findings) == Ids{"pay.first_installment"});
    CHECK(v.subsidy.fen == 0);
  }
  SUBCASE("no payment at all is a failure of scope.window") {
    spec.policies[0].payments = "[]";
    CHECK(ids(compute(spec).policies[0].findings) == Ids{"scope.window"});
  }
  SUBCASE("payments not given: unknown, and the case undetermined") {
    spec.policies[0].payments.reset();
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(ids(v.policies[0].findings) == Ids{"pay.first_installment"});
    CHECK(v.policies[0].findings[0].result == Tri::unknown);
    CHECK(v.policies[0].counted == Tri::unknown);
    CHECK(v.outcome == Grant::undetermined);
    CHECK(v.missing == Ids{"insurance.policies[0].payments"});
  }
}

TEST_CASE(
    "subsidy: a sale is realised when its invoices reach 50%, dated by that invoice (sale.date)") {
  Spec spec;
  SUBCASE("exactly 50% on the second invoice: realised on its date") {
    spec.sales[0].invoices =
        "[{date: 2020-04-15, amount: 200万}, {date: 2020-07-01, amount: 50万}]";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.sales[0].counts == Tri::pass);
    CHECK(v.sales[0].sale_date == day("2020-07-01"));
    CHECK(v.sales[0].invoiced->fen == 250000000);
    check_worked_example(v);
  }
  SUBCASE("the invoice that reaches 50% dates the sale, not a later one") {
    // 100万 (20%), 250万 (50%) on 2020-07-10, then 500万 on 2020-11-01 (outside the window).
    spec.sales[0].invoices =
        "[{date: 2020-04-15, amount: 100万}, {date: 2020-07-10, amount: 150万}, {date: 2020-11-01, "
        "amount: 250万}]";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.sales[0].sale_date == day("2020-07-10"));
    CHECK(v.sales[0].invoiced->fen == 500000000);
    check_worked_example(v);
  }
  SUBCASE("invoices are taken in date order") {
    spec.sales[0].invoices =
        "[{date: 2020-07-10, amount: 150万}, {date: 2020-04-15, amount: 100万}]";
    CHECK(compute(spec).sales[0].sale_date == day("2020-07-10"));
  }
  SUBCASE("one fen under 50%: not realised, so the policy covers no sale") {
    spec.sales[0].invoices =
        "[{date: 2020-04-15, amount: 200万}, {date: 2020-07-01, amount: 499999.99}]";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.sales[0].counts == Tri::fail);
    CHECK(!v.sales[0].sale_date);
    CHECK(ids(v.sales[0].findings) == Ids{"sale.date"});
    CHECK(ids(v.policies[0].findings) == Ids{"scope.sale_in_window"});
    CHECK(v.policies[0].covered_sales->fen == 0);
    CHECK(v.outcome == Grant::denied);
    CHECK(v.subsidy.fen == 0);
  }
}

TEST_CASE("subsidy: the rate cap, 3% included (amount.formula)") {
  Spec spec;
  spec.policies[0].limit = "1000万";
  SUBCASE("exactly 3% is not reduced") {
    spec.policies[0].premium = "30万";  // 300,000 ÷ 10,000,000 = 3%
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(*v.policies[0].rate == sbc::Rate::percent(3));
    CHECK(*v.policies[0].capped_rate == sbc::Rate::percent(3));
    CHECK(v.policies[0].base->fen == 30000000);  // 1000万 × 3% = 300,000.00
    CHECK(v.subsidy.fen == 24000000);            // × 80% = 240,000.00
  }
  SUBCASE("one fen of premium above 3% is capped at 3%") {
    spec.policies[0].premium = "300000.01";  // rate 30,000,001 ÷ 1,000,000,000 > 3%
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(*v.policies[0].rate == sbc::Rate::of(30000001, 1000000000));
    CHECK(*v.policies[0].capped_rate == sbc::Rate::percent(3));
    CHECK(v.policies[0].base->fen == 30000000);  // 1000万 × 3% = 300,000.00, not 300,000.01
    CHECK(v.subsidy.fen == 24000000);
    CHECK(ids(v.policies[0].findings) == Ids{});
  }
  SUBCASE("4% is capped at 3%") {
    spec.policies[0].premium = "40万";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(*v.policies[0].rate == sbc::Rate::percent(4));
    CHECK(*v.policies[0].capped_rate == sbc::Rate::percent(3));
    CHECK(v.policies[0].base->fen == 30000000);  // 1000万 × 3%, not the premium 400,000.00
    CHECK(v.subsidy.fen == 24000000);
  }
  SUBCASE("a declared rate that disagrees is reported and the computed rate used") {
    spec.policies[0].premium = "15万";  // 1.5%
    spec.policies[0].rate = "1.6%";     // 1000万 × 1.6% = 160,000.00 ≠ 150,000.00
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(*v.policies[0].rate == sbc::Rate::of(15, 1000));
    CHECK(v.subsidy.fen == 12000000);  // 1000万 × 1.5% × 80% = 120,000.00
    CHECK(v.policies[0].warnings.size() == 1);
    spec.policies[0].rate = "1.5%";
    CHECK(compute(spec).policies[0].warnings.empty());
  }
}

TEST_CASE("subsidy: the eligible limit is at most 5 × the covered sales (amount.limit_multiple)") {
  Spec spec;
  SUBCASE("a limit of exactly 5 × sales is used whole") {
    spec.policies[0].limit = "2500万";
    spec.policies[0].premium = "37.5万";  // 1.5%
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.policies[0].eligible_limit->fen == 2500000000);
    CHECK(v.subsidy.fen == 30000000);  // 2500万 × 1.5% = 375,000.00; × 80% = 300,000.00
  }
  SUBCASE("a limit above 5 × sales counts only 5 × sales") {
    spec.policies[0].limit = "3000万";
    spec.policies[0].premium = "45万";  // 1.5%
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.policies[0].eligible_limit->fen == 2500000000);  // min(3000万, 5 × 500万)
    CHECK(v.policies[0].base->fen == 37500000);              // 2500万 × 1.5% = 375,000.00
    CHECK(v.subsidy.fen == 30000000);                        // × 80% = 300,000.00
  }
  SUBCASE("the covered sales are the counting sales the policy names, added up") {
    spec.policies[0].contracts = "[HT-1, HT-2, HT-3]";
    Sale second;
    second.contract = "HT-2";
    second.amount = "100万";
    second.invoices = "[{date: 2020-05-01, amount: 100万}]";
    Sale late = second;  // realised after the window: does not count
    late.contract = "HT-3";
    late.invoices = "[{date: 2020-10-01, amount: 100万}]";
    spec.sales = {Sale{}, second, late};
    spec.policies[0].limit = "4000万";
    spec.policies[0].premium = "60万";  // 1.5%
    spec.policies[0].payments = "[{date: 2020-03-31, amount: 60万}]";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.policies[0].covered == Ids{"HT-1", "HT-2"});
    CHECK(v.policies[0].covered_sales->fen == 600000000);    // 500万 + 100万
    CHECK(v.policies[0].eligible_limit->fen == 3000000000);  // min(4000万, 5 × 600万)
    CHECK(v.subsidy.fen == 36000000);                        // 3000万 × 1.5% × 80% = 360,000.00
    CHECK(v.policies[0].counted == Tri::pass);
    CHECK(ids(v.sales[2].findings) == Ids{"scope.sale_in_window"});
  }
}

TEST_CASE("subsidy: half up to the fen") {
  Spec spec;
  SUBCASE("the base at exactly half a fen goes up") {
    // 10,000,001.50 × 3% = 300,000.045 → 300,000.05 (half-even would give .04);
    // subsidy 300,000.05 × 80% = 240,000.04 exactly.
    spec.policies[0].limit = "10000001.50";
    spec.policies[0].premium = "40万";  // above 3%: capped
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.policies[0].base->fen == 30000005);
    CHECK(v.subsidy.fen == 24000004);
  }
  SUBCASE("the annual premium at exactly half a fen goes up") {
    // Two years to the day: 2020-04-01 .. 2022-03-31 is 730 days, the first year 365.
    // 330,000.01 × 365 ÷ 730 = 165,000.005 → 165,000.01; rate = that ÷ 2200万 (under 3%);
    // base = 2200万 × rate = 165,000.01; subsidy × 80% = 132,000.008 → 132,000.01.
    spec.policies[0].period = "{start: 2020-04-01, end: 2022-03-31}";
    spec.policies[0].premium = "330000.01";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.policies[0].annual_premium->fen == 16500001);
    CHECK(v.policies[0].base->fen == 16500001);
    CHECK(v.subsidy.fen == 13200001);
    CHECK(v.policies[0].warnings.size() == 1);
  }
  SUBCASE("the subsidy: 80% of whole fen is never half a fen; .6 goes up, .4 down") {
    // Limit 2000万 keeps the rate under 3%, so the base is the premium itself.
    spec.policies[0].limit = "2000万";
    spec.policies[0].premium = "300000.02";  // × 80% = 240,000.016 → 240,000.02
    CHECK(compute(spec).subsidy.fen == 24000002);
    spec.policies[0].premium = "300000.03";  // × 80% = 240,000.024 → 240,000.02
    CHECK(compute(spec).subsidy.fen == 24000002);
    spec.policies[0].premium = "300000.04";  // × 80% = 240,000.032 → 240,000.03
    CHECK(compute(spec).subsidy.fen == 24000003);
  }
  SUBCASE("the subsidy at exactly half a fen goes up (a pack with a 50% share)") {
    sbc::RulePack half = pack();
    half.compensation->parameters.subsidy_share = sbc::Rate::percent(50);
    spec.policies[0].limit = "2000万";
    spec.policies[0].premium = "300000.01";  // base 300,000.01; × 50% = 150,000.005 → 150,000.01
    CHECK(compute(spec, std::nullopt, std::nullopt, half).subsidy.fen == 15000001);
  }
}

TEST_CASE("subsidy: a policy over a year counts the first year's share of the premium") {
  Spec spec;
  SUBCASE("ending the day before the first anniversary is one year") {
    spec.policies[0].period = "{start: 2020-04-01, end: 2021-03-31}";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.policies[0].annual_premium->fen == 33000000);
    CHECK(v.policies[0].warnings.empty());
    CHECK(v.subsidy.fen == 26400000);
  }
  SUBCASE("ending on the first anniversary is over a year") {
    // 366 days, the first year 365: 330,000 × 365 ÷ 366 = 329,098.3606… → 329,098.36;
    // base = 329,098.36; × 80% = 263,278.688 → 263,278.69.
    spec.policies[0].period = "{start: 2020-04-01, end: 2021-04-01}";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.policies[0].annual_premium->fen == 32909836);
    CHECK(v.policies[0].warnings.size() == 1);
    CHECK(v.subsidy.fen == 26327869);
    CHECK(v.warnings.size() == 1);
  }
  SUBCASE("13 months (examples/subsidy/s16)") {
    // 395 days, the first year 365: 360,000 × 365 ÷ 395 = 332,658.2278… → 332,658.23;
    // × 80% = 266,126.584 → 266,126.58.
    spec.policies[0].period = "{start: 2020-04-01, end: 2021-04-30}";
    spec.policies[0].premium = "36万";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.policies[0].annual_premium->fen == 33265823);
    CHECK(v.subsidy.fen == 26612658);
  }
  SUBCASE("a first year with 29 February has 366 days") {
    // 2019-04-01 .. 2020-03-31 is the first year (366 days); to 2020-04-30, 396 days.
    // 330,000 × 366 ÷ 396 = 305,000.00 exactly; × 80% = 244,000.00.
    spec.policies[0].period = "{start: 2019-04-01, end: 2020-04-30}";
    spec.window = "{start: 2019-03-01, end: 2020-09-30}";
    spec.policies[0].signed_on = "2019-03-31";
    spec.policies[0].payments = "[{date: 2019-03-31, amount: 33万}]";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.policies[0].annual_premium->fen == 30500000);
    CHECK(v.subsidy.fen == 24400000);
  }
}

TEST_CASE(
    "subsidy: the window's first and last days count, the days outside do not (scope.window)") {
  // The case's window is 2019-10-01 .. 2020-09-30.
  Spec spec;
  SUBCASE("signed and first paid on the first day") {
    spec.policies[0].signed_on = "2019-10-01";
    spec.policies[0].payments = "[{date: 2019-10-01, amount: 33万}]";
    check_worked_example(compute(spec));
  }
  SUBCASE("signed the day before") {
    spec.policies[0].signed_on = "2019-09-30";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(ids(v.policies[0].findings) == Ids{"scope.window"});
    CHECK(v.outcome == Grant::denied);
  }
  SUBCASE("first paid the day before") {
    spec.policies[0].signed_on = "2019-10-01";
    spec.policies[0].payments = "[{date: 2019-09-30, amount: 33万}]";
    CHECK(ids(compute(spec).policies[0].findings) == Ids{"scope.window"});
  }
  SUBCASE("signed and first paid on the last day") {
    spec.policies[0].signed_on = "2020-09-30";
    spec.policies[0].payments = "[{date: 2020-09-30, amount: 33万}]";
    check_worked_example(compute(spec));
  }
  SUBCASE("signed and first paid the day after: both fail") {
    spec.policies[0].signed_on = "2020-10-01";
    spec.policies[0].payments = "[{date: 2020-10-01, amount: 33万}]";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(ids(v.policies[0].findings) == Ids{"scope.window", "scope.window"});
    CHECK(v.subsidy.fen == 0);
  }
  SUBCASE("later instalments may fall after the window (三: 其余保费…由保险双方协商确定)") {
    spec.policies[0].payments =
        "[{date: 2020-03-31, amount: 10万}, {date: 2020-12-31, amount: 23万}]";
    check_worked_example(compute(spec));
  }
}

TEST_CASE(
    "subsidy: the sale date's first and last days count, the days outside do not "
    "(scope.sale_in_window)") {
  Spec spec;
  auto on = [&](const char* date) {
    spec.sales[0].invoices = std::string("[{date: ") + date + ", amount: 500万}]";
    return compute(spec);
  };
  check_worked_example(on("2019-10-01"));
  check_worked_example(on("2020-09-30"));
  for (const char* outside : {"2019-09-30", "2020-10-01"}) {
    CAPTURE(outside);
    sbc::SubsidyVerdict v = on(outside);
    CHECK(v.sales[0].counts == Tri::fail);
    CHECK(v.sales[0].sale_date == day(outside));
    CHECK(ids(v.sales[0].findings) == Ids{"scope.sale_in_window"});
    CHECK(ids(v.policies[0].findings) == Ids{"scope.sale_in_window"});
    CHECK(v.outcome == Grant::denied);
    CHECK(v.subsidy.fen == 0);
  }
}

TEST_CASE("subsidy: --window beats the case's window, inclusive at both ends") {
  Spec spec;
  SUBCASE("a window that excludes the case's dates makes it fail") {
    sbc::SubsidyVerdict v = compute(spec, range("2020-07-01", "2021-06-30"));
    CHECK(v.window_source == "command line");
    CHECK(v.window->start == day("2020-07-01"));
    // signed and first paid on 2020-03-31, sold on 2020-06-15: all before it.
    CHECK(ids(v.policies[0].findings) ==
          Ids{"scope.window", "scope.window", "scope.sale_in_window"});
    CHECK(ids(v.sales[0].findings) == Ids{"scope.sale_in_window"});
    CHECK(v.outcome == Grant::denied);
  }
  SUBCASE("a window that includes them rescues a case whose own window excludes them") {
    spec.window = "{start: 2020-10-01, end: 2021-09-30}";
    CHECK(compute(spec).outcome == Grant::denied);
    sbc::SubsidyVerdict v = compute(spec, range("2019-10-01", "2020-09-30"));
    CHECK(v.window_source == "command line");
    check_worked_example(v);
  }
  SUBCASE("the tightest window: from the signing to the sale date") {
    check_worked_example(compute(spec, range("2020-03-31", "2020-06-15")));
    CHECK(ids(compute(spec, range("2020-04-01", "2020-06-15")).policies[0].findings) ==
          Ids{"scope.window", "scope.window"});
    CHECK(ids(compute(spec, range("2020-03-31", "2020-06-14")).policies[0].findings) ==
          Ids{"scope.sale_in_window"});
  }
  SUBCASE("no window anywhere: the window rules are unknown, the case undetermined") {
    spec.window.reset();
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(!v.window);
    CHECK(v.window_source.empty());
    CHECK(v.outcome == Grant::undetermined);
    CHECK(v.policies[0].counted == Tri::unknown);
    CHECK(v.sales[0].counts == Tri::unknown);
    CHECK(ids(v.sales[0].findings) == Ids{"scope.sale_in_window"});
    for (const sbc::Finding& f : v.policies[0].findings) {
      CAPTURE(f.id);
      CHECK((f.id == "scope.window" || f.id == "scope.sale_in_window"));
      CHECK(f.result == Tri::unknown);
    }
    CHECK(std::find(v.missing.begin(), v.missing.end(), "insurance.window") != v.missing.end());
    CHECK(v.subsidy.fen == 0);  // nothing proven yet
    // …and --window decides it.
    check_worked_example(compute(spec, range("2019-10-01", "2020-09-30")));
  }
}

TEST_CASE("subsidy: the enterprise cap, 2,000,000.00 included (amount.enterprise_cap)") {
  // Limit 1亿, sold 5000万 (5× = 2.5亿, not binding), paid at once; the rate premium ÷ 1亿 is under
  // 3%, so the base is the premium.
  Spec spec;
  spec.policies[0].limit = "1亿";
  spec.policies[0].payments = "[{date: 2020-03-31, amount: 300万}]";
  spec.sales[0].amount = "5000万";
  spec.sales[0].invoices = "[{date: 2020-04-15, amount: 5000万}]";
  SUBCASE("a total of exactly 2,000,000.00 is not capped") {
    spec.policies[0].premium = "250万";  // base 2,500,000.00; × 80% = 2,000,000.00
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.total_before_cap.fen == 200000000);
    CHECK(!v.cap_applied);
    CHECK(v.subsidy.fen == 200000000);
    CHECK(v.warnings.empty());
  }
  SUBCASE("2,000,000.01 is capped at 2,000,000.00") {
    spec.policies[0].premium =
        "2500000.01";  // base 2,500,000.01; × 80% = 2,000,000.008 → 2,000,000.01
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.total_before_cap.fen == 200000001);
    CHECK(v.cap_applied);
    CHECK(v.subsidy.fen == 200000000);
    CHECK(v.outcome == Grant::granted);
    CHECK(v.warnings.size() == 1);
  }
  SUBCASE("the cap is on the sum of the policies") {
    // Two policies of 150万 premium each: 1,200,000.00 + 1,200,000.00 = 2,400,000.00 →
    // 2,000,000.00.
    spec.policies[0].premium = "150万";
    spec.policies[0].payments = "[{date: 2020-03-31, amount: 150万}]";
    Policy second = spec.policies[0];
    second.number = "P2";
    spec.policies.push_back(second);
    spec.materials =
        std::string(kMaterials)
            .replace(std::string(kMaterials).size() - 1, 1, ", policy_correspondence_list]");
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.policies[0].subsidy->fen == 120000000);
    CHECK(v.policies[1].subsidy->fen == 120000000);
    CHECK(v.total_before_cap.fen == 240000000);
    CHECK(v.cap_applied);
    CHECK(v.subsidy.fen == 200000000);
  }
  SUBCASE("a denied case is not capped: its subsidy is 0.00") {
    spec.policies[0].premium = "300万";
    spec.prior_compensations = "2";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.outcome == Grant::denied);
    CHECK(v.subsidy.fen == 0);
    CHECK(!v.cap_applied);
  }
}

TEST_CASE(
    "subsidy: the credit negative list bars for 3 years, the anniversary included "
    "(other.negative_list)") {
  Spec spec;  // applied on 2020-05-15
  SUBCASE("listed exactly 3 years before: still barred") {
    spec.negative_list_since = "2017-05-15";
    sbc::SubsidyVerdict v = compute(spec);
    check_denied_by(v, "other.negative_list");
    CHECK(v.total_before_cap.fen == 26400000);  // the policy itself counts
  }
  SUBCASE("one day later: allowed") {
    spec.negative_list_since = "2017-05-14";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(condition(v, "other.negative_list") == Tri::pass);
    check_worked_example(v);
  }
  SUBCASE("--as-of one day later: allowed") {
    spec.negative_list_since = "2017-05-15";
    CHECK(condition(compute(spec, std::nullopt, day("2020-05-16")), "other.negative_list") ==
          Tri::pass);
  }
  SUBCASE("never listed: allowed; not stated: unknown") {
    CHECK(condition(compute(spec), "other.negative_list") == Tri::pass);
    spec.negative_list_since = "";  // a null value: not stated
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(condition(v, "other.negative_list") == Tri::unknown);
    CHECK(v.outcome == Grant::undetermined);
    CHECK(v.subsidy.fen == 26400000);  // proven so far
  }
}

TEST_CASE("subsidy: at most two compensations (scope.times)") {
  Spec spec;
  spec.prior_compensations = "1";
  sbc::SubsidyVerdict once = compute(spec);
  CHECK(condition(once, "scope.times") == Tri::pass);
  check_worked_example(once);
  spec.prior_compensations = "2";
  sbc::SubsidyVerdict twice = compute(spec);
  CHECK(condition(twice, "scope.times") == Tri::fail);
  CHECK(twice.outcome == Grant::denied);
  CHECK(twice.subsidy.fen == 0);
}

TEST_CASE(
    "subsidy: on the list of the application year or the year before, or 2018's batches 1 and 2 "
    "(scope.listed)") {
  Spec spec;  // applied in 2020
  for (const char* listed : {"{year: 2020, batch: 5}", "{year: 2019, batch: 3}",
                             "{year: 2018, batch: 1}", "{year: 2018, batch: 2}"}) {
    CAPTURE(listed);
    spec.recognition = listed;
    CHECK(condition(compute(spec), "scope.listed") == Tri::pass);
  }
  for (const char* listed :
       {"{year: 2018, batch: 3}", "{year: 2017, batch: 1}", "{year: 2021, batch: 1}"}) {
    CAPTURE(listed);
    spec.recognition = listed;
    sbc::SubsidyVerdict v = compute(spec);
    check_denied_by(v, "scope.listed");
  }
}

TEST_CASE("subsidy: the guide applies to applications dated in 2020 (validity)") {
  Spec spec;
  for (const char* date : {"2020-01-01", "2020-12-31"}) {
    CAPTURE(date);
    spec.application_date = date;
    check_worked_example(compute(spec));
  }
  for (const char* date : {"2019-12-31", "2021-01-01"}) {
    CAPTURE(date);
    spec.application_date = date;
    sbc::SubsidyVerdict v = compute(spec);
    check_denied_by(v, "validity");
  }
}

TEST_CASE("subsidy: the materials, each missing one named (附件3 四)") {
  Spec spec;
  SUBCASE("one missing") {
    spec.materials =
        "[business_license, premium_voucher, policy_copy, sales_contract, sales_invoice, "
        "invoice_list]";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.materials.result == Tri::fail);
    CHECK(v.materials.missing == Ids{"premium_invoice"});
    CHECK(v.outcome == Grant::denied);
    CHECK(v.subsidy.fen == 0);
  }
  SUBCASE("one sale with one invoice needs no invoice list") {
    spec.sales[0].invoices = "[{date: 2020-04-15, amount: 500万}]";
    spec.materials =
        "[business_license, premium_voucher, policy_copy, premium_invoice, sales_contract, "
        "sales_invoice]";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.materials.required.size() == 6);
    check_worked_example(v);
  }
  SUBCASE("two invoices need the invoice list") {
    spec.materials =
        "[business_license, premium_voucher, policy_copy, premium_invoice, sales_contract, "
        "sales_invoice]";
    CHECK(compute(spec).materials.missing == Ids{"invoice_list"});
  }
  SUBCASE("two policies need the correspondence list") {
    Policy second;
    second.number = "P2";
    spec.policies.push_back(second);
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.materials.missing == Ids{"policy_correspondence_list"});
    CHECK(v.outcome == Grant::denied);
  }
  SUBCASE("an export sale needs a translation") {
    spec.sales[0].extra = "export: true";
    CHECK(compute(spec).materials.missing == Ids{"translation"});
  }
  SUBCASE("not given: undetermined, with what is proven so far") {
    spec.materials.reset();
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.materials.result == Tri::unknown);
    CHECK(v.outcome == Grant::undetermined);
    CHECK(v.missing == Ids{"materials"});
    CHECK(v.subsidy.fen == 26400000);
  }
}

TEST_CASE("subsidy: policies and sales that do not count, each with its rule") {
  Spec spec;
  SUBCASE("another kind of insurance") {
    spec.policies[0].kind = "产品责任保险";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(ids(v.policies[0].findings) == Ids{"scope.insurance_type"});
    CHECK(v.policies[0].kind == "产品责任保险");
  }
  SUBCASE("the Chinese name of a kind that counts") {
    spec.policies[0].kind = "云计算服务责任保险";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.policies[0].kind == "cloud_service");
    check_worked_example(v);
  }
  SUBCASE("surrendered") {
    spec.policies[0].surrendered = "true";
    CHECK(ids(compute(spec).policies[0].findings) == Ids{"other.no_surrender"});
    spec.policies[0].surrendered = "false";
    check_worked_example(compute(spec));
  }
  SUBCASE("a contract the policy names is not among the sales") {
    spec.policies[0].contracts = "[HT-1, HT-9]";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(ids(v.policies[0].findings) == Ids{"other.contract_matches_policy"});
    CHECK(v.policies[0].counted == Tri::fail);
  }
  SUBCASE("a related-party sale without the final user's contract") {
    spec.sales[0].extra = "related_party: true\n      final_user_contract: false";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(ids(v.sales[0].findings) == Ids{"sale.group"});
    CHECK(v.sales[0].counts == Tri::fail);
    CHECK(ids(v.policies[0].findings) == Ids{"scope.sale_in_window"});
    CHECK(v.outcome == Grant::denied);
  }
  SUBCASE("a related-party sale with the final user's contract counts") {
    spec.sales[0].extra = "related_party: true\n      final_user_contract: true";
    check_worked_example(compute(spec));
  }
  SUBCASE("a related-party sale, final user's contract not stated: unknown") {
    spec.sales[0].extra = "related_party: true";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(ids(v.sales[0].findings) == Ids{"sale.group"});
    CHECK(v.sales[0].counts == Tri::unknown);
    CHECK(v.outcome == Grant::undetermined);
    CHECK(std::find(v.missing.begin(), v.missing.end(), "insurance.sales[0].final_user_contract") !=
          v.missing.end());
  }
}

TEST_CASE("subsidy: the verdict") {
  Spec spec;
  SUBCASE("granted: every rule passes and the subsidy is positive") {
    check_worked_example(compute(spec));
  }
  SUBCASE("denied when a case-level condition fails, whatever the policies: 0.00") {
    spec.recognition = "{year: 2017, batch: 1}";
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.outcome == Grant::denied);
    CHECK(v.subsidy.fen == 0);
    CHECK(v.policies[0].counted == Tri::pass);
    CHECK(v.total_before_cap.fen == 26400000);
  }
  SUBCASE("denied beats undetermined") {
    spec.recognition = "{year: 2017, batch: 1}";
    spec.window.reset();
    CHECK(compute(spec).outcome == Grant::denied);
  }
  SUBCASE("undetermined while a fact is missing, with the subsidy proven so far") {
    // P1 counts (264,000.00); P2 (10万 premium, 500万 limit: 2%, 5 × 500万 = 2500万 not binding,
    // base 100,000.00, would be 80,000.00) has no payments, so it is not yet known.
    Policy second;
    second.number = "P2";
    second.limit = "500万";
    second.premium = "10万";
    second.payments.reset();
    spec.policies.push_back(second);
    spec.materials =
        std::string(kMaterials)
            .replace(std::string(kMaterials).size() - 1, 1, ", policy_correspondence_list]");
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.outcome == Grant::undetermined);
    CHECK(v.policies[0].counted == Tri::pass);
    CHECK(v.policies[1].counted == Tri::unknown);
    CHECK(v.policies[1].subsidy->fen == 8000000);
    CHECK(v.total_before_cap.fen == 26400000);
    CHECK(v.subsidy.fen == 26400000);
    CHECK(v.missing == Ids{"insurance.policies[1].payments"});
    // Given the payment, it is granted both: 264,000.00 + 80,000.00 = 344,000.00.
    spec.policies[1].payments = "[{date: 2020-05-20, amount: 10万}]";
    sbc::SubsidyVerdict both = compute(spec);
    CHECK(both.outcome == Grant::granted);
    CHECK(both.subsidy.fen == 34400000);
  }
  SUBCASE("denied when no policy counts: the total is 0.00") {
    spec.policies[0].surrendered = "true";
    sbc::SubsidyVerdict v = compute(spec);
    for (const sbc::ConditionResult& c : v.conditions) CHECK(c.result == Tri::pass);
    CHECK(v.materials.result == Tri::pass);
    CHECK(v.outcome == Grant::denied);
    CHECK(v.total_before_cap.fen == 0);
    CHECK(v.subsidy.fen == 0);
  }
}

TEST_CASE("subsidy: undetermined only while a missing fact could still change the outcome") {
  // The first instalment ¥262,825.01 is below 20% of ¥1,314,125.13 (= ¥262,825.026): the policy is
  // out whatever its sale turns out to be.
  Spec spec;
  spec.policies[0].premium = "1314125.13";
  spec.policies[0].payments =
      "[{date: 2020-03-31, amount: 262825.01}, {date: 2020-09-30, amount: 1051300.12}]";
  const std::string invoices = "      invoices: " + Sale{}.invoices + "\n";
  auto without_invoices = [&](std::string yaml) {
    REQUIRE(yaml.find(invoices) != std::string::npos);
    return yaml.replace(yaml.find(invoices), invoices.size(), "");
  };
  SUBCASE(
      "the only policy fails while its sale is unknown: denied, the missing facts still listed") {
    sbc::SubsidyVerdict v = sbc::compute_subsidy(pack(), read(without_invoices(spec.yaml())),
                                                 std::nullopt, std::nullopt);
    CHECK(ids(v.policies[0].findings) == Ids{"pay.first_installment", "scope.sale_in_window"});
    CHECK(v.policies[0].findings[1].result == Tri::unknown);
    CHECK(v.policies[0].counted == Tri::fail);
    CHECK(v.materials.result ==
          Tri::unknown);  // whether an invoice list is needed depends on the invoices
    CHECK(v.outcome == Grant::denied);
    CHECK(v.subsidy.fen == 0);
    CHECK(v.missing == Ids{"insurance.sales", "insurance.sales[0].invoices"});
  }
  SUBCASE("a failing policy beside an undetermined one stays undetermined") {
    Policy second;
    second.number = "P2";
    second.payments.reset();
    spec.policies.push_back(second);
    spec.materials =
        std::string(kMaterials)
            .insert(std::string(kMaterials).size() - 1, ", policy_correspondence_list");
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.materials.result == Tri::pass);
    CHECK(v.policies[0].counted == Tri::fail);
    CHECK(v.policies[1].counted == Tri::unknown);
    CHECK(v.outcome == Grant::undetermined);
    CHECK(v.subsidy.fen == 0);
    CHECK(v.missing == Ids{"insurance.policies[1].payments"});
  }
  SUBCASE("no policy at all, with the materials unknown: denied") {
    spec.materials.reset();
    std::string yaml = spec.yaml();
    const std::string policy = Policy{spec.policies[0]}.yaml();
    yaml.replace(yaml.find("  policies:\n" + policy), 12 + policy.size(), "  policies: []\n");
    sbc::SubsidyVerdict v = sbc::compute_subsidy(pack(), read(yaml), std::nullopt, std::nullopt);
    CHECK(v.policies.empty());
    CHECK(v.materials.result == Tri::unknown);
    CHECK(v.outcome == Grant::denied);
    CHECK(v.missing == Ids{"materials"});
  }
  SUBCASE(
      "a counting policy with the materials unknown stays undetermined, its amount proven so far") {
    spec = Spec{};
    spec.materials.reset();
    sbc::SubsidyVerdict v = compute(spec);
    CHECK(v.outcome == Grant::undetermined);
    CHECK(v.compensation.fen == 26400000);
  }
}
