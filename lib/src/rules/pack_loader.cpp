// Reads a rule pack strictly: every key known, every fact path part of the case format and of the
// right type for its test, every threshold typed as the fact it is compared with. A pack error is
// reported with the pack's file:line:col, like a case error.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "base/sha256.hpp"
#include "base/spelling.hpp"
#include "base/strings.hpp"
#include "rules/pack_map.hpp"
#include "rules/predicate_loader.hpp"
#include "sbc/rules/rules.hpp"

namespace sbc {
namespace {

class PackLoader {
 public:
  PackLoader(const std::string& origin, PackParts parts) : origin_(origin), parts_(parts) {}

  RulePack load(const Node& root) {
    PackMap m(root, "", origin_,
              {"id", "version", "title", "jurisdiction", "city", "effective", "last_reviewed",
               "source", "recognition", "compensation", "awards"});
    RulePack pack;
    header(m, pack);
    bool recognition_read = parts_ != PackParts::subsidy,
         subsidy_read = parts_ != PackParts::recognition;
    if (m.optional("recognition") && recognition_read)
      pack.recognition =
          recognition(PackMap(m.required("recognition"), "recognition", origin_,
                              {"groups", "required", "paths", "conditions", "warnings"}));
    if (m.optional("compensation") && subsidy_read)
      pack.compensation =
          compensation(PackMap(m.required("compensation"), "compensation", origin_,
                               {"window", "parameters", "rules", "conditions", "materials"}));
    if (m.optional("awards") && subsidy_read) pack.awards = awards(m);
    if (!m.optional("recognition") && !m.optional("compensation") && !m.optional("awards"))
      m.fail(root, "规则包应至少有 recognition、compensation 或 awards 之一",
             "a rule pack needs recognition, compensation or awards");
    return pack;
  }

 private:
  // What the pack is: id, version, title, where and when it applies, its source.
  void header(const PackMap& m, RulePack& pack) {
    pack.id = m.text("id");
    pack.version = std::stoi(m.whole_number("version"));
    pack.title = PackMap(m.required("title"), "title", origin_, {"zh", "en"}).bilingual();
    const Node& jurisdiction = m.required("jurisdiction");
    const Field* province = find_field(case_schema(), "applicant.registered_province");
    const EnumValue* e = province->enumeration->match(m.scalar(jurisdiction, "jurisdiction"));
    if (e == nullptr)
      m.fail(jurisdiction, "不是省份代码（如 shandong）", "not a province code (such as shandong)",
             "jurisdiction");
    pack.jurisdiction = e->code;
    if (const Node* city = m.optional("city")) {
      const EnumValue* c = find_field(case_schema(), "applicant.registered_city")
                               ->enumeration->match(m.scalar(*city, "city"));
      if (c == nullptr)
        m.fail(*city, "不是城市代码（如 shenzhen）", "not a city code (such as shenzhen)", "city");
      pack.city = c->code;
    }
    PackMap effective(m.required("effective"), "effective", origin_, {"from", "to"});
    pack.effective_from = effective.date("from");
    pack.effective_to = effective.date("to");
    if (pack.effective_to < pack.effective_from)
      effective.fail(m.required("effective"), "生效期的截止日早于起始日",
                     "effective period ends before it starts");
    if (m.optional("last_reviewed")) pack.last_reviewed = m.date("last_reviewed");
    PackMap source(m.required("source"), "source", origin_, {"document", "published", "file"});
    pack.source_document = source.text("document");
    pack.source_published = source.text_or("published", "");
    pack.source_file = source.text_or("file", "");
  }

  std::vector<Award> awards(const PackMap& m) {
    std::vector<Award> out;
    const auto& list = m.list("awards");
    for (size_t i = 0; i < list.size(); ++i) {
      out.push_back(award(list[i], fmt::format("awards[{}]", i)));
      for (size_t j = 0; j < i; ++j)
        if (out[j].citation.id == out[i].citation.id)
          m.fail(list[i], fmt::format("奖补编号“{}”重复", out[i].citation.id),
                 fmt::format("duplicate award id '{}'", out[i].citation.id), "awards");
    }
    return out;
  }

