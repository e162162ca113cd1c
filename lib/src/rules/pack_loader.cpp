// Reads a rule pack strictly: every key known, every fact path part of the case format and of the
// right type for its test, every threshold typed as the fact it is compared with. A pack error is
// reported with the pack's file:line:col, like a case error.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "sbc/rules/rules.hpp"
#include "base/sha256.hpp"
#include "base/spelling.hpp"
#include "base/strings.hpp"

namespace sbc {
namespace {

// Strict access to one map of the pack: unknown keys are errors, with a "did you mean".
class Map {
 public:
  Map(const Node& node, std::string path, const std::string& origin,
      std::vector<std::string> allowed)
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
      fail(node_, fmt::format("缺少必需的键“{}”", key), fmt::format("missing required key '{}'", key));
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
  std::string at(std::string_view key) const { return path_.empty() ? std::string(key) : path_ + "." + std::string(key); }
  const std::string& path() const { return path_; }
  const std::string& origin() const { return origin_; }

  [[noreturn]] void fail(const Node& where, std::string zh, std::string en, std::string path = "") const {
    throw InputError(Diagnostic{Severity::error, origin_, where.mark, path.empty() ? path_ : path,
                                Text{std::move(zh), std::move(en)}});
  }

 private:
  const Node& node_;
  std::string path_;
  const std::string& origin_;
};

const std::vector<std::string> kLeafOps = {
    "is",          "in",           "at_least",    "more_than",      "at_most",
    "less_than",   "contains_any", "any_item",    "within_years",   "older_than_years",
    "year_within", "items_at_least", "stated_none", "given", "newer_than_years", "at_least_years", "at_least_share_of"};

Predicate::Op op_named(const std::string& name) {
  using Op = Predicate::Op;
  static const std::map<std::string, Op, std::less<>> ops = {
      {"is", Op::is},         {"in", Op::in},               {"at_least", Op::at_least},
      {"more_than", Op::more_than}, {"at_most", Op::at_most}, {"less_than", Op::less_than},
      {"contains_any", Op::contains_any}, {"any_item", Op::any_item},
      {"within_years", Op::within_years}, {"older_than_years", Op::older_than_years},
      {"year_within", Op::year_within}, {"items_at_least", Op::items_at_least},
      {"stated_none", Op::stated_none}, {"given", Op::given},
      {"newer_than_years", Op::newer_than_years}, {"at_least_years", Op::at_least_years},
      {"at_least_share_of", Op::at_least_share_of}};
  return ops.at(name);
}

class PackLoader {
 public:
  explicit PackLoader(const std::string& origin) : origin_(origin) {}

  RulePack load(const Node& root) {
    Map m(root, "", origin_,
          {"id", "version", "title", "jurisdiction", "city", "effective", "last_reviewed", "source",
           "recognition", "compensation", "awards"});
    RulePack pack;
    pack.id = m.text("id");
    pack.version = std::stoi(whole_number(m, "version"));
    pack.title = Map(m.required("title"), "title", origin_, {"zh", "en"}).bilingual();
    const Node& jurisdiction = m.required("jurisdiction");
    const Field* province = find_field(case_schema(), "applicant.registered_province");
    const EnumValue* e = province->enumeration->match(m.scalar(jurisdiction, "jurisdiction"));
    if (e == nullptr)
      m.fail(jurisdiction, "不是省份代码（如 shandong）", "not a province code (such as shandong)", "jurisdiction");
    pack.jurisdiction = e->code;
    if (const Node* city = m.optional("city")) {
      const EnumValue* c = find_field(case_schema(), "applicant.registered_city")->enumeration->match(m.scalar(*city, "city"));
      if (c == nullptr) m.fail(*city, "不是城市代码（如 shenzhen）", "not a city code (such as shenzhen)", "city");
      pack.city = c->code;
    }
    Map effective(m.required("effective"), "effective", origin_, {"from", "to"});
    pack.effective_from = effective.date("from");
    pack.effective_to = effective.date("to");
    if (pack.effective_to < pack.effective_from)
      effective.fail(m.required("effective"), "生效期的截止日早于起始日", "effective period ends before it starts");
    if (m.optional("last_reviewed")) pack.last_reviewed = m.date("last_reviewed");
    Map source(m.required("source"), "source", origin_, {"document", "file"});
    pack.source_document = source.text("document");
    pack.source_file = source.text_or("file", "");
    if (m.optional("recognition")) pack.recognition = recognition(Map(m.required("recognition"), "recognition", origin_, {"groups", "required", "paths", "conditions", "warnings"}));
    if (m.optional("compensation"))
      pack.compensation = compensation(Map(m.required("compensation"), "compensation", origin_,
                                           {"window", "parameters", "rules", "conditions", "materials"}));
    if (m.optional("awards")) {
      const auto& awards = m.list("awards");
      for (size_t i = 0; i < awards.size(); ++i) {
        pack.awards.push_back(award(awards[i], fmt::format("awards[{}]", i)));
        for (size_t j = 0; j < i; ++j)
          if (pack.awards[j].citation.id == pack.awards[i].citation.id)
            m.fail(awards[i], fmt::format("奖补编号“{}”重复", pack.awards[i].citation.id),
                   fmt::format("duplicate award id '{}'", pack.awards[i].citation.id), "awards");
      }
    }
    if (!m.optional("recognition") && !pack.compensation && pack.awards.empty())
      m.fail(root, "规则包应至少有 recognition、compensation 或 awards 之一",
             "a rule pack needs recognition, compensation or awards");
    return pack;
  }

