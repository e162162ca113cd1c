// The case reader: every value typed exactly, nothing assumed, and every problem located with its
// file, line, column and key path, saying what was found and what was expected.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <sstream>

#include "base/strings.hpp"
#include "case_builder.hpp"
#include "model/plain_case.hpp"
#include "sbc/input/inputs.hpp"
#include "sbc/model/case.hpp"

using sbc::Severity;
using sbc::Value;
using sbc::testing::read_case_text;

namespace {

sbc::Case with_unknown_keys(const std::string& yaml, Severity severity) {
  sbc::ReadOptions options;
  options.unknown_keys = severity;
  return read_case_text(yaml, options);
}

// Every problem of reading `yaml`, GNU style.
std::vector<std::string> problems(const std::string& yaml) {
  std::vector<std::string> out;
  for (const sbc::Diagnostic& d : read_case_text(yaml).problems)
    out.push_back(sbc::format_gnu(d, sbc::Lang::en));
  return out;
}

// The one problem of reading `yaml`.
std::string problem(const std::string& yaml) {
  auto all = problems(yaml);
  REQUIRE_MESSAGE(all.size() == 1, all.size(), " problems in ", yaml);
  return all[0];
}

// The fact at `path` of a case that reads without any problem.
Value fact(const std::string& yaml, const std::string& path) {
  sbc::Case c = read_case_text(yaml);
  for (const sbc::Diagnostic& d : c.problems) INFO(sbc::format_gnu(d, sbc::Lang::en));
  REQUIRE(c.problems.empty());
  const Value* v = c.fact(path);
  REQUIRE_MESSAGE(v != nullptr, "no fact ", path);
  return *v;
}

}  // namespace

TEST_CASE("case reader: values are typed exactly") {
  CHECK(fact("software: {rd_spend: '1,200,000.50'}", "software.rd_spend").money.fen == 120000050);
  CHECK(fact("software: {rd_spend: 120万}", "software.rd_spend").kind == Value::Kind::money);
  CHECK(fact("insurance: {policies: [{rate: 15‰}]}", "insurance.policies")
            .items[0]
            .find("rate")
            ->rate == sbc::Rate::of(3, 200));
  CHECK(sbc::format(fact("application: {date: 2020-02-29}", "application.date").date) ==
        "2020-02-29");
  CHECK(fact("insurance: {recognition: {year: 2019}}", "insurance.recognition")
            .find("year")
            ->number == 2019);
  CHECK(fact("software: {version: 1.0}", "software.version").text ==
        "1.0");  // text stays as written
  CHECK(fact("software: {version: 1.0}", "software.version").kind == Value::Kind::text);
  CHECK(sbc::render_value(fact("applicant: {qualifications: [cmm3, ITSS]}",
                               "applicant.qualifications")) == "[CMMI3, ITSS]");
}

TEST_CASE("case reader: enumerations by English code or Chinese name, stored as the code") {
  for (std::string province : {"山东", "37", "shandong", "Shandong", "山东省"}) {
    CAPTURE(province);
    Value v = fact(std::string("applicant: {registered_province: ") + province + "}",
                   "applicant.registered_province");
    CHECK(v.kind == Value::Kind::enumeration);
    CHECK(v.text == "shandong");
  }
  CHECK(fact("applicant: {registered_province: 河南}", "applicant.registered_province").text ==
        "henan");
  CHECK(fact("software: {appraisal: 国内领先}", "software.appraisal").text == "domestic_leading");
  CHECK(fact("software: {appraisal: international_advanced}", "software.appraisal").text ==
        "international_advanced");
  CHECK(fact("software: {category: 大型工业软件}", "software.category").text == "industrial");
  CHECK(fact("software: {domestic_ecosystem: 鲲鹏}", "software.domestic_ecosystem").text ==
        "kunpeng");
  CHECK(fact("software: {patents: [{kind: 发明专利, status: 公开}]}", "software.patents")
            .items[0]
            .find("kind")
            ->text == "invention");
  CHECK(fact("applicant: {tech_centers: [{level: 设区市}]}", "applicant.tech_centers")
            .items[0]
            .find("level")
            ->text == "city");
  // An open enumeration keeps any other value as written.
  CHECK(fact("insurance: {policies: [{kind: 产品责任保险}]}", "insurance.policies")
            .items[0]
            .find("kind")
            ->text == "产品责任保险");
}