  Compensation compensation(const PackMap& m) {
    Compensation c;
    if (m.optional("window")) {
      PackMap w(m.required("window"), m.at("window"), origin_, {"start", "end"});
      c.window = DateRange{w.date("start"), w.date("end")};
      if (c.window->end < c.window->start)
        w.fail(m.required("window"), "截止日早于起始日", "the window ends before it starts");
    }
    c.rules = compensation_rules(m);
    c.parameters = compensation_parameters(m, c);
    const auto& conditions = m.list("conditions");
    for (size_t i = 0; i < conditions.size(); ++i)
      c.conditions.push_back(
          condition(conditions[i], fmt::format("{}[{}]", m.at("conditions"), i)));
    if (m.optional("materials"))
      c.materials = materials(m.required("materials"), m.at("materials"));
    return c;
  }

  // The rules of the engine the programme has, each cited; a rule needs the rules it builds on.
  std::vector<Citation> compensation_rules(const PackMap& m) {
    Compensation c;
    const auto& rules = m.list("rules");
    const auto& known = compensation_rule_ids();
    for (size_t i = 0; i < rules.size(); ++i) {
      c.rules.push_back(citation(rules[i], fmt::format("{}[{}]", m.at("rules"), i), {}));
      const std::string& id = c.rules.back().id;
      if (std::find(known.begin(), known.end(), id) != known.end()) continue;
      std::string guess = closest_spelling(id, known);
      m.fail(rules[i],
             fmt::format("补偿引擎没有规则“{}”{}", id,
                         guess.empty() ? "" : "，是否应为“" + guess + "”？"),
             fmt::format("the subsidy engine has no rule '{}'{}", id,
                         guess.empty() ? "" : "; did you mean '" + guess + "'?"),
             fmt::format("{}[{}].id", m.at("rules"), i));
    }
    auto needs_rule = [&](const char* id, const char* because_zh, const char* because_en) {
      if (!c.cites(id))
        m.fail(m.required("rules"), fmt::format("缺少补偿规则“{}”的条文引用（{}）", id, because_zh),
               fmt::format("rule '{}' of the subsidy engine is not cited ({})", id, because_en),
               m.at("rules"));
    };
    needs_rule("amount.formula", "补助金额的计算", "it computes the amount");
    if (c.cites("scope.sale_in_window"))
      needs_rule("sale.date", "销售日期的认定", "it dates the sales");
    if (c.cites("amount.limit_multiple"))
      needs_rule("scope.sale_in_window", "限额倍数按计入的销售计", "the multiple counts the sales");
    return c.rules;
  }

  // The numbers of the arithmetic: each optional one is given exactly when its rule is cited.
  CompensationParameters compensation_parameters(const PackMap& m, const Compensation& c) {
    CompensationParameters out;
    const Node& params = m.required("parameters");
    PackMap p(params, m.at("parameters"), origin_,
              {"eligible_kinds", "first_installment_share", "sale_invoiced_share", "rate_cap",
               "subsidy_share", "limit_multiple", "enterprise_cap"});
    auto given = [&](const char* key, const char* rule) {
      bool has = p.optional(key) != nullptr;
      if (has && !c.cites(rule))
        p.fail(*p.optional(key), fmt::format("参数“{}”属于规则“{}”，但该规则未被引用", key, rule),
               fmt::format("parameter '{}' belongs to rule '{}', which the pack does not cite", key,
                           rule),
               p.at(key));
      if (!has && c.cites(rule))
        p.fail(params, fmt::format("规则“{}”需要参数“{}”", rule, key),
               fmt::format("rule '{}' needs parameter '{}'", rule, key));
      return has;
    };
    if (given("eligible_kinds", "scope.insurance_type")) {
      const Field& kind = *find_field(case_schema(), "insurance.policies")->item().child("kind");
      p.list("eligible_kinds");
      out.eligible_kinds =
          p.codes(p.required("eligible_kinds"), *kind.enumeration, p.at("eligible_kinds"));
    }
    if (given("first_installment_share", "pay.first_installment"))
      out.first_installment_share = p.rate("first_installment_share");
    if (given("sale_invoiced_share", "sale.date"))
      out.sale_invoiced_share = p.rate("sale_invoiced_share");
    out.rate_cap = p.rate("rate_cap");
    out.subsidy_share = p.rate("subsidy_share");
    if (given("limit_multiple", "amount.limit_multiple"))
      out.limit_multiple = std::stoi(p.whole_number("limit_multiple"));
    if (given("enterprise_cap", "amount.enterprise_cap"))
      out.enterprise_cap = p.money("enterprise_cap");
    return out;
  }

