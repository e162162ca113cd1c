// The application package as data (sbc::build_package): which parts a case gets and on which
// page, what each list holds, its totals, and how a table runs over pages. The printed page
// itself is checked by tests/package_check.py in Chromium.
#include <doctest/doctest.h>

#include <string>

#include "case_builder.hpp"
#include "sbc/package/package.hpp"
#include "sbc/run/subsidy.hpp"

using sbc::testing::parse_case;
using sbc::testing::patched;
using sbc::testing::read_source_file;

namespace {

const char* kExample = "examples/subsidy/s02-granted-two-policies.yaml";

sbc::ApplicationPackage package_of(const std::string& yaml) {
  static sbc::RuleLibrary rules;
  sbc::SubsidyOptions options;
  sbc::SubsidyResult r = sbc::subsidy_case(parse_case(yaml), rules, options);
  REQUIRE(r.verdict);
  return sbc::build_package(r);
}

std::vector<std::string> titles(const sbc::ApplicationPackage& p) {
  std::vector<std::string> out;
  for (const sbc::PackagePart& part : p.parts)
    out.push_back(part.title + "@" + std::to_string(part.first_page));
  return out;
}

}  // namespace

TEST_CASE("two policies: the correspondence list follows the 申请表, every part on its page") {
  sbc::ApplicationPackage p = package_of(read_source_file(kExample));
  CHECK(titles(p) == std::vector<std::string>{"山东省首版次高端软件保险补偿申请表@1",
                                              "保单对应清单@2", "申报材料真实性承诺书@3",
                                              "投保产品销售发票明细清单@4", "支撑材料清单@5"});
  CHECK(p.pages == 5);
  CHECK(p.product == "智能制造执行系统 V2.0");
  CHECK(p.contact == "张明  0531-88886666");
  CHECK(p.declared_on == "2020年5月15日");
  CHECK(p.filled_on == "2020年5月12日");
  CHECK(p.batch == "2019年第3批");
  CHECK(p.paid == "430,000.00");     // 10万 + 23万 + 10万 paid
  CHECK(p.applied == "328,000.00");  // 264,000.00 + 64,000.00
  REQUIRE(p.policies.rows.size() == 2);
  CHECK(p.policies.rows[1] == std::vector<std::string>{"云计算服务责任保险", "PZAB2020370100000002",
                                                       "100,000.00",
                                                       "2020年6月1日至2021年5月31日"});
}

TEST_CASE(
    "the invoice list: a row per invoice, the buyer unless a customer is named, quantities "
    "summed") {
  sbc::ApplicationPackage p = package_of(read_source_file(kExample));
  REQUIRE(p.invoices.rows.size() == 3);
  CHECK(p.invoices.rows[0] == std::vector<std::string>{"1", "济南某制造有限公司",
                                                       "智能制造执行系统 V2.0", "HT-2020-001",
                                                       "2,000,000.00", "2", "2020-04-15"});
  CHECK(p.invoices.rows[2][5] == "1");  // a sale with one invoice lends it the sale's quantity
  CHECK(p.invoices.total ==
        std::vector<std::string>{"合计", "", "", "3 张", "3,800,000.00", "4", ""});

  std::string named = patched(
      read_source_file(kExample),
      {{"      buyer: 青岛某港务有限公司\n",
        "      buyer: 青岛某集团\n      customer: 青岛某港务有限公司\n"},
       {"{date: 2020-06-15, amount: 100万, quantity: 1}", "{date: 2020-06-15, amount: 100万}"}});
  sbc::ApplicationPackage q = package_of(named);
  CHECK(q.invoices.rows[2][1] == "青岛某港务有限公司");
  CHECK(q.invoices.rows[1][5].empty());  // an invoice of several without its own quantity
  CHECK(q.invoices.total[5].empty());    // so the total quantity is not known
}