 private:
  Compensation compensation(const Map& m) {
    Compensation c;
    if (m.optional("window")) {
      Map w(m.required("window"), m.at("window"), origin_, {"start", "end"});
      c.window = DateRange{w.date("start"), w.date("end")};
      if (c.window->end < c.window->start) w.fail(m.required("window"), "截止日早于起始日", "the window ends before it starts");
    }
    const auto& rules = m.list("rules");
    for (size_t i = 0; i < rules.size(); ++i) {
      c.rules.push_back(citation(rules[i], fmt::format("{}[{}]", m.at("rules"), i), {}));
      const std::string& id = c.rules.back().id;
      const auto& known = compensation_rule_ids();
      if (std::find(known.begin(), known.end(), id) == known.end()) {
        std::string guess = closest_spelling(id, known);
        m.fail(rules[i], fmt::format("补偿引擎没有规则“{}”{}", id, guess.empty() ? "" : "，是否应为“" + guess + "”？"),
               fmt::format("the subsidy engine has no rule '{}'{}", id, guess.empty() ? "" : "; did you mean '" + guess + "'?"),
               fmt::format("{}[{}].id", m.at("rules"), i));
      }
    }
    // A rule the pack cites needs the rules it builds on and its parameter; a parameter needs its rule.
    auto needs_rule = [&](const char* id, const char* because_zh, const char* because_en) {
      if (!c.cites(id))
        m.fail(m.required("rules"), fmt::format("缺少补偿规则“{}”的条文引用（{}）", id, because_zh),
               fmt::format("rule '{}' of the subsidy engine is not cited ({})", id, because_en), m.at("rules"));
    };
    needs_rule("amount.formula", "补助金额的计算", "it computes the amount");
    if (c.cites("scope.sale_in_window")) needs_rule("sale.date", "销售日期的认定", "it dates the sales");
    if (c.cites("amount.limit_multiple")) needs_rule("scope.sale_in_window", "限额倍数按计入的销售计", "the multiple counts the sales");
    const Node& params = m.required("parameters");
    Map p(params, m.at("parameters"), origin_,
          {"eligible_kinds", "first_installment_share", "sale_invoiced_share", "rate_cap", "subsidy_share",
           "limit_multiple", "enterprise_cap"});
    auto given = [&](const char* key, const char* rule) {
      bool has = p.optional(key) != nullptr;
      if (has && !c.cites(rule))
        p.fail(*p.optional(key), fmt::format("参数“{}”属于规则“{}”，但该规则未被引用", key, rule),
               fmt::format("parameter '{}' belongs to rule '{}', which the pack does not cite", key, rule), p.at(key));
      if (!has && c.cites(rule))
        p.fail(params, fmt::format("规则“{}”需要参数“{}”", rule, key), fmt::format("rule '{}' needs parameter '{}'", rule, key));
      return has;
    };
    auto rate = [&](const char* key) {
      Parsed<Rate> r = parse_rate(p.text(key));
      if (!r) p.fail(p.required(key), r.error.zh, r.error.en, p.at(key));
      return *r.value;
    };
    if (given("eligible_kinds", "scope.insurance_type")) {
      const Field& kind = *find_field(case_schema(), "insurance.policies")->item().child("kind");
      p.list("eligible_kinds");
      c.parameters.eligible_kinds = codes(p, p.required("eligible_kinds"), *kind.enumeration, p.at("eligible_kinds"));
    }
    if (given("first_installment_share", "pay.first_installment"))
      c.parameters.first_installment_share = rate("first_installment_share");
    if (given("sale_invoiced_share", "sale.date")) c.parameters.sale_invoiced_share = rate("sale_invoiced_share");
    c.parameters.rate_cap = rate("rate_cap");
    c.parameters.subsidy_share = rate("subsidy_share");
    if (given("limit_multiple", "amount.limit_multiple"))
      c.parameters.limit_multiple = std::stoi(whole_number(p, "limit_multiple"));
    if (given("enterprise_cap", "amount.enterprise_cap")) c.parameters.enterprise_cap = money(p, "enterprise_cap");

    const auto& conditions = m.list("conditions");
    for (size_t i = 0; i < conditions.size(); ++i)
      c.conditions.push_back(condition(conditions[i], fmt::format("{}[{}]", m.at("conditions"), i)));

    if (!m.optional("materials")) return c;
    const Node& materials = m.required("materials");
    c.materials.citation = citation(materials, m.at("materials"), {"required", "conditional"});
    Map mm(materials, m.at("materials"), origin_, {"id", "clause", "status", "source", "zh", "en", "required", "conditional"});
    const EnumType& material = *find_field(case_schema(), "materials")->enumeration;
    c.materials.required = codes(mm, mm.required("required"), material, mm.at("required"));
    if (mm.optional("conditional")) {
      const auto& items = mm.list("conditional");
      for (size_t i = 0; i < items.size(); ++i) {
        Map cm(items[i], fmt::format("{}[{}]", mm.at("conditional"), i), origin_, {"material", "clause", "zh", "en", "when"});
        ConditionalMaterial item;
        const EnumValue* code = material.match(cm.text("material"));
        if (code == nullptr) cm.fail(cm.required("material"), "不是支撑材料代码", "not a material code", cm.at("material"));
        item.material = code->code;
        item.clause = cm.text("clause");
        item.text = cm.bilingual();
        item.when = predicate(cm.required("when"), case_schema(), cm.at("when"));
        c.materials.conditional.push_back(std::move(item));
      }
    }
    return c;
  }

