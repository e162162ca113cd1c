#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "base/spelling.hpp"
#include "sbc/rules/rules.hpp"

namespace sbc {
namespace {

const BuiltinPack* builtin(std::string_view id) {
  for (const BuiltinPack& b : builtin_packs())
    if (b.id == id) return &b;
  return nullptr;
}

std::vector<std::string> builtin_ids() {
  std::vector<std::string> ids;
  for (const BuiltinPack& b : builtin_packs()) ids.emplace_back(b.id);
  return ids;
}

}  // namespace

const std::vector<std::string>& compensation_rule_ids() {
  static const std::vector<std::string> ids = {"scope.insurance_type",
                                               "scope.window",
                                               "scope.sale_in_window",
                                               "pay.first_installment",
                                               "sale.date",
                                               "sale.group",
                                               "other.no_surrender",
                                               "other.contract_matches_policy",
                                               "amount.formula",
                                               "amount.limit_multiple",
                                               "amount.enterprise_cap",
                                               "amount.paid_premium",
                                               "amount.one_year"};
  return ids;
}

bool Compensation::cites(std::string_view id) const {
  return std::any_of(rules.begin(), rules.end(), [&](const Citation& c) { return c.id == id; });
}

const Citation& Compensation::rule(std::string_view id) const {
  for (const Citation& c : rules)
    if (c.id == id) return c;
  throw std::logic_error("uncited compensation rule " + std::string(id));  // the loader prevents it
}

std::optional<Text> RulePack::validity_warning(std::optional<Date> judged_at) const {
  if (!judged_at || covers(*judged_at)) return std::nullopt;
  return Text{fmt::format("日期 {} 不在规则包 {} 的有效期 {} 至 {} 内；仍按其条件判断",
                          format(*judged_at), id, format(effective_from), format(effective_to)),
              fmt::format("{} lies outside the effective period of {} ({} to {}); judged by its "
                          "conditions all the same",
                          format(*judged_at), id, format(effective_from), format(effective_to))};
}

std::optional<Text> RulePack::unusable_for(bool subsidy) const {
  if (subsidy && !subsidises())
    return Text{fmt::format("规则包 {} 没有保险补偿或奖补规则", id),
                fmt::format("rule pack {} has no compensation or award rules", id)};
  if (!subsidy && !recognises())
    return Text{
        fmt::format("规则包 {} 没有认定条件（仅有奖补），请用 sbc-subsidy", id),
        fmt::format("rule pack {} has no recognition rules (awards only); use sbc-subsidy", id)};
  return std::nullopt;
}

const RulePack& RuleLibrary::get(const std::string& id_or_path) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = loaded_.find(id_or_path); it != loaded_.end()) return *it->second;
  RulePack pack;
  if (const BuiltinPack* b = builtin(id_or_path)) {
    pack = load_pack(decode(b->tree), std::string(b->text), "built-in:" + id_or_path, b->sha256,
                     parts_);
    pack.origin = "built-in";
  } else {
    std::ifstream in(id_or_path, std::ios::binary);
    if (!in) {
      std::string guess = closest_spelling(id_or_path, builtin_ids());
      std::string ids = fmt::format("{}", fmt::join(builtin_ids(), ", "));
      throw InputError(
          Diagnostic{Severity::error,
                     id_or_path,
                     {},
                     "",
                     {fmt::format("既不是内置规则包（{}），也不是可读的文件{}", ids,
                                  guess.empty() ? "" : "；是否应为 " + guess + "？"),
                      fmt::format("neither a built-in rule pack ({}) nor a readable file{}", ids,
                                  guess.empty() ? "" : "; did you mean " + guess + "?")}});
    }
    pack = load_pack(read_pack_text(in, id_or_path, limits_), id_or_path);
  }
  auto owned = std::make_unique<RulePack>(std::move(pack));
  const RulePack& ref = *owned;
  loaded_.emplace(id_or_path, std::move(owned));
  return ref;
}

const RulePack& RuleLibrary::for_case(const Case& c, std::optional<Date> as_of) {
  if (const Value* named = c.fact("rules")) return get(named->text);
  const Value* province = c.fact("applicant.registered_province");
  const Value* city = c.fact("applicant.registered_city");
  const Value* applied = c.fact("application.date");
  std::optional<Date> when = as_of;
  if (!when && applied && applied->kind == Value::Kind::date) when = applied->date;
  if (province && when) {
    // A city's own programme first (深圳), then the province's.
    const BuiltinPack* provincial = nullptr;
    for (const BuiltinPack& b : builtin_packs()) {
      if (b.jurisdiction != province->text || when->days < b.effective_from ||
          b.effective_to < when->days)
        continue;
      if (b.city.empty())
        provincial = provincial ? provincial : &b;
      else if (city && b.city == city->text)
        return get(std::string(b.id));
    }
    if (provincial) return get(std::string(provincial->id));
  }
  throw InputError(Diagnostic{Severity::error,
                              c.file,
                              c.mark,
                              "rules",
                              {"无法确定规则包：没有内置规则包覆盖该案例的省份与申请日期；请用 "
                               "--rules 指定（--list-rules 列出可选）",
                               "cannot choose a rule pack: no built-in pack covers the case's "
                               "province and application date; "
                               "name one with --rules (--list-rules lists them)"}});
}

std::vector<const RulePack*> RuleLibrary::builtins() {
  std::vector<const RulePack*> out;
  for (const BuiltinPack& b : builtin_packs()) out.push_back(&get(std::string(b.id)));
  return out;
}

}  // namespace sbc
