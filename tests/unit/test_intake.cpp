// Starting a case: the facts a pack reads, and the pack a template uses when none is named.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "sbc/report/intake.hpp"

namespace {

std::vector<std::string> paths(const std::vector<sbc::PackFact>& facts) {
  std::vector<std::string> out;
  for (const sbc::PackFact& f : facts) out.push_back(f.path);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

sbc::Date day(const char* s) { return *sbc::parse_date(s).value; }

}  // namespace

TEST_CASE("intake: the facts a pack's rules read, in the case format's order, with the rules that read them") {
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
  auto rd = std::find_if(check.begin(), check.end(), [](const sbc::PackFact& f) { return f.path == "software.rd_spend"; });
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

TEST_CASE("intake: without --rules, the Shandong pack in force today, else the one that took effect last") {
  sbc::RuleLibrary rules;
  CHECK(sbc::default_template_pack(rules, "shandong", false, day("2020-06-01")).id == "shandong-2020");
  CHECK(sbc::default_template_pack(rules, "shandong", true, day("2020-06-01")).id == "shandong-2020");
  CHECK(sbc::default_template_pack(rules, "shandong", false, day("2023-06-01")).id == "shandong-2023");
  // 2023 has no compensation rules: sbc-subsidy takes the last pack that has them.
  CHECK(sbc::default_template_pack(rules, "shandong", true, day("2023-06-01")).id == "shandong-2020");
  CHECK(sbc::default_template_pack(rules, "shandong", false, day("2026-11-24")).id == "shandong-2023");
  CHECK_THROWS_AS(sbc::default_template_pack(rules, "xinjiang", false, day("2026-11-24")), sbc::InputError);
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
      bool comment = line.find_first_not_of(' ') == std::string::npos || line[line.find_first_not_of(' ')] == '#';
      bool section = !comment && line.back() == ':' && line.find(' ', line.find_first_not_of(' ')) == std::string::npos;
      CHECK((comment || section || line.rfind("schema: ", 0) == 0 || line.rfind("rules: ", 0) == 0));
    }
  }
}
