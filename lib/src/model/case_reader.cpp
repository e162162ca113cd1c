// Types a YAML document against the case format. Every problem is collected (not just the first)
// so that sbc-validate can report a whole file at once; the other tools stop at errors.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "base/spelling.hpp"
#include "base/strings.hpp"
#include "model/plain_case.hpp"
#include "sbc/model/case.hpp"

namespace sbc {
namespace {

std::string shown(std::string_view s) {
  constexpr size_t kMax = 40;
  // fmt, not "\"" + s: GCC 12 warns falsely (-Wrestrict, PR 105329) on const char* + string.
  if (s.size() <= kMax) return fmt::format("\"{}\"", s);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8
  return fmt::format("\"{}…\"", s.substr(0, cut));
}

Text expected(const Field& f, std::string_view found) {
  switch (f.type) {
    case Type::boolean:
      return {
          fmt::format("应为 true 或 false（也接受 yes/no/是/否），实际为 {}", shown(found)),
          fmt::format("expected true or false (yes/no/是/否 accepted), found {}", shown(found))};
    case Type::integer:
      return {fmt::format("应为非负整数，实际为 {}", shown(found)),
              fmt::format("expected a whole number, found {}", shown(found))};
    case Type::enumeration:
      return {fmt::format("{} 不是可选值之一：{}", shown(found), f.enumeration->describe()),
              fmt::format("{} is not one of: {}", shown(found), f.enumeration->describe())};
    default:
      return {fmt::format("无法识别 {}", shown(found)),
              fmt::format("cannot read {}", shown(found))};
  }
}

// Adds what was found to a parser's reason, so the message names both.
Text with_found(Text why, std::string_view found) {
  return {fmt::format("{}（实际为 {}）", why.zh, shown(found)),
          fmt::format("{} (found {})", why.en, shown(found))};
}

const char* type_name(Type t, Lang lang) {
  bool zh = lang == Lang::zh;
  switch (t) {
    case Type::text:
      return zh ? "文字" : "text";
    case Type::money:
      return zh ? "金额" : "money";
    case Type::rate:
      return zh ? "费率" : "a rate";
    case Type::date:
      return zh ? "日期" : "a date";
    case Type::boolean:
      return zh ? "true/false" : "true or false";
    case Type::integer:
      return zh ? "整数" : "a whole number";
    case Type::enumeration:
      return zh ? "可选值" : "one of the listed values";
    case Type::list:
      return zh ? "列表" : "a list";
    case Type::record:
      return zh ? "键值映射" : "a map of keys";
  }
  return "";
}

const char* node_name(Node::Kind k, Lang lang) {
  bool zh = lang == Lang::zh;
  switch (k) {
    case Node::Kind::null:
      return zh ? "空值" : "nothing";
    case Node::Kind::scalar:
      return zh ? "单个值" : "a single value";
    case Node::Kind::sequence:
      return zh ? "列表" : "a list";
    case Node::Kind::map:
      return zh ? "键值映射" : "a map";
  }
  return "";
}

// Where a value sits, as a chain up to the root; spelt out ("software.patents[0].kind") only
// when a message needs it, so a clean case costs no path strings.
struct KeyPath {
  const KeyPath* parent = nullptr;
  std::string_view key;  // a map key, or empty for a list item
  int index = -1;        // a list item's position

  std::string str() const {
    std::string head = parent ? parent->str() : "";
    if (index >= 0) return fmt::format("{}[{}]", head, index);
    return head.empty() ? std::string(key) : head + "." + std::string(key);
  }
};

class CaseReader {
 public:
  CaseReader(const std::string& file, const ReadOptions& options, Case& out)
      : file_(file), options_(options), out_(out) {}

  // Converts `n` as `f`; returns false when nothing usable came out (the fact stays absent).
  bool convert(const Node& n, const Field& f, const KeyPath& path, Value& v) {
    v.mark = n.mark;
    // A section left empty (a template's `applicant:` whose facts are all still commented out)
    // holds no fact to warn about; an empty fact may be a slip.
    if (n.kind == Node::Kind::null && f.type == Type::record) return false;
    if (n.kind == Node::Kind::null) {
      report(Severity::warning, n.mark, path,
             {"值为空，视为未提供（如要表示“无”，请写 [] 或 none）",
              "empty value, taken as not given (to state none, write [] or none)"});
      return false;
    }
    switch (f.type) {
      case Type::record:
        return convert_record(n, f, path, v);
      case Type::list:
        return convert_list(n, f, path, v);
      default:
        break;
    }
    if (n.kind != Node::Kind::scalar) return wrong_shape(n, f, path);
    if (std::optional<Text> why = read_scalar_into(n.scalar, n.mark, f, v)) {
      report(Severity::error, n.mark, path, std::move(*why));
      return false;
    }
    return true;
  }

