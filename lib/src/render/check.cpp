#include "sbc/run/check.hpp"

#include <fmt/format.h>

#include "sbc/batch/batch.hpp"
#include "sbc/base/json.hpp"
#include "render/pieces.hpp"
#include "sbc/review/html_report.hpp"
#include "sbc/review/round_report.hpp"
#include "sbc/review/workbook.hpp"

namespace sbc {

const RulePack& choose_pack(RuleLibrary& rules, const Case& c, const CheckOptions& options) {
  return options.rules.empty() ? rules.for_case(c, options.as_of) : rules.get(options.rules);
}

CheckResult check_case(Case c, RuleLibrary& rules, const CheckOptions& options) {
  CheckResult r{std::move(c), std::nullopt, {}};
  r.errors = r.input.errors();
  if (!r.errors.empty()) return r;
  try {
    const RulePack& pack = choose_pack(rules, r.input, options);
    if (auto why = pack.unusable_for(false)) throw InputError(Diagnostic{Severity::error, r.input.file, r.input.mark, "rules", *why});
    r.verdict = evaluate(pack, r.input, options.as_of);
  } catch (const InputError& e) {
    r.errors.push_back(e.diagnostic());
  }
  return r;
}

ExitStatus exit_status(const CheckResult& r) {
  if (!r.verdict) return ExitStatus::error;
  switch (r.verdict->outcome) {
    case Outcome::eligible: return ExitStatus::ok;
    case Outcome::ineligible: return ExitStatus::failed;
    case Outcome::undetermined: return ExitStatus::undetermined;
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
    return {fmt::format("{}（{}，{}）", group.zh, c.clause, c.id), fmt::format("{} ({}, {})", group.en, c.clause, c.id)};
  }
  return {path, path};
}

std::string verdict_line(const CheckResult& r, const OutputOptions& o) {
  bool zh = o.lang == Lang::zh;
  if (!r.verdict)
    return fmt::format("{}: {}\n", case_name(r.input), paint(zh ? "无法评估 (error)" : "error", "1;31", o.color));
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
    case Outcome::undetermined: word = zh ? "待定，缺少事实 (undetermined)" : "undetermined: facts missing"; break;
  }
  std::string via;
  if (!v.path.empty()) via = (zh ? "，途径：" : " via ") + path_name(v, v.path).in(o.lang);
  return fmt::format("{}: {}{} [{}]\n", case_name(r.input), paint(word, ansi, o.color), via, v.pack->id);
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
  auto shown = [&](const ConditionResult& c) {
    if (o.explain) return true;
    if (!v.nearest) return false;
    const auto& n = *v.nearest;
    return std::find(n.failing.begin(), n.failing.end(), c.condition->id) != n.failing.end() ||
           std::find(n.unknown.begin(), n.unknown.end(), c.condition->id) != n.unknown.end();
  };
  for (const ConditionResult& c : v.conditions) {
    if (!shown(c)) continue;
    out += fmt::format("  {} {} ({}): {}\n", tri_mark(c.result), c.condition->id, c.condition->clause, c.message.in(o.lang));
    if (!o.explain) continue;
    out += fmt::format("      {}{}\n", zh ? "条文：" : "rule: ", c.condition->text.in(o.lang));
    if (c.condition->status != "confirmed")
      out += fmt::format("      {}{}\n", zh ? "出处状态：" : "source status: ", c.condition->status);
    for (const FactUse& f : c.facts) out += fmt::format("      {} = {}\n", f.path, f.value);
  }
  if (v.nearest) {
    const Nearest& n = *v.nearest;
    out += fmt::format("  {}{}", zh ? "最近的途径：" : "nearest path: ", path_name(v, n.path).in(o.lang));
    if (!n.failing.empty()) out += fmt::format("{}{}", zh ? "；需满足 " : "; to meet: ", fmt::join(n.failing, ", "));
    if (!n.missing.empty()) out += fmt::format("{}{}", zh ? "；需补充 " : "; facts to supply: ", fmt::join(n.missing, ", "));
    out += "\n";
  }
  for (const Text& w : v.warnings) out += fmt::format("  {}{}\n", zh ? "! 注意：" : "! warning: ", w.in(o.lang));
  return out;
}

