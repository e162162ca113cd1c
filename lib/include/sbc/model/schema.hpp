// The case format (shared/case-format.md, sbc-case/1) as data: one table of fields that the case
// reader, the rule-pack loader (to resolve and type-check fact paths) and the messages all use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sbc/base/text.hpp"

namespace sbc {

enum class Type { text, money, rate, date, boolean, integer, enumeration, list, record };

struct EnumValue {
  std::string code;  // English code, used in output
  std::string zh;    // Chinese name, accepted in input
  std::vector<std::string> aliases;
};

struct EnumType {
  std::string name;
  bool ordered = false;  // values are listed lowest first and compare by rank
  bool open = false;     // other values are accepted as written (and match no code)
  std::vector<EnumValue> values;

  // The value a code, Chinese name or alias names (ASCII case ignored), or nullptr.
  const EnumValue* match(std::string_view text) const;
  // Position in `values`, or -1.
  int rank(std::string_view code) const;
  // "county 县, city 设区市, …" for messages.
  std::string describe() const;
};

struct Field {
  std::string key;
  Type type = Type::text;
  Text label;
  const EnumType* enumeration = nullptr;  // enumeration, or list items that are enumerations
  bool none_allowed =
      false;  // a date or text that may be stated as `none` / `never` / 无 (held as Kind::none)
  bool defaults_false = false;  // a bool that is false unless set
  std::string pattern;        // text: the shape a JSON Schema can check (sbc-validate checks more)
  std::vector<Field> fields;  // record: its fields; list: exactly one, describing an item

  const Field* child(std::string_view key) const;
  const Field& item() const { return fields.front(); }
};

// The root record of a case.
const Field& case_schema();

// Resolves a dotted path ("software.rd_spend", "applicant.tech_centers") from `root`; items of a
// list are entered with their field names ("tech_centers.level" is not valid, "level" relative to
// the item spec is). Returns nullptr when the path is not part of the format.
const Field* find_field(const Field& root, std::string_view dotted_path);

// The case format as a JSON Schema, from the same table the reader uses (schema/ ships it).
std::string case_json_schema();

}  // namespace sbc
