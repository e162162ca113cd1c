#include "sbc/run/subsidy.hpp"

#include <fmt/format.h>

#include "sbc/batch/batch.hpp"
#include "sbc/package/package.hpp"
#include "sbc/review/html_report.hpp"
#include "sbc/review/round_report.hpp"
#include "sbc/review/workbook.hpp"

namespace sbc {

SubsidyResult subsidy_case(Case c, RuleLibrary& rules, const SubsidyOptions& options) {
  SubsidyResult r{std::move(c), std::nullopt, {}};
  r.errors = r.input.errors();
  if (!r.errors.empty()) return r;
  try {
    const RulePack& pack = choose_pack(rules, r.input, options.common);
    if (auto why = pack.unusable_for(true))
      throw InputError(Diagnostic{Severity::error, r.input.file, r.input.mark, "rules", *why});
    r.verdict = compute_subsidy(pack, r.input, options.common.as_of, options.window);
  } catch (const InputError& e) {
    r.errors.push_back(e.diagnostic());
  }
  return r;
}

BatchSummary run_subsidy(const std::vector<std::string>& inputs, const SubsidyOptions& options,
                         RuleLibrary& rules, std::istream& in, std::ostream& out,
                         std::function<void(size_t)> on_progress) {
  const OutputOptions& o = options.common.output;
  bool form = options.form != FormStyle::none;
  std::optional<Round> round;
  if (options.common.round) round.emplace();
  std::string csv_header = o.format == Format::csv && !form ? kSubsidyCsvHeader : "";
  if (round && !csv_header.empty())
    csv_header.insert(csv_header.size() - 1, round_csv_columns(true));
  BatchOptions batch{options.common.read,
                     options.common.jobs,
                     o.format == Format::json && !form,
                     csv_header,
                     std::move(on_progress),
                     "",
                     {},
                     nullptr,
                     {}};
  if (options.form == FormStyle::html) batch.header = package_html_head();
  const std::optional<Date>& as_of = options.common.as_of;
  std::optional<WorkbookWriter> book;
  if (o.format == Format::xlsx && !form) {
    book.emplace(o.file, WorkbookInfo{true, o.lang, as_of ? format(*as_of) : "", o.command_line,
                                      round.has_value()});
    batch.deliver = [&](const Rendered& r) { book->add(r.rows); };
  }
  std::optional<HtmlReportWriter> page;
  if (o.format == Format::html && !form) {
    page.emplace(out, HtmlReportInfo{true, o.lang, as_of ? format(*as_of) : "", o.command_line,
                                     round.has_value()});
    batch.deliver = [&](const Rendered& r) { page->add(r.rows); };
  }
  if (round) {
    batch.round = &*round;
    RoundStyle style{&o, true, options.form};
    batch.finish = [&round, style](size_t ordinal, Rendered& r) {
      finish_for_round(r, ordinal, *round, style);
    };
  }
  BatchSummary summary = run_batch(inputs, batch, in, out, [&](Case&& c) {
    SubsidyResult r = subsidy_case(std::move(c), rules, options);
    Rendered done{"",
                  exit_status(r),
                  r.verdict ? to_string(r.verdict->outcome) : "error",
                  r.verdict ? r.verdict->subsidy : Money{},
                  {},
                  {}};
    if (round) done.round = prepare(round_entry(r));
    if (book || page)
      done.rows = workbook_rows(r, o.lang);
    else if (options.form == FormStyle::html)
      done.output = render_package_html(r);
    else if (form)
      done.output = render_package_markdown(r);
    else if (o.format == Format::text)
      done.output = render_text(r, o);
    else if (o.format == Format::markdown)
      done.output = render_markdown(r, o);
    else if (o.format == Format::csv)
      done.output = render_csv(r);
    else
      done.output =
          render_json(r, o, o.format == Format::json) + (o.format == Format::jsonl ? "\n" : "");
    return done;
  });
  close_tables(book, page, round ? &*round : nullptr);
  if (options.form == FormStyle::html) out << package_html_tail();
  if (round && !form && !o.quiet && (o.format == Format::text || o.format == Format::markdown)) {
    std::string section = round_text(*round, o, true, summary.total);
    if (o.format == Format::markdown && !section.empty())  // a fenced block: case text stays inert
      section = fmt::format("## {}\n\n```\n{}```\n", o.lang == Lang::zh ? "本轮" : "The round",
                            section.substr(1));
    out << section << std::flush;
  }
  return summary;
}

}  // namespace sbc
