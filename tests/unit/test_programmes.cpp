// The programmes of Henan (henan-2021), Anhui (anhui-2020) and Shenzhen (shenzhen-2023): every
// recognition condition, compensation condition, award and award condition passing and failing at
// its exact boundary, unknown (with the missing path) when a fact is missing; the awards exact to
// the fen; the choice of pack for a case; last_day_of_months; and the loader's errors for awards
// and optional compensation rules. Every expected amount is worked by hand in the comment beside
// it, from shared/policy/other-programmes.md, never copied from the tool.
#include <doctest/doctest.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "case_builder.hpp"
#include "sbc/judge/subsidy.hpp"
#include "sbc/judge/verdict.hpp"
#include "sbc/rules/rules.hpp"
#include "sbc/run/check.hpp"
#include "sbc/run/subsidy.hpp"

using sbc::Grant;
using sbc::Money;
using sbc::Outcome;
using sbc::Tri;
using sbc::testing::CaseYaml;
using Strings = std::vector<std::string>;

namespace {

const char* const kHenan = "henan-2021";
const char* const kAnhui = "anhui-2020";
const char* const kShenzhen = "shenzhen-2023";

sbc::Date day(const char* s) {
  return *sbc::parse_date(s).value;
}
Money yuan_fen(std::int64_t fen) {
  return Money{fen};
}

const sbc::RulePack& pack(const char* id) {
  static sbc::RuleLibrary library;
  return library.get(id);
}

// A case that must read without any problem (an unknown key would be a typo in the test).
sbc::Case read(const CaseYaml& c) {
  sbc::Case read = sbc::testing::read_case_text(c.yaml());
  for (const sbc::Diagnostic& d : read.problems) INFO(sbc::format_gnu(d, sbc::Lang::en));
  INFO(c.yaml());
  REQUIRE(read.problems.empty());
  return read;
}

sbc::Verdict judge(const char* pack_id, const CaseYaml& c,
                   std::optional<sbc::Date> as_of = std::nullopt) {
  return sbc::evaluate(pack(pack_id), read(c), as_of);
}

sbc::SubsidyVerdict subsidy(const char* pack_id, const CaseYaml& c,
                            std::optional<sbc::Date> as_of = std::nullopt) {
  return sbc::compute_subsidy(pack(pack_id), read(c), as_of, std::nullopt);
}

const sbc::ConditionResult& condition_in(const std::vector<sbc::ConditionResult>& results,
                                         const std::string& id) {
  for (const sbc::ConditionResult& r : results)
    if (r.condition->id == id) return r;
  FAIL("no condition ", id);
  throw std::logic_error("unreachable");
}
const sbc::ConditionResult& condition(const sbc::Verdict& v, const std::string& id) {
  return condition_in(v.conditions, id);
}
const sbc::ConditionResult& condition(const sbc::SubsidyVerdict& v, const std::string& id) {
  return condition_in(v.conditions, id);
}

const sbc::AwardResult& award(const sbc::SubsidyVerdict& v, const std::string& id) {
  for (const sbc::AwardResult& a : v.awards)
    if (a.award->citation.id == id) return a;
  FAIL("no award ", id);
  throw std::logic_error("unreachable");
}
const sbc::ConditionResult& condition(const sbc::AwardResult& a, const std::string& id) {
  return condition_in(a.conditions, id);
}

// The result of one recognition condition.
Tri result(const char* pack_id, const CaseYaml& c, const std::string& id) {
  return condition(judge(pack_id, c), id).result;
}

Strings finding_ids(const std::vector<sbc::Finding>& findings) {
  Strings out;
  for (const sbc::Finding& f : findings) out.push_back(f.id);
  return out;
}

// --- the cases
// ------------------------------------------------------------------------------------

// A Henan product of the 2023 call, recognised on 2023-08-01, with a one-year policy (limit 1500万,
// premium 30万: rate 2%) and one sale invoiced on the day of recognition. Recognition passes,
// compensation 300,000.00 × 80% = 240,000.00, award 20% × 500万 = 1,000,000.00.
const CaseYaml& henan() {
  static const CaseYaml base({
      {"applicant.registered_province", "河南"},
      {"software.copyright_registered_on", "2022-01-10"},
      {"software.copyright_first_owner", "true"},
      {"software.recognized", "true"},
      {"software.recognized_on", "2023-08-01"},
      {"application.date", "2023-06-01"},
      {"application.call_deadline", "2023-06-15"},
      {"insurance.prior_compensations", "0"},
      {"insurance.policies",
       "[{kind: software_quality, number: P1, signed_on: 2023-08-10, period: {start: 2023-08-11, "
       "end: 2024-08-10}, "
       "liability_limit: 1500万, premium: 30万, payments: [{date: 2023-08-10, amount: 30万}]}]"},
      {"insurance.sales",
       "[{contract: S1, amount: 500万, invoices: [{date: 2023-08-01, amount: 500万}]}]"},
  });
  return base;
}

// The Henan case with one policy of `limit` and `premium`, paid in full.
CaseYaml henan_policy(const std::string& limit, const std::string& premium) {
  return henan().with("insurance.policies",
                      "[{kind: software_quality, number: P1, signed_on: 2023-08-10, period: "
                      "{start: 2023-08-11, end: 2024-08-10}, "
                      "liability_limit: " +
                          limit + ", premium: " + premium +
                          ", payments: [{date: 2023-08-10, amount: " + premium + "}]}]");
}

// The Henan case with one sale invoiced as `invoices` (a YAML list of {date, amount}).
CaseYaml henan_invoices(const std::string& invoices) {
  return henan().with("insurance.sales",
                      "[{contract: S1, amount: 2000万, invoices: " + invoices + "}]");
}

// An Anhui developer with a recognised product sold at ¥12,000,000 to a first user in the province:
// 15% × 1000万 + 10% × 200万 = 1,500,000 + 200,000 = 1,700,000.00 each.
const CaseYaml& anhui() {
  static const CaseYaml base({
      {"applicant.registered_province", "安徽"},
      {"software.recognized", "true"},
      {"application.date", "2020-09-30"},
      {"award.price", "1200万"},
      {"award.user_in_province", "true"},
      {"award.developer_prior_award", "false"},
      {"award.user_prior_award", "false"},
  });
  return base;
}

// A Shenzhen developer applying on 2023-11-20: founded 2020-03-01, main revenue 3000万 with 1200万
// (40%) software, platform software (so only the first revenue branch can pass), copyright
// completed 2022-05-01; audited sales 1000万 (× 30% = 3,000,000.00), the first user's purchase
// 500万 (× 10% = 500,000.00).
const CaseYaml& shenzhen() {
  static const CaseYaml base({
      {"applicant.registered_province", "广东"},
      {"applicant.registered_city", "深圳"},
      {"applicant.founded_on", "2020-03-01"},
      {"applicant.main_revenue", "3000万"},
      {"applicant.software_revenue", "1200万"},
      {"software.category", "platform"},
      {"software.copyright_completed_on", "2022-05-01"},
      {"application.date", "2023-11-20"},
      {"award.audited_sales", "1000万"},
      {"award.first_user_purchase", "500万"},
  });
  return base;
}

}  // namespace

// --- the packs as cited
// ---------------------------------------------------------------------------

TEST_CASE("programmes: every rule of the three packs, in order, with its exact clause and status") {
  struct Cited {
    std::string id, clause;
  };
  auto ids_and_clauses = [](const std::vector<sbc::Condition>& conditions) {
    std::vector<std::string> out;
    for (const sbc::Condition& c : conditions) {
      out.push_back(c.id + " | " + c.clause);
      CHECK(c.status == "confirmed_from_repost");
    }
    return out;
  };

  const sbc::RulePack& henan_pack = pack(kHenan);
  CHECK(henan_pack.jurisdiction == "henan");
  CHECK(henan_pack.city.empty());
  CHECK(henan_pack.effective_from == day("2021-01-01"));
  CHECK(henan_pack.effective_to == day("2024-12-31"));
  CHECK(henan_pack.recognises());
  CHECK(ids_and_clauses(henan_pack.recognition.conditions) ==
        Strings{"basic.copyright_recent | 申报通知（2023、2024年度）",
                "basic.first_owner | 申报通知（2023、2024年度）"});
  REQUIRE(henan_pack.compensation);
  const sbc::Compensation& comp = *henan_pack.compensation;
  // The formula, the paid premium and one year of cover: no window, no sales, no materials.
  REQUIRE(comp.rules.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(comp.rules[i].id ==
          Strings{"amount.formula", "amount.paid_premium", "amount.one_year"}[i]);
    CHECK(comp.rules[i].clause == "专项资金管理办法（首版次软件保险补偿）");
    CHECK(comp.rules[i].status == "confirmed_from_repost");
  }
  CHECK(comp.parameters.rate_cap == sbc::Rate::percent(3));
  CHECK(comp.parameters.subsidy_share == sbc::Rate::percent(80));
  CHECK(!comp.parameters.enterprise_cap);
  CHECK(!comp.parameters.limit_multiple);
  CHECK(!comp.parameters.first_installment_share);
  CHECK(!comp.parameters.sale_invoiced_share);
  CHECK(comp.parameters.eligible_kinds.empty());
  CHECK(!comp.window);
  CHECK(comp.materials.citation.id.empty());
  CHECK(ids_and_clauses(comp.conditions) ==
        Strings{"scope.recognised | 专项资金管理办法（首版次软件保险补偿）",
                "scope.one_year | 专项资金管理办法（首版次软件保险补偿）"});
  REQUIRE(henan_pack.awards.size() == 1);
  const sbc::Award& sales = henan_pack.awards[0];
  CHECK(sales.citation.id == "award.sales");
  CHECK(sales.citation.clause == "专项资金管理办法（首版次软件销售奖励）");
  CHECK(sales.beneficiary == "developer");
  CHECK(sales.base.path == "software.recognized_on");
  CHECK(sales.base.months == 12);
  REQUIRE(sales.tiers.size() == 1);
  CHECK(!sales.tiers[0].up_to);
  CHECK(sales.tiers[0].share == sbc::Rate::percent(20));
  CHECK(sales.cap == Money::yuan(2000000));
  CHECK(ids_and_clauses(sales.conditions) ==
        Strings{"award.in_province | 专项资金管理办法（首版次软件销售奖励）",
                "award.recognised | 专项资金管理办法（首版次软件销售奖励）"});

  const sbc::RulePack& anhui_pack = pack(kAnhui);
  CHECK(anhui_pack.jurisdiction == "anhui");
  CHECK(!anhui_pack.recognises());
  CHECK(!anhui_pack.compensation);
  REQUIRE(anhui_pack.awards.size() == 2);
  const char* const anhui_clause = "2020年省级政策（首版次软件奖补）";
  for (const sbc::Award& a : anhui_pack.awards) {
    CAPTURE(a.citation.id);
    CHECK(a.citation.clause == anhui_clause);
    CHECK(a.citation.status == "confirmed_from_repost");
    CHECK(a.base.path == "award.price");
    CHECK(!a.base.months);
    REQUIRE(a.tiers.size() == 2);
    CHECK(a.tiers[0].up_to == Money::yuan(10000000));
    CHECK(a.tiers[0].share == sbc::Rate::percent(15));
    CHECK(!a.tiers[1].up_to);
    CHECK(a.tiers[1].share == sbc::Rate::percent(10));
    CHECK(a.cap == Money::yuan(5000000));
  }
  CHECK(anhui_pack.awards[0].citation.id == "award.developer");
  CHECK(anhui_pack.awards[0].beneficiary == "developer");
  CHECK(ids_and_clauses(anhui_pack.awards[0].conditions) ==
        Strings{std::string("award.developer_in_province | ") + anhui_clause,
                std::string("award.recognised | ") + anhui_clause,
                std::string("award.developer_once | ") + anhui_clause});
  CHECK(anhui_pack.awards[1].citation.id == "award.user");
  CHECK(anhui_pack.awards[1].beneficiary == "user");
  CHECK(ids_and_clauses(anhui_pack.awards[1].conditions) ==
        Strings{std::string("award.user_in_province | ") + anhui_clause,
                std::string("award.recognised | ") + anhui_clause,
                std::string("award.user_once | ") + anhui_clause});

  const sbc::RulePack& shenzhen_pack = pack(kShenzhen);
  CHECK(shenzhen_pack.jurisdiction == "guangdong");
  CHECK(shenzhen_pack.city == "shenzhen");
  CHECK(shenzhen_pack.recognises());
  CHECK(!shenzhen_pack.compensation);
  const Strings applicant_conditions{"basic.founded | 2024年度申报通知 申报条件",
                                     "basic.revenue | 2024年度申报通知 申报条件",
                                     "basic.copyright | 2024年度申报通知 申报条件"};
  CHECK(ids_and_clauses(shenzhen_pack.recognition.conditions) == applicant_conditions);
  REQUIRE(shenzhen_pack.awards.size() == 2);
  const sbc::Award& developer = shenzhen_pack.awards[0];
  CHECK(developer.citation.id == "award.developer");
  CHECK(developer.citation.clause == "深工信规〔2023〕9号（首版次软件研制奖励）");
  CHECK(developer.beneficiary == "developer");
  CHECK(developer.base.path == "award.audited_sales");
  REQUIRE(developer.tiers.size() == 1);
  CHECK(developer.tiers[0].share == sbc::Rate::percent(30));
  CHECK(developer.cap == Money::yuan(10000000));
  CHECK(ids_and_clauses(developer.conditions) == applicant_conditions);
  const sbc::Award& user = shenzhen_pack.awards[1];
  CHECK(user.citation.id == "award.user");
  CHECK(user.citation.clause == "深工信规〔2023〕9号（首版次软件首购奖励）");
  CHECK(user.beneficiary == "user");
  CHECK(user.base.path == "award.first_user_purchase");
  REQUIRE(user.tiers.size() == 1);
  CHECK(user.tiers[0].share == sbc::Rate::percent(10));
  CHECK(user.cap == Money::yuan(1000000));
  CHECK(ids_and_clauses(user.conditions) ==
        Strings{"award.first_edition | 深工信规〔2023〕9号（首版次软件首购奖励）"});
}

