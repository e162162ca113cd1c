// The kinds of test a pack may use, each checked against the type of the fact it reads, so a pack
// that compares a date with money or names a fact the case format lacks fails when it is loaded.
#include "rules/predicate_loader.hpp"

#include <fmt/format.h>

#include <map>

#include "base/strings.hpp"
#include "rules/pack_map.hpp"

namespace sbc {
namespace {

using Op = Predicate::Op;

const std::map<std::string, Op, std::less<>>& leaf_ops() {
  static const std::map<std::string, Op, std::less<>> ops = {
      {"is", Op::is},
      {"in", Op::in},
      {"at_least", Op::at_least},
      {"more_than", Op::more_than},
      {"at_most", Op::at_most},
      {"less_than", Op::less_than},
      {"contains_any", Op::contains_any},
      {"any_item", Op::any_item},
      {"within_years", Op::within_years},
      {"older_than_years", Op::older_than_years},
      {"newer_than_years", Op::newer_than_years},
      {"at_least_years", Op::at_least_years},
      {"at_least_share_of", Op::at_least_share_of},
      {"year_within", Op::year_within},
      {"items_at_least", Op::items_at_least},
      {"stated_none", Op::stated_none},
      {"given", Op::given}};
  return ops;
}

// How a list of codes reads in messages: Chinese names in zh, codes in en.
Text codes_text(const std::vector<std::string>& codes, const EnumType* e) {
  Text out;
  for (const std::string& c : codes) {
    const EnumValue* v = e ? e->match(c) : nullptr;
    out.zh += (out.zh.empty() ? "" : "、") + (v ? v->zh : c);
    out.en += (out.en.empty() ? "" : ", ") + c;
  }
  return out;
}

class PredicateLoader {
 public:
  explicit PredicateLoader(const std::string& origin) : origin_(origin) {}

  Predicate predicate(const Node& n, const Field& scope, const std::string& path) {
    if (n.kind == Node::Kind::map && (n.find("all") || n.find("any")))
      return combination(n, scope, path);
    static const std::vector<std::string> allowed =
        [] {  // built once: packs have hundreds of tests
          std::vector<std::string> keys = {"fact", "reference", "unstated"};
          for (const auto& [name, op] : leaf_ops()) keys.push_back(name);
          return keys;
        }();
    PackMap m(n, path, origin_, allowed);
    Predicate p;
    p.path = m.text("fact");
    p.keys = split(p.path, '.');
    p.field = find_field(scope, p.path);
    if (p.field == nullptr)
      m.fail(m.required("fact"), fmt::format("案例格式中没有事实“{}”", p.path),
             fmt::format("fact '{}' is not part of the case format", p.path), m.at("fact"));
    std::string op_name = comparison(n, m);
    p.op = leaf_ops().find(op_name)->second;
    operand(p, m, op_name);
    modifiers(p, m);
    p.codes_text = codes_text(p.codes, p.field->enumeration);
    return p;
  }

 private:
  Predicate combination(const Node& n, const Field& scope, const std::string& path) {
    bool all = n.find("all") != nullptr;
    const char* key = all ? "all" : "any";
    PackMap m(n, path, origin_, {key});
    Predicate p;
    p.op = all ? Op::all : Op::any;
    const auto& children = m.list(key);
    for (size_t i = 0; i < children.size(); ++i)
      p.children.push_back(predicate(children[i], scope, fmt::format("{}.{}[{}]", path, key, i)));
    if (p.children.empty()) m.fail(n, "组合条件不能为空", "a combination needs at least one test");
    return p;
  }

  // The one comparison key of a leaf (is, in, at_least, …).
  static std::string comparison(const Node& n, const PackMap& m) {
    std::string name;
    for (const auto& [op, unused] : leaf_ops()) {
      if (!m.optional(op)) continue;
      if (!name.empty()) m.fail(n, "一个测试只能有一种比较", "a test takes exactly one comparison");
      name = op;
    }
    if (name.empty())
      m.fail(n, "缺少比较（is、in、at_least …）", "missing a comparison (is, in, at_least, …)");
    return name;
  }

  // The comparison's operand, read as the fact's type requires.
  void operand(Predicate& p, const PackMap& m, const std::string& op_name) {
    const Node& operand = m.required(op_name);
    std::string at = m.at(op_name);
    const Field& f = *p.field;
    auto need = [&](bool ok, const char* zh, const char* en) {
      if (!ok)
        m.fail(operand, fmt::format("“{}”{}", p.path, zh), fmt::format("'{}' {}", p.path, en), at);
    };
    switch (p.op) {
      case Op::is:
        need(f.type == Type::boolean, "不是布尔事实", "is not a true/false fact");
        p.operand = typed(operand, f, at);
        break;
      case Op::in:
        in_operand(p, m, operand, at, need);
        break;
      case Op::contains_any:
        need(f.type == Type::list && f.item().type == Type::enumeration, "不是可选值列表",
             "is not a list of enumeration values");
        p.codes = m.codes(operand, *f.enumeration, at);
        break;
      case Op::at_least:
      case Op::more_than:
      case Op::at_most:
      case Op::less_than:
        need(f.type == Type::money || f.type == Type::integer || f.type == Type::date ||
                 (f.type == Type::enumeration && f.enumeration->ordered),
             "不能比较大小",
             "cannot be compared (money, whole number, date or ranked values only)");
        p.operand = typed(operand, f, at);
        break;
      case Op::any_item:
        need(f.type == Type::list && f.item().type == Type::record, "不是记录列表",
             "is not a list of records");
        p.children.push_back(predicate(operand, f.item(), at));
        break;
      case Op::within_years:
      case Op::older_than_years:
      case Op::newer_than_years:
      case Op::at_least_years:
      case Op::year_within:
      case Op::items_at_least:
        count_operand(p, m, operand, op_name, need);
        break;
      case Op::at_least_share_of:
        need(f.type == Type::money, "不是金额事实", "is not a money fact");
        share_operand(p, operand, at);
        break;
      case Op::stated_none:
      case Op::given:
        true_operand(p, m, operand, op_name, need);
        break;
      case Op::all:
      case Op::any:
        break;
    }
  }