  Award award(const Node& n, const std::string& path) {
    Award a;
    a.citation = citation(n, path, {"beneficiary", "base", "tiers", "cap", "conditions"});
    Map m(n, path, origin_, {"id", "clause", "status", "source", "zh", "en", "beneficiary", "base", "tiers", "cap", "conditions"});
    a.beneficiary = m.text("beneficiary");
    if (a.beneficiary != "developer" && a.beneficiary != "user")
      m.fail(m.required("beneficiary"), "应为 developer 或 user", "expected developer or user", m.at("beneficiary"));

    Map base(m.required("base"), m.at("base"), origin_, {"fact", "invoiced_from", "months"});
    bool invoiced = base.optional("invoiced_from") != nullptr;
    if (invoiced == (base.optional("fact") != nullptr))
      m.fail(m.required("base"), "base 应为 {fact: 金额事实} 或 {invoiced_from: 日期事实, months: N}",
             "base is either {fact: MONEY_FACT} or {invoiced_from: DATE_FACT, months: N}", m.at("base"));
    std::string key = invoiced ? "invoiced_from" : "fact";
    a.base.path = base.text(key);
    a.base.keys = split(a.base.path, '.');
    const Field* f = find_field(case_schema(), a.base.path);
    Type type = invoiced ? Type::date : Type::money;
    if (f == nullptr || f->type != type)
      base.fail(base.required(key), fmt::format("“{}”不是案例格式中的{}事实", a.base.path, invoiced ? "日期" : "金额"),
                fmt::format("'{}' is not a {} fact of the case format", a.base.path, invoiced ? "date" : "money"), base.at(key));
    if (invoiced) a.base.months = std::stoi(whole_number(base, "months"));
    else if (base.optional("months")) base.fail(*base.optional("months"), "months 只用于 invoiced_from", "months goes with invoiced_from only", base.at("months"));

    const auto& tiers = m.list("tiers");
    if (tiers.empty()) m.fail(m.required("tiers"), "至少需要一档", "at least one tier is needed", m.at("tiers"));
    for (size_t i = 0; i < tiers.size(); ++i) {
      Map t(tiers[i], fmt::format("{}[{}]", m.at("tiers"), i), origin_, {"up_to", "share"});
      AwardTier tier;
      Parsed<Rate> share = parse_rate(t.text("share"));
      if (!share) t.fail(t.required("share"), share.error.zh, share.error.en, t.at("share"));
      tier.share = *share.value;
      bool last = i + 1 == tiers.size();
      if (t.optional("up_to")) tier.up_to = money(t, "up_to");
      if (last == tier.up_to.has_value())
        t.fail(tiers[i], "除最后一档外，每档都需要 up_to；最后一档不要 up_to",
               "every tier but the last needs up_to, and the last has none");
      if (i > 0 && tier.up_to && *tier.up_to <= *a.tiers.back().up_to)
        t.fail(tiers[i], "各档 up_to 应递增", "the tiers' up_to must increase", t.at("up_to"));
      a.tiers.push_back(tier);
    }
    if (m.optional("cap")) a.cap = money(m, "cap");
    if (m.optional("conditions")) {
      const auto& conditions = m.list("conditions");
      for (size_t i = 0; i < conditions.size(); ++i)
        a.conditions.push_back(condition(conditions[i], fmt::format("{}[{}]", m.at("conditions"), i)));
    }
    return a;
  }

