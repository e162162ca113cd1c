// A case's facts back to YAML, for the interview's file: yaml-cpp's emitter, in the case format's
// key order, each value as the reader reads it back (money 1200000.00, dates YYYY-MM-DD, codes).
#include <yaml-cpp/yaml.h>

#include "sbc/model/case.hpp"

namespace sbc {
namespace {

bool only_scalars(const Field& record) {
  for (const Field& f : record.fields)
    if (f.type == Type::record || f.type == Type::list) return false;
  return true;
}

// How a stated none is written for this field: never for a date, none for the rest.
std::string scalar_text(const Value& v, const Field& f) {
  if (v.kind == Value::Kind::none) return f.type == Type::date ? "never" : "none";
  return render_value(v);
}

void emit(YAML::Emitter& out, const Value& v, const Field& f);

void emit_record(YAML::Emitter& out, const Value& v, const Field& f, bool flow) {
  if (flow) out << YAML::Flow;
  out << YAML::BeginMap;
  for (const Field& child : f.fields) {  // the format's order, whatever the file's was
    const Value* value = v.find(child.key);
    if (value == nullptr) continue;
    // A flag that is false unless set reads back the same when it is left out.
    if (child.defaults_false && value->kind == Value::Kind::boolean && !value->flag) continue;
    if (child.type == Type::record && value->fields.empty()) continue;
    out << YAML::Key << child.key << YAML::Value;
    emit(out, *value, child);
  }
  out << YAML::EndMap;
}

void emit(YAML::Emitter& out, const Value& v, const Field& f) {
  switch (f.type) {
    case Type::record:
      emit_record(out, v, f, false);
      return;
    case Type::list: {
      const Field& item = f.item();
      bool records = item.type == Type::record;
      if (!records || v.items.empty()) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const Value& i : v.items) {
        if (records)
          emit_record(out, i, item, only_scalars(item));
        else
          out << scalar_text(i, item);
      }
      out << YAML::EndSeq;
      return;
    }
    default:
      out << scalar_text(v, f);
  }
}

}  // namespace

std::string write_case_yaml(const Value& root) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit_record(out, root, case_schema(), false);
  return std::string(out.c_str()) + "\n";
}

}  // namespace sbc
