#include "sbc/run/check.hpp"

#include <fmt/format.h>

#include "run/documents.hpp"
#include "sbc/base/json.hpp"
#include "sbc/batch/batch.hpp"
#include "sbc/render/ci.hpp"

namespace sbc {

const RulePack& choose_pack(RuleLibrary& rules, const Case& c, const CheckOptions& options) {
  return options.rules.empty() ? rules.for_case(c, options.as_of) : rules.get(options.rules);
}

void load_records(const char* name, const std::vector<std::string>& paths, CheckOptions& o,
                  std::ostream& err) {
  Records records;
  std::vector<Diagnostic> problems;
  for (const std::string& path : paths) records.read(path, o.read.limits, problems);
  for (const Diagnostic& d : problems) err << name << ": " << format_gnu(d, o.output.lang) << "\n";
  o.records_unreadable = o.records_unreadable || has_errors(problems);
  o.records = std::make_shared<const RecordIndex>(std::move(records));
}

void settle(Case& c, const CheckOptions& options) {
  if (options.records) settle_from_records(*options.records, c);
}

CheckResult check_case(Case c, RuleLibrary& rules, const CheckOptions& options) {
  CheckResult r{std::move(c), std::nullopt, {}};
  r.errors = r.input.errors();
  if (!r.errors.empty()) return r;
  settle(r.input, options);
  try {
    const RulePack& pack = choose_pack(rules, r.input, options);
    if (auto why = pack.unusable_for(false))
      throw InputError(Diagnostic{Severity::error, r.input.file, r.input.mark, "rules", *why});
    r.verdict = evaluate(pack, r.input, options.as_of, options.explain);
  } catch (const InputError& e) {
    r.errors.push_back(e.diagnostic());
  }
  return r;
}

namespace {

// One case's output in a stream format: JSON, JSONL, CSV, a CI format, else text.
std::string render_check(const CheckResult& r, const OutputOptions& o, std::optional<CiFormat> ci) {
  switch (o.format) {
    case Format::json:
      return render_json(r, o, true);
    case Format::jsonl:
      return render_json(r, o, false) + "\n";
    case Format::csv:
      return render_csv(r);
    case Format::junit:
    case Format::sarif:
    case Format::github:
      return render_ci(ci_case(r, o.lang), *ci, "sbc-check");
    default:
      return render_text(r, o);
  }
}

}  // namespace

BatchSummary run_check(const std::vector<std::string>& inputs, const CheckOptions& checking,
                       RuleLibrary& rules, std::istream& in, std::ostream& out,
                       std::function<void(size_t)> on_progress) {
  CheckOptions options = checking;
  const OutputOptions& o = options.output;
  options.explain = Languages::only(o.lang);  // every output of sbc-check shows one language
  std::optional<CiFormat> ci = ci_format(o.format);
  // The CI formats report each case as a test of its own: the round (a flag changes no verdict) is
  // not theirs.
  std::optional<Round> round;
  if (options.round && !ci) round.emplace();
  BatchOptions batch;
  batch.read = options.read;
  batch.jobs = options.jobs;
  batch.json_array = o.format == Format::json;
  batch.header = ci ? ci_header(*ci, "sbc-check") : o.format == Format::csv ? kCheckCsvHeader : "";
  if (round && o.format == Format::csv)
    batch.header.insert(batch.header.size() - 1, round_csv_columns(false));
  batch.on_progress = std::move(on_progress);
  batch.separator = ci ? ci_separator(*ci) : "";
  BatchDocuments documents(o, false, options.as_of, round.has_value(), out, batch);
  if (round) finish_with_round(batch, *round, RoundStyle{&o, false, FormStyle::none});
  BatchSummary summary = run_batch(inputs, batch, in, out, [&](Case&& c) {
    CheckResult r = check_case(std::move(c), rules, options);
    Rendered done{"", exit_status(r), r.verdict ? to_string(r.verdict->outcome) : "error", {}, {},
                  {}};
    if (round) done.round = prepare(round_entry(r));
    if (documents.open())
      done.rows = workbook_rows(r, o.lang);
    else
      done.output = render_check(r, o, ci);
    return done;
  });
  if (ci) out << ci_footer(*ci) << std::flush;
  documents.close(round ? &*round : nullptr);
  if (round && o.format == Format::text && !o.quiet)
    out << round_text(*round, o, false, summary.total) << std::flush;
  return summary;
}

void list_rules(RuleLibrary& rules, const OutputOptions& o, std::ostream& out) {
  std::vector<const RulePack*> packs = rules.builtins();
  if (o.format == Format::text) {
    for (const RulePack* p : packs) {
      out << fmt::format("{:<16} v{}  {}{}  {} .. {}  {}\n", p->id, p->version, p->jurisdiction,
                         p->city.empty() ? "" : "/" + p->city, format(p->effective_from),
                         format(p->effective_to), p->title.in(o.lang));
      out << fmt::format(
          "{:<16} {}{}{}{}\n", "", o.lang == Lang::zh ? "来源：" : "source: ", p->source_document,
          p->source_published.empty()
              ? ""
              : (o.lang == Lang::zh ? "；发布：" : "; published by ") + p->source_published,
          p->last_reviewed
              ? fmt::format("  ({} {})", o.lang == Lang::zh ? "复核于" : "last reviewed",
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
    j.begin_object()
        .key("id")
        .value(p->id)
        .key("version")
        .value(p->version)
        .key("title")
        .value(p->title.in(o.lang));
    j.key("jurisdiction").value(p->jurisdiction).key("city").string_or_null(p->city);
    j.key("effective_from").value(format(p->effective_from));
    j.key("effective_to").value(format(p->effective_to)).key("source").value(p->source_document);
    j.key("published").string_or_null(p->source_published);
    j.key("last_reviewed")
        .string_or_null(p->last_reviewed ? format(*p->last_reviewed) : "")
        .end_object();
    out << (pretty ? (first ? "\n  " : ",\n  ") : "") << j.str() << (pretty ? "" : "\n");
    first = false;
  }
  if (pretty) out << "\n]\n";
}

}  // namespace sbc
