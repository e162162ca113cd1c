// sbc-check as a library call: read cases, choose each one's pack, judge it, render the result.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sbc/batch/batch.hpp"
#include "sbc/render/ci.hpp"
#include "sbc/model/case.hpp"
#include "sbc/base/exit_status.hpp"
#include "sbc/rules/rules.hpp"
#include "sbc/judge/verdict.hpp"

namespace sbc {

enum class Format { text, json, jsonl, csv, markdown, junit, sarif, github, xlsx, html };

struct OutputOptions {
  Format format = Format::text;
  Lang lang = Lang::zh;
  bool explain = false;  // text: every condition with its facts and clause
  bool quiet = false;    // text: verdict lines only
  bool color = false;    // text: colour the verdict (the caller decides if the terminal wants it)
  std::string file;          // xlsx: the workbook to write (a file, never a stream)
  std::string command_line;  // xlsx: for the decision record
};

struct CheckOptions {
  std::string rules;            // --rules: a built-in id or a file; empty: chosen per case
  std::optional<Date> as_of;    // --as-of
  ReadOptions read;
  OutputOptions output;
  int jobs = 1;                 // cases judged in parallel
  bool round = true;            // judge the inputs as one round (round.md); --no-round: each case alone
};

// The outcome for one case: a verdict, or the error that kept it from being judged.
struct CheckResult {
  Case input;
  std::optional<Verdict> verdict;
  std::vector<Diagnostic> errors;
};

// The pack for a case: --rules when given, else as RuleLibrary::for_case. Throws InputError.
const RulePack& choose_pack(RuleLibrary& rules, const Case& c, const CheckOptions& options);

// Chooses the pack and judges one case (never throws for a bad case or pack: it is an error result).
CheckResult check_case(Case c, RuleLibrary& rules, const CheckOptions& options);

ExitStatus exit_status(const CheckResult& r);

// Renders one result in text, as one JSON object (pretty for json, one line for jsonl), or as
// one CSV row (file, index, applicant, product, verdict, path, failing condition ids).
std::string render_text(const CheckResult& r, const OutputOptions& o);
std::string render_json(const CheckResult& r, const OutputOptions& o, bool pretty);
std::string render_csv(const CheckResult& r);
extern const char* const kCheckCsvHeader;

// The CI format `f` stands for, if it is one (junit, sarif, github).
std::optional<CiFormat> ci_format(Format f);
// A result as CI sees it: a test "verdict" (passed when eligible, failed when ineligible, skipped
// when undetermined), then a test per condition: failed when the nearest path needs it fixed,
// skipped when it is unknown there, not_needed when it fails off that path, else passed; an unreadable case
// is one error per problem. Each is located at the first fact it read (else the case's start).
CiCase ci_case(const CheckResult& r, Lang lang);

// The whole tool: every case of every input, judged on options.jobs workers, printed to `out`
// in input order. `on_progress` as in BatchOptions.
BatchSummary run_check(const std::vector<std::string>& inputs, const CheckOptions& options, RuleLibrary& rules,
                       std::istream& in, std::ostream& out, std::function<void(size_t)> on_progress = {});

// --list-rules: the built-in packs (id, version, title, jurisdiction, dates, source).
void list_rules(RuleLibrary& rules, const OutputOptions& o, std::ostream& out);

}  // namespace sbc