 private:
  bool convert_record(const Node& n, const Field& f, const KeyPath& path, Value& v) {
    if (n.kind != Node::Kind::map) return wrong_shape(n, f, path);
    v.kind = Value::Kind::record;
    v.fields.reserve(n.map_size() + 2);  // its keys, and room for a default or two
    for (size_t i = 0; i < n.map_size(); ++i) {
      const Node& key = n.key(i);
      KeyPath child_path{&path, key.scalar};
      const Field* child = f.child(key.scalar);
      if (child == nullptr) {
        unknown_key(key, f, child_path);
        continue;
      }
      if (size_t split = number_split_by_commas(n, i, *child)) {
        comma_trap(n, i, split, child_path);
        i += split;
        continue;
      }
      // Read in place (the reserve above keeps the entry where it is); dropped if nothing came out.
      Entry& entry = v.fields.emplace_back();
      entry.key = child->key;
      if (!convert(n.value(i), *child, child_path, entry.value)) v.fields.pop_back();
    }
    add_false_defaults(f, v);
    return true;
  }

  // In a flow mapping, `{rd_spend: 1,200,000}` is three keys to YAML: rd_spend: 1, then 200 and
  // 000 with no value. How many such digit keys follow entry `i` of `map` (0 when it is no trap).
  static size_t number_split_by_commas(const Node& map, size_t i, const Field& f) {
    auto digits = [](const Node& x, bool decimals) {
      if (x.kind != Node::Kind::scalar || !x.plain || x.scalar.empty()) return false;
      size_t dot = decimals ? x.scalar.find('.') : std::string::npos;
      std::string_view whole = std::string_view(x.scalar).substr(0, dot);
      std::string_view fraction =
          dot == std::string::npos ? "" : std::string_view(x.scalar).substr(dot + 1);
      auto all_digits = [](std::string_view t) {
        return t.find_first_not_of("0123456789") == std::string_view::npos;
      };
      return !whole.empty() && all_digits(whole) && all_digits(fraction);
    };
    if ((f.type != Type::money && f.type != Type::integer) || !digits(map.value(i), false))
      return 0;
    size_t n = 0;
    while (i + n + 1 < map.map_size() && digits(map.key(i + n + 1), true) &&
           map.value(i + n + 1).kind == Node::Kind::null)
      ++n;
    return n;
  }

  void comma_trap(const Node& map, size_t i, size_t split, const KeyPath& path) {
    std::string written = map.value(i).scalar, keys_zh, keys_en;
    for (size_t k = 1; k <= split; ++k) {
      written += "," + map.key(i + k).scalar;
      keys_zh += (k > 1 ? "、" : "") + map.key(i + k).scalar;
      keys_en += (k > 1 ? ", " : "") + map.key(i + k).scalar;
    }
    std::string_view key = path.key;
    std::string plain = written;
    plain.erase(std::remove(plain.begin(), plain.end(), ','), plain.end());
    report(
        Severity::error, map.value(i).mark, path,
        {fmt::format("{} 在 {{…}} 中被 YAML 读作 {} 和没有值的键 {}：请加引号（{}: "
                     "\"{}\"）或去掉逗号（{}: {}）",
                     written, map.value(i).scalar, keys_zh, key, written, key, plain),
         fmt::format(
             "{} inside {{…}} reads in YAML as {} and the keys {} with no value: quote the number "
             "({}: \"{}\") or drop the commas ({}: {})",
             written, map.value(i).scalar, keys_en, key, written, key, plain)});
  }

  bool convert_list(const Node& n, const Field& f, const KeyPath& path, Value& v) {
    v.kind = Value::Kind::list;
    if (n.kind == Node::Kind::scalar && is_none_word(n.scalar)) return true;  // stated: none
    if (n.kind != Node::Kind::sequence) return wrong_shape(n, f, path);
    v.items.reserve(n.children.size());
    for (size_t i = 0; i < n.children.size(); ++i) {
      Value& item = v.items.emplace_back();
      if (!convert(n.children[i], f.item(), KeyPath{&path, {}, static_cast<int>(i)}, item))
        v.items.pop_back();
    }
    return true;
  }

  bool wrong_shape(const Node& n, const Field& f, const KeyPath& path) {
    report(
        Severity::error, n.mark, path,
        {fmt::format("应为{}，实际为{}", type_name(f.type, Lang::zh), node_name(n.kind, Lang::zh)),
         fmt::format("expected {}, found {}", type_name(f.type, Lang::en),
                     node_name(n.kind, Lang::en))});
    return false;
  }