TEST_CASE("programmes: the base cases pass everything") {
  sbc::Verdict h = judge(kHenan, henan());
  CHECK(h.outcome == Outcome::eligible);
  CHECK(h.path == "basic");
  CHECK(h.missing.empty());
  CHECK(h.warnings.empty());
  sbc::SubsidyVerdict hs = subsidy(kHenan, henan());
  CHECK(hs.outcome == Grant::granted);
  CHECK(hs.compensation.fen == 24000000);                   // 300,000.00 × 80%
  CHECK(award(hs, "award.sales").amount.fen == 100000000);  // 20% × 5,000,000.00
  CHECK(hs.subsidy.fen == 124000000);                       // 240,000.00 + 1,000,000.00
  CHECK(hs.missing.empty());

  sbc::SubsidyVerdict a = subsidy(kAnhui, anhui());
  CHECK(a.outcome == Grant::granted);
  CHECK(a.compensation.fen == 0);
  CHECK(award(a, "award.developer").amount.fen == 170000000);  // 1,700,000.00
  CHECK(award(a, "award.user").amount.fen == 170000000);
  CHECK(a.subsidy.fen == 340000000);  // 3,400,000.00
  CHECK(a.missing.empty());

  sbc::Verdict z = judge(kShenzhen, shenzhen());
  CHECK(z.outcome == Outcome::eligible);
  CHECK(z.path == "basic");
  CHECK(z.warnings.empty());
  sbc::SubsidyVerdict zs = subsidy(kShenzhen, shenzhen());
  CHECK(zs.outcome == Grant::granted);
  CHECK(award(zs, "award.developer").amount.fen == 300000000);  // 30% × 10,000,000.00
  CHECK(award(zs, "award.user").amount.fen == 50000000);        // 10% × 5,000,000.00
  CHECK(zs.subsidy.fen == 350000000);
}

// The packs' boundaries are tested as data (rules/tests/<id>.yaml: sbc-validate --test, with
// every number pinned by CTest packs/mutations). What stays here is the engine on the programmes'
// packs: messages, the facts named as missing, the intermediate amounts (rates, day counts, the
// amount before a cap), and how an undetermined part bears on the verdict.

// --- henan-2021: recognition
// ------------------------------------------------------------------------

TEST_CASE(
    "henan basic.copyright_recent: after (not on) the same date two years before the deadline") {
  // 2023 call: deadline 2023-06-15, so the certificate must be after 2021-06-15.
  sbc::Verdict after =
      judge(kHenan, henan().with("software.copyright_registered_on", "2021-06-16"));
  const sbc::ConditionResult& ok = condition(after, "basic.copyright_recent");
  CHECK(ok.result == Tri::pass);
  CHECK(ok.condition->clause == "申报通知（2023、2024年度）");
  CHECK(ok.message.en ==
        "software copyright certificate obtained on 2021-06-16 is after 2021-06-15, 2 years before "
        "the call's submission deadline 2023-06-15");
  CHECK(after.outcome == Outcome::eligible);

  sbc::Verdict on = judge(kHenan, henan().with("software.copyright_registered_on", "2021-06-15"));
  const sbc::ConditionResult& r = condition(on, "basic.copyright_recent");
  CHECK(r.result == Tri::fail);
  CHECK(r.message.en ==
        "software copyright certificate obtained on 2021-06-15 is not after 2021-06-15, 2 years "
        "before the call's submission deadline 2023-06-15");
  CHECK(on.outcome == Outcome::ineligible);
  REQUIRE(on.nearest);
  CHECK(on.nearest->path == "basic");

  // 2024 call: deadline 2024-06-15, the certificate after 2022-06-15.
  const CaseYaml call2024 = henan()
                                .with("application.call_deadline", "2024-06-15")
                                .with("application.date", "2024-06-01");
  CHECK(result(kHenan, call2024.with("software.copyright_registered_on", "2022-06-16"),
               "basic.copyright_recent") == Tri::pass);
  CHECK(result(kHenan, call2024.with("software.copyright_registered_on", "2022-06-15"),
               "basic.copyright_recent") == Tri::fail);
  // The pack bounds the date from below only: a certificate dated on (or after) the deadline
  // passes.
  CHECK(result(kHenan, henan().with("software.copyright_registered_on", "2023-06-15"),
               "basic.copyright_recent") == Tri::pass);
}

TEST_CASE(
    "henan basic.copyright_recent: counted from the call's deadline, never from the application or "
    "as-of date") {
  // The application date and --as-of do not move the reference.
  const CaseYaml c = henan()
                         .with("software.copyright_registered_on", "2021-06-16")
                         .with("application.date", "2024-12-01");
  CHECK(result(kHenan, c, "basic.copyright_recent") == Tri::pass);
  CHECK(condition(judge(kHenan, c, day("2030-01-01")), "basic.copyright_recent").result ==
        Tri::pass);

  sbc::Verdict no_deadline = judge(kHenan, henan().without("application.call_deadline"));
  const sbc::ConditionResult& r = condition(no_deadline, "basic.copyright_recent");
  CHECK(r.result == Tri::unknown);
  CHECK(r.missing == Strings{"application.call_deadline"});
  CHECK(r.message.en == "the call's submission deadline not given (application.call_deadline)");
  CHECK(no_deadline.outcome == Outcome::undetermined);
  CHECK(no_deadline.missing == Strings{"application.call_deadline"});

  sbc::Verdict no_certificate = judge(kHenan, henan().without("software.copyright_registered_on"));
  CHECK(condition(no_certificate, "basic.copyright_recent").result == Tri::unknown);
  CHECK(condition(no_certificate, "basic.copyright_recent").missing ==
        Strings{"software.copyright_registered_on"});
  CHECK(no_certificate.outcome == Outcome::undetermined);
}

// When the path's group is also the required group (henan-2021 and shenzhen-2023: required [basic],
// paths [{group: basic}]), the nearest path names each condition once, not once for each role.
TEST_CASE("programmes: the nearest path names each condition once") {
  sbc::Verdict henan_fail =
      judge(kHenan, henan().with("software.copyright_registered_on", "2021-06-15"));
  REQUIRE(henan_fail.nearest);
  CHECK(henan_fail.nearest->failing == Strings{"basic.copyright_recent"});
  sbc::Verdict henan_unknown = judge(kHenan, henan().without("software.copyright_first_owner"));
  REQUIRE(henan_unknown.nearest);
  CHECK(henan_unknown.nearest->unknown == Strings{"basic.first_owner"});
  sbc::Verdict shenzhen_fail =
      judge(kShenzhen, shenzhen().with("software.copyright_completed_on", "2020-12-31"));
  REQUIRE(shenzhen_fail.nearest);
  CHECK(shenzhen_fail.nearest->failing == Strings{"basic.copyright"});
}

// --- henan-2021: compensation
// -------------------------------------------------------------------------

TEST_CASE("henan scope.recognised: only a product the province recognised is compensated") {
  sbc::SubsidyVerdict v = subsidy(kHenan, henan().with("software.recognized", "false"));
  const sbc::ConditionResult& r = condition(v, "scope.recognised");
  CHECK(r.result == Tri::fail);
  CHECK(r.condition->clause == "专项资金管理办法（首版次软件保险补偿）");
  CHECK(v.compensation.fen == 0);
  CHECK(v.total_before_cap.fen == 24000000);           // what the policy would have given
  CHECK(award(v, "award.sales").result == Tri::fail);  // the award asks for it too
  CHECK(v.outcome == Grant::denied);
  CHECK(v.subsidy.fen == 0);

  sbc::SubsidyVerdict unknown = subsidy(kHenan, henan().without("software.recognized"));
  CHECK(condition(unknown, "scope.recognised").result == Tri::unknown);
  CHECK(condition(unknown, "scope.recognised").missing == Strings{"software.recognized"});
  CHECK(unknown.outcome == Grant::undetermined);
  CHECK(unknown.missing == Strings{"software.recognized"});
  // An undetermined compensation keeps what its policies would give (as for Shandong); no award is
  // added.
  CHECK(unknown.compensation.fen == 24000000);
  CHECK(unknown.subsidy.fen == 24000000);
}

