// What run_check and run_subsidy set up alike around the batch: the document of the whole batch
// that a table format writes (review/: the workbook, the HTML report), and the round that
// finishes each output (private to run/).
#pragma once

#include <optional>
#include <ostream>

#include "sbc/batch/batch.hpp"
#include "sbc/render/output.hpp"
#include "sbc/review/html_report.hpp"
#include "sbc/review/round_report.hpp"
#include "sbc/review/workbook.hpp"
#include "sbc/round/round.hpp"
#include "sbc/values/date.hpp"

namespace sbc {

// The workbook (xlsx) or the HTML report (html) of a batch, fed each case's rows in input order.
class BatchDocuments {
 public:
  // Opens the document `o.format` asks for, if it is one, and has `batch` deliver each case's
  // rows to it. `out`: where the HTML report goes (a workbook goes to o.file).
  BatchDocuments(const OutputOptions& o, bool subsidy, const std::optional<Date>& as_of, bool round,
                 std::ostream& out, BatchOptions& batch);
  BatchDocuments(const BatchDocuments&) = delete;
  BatchDocuments& operator=(const BatchDocuments&) = delete;
  bool open() const { return book_ || page_; }
  // The round's flags and section first, when the cases are a round; then the document is whole.
  void close(const Round* round) { close_tables(book_, page_, round); }

 private:
  std::optional<WorkbookWriter> book_;
  std::optional<HtmlReportWriter> page_;
};

// Has `batch` note each case's claims in `round` and finish its output once the round is resolved.
inline void finish_with_round(BatchOptions& batch, Round& round, const RoundStyle& style) {
  batch.round = &round;
  batch.finish = [&round, style](size_t ordinal, Rendered& r) {
    finish_for_round(r, ordinal, round, style);
  };
}

}  // namespace sbc
