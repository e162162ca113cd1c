// A spreadsheet row as a case: the quick way (cells straight into the case) gives the facts, in
// the order and with the marks, that reading the row as a YAML document gives.
#include <doctest/doctest.h>

#include <sstream>

#include "case_builder.hpp"
#include "sbc/input/csv.hpp"
#include "sbc/model/case.hpp"

namespace {

std::vector<sbc::Case> read(const std::string& text, sbc::InputFormat format) {
  sbc::ReadOptions options;
  options.format = format;
  std::istringstream in(text);
  std::vector<sbc::Case> cases;
  sbc::read_cases("-", in, options, [&](sbc::Case&& c) { cases.push_back(std::move(c)); });
  return cases;
}

// The facts as one line each, in the case's own order: "insurance.sales[1].amount = 2000.00".
void dump(const sbc::Value& v, const std::string& path, std::string& out) {
  if (v.kind == sbc::Value::Kind::record) {
    for (const auto& [key, value] : v.fields)
      dump(value, path.empty() ? std::string(key) : path + "." + std::string(key), out);
  } else if (v.kind == sbc::Value::Kind::list && (v.items.empty() || !v.items[0].fields.empty())) {
    if (v.items.empty()) out += path + " = []\n";
    for (size_t i = 0; i < v.items.size(); ++i)
      dump(v.items[i], path + "[" + std::to_string(i) + "]", out);
  } else {
    out += path + " = " + sbc::render_value(v) + "\n";
  }
}

std::string facts(const sbc::Case& c) {
  std::string out;
  dump(c.root, "", out);
  return out;
}

// The case of a CSV file's one row: read without a problem, with the facts, in their order, of
// the same case written as YAML.
sbc::Case row_like_yaml(const std::string& csv, const std::string& yaml) {
  std::vector<sbc::Case> rows = read(csv, sbc::InputFormat::csv);
  std::vector<sbc::Case> docs = read(yaml, sbc::InputFormat::yaml);
  REQUIRE(rows.size() == 1);
  REQUIRE(docs.size() == 1);
  CHECK(rows[0].problems.empty());
  CHECK(docs[0].problems.empty());
  CHECK(facts(rows[0]) == facts(docs[0]));
  CHECK(sbc::testing::keys_from_schema(rows[0].root));
  return std::move(rows[0]);
}

// The rows split_csv cuts: each as "line: cell|cell|…", or the error of a quote left open.
std::string rows(const std::string& text) {
  std::string out;
  std::optional<sbc::Text> broken = sbc::split_csv(text, [&](sbc::CsvRow&& row) {
    out += std::to_string(row.line) + ":";
    for (size_t i = 0; i < row.cells.size(); ++i) out += (i ? "|" : "") + std::string(row.cells[i]);
    out += "\n";
  });
  return broken ? out + "error: " + broken->en : out;
}

}  // namespace

TEST_CASE("csv: rows cut as RFC 4180 says, each cell as its own text") {
  CHECK(rows("a,b,c\n1,,3\n") == "1:a|b|c\n2:1||3\n");
  CHECK(rows("a,b\r\n1,2") == "1:a|b\n2:1|2\n");  // CRLF, and a last row without a line break
  CHECK(rows("a\n\n\nb\n") == "1:a\n4:b\n");      // empty lines skipped, lines still counted
  CHECK(rows(",\n") == "1:|\n");                  // two empty cells are a row
  CHECK(rows("\"\"\n") == "");                    // one empty cell is an empty line
  // A quoted cell holds commas, "" for a quote, and line breaks; the next row's line counts them.
  CHECK(rows("\"3,500,000.00\",\"say \"\"hi\"\"\",\"two\nlines\"\nx\n") ==
        "1:3,500,000.00|say \"hi\"|two\nlines\n3:x\n");
  CHECK(rows("a\rb,c\n") == "1:a\rb|c\n");    // a lone CR is the cell's
  CHECK(rows("ab\"c,d\n") == "1:ab\"c|d\n");  // so is a quote inside an unquoted cell
  CHECK(rows("企业名称,研发费用\n山东,\"1,000\"\n") == "1:企业名称|研发费用\n2:山东|1,000\n");
  CHECK(rows("a\n\"open,\nb\n") == "1:a\nerror: the quote opened on line 2 is never closed");
  // Rows of different lengths after one another: each keeps only its own cells.
  CHECK(rows("a,bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,c,d\nx\n,y\n") ==
        "1:a|bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb|c|d\n2:x\n3:|y\n");
}

TEST_CASE("csv row: a record's columns apart or side by side, items of one list interleaved") {
  // Each cell goes down the way the column before it went as far as their paths agree: the
  // headers here agree on the list and part, never on the item, or on the item after another.
  sbc::Case row = row_like_yaml(
      "insurance.sales[1].invoices[0].amount,insurance.sales[0].amount,"
      "insurance.sales[1].invoices[1].amount,insurance.sales[1].amount,"
      "insurance.sales[0].invoices[0].amount,applicant.name,insurance.sales[0].invoices[0].number,"
      "insurance.policies[0].premium\n"
      "1,5,2,6,7,甲公司,FP-7,100\n",
      "insurance:\n"
      "  sales:\n"
      "    - {amount: 5, invoices: [{amount: 7, number: FP-7}]}\n"
      "    - {invoices: [{amount: 1}, {amount: 2}], amount: 6}\n"
      "  policies: [{premium: 100}]\n"
      "applicant: {name: 甲公司}\n");
  CHECK(facts(row).find("insurance.sales[0].invoices[0].number = FP-7\n") != std::string::npos);
  CHECK(facts(row).find("insurance.sales[1].invoices[1].amount = 2.00\n") != std::string::npos);
}

