// sbc-check as a library call: read cases, choose each one's pack, judge it, render the result.
#pragma once

#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sbc/batch/batch.hpp"
#include "sbc/records/settle.hpp"
#include "sbc/render/check.hpp"
#include "sbc/rules/rules.hpp"

namespace sbc {

struct CheckOptions {
  std::string rules;          // --rules: a built-in id or a file; empty: chosen per case
  std::optional<Date> as_of;  // --as-of
  ReadOptions read;
  OutputOptions output;
  int jobs = 1;       // cases judged in parallel
  bool round = true;  // judge the inputs as one round (round.md); --no-round: each case alone
  // --records: the programme's records, read once; each case's facts are settled by them before
  // it is judged (round.md C). Null without --records.
  std::shared_ptr<const RecordIndex> records;
  bool records_unreadable = false;  // some record could not be read: the run's status is 2
  // The languages the conditions' messages are made in: both, unless only one will be shown.
  Languages explain;
};

// --records: reads every record file or directory into o.records; each problem goes to `err` as
// "NAME: file:line:col: …" and sets o.records_unreadable (the cases are judged all the same).
void load_records(const char* name, const std::vector<std::string>& paths, CheckOptions& o,
                  std::ostream& err);

// The case's facts as the records have them, when the run has records.
void settle(Case& c, const CheckOptions& options);

// The pack for a case: --rules when given, else as RuleLibrary::for_case. Throws InputError.
const RulePack& choose_pack(RuleLibrary& rules, const Case& c, const CheckOptions& options);

// Chooses the pack and judges one case (never throws for a bad case or pack: it is an error
// result).
CheckResult check_case(Case c, RuleLibrary& rules, const CheckOptions& options);

// The whole tool: every case of every input, judged on options.jobs workers, printed to `out`
// in input order. `on_progress` as in BatchOptions.
BatchSummary run_check(const std::vector<std::string>& inputs, const CheckOptions& options,
                       RuleLibrary& rules, std::istream& in, std::ostream& out,
                       std::function<void(size_t)> on_progress = {});

// --list-rules: the built-in packs (id, version, title, jurisdiction, dates, source).
void list_rules(RuleLibrary& rules, const OutputOptions& o, std::ostream& out);

}  // namespace sbc