TEST_CASE("henan amount.formula: 80% of the premium, the rate capped at 3% included") {
  SUBCASE("rate 2%: 300,000.00 × 80% = 240,000.00") {
    sbc::SubsidyVerdict v = subsidy(kHenan, henan());
    REQUIRE(v.policies.size() == 1);
    const sbc::PolicyResult& p = v.policies[0];
    CHECK(p.counted == Tri::pass);
    CHECK(p.findings.empty());
    CHECK(*p.rate == sbc::Rate::percent(2));
    CHECK(p.eligible_limit->fen == 1500000000);  // no limit multiple in Henan: the whole limit
    CHECK(p.base->fen == 30000000);
    CHECK(p.subsidy->fen == 24000000);
    CHECK(v.compensation.fen == 24000000);
    CHECK(!v.cap_applied);   // no enterprise cap in Henan
    CHECK(v.sales.empty());  // sales are not judged for compensation in Henan
  }
  SUBCASE("exactly 3% is not reduced: 1500万 × 3% = 450,000.00, × 80% = 360,000.00") {
    sbc::SubsidyVerdict v = subsidy(kHenan, henan_policy("1500万", "45万"));
    CHECK(*v.policies[0].rate == sbc::Rate::percent(3));
    CHECK(*v.policies[0].capped_rate == sbc::Rate::percent(3));
    CHECK(v.policies[0].base->fen == 45000000);
    CHECK(v.compensation.fen == 36000000);
  }
  SUBCASE("one fen of premium above 3% is capped: the base stays 450,000.00") {
    sbc::SubsidyVerdict v = subsidy(kHenan, henan_policy("1500万", "450000.01"));
    CHECK(*v.policies[0].rate == sbc::Rate::of(45000001, 1500000000));
    CHECK(*v.policies[0].capped_rate == sbc::Rate::percent(3));
    CHECK(v.policies[0].base->fen == 45000000);
    CHECK(v.compensation.fen == 36000000);
  }
  SUBCASE("80% half up to the fen: premium 300,000.03 × 80% = 240,000.024 → 240,000.02") {
    CHECK(subsidy(kHenan, henan_policy("1500万", "300000.03")).compensation.fen == 24000002);
    // 300,000.04 × 80% = 240,000.032 → 240,000.03
    CHECK(subsidy(kHenan, henan_policy("1500万", "300000.04")).compensation.fen == 24000003);
  }
  SUBCASE(
      "a policy over a year counts the first year: 300,000 × 366 ÷ 367 = 299,182.56; × 80% = "
      "239,346.05") {
    // 2023-08-11 .. 2024-08-11 is 367 days, its first year (over 29 February 2024) 366:
    // 299,182.5613… → 299,182.56; × 80% = 239,346.048 → 239,346.05.
    sbc::SubsidyVerdict v =
        subsidy(kHenan, henan().with("insurance.policies",
                                     "[{kind: software_quality, number: P1, signed_on: 2023-08-10, "
                                     "period: {start: 2023-08-11, end: 2024-08-11}, "
                                     "liability_limit: 1500万, premium: 30万, payments: [{date: "
                                     "2023-08-10, amount: 30万}]}]"));
    CHECK(v.policies[0].annual_premium->fen == 29918256);
    CHECK(v.compensation.fen == 23934605);
    CHECK(v.warnings.size() == 1);
  }
  SUBCASE("the premium missing: unknown, named") {
    sbc::SubsidyVerdict v = subsidy(
        kHenan,
        henan().with("insurance.policies",
                     "[{kind: software_quality, number: P1, signed_on: 2023-08-10, period: {start: "
                     "2023-08-11, end: 2024-08-10}, "
                     "liability_limit: 1500万, payments: [{date: 2023-08-10, amount: 30万}]}]"));
    CHECK(finding_ids(v.policies[0].findings) == Strings{"amount.formula"});
    CHECK(v.policies[0].findings[0].result == Tri::unknown);
    CHECK(v.policies[0].findings[0].clause == "专项资金管理办法（首版次软件保险补偿）");
    CHECK(v.missing == Strings{"insurance.policies[0].premium"});
    // The award is granted all the same, so the case is granted on it.
    CHECK(v.outcome == Grant::granted);
    CHECK(v.compensation.fen == 0);
    CHECK(v.subsidy.fen == 100000000);
  }
  SUBCASE("no policies: the compensation is unknown") {
    sbc::SubsidyVerdict v = subsidy(kHenan, henan().without("insurance.policies"));
    CHECK(v.missing == Strings{"insurance.policies"});
    CHECK(v.compensation.fen == 0);
  }
  SUBCASE(
      "rules Henan does not cite are not applied: no window, kind, first instalment, sale or "
      "materials") {
    // A product liability policy signed long before, paid 1% on the first day, no sales, no
    // materials.
    sbc::SubsidyVerdict v = subsidy(
        kHenan, henan()
                    .without("insurance.sales")
                    .with("insurance.policies",
                          "[{kind: 产品责任保险, number: P1, signed_on: 2019-01-01, period: "
                          "{start: 2023-08-11, end: 2024-08-10}, "
                          "liability_limit: 1500万, premium: 30万, payments: [{date: 2019-01-01, "
                          "amount: 3000}, {date: 2023-08-10, amount: 297000}]}]"));
    CHECK(v.policies[0].findings.empty());
    CHECK(v.policies[0].counted == Tri::pass);
    CHECK(v.compensation.fen == 24000000);
    CHECK(v.materials.result == Tri::pass);
    CHECK(!v.window);
  }
}

// 年度保费实际支出: a policy with no payment at all gets nothing (amount.paid_premium), though
// henan-2021 does not cite scope.window, whose finding says so for Shandong.
TEST_CASE("henan amount.formula: a premium not paid at all is not compensated") {
  sbc::SubsidyVerdict v =
      subsidy(kHenan, henan().with("insurance.policies",
                                   "[{kind: software_quality, number: P1, signed_on: 2023-08-10, "
                                   "period: {start: 2023-08-11, end: 2024-08-10}, "
                                   "liability_limit: 1500万, premium: 30万, payments: []}]"));
  CHECK(v.policies[0].counted == Tri::fail);
  CHECK(v.compensation.fen == 0);
}

// 补贴期限不超过1年 (amount.one_year): one year of cover, from the earliest start among the
// counting policies to the day before the same date a year later (the month's last day when it has
// none); each policy counts the days of its term inside that year. scope.one_year alone reads only
// insurance.prior_compensations.
namespace {

// The base case's first policy (2023-08-11 .. 2024-08-10, 30万, 1500万: 240,000.00) and a second.
sbc::SubsidyVerdict henan_with_second(const std::string& period, const std::string& limit,
                                      const std::string& premium,
                                      const std::string& kind = "cloud_service") {
  return subsidy(
      kHenan,
      henan().with(
          "insurance.policies",
          "[{kind: software_quality, number: P1, signed_on: 2023-08-10, period: {start: "
          "2023-08-11, end: 2024-08-10}, "
          "liability_limit: 1500万, premium: 30万, payments: [{date: 2023-08-10, amount: 30万}]}, "
          "{kind: " +
              kind + ", number: P2, signed_on: 2023-08-10, period: " + period +
              ", liability_limit: " + limit + ", premium: " + premium +
              ", payments: [{date: 2023-08-10, amount: " + premium + "}]}]"));
}

}  // namespace

TEST_CASE(
    "henan amount.one_year: a second policy of another kind over the same year counts whole") {
  // 120,000.00 ÷ 8,000,000.00 = 1.5%: base 120,000.00, × 80% = 96,000.00; with P1 336,000.00.
  sbc::SubsidyVerdict v =
      henan_with_second("{start: 2023-08-11, end: 2024-08-10}", "800万", "12万");
  CHECK(v.policies[1].counted == Tri::pass);
  CHECK(v.policies[1].days_in_year == 366);  // 2024-02-29 is inside
  CHECK(v.policies[1].days_in_term == 366);
  CHECK(v.policies[1].subsidy->fen == 9600000);
  CHECK(v.compensation.fen == 33600000);
  CHECK(format(v.policies[0].year->start) == "2023-08-11");
  CHECK(format(v.policies[0].year->end) == "2024-08-10");
}

TEST_CASE("henan amount.one_year: both ends of the year") {
  // Starting on the year's last day: 1 day of 365 (2024-08-10 .. 2025-08-09): 300,000.00 × 1 ÷ 365
  // = 821.917… → 821.92; 2% under the cap; × 80% = 657.536 → 657.54. With P1: 240,657.54.
  sbc::SubsidyVerdict last =
      henan_with_second("{start: 2024-08-10, end: 2025-08-09}", "1500万", "30万");
  CHECK(last.policies[1].days_in_year == 1);
  CHECK(last.policies[1].days_in_term == 365);
  CHECK(last.policies[1].year_share->fen == 82192);
  CHECK(last.policies[1].subsidy->fen == 65754);
  CHECK(last.compensation.fen == 24065754);
  // Starting the day after: entirely after the year, not counted, and the reason names the clause.
  sbc::SubsidyVerdict after =
      henan_with_second("{start: 2024-08-11, end: 2025-08-10}", "1500万", "30万");
  CHECK(after.policies[1].counted == Tri::fail);
  CHECK(finding_ids(after.policies[1].findings) == Strings{"amount.one_year"});
  CHECK(after.policies[1].findings[0].clause == "专项资金管理办法（首版次软件保险补偿）");
  CHECK(after.policies[1].findings[0].message.en ==
        "the policy runs 2024-08-11 to 2025-08-10, outside the compensated year 2023-08-11 to "
        "2024-08-10 (one year at most)");
  CHECK(after.compensation.fen == 24000000);
  // The year starts on the earliest start, whichever policy is listed first.
  sbc::SubsidyVerdict earlier =
      henan_with_second("{start: 2023-08-01, end: 2024-07-31}", "1500万", "30万");
  CHECK(format(earlier.policies[0].year->start) == "2023-08-01");
  CHECK(earlier.policies[0].days_in_year == 356);  // 2023-08-11 .. 2024-07-31 of P1's 366 days
  // 300,000.00 × 356 ÷ 366 = 291,803.278… → 291,803.28; × 80% = 233,442.624 → 233,442.62.
  CHECK(earlier.policies[0].subsidy->fen == 23344262);
  CHECK(earlier.policies[1].subsidy->fen == 24000000);
}

TEST_CASE("henan amount.one_year: a policy that ends inside the year counts whole") {
  // 2023-09-01 .. 2024-02-29: 182 days, all inside: 100,000.00 ÷ 10,000,000.00 = 1%, × 80% =
  // 80,000.00.
  sbc::SubsidyVerdict v =
      henan_with_second("{start: 2023-09-01, end: 2024-02-29}", "1000万", "10万");
  CHECK(v.policies[1].days_in_year == 182);
  CHECK(v.policies[1].days_in_term == 182);
  CHECK(v.policies[1].subsidy->fen == 8000000);
  CHECK(v.compensation.fen == 32000000);
}

TEST_CASE("henan amount.one_year: 29 February") {
  // A year from 2024-02-29 ends 2025-02-28 (no 29 February in 2025: the month's last day).
  auto from_leap_day = [](const std::string& second) {
    return subsidy(
        kHenan, henan().with("insurance.policies",
                             "[{kind: software_quality, number: P1, signed_on: 2024-02-28, period: "
                             "{start: 2024-02-29, end: 2025-02-28}, "
                             "liability_limit: 1500万, premium: 30万, payments: [{date: "
                             "2024-02-28, amount: 30万}]}, "
                             "{kind: cloud_service, number: P2, signed_on: 2024-02-28, period: " +
                                 second +
                                 ", liability_limit: 1000万, "
                                 "premium: 20万, payments: [{date: 2024-02-28, amount: 20万}]}]"));
  };
  sbc::SubsidyVerdict on_last = from_leap_day("{start: 2025-02-28, end: 2026-02-27}");
  CHECK(format(on_last.policies[0].year->end) == "2025-02-28");
  CHECK(on_last.policies[0].days_in_year == 366);
  CHECK(on_last.policies[0].subsidy->fen == 24000000);
  CHECK(on_last.policies[1].days_in_year == 1);
  // 200,000.00 × 1 ÷ 365 = 547.945… → 547.95; × 80% = 438.36.
  CHECK(on_last.policies[1].subsidy->fen == 43836);
  sbc::SubsidyVerdict next_day = from_leap_day("{start: 2025-03-01, end: 2026-02-28}");
  CHECK(next_day.policies[1].counted == Tri::fail);
  CHECK(finding_ids(next_day.policies[1].findings) == Strings{"amount.one_year"});
}