  Citation citation(const Node& n, const std::string& path, std::vector<std::string> extra_keys) {
    std::vector<std::string> keys = {"id", "clause", "status", "source", "zh", "en"};
    keys.insert(keys.end(), extra_keys.begin(), extra_keys.end());
    Map m(n, path, origin_, keys);
    Citation c{m.text("id"), m.text("clause"), status(m), m.text_or("source", ""), m.bilingual()};
    return c;
  }

  std::string status(const Map& m) {
    static const std::set<std::string> statuses = {"confirmed", "carried_over", "confirmed_from_repost",
                                                   "secondary_source"};
    std::string s = m.text("status");
    if (!statuses.count(s))
      m.fail(m.required("status"), "应为 confirmed、carried_over、confirmed_from_repost 或 secondary_source",
             "expected confirmed, carried_over, confirmed_from_repost or secondary_source", m.at("status"));
    return s;
  }

  static Money money(const Map& m, std::string_view key) {
    Parsed<Money> amount = parse_money(m.text(key));
    if (!amount) m.fail(m.required(key), amount.error.zh, amount.error.en, m.at(key));
    return *amount.value;
  }

  static std::string whole_number(const Map& m, std::string_view key) {
    const Node& n = m.required(key);
    std::string s = m.scalar(n, key);
    if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos)
      m.fail(n, "应为正整数", "expected a whole number", m.at(key));
    return s;
  }

