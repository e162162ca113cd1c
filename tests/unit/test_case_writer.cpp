// The case writer: what it writes reads back to exactly the same facts, for every example.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "case_builder.hpp"
#include "sbc/model/case.hpp"

namespace {

// Every fact of `a` is in `b` with the same kind and value, and `b` has no other.
void same_facts(const sbc::Value& a, const sbc::Value& b, const std::string& path) {
  CAPTURE(path);
  REQUIRE(a.kind == b.kind);
  if (a.kind == sbc::Value::Kind::record) {
    CHECK(a.fields.size() == b.fields.size());
    for (const auto& [key, value] : a.fields) {
      const sbc::Value* other = b.find(key);
      REQUIRE_MESSAGE(other != nullptr, path, ".", key, " is not written");
      same_facts(value, *other, path + "." + std::string(key));
    }
  } else if (a.kind == sbc::Value::Kind::list) {
    REQUIRE(a.items.size() == b.items.size());
    for (size_t i = 0; i < a.items.size(); ++i)
      same_facts(a.items[i], b.items[i], path + "[" + std::to_string(i) + "]");
  } else {
    CHECK(sbc::render_value(a) == sbc::render_value(b));
  }
}

}  // namespace

TEST_CASE("case writer: every example reads back to the same facts") {
  int cases = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(SBC_SOURCE_DIR) + "/examples")) {
    if (entry.path().extension() != ".yaml") continue;
    std::ifstream file(entry.path());
    sbc::read_cases("-", file, {}, [&](sbc::Case&& c) {
      if (!c.readable()) return;
      CAPTURE(entry.path().string());
      std::string written = sbc::write_case_yaml(c.root);
      CAPTURE(written);
      sbc::Case again = sbc::testing::read_case_text(written);
      for (const sbc::Diagnostic& d : again.problems) INFO(sbc::format_gnu(d, sbc::Lang::en));
      CHECK(again.problems.empty());
      same_facts(c.root, again.root, "");
      CHECK(sbc::write_case_yaml(again.root) == written);  // and writing is stable
      ++cases;
    });
  }
  CHECK(cases > 40);
}

TEST_CASE("case writer: the case format's key order, values as the reader reads them") {
  sbc::Case c = sbc::testing::read_case_text(
      "application: {date: 2020年6月1日}\n"
      "software: {rd_spend: 120万, name: \"MES: 制造执行 # 2\", strategic_basis: none}\n"
      "applicant: {negative_list_since: never, qualifications: [CMM3, 信息技术服务标准], "
      "tech_centers: []}\n"
      "insurance: {policies: [{number: P1, rate: 15‰, payments: [{date: 2020/3/31, amount: "
      "10万}]}], "
      "sales: [{contract: H1, related_party: false, export: true}]}\n");
  REQUIRE(c.problems.empty());
  CHECK(sbc::write_case_yaml(c.root) ==
        "applicant:\n"
        "  qualifications: [CMMI3, ITSS]\n"
        "  tech_centers: []\n"
        "  negative_list_since: never\n"
        "software:\n"
        "  name: \"MES: 制造执行 # 2\"\n"
        "  rd_spend: 1200000.00\n"
        "  strategic_basis: none\n"
        "application:\n"
        "  date: 2020-06-01\n"
        "insurance:\n"
        "  policies:\n"
        "    - number: P1\n"
        "      rate: 1.5%\n"
        "      payments:\n"
        "        - {date: 2020-03-31, amount: 100000.00}\n"
        "  sales:\n"
        "    - contract: H1\n"
        "      export: true\n");
}