  // The supporting materials: those always required, and those a test of the case requires.
  MaterialsRule materials(const Node& materials, const std::string& path) {
    MaterialsRule out;
    out.citation = citation(materials, path, {"required", "conditional"});
    PackMap mm(materials, path, origin_,
               {"id", "clause", "status", "source", "zh", "en", "required", "conditional"});
    const EnumType& material = *find_field(case_schema(), "materials")->enumeration;
    out.required = mm.codes(mm.required("required"), material, mm.at("required"));
    if (!mm.optional("conditional")) return out;
    const auto& items = mm.list("conditional");
    for (size_t i = 0; i < items.size(); ++i) {
      PackMap cm(items[i], fmt::format("{}[{}]", mm.at("conditional"), i), origin_,
                 {"material", "clause", "zh", "en", "when"});
      ConditionalMaterial item;
      const EnumValue* code = material.match(cm.text("material"));
      if (code == nullptr)
        cm.fail(cm.required("material"), "不是支撑材料代码", "not a material code",
                cm.at("material"));
      item.material = code->code;
      item.clause = cm.text("clause");
      item.text = cm.bilingual();
      item.when = predicate(cm.required("when"), case_schema(), cm.at("when"));
      out.conditional.push_back(std::move(item));
    }
    return out;
  }

  Award award(const Node& n, const std::string& path) {
    Award a;
    a.citation = citation(n, path, {"beneficiary", "base", "tiers", "cap", "conditions"});
    PackMap m(n, path, origin_,
              {"id", "clause", "status", "source", "zh", "en", "beneficiary", "base", "tiers",
               "cap", "conditions"});
    a.beneficiary = m.text("beneficiary");
    if (a.beneficiary != "developer" && a.beneficiary != "user")
      m.fail(m.required("beneficiary"), "应为 developer 或 user", "expected developer or user",
             m.at("beneficiary"));
    a.base = award_base(m);
    a.tiers = award_tiers(m);
    if (m.optional("cap")) a.cap = m.money("cap");
    if (m.optional("conditions")) {
      const auto& conditions = m.list("conditions");
      for (size_t i = 0; i < conditions.size(); ++i)
        a.conditions.push_back(
            condition(conditions[i], fmt::format("{}[{}]", m.at("conditions"), i)));
    }
    return a;
  }

  // An award's base: a money fact, or the sales invoiced within N months of a date fact.
  AwardBase award_base(const PackMap& m) {
    AwardBase out;
    PackMap base(m.required("base"), m.at("base"), origin_, {"fact", "invoiced_from", "months"});
    bool invoiced = base.optional("invoiced_from") != nullptr;
    if (invoiced == (base.optional("fact") != nullptr))
      m.fail(m.required("base"),
             "base 应为 {fact: 金额事实} 或 {invoiced_from: 日期事实, months: N}",
             "base is either {fact: MONEY_FACT} or {invoiced_from: DATE_FACT, months: N}",
             m.at("base"));
    std::string key = invoiced ? "invoiced_from" : "fact";
    out.path = base.text(key);
    out.keys = split(out.path, '.');
    const Field* f = find_field(case_schema(), out.path);
    Type type = invoiced ? Type::date : Type::money;
    if (f == nullptr || f->type != type)
      base.fail(base.required(key),
                fmt::format("“{}”不是案例格式中的{}事实", out.path, invoiced ? "日期" : "金额"),
                fmt::format("'{}' is not a {} fact of the case format", out.path,
                            invoiced ? "date" : "money"),
                base.at(key));
    if (invoiced)
      out.months = std::stoi(base.whole_number("months"));
    else if (base.optional("months"))
      base.fail(*base.optional("months"), "months 只用于 invoiced_from",
                "months goes with invoiced_from only", base.at("months"));

    return out;
  }

  // An award's tiers: each a share of the base up to an amount, the last without a bound.
  std::vector<AwardTier> award_tiers(const PackMap& m) {
    std::vector<AwardTier> out;
    const auto& tiers = m.list("tiers");
    if (tiers.empty())
      m.fail(m.required("tiers"), "至少需要一档", "at least one tier is needed", m.at("tiers"));
    for (size_t i = 0; i < tiers.size(); ++i) {
      PackMap t(tiers[i], fmt::format("{}[{}]", m.at("tiers"), i), origin_, {"up_to", "share"});
      AwardTier tier;
      Parsed<Rate> share = parse_rate(t.text("share"));
      if (!share) t.fail(t.required("share"), share.error.zh, share.error.en, t.at("share"));
      tier.share = *share.value;
      bool last = i + 1 == tiers.size();
      if (t.optional("up_to")) tier.up_to = t.money("up_to");
      if (last == tier.up_to.has_value())
        t.fail(tiers[i], "除最后一档外，每档都需要 up_to；最后一档不要 up_to",
               "every tier but the last needs up_to, and the last has none");
      if (i > 0 && tier.up_to && *tier.up_to <= *out.back().up_to)
        t.fail(tiers[i], "各档 up_to 应递增", "the tiers' up_to must increase", t.at("up_to"));
      out.push_back(tier);
    }
    return out;
  }

