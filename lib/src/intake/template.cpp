// Which facts a pack reads, and the skeleton case that asks for them. Both come from the pack and
// the case format's table, so a new pack gets its template with no code of its own.
#include "sbc/intake/template.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "sbc/judge/subsidy.hpp"

namespace sbc {
namespace {

using Uses = std::map<std::string, std::vector<FactRef>>;

void use(Uses& uses, const std::string& path, const FactRef& ref) {
  std::vector<FactRef>& refs = uses[path];
  if (!ref.id.empty() &&
      std::none_of(refs.begin(), refs.end(), [&](const FactRef& r) { return r.id == ref.id; }))
    refs.push_back(ref);
}

// Every fact a test reads: its own, the other fact it compares with, and inside any_item the
// item's facts (`list[].key`).
void walk(const Predicate& p, const std::string& prefix, const FactRef& ref, Uses& uses) {
  for (const Predicate& child : p.children)
    walk(child, p.op == Predicate::Op::any_item ? prefix + p.path + "[]." : prefix, ref, uses);
  if (p.op == Predicate::Op::all || p.op == Predicate::Op::any) return;
  use(uses, prefix + p.path, ref);
  if (!p.other.empty()) use(uses, p.other, ref);
}

void walk(const Condition& c, Uses& uses) {
  FactRef ref{c.id, c.clause};
  walk(c.test, "", ref, uses);
  for (const Note& note : c.notes)
    if (note.when) walk(*note.when, "", ref, uses);
}

void compensation_facts(const Compensation& comp, Uses& uses) {
  for (const Condition& c : comp.conditions) walk(c, uses);
  for (const Citation& rule : comp.rules)
    for (const std::string& path : facts_read_by(rule.id)) use(uses, path, {rule.id, rule.clause});
  if (!comp.window && comp.cites("scope.window")) {
    const Citation& rule = comp.rule("scope.window");
    use(uses, "insurance.window.start", {rule.id, rule.clause});
    use(uses, "insurance.window.end", {rule.id, rule.clause});
  }
  const MaterialsRule& m = comp.materials;
  if (m.citation.id.empty()) return;
  FactRef ref{m.citation.id, m.citation.clause};
  use(uses, "materials", ref);
  for (const ConditionalMaterial& c : m.conditional) walk(c.when, "", ref, uses);
}

void award_facts(const Award& a, Uses& uses) {
  FactRef ref{a.citation.id, a.citation.clause};
  use(uses, a.base.path, ref);
  if (a.base.months) {
    use(uses, "insurance.sales[].invoices[].date", ref);
    use(uses, "insurance.sales[].invoices[].amount", ref);
  }
  for (const Condition& c : a.conditions) walk(c, uses);
}

// What reads a list's item reads the list: "insurance.policies[].payments[].date" is read by the
// rules that read insurance.policies and insurance.policies[].payments.
Uses with_lists(Uses uses) {
  std::vector<std::pair<std::string, FactRef>> lists;
  for (const auto& [path, refs] : uses)
    for (size_t at = path.find("[]"); at != std::string::npos; at = path.find("[]", at + 2))
      for (const FactRef& r : refs) lists.emplace_back(path.substr(0, at), r);
  for (const auto& [path, ref] : lists) use(uses, path, ref);
  return uses;
}

Uses uses_of(const RulePack& pack, bool subsidy) {
  Uses uses;
  for (const char* named :
       {"applicant.name", "software.name", "software.version", "application.date"})
    use(uses, named, {});
  if (!subsidy) {
    for (const Condition& c : pack.recognition.conditions) walk(c, uses);
    return with_lists(std::move(uses));
  }
  if (pack.compensation) compensation_facts(*pack.compensation, uses);
  for (const Award& a : pack.awards) award_facts(a, uses);
  if (!pack.compensation) return with_lists(std::move(uses));
  // What the application package (--form) prints besides the facts judged.
  for (const char* printed :
       {"applicant.contact.name", "applicant.contact.phone", "application.filed_on"})
    use(uses, printed, {});
  if (uses.count("insurance.sales[].invoices[].date"))
    for (const char* printed :
         {"insurance.sales[].customer", "insurance.sales[].quantity",
          "insurance.sales[].invoices[].number", "insurance.sales[].invoices[].quantity"})
      use(uses, printed, {});
  return with_lists(std::move(uses));
}

bool used_below(const Uses& uses, const std::string& path) {
  auto it = uses.lower_bound(path);
  for (; it != uses.end() && it->first.compare(0, path.size(), path) == 0; ++it)
    if (it->first.size() == path.size() || it->first[path.size()] == '.' ||
        it->first[path.size()] == '[')
      return true;
  return false;
}

// In the case format's order: a record's or a list item's fields, recursively.
void in_order(const Field& record, const std::string& prefix, const Uses& uses,
              std::vector<PackFact>& out) {
  for (const Field& f : record.fields) {
    std::string path = prefix.empty() ? f.key : prefix + "." + f.key;
    if (!used_below(uses, path)) continue;
    if (f.type == Type::record) {
      in_order(f, path, uses, out);
      continue;
    }
    auto refs = uses.find(path);
    bool records = f.type == Type::list && f.item().type == Type::record;
    out.push_back({path, &f, refs == uses.end() ? std::vector<FactRef>{} : refs->second});
    if (records) in_order(f.item(), path + "[]", uses, out);
  }
}

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

Text choices(const EnumType& e) {
  if (e.values.size() > 12) {  // the provinces: one for an example, with its region code
    const EnumValue* v = e.match("shandong");
    if (v == nullptr) v = &e.values.front();
    std::string region = v->aliases.empty() ? "" : "、" + v->aliases.front();
    return {fmt::format("代码、中文名或行政区划代码，如 {}、{}{}", v->code, v->zh, region),
            fmt::format("a code, Chinese name or region code, such as {}, {}{}", v->code, v->zh,
                        v->aliases.empty() ? "" : ", " + v->aliases.front())};
  }
  std::string listed;
  for (const EnumValue& v : e.values) listed += (listed.empty() ? "" : " | ") + v.code + " " + v.zh;
  Text out{"可选：" + listed, "one of: " + listed};
  if (e.open) {
    out.zh += "；其他照写（不计入）";
    out.en += "; any other as written (counts for nothing)";
  }
  return out;
}

Text list_forms(const Field& f) {
  const Field& item = f.item();
  if (item.type == Type::record) {
    std::string keys;
    for (const Field& k : item.fields) keys += (keys.empty() ? "" : ", ") + k.key;
    return {fmt::format("列表，每项 {{{}}}；[] 表示无", keys),
            fmt::format("a list, each item {{{}}}; [] for none", keys)};
  }
  if (item.type == Type::enumeration) {
    const auto& v = item.enumeration->values;
    std::string example = v.size() > 1 ? v[0].code + ", " + v[1].code : v[0].code;
    Text c = choices(*item.enumeration);
    return {fmt::format("列表，如 [{}]；[] 表示无；{}", example, c.zh),
            fmt::format("a list such as [{}]; [] for none; {}", example, c.en)};
  }
  return {"列表，如 [HT-2020-001, HT-2020-002]", "a list such as [HT-2020-001, HT-2020-002]"};
}

class TemplateWriter {
 public:
  TemplateWriter(const Uses& uses, Lang lang, std::ostream& out)
      : uses_(uses), lang_(lang), out_(out) {}

