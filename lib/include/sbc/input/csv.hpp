// The spreadsheet form of a batch: a CSV file, one case per row after a header row. Encodings as
// Excel and WPS save them in China: UTF-8 with or without a BOM, or GB18030/GBK.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbc/base/diagnostic.hpp"

namespace sbc {

// `bytes` as UTF-8: kept when it is UTF-8 (a BOM dropped; moved in, a file is held once, not
// twice), else decoded from GB18030 (with glibc's iconv). Neither: nullopt, and `bad_line` is the
// 1-based line of the first byte neither reads.
std::optional<std::string> csv_to_utf8(std::string bytes, int& bad_line);

// A row's cells as read (unquoted), one after another in one string: a row is two allocations,
// not one a cell (a spreadsheet row has a hundred cells, most of them a few bytes or empty).
class CsvCells {
 public:
  size_t size() const { return ends_.size(); }
  std::string_view operator[](size_t i) const {
    size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_).substr(begin, ends_[i] - begin);
  }
  // The bytes of all cells together.
  size_t bytes() const { return text_.size(); }
  std::vector<std::string> strings() const;

  // Building a row: a cell's text in parts, then its end.
  void append(std::string_view part) { text_.append(part); }
  void append(char c) { text_.push_back(c); }
  void end_cell() { ends_.push_back(text_.size()); }
  void reserve(size_t bytes, size_t cells) {
    text_.reserve(bytes);
    ends_.reserve(cells);
  }

 private:
  std::string text_;
  std::vector<size_t> ends_;  // where each cell ends in text_
};

// One row of a CSV file: its cells and the line it starts on.
struct CsvRow {
  CsvCells cells;
  int line = 0;
};

// Cuts UTF-8 CSV text into rows (RFC 4180: a quoted cell may hold commas, "" for a quote, and line
// breaks; CRLF or LF ends a row; empty lines are skipped). Returns the error of the first quote
// left open, with its line, or nullopt.
std::optional<Text> split_csv(const std::string& text, const std::function<void(CsvRow&&)>& row);

}  // namespace sbc
