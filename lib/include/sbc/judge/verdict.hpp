// Evaluating a case against a pack's recognition conditions: three-valued, cited, with the
// distance to passing and the nearest way to recognition.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sbc/model/case.hpp"
#include "sbc/rules/rules.hpp"

namespace sbc {

// Kleene's strong three-valued logic: unknown stands for a fact the case does not give.
Tri tri_and(Tri a, Tri b);
Tri tri_or(Tri a, Tri b);
const char* to_string(Tri t);  // "pass", "fail", "unknown"

// A fact a condition looked at, with its value as output shows it.
struct FactUse {
  std::string path;
  std::string value;
  std::string source;  // the record that gave or confirmed it (--records), else empty: the case's
};

struct ConditionResult {
  const Condition* condition = nullptr;
  Tri result = Tri::unknown;
  std::vector<FactUse> facts;        // every stated fact the test read
  std::vector<std::string> missing;  // facts whose absence makes it unknown
  std::optional<Money> short_by;     // for a failed money threshold: how much is missing
  Text message;                      // what decided it, in words, with values
  std::vector<Text> notes;           // the pack's notes that apply
};

enum class Outcome { eligible, ineligible, undetermined };
const char* to_string(Outcome o);

// The way to recognition that needs the least: the fewest failing, then unknown, conditions.
struct Nearest {
  std::string path;                  // "general" or an other-situation id
  std::vector<std::string> failing;  // conditions to fix (required ones first)
  std::vector<std::string> unknown;  // conditions to establish
  std::vector<std::string> missing;  // the facts to supply for them
};

struct Verdict {
  const RulePack* pack = nullptr;
  Outcome outcome = Outcome::undetermined;
  std::string path;           // the path that carries an eligible verdict, else empty
  std::optional<Date> as_of;  // the date the case was judged at
  std::vector<ConditionResult> conditions;
  std::vector<std::string> missing;  // every fact that would settle an unknown condition
  std::vector<Text> warnings;
  std::optional<Nearest> nearest;  // for an ineligible or undetermined case
  // The missing facts that could still change an undetermined verdict (those of unknown required
  // conditions and of unknown conditions on a path none of whose conditions fails), the nearest
  // path's first; empty once the verdict is settled.
  std::vector<std::string> decisive;
};

// One condition on one case: its result, the facts it read, and why (its message in `langs`).
ConditionResult judge(const Condition& condition, const Case& c, std::optional<Date> as_of,
                      Languages langs = {});
// Just the result of a test (for a pack's "when" clauses).
Tri test(const Predicate& p, const Case& c, std::optional<Date> as_of);

// Judges a readable case. `as_of` replaces the application date when given. The conditions'
// messages are made in `langs`, the ones the output will show.
Verdict evaluate(const RulePack& pack, const Case& c, std::optional<Date> as_of,
                 Languages langs = {});

}  // namespace sbc