  // at_least_share_of: {fact: MONEY_FACT, share: RATE}.
  void share_operand(Predicate& p, const Node& operand, const std::string& at) {
    PackMap share(operand, at, origin_, {"fact", "share"});
    other_fact(p, share, "fact", Type::money);
    p.share = share.rate("share");
  }
  // stated_none and given take true only; stated_none a fact that may be stated as none.
  template <typename Need>
  void true_operand(Predicate& p, const PackMap& m, const Node& operand, const std::string& op_name,
                    Need& need) {
    if (p.op == Op::stated_none) {
      need(p.field->none_allowed, "不能写作 none/never", "cannot be stated as none/never");
      need(m.scalar(operand, op_name) == "true", "stated_none 只能为 true",
           "stated_none takes true only");
      return;
    }
    need(m.scalar(operand, op_name) == "true", "given 只能为 true", "given takes true only");
  }
  template <typename Need>
  void in_operand(Predicate& p, const PackMap& m, const Node& operand, const std::string& at,
                  Need& need) {
    const Field& f = *p.field;
    need(f.type == Type::enumeration || f.type == Type::integer, "不是可选值或整数事实",
         "is not an enumeration or a whole number");
    if (f.type == Type::enumeration) {
      p.codes = m.codes(operand, *f.enumeration, at);
      return;
    }
    need(operand.kind == Node::Kind::sequence && !operand.children.empty(), "需要非空列表",
         "needs a non-empty list");
    for (const Node& c : operand.children) p.codes.push_back(render_value(typed(c, f, at)));
  }

  // Years or items: a whole number from 0 to 99, of a date, a year or a list.
  template <typename Need>
  void count_operand(Predicate& p, const PackMap& m, const Node& operand,
                     const std::string& op_name, Need& need) {
    const Field& f = *p.field;
    if (p.op == Op::year_within)
      need(f.type == Type::integer, "不是年份（整数）", "is not a year (whole number)");
    else if (p.op == Op::items_at_least)
      need(f.type == Type::list, "不是列表", "is not a list");
    else
      need(f.type == Type::date, "不是日期", "is not a date");
    std::string s = m.scalar(operand, op_name);
    need(!s.empty() && s.size() < 3 && s.find_first_not_of("0123456789") == std::string::npos,
         "的参数应为 0–99 的整数", "needs a whole number from 0 to 99");
    p.n = std::stoi(s);
  }

  // What may follow a comparison: the date the years count from, and how a missing fact counts.
  void modifiers(Predicate& p, const PackMap& m) {
    if (m.optional("reference")) {
      bool dated = p.op == Op::within_years || p.op == Op::older_than_years ||
                   p.op == Op::newer_than_years || p.op == Op::at_least_years;
      if (!dated)
        m.fail(m.required("reference"),
               "reference 只用于 within_years、older_than_years、newer_than_years、at_least_years",
               "reference goes with within_years, older_than_years, newer_than_years or "
               "at_least_years only",
               m.at("reference"));
      other_fact(p, m, "reference", Type::date);
    }
    if (m.optional("unstated")) {
      if (m.text("unstated") != "fail")
        m.fail(m.required("unstated"), "unstated 只能为 fail", "unstated takes fail only",
               m.at("unstated"));
      p.unstated_fails = true;
    }
  }

  // The other fact of a test (`reference:` or the `fact:` of at_least_share_of): a path from the
  // case root, of the type the test compares.
  void other_fact(Predicate& p, const PackMap& m, std::string_view key, Type type) {
    p.other = m.text(key);
    p.other_keys = split(p.other, '.');
    p.other_field = find_field(case_schema(), p.other);
    if (p.other_field == nullptr || p.other_field->type != type)
      m.fail(
          m.required(key),
          fmt::format("“{}”不是案例格式中的{}事实", p.other, type == Type::date ? "日期" : "金额"),
          fmt::format("'{}' is not a {} fact of the case format", p.other,
                      type == Type::date ? "date" : "money"),
          m.at(key));
  }

  Value typed(const Node& n, const Field& f, const std::string& at) {
    if (n.kind != Node::Kind::scalar)
      throw InputError(Diagnostic{
          Severity::error, origin_, n.mark, at, {"应为单个值", "expected a single value"}});
    Parsed<Value> v = read_scalar(n, f);
    if (!v) throw InputError(Diagnostic{Severity::error, origin_, n.mark, at, v.error});
    return *v.value;
  }

  const std::string& origin_;
};

}  // namespace

Predicate load_predicate(const Node& node, const Field& scope, const std::string& path,
                         const std::string& origin) {
  return PredicateLoader(origin).predicate(node, scope, path);
}

}  // namespace sbc
