// Strict, located access to the maps of a rule pack, shared by the loaders of its sections and of
// its tests (private to rules/).
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "base/spelling.hpp"
#include "sbc/rules/rules.hpp"

namespace sbc {

// Strict access to one map of the pack: unknown keys are errors, with a "did you mean".
class PackMap {
 public:
  PackMap(const Node& node, std::string path, const std::string& origin,
          const std::vector<std::string>& allowed)
      : node_(node), path_(std::move(path)), origin_(origin) {
    if (node.kind != Node::Kind::map) fail(node, "应为键值映射", "expected a map");
    for (size_t i = 0; i < node.map_size(); ++i) {
      const std::string& k = node.key(i).scalar;
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
        std::string guess = closest_spelling(k, allowed);
        std::string hint_zh = guess.empty() ? "" : fmt::format("，是否应为“{}”？", guess);
        std::string hint_en = guess.empty() ? "" : fmt::format("; did you mean '{}'?", guess);
        fail(node.key(i), fmt::format("未知的键“{}”{}", k, hint_zh),
             fmt::format("unknown key '{}'{}", k, hint_en), at(k));
      }
    }
  }

  const Node* optional(std::string_view key) const { return node_.find(key); }
  const Node& required(std::string_view key) const {
    const Node* n = node_.find(key);
    if (n == nullptr)
      fail(node_, fmt::format("缺少必需的键“{}”", key),
           fmt::format("missing required key '{}'", key));
    return *n;
  }
  std::string text(std::string_view key) const { return scalar(required(key), key); }
  std::string text_or(std::string_view key, std::string fallback) const {
    const Node* n = optional(key);
    return n ? scalar(*n, key) : fallback;
  }
  std::string scalar(const Node& n, std::string_view key) const {
    if (n.kind != Node::Kind::scalar) fail(n, "应为单个值", "expected a single value", at(key));
    return n.scalar;
  }
  Date date(std::string_view key) const {
    const Node& n = required(key);
    Parsed<Date> d = parse_date(scalar(n, key));
    if (!d) fail(n, d.error.zh, d.error.en, at(key));
    return *d.value;
  }
  Text bilingual() const { return Text{text("zh"), text("en")}; }
  const std::vector<Node>& list(std::string_view key) const {
    const Node& n = required(key);
    if (n.kind != Node::Kind::sequence) fail(n, "应为列表", "expected a list", at(key));
    return n.children;
  }
  // A money amount, a rate, or a whole number (up to 6 digits, as text), with the error at its key.
  Money money(std::string_view key) const {
    Parsed<Money> amount = parse_money(text(key));
    if (!amount) fail(required(key), amount.error.zh, amount.error.en, at(key));
    return *amount.value;
  }
  Rate rate(std::string_view key) const {
    Parsed<Rate> r = parse_rate(text(key));
    if (!r) fail(required(key), r.error.zh, r.error.en, at(key));
    return *r.value;
  }
  std::string whole_number(std::string_view key) const {
    const Node& n = required(key);
    std::string s = scalar(n, key);
    if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos)
      fail(n, "应为正整数", "expected a whole number", at(key));
    return s;
  }
  // The codes of a non-empty list of values of `e` (its codes, Chinese names or aliases).
  std::vector<std::string> codes(const Node& n, const EnumType& e, const std::string& where) const {
    if (n.kind != Node::Kind::sequence || n.children.empty())
      fail(n, "应为非空的代码列表", "expected a non-empty list of codes", where);
    std::vector<std::string> out;
    for (const Node& c : n.children) {
      const EnumValue* v = c.kind == Node::Kind::scalar ? e.match(c.scalar) : nullptr;
      if (v == nullptr)
        fail(c, fmt::format("不是可选值之一：{}", e.describe()),
             fmt::format("not one of: {}", e.describe()), where);
      out.push_back(v->code);
    }
    return out;
  }
  std::string at(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  const std::string& path() const { return path_; }
  const std::string& origin() const { return origin_; }

  [[noreturn]] void fail(const Node& where, std::string zh, std::string en,
                         std::string path = "") const {
    throw InputError(Diagnostic{Severity::error, origin_, where.mark, path.empty() ? path_ : path,
                                Text{std::move(zh), std::move(en)}});
  }

 private:
  const Node& node_;
  std::string path_;
  const std::string& origin_;
};

}  // namespace sbc