  Recognition recognition(const Map& m) {
    Recognition r;
    std::set<std::string> ids, groups;
    const auto& conditions = m.list("conditions");
    for (size_t i = 0; i < conditions.size(); ++i) {
      Condition c = condition(conditions[i], fmt::format("recognition.conditions[{}]", i));
      if (c.group.empty())
        m.fail(conditions[i], "认定条件缺少 group", "a recognition condition needs a group");
      if (!ids.insert(c.id).second)
        m.fail(conditions[i], fmt::format("条件编号“{}”重复", c.id), fmt::format("duplicate condition id '{}'", c.id));
      groups.insert(c.group);
      r.conditions.push_back(std::move(c));
    }
    const Node& names = m.required("groups");
    if (names.kind != Node::Kind::map) m.fail(names, "应为键值映射", "expected a map", m.at("groups"));
    for (size_t i = 0; i < names.map_size(); ++i) {
      const std::string& g = names.key(i).scalar;
      r.groups[g] = Map(names.value(i), m.at("groups." + g), origin_, {"zh", "en"}).bilingual();
      if (!groups.count(g))
        m.fail(names.key(i), fmt::format("没有条件属于组“{}”", g), fmt::format("no condition is in group '{}'", g));
    }
    for (const std::string& g : groups)
      if (!r.groups.count(g))
        m.fail(names, fmt::format("组“{}”缺少名称", g), fmt::format("group '{}' has no name", g), m.at("groups"));
    auto known_group = [&](const Node& n, const std::string& g) {
      if (!groups.count(g))
        m.fail(n, fmt::format("没有条件属于组“{}”", g), fmt::format("no condition is in group '{}'", g));
    };
    for (const Node& n : m.list("required")) {
      r.required.push_back(m.scalar(n, "required"));
      known_group(n, r.required.back());
    }
    const auto& paths = m.list("paths");
    for (size_t i = 0; i < paths.size(); ++i) {
      Map p(paths[i], fmt::format("recognition.paths[{}]", i), origin_, {"group", "mode"});
      PathSpec spec{p.text("group"), false};
      known_group(paths[i], spec.group);
      std::string mode = p.text("mode");
      if (mode != "all" && mode != "each") p.fail(p.required("mode"), "应为 all 或 each", "expected all or each", p.at("mode"));
      spec.each = mode == "each";
      r.paths.push_back(spec);
    }
    if (r.paths.empty()) m.fail(m.required("paths"), "至少需要一条认定途径", "at least one path is needed", m.at("paths"));
    if (m.optional("warnings")) {
      const auto& warnings = m.list("warnings");
      for (size_t i = 0; i < warnings.size(); ++i) {
        Map w(warnings[i], fmt::format("recognition.warnings[{}]", i), origin_, {"path_group", "failed", "zh", "en"});
        PathWarning pw{w.text("path_group"), {}, w.bilingual()};
        known_group(warnings[i], pw.group);
        for (const Node& f : w.list("failed")) {
          pw.failed.push_back(w.scalar(f, "failed"));
          if (!ids.count(pw.failed.back()))
            w.fail(f, fmt::format("没有编号为“{}”的条件", pw.failed.back()),
                   fmt::format("no condition has id '{}'", pw.failed.back()));
        }
        r.warnings.push_back(std::move(pw));
      }
    }
    return r;
  }

