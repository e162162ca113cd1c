// CSV as reviewers' spreadsheets save it: the encoding detected, the rows cut as RFC 4180 says.
#include "sbc/input/csv.hpp"

#include <fmt/format.h>
#include <iconv.h>

#include <algorithm>
#include <cerrno>

#include "base/bytes.hpp"
#include "base/utf8.hpp"

namespace sbc {
namespace {

int line_of(const std::string& s, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < s.size(); ++i) line += s[i] == '\n';
  return line;
}

}  // namespace

std::optional<std::string> csv_to_utf8(std::string bytes, int& bad_line) {
  if (invalid_utf8_at(bytes) == std::string_view::npos) {
    if (bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
    return bytes;
  }
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    bad_line = 1;
    return std::nullopt;
  }
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size(), out_left = out.size();
  char* to = out.data();
  size_t r = iconv(cd, &in, &in_left, &to, &out_left);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1)) {  // EILSEQ or EINVAL: not GB18030 either
    bad_line = line_of(bytes, bytes.size() - in_left);
    return std::nullopt;
  }
  out.resize(out.size() - out_left);
  return out;
}

std::vector<std::string> CsvCells::strings() const {
  std::vector<std::string> out;
  out.reserve(size());
  for (size_t i = 0; i < size(); ++i) out.emplace_back((*this)[i]);
  return out;
}

std::optional<Text> split_csv(const std::string& text, const std::function<void(CsvRow&&)>& row) {
  CsvRow current;
  int line = 1;
  current.line = 1;
  bool quoted = false, cell_started = false;
  int quote_line = 0;
  auto end_cell = [&] {
    current.cells.end_cell();
    cell_started = false;
  };
  auto end_row = [&](int next_line) {
    end_cell();
    bool empty = current.cells.size() == 1 && current.cells.bytes() == 0;
    size_t bytes = current.cells.bytes(), cells = current.cells.size();
    if (!empty) row(std::move(current));
    current = CsvRow{};
    current.cells.reserve(bytes, cells);  // the next row likely is as long: no regrowth
    current.line = next_line;
  };
  const char* const data = text.data();
  for (size_t i = 0; i < text.size(); ++i) {
    char c = data[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && data[i + 1] == '"') {
        current.cells.append('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {  // up to the next quote at once
        size_t end = std::min(text.find('"', i), text.size());
        line += static_cast<int>(std::count(data + i, data + end, '\n'));
        current.cells.append(std::string_view(data + i, end - i));
        i = end - 1;
      }
      continue;
    }
    if (c == '"' && !cell_started) {
      quoted = cell_started = true;
      quote_line = line;
    } else if (c == ',') {
      end_cell();
    } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && data[i + 1] == '\n')) {
      if (c == '\r') ++i;
      ++line;
      end_row(line);
    } else {  // up to the cell's end at once (a lone \r or a quote inside is the cell's)
      size_t end = first_marked(text, csv_cell_end, i + 1);
      current.cells.append(std::string_view(data + i, end - i));
      cell_started = true;
      i = end - 1;
    }
  }
  if (quoted)
    return Text{fmt::format("第 {} 行的引号没有闭合", quote_line),
                fmt::format("the quote opened on line {} is never closed", quote_line)};
  if (cell_started || current.cells.size() > 0) end_row(line + 1);
  return std::nullopt;
}

}  // namespace sbc