TEST_CASE(
    "the correspondence list: payments, contracts, and the share invoiced of a sale in "
    "instalments") {
  sbc::ApplicationPackage p = package_of(read_source_file(kExample));
  REQUIRE(p.correspondence.rows.size() == 2);
  CHECK(p.correspondence.rows[0] ==
        std::vector<std::string>{"PZAB2020370100000001",
                                 "保险费 330,000.00\n2020-03-31 100,000.00\n2020-09-30 230,000.00",
                                 "HT-2020-001", "5,000,000.00",
                                 "2020-04-15 2,000,000.00\n2020-06-15 1,000,000.00", "60%"});
  CHECK(p.correspondence.rows[1][5].empty());  // one invoice for the whole contract: no instalments

  // 200万 of 300万 invoiced: 66.666…% is 66.67%, half up; 1 of 3 is 33.33%.
  std::string thirds = patched(read_source_file(kExample), {{"amount: 500万", "amount: 300万"}});
  CHECK(package_of(thirds).correspondence.rows[0][5] == "100%");
  std::string two_thirds = patched(
      read_source_file(kExample),
      {{"amount: 500万", "amount: 450万"},
       {"{date: 2020-06-15, amount: 100万, quantity: 1}", "{date: 2020-06-15, amount: 100万}"}});
  CHECK(package_of(two_thirds).correspondence.rows[0][5] == "66.67%");  // 300万 ÷ 450万
  std::string point_five =
      patched(read_source_file(kExample), {{"amount: 500万", "amount: 400万"}});
  CHECK(package_of(point_five).correspondence.rows[0][5] == "75%");
}

TEST_CASE("one policy: no correspondence list; the materials checklist marks what the case lists") {
  std::string one = read_source_file("examples/subsidy/s01-granted-one-policy.yaml");
  sbc::ApplicationPackage p = package_of(one);
  CHECK(titles(p) == std::vector<std::string>{"山东省首版次高端软件保险补偿申请表@1",
                                              "申报材料真实性承诺书@2",
                                              "投保产品销售发票明细清单@3", "支撑材料清单@4"});
  REQUIRE(p.materials.rows.size() == 11);
  CHECK(p.materials.rows[0][2] == "已提供");       // business_license
  CHECK(p.materials.rows[6][2] == "无需");         // translation: no export sale
  CHECK(p.materials.rows[10][2] == "按需");        // 6. 其他
  CHECK(p.materials.rows[8][3] == "见本册第3页");  // the invoice list this package holds
}

TEST_CASE("a material the rules require and the case lacks is marked 缺") {
  std::string text = patched(read_source_file(kExample), {{"premium_invoice, ", ""}});
  sbc::ApplicationPackage p = package_of(text);
  CHECK(p.materials.rows[3] ==
        std::vector<std::string>{"2", "保险费发票复印件", "缺", "按规定须提交", ""});
  CHECK(p.applied == "0.00");  // denied: nothing is applied for
}

TEST_CASE("a long list runs over pages, and the parts after it move down") {
  sbc::ApplicationPackage p = package_of(read_source_file("tests/package/long-lists.yaml"));
  CHECK(p.policies.page_starts.size() ==
        2);  // twelve policies: the 申请表 continues on a second page
  CHECK(p.invoices.rows.size() == 90);
  CHECK(p.invoices.page_starts.size() > 1);
  for (size_t i = 1; i < p.parts.size(); ++i)
    CHECK(p.parts[i].first_page == p.parts[i - 1].first_page + p.parts[i - 1].pages);
  CHECK(p.pages == p.parts.back().first_page + p.parts.back().pages - 1);
}

TEST_CASE("a case under another province's pack is told the package follows Shandong's 附3-2") {
  CHECK(package_of(read_source_file(kExample)).notice.empty());
  sbc::ApplicationPackage henan = package_of(
      read_source_file("examples/programmes/h01-henan-compensation-and-sales-award.yaml"));
  CHECK(henan.notice.find("按山东省附3-2的格式生成") != std::string::npos);
  CHECK(henan.notice.find("henan-2021") != std::string::npos);
}