TEST_CASE("case reader: none and [] are a stated empty list; an absent key is no fact") {
  for (std::string none : {"none", "[]", "无"}) {
    CAPTURE(none);
    Value v = fact(std::string("software: {strategic: ") + none + "}", "software.strategic");
    CHECK(v.kind == Value::Kind::list);
    CHECK(v.items.empty());
    CHECK(fact(std::string("software: {patents: ") + none + "}", "software.patents").items.empty());
  }
  CHECK(read_case_text("software: {name: x}").fact("software.strategic") == nullptr);
}

TEST_CASE("case reader: never is a date of kind none, only where the format allows it") {
  Value never = fact("applicant: {negative_list_since: never}", "applicant.negative_list_since");
  CHECK(never.kind == Value::Kind::none);
  CHECK(sbc::render_value(never) == "none");
  CHECK(
      fact("applicant: {negative_list_since: 2017-05-15}", "applicant.negative_list_since").kind ==
      Value::Kind::date);
  CHECK(problem("software: {developed_on: never}") ==
        "case.yaml:1:26: error: software.developed_on: date expected as 2020-05-15, 2020-5-15, "
        "2020/5/15, 2020.5.15 or 2020年5月15日 (found \"never\")");
}

TEST_CASE("case reader: booleans are true/false, yes/no or 是/否, and nothing else") {
  for (std::string yes : {"true", "True", "TRUE", "yes", "Yes", "是"}) {
    CAPTURE(yes);
    Value v = fact(std::string("software: {own_ip: ") + yes + "}", "software.own_ip");
    CHECK(v.kind == Value::Kind::boolean);
    CHECK(v.flag);
  }
  for (std::string no : {"false", "False", "FALSE", "no", "No", "否"}) {
    CAPTURE(no);
    Value v = fact(std::string("software: {own_ip: ") + no + "}", "software.own_ip");
    CHECK(v.kind == Value::Kind::boolean);
    CHECK(!v.flag);
  }
  for (std::string bad : {"on", "off", "y", "n", "1", "0", "对"}) {
    CAPTURE(bad);
    CHECK(problem(std::string("software: {own_ip: ") + bad + "}") ==
          std::string("case.yaml:1:20: error: software.own_ip: expected true or false "
                      "(yes/no/是/否 accepted), found \"") +
              bad + "\"");
    CHECK(read_case_text(std::string("software: {own_ip: ") + bad + "}").fact("software.own_ip") ==
          nullptr);
  }
}

TEST_CASE("case reader: every type error names file, line, column, key path, found and expected") {
  CHECK(problem("software:\n  rd_spend: 1.234\n") ==
        "case.yaml:2:13: error: software.rd_spend: money has more than two decimals; expected yuan "
        "such as 1200000, "
        "1,200,000.50, 120万 or 1.2亿 (found \"1.234\")");
  CHECK(problem("software:\n  rd_spend: abc\n") ==
        "case.yaml:2:13: error: software.rd_spend: money is not a number; expected yuan such as "
        "1200000, "
        "1,200,000.50, 120万 or 1.2亿 (found \"abc\")");
  CHECK(problem("software:\n  patents:\n    - {kind: 专利}\n") ==
        "case.yaml:3:14: error: software.patents[0].kind: \"专利\" is not one of: invention 发明, "
        "utility 实用新型, "
        "design 外观设计");
  CHECK(problem("insurance:\n  policies:\n    - rate: 1.5\n") ==
        "case.yaml:3:13: error: insurance.policies[0].rate: rate lacks % or ‰ (a bare 0.015 or 1.5 "
        "is ambiguous); "
        "expected a percent or permille such as 1.5% or 15‰ (found \"1.5\")");
  CHECK(problem("insurance: {policies: [{rate: 1%}, {rate: 0.015}]}") ==
        "case.yaml:1:43: error: insurance.policies[1].rate: rate lacks % or ‰ (a bare 0.015 or 1.5 "
        "is ambiguous); "
        "expected a percent or permille such as 1.5% or 15‰ (found \"0.015\")");
  CHECK(problem("application: {date: 2021-02-29}") ==
        "case.yaml:1:21: error: application.date: date 2021-02-29 does not exist in the calendar "
        "(found \"2021-02-29\")");
  CHECK(
      problem("insurance: {recognition: {batch: 03}}") ==
      "case.yaml:1:34: error: insurance.recognition.batch: expected a whole number, found \"03\"");
  CHECK(problem("insurance:\n  sales:\n    - invoices: [{amount: -5}]\n") ==
        "case.yaml:3:27: error: insurance.sales[0].invoices[0].amount: money cannot be negative; "
        "expected yuan such as "
        "1200000, 1,200,000.50, 120万 or 1.2亿 (found \"-5\")");
  CHECK(problem("applicant: {qualifications: [CMMI3, CMMI6]}")
            .rfind("case.yaml:1:37: error: applicant.qualifications[1]: \"CMMI6\" is not one of: "
                   "CMMI1 CMMI1级, ",
                   0) == 0);
  CHECK(problem("software: {category: 游戏软件}")
            .rfind("case.yaml:1:22: error: software.category: \"游戏软件\" is not one of: "
                   "key_basic 关键基础软件, ",
                   0) == 0);
}