  Condition condition(const Node& n, const std::string& path) {
    Map m(n, path, origin_,
          {"id", "group", "clause", "status", "source", "zh", "en", "test", "warning_only", "notes"});
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
        Map nm(notes[i], fmt::format("{}.notes[{}]", path, i), origin_, {"on", "when", "zh", "en"});
        Note note;
        note.text = nm.bilingual();
        if (nm.optional("on")) {
          std::string on = nm.text("on");
          if (on == "pass") note.on = Tri::pass;
          else if (on == "fail") note.on = Tri::fail;
          else if (on == "unknown") note.on = Tri::unknown;
          else nm.fail(nm.required("on"), "应为 pass、fail 或 unknown", "expected pass, fail or unknown", nm.at("on"));
        }
        if (nm.optional("when")) note.when = predicate(nm.required("when"), case_schema(), nm.at("when"));
        c.notes.push_back(std::move(note));
      }
    }
    return c;
  }

  Predicate predicate(const Node& n, const Field& scope, const std::string& path) {
    if (n.kind == Node::Kind::map && (n.find("all") || n.find("any"))) {
      bool all = n.find("all") != nullptr;
      Map m(n, path, origin_, {all ? "all" : "any"});
      Predicate p;
      p.op = all ? Predicate::Op::all : Predicate::Op::any;
      const auto& children = m.list(all ? "all" : "any");
      for (size_t i = 0; i < children.size(); ++i)
        p.children.push_back(predicate(children[i], scope, fmt::format("{}.{}[{}]", path, all ? "all" : "any", i)));
      if (p.children.empty()) m.fail(n, "组合条件不能为空", "a combination needs at least one test");
      return p;
    }
    std::vector<std::string> allowed = kLeafOps;
    allowed.push_back("fact");
    allowed.push_back("reference");
    allowed.push_back("unstated");
    Map m(n, path, origin_, allowed);
    Predicate p;
    p.path = m.text("fact");
    p.keys = split(p.path, '.');
    p.field = find_field(scope, p.path);
    if (p.field == nullptr)
      m.fail(m.required("fact"), fmt::format("案例格式中没有事实“{}”", p.path),
             fmt::format("fact '{}' is not part of the case format", p.path), m.at("fact"));
    std::string op_name;
    for (const std::string& op : kLeafOps) {
      if (!m.optional(op)) continue;
      if (!op_name.empty()) m.fail(n, "一个测试只能有一种比较", "a test takes exactly one comparison");
      op_name = op;
    }
    if (op_name.empty())
      m.fail(n, "缺少比较（is、in、at_least …）", "missing a comparison (is, in, at_least, …)");
    p.op = op_named(op_name);
    const Node& operand = m.required(op_name);
    std::string at = m.at(op_name);
    const Field& f = *p.field;
    auto need = [&](bool ok, const char* zh, const char* en) {
      if (!ok) m.fail(operand, fmt::format("“{}”{}", p.path, zh), fmt::format("'{}' {}", p.path, en), at);
    };
    using Op = Predicate::Op;
    switch (p.op) {
      case Op::is:
        need(f.type == Type::boolean, "不是布尔事实", "is not a true/false fact");
        p.operand = typed(operand, f, at);
        break;
      case Op::in:
        need(f.type == Type::enumeration || f.type == Type::integer, "不是可选值或整数事实",
             "is not an enumeration or a whole number");
        if (f.type == Type::integer) {
          need(operand.kind == Node::Kind::sequence && !operand.children.empty(), "需要非空列表",
               "needs a non-empty list");
          for (const Node& c : operand.children) p.codes.push_back(render_value(typed(c, f, at)));
        } else {
          p.codes = codes(m, operand, *f.enumeration, at);
        }
        break;
      case Op::contains_any:
        need(f.type == Type::list && f.item().type == Type::enumeration, "不是可选值列表",
             "is not a list of enumeration values");
        p.codes = codes(m, operand, *f.enumeration, at);
        break;
      case Op::at_least:
      case Op::more_than:
      case Op::at_most:
      case Op::less_than:
        need(f.type == Type::money || f.type == Type::integer || f.type == Type::date ||
                 (f.type == Type::enumeration && f.enumeration->ordered),
             "不能比较大小", "cannot be compared (money, whole number, date or ranked values only)");
        p.operand = typed(operand, f, at);
        break;
      case Op::any_item:
        need(f.type == Type::list && f.item().type == Type::record, "不是记录列表", "is not a list of records");
        p.children.push_back(predicate(operand, f.item(), at));
        break;
      case Op::within_years:
      case Op::older_than_years:
      case Op::newer_than_years:
      case Op::at_least_years:
      case Op::year_within:
      case Op::items_at_least: {
        if (p.op == Op::year_within) need(f.type == Type::integer, "不是年份（整数）", "is not a year (whole number)");
        else if (p.op == Op::items_at_least) need(f.type == Type::list, "不是列表", "is not a list");
        else need(f.type == Type::date, "不是日期", "is not a date");
        std::string s = m.scalar(operand, op_name);
        need(!s.empty() && s.size() < 3 && s.find_first_not_of("0123456789") == std::string::npos,
             "的参数应为 0–99 的整数", "needs a whole number from 0 to 99");
        p.n = std::stoi(s);
        break;
      }
      case Op::at_least_share_of: {
        need(f.type == Type::money, "不是金额事实", "is not a money fact");
        Map share(operand, at, origin_, {"fact", "share"});
        other_fact(p, share, "fact", Type::money);
        Parsed<Rate> r = parse_rate(share.text("share"));
        if (!r) share.fail(share.required("share"), r.error.zh, r.error.en, share.at("share"));
        p.share = *r.value;
        break;
      }
      case Op::stated_none:
        need(f.none_allowed, "不能写作 none/never", "cannot be stated as none/never");
        need(m.scalar(operand, op_name) == "true", "stated_none 只能为 true", "stated_none takes true only");
        break;
      case Op::given:
        need(m.scalar(operand, op_name) == "true", "given 只能为 true", "given takes true only");
        break;
      case Op::all:
      case Op::any: break;
    }
    if (m.optional("reference")) {
      bool dated = p.op == Op::within_years || p.op == Op::older_than_years || p.op == Op::newer_than_years ||
                   p.op == Op::at_least_years;
      if (!dated)
        m.fail(m.required("reference"), "reference 只用于 within_years、older_than_years、newer_than_years、at_least_years",
               "reference goes with within_years, older_than_years, newer_than_years or at_least_years only",
               m.at("reference"));
      other_fact(p, m, "reference", Type::date);
    }
    if (m.optional("unstated")) {
      if (m.text("unstated") != "fail")
        m.fail(m.required("unstated"), "unstated 只能为 fail", "unstated takes fail only", m.at("unstated"));
      p.unstated_fails = true;
    }
    p.codes_text = codes_text(p.codes, f.enumeration);
    return p;
  }

  // The other fact of a test (`reference:` or the `fact:` of at_least_share_of): a path from the
  // case root, of the type the test compares.
  void other_fact(Predicate& p, const Map& m, std::string_view key, Type type) {
    p.other = m.text(key);
    p.other_keys = split(p.other, '.');
    p.other_field = find_field(case_schema(), p.other);
    if (p.other_field == nullptr || p.other_field->type != type)
      m.fail(m.required(key),
             fmt::format("“{}”不是案例格式中的{}事实", p.other, type == Type::date ? "日期" : "金额"),
             fmt::format("'{}' is not a {} fact of the case format", p.other, type == Type::date ? "date" : "money"),
             m.at(key));
  }

  // How a list of codes reads in messages: Chinese names in zh, codes in en.
  static Text codes_text(const std::vector<std::string>& codes, const EnumType* e) {
    Text out;
    for (const std::string& c : codes) {
      const EnumValue* v = e ? e->match(c) : nullptr;
      out.zh += (out.zh.empty() ? "" : "、") + (v ? v->zh : c);
      out.en += (out.en.empty() ? "" : ", ") + c;
    }
    return out;
  }

  Value typed(const Node& n, const Field& f, const std::string& at) {
    if (n.kind != Node::Kind::scalar)
      throw InputError(Diagnostic{Severity::error, origin_, n.mark, at, {"应为单个值", "expected a single value"}});
    Parsed<Value> v = read_scalar(n, f);
    if (!v) throw InputError(Diagnostic{Severity::error, origin_, n.mark, at, v.error});
    return *v.value;
  }

  std::vector<std::string> codes(const Map& m, const Node& n, const EnumType& e, const std::string& at) {
    if (n.kind != Node::Kind::sequence || n.children.empty())
      m.fail(n, "应为非空的代码列表", "expected a non-empty list of codes", at);
    std::vector<std::string> out;
    for (const Node& c : n.children) {
      const EnumValue* v = c.kind == Node::Kind::scalar ? e.match(c.scalar) : nullptr;
      if (v == nullptr)
        m.fail(c, fmt::format("不是可选值之一：{}", e.describe()), fmt::format("not one of: {}", e.describe()), at);
      out.push_back(v->code);
    }
    return out;
  }

  const std::string& origin_;
};

}  // namespace

RulePack load_pack(const std::string& yaml_text, const std::string& origin) {
  std::istringstream in(yaml_text);
  DocumentStream stream(in, origin);
  Document doc;
  if (!stream.next(doc))
    throw InputError(Diagnostic{Severity::error, origin, {}, "", {"规则包为空", "the rule pack is empty"}});
  if (!doc.problems.empty()) throw InputError(doc.problems.front());
  Document extra;
  if (stream.next(extra))
    throw InputError(Diagnostic{Severity::error, origin, extra.root.mark, "",
                                {"规则包只能有一个 YAML 文档", "a rule pack holds exactly one YAML document"}});
  return load_pack(doc.root, yaml_text, origin);
}

RulePack load_pack(const Node& root, const std::string& yaml_text, const std::string& origin) {
  RulePack pack = PackLoader(origin).load(root);
  pack.origin = origin;
  pack.text = yaml_text;
  pack.sha256 = sha256_hex(yaml_text);
  return pack;
}

}  // namespace sbc
