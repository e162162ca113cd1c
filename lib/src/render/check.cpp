#include "sbc/render/check.hpp"

#include <fmt/format.h>

#include "render/pieces.hpp"
#include "sbc/base/json.hpp"

namespace sbc {

ExitStatus exit_status(const CheckResult& r) {
  if (!r.verdict) return ExitStatus::error;
  switch (r.verdict->outcome) {
    case Outcome::eligible:
      return ExitStatus::ok;
    case Outcome::ineligible:
      return ExitStatus::failed;
    case Outcome::undetermined:
      return ExitStatus::undetermined;
  }
  return ExitStatus::error;
}

namespace {

// How a path reads: the group's name, or the group's name and the condition that carries it.
Text path_name(const Verdict& v, const std::string& path) {
  const Recognition& rec = v.pack->recognition;
  if (auto it = rec.groups.find(path); it != rec.groups.end()) return it->second;
  for (const Condition& c : rec.conditions) {
    if (c.id != path) continue;
    auto g = rec.groups.find(c.group);
    Text group = g != rec.groups.end() ? g->second : Text{c.group, c.group};
    return {fmt::format("{}（{}，{}）", group.zh, c.clause, c.id),
            fmt::format("{} ({}, {})", group.en, c.clause, c.id)};
  }
  return {path, path};
}

std::string verdict_line(const CheckResult& r, const OutputOptions& o) {
  bool zh = o.lang == Lang::zh;
  if (!r.verdict)
    return fmt::format("{}: {}\n", case_name(r.input),
                       paint(zh ? "无法评估 (error)" : "error", "1;31", o.color));
  const Verdict& v = *r.verdict;
  std::string word;
  const char* ansi = "1;33";
  switch (v.outcome) {
    case Outcome::eligible:
      word = zh ? "符合认定条件 (eligible)" : "eligible";
      ansi = "1;32";
      break;
    case Outcome::ineligible:
      word = zh ? "不符合认定条件 (ineligible)" : "ineligible";
      ansi = "1;31";
      break;
    case Outcome::undetermined:
      word = zh ? "待定，缺少事实 (undetermined)" : "undetermined: facts missing";
      break;
  }
  std::string via;
  if (!v.path.empty()) via = (zh ? "，途径：" : " via ") + path_name(v, v.path).in(o.lang);
  return fmt::format("{}: {}{} [{}]\n", case_name(r.input), paint(word, ansi, o.color), via,
                     v.pack->id);
}

}  // namespace

std::string render_text(const CheckResult& r, const OutputOptions& o) {
  bool zh = o.lang == Lang::zh;
  std::string out = verdict_line(r, o);
  if (o.quiet) return out;
  for (const Diagnostic& d : r.errors) out += "  " + format_gnu(d, o.lang) + "\n";
  if (!r.verdict) return out;
  const Verdict& v = *r.verdict;
  for (const std::string& w : case_warnings(r.input, o.lang)) out += "  " + w + "\n";
  if (o.explain) out += records_lines(r.input, o.lang);
  auto shown = [&](const ConditionResult& c) {
    if (o.explain) return true;
    if (!v.nearest) return false;
    const auto& n = *v.nearest;
    return std::find(n.failing.begin(), n.failing.end(), c.condition->id) != n.failing.end() ||
           std::find(n.unknown.begin(), n.unknown.end(), c.condition->id) != n.unknown.end();
  };
  for (const ConditionResult& c : v.conditions) {
    if (!shown(c)) continue;
    out += fmt::format("  {} {} ({}): {}\n", tri_mark(c.result), c.condition->id,
                       c.condition->clause, c.message.in(o.lang));
    if (!o.explain) continue;
    out += fmt::format("      {}{}\n", zh ? "条文：" : "rule: ", c.condition->text.in(o.lang));
    if (c.condition->status != "confirmed")
      out +=
          fmt::format("      {}{}\n", zh ? "出处状态：" : "source status: ", c.condition->status);
    for (const FactUse& f : c.facts)
      out += fmt::format("      {} = {}{}\n", f.path, f.value,
                         f.source.empty() ? "" : (zh ? "（记录 " : " (record ") + f.source + ")");
  }
  if (v.nearest) {
    const Nearest& n = *v.nearest;
    out += fmt::format("  {}{}",
                       zh ? "最近的途径：" : "nearest path: ", path_name(v, n.path).in(o.lang));
    if (!n.failing.empty())
      out += fmt::format("{}{}", zh ? "；需满足 " : "; to meet: ", fmt::join(n.failing, ", "));
    if (!n.missing.empty())
      out +=
          fmt::format("{}{}", zh ? "；需补充 " : "; facts to supply: ", fmt::join(n.missing, ", "));
    out += "\n";
  }
  for (const Text& w : v.warnings)
    out += fmt::format("  {}{}\n", zh ? "! 注意：" : "! warning: ", w.in(o.lang));
  return out;
}

void write_condition(JsonWriter& j, const ConditionResult& c, Lang lang) {
  j.begin_object().key("id").value(c.condition->id).key("clause").value(c.condition->clause);
  j.key("group").value(c.condition->group).key("status").value(c.condition->status);
  j.key("result").value(to_string(c.result)).key("message").value(c.message.in(lang));
  j.key("facts").begin_object();
  for (const FactUse& f : c.facts) j.key(f.path).value(f.value);
  j.end_object();
  if (std::any_of(c.facts.begin(), c.facts.end(),
                  [](const FactUse& f) { return !f.source.empty(); })) {
    j.key("sources").begin_object();
    for (const FactUse& f : c.facts)
      if (!f.source.empty()) j.key(f.path).value(f.source);
    j.end_object();
  }
  j.key("short_by").string_or_null(c.short_by ? plain(*c.short_by) : "");
  j.key("missing").strings(c.missing);
  j.key("notes").begin_array();
  for (const Text& n : c.notes) j.value(n.in(lang));
  j.end_array().end_object();
}

std::string error_json(const Case& c, const std::vector<Diagnostic>& errors, Lang lang,
                       bool pretty) {
  JsonWriter j(pretty, pretty ? 1 : 0);
  j.begin_object().key("case").value(c.file).key("index").value(c.index);
  const Diagnostic& d = errors.front();
  j.key("error").begin_object().key("line").value(d.mark.line).key("column").value(d.mark.column);
  j.key("path").value(d.path).key("message").value(d.message.in(lang)).end_object();
  j.key("errors").begin_array();
  for (const Diagnostic& e : errors) j.value(format_gnu(e, lang));
  j.end_array();
  return j.end_object().release();
}

std::vector<std::string> case_warnings(const Case& c, Lang lang) {
  std::vector<std::string> out;
  for (const Diagnostic& d : c.problems)
    if (d.severity == Severity::warning) out.push_back(format_gnu(d, lang));
  return out;
}

std::string records_lines(const Case& c, Lang lang) {
  std::string out;
  for (const RecordedFact& r : c.recorded) {
    if (r.effect == RecordedFact::Effect::unchecked) continue;  // a warning says it
    Text effect = r.effect == RecordedFact::Effect::confirmed ? Text{"与记录相符", "confirmed"}
                  : r.effect == RecordedFact::Effect::settled ? Text{"由记录确定", "settled"}
                                                              : Text{"与记录不符", "contradicted"};
    out += lang == Lang::zh
               ? fmt::format("  记录 {}（{}）：{}\n", r.path, effect.zh, r.message.zh)
               : fmt::format("  records: {} {}: {}\n", r.path, effect.en, r.message.en);
  }
  return out;
}

void write_records(JsonWriter& j, const Case& c, Lang lang) {
  if (c.recorded.empty()) return;
  j.key("records").begin_array();
  for (const RecordedFact& r : c.recorded)
    j.begin_object()
        .key("fact")
        .value(r.path)
        .key("effect")
        .value(to_string(r.effect))
        .key("source")
        .string_or_null(r.source)
        .key("message")
        .value(r.message.in(lang))
        .end_object();
  j.end_array();
}

std::string render_json(const CheckResult& r, const OutputOptions& o, bool pretty) {
  if (!r.verdict) return error_json(r.input, r.errors, o.lang, pretty);
  const Verdict& v = *r.verdict;
  JsonWriter j(pretty, pretty ? 1 : 0);
  j.begin_object().key("case").value(r.input.file).key("index").value(r.input.index);
  j.key("rules").value(v.pack->id).key("rules_version").value(v.pack->version);
  j.key("rules_sha256").value(v.pack->sha256).key("sbc_version").value(SBC_VERSION);
  j.key("as_of").string_or_null(v.as_of ? format(*v.as_of) : "");
  j.key("verdict").value(to_string(v.outcome)).key("path").string_or_null(v.path);
  j.key("conditions").begin_array();
  for (const ConditionResult& c : v.conditions) write_condition(j, c, o.lang);
  j.end_array();
  j.key("missing").strings(v.missing);
  j.key("nearest");
  if (v.nearest) {
    j.begin_object().key("path").value(v.nearest->path).key("failing").strings(v.nearest->failing);
    j.key("unknown")
        .strings(v.nearest->unknown)
        .key("missing")
        .strings(v.nearest->missing)
        .end_object();
  } else {
    j.null();
  }
  write_records(j, r.input, o.lang);
  std::vector<std::string> warnings = case_warnings(r.input, o.lang);
  for (const Text& w : v.warnings) warnings.push_back(w.in(o.lang));
  j.key("warnings").strings(warnings);
  return j.end_object().release();
}

const char* const kCheckCsvHeader = "file,index,applicant,product,verdict,path,failing\n";

std::string render_csv(const CheckResult& r) {
  auto fact = [&](const char* path) {
    const Value* v = r.input.fact(path);
    return v ? render_value(*v) : std::string();
  };
  std::string verdict = r.verdict ? to_string(r.verdict->outcome) : "error";
  std::vector<std::string> failing;
  if (r.verdict && r.verdict->nearest) failing = r.verdict->nearest->failing;
  return csv_row({r.input.file, std::to_string(r.input.index), fact("applicant.name"),
                  fact("software.name") +
                      (fact("software.version").empty() ? "" : " " + fact("software.version")),
                  verdict, r.verdict ? r.verdict->path : "",
                  fmt::format("{}", fmt::join(failing, " "))});
}

}  // namespace sbc
