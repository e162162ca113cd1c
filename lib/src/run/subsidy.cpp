#include "sbc/run/subsidy.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "base/files.hpp"
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
  if (form == FormStyle::pdf) return render_package_pdf(r);
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

// Where the PDF packages go: one file per case in a directory, or the one case's file to
// `destination` (standard output when empty) once the batch is over.
class PdfFiles {
 public:
  explicit PdfFiles(const std::string& destination) : destination_(destination) {
    std::error_code ec;
    directory_ = !destination.empty() && std::filesystem::is_directory(destination, ec);
  }
  bool directory() const { return directory_; }

  // In a directory: writes the case's file (named after its input, "-2" and on for the later
  // documents of a file) and returns its path as the case's line of output.
  std::string write(const Case& c, const std::string& pdf) const {
    std::string name = c.file == "-" ? "stdin" : std::filesystem::path(c.file).stem().string();
    if (c.index > 0) name += fmt::format("-{}", c.index + 1);
    std::string path = (std::filesystem::path(destination_) / (name + ".pdf")).string();
    if (std::optional<std::string> why = write_atomically(path, pdf))
      throw InputError(Diagnostic{Severity::error,
                                  path,
                                  {},
                                  "",
                                  {"无法写入文件：" + *why, "cannot write the file: " + *why}});
    return path + "\n";
  }

  // Not a directory: the batch's one case, kept until the batch is over.
  void keep(const Rendered& r) {
    if (++cases_ == 1) pdf_ = r.output;
  }
  void finish(std::ostream& out) const {
    if (directory_ || cases_ == 0) return;
    if (cases_ > 1)
      throw InputError(Diagnostic{
          Severity::error,
          destination_.empty() ? "standard output" : destination_,
          {},
          "",
          {fmt::format("--form pdf 把一个案例写成一个文件；{} 个案例请用 --output 目录", cases_),
           fmt::format("--form pdf writes one case to a file; for {} cases give --output DIR",
                       cases_)}});
    if (destination_.empty()) {
      out << pdf_ << std::flush;
    } else if (std::optional<std::string> why = write_atomically(destination_, pdf_)) {
      throw InputError(Diagnostic{Severity::error,
                                  destination_,
                                  {},
                                  "",
                                  {"无法写入文件：" + *why, "cannot write the file: " + *why}});
    }
  }

 private:
  std::string destination_;
  bool directory_ = false;
  size_t cases_ = 0;
  std::string pdf_;
};

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
  std::optional<PdfFiles> pdf;
  if (options.form == FormStyle::pdf) {
    pdf.emplace(o.file);
    if (!pdf->directory()) batch.deliver = [&pdf](const Rendered& r) { pdf->keep(r); };
  }
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
    if (pdf && pdf->directory()) done.output = pdf->write(r.input, done.output);
    return done;
  });
  if (pdf) pdf->finish(out);
  if (documents) documents->close(round ? &*round : nullptr);
  if (options.form == FormStyle::html) out << package_html_tail();
  if (round && !form && !o.quiet && (o.format == Format::text || o.format == Format::markdown))
    out << round_section(*round, o, summary.total) << std::flush;
  return summary;
}

}  // namespace sbc