TEST_CASE("case reader: a value of the wrong shape is an error at its place") {
  CHECK(problem("software: [1, 2]") ==
        "case.yaml:1:11: error: software: expected a map of keys, found a list");
  CHECK(problem("software: {test_report: [1]}") ==
        "case.yaml:1:25: error: software.test_report: expected a map of keys, found a list");
  CHECK(problem("software: {rd_spend: [1]}") ==
        "case.yaml:1:22: error: software.rd_spend: expected money, found a list");
  CHECK(problem("software: {patents: {a: 1}}") ==
        "case.yaml:1:21: error: software.patents: expected a list, found a map");
  CHECK(problem("- 1") ==
        "case.yaml:1:1: error: a case must be a map of keys (applicant:, software:, …)");
}

TEST_CASE("case reader: every problem of a document is reported, in order, and the rest is read") {
  sbc::Case c = read_case_text(
      "software:\n  rd_spend: x\n  own_ip: on\n  cumulative_sales: 350万\napplication: {date: "
      "2020-13-01}\n");
  REQUIRE(c.problems.size() == 3);
  CHECK(c.problems[0].path == "software.rd_spend");
  CHECK(c.problems[1].path == "software.own_ip");
  CHECK(c.problems[2].path == "application.date");
  CHECK(c.problems[2].mark.line == 5);
  CHECK(!c.readable());
  CHECK(c.errors().size() == 3);
  CHECK(c.fact("software.cumulative_sales")->money.fen == 350000000);
}

TEST_CASE("case reader: marks are those of the file, for a later document of a stream too") {
  std::istringstream in("software: {rd_spend: 1}\n---\n# second case\nsoftware:\n  rd_spend: x\n");
  sbc::DocumentStream stream(in, "two.yaml");
  sbc::Document doc;
  REQUIRE(stream.next(doc));
  REQUIRE(stream.next(doc));
  sbc::Case c = sbc::read_case(doc, "two.yaml", sbc::ReadOptions{});
  CHECK(c.index == 1);
  CHECK(c.file == "two.yaml");
  REQUIRE(c.problems.size() == 1);
  CHECK(sbc::format_gnu(c.problems[0], sbc::Lang::en)
            .rfind("two.yaml:5:13: error: software.rd_spend: ", 0) == 0);
}

TEST_CASE(
    "case reader: unknown keys warn, or are errors when asked, with a suggestion for a near miss") {
  sbc::Case c = read_case_text("software: {rd_spnd: 1}");
  REQUIRE(c.problems.size() == 1);
  CHECK(c.readable());
  CHECK(c.problems[0].severity == Severity::warning);
  CHECK(
      sbc::format_gnu(c.problems[0], sbc::Lang::en) ==
      "case.yaml:1:12: warning: software.rd_spnd: unknown key 'rd_spnd'; did you mean 'rd_spend'?");
  CHECK(c.problems[0].message.zh == "未知的键“rd_spnd”，是否应为“rd_spend”？");
  CHECK(c.fact("software.rd_spend") == nullptr);  // a misspelt fact is not taken for the right one

  sbc::Case strict = with_unknown_keys("software: {rd_spnd: 1}", Severity::error);
  REQUIRE(strict.problems.size() == 1);
  CHECK(strict.problems[0].severity == Severity::error);
  CHECK(!strict.readable());

  CHECK(problem("software: {xyzzy: 1}") ==
        "case.yaml:1:12: warning: software.xyzzy: unknown key 'xyzzy'");
  CHECK(problem("aplicant: {name: x}") ==
        "case.yaml:1:1: warning: aplicant: unknown key 'aplicant'; did you mean 'applicant'?");
  CHECK(problem("insurance: {policies: [{premum: 1}]}") ==
        "case.yaml:1:25: warning: insurance.policies[0].premum: unknown key 'premum'; did you mean "
        "'premium'?");
}

