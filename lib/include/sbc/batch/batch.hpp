// The batch loop every tool shares: cases streamed from the inputs, judged on N workers, printed
// in input order. Memory is bounded by the cases in flight, not by the size of the batch.
#pragma once

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "sbc/base/exit_status.hpp"
#include "sbc/model/case.hpp"
#include "sbc/round/round.hpp"
#include "sbc/values/date.hpp"
#include "sbc/values/money.hpp"

namespace sbc {

// A cell of a table output (the xlsx workbook): text, money (a number shown in yuan), a date or a
// whole number, so a spreadsheet can sum and sort it.
struct Cell {
  enum class Kind { text, money, date, number };
  Kind kind = Kind::text;
  std::string text;
  Money money;
  Date date;
  long long number = 0;
};
// A row of one sheet of a table output.
struct TableRow {
  int sheet = 0;
  std::vector<Cell> cells;
};

// What a tool made of one case: its output, ready to print, its exit status, and what the
// batch summary counts (the verdict word, e.g. "eligible", and an amount, e.g. the subsidy);
// for a table output, its rows instead of text.
struct Rendered {
  std::string output;
  ExitStatus status = ExitStatus::ok;
  std::string verdict;
  Money amount;
  std::vector<TableRow> rows;
  RoundRecord round;  // what the case brings to the round (when the batch is judged as one)
};

struct BatchOptions {
  ReadOptions read;
  int jobs = 1;             // workers; 1 judges on the calling thread
  bool json_array = false;  // wrap the outputs as the elements of one JSON array
  std::string header;       // printed before the first output (a CSV header)
  // Called on the printing thread after each case is printed, with the number printed so far
  // (for a progress bar; the library itself never touches the terminal).
  std::function<void(size_t)> on_progress;
  std::string separator;  // printed between two outputs that are not empty (SARIF's commas)
  // When set, each case's result goes here, in input order, instead of to the output stream
  // (a table output such as the xlsx workbook).
  std::function<void(const Rendered&)> deliver;
  // When set, the batch is a round: each case's entry goes to `round` and its output waits in a
  // temporary file; once the last case is judged the round is resolved, and each output, in input
  // order, goes through `finish` (with its ordinal) before it is printed. The summary then counts
  // the amounts as `finish` leaves them.
  Round* round = nullptr;
  std::function<void(size_t, Rendered&)> finish;
};

// What a batch came to: cases per verdict (in order of first appearance), the amounts added up.
struct BatchSummary {
  ExitStatus status = ExitStatus::ok;
  size_t cases = 0;
  std::vector<std::pair<std::string, size_t>> verdicts;
  Money total;
};

// "10000 cases: 7080 eligible, 890 ineligible, 30 error", plus the total when there is one.
std::string render_summary(const BatchSummary& s, Lang lang, bool with_total, double seconds);

// Runs `judge` on every case of `inputs` (see expand_inputs) and writes each output to `out` in
// input order. `judge` is called concurrently when jobs > 1 and must be thread-safe. The summary's
// status is the worst of all, an error when no input held a case.
BatchSummary run_batch(const std::vector<std::string>& inputs, const BatchOptions& options,
                       std::istream& in, std::ostream& out,
                       const std::function<Rendered(Case&&)>& judge);

}  // namespace sbc