  Citation citation(const Node& n, const std::string& path, std::vector<std::string> extra_keys) {
    std::vector<std::string> keys = {"id", "clause", "status", "source", "zh", "en"};
    keys.insert(keys.end(), extra_keys.begin(), extra_keys.end());
    PackMap m(n, path, origin_, keys);
    Citation c{m.text("id"), m.text("clause"), status(m), m.text_or("source", ""), m.bilingual()};
    return c;
  }

  std::string status(const PackMap& m) {
    static const std::set<std::string> statuses = {"confirmed", "carried_over",
                                                   "confirmed_from_repost", "secondary_source"};
    std::string s = m.text("status");
    if (!statuses.count(s))
      m.fail(m.required("status"),
             "应为 confirmed、carried_over、confirmed_from_repost 或 secondary_source",
             "expected confirmed, carried_over, confirmed_from_repost or secondary_source",
             m.at("status"));
    return s;
  }

  Recognition recognition(const PackMap& m) {
    Recognition r;
    std::set<std::string> ids, groups;
    const auto& conditions = m.list("conditions");
    for (size_t i = 0; i < conditions.size(); ++i) {
      Condition c = condition(conditions[i], fmt::format("recognition.conditions[{}]", i));
      if (c.group.empty())
        m.fail(conditions[i], "认定条件缺少 group", "a recognition condition needs a group");
      if (!ids.insert(c.id).second)
        m.fail(conditions[i], fmt::format("条件编号“{}”重复", c.id),
               fmt::format("duplicate condition id '{}'", c.id));
      groups.insert(c.group);
      r.conditions.push_back(std::move(c));
    }
    r.groups = group_names(m, groups);
    for (const Node& n : m.list("required")) {
      r.required.push_back(m.scalar(n, "required"));
      known_group(m, groups, n, r.required.back());
    }
    r.paths = paths(m, groups);
    if (m.optional("warnings")) r.warnings = path_warnings(m, ids, groups);
    return r;
  }

  // A group a path, a requirement or a warning names must have conditions.
  void known_group(const PackMap& m, const std::set<std::string>& groups, const Node& n,
                   const std::string& g) {
    if (!groups.count(g))
      m.fail(n, fmt::format("没有条件属于组“{}”", g),
             fmt::format("no condition is in group '{}'", g));
  }

  // recognition.groups: a name for each group the conditions use, and no other.
  std::map<std::string, Text> group_names(const PackMap& m, const std::set<std::string>& groups) {
    std::map<std::string, Text> out;
    const Node& names = m.required("groups");
    if (names.kind != Node::Kind::map)
      m.fail(names, "应为键值映射", "expected a map", m.at("groups"));
    for (size_t i = 0; i < names.map_size(); ++i) {
      const std::string& g = names.key(i).scalar;
      out[g] = PackMap(names.value(i), m.at("groups." + g), origin_, {"zh", "en"}).bilingual();
      known_group(m, groups, names.key(i), g);
    }
    for (const std::string& g : groups)
      if (!out.count(g))
        m.fail(names, fmt::format("组“{}”缺少名称", g), fmt::format("group '{}' has no name", g),
               m.at("groups"));
    return out;
  }

  // recognition.paths: at least one, each a group met in full (all) or by any one (each).
  std::vector<PathSpec> paths(const PackMap& m, const std::set<std::string>& groups) {
    std::vector<PathSpec> out;
    const auto& paths = m.list("paths");
    for (size_t i = 0; i < paths.size(); ++i) {
      PackMap p(paths[i], fmt::format("recognition.paths[{}]", i), origin_, {"group", "mode"});
      PathSpec spec{p.text("group"), false};
      known_group(m, groups, paths[i], spec.group);
      std::string mode = p.text("mode");
      if (mode != "all" && mode != "each")
        p.fail(p.required("mode"), "应为 all 或 each", "expected all or each", p.at("mode"));
      spec.each = mode == "each";
      out.push_back(spec);
    }
    if (out.empty())
      m.fail(m.required("paths"), "至少需要一条认定途径", "at least one path is needed",
             m.at("paths"));
    return out;
  }