TEST_CASE("case reader: an empty value is a warning and no fact") {
  sbc::Case c = read_case_text("software:\n  rd_spend:\n");
  REQUIRE(c.problems.size() == 1);
  CHECK(c.readable());
  CHECK(c.problems[0].severity == Severity::warning);
  CHECK(c.problems[0].path == "software.rd_spend");
  CHECK(c.problems[0].message.en ==
        "empty value, taken as not given (to state none, write [] or none)");
  CHECK(c.fact("software.rd_spend") == nullptr);
  CHECK(read_case_text("software: {strategic: ~}").fact("software.strategic") ==
        nullptr);  // not an empty list
  CHECK(problem("software: {rd_spend: ~}") ==
        "case.yaml:1:22: warning: software.rd_spend: empty value, taken as not given (to state "
        "none, write [] or none)");
}

// yaml-cpp marks an empty block value at the next token (the next key, or past the document);
// the reader moves it back to its key's line.
TEST_CASE("case reader: an empty value in block style is located on its own line") {
  sbc::Case c = read_case_text("software:\n  rd_spend:\n  own_ip: true\n");
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0].path == "software.rd_spend");
  CHECK(c.problems[0].mark.line == 2);
  CHECK(read_case_text("software:\n  rd_spend:\n").problems.at(0).mark.line == 2);
}

TEST_CASE("case reader: the sale and policy flags are false unless set; no other fact is assumed") {
  sbc::Case c = read_case_text(
      "insurance: {policies: [{number: P1}], sales: [{contract: C1}, {contract: C2, export: "
      "true}]}");
  REQUIRE(c.problems.empty());
  const Value& policy = c.fact("insurance.policies")->items.at(0);
  REQUIRE(policy.find("surrendered"));
  CHECK(policy.find("surrendered")->kind == Value::Kind::boolean);
  CHECK(!policy.find("surrendered")->flag);
  const Value& sale = c.fact("insurance.sales")->items.at(0);
  for (std::string flag : {"related_party", "export", "via_commitment_letter"}) {
    CAPTURE(flag);
    REQUIRE(sale.find(flag));
    CHECK(sale.find(flag)->kind == Value::Kind::boolean);
    CHECK(!sale.find(flag)->flag);
  }
  CHECK(sale.find("final_user_contract") == nullptr);  // not a defaulted flag
  CHECK(c.fact("insurance.sales")->items.at(1).find("export")->flag);
  sbc::Case software = read_case_text("software: {name: x}");
  for (std::string flag : {"software.prior_support", "software.self_use_only", "software.own_ip",
                           "software.embedded"}) {
    CAPTURE(flag);
    CHECK(software.fact(flag) == nullptr);
  }
}

// The case format says every problem names its key path; a duplicate key too.
TEST_CASE("case reader: a duplicate key is an error that names its key path") {
  sbc::Case c = read_case_text("software:\n  rd_spend: 1\n  rd_spend: 2\n");
  REQUIRE(c.problems.size() == 1);
  CHECK(!c.readable());
  CHECK(c.fact("software.rd_spend")->money.fen == 100);
  CHECK(sbc::format_gnu(c.problems[0], sbc::Lang::en) ==
        "case.yaml:3:3: error: software.rd_spend: duplicate key 'rd_spend' (first at line 2)");
}