  void unknown_key(const Node& key, const Field& parent, const KeyPath& path) {
    std::vector<std::string> names;
    for (const Field& c : parent.fields) names.push_back(c.key);
    std::string guess = closest_spelling(key.scalar, names);
    Text message{fmt::format("未知的键“{}”", key.scalar),
                 fmt::format("unknown key '{}'", key.scalar)};
    if (!guess.empty()) {
      message.zh += fmt::format("，是否应为“{}”？", guess);
      message.en += fmt::format("; did you mean '{}'?", guess);
    }
    report(options_.unknown_keys, key.mark, path, std::move(message));
  }

  void report(Severity s, Mark m, const KeyPath& path, Text message) {
    out_.problems.push_back(Diagnostic{s, file_, m, path.str(), std::move(message)});
  }

  const std::string& file_;
  const ReadOptions& options_;
  Case& out_;
};

bool is_true_word(std::string_view s) {
  return s == "true" || s == "True" || s == "TRUE" || s == "yes" || s == "Yes" || s == "是";
}
bool is_false_word(std::string_view s) {
  return s == "false" || s == "False" || s == "FALSE" || s == "no" || s == "No" || s == "否";
}

}  // namespace

bool is_none_word(std::string_view s) {
  return s == "none" || s == "never" || s == "无" || s == "从未";
}

void add_false_defaults(const Field& f, Value& record) {
  for (const Field& child : f.fields) {
    if (child.defaults_false && record.find(child.key) == nullptr) {
      Value no;
      no.kind = Value::Kind::boolean;
      record.fields.push_back({child.key, std::move(no)});
    }
  }
}

std::vector<std::string_view> line_items(std::string_view text) {
  std::vector<std::string_view> items;
  size_t start = 0;
  auto cut = [&](size_t end) {
    if (std::string_view item = trim(text.substr(start, end - start)); !item.empty())
      items.push_back(item);
  };
  for (size_t at = 0; at < text.size();) {
    size_t width = text[at] == ',' || text[at] == ';' ? 1 : 0;
    if (text[at] == '\xE3' || text[at] == '\xEF')  // the lead byte of 、 and of ；，
      for (std::string_view sep : {"、", "；", "，"})
        if (text.compare(at, sep.size(), sep) == 0) width = sep.size();
    if (width == 0) {
      ++at;
      continue;
    }
    cut(at);
    start = at += width;
  }
  cut(text.size());
  return items;
}

Node typed_line_node(const std::string& text, const Field& f, Mark mark) {
  Node n;
  n.kind = Node::Kind::scalar;
  n.scalar = text;
  n.mark = mark;
  if (f.type != Type::list || is_none_word(text)) return n;
  Node list;
  list.kind = Node::Kind::sequence;
  list.mark = mark;
  if (text == "[]") return list;
  for (std::string_view item : line_items(text)) {
    n.scalar = std::string(item);
    list.children.push_back(n);
  }
  return list;
}

std::optional<Text> read_scalar_into(std::string_view s, Mark mark, const Field& field, Value& v) {
  v.mark = mark;
  switch (field.type) {
    case Type::text:
      if (field.none_allowed && is_none_word(s)) return std::nullopt;  // stated none
      v.kind = Value::Kind::text;
      v.text.assign(s);
      return std::nullopt;
    case Type::money: {
      Parsed<Money> m = parse_money(s);
      if (!m) return with_found(m.error, s);
      v.kind = Value::Kind::money;
      v.money = *m.value;
      return std::nullopt;
    }
    case Type::rate: {
      Parsed<Rate> r = parse_rate(s);
      if (!r) return with_found(r.error, s);
      v.kind = Value::Kind::rate;
      v.rate = *r.value;
      return std::nullopt;
    }
    case Type::date: {
      if (field.none_allowed && is_none_word(s)) return std::nullopt;  // none
      Parsed<Date> d = parse_date(s);
      if (!d) return with_found(d.error, s);
      v.kind = Value::Kind::date;
      v.date = *d.value;
      return std::nullopt;
    }
    case Type::boolean:
      if (!is_true_word(s) && !is_false_word(s)) return expected(field, s);
      v.kind = Value::Kind::boolean;
      v.flag = is_true_word(s);
      return std::nullopt;
    case Type::integer: {
      bool digits = !s.empty() && s.size() <= 9 &&
                    s.find_first_not_of("0123456789") == std::string::npos &&
                    (s.size() == 1 || s[0] != '0');
      if (!digits) return expected(field, s);
      v.kind = Value::Kind::integer;
      std::from_chars(s.data(), s.data() + s.size(), v.number);  // nine digits at most
      return std::nullopt;
    }
    case Type::enumeration: {
      const EnumValue* e = field.enumeration->match(s);
      if (e == nullptr && !field.enumeration->open) return expected(field, s);
      v.kind = Value::Kind::enumeration;
      v.text.assign(e ? std::string_view(e->code) : s);
      return std::nullopt;
    }
    case Type::list:
    case Type::record:
      break;
  }
  return expected(field, s);
}

Parsed<Value> read_scalar(const Node& node, const Field& field) {
  Value v;
  if (std::optional<Text> why = read_scalar_into(node.scalar, node.mark, field, v))
    return Parsed<Value>::fail(std::move(*why));
  return Parsed<Value>::ok(std::move(v));
}

namespace {

// A case read straight from a plain document's events, for the documents with nothing to report:
// where CaseReader would report anything (an unknown or duplicate key, a value of the wrong
// shape, one it cannot read), this gives up and the document goes through CaseReader. A batch's
// documents nearly all come this way, without a tree built, walked and freed for each.
class PlainCaseReader : public DocumentEvents {
 public:
  explicit PlainCaseReader(Case& out) : out_(out) {}

