// The case reader: exact types, every error located with its key path.
#include <doctest/doctest.h>

#include "sbc/case.hpp"
#include "sbc/inputs.hpp"

namespace {
sbc::Case read(const std::string& yaml, sbc::Severity unknown_keys = sbc::Severity::warning) {
  sbc::ReadOptions options;
  options.unknown_keys = unknown_keys;
  return sbc::parse_document(sbc::RawDocument{"c.yaml", 0, 1, yaml, std::nullopt}, options);
}
std::string first_problem(const std::string& yaml) {
  sbc::Case c = read(yaml);
  REQUIRE(!c.problems.empty());
  return sbc::format_gnu(c.problems[0], sbc::Lang::en);
}
}  // namespace

TEST_CASE("case reader: values are typed exactly") {
  sbc::Case c = read("applicant: {registered_province: 37, qualifications: [cmm3, ITSS]}\n"
                     "software: {rd_spend: '1,200,000.50', appraisal: 国内领先, own_ip: 是, strategic: none}\n"
                     "insurance: {policies: [{rate: 15‰}]}\n");
  CHECK(c.readable());
  CHECK(c.fact("applicant.registered_province")->text == "shandong");
  CHECK(sbc::render_value(*c.fact("applicant.qualifications")) == "[CMMI3, ITSS]");
  CHECK(c.fact("software.rd_spend")->money.fen == 120000050);
  CHECK(c.fact("software.appraisal")->text == "domestic_leading");
  CHECK(c.fact("software.own_ip")->flag);
  CHECK(c.fact("software.strategic")->items.empty());
  const sbc::Value& policy = c.fact("insurance.policies")->items[0];
  CHECK(sbc::format_rate(policy.find("rate")->rate) == "1.5%");
  CHECK(policy.find("surrendered")->kind == sbc::Value::Kind::boolean);  // false unless set
  CHECK(!policy.find("surrendered")->flag);
  CHECK(read("applicant: {negative_list_since: never}\n").fact("applicant.negative_list_since")->kind ==
        sbc::Value::Kind::none);
}

TEST_CASE("case reader: every error names file, line, column, key path, found and expected") {
  CHECK(first_problem("software:\n  rd_spend: 1.234\n") ==
        "c.yaml:2:13: error: software.rd_spend: money has more than two decimals; expected yuan such as 1200000, "
        "1,200,000.50, 120万 or 1.2亿 (found \"1.234\")");
  CHECK(first_problem("software:\n  patents:\n    - {kind: 专利}\n") ==
        "c.yaml:3:14: error: software.patents[0].kind: \"专利\" is not one of: invention 发明, utility 实用新型, "
        "design 外观设计");
  CHECK(first_problem("insurance: {policies: [{rate: 0.015}]}\n").find(
            "c.yaml:1:31: error: insurance.policies[0].rate: rate lacks % or ‰") == 0);
  CHECK(first_problem("software: {own_ip: on}\n") ==
        "c.yaml:1:20: error: software.own_ip: expected true or false (yes/no/是/否 accepted), found \"on\"");
  CHECK(first_problem("application: {date: 2021-02-29}\n").find("c.yaml:1:21: error: application.date: date 2021-02-29 "
                                                                "does not exist") == 0);
  CHECK(first_problem("software: [1, 2]\n") == "c.yaml:1:11: error: software: expected a map of keys, found a list");
}

TEST_CASE("case reader: unknown keys warn (or err for validation), with a suggestion") {
  sbc::Case c = read("software: {rd_spnd: 1}\n");
  REQUIRE(c.problems.size() == 1);
  CHECK(c.readable());
  CHECK(sbc::format_gnu(c.problems[0], sbc::Lang::en) ==
        "c.yaml:1:12: warning: software.rd_spnd: unknown key 'rd_spnd'; did you mean 'rd_spend'?");
  CHECK(!read("software: {rd_spnd: 1}\n", sbc::Severity::error).readable());
  sbc::Case empty = read("software: {rd_spend: }\n");
  CHECK(empty.readable());
  CHECK(empty.fact("software.rd_spend") == nullptr);  // an empty value is not a fact
  CHECK(empty.problems[0].severity == sbc::Severity::warning);
}

TEST_CASE("case reader: a quoted string left open is an error (yaml-cpp closes it silently)") {
  CHECK(sbc::format_gnu(read("applicant:\n  name: '开放\n").problems.at(0), sbc::Lang::en) ==
        "c.yaml:2:9: error: the quoted string is never closed");
  CHECK(read("applicant: {name: 'it''s', credit_code: \"a\\\"b\"}\n").problems.empty());
  CHECK(read("applicant:\n  name: |\n    \"a quote inside a block\n").problems.empty());
}