void write_condition(JsonWriter& j, const ConditionResult& c, Lang lang) {
  j.begin_object().key("id").value(c.condition->id).key("clause").value(c.condition->clause);
  j.key("group").value(c.condition->group).key("status").value(c.condition->status);
  j.key("result").value(to_string(c.result)).key("message").value(c.message.in(lang));
  j.key("facts").begin_object();
  for (const FactUse& f : c.facts) j.key(f.path).value(f.value);
  j.end_object();
  j.key("short_by").string_or_null(c.short_by ? plain(*c.short_by) : "");
  j.key("missing").strings(c.missing);
  j.key("notes").begin_array();
  for (const Text& n : c.notes) j.value(n.in(lang));
  j.end_array().end_object();
}

std::string error_json(const Case& c, const std::vector<Diagnostic>& errors, Lang lang, bool pretty) {
  JsonWriter j(pretty, pretty ? 1 : 0);
  j.begin_object().key("case").value(c.file).key("index").value(c.index);
  const Diagnostic& d = errors.front();
  j.key("error").begin_object().key("line").value(d.mark.line).key("column").value(d.mark.column);
  j.key("path").value(d.path).key("message").value(d.message.in(lang)).end_object();
  j.key("errors").begin_array();
  for (const Diagnostic& e : errors) j.value(format_gnu(e, lang));
  j.end_array();
  return j.end_object().str();
}

std::vector<std::string> case_warnings(const Case& c, Lang lang) {
  std::vector<std::string> out;
  for (const Diagnostic& d : c.problems)
    if (d.severity == Severity::warning) out.push_back(format_gnu(d, lang));
  return out;
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
    j.key("unknown").strings(v.nearest->unknown).key("missing").strings(v.nearest->missing).end_object();
  } else {
    j.null();
  }
  std::vector<std::string> warnings = case_warnings(r.input, o.lang);
  for (const Text& w : v.warnings) warnings.push_back(w.in(o.lang));
  j.key("warnings").strings(warnings);
  return j.end_object().str();
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
                  fact("software.name") + (fact("software.version").empty() ? "" : " " + fact("software.version")),
                  verdict, r.verdict ? r.verdict->path : "", fmt::format("{}", fmt::join(failing, " "))});
}

std::optional<CiFormat> ci_format(Format f) {
  switch (f) {
    case Format::junit: return CiFormat::junit;
    case Format::sarif: return CiFormat::sarif;
    case Format::github: return CiFormat::github;
    default: return std::nullopt;
  }
}

CiCase ci_case(const CheckResult& r, Lang lang) {
  CiCase out{r.input.file, case_name(r.input), {}};
  using Result = CiTest::Result;
  if (!r.verdict) {
    for (const Diagnostic& d : r.errors)
      out.tests.push_back({d.path.empty() ? "case" : d.path, Result::error, d.mark, d.message.in(lang)});
    return out;
  }
  const Verdict& v = *r.verdict;
  Result verdict = v.outcome == Outcome::eligible ? Result::passed : v.outcome == Outcome::ineligible ? Result::failed
                                                                                                      : Result::skipped;
  std::string why = v.outcome == Outcome::eligible ? std::string(to_string(v.outcome)) + " (" + v.path + ")"
                                                   : std::string(to_string(v.outcome));
  if (v.nearest && !v.nearest->failing.empty()) why += "; to meet: " + fmt::format("{}", fmt::join(v.nearest->failing, ", "));
  if (!v.missing.empty()) why += "; facts to supply: " + fmt::format("{}", fmt::join(v.missing, ", "));
  out.tests.push_back({"verdict", verdict, r.input.mark, why});
  auto listed = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  for (const ConditionResult& c : v.conditions) {
    Mark where = r.input.mark;
    for (const FactUse& f : c.facts)
      if (const Value* fact = r.input.fact(f.path.substr(0, f.path.find('[')))) {
        where = fact->mark;
        break;
      }
    Result result = Result::passed;
    if (c.result != Tri::pass) {
      bool needed = v.nearest && (listed(v.nearest->failing, c.condition->id) || listed(v.nearest->unknown, c.condition->id));
      result = !needed ? Result::not_needed : c.result == Tri::fail ? Result::failed : Result::skipped;
    }
    out.tests.push_back({c.condition->id, result, where,
                         fmt::format("{} ({}): {}", to_string(c.result), c.condition->clause, c.message.in(lang))});
  }
  return out;
}