TEST_CASE("henan amount.one_year: a two-year policy counts its first year's share") {
  // 2023-08-11 .. 2025-08-10: 731 days; the year 2023-08-11 .. 2024-08-10: 366 of them.
  // 600,000.00 × 366 ÷ 731 = 300,410.396… → 300,410.40 (the annual premium, as for any pack);
  // rate 300,410.40 ÷ 15,000,000.00 = 2.0027…% under the cap; × 80% = 240,328.32.
  sbc::SubsidyVerdict v =
      subsidy(kHenan, henan().with("insurance.policies",
                                   "[{kind: software_quality, number: P1, signed_on: 2023-08-10, "
                                   "period: {start: 2023-08-11, end: 2025-08-10}, "
                                   "liability_limit: 1500万, premium: 60万, payments: [{date: "
                                   "2023-08-10, amount: 60万}]}]"));
  CHECK(v.policies[0].days_in_year == 366);
  CHECK(v.policies[0].days_in_term == 731);
  CHECK(v.policies[0].year_share->fen == 30041040);
  CHECK(v.policies[0].subsidy->fen == 24032832);
}

TEST_CASE(
    "henan amount.one_year: the rate cap applies to a part-year share as to a year's premium") {
  // 2024-02-11 .. 2025-02-10: 366 days, 182 inside. 400,000.00 × 182 ÷ 366 = 198,907.103… →
  // 198,907.10; rate 4% over the 3% cap: base 198,907.10 × 3/4 = 149,180.325 → 149,180.33; × 80% =
  // 119,344.264 → 119,344.26.
  sbc::SubsidyVerdict v =
      henan_with_second("{start: 2024-02-11, end: 2025-02-10}", "1000万", "40万");
  CHECK(v.policies[1].days_in_year == 182);
  CHECK(v.policies[1].year_share->fen == 19890710);
  CHECK(v.policies[1].base->fen == 14918033);
  CHECK(v.policies[1].subsidy->fen == 11934426);
  CHECK(v.compensation.fen == 24000000 + 11934426);
}

TEST_CASE("henan amount.paid_premium: the premium counts as far as it was paid") {
  // 300,000.00 due, 200,000.00 paid: 200,000.00 ÷ 15,000,000.00 = 1.333…%, base 200,000.00, × 80% =
  // 160,000.00.
  sbc::SubsidyVerdict v =
      subsidy(kHenan, henan().with("insurance.policies",
                                   "[{kind: software_quality, number: P1, signed_on: 2023-08-10, "
                                   "period: {start: 2023-08-11, end: 2024-08-10}, "
                                   "liability_limit: 1500万, premium: 30万, payments: [{date: "
                                   "2023-08-10, amount: 20万}]}]"));
  CHECK(v.policies[0].counted == Tri::pass);
  CHECK(v.policies[0].annual_premium->fen == 20000000);
  CHECK(v.compensation.fen == 16000000);
  CHECK(v.policies[0].warnings.size() == 1);
  // Paid in full (or more): the premium itself.
  sbc::SubsidyVerdict full =
      subsidy(kHenan, henan().with("insurance.policies",
                                   "[{kind: software_quality, number: P1, signed_on: 2023-08-10, "
                                   "period: {start: 2023-08-11, end: 2024-08-10}, "
                                   "liability_limit: 1500万, premium: 30万, payments: [{date: "
                                   "2023-08-10, amount: 30万}]}]"));
  CHECK(full.compensation.fen == 24000000);
  CHECK(full.policies[0].warnings.empty());
  // No payments stated: unknown, named.
  sbc::SubsidyVerdict unstated =
      subsidy(kHenan, henan().with("insurance.policies",
                                   "[{kind: software_quality, number: P1, signed_on: 2023-08-10, "
                                   "period: {start: 2023-08-11, end: 2024-08-10}, "
                                   "liability_limit: 1500万, premium: 30万}]"));
  CHECK(unstated.policies[0].counted == Tri::unknown);
  CHECK(finding_ids(unstated.policies[0].findings) == Strings{"amount.paid_premium"});
  CHECK(unstated.missing == Strings{"insurance.policies[0].payments"});
}

// With insurance.prior_compensations missing the compensation is undetermined (a product
// compensated before gets ¥0.00), so a granted total holds only the granted award (¥1,000,000.00),
// not the compensation's ¥240,000.00 proven so far.
TEST_CASE("henan: a granted total counts only the parts that are granted") {
  sbc::SubsidyVerdict v = subsidy(kHenan, henan().without("insurance.prior_compensations"));
  CHECK(award(v, "award.sales").amount.fen == 100000000);
  CHECK(v.outcome == Grant::granted);
  CHECK(v.subsidy.fen == 100000000);
}

// --- henan-2021: the sales award
// ----------------------------------------------------------------------

TEST_CASE("henan award.sales: invoices of the 12 months from recognition, both ends included") {
  // Recognised 2023-08-01: 2023-08-01 .. 2024-07-31.
  SUBCASE("the recognition day and the last day count; the day before and the day after do not") {
    sbc::SubsidyVerdict v =
        subsidy(kHenan, henan_invoices("[{date: 2023-07-31, amount: 1000}, {date: 2023-08-01, "
                                       "amount: 100万}, {date: 2024-07-31, amount: 200万}, "
                                       "{date: 2024-08-01, amount: 2000}]"));
    const sbc::AwardResult& a = award(v, "award.sales");
    CHECK(a.result == Tri::pass);
    CHECK(a.base->fen == 300000000);       // 100万 + 200万
    CHECK(a.before_cap->fen == 60000000);  // 20% × 3,000,000.00 = 600,000.00
    CHECK(a.amount.fen == 60000000);
    CHECK(!a.cap_applied);
    CHECK(
        a.base_text.en ==
        "invoiced 2023-08-01 to 2024-07-31 (12 months from software.recognized_on): ¥3,000,000.00");
  }
  SUBCASE("only the day after: nothing invoiced, no award") {
    sbc::SubsidyVerdict v = subsidy(kHenan, henan_invoices("[{date: 2024-08-01, amount: 100万}]"));
    const sbc::AwardResult& a = award(v, "award.sales");
    CHECK(a.base->fen == 0);
    CHECK(a.result == Tri::fail);
    CHECK(a.amount.fen == 0);
    CHECK(v.subsidy.fen == 24000000);  // the compensation alone
    CHECK(v.outcome == Grant::granted);
  }
  SUBCASE("recognised on 31 January: the 12 months end on 30 January") {
    const CaseYaml jan = henan().with("software.recognized_on", "2024-01-31");
    sbc::SubsidyVerdict v =
        subsidy(kHenan, jan.with("insurance.sales",
                                 "[{contract: S1, amount: 1000万, invoices: [{date: 2025-01-30, "
                                 "amount: 100万}, {date: 2025-01-31, amount: 200万}]}]"));
    CHECK(award(v, "award.sales").base->fen == 100000000);
  }
  SUBCASE("recognised on 29 February: the 12 months end on 28 February") {
    // 2025 has no 29 February, so the period's last day is the month's last (民法典 第二百零三条).
    const CaseYaml leap = henan().with("software.recognized_on", "2024-02-29");
    sbc::SubsidyVerdict v =
        subsidy(kHenan, leap.with("insurance.sales",
                                  "[{contract: S1, amount: 1000万, invoices: [{date: 2025-02-28, "
                                  "amount: 100万}, {date: 2025-03-01, amount: 200万}]}]"));
    CHECK(award(v, "award.sales").base->fen == 100000000);
    CHECK(
        award(v, "award.sales").base_text.en ==
        "invoiced 2024-02-29 to 2025-02-28 (12 months from software.recognized_on): ¥1,000,000.00");
  }
  SUBCASE("every sale counts, whatever its contract") {
    sbc::SubsidyVerdict v = subsidy(
        kHenan,
        henan().with(
            "insurance.sales",
            "[{contract: S1, amount: 100万, invoices: [{date: 2023-09-01, amount: 100万}]}, "
            "{contract: S2, amount: 50万, invoices: [{date: 2023-10-01, amount: 20万}, {date: "
            "2023-11-01, amount: 30万}]}]"));
    CHECK(award(v, "award.sales").base->fen == 150000000);
    CHECK(award(v, "award.sales").amount.fen == 30000000);  // 20% × 1,500,000.00
  }
}

TEST_CASE("henan award.sales: its conditions and its base, unknown when missing") {
  SUBCASE("award.in_province: a developer in Henan") {
    sbc::SubsidyVerdict v = subsidy(kHenan, henan().with("applicant.registered_province", "山东"));
    const sbc::AwardResult& a = award(v, "award.sales");
    const sbc::ConditionResult& r = condition(a, "award.in_province");
    CHECK(r.result == Tri::fail);
    CHECK(r.condition->clause == "专项资金管理办法（首版次软件销售奖励）");
    CHECK(r.message.en == "province of registration: shandong (required: one of henan)");
    CHECK(a.result == Tri::fail);
    CHECK(a.amount.fen == 0);
    CHECK(v.subsidy.fen == 24000000);  // the compensation does not ask where the developer is

    sbc::SubsidyVerdict unknown = subsidy(kHenan, henan().without("applicant.registered_province"));
    const sbc::AwardResult& u = award(unknown, "award.sales");
    CHECK(condition(u, "award.in_province").result == Tri::unknown);
    CHECK(condition(u, "award.in_province").missing == Strings{"applicant.registered_province"});
    CHECK(u.result == Tri::unknown);
    CHECK(u.missing == Strings{"applicant.registered_province"});
    CHECK(unknown.missing == Strings{"applicant.registered_province"});
    CHECK(unknown.outcome == Grant::granted);  // the compensation is granted meanwhile
    CHECK(unknown.subsidy.fen == 24000000);
  }
  SUBCASE("award.recognised") {
    sbc::SubsidyVerdict v = subsidy(
        kHenan,
        henan().with("software.recognized", "false").with("insurance.prior_compensations", "1"));
    const sbc::AwardResult& a = award(v, "award.sales");
    CHECK(condition(a, "award.recognised").result == Tri::fail);
    CHECK(condition(a, "award.recognised").condition->clause ==
          "专项资金管理办法（首版次软件销售奖励）");
    CHECK(a.result == Tri::fail);
    CHECK(v.outcome == Grant::denied);
    CHECK(v.subsidy.fen == 0);
    sbc::SubsidyVerdict unknown = subsidy(kHenan, henan().without("software.recognized"));
    CHECK(condition(award(unknown, "award.sales"), "award.recognised").result == Tri::unknown);
    CHECK(award(unknown, "award.sales").result == Tri::unknown);
    CHECK(unknown.outcome == Grant::undetermined);
  }
  SUBCASE("no recognition date: unknown") {
    sbc::SubsidyVerdict v = subsidy(kHenan, henan().without("software.recognized_on"));
    const sbc::AwardResult& a = award(v, "award.sales");
    CHECK(a.result == Tri::unknown);
    CHECK(!a.base);
    CHECK(a.missing == Strings{"software.recognized_on"});
    CHECK(v.missing == Strings{"software.recognized_on"});
    CHECK(v.outcome == Grant::granted);  // on the compensation
  }
  SUBCASE("no sales: unknown; sales stated as []: no award") {
    sbc::SubsidyVerdict v = subsidy(kHenan, henan().without("insurance.sales"));
    CHECK(award(v, "award.sales").result == Tri::unknown);
    CHECK(award(v, "award.sales").missing == Strings{"insurance.sales"});
    sbc::SubsidyVerdict none = subsidy(kHenan, henan().with("insurance.sales", "[]"));
    CHECK(award(none, "award.sales").result == Tri::fail);
    CHECK(award(none, "award.sales").base->fen == 0);
  }
  SUBCASE("an invoice without its date, or a sale without invoices: unknown, named") {
    sbc::SubsidyVerdict v =
        subsidy(kHenan, henan().with("insurance.sales",
                                     "[{contract: S1, amount: 100万, invoices: [{amount: 100万}]}, "
                                     "{contract: S2, amount: 100万}]"));
    const sbc::AwardResult& a = award(v, "award.sales");
    CHECK(a.result == Tri::unknown);
    CHECK(a.missing == Strings{"insurance.sales[0].invoices[0]", "insurance.sales[1].invoices"});
  }
}

