// The programme's records (round.md C): each kind read from its header, batches as the lists
// write them, and each row's problem at its line and column while the others are kept.
#include <doctest/doctest.h>

#include "case_builder.hpp"
#include "sbc/records/records.hpp"

namespace {

struct Read {
  sbc::Records records;
  std::vector<sbc::Diagnostic> problems;
};

Read read(const std::string& csv) {
  Read r;
  r.records.read_text(csv, "t.csv", sbc::Limits{}, r.problems);
  return r;
}

}  // namespace

TEST_CASE("records: a batch as the lists write it") {
  auto batch = [](const char* text) { return sbc::parse_batch(text); };
  REQUIRE(batch("2019年第3批"));
  CHECK(batch("2019年第3批")->year == 2019);
  CHECK(batch("2019年第3批")->number == 3);
  CHECK(!batch("第五批")->year);
  CHECK(batch("第五批")->number == 5);
  CHECK(batch("第十批")->number == 10);
  CHECK(batch("第十二批")->number == 12);
  CHECK(batch("第二十一批")->number == 21);
  CHECK(batch("第12批")->number == 12);
  CHECK(batch("3")->number == 3);
  CHECK(batch(" 2020年 第4批 ") == std::nullopt);  // a space inside is not a batch
  CHECK(!batch("第x批"));
  CHECK(!batch("第零批"));
  CHECK(!batch(""));
  CHECK(!batch("1989年第1批"));  // before the programme, and any year sbc reads
}

TEST_CASE("records: the examples, one file of each kind") {
  sbc::Records records;
  std::vector<sbc::Diagnostic> problems;
  const std::string dir = std::string(SBC_SOURCE_DIR) + "/examples/records";
  CHECK(records.read(dir, sbc::Limits{}, problems));
  CHECK(problems.empty());
  CHECK(records.files() == 3);
  REQUIRE(records.listed().size() == 6);
  const sbc::ListedProduct& first = records.listed()[0];
  CHECK(first.party.company == "山东示例软件股份有限公司");
  CHECK(first.party.credit_code == "91370100MA3C5XXXX3");
  CHECK(first.product == "智能制造执行系统");
  CHECK(first.version == "V2.0");
  CHECK(first.year == 2019);
  CHECK(first.batch == 3);
  CHECK(sbc::format(*first.recognized_on) == "2019-12-20");
  CHECK(first.at.file == dir + "/lists.csv");
  CHECK(first.at.line == 2);
  CHECK(!records.listed()[5].year);  // 第五批
  CHECK(records.listed()[5].batch == 5);
  REQUIRE(records.payments().size() == 4);
  CHECK(records.payments()[0].amount.fen == 15000000);
  CHECK(records.payments()[0].year == 2019);
  CHECK(records.payments()[0].policy == "PZAB2019370100000007");
  REQUIRE(records.listings().size() == 1);
  CHECK(sbc::format(records.listings()[0].listed_on) == "2018-07-01");
  CHECK(records.listings()[0].at.line == 2);
  CHECK(records.files(sbc::RecordKind::recognised_list) ==
        std::vector<std::string>{dir + "/lists.csv"});
  CHECK(records.files(sbc::RecordKind::negative_list) ==
        std::vector<std::string>{dir + "/negative-list.csv"});
}

TEST_CASE("records: the year and the batch in two columns, English names, any order") {
  Read r = read("product,batch_number,year,version,company\n乙系统,第3批,2019年,V1,甲公司\n");
  CHECK(r.problems.empty());
  REQUIRE(r.records.listed().size() == 1);
  CHECK(r.records.listed()[0].year == 2019);
  CHECK(r.records.listed()[0].batch == 3);
}

TEST_CASE("records: a row with a problem is left out, the others are kept") {
  Read r = read(
      "年度,企业名称,软件名称,版本号,补偿金额\n"
      "2019,甲,乙,V1,10万\n"
      "2019,甲,乙,V1,\n"
      "2019,甲,乙,V1,\"1,000.00\"\n");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].mark.line == 3);
  CHECK(r.problems[0].mark.column == 5);
  REQUIRE(r.records.payments().size() == 2);
  CHECK(r.records.payments()[0].amount.fen == 10000000);
  CHECK(r.records.payments()[1].amount.fen == 100000);
  CHECK(r.records.payments()[1].at.line == 4);
}

TEST_CASE("records: the header decides, or says why it cannot") {
  CHECK(read("企业名称,原因\n甲,乙\n").problems.size() == 1);             // of no kind
  CHECK(read("批次,企业名称,软件名称\n1,甲,乙\n").problems.size() == 1);  // no 版本号
  CHECK(read("年度,企业名称,软件名称,版本号\n2019,甲,乙,V1\n").problems.size() == 1);  // no batch
  Read typo = read("company,listed_on,reasn\n甲,2019-01-01,x\n");
  REQUIRE(typo.problems.size() == 1);
  CHECK(typo.problems[0].mark.column == 3);
  CHECK(typo.problems[0].message.en == "unknown column 'reasn'; did you mean 'reason'?");
  CHECK(read("").problems.size() == 1);  // no header at all
}

TEST_CASE("records: GB18030, as Excel saves a CSV in China") {
  // 企业名称,列入日期 / 甲公司,2019-01-01 in GB18030.
  Read r = read(
      "\xc6\xf3\xd2\xb5\xc3\xfb\xb3\xc6,\xc1\xd0\xc8\xeb\xc8\xd5\xc6\xda\n\xbc\xd7\xb9\xab\xcb\xbe,"
      "2019-01-01\n");
  CHECK(r.problems.empty());
  REQUIRE(r.records.listings().size() == 1);
  CHECK(r.records.listings()[0].party.company == "甲公司");
}

TEST_CASE("records: each kind's --records-template header reads back as that kind") {
  for (sbc::RecordKind k : {sbc::RecordKind::recognised_list, sbc::RecordKind::compensation_paid,
                            sbc::RecordKind::negative_list})
    for (sbc::Lang lang : {sbc::Lang::zh, sbc::Lang::en}) {
      Read r = read(sbc::record_header(k, lang));
      CHECK(r.problems.empty());
      CHECK(r.records.files(k).size() == 1);
    }
  CHECK(sbc::record_kind_named("负面清单") == sbc::RecordKind::negative_list);
  CHECK(sbc::record_kind_named("payments") == sbc::RecordKind::compensation_paid);
  CHECK(!sbc::record_kind_named("lists"));
}