TEST_CASE(
    "case reader: a number with commas in a flow mapping is an error that says how to write it") {
  // YAML reads {rd_spend: 1,200,000} as rd_spend: 1 and the keys 200 and 000 with no value.
  CHECK(problem("software: {rd_spend: 1,200,000}") ==
        "case.yaml:1:22: error: software.rd_spend: 1,200,000 inside {…} reads in YAML as 1 and the "
        "keys 200, 000 "
        "with no value: quote the number (rd_spend: \"1,200,000\") or drop the commas (rd_spend: "
        "1200000)");
  CHECK(problem("software: {name: x, rd_spend: 1,200,000.50}")
            .find("quote the number (rd_spend: \"1,200,000.50\") "
                  "or drop the commas (rd_spend: 1200000.50)") != std::string::npos);
  CHECK(problem("insurance: {prior_compensations: 1,000}").find("(prior_compensations: 1000)") !=
        std::string::npos);
  CHECK(problem("insurance: {policies: [{premium: 330,000, number: P1}]}")
            .find("insurance.policies[0].premium: 330,000") != std::string::npos);
  // Written as the contract allows, the same amount reads without a problem.
  CHECK(fact("software: {rd_spend: \"1,200,000\"}", "software.rd_spend").money.fen == 120000000);
  CHECK(fact("software:\n  rd_spend: 1,200,000\n", "software.rd_spend").money.fen == 120000000);
  CHECK(fact("software: {rd_spend: 1200000}", "software.rd_spend").money.fen == 120000000);
  // A digit key with a value, or after a text, is an unknown key as any other.
  CHECK(problem("software: {rd_spend: 1, 200: x}") ==
        "case.yaml:1:25: warning: software.200: unknown key '200'");
  CHECK(problem("software: {name: A,200}") ==
        "case.yaml:1:20: warning: software.200: unknown key '200'");
}

TEST_CASE(
    "case reader: dates as people in China write them are read, and written back as YYYY-MM-DD") {
  CHECK(sbc::format(fact("application: {date: 2020年6月1日}", "application.date").date) ==
        "2020-06-01");
  CHECK(sbc::format(fact("application: {date: 2020/6/1}", "application.date").date) ==
        "2020-06-01");
  CHECK(sbc::format(fact("application: {date: 2020.6.1}", "application.date").date) ==
        "2020-06-01");
  CHECK(sbc::format(fact("application: {date: 2020-6-1}", "application.date").date) ==
        "2020-06-01");
  CHECK(problem("application: {date: 2020年2月30日}") ==
        "case.yaml:1:21: error: application.date: date 2020年2月30日 does not exist in the "
        "calendar (found \"2020年2月30日\")");
  CHECK(problem("application: {date: 6/1/2020}").find("date expected as 2020-05-15, 2020-5-15") !=
        std::string::npos);
}

// --- the quick way: a plain document read straight from its events ---------------------------

namespace {

// Everything a case's value holds, marks included, on one line: what both ways must agree on.
std::string dump(const Value& v) {
  std::string out = fmt::format("{}@{}:{}", static_cast<int>(v.kind), v.mark.line, v.mark.column);
  switch (v.kind) {
    case Value::Kind::text:
    case Value::Kind::enumeration:
      return out + "'" + v.text + "'";
    case Value::Kind::money:
      return out + "=" + std::to_string(v.money.fen);
    case Value::Kind::rate:
      return out + "=" + std::to_string(v.rate.num) + "/" + std::to_string(v.rate.den);
    case Value::Kind::date:
      return out + "=" + std::to_string(v.date.days);
    case Value::Kind::boolean:
      return out + (v.flag ? "=true" : "=false");
    case Value::Kind::integer:
      return out + "=" + std::to_string(v.number);
    case Value::Kind::list:
      out += "[";
      for (const Value& item : v.items) out += dump(item) + ",";
      return out + "]";
    case Value::Kind::record:
      out += "{";
      for (const sbc::Entry& e : v.fields) out += std::string(e.key) + "=" + dump(e.value) + ",";
      return out + "}";
    case Value::Kind::none:
      break;
  }
  return out;
}

// Each document of a file read both ways; returns how many the quick way took.
int compare_both_ways(const std::string& path) {
  std::istringstream none;
  int quick = 0;
  sbc::split_documents(path, none, {}, [&](sbc::RawDocument&& raw) {
    sbc::Case fast;
    bool plain = sbc::read_plain_case(raw.text, raw.first_line, {}, fast);
    std::istringstream in(raw.text);
    sbc::DocumentStream stream(in, raw.file, {}, raw.first_line, raw.text);
    sbc::Document doc;
    if (!stream.next(doc)) return;
    sbc::Case full = sbc::read_case(doc, raw.file, {});
    if (!plain) return;
    ++quick;
    INFO(path, " document ", raw.index);
    CHECK(full.problems.empty());  // the quick way takes only what has nothing to report
    CHECK(sbc::testing::keys_from_schema(fast.root));
    CHECK(sbc::testing::keys_from_schema(full.root));
    CHECK(fast.mark.line == full.mark.line);
    CHECK(fast.mark.column == full.mark.column);
    CHECK(dump(fast.root) == dump(full.root));
  });
  return quick;
}

}  // namespace