// An unknown award condition (the province) does not hide the invoiced base and its arithmetic.
TEST_CASE("henan award.sales: the base is measured even while a condition is unknown") {
  sbc::SubsidyVerdict v = subsidy(kHenan, henan().without("applicant.registered_province"));
  const sbc::AwardResult& a = award(v, "award.sales");
  CHECK(a.result == Tri::unknown);
  REQUIRE(a.base);
  CHECK(a.base->fen == 500000000);
  CHECK(a.before_cap->fen == 100000000);
}

// --- anhui-2020
// ---------------------------------------------------------------------------------------

namespace {

sbc::AwardResult anhui_developer(const std::string& price) {
  sbc::SubsidyVerdict v = subsidy(kAnhui, anhui().with("award.price", price));
  return award(v, "award.developer");
}

}  // namespace

TEST_CASE(
    "anhui: 15% of the price up to ¥10,000,000 (included), 10% above, summed exactly, then half "
    "up") {
  SUBCASE("¥10,000,000.00: 15% × 10,000,000.00 = 1,500,000.00, nothing above") {
    sbc::AwardResult a = anhui_developer("1000万");
    CHECK(a.result == Tri::pass);
    REQUIRE(a.tier_parts.size() == 2);
    CHECK(a.tier_parts[0].fen == 1000000000);
    CHECK(a.tier_parts[1].fen == 0);
    CHECK(a.amount.fen == 150000000);
  }
  SUBCASE("¥10,000,000.01: 1,500,000.00 + 10% × 0.01 = 1,500,000.001 → 1,500,000.00") {
    sbc::AwardResult a = anhui_developer("10000000.01");
    CHECK(a.tier_parts[0].fen == 1000000000);
    CHECK(a.tier_parts[1].fen == 1);
    CHECK(a.before_cap->fen == 150000000);
    CHECK(a.amount.fen == 150000000);
  }
  SUBCASE("¥10,000,000.05: 1,500,000.00 + 0.005 → 1,500,000.01 (half up)") {
    CHECK(anhui_developer("10000000.05").amount.fen == 150000001);
    CHECK(anhui_developer("10000000.04").amount.fen == 150000000);  // + 0.004
  }
  SUBCASE(
      "below the step: ¥1,000,000.30 × 15% = 150,000.045 → 150,000.05 (half up, not half even)") {
    sbc::AwardResult a = anhui_developer("1000000.30");
    CHECK(a.tier_parts[0].fen == 100000030);
    CHECK(a.tier_parts[1].fen == 0);
    CHECK(a.amount.fen == 15000005);
    CHECK(anhui_developer("1000000.29").amount.fen == 15000004);  // 150,000.0435 → .04
  }
  SUBCASE("¥12,000,000: 1,500,000 + 10% × 2,000,000 = 1,700,000.00") {
    sbc::AwardResult a = anhui_developer("1200万");
    CHECK(a.tier_parts[1].fen == 200000000);
    CHECK(a.amount.fen == 170000000);
  }
  SUBCASE("¥45,000,000.00: 1,500,000 + 3,500,000 = exactly 5,000,000.00, not capped") {
    sbc::AwardResult a = anhui_developer("4500万");
    CHECK(a.before_cap->fen == 500000000);
    CHECK(a.amount.fen == 500000000);
    CHECK(!a.cap_applied);
  }
  SUBCASE("¥45,000,000.01: 5,000,000.001 → 5,000,000.00 once rounded, so still not over the cap") {
    sbc::AwardResult a = anhui_developer("45000000.01");
    CHECK(a.before_cap->fen == 500000000);
    CHECK(a.amount.fen == 500000000);
    CHECK(!a.cap_applied);
  }
  SUBCASE("¥45,000,000.05: 5,000,000.005 → 5,000,000.01, capped at 5,000,000.00") {
    sbc::AwardResult a = anhui_developer("45000000.05");
    CHECK(a.before_cap->fen == 500000001);
    CHECK(a.amount.fen == 500000000);
    CHECK(a.cap_applied);
  }
  SUBCASE("¥100,000,000: 1,500,000 + 9,000,000 = 10,500,000.00, capped at 5,000,000.00") {
    sbc::AwardResult a = anhui_developer("1亿");
    CHECK(a.before_cap->fen == 1050000000);
    CHECK(a.amount.fen == 500000000);
    CHECK(a.cap_applied);
  }
  SUBCASE("a price of 0: no award") {
    sbc::AwardResult a = anhui_developer("0");
    CHECK(a.result == Tri::fail);
    CHECK(a.amount.fen == 0);
  }
}

TEST_CASE("anhui: developer and user awarded the same, and the verdict adds them") {
  sbc::SubsidyVerdict v = subsidy(kAnhui, anhui().with("award.price", "4600万"));
  // 1,500,000 + 10% × 36,000,000 = 5,100,000.00, capped at 5,000,000.00 each: 10,000,000.00.
  CHECK(award(v, "award.developer").amount.fen == 500000000);
  CHECK(award(v, "award.user").amount.fen == 500000000);
  CHECK(award(v, "award.user").cap_applied);
  CHECK(v.subsidy.fen == 1000000000);
  CHECK(v.outcome == Grant::granted);
}

TEST_CASE("anhui award conditions: in the province, recognised, once") {
  SUBCASE(
      "award.developer_in_province: a developer outside Anhui gets nothing; the user still does") {
    sbc::SubsidyVerdict v = subsidy(kAnhui, anhui().with("applicant.registered_province", "江苏"));
    const sbc::AwardResult& dev = award(v, "award.developer");
    CHECK(condition(dev, "award.developer_in_province").result == Tri::fail);
    CHECK(condition(dev, "award.developer_in_province").condition->clause ==
          "2020年省级政策（首版次软件奖补）");
    CHECK(condition(dev, "award.developer_in_province").message.en ==
          "province of registration: jiangsu (required: one of anhui)");
    CHECK(dev.result == Tri::fail);
    CHECK(dev.amount.fen == 0);
    CHECK(award(v, "award.user").amount.fen == 170000000);
    CHECK(v.subsidy.fen == 170000000);
    CHECK(v.outcome == Grant::granted);
    sbc::SubsidyVerdict unknown = subsidy(kAnhui, anhui().without("applicant.registered_province"));
    CHECK(condition(award(unknown, "award.developer"), "award.developer_in_province").result ==
          Tri::unknown);
    CHECK(award(unknown, "award.developer").missing == Strings{"applicant.registered_province"});
  }
  SUBCASE(
      "award.user_in_province: a first user outside Anhui gets nothing; the developer still does") {
    sbc::SubsidyVerdict v = subsidy(kAnhui, anhui().with("award.user_in_province", "false"));
    CHECK(condition(award(v, "award.user"), "award.user_in_province").result == Tri::fail);
    CHECK(award(v, "award.user").result == Tri::fail);
    CHECK(award(v, "award.developer").amount.fen == 170000000);
    CHECK(v.subsidy.fen == 170000000);
    sbc::SubsidyVerdict unknown = subsidy(kAnhui, anhui().without("award.user_in_province"));
    CHECK(award(unknown, "award.user").result == Tri::unknown);
    CHECK(award(unknown, "award.user").missing == Strings{"award.user_in_province"});
    CHECK(unknown.outcome == Grant::granted);  // the developer's award is granted
  }
  SUBCASE("award.recognised: not recognised in Anhui, no award for anyone") {
    sbc::SubsidyVerdict v = subsidy(kAnhui, anhui().with("software.recognized", "false"));
    CHECK(condition(award(v, "award.developer"), "award.recognised").result == Tri::fail);
    CHECK(condition(award(v, "award.user"), "award.recognised").result == Tri::fail);
    CHECK(v.outcome == Grant::denied);
    CHECK(v.subsidy.fen == 0);
    sbc::SubsidyVerdict unknown = subsidy(kAnhui, anhui().without("software.recognized"));
    CHECK(unknown.outcome == Grant::undetermined);
    CHECK(unknown.missing == Strings{"software.recognized"});
    CHECK(unknown.subsidy.fen == 0);
  }
  SUBCASE(
      "paid once to each: a beneficiary that had the award gets no second, the other still can") {
    sbc::SubsidyVerdict v = subsidy(kAnhui, anhui().with("award.developer_prior_award", "true"));
    const sbc::ConditionResult& r = condition(award(v, "award.developer"), "award.developer_once");
    CHECK(r.result == Tri::fail);
    CHECK(r.condition->clause == "2020年省级政策（首版次软件奖补）");
    CHECK(award(v, "award.developer").amount.fen == 0);
    CHECK(condition(award(v, "award.user"), "award.user_once").result == Tri::pass);
    CHECK(award(v, "award.user").amount.fen == 170000000);
    CHECK(v.outcome == Grant::granted);
    CHECK(v.subsidy.fen == 170000000);
    sbc::SubsidyVerdict both = subsidy(
        kAnhui,
        anhui().with("award.developer_prior_award", "true").with("award.user_prior_award", "true"));
    CHECK(condition(award(both, "award.user"), "award.user_once").result == Tri::fail);
    CHECK(both.outcome == Grant::denied);
    CHECK(both.subsidy.fen == 0);
    sbc::SubsidyVerdict unknown = subsidy(kAnhui, anhui().without("award.user_prior_award"));
    CHECK(condition(award(unknown, "award.user"), "award.user_once").missing ==
          Strings{"award.user_prior_award"});
    CHECK(award(unknown, "award.user").result == Tri::unknown);
    CHECK(unknown.outcome == Grant::granted);  // the developer's award is granted all the same
  }
  SUBCASE("no price: both awards unknown") {
    sbc::SubsidyVerdict v = subsidy(kAnhui, anhui().without("award.price"));
    CHECK(award(v, "award.developer").result == Tri::unknown);
    CHECK(award(v, "award.developer").missing == Strings{"award.price"});
    CHECK(award(v, "award.user").result == Tri::unknown);
    CHECK(v.outcome == Grant::undetermined);
    CHECK(v.missing == Strings{"award.price"});
  }
}

