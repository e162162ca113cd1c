// --format html: one self-contained page for a whole batch, for a committee: a summary with
// charts, the 汇总表 (sortable by clicking a header, readable without script), each case's
// details folded, and the decision record. Built from the same typed rows as the workbook.
//
// The page streams: table rows are written as cases finish and their details go to a temporary
// file, appended after the table at the end; the summary and charts, known only at the end, are
// written last in the source and shown first (CSS `order`), so memory stays flat on any batch and
// the page can go to a pipe.
#pragma once

#include <cstdio>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "sbc/batch/batch.hpp"
#include "sbc/round/round.hpp"

namespace sbc {

struct HtmlReportInfo {
  bool subsidy = false;
  Lang lang = Lang::zh;
  std::string as_of;  // --as-of, or empty: each case's application date
  std::string command_line;
  bool round = false;  // the cases are a round: a payable column and a section of its own
};

class HtmlReportWriter {
 public:
  HtmlReportWriter(std::ostream& out, const HtmlReportInfo& info);
  ~HtmlReportWriter();
  HtmlReportWriter(const HtmlReportWriter&) = delete;
  HtmlReportWriter& operator=(const HtmlReportWriter&) = delete;

  // One case's rows (workbook_rows), in input order.
  void add(const std::vector<TableRow>& rows);
  // The round's section: its enterprises with several cases and its flags, linked to the cases
  // (before close, when the cases are a round).
  void add_round(const Round& round);
  // The details, the summary with its charts, the decision record and the page's end.
  void close();

 private:
  void tally(const std::vector<Cell>& summary, const std::string& name);
  void write_row(const std::vector<Cell>& summary, size_t n, const std::string& name);
  std::string condition_table(const std::vector<TableRow>& rows) const;
  std::string policy_table(const std::vector<TableRow>& rows) const;
  void summary_section();
  void chart(const std::string& caption, size_t count, const std::function<void(size_t, int)>& row);
  void often_chart();
  void top_chart();
  std::ostream& out_;
  HtmlReportInfo info_;
  std::FILE* details_ = nullptr;  // a temporary file: details stream there until the table ends
  size_t cases_ = 0;
  std::vector<std::pair<std::string, size_t>>
      verdicts_;  // code, count, in order of first appearance
  std::map<std::string, std::pair<size_t, size_t>>
      clauses_;  // condition (clause): failing, unknown
  Money total_;
  size_t capped_ = 0;
  std::vector<std::pair<Money, std::string>> top_;  // the largest subsidies, for the chart
  std::vector<std::vector<std::string>> packs_;     // id, version, SHA-256, title: each once
  std::string round_;                               // the round's section, when there is one
};

}  // namespace sbc