  bool begin(Node::Kind kind, Mark mark) override {
    if (frames_.empty()) {  // the document: a map of the case format
      if (kind != Node::Kind::map) return false;
      out_.mark = mark;
      return open(out_.root, case_schema(), kind, mark);
    }
    const Field* field = nullptr;
    Value* v = next(field);
    return v != nullptr && open(*v, *field, kind, mark);
  }

  bool end() override {
    Frame& f = frames_.back();
    if (f.value->kind == Value::Kind::record) add_false_defaults(*f.field, *f.value);
    frames_.pop_back();
    return true;
  }

  bool scalar(Mark mark, const std::string& text) override {
    if (frames_.empty()) return false;  // a document that is a single value
    Frame& f = frames_.back();
    if (f.value->kind == Value::Kind::record && f.key == nullptr) {  // a key
      const Field* child = f.field->child(text);
      if (child == nullptr || f.value->find(text) != nullptr) return false;
      f.value->fields.emplace_back().key = child->key;
      f.key = child;
      return true;
    }
    const Field* field = nullptr;
    Value* v = next(field);
    if (v == nullptr) return false;
    if (field->type == Type::record) return false;
    if (field->type == Type::list) {  // only "none" stands for a list
      v->mark = mark;
      v->kind = Value::Kind::list;
      return is_none_word(text);
    }
    return !read_scalar_into(text, mark, *field, *v);
  }

 private:
  struct Frame {
    Value* value;  // in its parent's fields or items, which do not grow while it is open
    const Field* field;
    const Field* key = nullptr;  // a map's key read, its value not yet
  };

  // The value the next node of the innermost map or list fills, and its field.
  Value* next(const Field*& field) {
    Frame& f = frames_.back();
    if (f.value->kind == Value::Kind::list) {
      field = &f.field->item();
      return &f.value->items.emplace_back();
    }
    if (f.key == nullptr) return nullptr;  // a map or list as a key
    field = f.key;
    f.key = nullptr;
    return &f.value->fields.back().value;
  }

  bool open(Value& v, const Field& field, Node::Kind kind, Mark mark) {
    bool map = kind == Node::Kind::map;
    if (field.type != (map ? Type::record : Type::list)) return false;
    v.mark = mark;
    v.kind = map ? Value::Kind::record : Value::Kind::list;
    // Room for every key the format has: the map can hold no other (an unknown key gives up), and
    // its entries never move.
    if (map) v.fields.reserve(field.fields.size());
    frames_.push_back({&v, &field});
    return true;
  }

  Case& out_;
  std::vector<Frame> frames_;
};

}  // namespace

bool read_plain_case(std::string_view text, int first_line, const ReadOptions& options, Case& out) {
  PlainCaseReader reader(out);
  return read_plain_document(text, first_line, options.limits, reader);
}

Case read_case(const Document& doc, const std::string& file, const ReadOptions& options) {
  Case c;
  c.file = file;
  c.index = doc.index;
  c.mark = doc.root.mark;
  c.problems = doc.problems;
  CaseReader reader(file, options, c);
  if (doc.root.kind != Node::Kind::map) {
    c.problems.push_back(Diagnostic{Severity::error,
                                    file,
                                    doc.root.mark,
                                    "",
                                    {"案例应为一个键值映射（applicant:、software: …）",
                                     "a case must be a map of keys (applicant:, software:, …)"}});
    return c;
  }
  reader.convert(doc.root, case_schema(), KeyPath{}, c.root);
  cap_problems(c.problems);
  return c;
}

}  // namespace sbc