TEST_CASE(
    "case reader: the quick way reads every plain example as the full way does, marks included") {
  int files = 0, quick = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(SBC_SOURCE_DIR) + "/examples")) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    quick += compare_both_ways(entry.path().string());
  }
  CHECK(files >= 20);
  CHECK(quick >=
        files);  // the batch example holds several cases; only 90-error-bad-money is not plain
}

TEST_CASE("strings: Parts gives a path's parts one at a time, as split() cuts them") {
  for (std::string_view path : {"", "a", "software.rd_spend", "a..b", ".a", "a.", "."}) {
    std::vector<std::string> parts;
    sbc::Parts cut(path, '.');
    for (std::string_view part; cut.next(part);) parts.emplace_back(part);
    CHECK_MESSAGE(parts == sbc::split(path, '.'), "'", path, "'");
  }
}

TEST_CASE("case: set_fact makes the records on the way, with the case format's keys") {
  auto of = [](Value::Kind kind) {
    Value v;
    v.kind = kind;
    return v;
  };
  Value root;
  sbc::set_fact(root, "software.rd_spend", of(Value::Kind::money));
  sbc::set_fact(root, "software.name", of(Value::Kind::text));
  sbc::set_fact(root, "rules", of(Value::Kind::text));
  REQUIRE(root.fields.size() == 2);
  CHECK(root.fields[0].key == "software");
  CHECK(root.fields[0].value.fields.size() == 2);
  CHECK(root.fields[1].key == "rules");
  CHECK(sbc::testing::keys_from_schema(root));
  sbc::set_fact(root, "software.rd_spend", of(Value::Kind::none));  // replaced, not added
  CHECK(root.fields[0].value.fields.size() == 2);
  CHECK(root.fields[0].value.fields[0].value.kind == Value::Kind::none);
  CHECK_THROWS_AS(sbc::set_fact(root, "software.rd_spnd", Value()), std::invalid_argument);
  CHECK_THROWS_AS(sbc::set_fact(root, "software.rd_spend.x", Value()), std::invalid_argument);
}

TEST_CASE("case reader: the quick way gives up on whatever the full way would report") {
  for (const char* yaml : {
           "applicant: {name: 甲, name: 乙}\n",                    // a duplicate key
           "applicant:\n  nmae: 甲\n",                             // an unknown key
           "software: {rd_spend: 1,200,000}\n",                    // the comma trap
           "applicant:\n",                                         // an empty value
           "applicant: &a {name: 甲}\nsoftware: *a\n",             // an anchor and an alias
           "applicant:\n  name: [甲]\n",                           // a list for a text
           "applicant: 甲\n",                                      // a value for a section
           "software:\n  rd_spend: abc\n",                         // a value that is no amount
           "software:\n  patents: 1\n",                            // a value for a list
           "- 1\n",                                                // not a map
           "applicant:\n  name: \"甲\x01\"\n",                     // a control character
           "applicant:\n  name: \"open\n",                         // a quote never closed
           "applicant: {name: 甲}\n---\napplicant: {name: 乙}\n",  // a second document
           "applicant: {name: 甲\n",                               // a syntax error
       }) {
    sbc::Case c;
    CHECK_MESSAGE(!sbc::read_plain_case(yaml, 1, {}, c), yaml);
  }
  sbc::Case c;
  CHECK(sbc::read_plain_case("applicant: {name: 甲}\nsoftware:\n  patents: none\n", 1, {}, c));
  CHECK(c.fact("software.patents")->kind == Value::Kind::list);
}
