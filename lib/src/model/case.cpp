#include "sbc/model/case.hpp"

#include <fmt/format.h>

#include "base/strings.hpp"

namespace sbc {

const Value* Value::find(std::string_view key) const {
  for (const auto& [name, value] : fields)
    if (name == key) return &value;
  return nullptr;
}

std::string render_value(const Value& v) {
  switch (v.kind) {
    case Value::Kind::none:
      return "none";
    case Value::Kind::boolean:
      return v.flag ? "true" : "false";
    case Value::Kind::money:
      return plain(v.money);
    case Value::Kind::rate:
      return format_rate(v.rate);
    case Value::Kind::date:
      return format(v.date);
    case Value::Kind::integer:
      return std::to_string(v.number);
    case Value::Kind::text:
    case Value::Kind::enumeration:
      return v.text;
    case Value::Kind::list: {
      std::string out = "[";
      for (const Value& item : v.items) out += (out.size() > 1 ? ", " : "") + render_value(item);
      return out + "]";
    }
    case Value::Kind::record: {
      std::string out = "{";
      for (const auto& [k, item] : v.fields)
        out += (out.size() > 1 ? ", " : "") + k + ": " + render_value(item);
      return out + "}";
    }
  }
  return "";
}

std::vector<Diagnostic> Case::errors() const {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : problems)
    if (d.severity == Severity::error) out.push_back(d);
  return out;
}

const Value* Case::fact(std::string_view path) const {
  const Value* v = &root;
  for (const std::string& part : split(path, '.')) {
    v = v->find(part);
    if (v == nullptr) return nullptr;
  }
  return v;
}

}  // namespace sbc
