// --compare-rules A B: every case judged under two packs, and the cases whose verdict, path or
// amount changes, with the conditions responsible. How an analyst previews a new year's rules on
// last year's applications.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sbc/batch/batch.hpp"
#include "sbc/judge/subsidy.hpp"
#include "sbc/rules/rules.hpp"
#include "sbc/run/check.hpp"

namespace sbc {

struct CompareOptions {
  std::string a, b;      // the two packs (built-in ids or files); cases' rules: keys are ignored
  bool subsidy = false;  // compare sbc-subsidy's outcome and amount, not sbc-check's verdict
  CheckOptions common;   // as-of, reading, output, jobs
  std::optional<DateRange> window;  // sbc-subsidy's --window
};

// What changed for one condition or rule between the packs (empty where a pack has no such id).
struct ChangedRule {
  std::string id;
  std::string a, b;  // pass / fail / unknown, or an amount for a policy or an award
};

// One case under both packs.
struct Comparison {
  std::string a_outcome, b_outcome;  // eligible / ineligible / … or granted / denied / …
  std::string a_path, b_path;        // sbc-check: the path taken
  Money a_amount, b_amount;          // sbc-subsidy: the total
  std::vector<ChangedRule>
      changed;           // the rules whose results differ: pack A's order, then B's new ids
  bool differs() const;  // the verdict, path or amount changed (not merely a rule's result)
};

// Judges one readable case under both packs. Throws InputError when a pack cannot judge it
// (no recognition rules for sbc-check; no compensation or awards for sbc-subsidy).
Comparison compare_case(const RulePack& a, const RulePack& b, const Case& c,
                        const CompareOptions& options);

// The whole run: the changed cases in input order (text: a block each; json/jsonl: an object
// each, with its conditions), then in text a summary: cases per change of verdict, and the total
// amount under each pack. Exit status as diff(1): 0 nothing changed, 1 some case changed, 2 a case
// could not be judged.
BatchSummary run_compare(const std::vector<std::string>& inputs, const CompareOptions& options,
                         RuleLibrary& rules, std::istream& in, std::ostream& out,
                         std::function<void(size_t)> on_progress = {});

}  // namespace sbc
