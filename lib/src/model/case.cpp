#include "sbc/model/case.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "base/strings.hpp"

namespace sbc {

const Value* Value::find(std::string_view key) const {
  for (const auto& [name, value] : fields)
    if (name == key) return &value;
  return nullptr;
}

namespace {

// render_value, appended to `out`: a list or record's items go straight into the one string.
void append_value(std::string& out, const Value& v) {
  switch (v.kind) {
    case Value::Kind::list: {
      out += '[';
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out += ", ";
        append_value(out, v.items[i]);
      }
      out += ']';
      return;
    }
    case Value::Kind::record: {
      out += '{';
      for (size_t i = 0; i < v.fields.size(); ++i) {
        if (i > 0) out += ", ";
        out += v.fields[i].key;
        out += ": ";
        append_value(out, v.fields[i].value);
      }
      out += '}';
      return;
    }
    case Value::Kind::text:
    case Value::Kind::enumeration:
      out += v.text;  // no string of its own on the way
      return;
    default:
      out += render_value(v);
  }
}

}  // namespace

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
    case Value::Kind::list:
    case Value::Kind::record:
      break;
  }
  std::string out;
  append_value(out, v);
  return out;
}

std::vector<Diagnostic> Case::errors() const {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : problems)
    if (d.severity == Severity::error) out.push_back(d);
  return out;
}

const Value* Case::fact(std::string_view path) const {
  const Value* v = &root;
  Parts parts(path, '.');
  for (std::string_view part; v != nullptr && parts.next(part);) v = v->find(part);
  return v;
}

void set_fact(Value& root, std::string_view path, Value v) {
  Value* at = &root;
  const Field* field = &case_schema();
  Parts parts(path, '.');
  for (std::string_view part; parts.next(part);) {
    field = field->child(part);
    if (field == nullptr)  // the code's own paths: a wrong one is the code's mistake
      throw std::invalid_argument("not a fact of the case format: " + std::string(path));
    if (at->kind != Value::Kind::record) {
      *at = Value();
      at->kind = Value::Kind::record;
    }
    auto it = std::find_if(at->fields.begin(), at->fields.end(),
                           [&](const Entry& e) { return e.key == field->key; });
    if (it == at->fields.end()) it = at->fields.insert(at->fields.end(), Entry{field->key, {}});
    at = &it->value;
  }
  *at = std::move(v);
}

void Case::set_fact(std::string_view path, Value v) {
  sbc::set_fact(root, path, std::move(v));
}

const RecordedFact* Case::recorded_fact(std::string_view path) const {
  for (const RecordedFact& r : recorded)
    if (path.substr(0, r.path.size()) == r.path &&
        (path.size() == r.path.size() || path[r.path.size()] == '.'))
      return &r;
  return nullptr;
}

const char* to_string(RecordedFact::Effect e) {
  switch (e) {
    case RecordedFact::Effect::confirmed:
      return "confirmed";
    case RecordedFact::Effect::settled:
      return "settled";
    case RecordedFact::Effect::contradicted:
      return "contradicted";
    case RecordedFact::Effect::unchecked:
      return "unchecked";
  }
  return "";
}

}  // namespace sbc