TEST_CASE("csv row: list items in the order of the header's indices, renumbered from 0") {
  // The headers name the items out of order, and the row leaves policies[1] and sales[0] empty.
  sbc::Case row = row_like_yaml(
      "insurance.policies[2].premium,insurance.policies[0].premium,insurance.policies[1].number,"
      "insurance.sales[1].invoices[1].amount,insurance.sales[1].invoices[0].amount,"
      "insurance.sales[0].amount,applicant.qualifications,applicant.name\n"
      "300,100,,20,10,,CMMI3、ISO27001,甲公司\n",
      "insurance:\n"
      "  policies: [{premium: 100}, {premium: 300}]\n"
      "  sales: [{invoices: [{amount: 10}, {amount: 20}]}]\n"
      "applicant: {qualifications: [CMMI3, ISO27001], name: 甲公司}\n");
  CHECK(facts(row) ==
        "insurance.policies[0].premium = 100.00\n"
        "insurance.policies[0].surrendered = false\n"
        "insurance.policies[1].premium = 300.00\n"
        "insurance.policies[1].surrendered = false\n"
        "insurance.sales[0].invoices[0].amount = 10.00\n"
        "insurance.sales[0].invoices[1].amount = 20.00\n"
        "insurance.sales[0].related_party = false\n"
        "insurance.sales[0].export = false\n"
        "insurance.sales[0].via_commitment_letter = false\n"
        "applicant.qualifications = [CMMI3, ISO27001]\n"
        "applicant.name = 甲公司\n");
  // Each fact is marked at its cell: line 2, its column.
  const sbc::Value* premium =
      row.root.find("insurance")->find("policies")->items[1].find("premium");
  CHECK(premium->mark.line == 2);
  CHECK(premium->mark.column == 1);
  CHECK(row.root.find("applicant")->find("name")->mark.column == 8);
}

TEST_CASE("csv row: cells are read trimmed, and a cell of spaces is not given") {
  // Spreadsheets keep the spaces typed around a value: they are not part of it.
  sbc::Case row = row_like_yaml(
      "applicant.name,software.rd_spend,applicant.qualifications,software.name\n"
      "  甲公司 , 1200000 ,\" CMMI3、ISO27001 \",   \n",
      "applicant: {name: 甲公司, qualifications: [CMMI3, ISO27001]}\n"
      "software: {rd_spend: 1200000}\n");
  CHECK(row.root.find("applicant")->find("name")->text == "甲公司");
  // The full way (a row with something to report) reads its cells trimmed too.
  std::vector<sbc::Case> rows =
      read("applicant.name,software.rd_spend\n  甲公司 , 一百万 \n", sbc::InputFormat::csv);
  REQUIRE(rows.size() == 1);
  REQUIRE(rows[0].problems.size() == 1);
  CHECK(rows[0].problems[0].path == "software.rd_spend");
  CHECK(rows[0].problems[0].message.en.find("(found \"一百万\")") != std::string::npos);
}

TEST_CASE("csv row: stated none, and what the case reader reports") {
  std::vector<sbc::Case> rows = read(
      "insurance.policies,applicant.qualifications,software.rd_spend,applicant.negative_list_"
      "since\n"
      "none,[],120万,never\n"
      "[],CMMI3,一百万,\n"
      "CMMI3,,,\n",
      sbc::InputFormat::csv);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].problems.empty());
  CHECK(facts(rows[0]) ==
        "insurance.policies = []\n"
        "applicant.qualifications = []\n"
        "applicant.negative_list_since = none\n"
        "software.rd_spend = 1200000.00\n");
  // A cell it cannot read: the full way's message, at the cell.
  REQUIRE(rows[1].problems.size() == 1);
  CHECK(rows[1].problems[0].mark.line == 3);
  CHECK(rows[1].problems[0].mark.column == 3);
  CHECK(rows[1].problems[0].path == "software.rd_spend");
  // A list of maps given as one cell's words.
  REQUIRE(rows[2].problems.size() == 1);
  CHECK(rows[2].problems[0].path == "insurance.policies[0]");
  CHECK(rows[2].problems[0].message.en == "expected a map of keys, found a single value");
}

TEST_CASE(
    "csv row: a quoted cell holds commas, doubled quotes and line breaks, and the lines count on") {
  std::vector<sbc::Case> rows = read(
      "applicant.name,software.rd_spend\n"
      "\"甲\n公司, \"\"有限\"\"\",120万\n"
      "乙,一百万\n",
      sbc::InputFormat::csv);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].problems.empty());
  CHECK(rows[0].root.find("applicant")->find("name")->text == "甲\n公司, \"有限\"");
  CHECK(rows[0].root.find("software")->find("rd_spend")->mark.line == 2);
  // The second row starts on line 4: the quoted line break counts.
  REQUIRE(rows[1].problems.size() == 1);
  CHECK(rows[1].problems[0].mark.line == 4);
  CHECK(rows[1].problems[0].mark.column == 2);
}