  // recognition.warnings: what to say when a path fails on these conditions.
  std::vector<PathWarning> path_warnings(const PackMap& m, const std::set<std::string>& ids,
                                         const std::set<std::string>& groups) {
    std::vector<PathWarning> out;
    const auto& warnings = m.list("warnings");
    for (size_t i = 0; i < warnings.size(); ++i) {
      PackMap w(warnings[i], fmt::format("recognition.warnings[{}]", i), origin_,
                {"path_group", "failed", "zh", "en"});
      PathWarning pw{w.text("path_group"), {}, w.bilingual()};
      known_group(m, groups, warnings[i], pw.group);
      for (const Node& f : w.list("failed")) {
        pw.failed.push_back(w.scalar(f, "failed"));
        if (!ids.count(pw.failed.back()))
          w.fail(f, fmt::format("没有编号为“{}”的条件", pw.failed.back()),
                 fmt::format("no condition has id '{}'", pw.failed.back()));
      }
      out.push_back(std::move(pw));
    }
    return out;
  }

  Condition condition(const Node& n, const std::string& path) {
    static const std::vector<std::string> keys = {"id", "group", "clause", "status",       "source",
                                                  "zh", "en",    "test",   "warning_only", "notes"};
    PackMap m(n, path, origin_, keys);
    Condition c;
    c.id = m.text("id");
    c.group = m.text_or("group", "");
    c.clause = m.text("clause");
    c.status = status(m);
    c.source = m.text_or("source", "");
    c.text = m.bilingual();
    c.warning_only = m.text_or("warning_only", "false") == "true";
    c.test = predicate(m.required("test"), case_schema(), m.at("test"));
    if (m.optional("notes")) {
      const auto& notes = m.list("notes");
      for (size_t i = 0; i < notes.size(); ++i) {
        PackMap nm(notes[i], fmt::format("{}.notes[{}]", path, i), origin_,
                   {"on", "when", "zh", "en"});
        Note note;
        note.text = nm.bilingual();
        if (nm.optional("on")) {
          std::string on = nm.text("on");
          if (on == "pass")
            note.on = Tri::pass;
          else if (on == "fail")
            note.on = Tri::fail;
          else if (on == "unknown")
            note.on = Tri::unknown;
          else
            nm.fail(nm.required("on"), "应为 pass、fail 或 unknown",
                    "expected pass, fail or unknown", nm.at("on"));
        }
        if (nm.optional("when"))
          note.when = predicate(nm.required("when"), case_schema(), nm.at("when"));
        c.notes.push_back(std::move(note));
      }
    }
    return c;
  }

  Predicate predicate(const Node& n, const Field& scope, const std::string& path) {
    return load_predicate(n, scope, path, origin_);
  }

  const std::string& origin_;
  PackParts parts_;
};

}  // namespace

std::string read_pack_text(std::istream& in, const std::string& origin, const Limits& limits) {
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > limits.max_pack_bytes)
      throw InputError(Diagnostic{
          Severity::error,
          origin,
          {},
          "",
          {fmt::format("规则包文件超过 {} 字节（max_pack_bytes；--limit max_pack_bytes=N 可调整）",
                       limits.max_pack_bytes),
           fmt::format("the rule pack file is over {} bytes (max_pack_bytes; --limit "
                       "max_pack_bytes=N changes it)",
                       limits.max_pack_bytes)}});
  }
  return text;
}

RulePack load_pack(const std::string& yaml_text, const std::string& origin) {
  std::istringstream in(yaml_text);
  DocumentStream stream(in, origin);
  Document doc;
  if (!stream.next(doc))
    throw InputError(
        Diagnostic{Severity::error, origin, {}, "", {"规则包为空", "the rule pack is empty"}});
  if (!doc.problems.empty()) throw InputError(doc.problems.front());
  Document extra;
  if (stream.next(extra))
    throw InputError(
        Diagnostic{Severity::error,
                   origin,
                   extra.root.mark,
                   "",
                   {"规则包只能有一个 YAML 文档", "a rule pack holds exactly one YAML document"}});
  return load_pack(doc.root, yaml_text, origin);
}

RulePack load_pack(const Node& root, const std::string& yaml_text, const std::string& origin,
                   std::string_view sha256, PackParts parts) {
  RulePack pack = PackLoader(origin, parts).load(root);
  pack.origin = origin;
  pack.text = yaml_text;
  pack.sha256 = sha256.empty() ? sha256_hex(yaml_text) : std::string(sha256);
  return pack;
}

}  // namespace sbc
