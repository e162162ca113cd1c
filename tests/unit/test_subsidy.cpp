// The subsidy engine at every boundary of shandong-2020's compensation rules, exact to the fen.
#include "sbc/subsidy.hpp"

#include <doctest/doctest.h>

#include "case_builder.hpp"

using sbc::Tri;
using sbc::testing::parse_case;
using sbc::testing::patched;
using sbc::testing::read_source_file;

namespace {

using Edits = std::vector<std::pair<std::string, std::string>>;

sbc::SubsidyVerdict compute(const Edits& edits, std::optional<sbc::DateRange> window = std::nullopt) {
  static sbc::RuleLibrary rules;
  static const std::string base = read_source_file("examples/subsidy/s01-granted-one-policy.yaml");
  return sbc::compute_subsidy(rules.get("shandong-2020"), parse_case(patched(base, edits)), std::nullopt, window);
}

bool policy_fails(const sbc::SubsidyVerdict& v, const std::string& rule) {
  for (const sbc::Finding& f : v.policies.at(0).findings)
    if (f.id == rule && f.result == Tri::fail) return true;
  return false;
}

sbc::Date day(const char* s) { return *sbc::parse_date(s).value; }

const std::pair<std::string, std::string> kPayments{
    "payments: [{date: 2020-03-31, amount: 10万}, {date: 2020-09-30, amount: 23万}]", ""};
Edits first_payment(const char* amount) {
  return {{kPayments.first, std::string("payments: [{date: 2020-03-31, amount: ") + amount + "}, {date: 2020-09-30, amount: 1万}]"}};
}

}  // namespace

TEST_CASE("subsidy: the worked example is 264,000.00") {
  sbc::SubsidyVerdict v = compute({});
  CHECK(v.outcome == sbc::Grant::granted);
  CHECK(v.subsidy.fen == 26400000);
  CHECK(v.policies[0].counted == Tri::pass);
  CHECK(sbc::format_rate(*v.policies[0].rate) == "1.5%");
  CHECK(v.policies[0].eligible_limit->fen == 2200000000);
  CHECK(v.policies[0].base->fen == 33000000);
  CHECK(v.sales[0].sale_date == day("2020-06-15"));
}

TEST_CASE("subsidy: the first instalment, 20% included") {
  CHECK(compute(first_payment("66000.00")).policies[0].counted == Tri::pass);
  sbc::SubsidyVerdict under = compute(first_payment("65999.99"));
  CHECK(under.policies[0].counted == Tri::fail);
  CHECK(policy_fails(under, "pay.first_installment"));
  CHECK(under.outcome == sbc::Grant::denied);
  CHECK(under.subsidy.fen == 0);
}

TEST_CASE("subsidy: a sale is realised when invoices reach 50%, dated by that invoice") {
  const std::string invoices = "invoices: [{date: 2020-04-15, amount: 200万}, {date: 2020-06-15, amount: 100万}]";
  sbc::SubsidyVerdict exact = compute({{invoices, "invoices: [{date: 2020-04-15, amount: 200万}, {date: 2020-07-01, amount: 50万}]"}});
  CHECK(exact.sales[0].counts == Tri::pass);
  CHECK(exact.sales[0].sale_date == day("2020-07-01"));
  sbc::SubsidyVerdict under = compute({{invoices, "invoices: [{date: 2020-04-15, amount: 200万}, {date: 2020-07-01, amount: 499999.99}]"}});
  CHECK(under.sales[0].counts == Tri::fail);
  CHECK(under.sales[0].findings.at(0).id == "sale.date");
  CHECK(policy_fails(under, "scope.sale_in_window"));
}

TEST_CASE("subsidy: the rate cap, 3% included, and the 5x limit") {
  sbc::SubsidyVerdict at3 = compute({{"liability_limit: 2200万", "liability_limit: 1000万"}, {"rate: 1.5%", "rate: 3%"},
                                     {"premium: 33万", "premium: 30万"}, {"amount: 23万}]", "amount: 20万}]"}});
  CHECK(*at3.policies[0].capped_rate == sbc::Rate::percent(3));
  CHECK(at3.subsidy.fen == 24000000);
  sbc::SubsidyVerdict over = compute({{"liability_limit: 2200万", "liability_limit: 1000万"}, {"rate: 1.5%", "rate: 3.01%"},
                                      {"premium: 33万", "premium: 30.1万"}, {"amount: 23万}]", "amount: 20.1万}]"}});
  CHECK(*over.policies[0].capped_rate == sbc::Rate::percent(3));
  CHECK(over.subsidy.fen == 24000000);
  sbc::SubsidyVerdict five = compute({{"liability_limit: 2200万", "liability_limit: 2600万"}, {"rate: 1.5%", "rate: 1%"},
                                      {"premium: 33万", "premium: 26万"}, {"amount: 23万}]", "amount: 16万}]"}});
  CHECK(five.policies[0].eligible_limit->fen == 2500000000);  // 5 × 500万
  CHECK(five.subsidy.fen == 20000000);                          // 2500万 × 1% × 80%
}