  void record(const Field& f, const std::string& prefix, int depth) {
    for (const Field& child : f.fields) {
      std::string path = prefix.empty() ? child.key : prefix + "." + child.key;
      if (!used_below(uses_, path)) continue;
      std::string indent(2 * depth, ' ');
      if (child.type == Type::record) {
        if (depth == 0) out_ << "\n# " << child.label.in(lang_) << "\n";
        out_ << indent << child.key << ":\n";
        record(child, path, depth + 1);
        continue;
      }
      describe(child, path, indent);
      out_ << indent << "#" << child.key << ":\n";
      if (child.type == Type::list && child.item().type == Type::record)
        item(child.item(), path + "[]", indent + "#  ", true);
    }
  }

 private:
  // A fact's comment: its question and accepted forms, then the rules that read it.
  void describe(const Field& f, const std::string& path, const std::string& indent) {
    out_ << indent << "# " << question(f).in(lang_) << (lang_ == Lang::zh ? "" : " ")
         << accepted_forms(f).in(lang_) << "\n";
    auto it = uses_.find(path);
    if (it == uses_.end() || it->second.empty()) return;
    std::string refs;
    for (const FactRef& r : it->second) refs += (refs.empty() ? "" : "; ") + r.id + " " + r.clause;
    out_ << indent << "#   " << (lang_ == Lang::zh ? "用于：" : "read by: ") << refs << "\n";
  }