TEST_CASE("anhui: the markdown report of an awards-only pack has no compensation parts") {
  sbc::RuleLibrary rules;
  sbc::SubsidyResult r = sbc::subsidy_case(read(anhui()), rules, sbc::SubsidyOptions{});
  REQUIRE(r.verdict);
  std::string markdown = sbc::render_markdown(r, sbc::OutputOptions{});
  CHECK(markdown.find("`materials`") == std::string::npos);
  CHECK(markdown.find("| 保单号 |") == std::string::npos);
  CHECK(markdown.find(
            "- ✓ `award.developer` (2020年省级政策（首版次软件奖补）, developer): ¥1,700,000.00") !=
        std::string::npos);
}

// An awards-only pack (anhui-2020, shenzhen-2023) has no materials to be unknown: they pass, with
// "this pack lists no materials", as for henan-2021, which lists none.
TEST_CASE("anhui: an awards-only pack's materials are not unknown") {
  sbc::SubsidyVerdict v = subsidy(kAnhui, anhui());
  CHECK(v.materials.result == Tri::pass);
  CHECK(v.materials.message.en == "this pack lists no materials");
  CHECK(v.materials.required.empty());
}

TEST_CASE("anhui under sbc-check: an awards-only pack is an error result, chosen or named") {
  sbc::RuleLibrary rules;
  sbc::CheckOptions named;
  named.rules = kAnhui;
  for (const sbc::CheckOptions& options : {named, sbc::CheckOptions{}}) {
    CAPTURE(options.rules);
    sbc::CheckResult r = sbc::check_case(read(anhui()), rules, options);
    CHECK(!r.verdict);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].path == "rules");
    CHECK(r.errors[0].message.en ==
          "rule pack anhui-2020 has no recognition rules (awards only); use sbc-subsidy");
    CHECK(r.errors[0].message.zh == "规则包 anhui-2020 没有认定条件（仅有奖补），请用 sbc-subsidy");
    CHECK(sbc::exit_status(r) == sbc::ExitStatus::error);
  }
}

// --- shenzhen-2023: applicant conditions
// --------------------------------------------------------------

TEST_CASE("shenzhen basic.founded: at least one year, the anniversary itself included") {
  // Applying on 2023-11-20.
  sbc::Verdict at = judge(kShenzhen, shenzhen().with("applicant.founded_on", "2022-11-20"));
  const sbc::ConditionResult& ok = condition(at, "basic.founded");
  CHECK(ok.result == Tri::pass);
  CHECK(ok.condition->clause == "2024年度申报通知 申报条件");
  CHECK(ok.message.en ==
        "founded on 2022-11-20: the application date 2023-11-20 is at least 1 years after it (1 "
        "years on 2023-11-20)");
  CHECK(at.outcome == Outcome::eligible);

  sbc::Verdict short_a_day =
      judge(kShenzhen, shenzhen().with("applicant.founded_on", "2022-11-21"));
  const sbc::ConditionResult& r = condition(short_a_day, "basic.founded");
  CHECK(r.result == Tri::fail);
  CHECK(r.message.en ==
        "founded on 2022-11-21: the application date 2023-11-20 is less than 1 years after it (1 "
        "years on 2023-11-21)");
  CHECK(short_a_day.outcome == Outcome::ineligible);
}

TEST_CASE("shenzhen basic.founded: 29 February, the as-of date, and unknowns") {
  // Founded 2023-02-28: a year on is 2024-02-28, so 2024-02-29 passes; founded 2023-03-01 fails.
  const CaseYaml leap_application = shenzhen().with("application.date", "2024-02-29");
  CHECK(result(kShenzhen, leap_application.with("applicant.founded_on", "2023-02-28"),
               "basic.founded") == Tri::pass);
  CHECK(result(kShenzhen, leap_application.with("applicant.founded_on", "2023-03-01"),
               "basic.founded") == Tri::fail);
  // Founded 2024-02-29: a year on is 2025-02-28 (no 29 February in 2025).
  const CaseYaml leap_founding = shenzhen().with("applicant.founded_on", "2024-02-29");
  CHECK(condition(judge(kShenzhen, leap_founding, day("2025-02-28")), "basic.founded").result ==
        Tri::pass);
  CHECK(condition(judge(kShenzhen, leap_founding, day("2025-02-27")), "basic.founded").result ==
        Tri::fail);
  // --as-of replaces the application date.
  CHECK(condition(judge(kShenzhen, shenzhen().with("applicant.founded_on", "2022-11-21"),
                        day("2023-11-21")),
                  "basic.founded")
            .result == Tri::pass);

  sbc::Verdict no_date = judge(kShenzhen, shenzhen().without("application.date"));
  CHECK(condition(no_date, "basic.founded").result == Tri::unknown);
  CHECK(condition(no_date, "basic.founded").missing == Strings{"application.date"});
  CHECK(no_date.outcome == Outcome::undetermined);
  sbc::Verdict no_founding = judge(kShenzhen, shenzhen().without("applicant.founded_on"));
  CHECK(condition(no_founding, "basic.founded").result == Tri::unknown);
  CHECK(condition(no_founding, "basic.founded").missing == Strings{"applicant.founded_on"});
  CHECK(no_founding.missing == Strings{"applicant.founded_on"});
}

TEST_CASE("shenzhen basic.revenue: main ≥ ¥20,000,000 and software ≥ 30% of it") {
  const CaseYaml at = shenzhen()
                          .with("applicant.main_revenue", "2000万")
                          .with("applicant.software_revenue", "600万");
  sbc::Verdict pass = judge(kShenzhen, at);
  const sbc::ConditionResult& ok = condition(pass, "basic.revenue");
  CHECK(ok.result == Tri::pass);
  CHECK(ok.condition->clause == "2024年度申报通知 申报条件");
  CHECK(pass.outcome == Outcome::eligible);

  // Software revenue one fen short of 30%: 6,000,000.00 needed.
  sbc::Verdict fen_short = judge(kShenzhen, at.with("applicant.software_revenue", "5999999.99"));
  const sbc::ConditionResult& r = condition(fen_short, "basic.revenue");
  CHECK(r.result == Tri::fail);
  REQUIRE(r.short_by);
  CHECK(*r.short_by == yuan_fen(1));
  CHECK(r.message.en.find("previous year's software revenue ¥5,999,999.99 is short of 30% of "
                          "previous year's main business "
                          "revenue ¥20,000,000.00 (¥6,000,000.00)") != std::string::npos);
  CHECK(fen_short.outcome == Outcome::ineligible);

  // Main revenue one fen short of ¥20,000,000 (the software share would do: 40%).
  sbc::Verdict main_short = judge(kShenzhen, at.with("applicant.main_revenue", "19999999.99"));
  CHECK(condition(main_short, "basic.revenue").result == Tri::fail);
  CHECK(main_short.outcome == Outcome::ineligible);

  // The share is exact: 30% of 20,000,000.01 is 6,000,000.003, so 6,000,000.00 is short and
  // 6,000,000.01 enough.
  const CaseYaml odd = shenzhen().with("applicant.main_revenue", "20000000.01");
  CHECK(result(kShenzhen, odd.with("applicant.software_revenue", "6000000.00"), "basic.revenue") ==
        Tri::fail);
  CHECK(result(kShenzhen, odd.with("applicant.software_revenue", "6000000.01"), "basic.revenue") ==
        Tri::pass);
}

// 30% of ¥20,000,000.01 is 6,000,000.003: the least whole-fen amount that reaches it is
// ¥6,000,000.01 (rounded up), which the message names, with short_by ¥0.01 for a failing
// ¥6,000,000.00.
TEST_CASE(
    "shenzhen basic.revenue: a share that is not whole fen names the least amount that passes") {
  sbc::Verdict v = judge(kShenzhen, shenzhen()
                                        .with("applicant.main_revenue", "20000000.01")
                                        .with("applicant.software_revenue", "6000000.00"));
  const sbc::ConditionResult& r = condition(v, "basic.revenue");
  CHECK(r.result == Tri::fail);
  REQUIRE(r.short_by);
  CHECK(*r.short_by == yuan_fen(1));
  CHECK(r.message.en.find("(¥6,000,000.01)") != std::string::npos);
}

TEST_CASE(
    "shenzhen basic.revenue: key basic or industrial software needs main revenue ≥ ¥5,000,000 "
    "only") {
  const CaseYaml small =
      shenzhen().with("applicant.main_revenue", "500万").with("applicant.software_revenue", "0");
  for (const char* category : {"industrial", "key_basic", "大型工业软件"}) {
    CAPTURE(category);
    CHECK(result(kShenzhen, small.with("software.category", category), "basic.revenue") ==
          Tri::pass);
    CHECK(
        result(
            kShenzhen,
            small.with("software.category", category).with("applicant.main_revenue", "4999999.99"),
            "basic.revenue") == Tri::fail);
  }
  // Other categories need the first branch.
  for (const char* category : {"platform", "industry_app", "embedded", "ic_design"}) {
    CAPTURE(category);
    CHECK(result(kShenzhen, small.with("software.category", category), "basic.revenue") ==
          Tri::fail);
  }
  sbc::Verdict industrial = judge(kShenzhen, small.with("software.category", "industrial"));
  CHECK(industrial.outcome == Outcome::eligible);
}

TEST_CASE("shenzhen basic.revenue: unknown when a fact it needs is missing") {
  sbc::Verdict no_main = judge(kShenzhen, shenzhen().without("applicant.main_revenue"));
  CHECK(condition(no_main, "basic.revenue").result == Tri::unknown);
  CHECK(condition(no_main, "basic.revenue").missing == Strings{"applicant.main_revenue"});
  CHECK(no_main.outcome == Outcome::undetermined);
  // Platform software: the first branch decides, and it lacks the software revenue.
  sbc::Verdict no_software = judge(kShenzhen, shenzhen().without("applicant.software_revenue"));
  CHECK(condition(no_software, "basic.revenue").result == Tri::unknown);
  CHECK(condition(no_software, "basic.revenue").missing == Strings{"applicant.software_revenue"});
  // Industrial software with ¥6,000,000 main revenue passes without the software revenue.
  CHECK(result(kShenzhen,
               shenzhen()
                   .with("software.category", "industrial")
                   .with("applicant.main_revenue", "600万")
                   .without("applicant.software_revenue"),
               "basic.revenue") == Tri::pass);
  // ¥6,000,000 of main revenue and no category: only the second branch could pass, and it is
  // unknown.
  sbc::Verdict no_category = judge(
      kShenzhen, shenzhen().with("applicant.main_revenue", "600万").without("software.category"));
  CHECK(condition(no_category, "basic.revenue").result == Tri::unknown);
  CHECK(condition(no_category, "basic.revenue").missing == Strings{"software.category"});
}

TEST_CASE("shenzhen basic.copyright: completed on or after 2021-01-01") {
  sbc::Verdict on =
      judge(kShenzhen, shenzhen().with("software.copyright_completed_on", "2021-01-01"));
  CHECK(condition(on, "basic.copyright").result == Tri::pass);
  CHECK(condition(on, "basic.copyright").condition->clause == "2024年度申报通知 申报条件");
  CHECK(on.outcome == Outcome::eligible);
  sbc::Verdict before =
      judge(kShenzhen, shenzhen().with("software.copyright_completed_on", "2020-12-31"));
  CHECK(condition(before, "basic.copyright").result == Tri::fail);
  CHECK(before.outcome == Outcome::ineligible);
  REQUIRE(before.nearest);
  CHECK(before.nearest->path == "basic");
  sbc::Verdict unknown = judge(kShenzhen, shenzhen().without("software.copyright_completed_on"));
  CHECK(condition(unknown, "basic.copyright").result == Tri::unknown);
  CHECK(condition(unknown, "basic.copyright").missing ==
        Strings{"software.copyright_completed_on"});
  CHECK(unknown.outcome == Outcome::undetermined);
}

