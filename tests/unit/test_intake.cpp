// Starting a case: the facts a pack reads, and the pack a template uses when none is named.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "sbc/intake/interview.hpp"
#include "sbc/intake/template.hpp"

namespace {

std::vector<std::string> paths(const std::vector<sbc::PackFact>& facts) {
  std::vector<std::string> out;
  for (const sbc::PackFact& f : facts) out.push_back(f.path);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

sbc::Date day(const char* s) {
  return *sbc::parse_date(s).value;
}

}  // namespace

TEST_CASE(
    "intake: the facts a pack's rules read, in the case format's order, with the rules that read "
    "them") {
  sbc::RuleLibrary rules;
  const sbc::RulePack& shandong = rules.get("shandong-2020");
  std::vector<sbc::PackFact> check = sbc::facts_read(shandong, false);
  std::vector<std::string> p = paths(check);
  CHECK(p.front() == "applicant.name");
  CHECK(has(p, "software.rd_spend"));
  CHECK(has(p, "software.patents"));
  CHECK(has(p, "software.patents[].kind"));
  CHECK(!has(p, "software.patents[].number"));  // no condition reads it
  CHECK(!has(p, "insurance.policies"));         // recognition reads no insurance
  CHECK(!has(p, "software.category"));          // 2020 has no scope condition
  auto rd = std::find_if(check.begin(), check.end(),
                         [](const sbc::PackFact& f) { return f.path == "software.rd_spend"; });
  REQUIRE(rd != check.end());
  REQUIRE(rd->refs.size() == 1);
  CHECK(rd->refs[0].id == "general.rd_spend");
  CHECK(rd->refs[0].clause == "附3-1 二.3");
  std::vector<std::string> subsidy = paths(sbc::facts_read(shandong, true));
  CHECK(has(subsidy, "insurance.policies[].payments[].date"));
  CHECK(has(subsidy, "insurance.sales[].invoices[].amount"));
  CHECK(has(subsidy, "materials"));
  CHECK(!has(subsidy, "software.rd_spend"));
  CHECK(has(paths(sbc::facts_read(rules.get("shandong-2023"), false)), "software.category"));
  // Shenzhen's user award reads the recognition statement and the call's conditions.
  std::vector<std::string> shenzhen = paths(sbc::facts_read(rules.get("shenzhen-2023"), true));
  CHECK(has(shenzhen, "software.recognized"));
  CHECK(has(shenzhen, "award.first_user_purchase"));
  CHECK(has(shenzhen, "applicant.software_revenue"));
}

TEST_CASE(
    "intake: without --rules, the Shandong pack in force today, else the one that took effect "
    "last") {
  sbc::RuleLibrary rules;
  CHECK(sbc::default_template_pack(rules, "shandong", false, day("2020-06-01")).id ==
        "shandong-2020");
  CHECK(sbc::default_template_pack(rules, "shandong", true, day("2020-06-01")).id ==
        "shandong-2020");
  CHECK(sbc::default_template_pack(rules, "shandong", false, day("2023-06-01")).id ==
        "shandong-2023");
  // 2023 has no compensation rules: sbc-subsidy takes the last pack that has them.
  CHECK(sbc::default_template_pack(rules, "shandong", true, day("2023-06-01")).id ==
        "shandong-2020");
  CHECK(sbc::default_template_pack(rules, "shandong", false, day("2026-11-24")).id ==
        "shandong-2023");
  CHECK_THROWS_AS(sbc::default_template_pack(rules, "xinjiang", false, day("2026-11-24")),
                  sbc::InputError);
}

TEST_CASE("intake: every value line of a template is commented out") {
  sbc::RuleLibrary rules;
  for (const char* id : {"shandong-2020", "henan-2021", "shenzhen-2023"}) {
    std::ostringstream out;
    sbc::write_template(rules.get(id), true, sbc::Lang::en, out);
    std::istringstream lines(out.str());
    std::string line;
    while (std::getline(lines, line)) {
      CAPTURE(line);
      bool comment = line.find_first_not_of(' ') == std::string::npos ||
                     line[line.find_first_not_of(' ')] == '#';
      bool section = !comment && line.back() == ':' &&
                     line.find(' ', line.find_first_not_of(' ')) == std::string::npos;
      CHECK(
          (comment || section || line.rfind("schema: ", 0) == 0 || line.rfind("rules: ", 0) == 0));
    }
  }
}

TEST_CASE("intake: an interview answer is read exactly as the case reader reads the fact") {
  using sbc::read_answer;
  CHECK(read_answer("software.rd_spend", "120万").value->money.fen == 120000000);
  CHECK(read_answer("software.rd_spend", " 1,200,000.50 ").value->money.fen == 120000050);
  CHECK(read_answer("software.rd_spend", "1e6").error.en.find("exponent") != std::string::npos);
  CHECK(sbc::format(read_answer("application.date", "2020年6月1日").value->date) == "2020-06-01");
  CHECK(!read_answer("application.date", "2020年2月30日"));
  CHECK(read_answer("applicant.registered_province", "山东").value->text == "shandong");
  CHECK(read_answer("applicant.independent_legal_person", "是").value->flag);
  CHECK(read_answer("applicant.independent_legal_person", "maybe").error.en ==
        "expected true or false (yes/no/是/否 accepted), found \"maybe\"");
  // Lists: [a, b], or a、b / a, b / a；b, or none.
  for (const char* written :
       {"[CMMI3, ITSS]", "CMMI3、ITSS", "CMMI3, ITSS", "CMMI3；ITSS", "CMM3;信息技术服务标准"}) {
    CAPTURE(written);
    sbc::Parsed<sbc::Value> v = read_answer("applicant.qualifications", written);
    REQUIRE(v);
    CHECK(sbc::render_value(*v.value) == "[CMMI3, ITSS]");
  }
  CHECK(read_answer("applicant.qualifications", "none").value->items.empty());
  CHECK(read_answer("applicant.qualifications", "[]").value->items.empty());
  CHECK(!read_answer("applicant.qualifications", "CMMI3、CMMI9"));
  CHECK(sbc::render_value(*read_answer("software.honours", "[{level: 省, kind: 奖项}]").value) ==
        "[{level: province, kind: award}]");
  CHECK(!read_answer("software.honours", "国内领先"));     // a list of records needs its fields
  CHECK(!read_answer("software.honours", "[{level: 省"));  // unclosed
  CHECK(!read_answer("software", "x"));                    // a section is no fact
  CHECK(!read_answer("software.nonsense", "x"));
  // Text is taken as typed, YAML's special characters and all.
  CHECK(read_answer("applicant.name", "A: B # C").value->text == "A: B # C");
}