  // The used fields of one list item, commented out, the first after "- ".
  void item(const Field& f, const std::string& prefix, const std::string& indent, bool dash) {
    bool first = true;
    for (const Field& child : f.fields) {
      std::string path = prefix + "." + child.key;
      if (!used_below(uses_, path)) continue;
      std::string lead = indent + (dash ? (first ? "- " : "  ") : "");
      first = false;
      if (child.type == Type::record) {
        out_ << lead << child.key << ":\n";
        item(child, path, indent + (dash ? "    " : "  "), false);
        continue;
      }
      std::string line = lead + child.key + ":";
      out_ << line << std::string(line.size() < 28 ? 28 - line.size() : 1, ' ') << "# "
           << child.label.in(lang_) << (lang_ == Lang::zh ? "" : " ")
           << accepted_forms(child).in(lang_) << "\n";
      if (child.type == Type::list && child.item().type == Type::record)
        item(child.item(), path + "[]", indent + (dash ? "    " : "  "), true);
    }
  }

  const Uses& uses_;
  Lang lang_;
  std::ostream& out_;
};

}  // namespace

std::vector<PackFact> facts_read(const RulePack& pack, bool subsidy) {
  Uses uses = uses_of(pack, subsidy);
  std::vector<PackFact> out;
  in_order(case_schema(), "", uses, out);
  return out;
}

Text question(const Field& f) {
  return {f.label.zh + "？", capitalised(f.label.en) + "?"};
}

Text accepted_forms(const Field& f) {
  switch (f.type) {
    case Type::text:
      return f.none_allowed ? Text{"（文字；没有则写 none）", "(text; none when there is none)"}
                            : Text{"（文字）", "(text)"};
    case Type::money:
      return {"（金额，元：1200000、\"1,200,000.00\"、120万、1.2亿）",
              "(money in yuan: 1200000, \"1,200,000.00\", 120万, 1.2亿)"};
    case Type::rate:
      return {"（费率：1.5% 或 15‰）", "(a rate: 1.5% or 15‰)"};
    case Type::date:
      return f.none_allowed
                 ? Text{"（日期：2020-05-15、2020年5月15日、2020/5/15；从未则写 never）",
                        "(a date: 2020-05-15, 2020年5月15日, 2020/5/15; never when never)"}
                 : Text{"（日期：2020-05-15、2020年5月15日、2020/5/15）",
                        "(a date: 2020-05-15, 2020年5月15日, 2020/5/15)"};
    case Type::boolean:
      return {"（true 或 false，也可写 是/否）", "(true or false; 是/否 too)"};
    case Type::integer:
      return {"（整数）", "(a whole number)"};
    case Type::enumeration: {
      Text c = choices(*f.enumeration);
      return {"（" + c.zh + "）", "(" + c.en + ")"};
    }
    case Type::list: {
      Text l = list_forms(f);
      return {"（" + l.zh + "）", "(" + l.en + ")"};
    }
    case Type::record:
      break;
  }
  return {};
}

const RulePack& default_template_pack(RuleLibrary& rules, const std::string& jurisdiction,
                                      bool subsidy, Date today) {
  const RulePack* latest = nullptr;
  for (const RulePack* p : rules.builtins()) {
    if (p->jurisdiction != jurisdiction || !p->city.empty() || p->unusable_for(subsidy)) continue;
    if (p->covers(today)) return *p;
    if (latest == nullptr || latest->effective_from < p->effective_from) latest = p;
  }
  if (latest == nullptr)
    throw InputError(Diagnostic{Severity::error,
                                "",
                                {},
                                "",
                                {fmt::format("没有 {} 的内置规则包", jurisdiction),
                                 fmt::format("no built-in rule pack for {}", jurisdiction)}});
  return *latest;
}

namespace {

// Whether `path` is one of `settled` or inside one ("insurance.recognition.year").
bool under(const std::string& path, const std::vector<std::string>& settled) {
  return std::any_of(settled.begin(), settled.end(), [&](const std::string& s) {
    return path.compare(0, s.size(), s) == 0 && (path.size() == s.size() || path[s.size()] == '.');
  });
}

}  // namespace

void write_template(const RulePack& pack, bool subsidy, Lang lang, std::ostream& out,
                    const std::vector<std::string>& settled) {
  const char* tool = subsidy ? "sbc-subsidy" : "sbc-check";
  if (lang == Lang::zh) {
    out << fmt::format("# 案例模板：{} v{}，{}\n", pack.id, pack.version, pack.title.zh)
        << fmt::format("# 由 {} --template 生成：列出该规则包{}读取的每个事实。\n", tool,
                       subsidy ? "补偿与奖补规则" : "认定条件")
        << "# 填写时去掉该行行首的 #，在冒号后写值；不填的事实保持“未知”，工具不会替你假设。\n"
        << "# 完整格式：man 5 sbc-case。填好后：" << tool << " 文件名\n";
  } else {
    out << fmt::format("# Case template: {} v{}, {}\n", pack.id, pack.version, pack.title.en)
        << fmt::format("# Made by {} --template: every fact the pack's {} read.\n", tool,
                       subsidy ? "compensation rules and awards" : "recognition conditions")
        << "# To fill a fact, delete the # at the start of its line and write the value after the "
           "colon;\n"
        << "# a fact left unfilled stays unknown: the tools never assume one.\n"
        << "# The whole format: man 5 sbc-case. Then: " << tool << " FILE\n";
  }
  Uses uses = uses_of(pack, subsidy);
  std::vector<std::string> left_out;
  for (auto it = uses.begin(); it != uses.end();)
    if (under(it->first, settled)) {
      left_out.push_back(it->first);
      it = uses.erase(it);
    } else {
      ++it;
    }
  if (!left_out.empty())
    out << (lang == Lang::zh
                ? "# 由 --records 的记录给出，不必填写（名单未载的产品才需填写认定批次）："
                : "# Given by the records of --records, not asked (state the batch "
                  "only for a product the lists lack): ")
        << fmt::format("{}\n", fmt::join(left_out, ", "));
  out << "schema: sbc-case/1\nrules: " << pack.reference() << "\n";
  TemplateWriter(uses, lang, out).record(case_schema(), "", 0);
}

void write_template_csv(const RulePack& pack, bool subsidy, std::ostream& out,
                        const std::vector<std::string>& settled) {
  std::string row;
  for (const PackFact& f : facts_read(pack, subsidy)) {
    if (under(f.path, settled)) continue;
    if (f.field->type == Type::list && f.field->item().type == Type::record)
      continue;  // its items' columns follow
    std::string path = f.path;
    for (size_t at = path.find("[]"); at != std::string::npos; at = path.find("[]", at))
      path.replace(at, 2, "[0]");
    row += (row.empty() ? "" : ",") + path;
  }
  out << "rules," << row << "\n";
}

int template_command(const char* name, const CheckOptions& o, const std::string& format,
                     bool subsidy, RuleLibrary& rules, Date today, const Console& console) {
  try {
    if (format != "text" && format != "yaml" && format != "csv") {
      console.err << name << ": "
                  << Text{"--template 只输出 yaml 或 csv", "--template prints yaml or csv only"}.in(
                         o.output.lang)
                  << "\n";
      return static_cast<int>(ExitStatus::error);
    }
    const RulePack& pack = o.rules.empty()
                               ? default_template_pack(rules, "shandong", subsidy, today)
                               : rules.get(o.rules);
    if (std::optional<Text> why = pack.unusable_for(subsidy)) {
      console.err << name << ": " << why->in(o.output.lang) << "\n";
      return static_cast<int>(ExitStatus::error);
    }
    std::vector<std::string> settled;
    if (o.records) settled = facts_records_give(o.records->records());
    if (format == "csv")
      write_template_csv(pack, subsidy, console.out, settled);
    else
      write_template(pack, subsidy, o.output.lang, console.out, settled);
    return 0;
  } catch (const InputError& e) {
    console.err << name << ": " << format_gnu(e.diagnostic(), o.output.lang) << "\n";
    return static_cast<int>(ExitStatus::error);
  }
}

}  // namespace sbc
