// The case format as a JSON Schema (draft 2020-12), generated from the same table the reader
// uses, so that editors with a YAML language server check and complete case files as they type.
// A schema cannot say everything the reader checks (real calendar days, check characters,
// cross-field rules): sbc-validate remains the authority.
#include <fmt/format.h>

#include "sbc/base/json.hpp"
#include "sbc/model/schema.hpp"

namespace sbc {
namespace {

// Spellings the reader accepts, as patterns (YAML may also give money as a plain number).
constexpr const char* kMoneyPattern =
    "^[¥￥]?\\s*(0|[1-9][0-9]*|[1-9][0-9]{0,2}(,[0-9]{3})+)(\\.[0-9]+)?\\s*(万元|亿元|万|亿|元)?$";
constexpr const char* kRatePattern = "^[0-9]+(\\.[0-9]+)?\\s*[%％‰]$";
// YYYY-MM-DD, or year, month and day as people in China write them (2020-6-1, 2020/6/1, 2020.6.1,
// 2020年6月1日); sbc-validate also checks that the day exists.
constexpr const char* kDatePattern =
    "^[0-9]{4}(-|/"
    "|\\.)(0?[1-9]|1[0-2])\\1(0?[1-9]|[12][0-9]|3[01])$|^[0-9]{4}年(0?[1-9]|1[0-2])月(0?[1-9]|[12]["
    "0-9]|3[01])日$";
const std::vector<std::string> kNoneWords = {"none", "never", "无", "从未"};

void none_words(JsonWriter& j) {
  j.begin_object().key("enum").strings(kNoneWords).end_object();
}

void describe(JsonWriter& j, const Field& f) {
  if (!f.label.zh.empty()) j.key("description").value(f.label.zh + " / " + f.label.en);
}

void write_field(JsonWriter& j, const Field& f);

void write_money(JsonWriter& j) {
  j.key("anyOf").begin_array();
  j.begin_object().key("type").value("number").key("minimum").value(0);
  j.key("maximum").value(10000000000000LL);
  j.key("multipleOf").number("0.01").end_object();  // at most two decimals
  j.begin_object().key("type").value("string").key("pattern").value(kMoneyPattern).end_object();
  j.end_array();
}

void write_date(JsonWriter& j, const Field& f) {
  if (!f.none_allowed) {
    j.key("type").value("string").key("pattern").value(kDatePattern);
    return;
  }
  j.key("anyOf").begin_array();
  j.begin_object().key("type").value("string").key("pattern").value(kDatePattern).end_object();
  none_words(j);
  j.end_array();
}

// Every name a value may take (code, Chinese, aliases): a closed list, or examples of an open one.
void write_enumeration(JsonWriter& j, const EnumType& e) {
  std::vector<std::string> names;
  for (const EnumValue& v : e.values) {
    names.push_back(v.code);
    if (v.zh != v.code) names.push_back(v.zh);
    names.insert(names.end(), v.aliases.begin(), v.aliases.end());
  }
  if (e.open) {
    j.key("type").value("string").key("examples").strings(names);
    return;
  }
  j.key("enum").begin_array();
  for (const std::string& n : names) {
    bool digits = !n.empty() && n.find_first_not_of("0123456789") == std::string::npos;
    if (digits) j.value(std::stoll(n));  // a region code such as 37 is a number in YAML
    j.value(n);
  }
  j.end_array();
}

void write_list(JsonWriter& j, const Field& f) {
  j.key("anyOf").begin_array();
  j.begin_object().key("type").value("array").key("items");
  write_field(j, f.item());
  j.end_object();
  none_words(j);
  j.end_array();
}

void write_record(JsonWriter& j, const Field& f) {
  j.key("type").value("object").key("additionalProperties").value(false);
  j.key("properties").begin_object();
  for (const Field& child : f.fields) {
    j.key(child.key);
    write_field(j, child);
  }
  j.end_object();
}

void write_field(JsonWriter& j, const Field& f) {
  j.begin_object();
  describe(j, f);
  switch (f.type) {
    case Type::text:
      if (f.pattern.empty())
        j.key("type").strings({"string", "number", "integer", "boolean"});
      else
        j.key("type").value("string").key("pattern").value(f.pattern);
      break;
    case Type::money:
      write_money(j);
      break;
    case Type::rate:
      j.key("type").value("string").key("pattern").value(kRatePattern);
      break;
    case Type::date:
      write_date(j, f);
      break;
    case Type::boolean:
      j.key("anyOf").begin_array();
      j.begin_object().key("type").value("boolean").end_object();
      j.begin_object().key("enum").strings({"yes", "no", "Yes", "No", "是", "否"}).end_object();
      j.end_array();
      break;
    case Type::integer:
      j.key("type").value("integer").key("minimum").value(0).key("maximum").value(999999999);
      break;
    case Type::enumeration:
      write_enumeration(j, *f.enumeration);
      break;
    case Type::list:
      write_list(j, f);
      break;
    case Type::record:
      write_record(j, f);
      break;
  }
  j.end_object();
}

}  // namespace

std::string case_json_schema() {
  JsonWriter j(true);
  j.begin_object().key("$schema").value("https://json-schema.org/draft/2020-12/schema");
  j.key("$id").value("https://sbc.invalid/schema/sbc-case.schema.json");
  j.key("title").value("sbc case file (sbc-case/1)");
  j.key("description")
      .value(
          "One applicant and software product, and optionally its insurance (man 5 sbc-case). "
          "Generated by sbc-validate --print-schema; sbc-validate checks what a schema cannot.");
  j.key("type")
      .value("object")
      .key("additionalProperties")
      .value(false)
      .key("properties")
      .begin_object();
  for (const Field& f : case_schema().fields) {
    j.key(f.key);
    write_field(j, f);
  }
  j.end_object().end_object();
  return j.str() + "\n";
}

}  // namespace sbc