BatchSummary run_check(const std::vector<std::string>& inputs, const CheckOptions& options, RuleLibrary& rules,
                       std::istream& in, std::ostream& out, std::function<void(size_t)> on_progress) {
  const OutputOptions& o = options.output;
  std::optional<CiFormat> ci = ci_format(o.format);
  // The CI formats report each case as a test of its own: the round (a flag changes no verdict) is
  // not theirs.
  std::optional<Round> round;
  if (options.round && !ci) round.emplace();
  std::string header = ci ? ci_header(*ci, "sbc-check") : o.format == Format::csv ? kCheckCsvHeader : "";
  if (round && o.format == Format::csv) header.insert(header.size() - 1, round_csv_columns(false));
  BatchOptions batch{options.read, options.jobs, o.format == Format::json, header, std::move(on_progress),
                     ci ? ci_separator(*ci) : "", {}, nullptr, {}};
  const std::string as_of = options.as_of ? format(*options.as_of) : "";
  std::optional<WorkbookWriter> book;
  if (o.format == Format::xlsx) {
    book.emplace(o.file, WorkbookInfo{false, o.lang, as_of, o.command_line, round.has_value()});
    batch.deliver = [&](const Rendered& r) { book->add(r.rows); };
  }
  std::optional<HtmlReportWriter> page;
  if (o.format == Format::html) {
    page.emplace(out, HtmlReportInfo{false, o.lang, as_of, o.command_line, round.has_value()});
    batch.deliver = [&](const Rendered& r) { page->add(r.rows); };
  }
  if (round) {
    batch.round = &*round;
    RoundStyle style{&o, false, FormStyle::none};
    batch.finish = [&round, style](size_t ordinal, Rendered& r) { finish_for_round(r, ordinal, *round, style); };
  }
  BatchSummary summary = run_batch(inputs, batch, in, out, [&](Case&& c) {
    CheckResult r = check_case(std::move(c), rules, options);
    RoundRecord entry = round ? prepare(round_entry(r)) : RoundRecord{};
    if (book || page)
      return Rendered{"", exit_status(r), r.verdict ? to_string(r.verdict->outcome) : "error", {}, workbook_rows(r, o.lang),
                      std::move(entry)};
    std::string text;
    switch (o.format) {
      case Format::json: text = render_json(r, o, true); break;
      case Format::jsonl: text = render_json(r, o, false) + "\n"; break;
      case Format::csv: text = render_csv(r); break;
      case Format::junit:
      case Format::sarif:
      case Format::github: text = render_ci(ci_case(r, o.lang), *ci, "sbc-check"); break;
      default: text = render_text(r, o); break;
    }
    return Rendered{std::move(text), exit_status(r), r.verdict ? to_string(r.verdict->outcome) : "error", {}, {},
                    std::move(entry)};
  });
  if (ci) out << ci_footer(*ci) << std::flush;
  close_tables(book, page, round ? &*round : nullptr);
  if (round && o.format == Format::text && !o.quiet) out << round_text(*round, o, false, summary.total) << std::flush;
  return summary;
}

void list_rules(RuleLibrary& rules, const OutputOptions& o, std::ostream& out) {
  std::vector<const RulePack*> packs = rules.builtins();
  if (o.format == Format::text) {
    for (const RulePack* p : packs) {
      out << fmt::format("{:<16} v{}  {}{}  {} .. {}  {}\n", p->id, p->version, p->jurisdiction, p->city.empty() ? "" : "/" + p->city,
                         format(p->effective_from), format(p->effective_to), p->title.in(o.lang));
      out << fmt::format("{:<16} {}{}{}{}\n", "", o.lang == Lang::zh ? "来源：" : "source: ", p->source_document,
                         p->source_published.empty() ? "" : (o.lang == Lang::zh ? "；发布：" : "; published by ") + p->source_published,
                         p->last_reviewed ? fmt::format("  ({} {})", o.lang == Lang::zh ? "复核于" : "last reviewed",
                                                        format(*p->last_reviewed))
                                          : "");
    }
    return;
  }
  bool pretty = o.format == Format::json;
  if (pretty) out << "[";
  bool first = true;
  for (const RulePack* p : packs) {
    JsonWriter j(pretty, pretty ? 1 : 0);
    j.begin_object().key("id").value(p->id).key("version").value(p->version).key("title").value(p->title.in(o.lang));
    j.key("jurisdiction").value(p->jurisdiction).key("city").string_or_null(p->city);
    j.key("effective_from").value(format(p->effective_from));
    j.key("effective_to").value(format(p->effective_to)).key("source").value(p->source_document);
    j.key("published").string_or_null(p->source_published);
    j.key("last_reviewed").string_or_null(p->last_reviewed ? format(*p->last_reviewed) : "").end_object();
    out << (pretty ? (first ? "\n  " : ",\n  ") : "") << j.str() << (pretty ? "" : "\n");
    first = false;
  }
  if (pretty) out << "\n]\n";
}

}  // namespace sbc
