// The round in the tools' outputs (round.md A, B): what each case brings to it, and, once it is
// resolved, the case's payable amount, its enterprise and its flags written into the case's output
// in the form of its format, then a section of its own after the cases.
#pragma once

#include <optional>
#include <string>

#include "sbc/batch/batch.hpp"
#include "sbc/package/package.hpp"
#include "sbc/render/check.hpp"
#include "sbc/render/subsidy.hpp"
#include "sbc/review/html_report.hpp"
#include "sbc/review/workbook.hpp"
#include "sbc/round/round.hpp"

namespace sbc {

// A recognition case claims its product; a compensation case its product, policies, invoices and
// contracts, and the part of its subsidy under the enterprise cap.
RoundEntry round_entry(const CheckResult& r);
RoundEntry round_entry(const SubsidyResult& r);

// What a tool's outputs say of the round.
struct RoundStyle {
  const OutputOptions* output = nullptr;
  bool subsidy = false;              // payable amounts and the enterprise cap (sbc-subsidy)
  FormStyle form = FormStyle::none;  // the application package instead of the report
};

// Writes what the round says of case `ordinal` into its output (text, JSON, CSV, Markdown, the
// workbook's rows, the package) and sets its amount to the payable one. A case that could not be
// judged is left as it is.
void finish_for_round(Rendered& r, size_t ordinal, const Round& round, const RoundStyle& style);

// The columns the round adds to a CSV header: ",payable,enterprise_payable,flags" or ",flags".
const char* round_csv_columns(bool subsidy);

// The round after the cases, for text: each enterprise with several cases (its shares when they
// are capped), each flag, the payable total. Empty when the round has nothing to add.
std::string round_text(const Round& round, const OutputOptions& o, bool subsidy,
                       Money payable_total);

// What a flag's cases share, for people: 同一保单号 / the same policy number, ….
const char* flag_kind_label(ClaimKind k, Lang lang);
// Completes the table outputs that are open: the round's flags on the workbook's 疑点 sheet and its
// section in the HTML report first, when the cases are a round.
void close_tables(std::optional<WorkbookWriter>& book, std::optional<HtmlReportWriter>& page,
                  const Round* round);

// One flag as a reviewer reads it: "保单号 PZAB…：a.yaml:17、b.yaml:17", its first `most` places
// named and the others counted ("等另 N 个").
std::string flag_text(const Flag& f, Lang lang, size_t most = static_cast<size_t>(-1));
// What the package says under its 申请表 of the case at `position` of a capped enterprise: the
// cap's finding and what is payable for it after the round.
std::string package_round_note(const EnterpriseRound& g, size_t position);
// The enterprise cap's finding for the case at `position` of `g`.
Text cap_finding(const EnterpriseRound& g, size_t position);
// An enterprise's cap in one line, for the round's sections: what it was paid earlier in the year,
// its cases' total against what the cap leaves, and how it was shared.
Text enterprise_cap_line(const EnterpriseRound& g);

}  // namespace sbc
