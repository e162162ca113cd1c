#include "sbc/run/subsidy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "base/files.hpp"
#include "run/documents.hpp"
#include "sbc/batch/batch.hpp"
#include "sbc/package/package.hpp"

namespace sbc {

SubsidyResult subsidy_case(Case c, RuleLibrary& rules, const SubsidyOptions& options) {
  SubsidyResult r{std::move(c), std::nullopt, {}};
  r.errors = r.input.errors();
  if (!r.errors.empty()) return r;
  settle(r.input, options.common);
  try {
    const RulePack& pack = choose_pack(rules, r.input, options.common);
    if (auto why = pack.unusable_for(true))
      throw InputError(Diagnostic{Severity::error, r.input.file, r.input.mark, "rules", *why});
    r.verdict = compute_subsidy(pack, r.input, options.common.as_of, options.window,
                                options.common.explain);
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

// Where the packages written as files (PDF, Word) go: one file per case in a directory, or the
// one case's file to `destination` (standard output when empty) once the batch is over.
class PackageFiles {
 public:
  PackageFiles(const std::string& destination, FormStyle form)
      : destination_(destination), form_(form) {
    std::error_code ec;
    directory_ = !destination.empty() && std::filesystem::is_directory(destination, ec);
  }
  bool directory() const { return directory_; }

  // In a directory: writes the case's file (named after its input, "-2" and on for the later
  // documents of a file) and returns its path as the case's line of output.
  std::string write(const Case& c, const std::string& bytes) const {
    std::string name = c.file == "-" ? "stdin" : std::filesystem::path(c.file).stem().string();
    if (c.index > 0) name += fmt::format("-{}", c.index + 1);
    std::string path =
        (std::filesystem::path(destination_) / (name + file_form_extension(form_))).string();
    if (std::optional<std::string> why = write_atomically(path, bytes))
      throw InputError(Diagnostic{Severity::error,
                                  path,
                                  {},
                                  "",
                                  {"无法写入文件：" + *why, "cannot write the file: " + *why}});
    return path + "\n";
  }

  // Not a directory: the batch's one case, kept until the batch is over.
  void keep(const Rendered& r) {
    if (++cases_ == 1) bytes_ = r.output;
  }
  void finish(std::ostream& out) const {
    if (directory_ || cases_ == 0) return;
    const char* form = form_ == FormStyle::pdf ? "pdf" : "docx";
    if (cases_ > 1)
      throw InputError(Diagnostic{
          Severity::error,
          destination_.empty() ? "standard output" : destination_,
          {},
          "",
          {fmt::format("--form {} 把一个案例写成一个文件；{} 个案例请用 --output 目录", form,
                       cases_),
           fmt::format("--form {} writes one case to a file; for {} cases give --output DIR", form,
                       cases_)}});
    if (destination_.empty()) {
      out << bytes_ << std::flush;
    } else if (std::optional<std::string> why = write_atomically(destination_, bytes_)) {
      throw InputError(Diagnostic{Severity::error,
                                  destination_,
                                  {},
                                  "",
                                  {"无法写入文件：" + *why, "cannot write the file: " + *why}});
    }
  }

 private:
  std::string destination_;
  FormStyle form_;
  bool directory_ = false;
  size_t cases_ = 0;
  std::string bytes_;
};

// A case's outcome as the batch counts it (status, verdict, amount), with nothing printed yet.
Rendered outcome_of(const SubsidyResult& r) {
  return Rendered{"",
                  exit_status(r),
                  r.verdict ? to_string(r.verdict->outcome) : "error",
                  r.verdict ? r.verdict->subsidy : Money{},
                  {},
                  {}};
}

// The batch's reading, workers and progress, from the tool's options.
BatchOptions batch_options(const SubsidyOptions& options, std::function<void(size_t)> on_progress) {
  BatchOptions batch;
  batch.read = options.common.read;
  batch.jobs = options.common.jobs;
  batch.on_progress = std::move(on_progress);
  return batch;
}

// The round's note for each case it changed, by file and index: the cases judged once for the
// round alone, nothing drawn. Sets `payable_total` to what the round pays.
std::map<std::pair<std::string, int>, std::string> round_notes(
    const std::vector<std::string>& inputs, const SubsidyOptions& options, RuleLibrary& rules,
    std::istream& in, std::function<void(size_t)> on_progress, Money& payable_total) {
  Round round;
  BatchOptions batch = batch_options(options, std::move(on_progress));
  finish_with_round(batch, round, RoundStyle{&options.common.output, true, FormStyle::pdf});
  std::ostringstream nothing;
  BatchSummary summary = run_batch(inputs, batch, in, nothing, [&](Case&& c) {
    SubsidyResult r = subsidy_case(std::move(c), rules, options);
    Rendered done = outcome_of(r);
    done.round = prepare(round_entry(r));
    return done;
  });
  payable_total = summary.total;
  std::map<std::pair<std::string, int>, std::string> notes;
  for (const EnterpriseRound& g : round.enterprises())
    for (size_t i = 0; g.capped && i < g.cases.size(); ++i)
      notes[{g.files[i], g.indexes[i]}] = package_round_note(g, i);
  return notes;
}

// --form pdf and docx: a file cannot be finished once made, so in a round the cases are read
// twice: for the round, then to make each package with its note. Standard input is read once: its
// packages say nothing of the round.
BatchSummary run_file_packages(const std::vector<std::string>& inputs,
                               const SubsidyOptions& options, RuleLibrary& rules, std::istream& in,
                               std::ostream& out, const std::function<void(size_t)>& on_progress) {
  std::map<std::pair<std::string, int>, std::string> notes;
  Money payable_total;
  bool round = options.common.round && std::find(inputs.begin(), inputs.end(), "-") == inputs.end();
  if (round) notes = round_notes(inputs, options, rules, in, on_progress, payable_total);
  BatchOptions batch = batch_options(options, on_progress);
  PackageFiles files(options.common.output.file, options.form);
  if (!files.directory()) batch.deliver = [&files](const Rendered& r) { files.keep(r); };
  BatchSummary summary = run_batch(inputs, batch, in, out, [&](Case&& c) {
    SubsidyResult r = subsidy_case(std::move(c), rules, options);
    auto at = notes.find({r.input.file, r.input.index});
    const std::string& note = at == notes.end() ? std::string() : at->second;
    std::string bytes = options.form == FormStyle::docx ? render_package_docx(r, note)
                                                        : render_package_pdf(r, note);
    Rendered done = outcome_of(r);
    done.output = files.directory() ? files.write(r.input, bytes) : std::move(bytes);
    return done;
  });
  files.finish(out);
  if (round) summary.total = payable_total;
  return summary;
}

}  // namespace

BatchSummary run_subsidy(const std::vector<std::string>& inputs, const SubsidyOptions& asked,
                         RuleLibrary& rules, std::istream& in, std::ostream& out,
                         std::function<void(size_t)> on_progress) {
  if (is_file_form(asked.form))
    return run_file_packages(inputs, asked, rules, in, out, on_progress);
  SubsidyOptions options = asked;
  const OutputOptions& o = options.common.output;
  bool form = options.form != FormStyle::none;
  // A report shows one language; the package (--form) is in Chinese whatever --lang says.
  if (!form) options.common.explain = Languages::only(o.lang);
  std::optional<Round> round;
  if (options.common.round) round.emplace();
  BatchOptions batch = batch_options(options, std::move(on_progress));
  batch.json_array = o.format == Format::json && !form;
  if (o.format == Format::csv && !form) {
    batch.header = kSubsidyCsvHeader;
    if (round) batch.header.insert(batch.header.size() - 1, round_csv_columns(true));
  }
  if (options.form == FormStyle::html) batch.header = package_html_head();
  std::optional<BatchDocuments> documents;  // the package takes the place of any report
  if (!form) documents.emplace(o, true, options.common.as_of, round.has_value(), out, batch);
  if (round) finish_with_round(batch, *round, RoundStyle{&o, true, options.form});
  BatchSummary summary = run_batch(inputs, batch, in, out, [&](Case&& c) {
    SubsidyResult r = subsidy_case(std::move(c), rules, options);
    Rendered done = outcome_of(r);
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
