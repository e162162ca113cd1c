// The reviewer's 汇总表 as an Excel workbook (--format xlsx), written with libxlsxwriter: sheet
// 汇总 (a row per case), 明细 (a row per condition), for sbc-subsidy 保单 (a row per policy),
// and 说明 (the decision record). Rows are written as cases finish, in input order, with the
// library's constant-memory mode, so a batch of any size keeps memory flat.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sbc/batch/batch.hpp"
#include "sbc/render/check.hpp"
#include "sbc/render/subsidy.hpp"
#include "sbc/round/round.hpp"

namespace sbc {

// The sheets a row goes to.
enum Sheet : int {
  kSummarySheet = 0,
  kDetailSheet = 1,
  kPolicySheet = 2,
  kAboutSheet = 3,
  kStatsSheet = 4,
  kEnterpriseRow = 5
};
// kStatsSheet is no sheet: one row of what a batch report counts ([cap applied (0 or 1)]).
// kEnterpriseRow: an enterprise's subtotal in a round, a row of the summary sheet after its last
// case.

// One case's rows: its summary row, a detail row per condition (and, for sbc-subsidy, per award
// condition and per policy), and its pack for the decision record. An unreadable case gets a
// summary row with its error.
// A verdict code's name for people: eligible → 符合认定条件, granted → 予以补助, error → 无法评估,
// ….
Text verdict_name(const std::string& code);

std::vector<TableRow> workbook_rows(const CheckResult& r, Lang lang);
std::vector<TableRow> workbook_rows(const SubsidyResult& r, Lang lang);

struct WorkbookInfo {
  bool subsidy = false;
  Lang lang = Lang::zh;
  std::string as_of;         // --as-of, or empty: each case's application date
  std::string command_line;  // as typed, for the decision record
  bool round = false;  // the cases are a round: a payable column, subtotals and a 疑点 sheet
};

class WorkbookWriter {
 public:
  // Creates `path` (a file libxlsxwriter writes; the tool copies it to standard output when asked).
  // Throws InputError when it cannot.
  WorkbookWriter(const std::string& path, const WorkbookInfo& info);
  ~WorkbookWriter();
  WorkbookWriter(const WorkbookWriter&) = delete;
  WorkbookWriter& operator=(const WorkbookWriter&) = delete;

  void add(const std::vector<TableRow>& rows);
  // The round's flags on the 疑点 sheet (before close, when the cases are a round).
  void add_flags(const Round& round);
  // Totals, filters, widths and the decision record; then the file is complete. Throws InputError
  // when it cannot be written.
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sbc
