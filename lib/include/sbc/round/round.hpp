// A review round (round.md A and B): the cases of one run judged together. The enterprise cap is
// shared between an enterprise's cases, and a claim made in two cases (a policy, an invoice, a
// contract with its buyer, a product) is a flag for a reviewer.
//
// The round sees every case before it can say anything about the first, so it keeps little: a
// 32-bit hash and an ordinal for each claim in memory, and each case's entry in a temporary file
// that it reads once more at the end for the cases whose hashes met another's.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbc/values/money.hpp"

namespace sbc {

// What a claim is: the four a flag is raised for, then the two that tell enterprises apart.
enum class ClaimKind : std::uint8_t { policy, invoice, contract, product, credit_code, company };
// "policy", "invoice", "contract", "product" (the JSON and CSV names of a flag's kind).
const char* to_string(ClaimKind k);

// A text as round.md compares names: white space removed, full-width letters, digits and
// punctuation (brackets included) turned into their half-width forms.
std::string normalized_name(std::string_view s);
// The same, letters in capitals: how credit codes are compared (and, in the records, products,
// versions and names).
std::string normalized_code(std::string_view s);

struct Claim {
  ClaimKind kind = ClaimKind::policy;
  std::string key;    // as compared (normalised)
  std::string shown;  // as a reviewer reads it
  int line = 0;       // in the case's file, 1-based; 0 when not known
};

// What one case brings to the round.
struct RoundEntry {
  bool judged = false;  // a case that could not be judged takes no part
  std::string file;
  int index = 0;
  std::string company;
  std::string credit_code;
  std::string programme;      // the pack's id: a cap is a programme's
  std::optional<Money> cap;   // the pack's enterprise cap, if it has one
  std::string cap_rule;       // amount.enterprise_cap
  std::string cap_clause;     // 附件3 三
  Money subsidy;              // the case's subsidy judged alone
  Money capped_part;          // the part of it the enterprise cap applies to (the compensation)
  bool undetermined = false;  // counted with the amount proven so far
  // Paid to its enterprise earlier in the application's year, by the records (round.md C): the
  // cap's room left is the cap less this.
  Money paid_in_year;
  std::string paid_source;  // the records' rows: "records/payments.csv:3, …"
  std::vector<Claim> claims;
};

// A case's entry as the round keeps it: its claims' hashes and its bytes. Prepared where the case
// is judged (any thread), so the thread that adds it to the round only appends.
struct RoundRecord {
  bool judged = false;
  std::vector<std::uint32_t> hashes;
  std::string bytes;
};
RoundRecord prepare(RoundEntry e);

// "file" for a file's first case, "file[i]" for the others.
std::string case_name(const std::string& file, int index);

// One enterprise's cases under one programme, when it has two or more in the round, or one and
// payments earlier in the year (the records').
struct EnterpriseRound {
  std::string company;      // as its first case writes it
  std::string credit_code;  // empty when none of its cases gives one
  bool by_name = false;     // some case joined it by its company name alone
  std::string programme;
  std::optional<Money> cap;
  std::string cap_rule, cap_clause;
  std::vector<size_t> cases;       // ordinals, in input order
  std::vector<std::string> files;  // and where they are: file and index
  std::vector<int> indexes;
  std::vector<Money> subsidies;  // each judged alone
  std::vector<Money> amounts;    // the parts the cap applies to
  std::vector<Money> shares;     // those parts after the cap (= amounts when not over it)
  Money total;                   // Σ amounts
  Money paid_in_year;            // paid to it earlier in the year, by the records
  std::string paid_source;       // where the records say so
  bool capped = false;           // total > room: shares are proportional
  bool undetermined = false;     // some case is undetermined: the shares may change
  Money payable;                 // Σ payable of its cases

  // What the cap leaves for this round: the cap less what was paid earlier in the year.
  Money room() const {
    return !cap ? Money{} : paid_in_year < *cap ? *cap - paid_in_year : Money{};
  }
  // The name of its i-th case ("file" or "file[index]").
  std::string name(size_t i) const { return case_name(files[i], indexes[i]); }
};

struct FlagPlace {
  size_t ordinal = 0;
  std::string name;  // the case's name
  std::string file;
  int index = 0;  // of the case in its file
  int line = 0;
};

// A claim found in two or more cases.
struct Flag {
  ClaimKind kind = ClaimKind::policy;
  std::string shown;
  std::vector<FlagPlace> places;  // input order
};

// What the round changed for one case.
struct CaseRound {
  Money payable;                                // its subsidy after the round
  const EnterpriseRound* enterprise = nullptr;  // its enterprise, when it has other cases
  size_t position = 0;                          // its place in enterprise->cases
  std::vector<size_t> flags;                    // indexes into Round::flags()
};

class Round {
 public:
  Round();
  ~Round();
  Round(const Round&) = delete;
  Round& operator=(const Round&) = delete;

  // Adds the next case in input order; returns its ordinal (0, 1, …).
  size_t add(const RoundRecord& r);
  size_t add(RoundEntry e) { return add(prepare(std::move(e))); }
  // Groups the enterprises, shares their caps and finds the flags; once, after the last add.
  void resolve();
  // What the round changed for a case; nullptr when nothing did (its payable amount is its
  // subsidy and it has no flag).
  const CaseRound* of(size_t ordinal) const;
  const std::vector<EnterpriseRound>& enterprises() const;
  const std::vector<Flag>& flags() const;
  size_t cases() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The shares of `cap` in proportion to `amounts` (round.md A): cap × amount ÷ Σ amounts, half up
// to the fen; the fen left over or short goes to the largest share (the earliest on a tie).
// Σ shares = cap. Requires Σ amounts > cap.
std::vector<Money> proportional_shares(Money cap, const std::vector<Money>& amounts);

}  // namespace sbc
