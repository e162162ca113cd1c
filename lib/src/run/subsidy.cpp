#include "sbc/run/subsidy.hpp"

#include <fmt/format.h>

#include "run/documents.hpp"
#include "sbc/batch/batch.hpp"
#include "sbc/package/package.hpp"

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

namespace {

// One case's output: the package (--form), else the report in a stream format.
std::string render_subsidy(const SubsidyResult& r, const OutputOptions& o, FormStyle form) {
  if (form == FormStyle::html) return render_package_html(r);
  if (form == FormStyle::markdown) return render_package_markdown(r);
  switch (o.format) {
    case Format::text:
      return render_text(r, o);
    case Format::markdown:
      return render_markdown(r, o);
    case Format::csv:
      return render_csv(r);
    default:
      return render_json(r, o, o.format == Format::json) + (o.format == Format::jsonl ? "\n" : "");
  }
}

// The round after the cases, in text or (as a fenced block: case text stays inert) Markdown.
std::string round_section(const Round& round, const OutputOptions& o, Money payable_total) {
  std::string section = round_text(round, o, true, payable_total);
  if (o.format == Format::markdown && !section.empty())
    section = fmt::format("## {}\n\n```\n{}```\n", o.lang == Lang::zh ? "本轮" : "The round",
                          section.substr(1));
  return section;
}

}  // namespace

BatchSummary run_subsidy(const std::vector<std::string>& inputs, const SubsidyOptions& options,
                         RuleLibrary& rules, std::istream& in, std::ostream& out,
                         std::function<void(size_t)> on_progress) {
  const OutputOptions& o = options.common.output;
  bool form = options.form != FormStyle::none;
  std::optional<Round> round;
  if (options.common.round) round.emplace();
  BatchOptions batch;
  batch.read = options.common.read;
  batch.jobs = options.common.jobs;
  batch.json_array = o.format == Format::json && !form;
  if (o.format == Format::csv && !form) {
    batch.header = kSubsidyCsvHeader;
    if (round) batch.header.insert(batch.header.size() - 1, round_csv_columns(true));
  }
  if (options.form == FormStyle::html) batch.header = package_html_head();
  batch.on_progress = std::move(on_progress);
  std::optional<BatchDocuments> documents;  // the package takes the place of any report
  if (!form) documents.emplace(o, true, options.common.as_of, round.has_value(), out, batch);
  if (round) finish_with_round(batch, *round, RoundStyle{&o, true, options.form});
  BatchSummary summary = run_batch(inputs, batch, in, out, [&](Case&& c) {
    SubsidyResult r = subsidy_case(std::move(c), rules, options);
    Rendered done{"",
                  exit_status(r),
                  r.verdict ? to_string(r.verdict->outcome) : "error",
                  r.verdict ? r.verdict->subsidy : Money{},
                  {},
                  {}};
    if (round) done.round = prepare(round_entry(r));
    if (documents && documents->open())
      done.rows = workbook_rows(r, o.lang);
    else
      done.output = render_subsidy(r, o, options.form);
    return done;
  });
  if (documents) documents->close(round ? &*round : nullptr);
  if (options.form == FormStyle::html) out << package_html_tail();
  if (round && !form && !o.quiet && (o.format == Format::text || o.format == Format::markdown))
    out << round_section(*round, o, summary.total) << std::flush;
  return summary;
}

}  // namespace sbc
