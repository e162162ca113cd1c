// The spreadsheet form of a batch: a CSV file, one case per row after a header row. Encodings as
// Excel and WPS save them in China: UTF-8 with or without a BOM, or GB18030/GBK.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sbc/base/diagnostic.hpp"

namespace sbc {

// `bytes` as UTF-8: kept when it is UTF-8 (a BOM dropped; moved in, a file is held once, not
// twice), else decoded from GB18030 (with glibc's iconv). Neither: nullopt, and `bad_line` is the
// 1-based line of the first byte neither reads.
std::optional<std::string> csv_to_utf8(std::string bytes, int& bad_line);

// One row of a CSV file: its cells and the line it starts on.
struct CsvRow {
  std::vector<std::string> cells;
  int line = 0;
};

// Cuts UTF-8 CSV text into rows (RFC 4180: a quoted cell may hold commas, "" for a quote, and line
// breaks; CRLF or LF ends a row; empty lines are skipped). Returns the error of the first quote
// left open, with its line, or nullopt.
std::optional<Text> split_csv(const std::string& text, const std::function<void(CsvRow&&)>& row);

}  // namespace sbc