// --- shenzhen-2023: awards
// ------------------------------------------------------------------------------

TEST_CASE(
    "shenzhen award.developer: 30% of the audited sales, capped at ¥10,000,000.00, on the "
    "applicant conditions") {
  auto developer = [](const CaseYaml& c) {
    return award(subsidy(kShenzhen, c), "award.developer");
  };
  // 30% × 33,333,333.33 = 9,999,999.999 → 10,000,000.00: exactly the cap.
  sbc::AwardResult at = developer(shenzhen().with("award.audited_sales", "33333333.33"));
  CHECK(at.before_cap->fen == 1000000000);
  CHECK(at.amount.fen == 1000000000);
  CHECK(!at.cap_applied);
  // 30% × 33,333,333.35 = 10,000,000.005 → 10,000,000.01: capped.
  sbc::AwardResult over = developer(shenzhen().with("award.audited_sales", "33333333.35"));
  CHECK(over.before_cap->fen == 1000000001);
  CHECK(over.amount.fen == 1000000000);
  CHECK(over.cap_applied);
  // 30% × 33,333,333.34 = 10,000,000.002 → 10,000,000.00: not capped.
  CHECK(!developer(shenzhen().with("award.audited_sales", "33333333.34")).cap_applied);
  // 30% × 1,234,567.89 = 370,370.367 → 370,370.37.
  CHECK(developer(shenzhen().with("award.audited_sales", "1234567.89")).amount.fen == 37037037);

  // Each applicant condition is a condition of the award.
  for (const auto& [fact, value, id] :
       {std::tuple{"applicant.founded_on", "2022-11-21", "basic.founded"},
        std::tuple{"applicant.software_revenue", "8999999.99", "basic.revenue"},
        std::tuple{"software.copyright_completed_on", "2020-12-31", "basic.copyright"}}) {
    CAPTURE(id);
    sbc::SubsidyVerdict v = subsidy(kShenzhen, shenzhen().with(fact, value));
    const sbc::AwardResult& a = award(v, "award.developer");
    CHECK(condition(a, id).result == Tri::fail);
    CHECK(a.result == Tri::fail);
    CHECK(a.amount.fen == 0);
    CHECK(v.subsidy.fen ==
          0);  // nor the user: the product is not first-edition (award.first_edition)
  }
  sbc::SubsidyVerdict unknown = subsidy(kShenzhen, shenzhen().without("applicant.founded_on"));
  CHECK(award(unknown, "award.developer").result == Tri::unknown);
  CHECK(award(unknown, "award.developer").missing == Strings{"applicant.founded_on"});
  sbc::SubsidyVerdict no_sales = subsidy(kShenzhen, shenzhen().without("award.audited_sales"));
  CHECK(award(no_sales, "award.developer").result == Tri::unknown);
  CHECK(award(no_sales, "award.developer").missing == Strings{"award.audited_sales"});
  CHECK(no_sales.missing == Strings{"award.audited_sales"});
  CHECK(no_sales.outcome == Grant::granted);  // on the user's award
}

TEST_CASE("shenzhen award.user: 10% of the first user's purchase, capped at ¥1,000,000.00") {
  auto user = [](const std::string& purchase) {
    return award(subsidy(kShenzhen, shenzhen().with("award.first_user_purchase", purchase)),
                 "award.user");
  };
  sbc::AwardResult at = user("1000万");  // 10% × 10,000,000.00 = 1,000,000.00
  CHECK(at.amount.fen == 100000000);
  CHECK(!at.cap_applied);
  sbc::AwardResult over = user("10000000.05");  // 1,000,000.005 → 1,000,000.01: capped
  CHECK(over.before_cap->fen == 100000001);
  CHECK(over.amount.fen == 100000000);
  CHECK(over.cap_applied);
  CHECK(!user("10000000.04").cap_applied);  // 1,000,000.004 → 1,000,000.00
  CHECK(user("0.05").amount.fen == 1);      // 0.005 → 0.01
  CHECK(user("0.04").result == Tri::fail);  // 0.004 → 0.00: nothing to award

  sbc::SubsidyVerdict v = subsidy(kShenzhen, shenzhen().without("award.first_user_purchase"));
  CHECK(award(v, "award.user").result == Tri::unknown);
  CHECK(award(v, "award.user").missing == Strings{"award.first_user_purchase"});
  CHECK(v.outcome == Grant::granted);  // on the developer's award
  CHECK(v.subsidy.fen == 300000000);
}

TEST_CASE(
    "shenzhen award.user: only for a first-edition product (recognised, or meeting the call's "
    "conditions)") {
  auto user = [](const CaseYaml& c) { return award(subsidy(kShenzhen, c), "award.user"); };
  // A product the programme does not recognise: founded a month before applying, copyright of 2019.
  const CaseYaml failing = shenzhen()
                               .with("applicant.founded_on", "2023-10-20")
                               .with("software.copyright_completed_on", "2019-05-01");
  SUBCASE("recognised stated: the award, whatever the call's conditions say") {
    sbc::AwardResult a = user(failing.with("software.recognized", "true"));
    CHECK(condition(a, "award.first_edition").result == Tri::pass);
    CHECK(a.result == Tri::pass);
    CHECK(a.amount.fen == 50000000);  // 10% × 5,000,000.00
  }
  SUBCASE("not stated and the conditions pass: the award") {
    sbc::AwardResult a = user(shenzhen());
    CHECK(condition(a, "award.first_edition").result == Tri::pass);
    CHECK(a.amount.fen == 50000000);
  }
  SUBCASE("not stated and one condition fails: no award, nothing left to supply") {
    for (const CaseYaml& c :
         {failing, shenzhen().with("software.copyright_completed_on", "2020-12-31")}) {
      sbc::SubsidyVerdict v = subsidy(kShenzhen, c);
      const sbc::AwardResult& a = award(v, "award.user");
      CHECK(condition(a, "award.first_edition").result == Tri::fail);
      CHECK(a.result == Tri::fail);
      CHECK(a.amount.fen == 0);
      CHECK(a.missing.empty());
      CHECK(v.outcome == Grant::denied);
    }
  }
  SUBCASE("stated false: the call's conditions decide all the same") {
    CHECK(user(shenzhen().with("software.recognized", "false")).result == Tri::pass);
    CHECK(user(failing.with("software.recognized", "false")).result == Tri::fail);
  }
  SUBCASE("not stated and a condition unknown: undetermined, naming the fact") {
    sbc::AwardResult a = user(shenzhen().without("applicant.founded_on"));
    CHECK(a.result == Tri::unknown);
    CHECK(a.missing == Strings{"applicant.founded_on"});
  }
}

TEST_CASE("awards: undetermined only while a missing fact could still change the amount") {
  // A failing condition leaves nothing to supply, however much of the base is missing.
  sbc::AwardResult no_base =
      award(subsidy(kShenzhen, shenzhen()
                                   .with("software.copyright_completed_on", "2019-05-01")
                                   .without("award.audited_sales")),
            "award.developer");
  CHECK(no_base.result == Tri::fail);
  CHECK(no_base.amount.fen == 0);
  // A base of 0 gives nothing whatever the unknown conditions turn out to be.
  sbc::AwardResult nothing =
      award(subsidy(kShenzhen,
                    shenzhen().with("award.audited_sales", "0").without("applicant.founded_on")),
            "award.developer");
  CHECK(nothing.result == Tri::fail);
  CHECK(nothing.amount.fen == 0);
}

TEST_CASE("shenzhen: the subsidy verdict is undetermined only when nothing is granted") {
  sbc::SubsidyVerdict v = subsidy(
      kShenzhen, shenzhen().without("award.first_user_purchase").without("award.audited_sales"));
  CHECK(v.outcome == Grant::undetermined);
  CHECK(v.missing == Strings{"award.audited_sales", "award.first_user_purchase"});
  CHECK(v.subsidy.fen == 0);
  sbc::SubsidyVerdict denied = subsidy(
      kShenzhen,
      shenzhen().with("award.first_user_purchase", "0").with("applicant.main_revenue", "1万"));
  CHECK(denied.outcome == Grant::denied);
  CHECK(denied.subsidy.fen == 0);
}

// --- choosing the pack
// ------------------------------------------------------------------------------------

TEST_CASE("programmes: the pack for a case without rules:") {
  sbc::RuleLibrary rules;
  auto chosen = [&](const CaseYaml& c, std::optional<sbc::Date> as_of = std::nullopt) {
    return rules.for_case(read(c), as_of).id;
  };
  const CaseYaml henan_2023(
      {{"applicant.registered_province", "河南"}, {"application.date", "2023-06-01"}});
  CHECK(chosen(henan_2023) == kHenan);
  CHECK(chosen(henan_2023.with("applicant.registered_province", "41")) == kHenan);
  CHECK(chosen(henan_2023.with("application.date", "2021-01-01")) == kHenan);
  CHECK(chosen(henan_2023.with("application.date", "2024-12-31")) == kHenan);

  const CaseYaml anhui_2020(
      {{"applicant.registered_province", "安徽"}, {"application.date", "2020-09-30"}});
  CHECK(chosen(anhui_2020) == kAnhui);

  const CaseYaml shenzhen_2023({{"applicant.registered_province", "广东"},
                                {"applicant.registered_city", "深圳"},
                                {"application.date", "2023-11-20"}});
  CHECK(chosen(shenzhen_2023) == kShenzhen);
  CHECK(chosen(shenzhen_2023.with("applicant.registered_city", "深圳市")) == kShenzhen);
  CHECK(chosen(shenzhen_2023.with("applicant.registered_city", "shenzhen")) == kShenzhen);
  CHECK(chosen(shenzhen_2023.with("application.date", "2024-12-31")) == kShenzhen);
  // The same Shenzhen case under Shandong stays Shandong's: a city pack needs its province.
  CHECK(chosen(shenzhen_2023.with("applicant.registered_province", "山东")
                   .with("application.date", "2023-07-20")) == "shandong-2023");

  auto error_of = [&](const CaseYaml& c) -> std::string {
    try {
      rules.for_case(read(c), std::nullopt);
    } catch (const sbc::InputError& e) {
      CHECK(e.diagnostic().path == "rules");
      return e.diagnostic().message.en;
    }
    return "";
  };
  const std::string cannot =
      "cannot choose a rule pack: no built-in pack covers the case's province and application "
      "date; "
      "name one with --rules (--list-rules lists them)";
  // Guangdong has no provincial pack: without a city, or with another city, there is none.
  CHECK(error_of(shenzhen_2023.without("applicant.registered_city")) == cannot);
  CHECK(error_of(shenzhen_2023.with("applicant.registered_city", "广州")) == cannot);
  // Outside the packs' periods.
  CHECK(error_of(shenzhen_2023.with("application.date", "2022-12-31")) == cannot);
  CHECK(error_of(shenzhen_2023.with("application.date", "2025-01-01")) == cannot);
  CHECK(error_of(henan_2023.with("application.date", "2025-01-01")) == cannot);
  CHECK(error_of(anhui_2020.with("application.date", "2021-01-01")) == cannot);
  // The case's rules: key wins over the choice.
  sbc::Case named = sbc::testing::read_case_text("rules: henan-2021\n" + shenzhen_2023.yaml());
  REQUIRE(named.problems.empty());
  CHECK(rules.for_case(named, std::nullopt).id == kHenan);
}

// --- last_day_of_months
// ---------------------------------------------------------------------------------

