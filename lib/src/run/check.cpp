#include "sbc/run/check.hpp"

#include <fmt/format.h>

#include "sbc/base/json.hpp"
#include "sbc/batch/batch.hpp"
#include "sbc/render/ci.hpp"
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
    if (auto why = pack.unusable_for(false))
      throw InputError(Diagnostic{Severity::error, r.input.file, r.input.mark, "rules", *why});
    r.verdict = evaluate(pack, r.input, options.as_of);
  } catch (const InputError& e) {
    r.errors.push_back(e.diagnostic());
  }
  return r;
}

BatchSummary run_check(const std::vector<std::string>& inputs, const CheckOptions& options,
                       RuleLibrary& rules, std::istream& in, std::ostream& out,
                       std::function<void(size_t)> on_progress) {
  const OutputOptions& o = options.output;
  std::optional<CiFormat> ci = ci_format(o.format);
  // The CI formats report each case as a test of its own: the round (a flag changes no verdict) is
  // not theirs.
  std::optional<Round> round;
  if (options.round && !ci) round.emplace();
  std::string header = ci                        ? ci_header(*ci, "sbc-check")
                       : o.format == Format::csv ? kCheckCsvHeader
                                                 : "";
  if (round && o.format == Format::csv) header.insert(header.size() - 1, round_csv_columns(false));
  BatchOptions batch{options.read,
                     options.jobs,
                     o.format == Format::json,
                     header,
                     std::move(on_progress),
                     ci ? ci_separator(*ci) : "",
                     {},
                     nullptr,
                     {}};
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
    batch.finish = [&round, style](size_t ordinal, Rendered& r) {
      finish_for_round(r, ordinal, *round, style);
    };
  }
  BatchSummary summary = run_batch(inputs, batch, in, out, [&](Case&& c) {
    CheckResult r = check_case(std::move(c), rules, options);
    RoundRecord entry = round ? prepare(round_entry(r)) : RoundRecord{};
    if (book || page)
      return Rendered{
          "", exit_status(r),           r.verdict ? to_string(r.verdict->outcome) : "error",
          {}, workbook_rows(r, o.lang), std::move(entry)};
    std::string text;
    switch (o.format) {
      case Format::json:
        text = render_json(r, o, true);
        break;
      case Format::jsonl:
        text = render_json(r, o, false) + "\n";
        break;
      case Format::csv:
        text = render_csv(r);
        break;
      case Format::junit:
      case Format::sarif:
      case Format::github:
        text = render_ci(ci_case(r, o.lang), *ci, "sbc-check");
        break;
      default:
        text = render_text(r, o);
        break;
    }
    return Rendered{std::move(text),
                    exit_status(r),
                    r.verdict ? to_string(r.verdict->outcome) : "error",
                    {},
                    {},
                    std::move(entry)};
  });
  if (ci) out << ci_footer(*ci) << std::flush;
  close_tables(book, page, round ? &*round : nullptr);
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