TEST_CASE("subsidy: half up to the fen") {
  // limit 10,000,001.50 at the 3% cap: base 300,000.045 -> 300,000.05 (half even would give .04)
  sbc::SubsidyVerdict v = compute({{"liability_limit: 2200万", "liability_limit: 10000001.50"}, {"      rate: 1.5%\n", ""},
                                   {"premium: 33万", "premium: 40万"}, {"amount: 23万}]", "amount: 30万}]"}});
  CHECK(v.policies[0].base->fen == 30000005);
  CHECK(v.subsidy.fen == 24000004);  // 300,000.05 × 80% = 240,000.04
}

TEST_CASE("subsidy: the window's first and last days count, the days outside do not") {
  const std::string signed_on = "signed_on: 2020-03-31";
  CHECK(compute({{signed_on, "signed_on: 2019-10-01"}}).policies[0].counted == Tri::pass);
  sbc::SubsidyVerdict before = compute({{signed_on, "signed_on: 2019-09-30"}});
  CHECK(policy_fails(before, "scope.window"));
  const std::string last = "{date: 2020-06-15, amount: 100万}";
  CHECK(compute({{last, "{date: 2020-09-30, amount: 100万}"}}).sales[0].counts == Tri::pass);
  sbc::SubsidyVerdict after = compute({{last, "{date: 2020-10-01, amount: 100万}"}});
  CHECK(after.sales[0].counts == Tri::fail);
  CHECK(after.sales[0].findings.at(0).id == "scope.sale_in_window");
  // --window beats the case's own window.
  sbc::SubsidyVerdict moved = compute({}, sbc::DateRange{day("2020-07-01"), day("2021-06-30")});
  CHECK(moved.window_source == "command line");
  CHECK(policy_fails(moved, "scope.window"));
}

TEST_CASE("subsidy: the enterprise cap, 2,000,000.00 included") {
  Edits big = {{"liability_limit: 2200万", "liability_limit: 1亿"}, {"      rate: 1.5%\n", ""},
               {kPayments.first, "payments: [{date: 2020-03-31, amount: 300万}]"}, {"amount: 500万", "amount: 5000万"},
               {"invoices: [{date: 2020-04-15, amount: 200万}, {date: 2020-06-15, amount: 100万}]",
                "invoices: [{date: 2020-04-15, amount: 5000万}]"}};
  Edits exact = big, over = big;
  exact.push_back({"premium: 33万", "premium: 250万"});           // base 2,500,000.00, subsidy 2,000,000.00
  over.push_back({"premium: 33万", "premium: 2500000.02"});       // base 2,500,000.02, subsidy 2,000,000.02
  sbc::SubsidyVerdict at = compute(exact);
  CHECK(at.total_before_cap.fen == 200000000);
  CHECK(!at.cap_applied);
  sbc::SubsidyVerdict capped = compute(over);
  CHECK(capped.total_before_cap.fen == 200000002);
  CHECK(capped.cap_applied);
  CHECK(capped.subsidy.fen == 200000000);
}

TEST_CASE("subsidy: case-level conditions deny the whole case") {
  auto condition = [](const sbc::SubsidyVerdict& v, const std::string& id) {
    for (const sbc::ConditionResult& c : v.conditions)
      if (c.condition->id == id) return c.result;
    FAIL("no condition ", id);
    return Tri::unknown;
  };
  // Barred for 3 years from the listing date, its anniversary included (3年内).
  sbc::SubsidyVerdict barred = compute({{"negative_list_since: never", "negative_list_since: 2017-05-15"}});
  CHECK(condition(barred, "other.negative_list") == Tri::fail);
  CHECK(barred.outcome == sbc::Grant::denied);
  CHECK(barred.subsidy.fen == 0);
  CHECK(condition(compute({{"negative_list_since: never", "negative_list_since: 2017-05-14"}}), "other.negative_list") == Tri::pass);
  CHECK(condition(compute({{"prior_compensations: 0", "prior_compensations: 1"}}), "scope.times") == Tri::pass);
  CHECK(condition(compute({{"prior_compensations: 0", "prior_compensations: 2"}}), "scope.times") == Tri::fail);
  CHECK(condition(compute({{"year: 2019, batch: 3", "year: 2018, batch: 2"}}), "scope.listed") == Tri::pass);
  CHECK(condition(compute({{"year: 2019, batch: 3", "year: 2018, batch: 3"}}), "scope.listed") == Tri::fail);
  sbc::SubsidyVerdict missing = compute({{"premium_invoice, ", ""}});
  CHECK(missing.materials.result == Tri::fail);
  CHECK(missing.materials.missing == std::vector<std::string>{"premium_invoice"});
  CHECK(compute({{"invoice_list]", "]"}}).materials.missing == std::vector<std::string>{"invoice_list"});
}

TEST_CASE("subsidy: undetermined while a fact is missing, showing what is proven so far") {
  sbc::SubsidyVerdict no_window = compute({{"  window: {start: 2019-10-01, end: 2020-09-30}\n", ""}});
  CHECK(no_window.outcome == sbc::Grant::undetermined);
  CHECK(no_window.policies[0].counted == Tri::unknown);
  CHECK(no_window.subsidy.fen == 0);
  sbc::SubsidyVerdict no_materials = compute({{"materials: [", "other: ["}});
  CHECK(no_materials.outcome == sbc::Grant::undetermined);
  CHECK(no_materials.subsidy.fen == 26400000);  // proven so far
}