TEST_CASE("date: the last day of n months from a day, that day included") {
  CHECK(sbc::last_day_of_months(day("2023-08-01"), 12) == day("2024-07-31"));
  CHECK(sbc::last_day_of_months(day("2024-02-29"), 12) ==
        day("2025-02-28"));  // no 29 Feb: the month's last
  CHECK(sbc::last_day_of_months(day("2024-01-31"), 1) == day("2024-02-29"));
  CHECK(sbc::last_day_of_months(day("2021-01-31"), 1) == day("2021-02-28"));
  CHECK(sbc::last_day_of_months(day("2024-03-31"), 1) == day("2024-04-30"));
  CHECK(sbc::last_day_of_months(day("2023-12-15"), 1) == day("2024-01-14"));
  CHECK(sbc::last_day_of_months(day("2024-01-30"), 1) == day("2024-02-29"));
  CHECK(sbc::last_day_of_months(day("2023-01-30"), 1) == day("2023-02-28"));
}

// --- the loader: awards and compensation rules
// ----------------------------------------------------------------

namespace {

// "line:col: path: message" of the error loading `yaml` as a pack, or "" when it loads.
std::string pack_error(const std::string& yaml) {
  try {
    sbc::load_pack(yaml, "p.yaml");
  } catch (const sbc::InputError& e) {
    const sbc::Diagnostic& d = e.diagnostic();
    CHECK(d.file == "p.yaml");
    return std::to_string(d.mark.line) + ":" + std::to_string(d.mark.column) + ": " + d.path +
           ": " + d.message.en;
  }
  return "";
}

const char* const kHead =
    "id: t\n"                                          // 1
    "version: 1\n"                                     // 2
    "title: {zh: 测试, en: test}\n"                    // 3
    "jurisdiction: anhui\n"                            // 4
    "effective: {from: 2020-01-01, to: 2020-12-31}\n"  // 5
    "source: {document: x}\n";                         // 6

// An award pack whose award has the given base (line 14) and tiers (from line 16).
std::string award_pack(const std::string& base, const std::string& tiers) {
  return std::string(kHead) +
         "awards:\n"                     // 7
         "  - id: award.a\n"             // 8
         "    beneficiary: developer\n"  // 9
         "    clause: c\n"               // 10
         "    status: confirmed\n"       // 11
         "    zh: 甲\n"                  // 12
         "    en: a\n"                   // 13
         "    base: " +
         base +
         "\n"              // 14
         "    tiers:\n" +  // 15
         tiers;            // 16 ..
}

// A compensation pack with these parameter lines (from line 10) and rule lines (after `rules:`).
std::string compensation_pack(const std::string& parameters, const std::string& rules) {
  return std::string(kHead) +
         "compensation:\n"     // 7
         "  parameters:\n"     // 8
         "    rate_cap: 3%\n"  // 9
         + parameters +        // 10 ..
         "    subsidy_share: 80%\n"
         "  rules:\n"
         "    - {id: amount.formula, clause: c, status: confirmed, zh: 甲, en: a}\n" +
         rules + "  conditions: []\n";
}

}  // namespace

TEST_CASE("pack loader: the award packs that load") {
  CHECK(pack_error(award_pack("{fact: award.price}",
                              "      - {up_to: 100万, share: 15%}\n      - {share: 10%}\n")) == "");
  CHECK(pack_error(award_pack("{invoiced_from: software.recognized_on, months: 12}",
                              "      - {share: 20%}\n")) == "");
  CHECK(pack_error(compensation_pack("", "")) == "");
  CHECK(pack_error(compensation_pack(
            "    enterprise_cap: 100万\n",
            "    - {id: amount.enterprise_cap, clause: c, status: confirmed, zh: 甲, en: a}\n")) ==
        "");
  sbc::RulePack p = sbc::load_pack(award_pack("{fact: award.price}",
                                              "      - {up_to: 100万, share: 15%}\n      - {up_to: "
                                              "200万, share: 12%}\n      - {share: 10%}\n"),
                                   "p.yaml");
  REQUIRE(p.awards.size() == 1);
  CHECK(p.awards[0].tiers.size() == 3);
  CHECK(!p.awards[0].cap);
}

TEST_CASE("pack loader: award errors name line:col, key path and what is expected") {
  // A tier without up_to in the middle.
  CHECK(pack_error(award_pack(
            "{fact: award.price}",
            "      - {up_to: 100万, share: 15%}\n      - {share: 12%}\n      - {share: 10%}\n")) ==
        "17:9: awards[0].tiers[1]: every tier but the last needs up_to, and the last has none");
  // The last tier with up_to.
  CHECK(pack_error(award_pack("{fact: award.price}", "      - {up_to: 100万, share: 15%}\n")) ==
        "16:9: awards[0].tiers[0]: every tier but the last needs up_to, and the last has none");
  // up_to not increasing: equal, then lower.
  CHECK(pack_error(award_pack("{fact: award.price}",
                              "      - {up_to: 100万, share: 15%}\n      - {up_to: 100万, share: "
                              "12%}\n      - {share: 10%}\n")) ==
        "17:9: awards[0].tiers[1].up_to: the tiers' up_to must increase");
  CHECK(pack_error(award_pack("{fact: award.price}",
                              "      - {up_to: 100万, share: 15%}\n      - {up_to: 99万, share: "
                              "12%}\n      - {share: 10%}\n")) ==
        "17:9: awards[0].tiers[1].up_to: the tiers' up_to must increase");
  // A base with both a fact and invoiced_from, or neither.
  CHECK(pack_error(
            award_pack("{fact: award.price, invoiced_from: software.recognized_on, months: 12}",
                       "      - {share: 10%}\n")) ==
        "14:11: awards[0].base: base is either {fact: MONEY_FACT} or {invoiced_from: DATE_FACT, "
        "months: N}");
  CHECK(pack_error(award_pack("{months: 12}", "      - {share: 10%}\n")) ==
        "14:11: awards[0].base: base is either {fact: MONEY_FACT} or {invoiced_from: DATE_FACT, "
        "months: N}");
  // A base of the wrong type.
  CHECK(pack_error(award_pack("{fact: software.recognized_on}", "      - {share: 10%}\n")) ==
        "14:18: awards[0].base.fact: 'software.recognized_on' is not a money fact of the case "
        "format");
  CHECK(pack_error(
            award_pack("{invoiced_from: award.price, months: 12}", "      - {share: 10%}\n")) ==
        "14:27: awards[0].base.invoiced_from: 'award.price' is not a date fact of the case format");
  // No tiers.
  CHECK(pack_error(award_pack("{fact: award.price}", "      []\n"))
            .find("awards[0].tiers: at least one tier is needed") != std::string::npos);
}

TEST_CASE("pack loader: compensation rules and their parameters go together") {
  // A parameter given without its rule cited.
  CHECK(pack_error(compensation_pack("    enterprise_cap: 100万\n", "")) ==
        "10:21: compensation.parameters.enterprise_cap: parameter 'enterprise_cap' belongs to rule "
        "'amount.enterprise_cap', "
        "which the pack does not cite");
  CHECK(pack_error(compensation_pack("    limit_multiple: 5\n", "")) ==
        "10:21: compensation.parameters.limit_multiple: parameter 'limit_multiple' belongs to rule "
        "'amount.limit_multiple', "
        "which the pack does not cite");
  // A cited rule without its parameter: marked at the parameters map.
  CHECK(pack_error(compensation_pack(
            "",
            "    - {id: amount.enterprise_cap, clause: c, status: confirmed, zh: 甲, en: a}\n")) ==
        "9:5: compensation.parameters: rule 'amount.enterprise_cap' needs parameter "
        "'enterprise_cap'");
  CHECK(pack_error(compensation_pack(
            "",
            "    - {id: pay.first_installment, clause: c, status: confirmed, zh: 甲, en: a}\n")) ==
        "9:5: compensation.parameters: rule 'pay.first_installment' needs parameter "
        "'first_installment_share'");
  // An unknown rule id, with its did-you-mean.
  CHECK(pack_error(compensation_pack(
            "",
            "    - {id: amount.limit_multipel, clause: c, status: confirmed, zh: 甲, en: a}\n")) ==
        "13:7: compensation.rules[1].id: the subsidy engine has no rule 'amount.limit_multipel'; "
        "did you mean "
        "'amount.limit_multiple'?");
  // amount.formula must be cited.
  CHECK(pack_error(std::string(kHead) + "compensation:\n  parameters: {rate_cap: 3%, "
                                        "subsidy_share: 80%}\n  rules: []\n  conditions: []\n")
            .find("compensation.rules: rule 'amount.formula' of the subsidy engine is not cited "
                  "(it computes the amount)") != std::string::npos);
}

TEST_CASE("pack loader: unstated takes fail only") {
  auto with_test = [](const std::string& test) {
    return award_pack("{fact: award.price}", "      - {share: 10%}\n") +
           "    conditions:\n"  // 17
           "      - {id: award.x, clause: c, status: confirmed, zh: 甲, en: a, test: " +
           test + "}\n";  // 18
  };
  CHECK(pack_error(with_test("{fact: software.recognized, is: true, unstated: fail}")) == "");
  CHECK(pack_error(with_test("{fact: software.recognized, is: true, unstated: pass}")) ==
        "18:123: awards[0].conditions[0].test.unstated: unstated takes fail only");
}

// sbc-subsidy's reports, like sbc-check's outputs, make the conditions' messages in the one
// language they show (#30): each reads as it does when both are made, for the compensation's
// conditions and every award's, over the programmes' and the subsidy examples.
TEST_CASE("programmes: a subsidy made in one language says in it what one made in both says") {
  sbc::RuleLibrary library;
  size_t compared = 0;
  for (const char* dir : {"examples/programmes", "examples/subsidy"}) {
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(SBC_SOURCE_DIR) + "/" + dir)) {
      sbc::Case c = sbc::testing::read_case_text(sbc::testing::read_source_file(
          std::string(dir) + "/" + entry.path().filename().string()));
      if (!c.readable()) continue;
      const sbc::RulePack* p = nullptr;
      try {
        p = &library.for_case(c, std::nullopt);
      } catch (const sbc::InputError&) {
        continue;  // an example of a case no pack covers
      }
      if (p->unusable_for(true)) continue;
      INFO(entry.path().filename().string());
      sbc::SubsidyVerdict both = sbc::compute_subsidy(*p, c, std::nullopt, std::nullopt);
      for (sbc::Lang lang : {sbc::Lang::zh, sbc::Lang::en}) {
        sbc::SubsidyVerdict one =
            sbc::compute_subsidy(*p, c, std::nullopt, std::nullopt, sbc::Languages::only(lang));
        CHECK(one.subsidy == both.subsidy);
        auto same = [&](const std::vector<sbc::ConditionResult>& a,
                        const std::vector<sbc::ConditionResult>& b) {
          REQUIRE(a.size() == b.size());
          for (size_t k = 0; k < a.size(); ++k) {
            INFO(b[k].condition->id);
            CHECK(a[k].message.in(lang) == b[k].message.in(lang));
            CHECK(a[k].message.in(lang == sbc::Lang::zh ? sbc::Lang::en : sbc::Lang::zh).empty());
            ++compared;
          }
        };
        same(one.conditions, both.conditions);
        REQUIRE(one.awards.size() == both.awards.size());
        for (size_t a = 0; a < both.awards.size(); ++a)
          same(one.awards[a].conditions, both.awards[a].conditions);
      }
    }
  }
  CHECK(compared > 100);
}
