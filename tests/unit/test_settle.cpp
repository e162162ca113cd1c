// A case's claims against the programme's records (round.md C): who a record is about (names
// compared as round.md A compares them, a credit code keeping two companies of one name apart),
// and what each kind of record does to a case's facts and to the conditions that read them.
#include <doctest/doctest.h>

#include "case_builder.hpp"
#include "sbc/judge/subsidy.hpp"
#include "sbc/records/settle.hpp"
#include "sbc/rules/rules.hpp"

namespace {

using sbc::RecordedFact;

sbc::RecordIndex index_of(const std::vector<std::pair<std::string, std::string>>& files) {
  sbc::Records records;
  std::vector<sbc::Diagnostic> problems;
  for (const auto& [name, csv] : files) records.read_text(csv, name, sbc::Limits{}, problems);
  REQUIRE(problems.empty());
  return sbc::RecordIndex(std::move(records));
}

const char* const kLists =
    "批次,企业名称,统一社会信用代码,软件名称,版本号,认定日期\n"
    "2019年第3批,山东示例软件股份有限公司,91370100MA3C5XXXX3,智能制造执行系统,V2.0,2019-12-20\n"
    "2020年第4批,烟台云启软件有限公司,,工业数据采集系统,V3.1,2020-06-30\n";
const char* const kPayments =
    "年度,企业名称,软件名称,版本号,补偿金额\n"
    "2018,山东示例软件股份有限公司,智能制造执行系统,V2.0,90000\n"
    "2019,山东示例软件股份有限公司,智能制造执行系统,V2.0,95000\n"
    "2020,山东示例软件股份有限公司,工业视觉检测系统,V1.0,1800000\n"
    "2020,山东示例软件股份有限公司,工业视觉检测系统,V1.0,50000.01\n";
const char* const kNegative =
    "企业名称,列入日期,原因\n"
    "威海失信软件有限公司,2015-03-01,旧\n"
    "威海失信软件有限公司,2018-07-01,虚报冒领\n"
    "威海失信软件有限公司,2019-02-01,又一次\n";

// s02 (山东示例, 智能制造执行系统 V2.0, 2019 batch 3, applied 2020-05-15), edited.
sbc::Case s02(const std::vector<std::pair<std::string, std::string>>& edits = {}) {
  return sbc::testing::parse_case(sbc::testing::patched(
      sbc::testing::read_source_file("examples/subsidy/s02-granted-two-policies.yaml"), edits));
}

const RecordedFact* recorded(const sbc::Case& c, const std::string& path) {
  for (const RecordedFact& r : c.recorded)
    if (r.path == path) return &r;
  return nullptr;
}

const sbc::RulePack& shandong() {
  static sbc::RuleLibrary library;
  return library.get("shandong-2020");
}

const sbc::ConditionResult* condition(const sbc::SubsidyVerdict& v, const std::string& id) {
  for (const sbc::ConditionResult& c : v.conditions)
    if (c.condition->id == id) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("records: the same enterprise by code where both give one, else by the name") {
  using sbc::RecordParty;
  using sbc::same_enterprise;
  // Full-width letters and brackets, spaces: the same name.
  CHECK(same_enterprise({"山东示例软件（济南）有限公司", ""}, {"山东示例软件(济南)有限公司", ""}));
  CHECK(same_enterprise({"ＡＢＣ 软件有限公司", ""}, {"ABC软件有限公司", ""}));
  CHECK(same_enterprise({"abc软件有限公司", ""}, {"ABC软件有限公司", ""}));
  CHECK_FALSE(same_enterprise({"山东示例软件有限公司", ""}, {"山东示范软件有限公司", ""}));
  // Two companies of one name told apart by their codes; the code wins over the name.
  CHECK_FALSE(same_enterprise({"示例软件有限公司", "91370100MA3C5XXXX3"},
                              {"示例软件有限公司", "91370200MA3TDW6L5W"}));
  CHECK(same_enterprise({"示例软件有限公司（旧名）", "91370100MA3C5XXXX3"},
                        {"示例软件有限公司", "91370100ma3c5xxxx3"}));
  // One side without a code: the name decides.
  CHECK(same_enterprise({"示例软件有限公司", ""}, {"示例软件有限公司", "91370100MA3C5XXXX3"}));
  CHECK_FALSE(same_enterprise({"", ""}, {"", ""}));
}

TEST_CASE("records: a claimed batch confirmed, contradicted, or unchecked") {
  sbc::RecordIndex index = index_of({{"lists.csv", kLists}});
  SUBCASE("on the list: confirmed, with its row") {
    sbc::Case c = s02();
    sbc::settle_from_records(index, c);
    REQUIRE(recorded(c, "insurance.recognition"));
    CHECK(recorded(c, "insurance.recognition")->effect == RecordedFact::Effect::confirmed);
    CHECK(recorded(c, "insurance.recognition")->source == "lists.csv:2");
    sbc::SubsidyVerdict v = sbc::compute_subsidy(shandong(), c, std::nullopt, std::nullopt);
    CHECK(v.subsidy == sbc::Money::yuan(328'000));
    CHECK(condition(v, "scope.listed")->facts.front().source == "lists.csv:2");
  }
  SUBCASE("a batch the lists hold, without the product: scope.listed fails naming the list") {
    sbc::Case c =
        s02({{"{name: 智能制造执行系统, version: V2.0}", "{name: 智能排产系统, version: V1.0}"}});
    sbc::settle_from_records(index, c);
    CHECK(recorded(c, "insurance.recognition")->effect == RecordedFact::Effect::contradicted);
    sbc::SubsidyVerdict v = sbc::compute_subsidy(shandong(), c, std::nullopt, std::nullopt);
    CHECK(v.outcome == sbc::Grant::denied);
    CHECK(v.subsidy == sbc::Money{});
    const sbc::ConditionResult* listed = condition(v, "scope.listed");
    CHECK(listed->result == sbc::Tri::fail);
    CHECK(listed->message.en == "2019年第3批 on the list lists.csv has no 智能排产系统 V1.0");
  }
  SUBCASE("on another batch of the lists: contradicted, and the message says where it is") {
    sbc::Case c = s02({{"{year: 2019, batch: 3}", "{year: 2020, batch: 4}"}});
    sbc::settle_from_records(index, c);
    CHECK(recorded(c, "insurance.recognition")->message.en ==
          "2020年第4批 on the list lists.csv has no 智能制造执行系统 V2.0; the product is on "
          "2019年第3批 (lists.csv:2)");
  }
  SUBCASE("a batch no list holds: it stands, with a warning") {
    sbc::Case c = s02({{"{year: 2019, batch: 3}", "{year: 2018, batch: 2}"}});
    sbc::settle_from_records(index, c);
    CHECK(recorded(c, "insurance.recognition")->effect == RecordedFact::Effect::unchecked);
    REQUIRE(c.problems.size() == 1);
    CHECK(c.problems[0].severity == sbc::Severity::warning);
    sbc::SubsidyVerdict v = sbc::compute_subsidy(shandong(), c, std::nullopt, std::nullopt);
    CHECK(v.subsidy == sbc::Money::yuan(328'000));
    CHECK(condition(v, "scope.listed")->facts.front().source.empty());
  }
  SUBCASE("no claim: the product's batch from the lists") {
    sbc::Case c = s02({{"  recognition: {year: 2019, batch: 3}\n", ""}});
    sbc::settle_from_records(index, c);
    REQUIRE(c.fact("insurance.recognition.year"));
    CHECK(c.fact("insurance.recognition.year")->number == 2019);
    CHECK(c.fact("insurance.recognition.batch")->number == 3);
    CHECK(recorded(c, "insurance.recognition")->effect == RecordedFact::Effect::settled);
  }
  SUBCASE("another company's product of the same name is not the case's") {
    sbc::Case c = s02({{"name: 山东示例软件股份有限公司",
                        "name: 山东示例软件股份有限公司\n  "
                        "credit_code: 91370200MA3TDW6L5W"}});
    sbc::settle_from_records(index, c);
    CHECK(recorded(c, "insurance.recognition")->effect == RecordedFact::Effect::contradicted);
  }
}

TEST_CASE("records: prior compensations counted before the application's year; the year's paid") {
  sbc::RecordIndex index = index_of({{"paid.csv", kPayments}});
  SUBCASE("the case says fewer: the records' count, with a warning giving both") {
    sbc::Case c = s02();  // prior_compensations: 0
    sbc::settle_from_records(index, c);
    CHECK(c.fact("insurance.prior_compensations")->number == 2);
    CHECK(recorded(c, "insurance.prior_compensations")->source == "paid.csv:2, paid.csv:3");
    REQUIRE(c.problems.size() == 1);
    CHECK(c.problems[0].message.en ==
          "the case says 0 compensations before, the records 2 (paid.csv:2, paid.csv:3): the "
          "records' count is taken");
    sbc::SubsidyVerdict v = sbc::compute_subsidy(shandong(), c, std::nullopt, std::nullopt);
    CHECK(condition(v, "scope.times")->result == sbc::Tri::fail);
    // Paid to the enterprise (another product) in 2020, the application's year.
    CHECK(c.paid_in_year == sbc::Money{180'000'000 + 5'000'001});
    CHECK(c.paid_in_year_source == "paid.csv:4, paid.csv:5");
  }
  SUBCASE("the case says more than the records know: its word stands") {
    sbc::Case c = s02({{"prior_compensations: 0", "prior_compensations: 3"}});
    sbc::settle_from_records(index, c);
    CHECK(c.fact("insurance.prior_compensations")->number == 3);
    CHECK(c.problems.empty());
  }
  SUBCASE("a product the payments never name: 0, from the file") {
    sbc::Case c = s02({{"{name: 智能制造执行系统, version: V2.0}", "{name: 新产品, version: V1.0}"},
                       {"  prior_compensations: 0\n", ""}});
    sbc::settle_from_records(index, c);
    CHECK(c.fact("insurance.prior_compensations")->number == 0);
    CHECK(recorded(c, "insurance.prior_compensations")->source == "paid.csv");
  }
}

TEST_CASE("records: earlier support, from a list published before the application or a payment") {
  sbc::Case c = sbc::testing::parse_case(
      sbc::testing::read_source_file("examples/records/check/c6-already-listed.yaml"));
  CHECK_FALSE(c.fact("software.prior_support")->flag);
  sbc::RecordIndex lists = index_of({{"lists.csv", kLists}});
  sbc::settle_from_records(lists, c);
  CHECK(c.fact("software.prior_support")->flag);
  CHECK(recorded(c, "software.prior_support")->source == "lists.csv:3");
  SUBCASE("listed after the application date: no support yet") {
    sbc::Case later = sbc::testing::parse_case(sbc::testing::patched(
        sbc::testing::read_source_file("examples/records/check/c6-already-listed.yaml"),
        {{"date: 2020-09-15", "date: 2020-06-30"}}));
    sbc::settle_from_records(lists, later);
    CHECK_FALSE(later.fact("software.prior_support")->flag);
    CHECK(recorded(later, "software.prior_support") == nullptr);
  }
}

TEST_CASE("records: the negative listing in force on the application date") {
  sbc::RecordIndex index = index_of({{"neg.csv", kNegative}});
  auto listed = [&](const char* date) {
    sbc::Case c = s02({{"name: 山东示例软件股份有限公司", "name: 威海失信软件有限公司"},
                       {"date: 2020-05-15", std::string("date: ") + date}});
    sbc::settle_from_records(index, c);
    return c;
  };
  // 2020-05-15: 2018-07-01 and 2019-02-01 are in force (three years); the earliest of them.
  sbc::Case c = listed("2020-05-15");
  CHECK(sbc::format(c.fact("applicant.negative_list_since")->date) == "2018-07-01");
  CHECK(recorded(c, "applicant.negative_list_since")->source == "neg.csv:3");
  CHECK(c.problems.size() == 1);  // the case said never
  // 2022-03-01: none in force (2019-02-01's three years ended 2022-02-01): the latest.
  CHECK(sbc::format(listed("2022-03-01").fact("applicant.negative_list_since")->date) ==
        "2019-02-01");
  // 2018-06-30: only 2015-03-01, whose three years are over.
  CHECK(sbc::format(listed("2018-06-30").fact("applicant.negative_list_since")->date) ==
        "2015-03-01");
  // Not on the list: its "never" confirmed.
  sbc::Case clean = s02();
  sbc::settle_from_records(index, clean);
  CHECK(recorded(clean, "applicant.negative_list_since")->effect ==
        RecordedFact::Effect::confirmed);
  CHECK(clean.fact("applicant.negative_list_since")->kind == sbc::Value::Kind::none);
}

TEST_CASE("records: a product paid many times is counted in full and named in five rows") {
  std::string csv = "年度,企业名称,软件名称,版本号,补偿金额\n";
  for (int year = 2012; year < 2019; ++year)
    csv += std::to_string(year) + ",山东示例软件股份有限公司,智能制造执行系统,V2.0,1000\n";
  sbc::RecordIndex index = index_of({{"p.csv", csv}});
  sbc::Case c = s02();
  sbc::settle_from_records(index, c);
  CHECK(c.fact("insurance.prior_compensations")->number == 7);
  CHECK(recorded(c, "insurance.prior_compensations")->source ==
        "p.csv:2, p.csv:3, p.csv:4, p.csv:5, p.csv:6 (+2)");
}
