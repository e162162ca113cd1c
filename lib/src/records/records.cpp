// The record files: their header row names their kind and where each column is; each row after it
// becomes a record, or a problem at its file:line:col.
#include "sbc/records/records.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>

#include "base/spelling.hpp"
#include "base/strings.hpp"
#include "sbc/input/csv.hpp"
#include "sbc/input/inputs.hpp"

namespace sbc {

Text to_text(RecordKind k) {
  switch (k) {
    case RecordKind::recognised_list:
      return {"名单", "recognised list"};
    case RecordKind::compensation_paid:
      return {"补偿记录", "compensation paid"};
    case RecordKind::negative_list:
      return {"负面清单", "negative list"};
  }
  return {};
}

namespace {

// The columns a record file may have, by their Chinese label and their English name.
enum Field {
  kBatch,
  kYear,
  kBatchNumber,
  kCompany,
  kCreditCode,
  kProduct,
  kVersion,
  kRecognizedOn,
  kCity,
  kAmount,
  kPolicy,
  kListedOn,
  kReason,
  kFields
};
constexpr std::array<std::pair<const char*, const char*>, kFields> kColumns = {{
    {"批次", "batch"},
    {"年度", "year"},
    {"批次号", "batch_number"},
    {"企业名称", "company"},
    {"统一社会信用代码", "credit_code"},
    {"软件名称", "product"},
    {"版本号", "version"},
    {"认定日期", "recognized_on"},
    {"所属市", "city"},
    {"补偿金额", "amount"},
    {"保单号", "policy"},
    {"列入日期", "listed_on"},
    {"原因", "reason"},
}};

// What each kind needs and may have.
struct KindColumns {
  std::vector<Field> required, optional;
};
const KindColumns& columns_of(RecordKind k) {
  static const KindColumns list{{kCompany, kProduct, kVersion},
                                {kBatch, kYear, kBatchNumber, kCreditCode, kRecognizedOn, kCity}};
  static const KindColumns paid{{kYear, kCompany, kProduct, kVersion, kAmount},
                                {kCreditCode, kPolicy}};
  static const KindColumns negative{{kCompany, kListedOn}, {kCreditCode, kReason}};
  return k == RecordKind::recognised_list     ? list
         : k == RecordKind::compensation_paid ? paid
                                              : negative;
}

}  // namespace

std::string record_header(RecordKind k, Lang lang) {
  static const std::vector<Field> list{kBatch,   kCompany,      kCreditCode, kProduct,
                                       kVersion, kRecognizedOn, kCity};
  static const std::vector<Field> paid{kYear,    kCompany, kCreditCode, kProduct,
                                       kVersion, kAmount,  kPolicy};
  static const std::vector<Field> negative{kCompany, kCreditCode, kListedOn, kReason};
  const std::vector<Field>& fields = k == RecordKind::recognised_list     ? list
                                     : k == RecordKind::compensation_paid ? paid
                                                                          : negative;
  std::string out;
  for (Field f : fields)
    out += (out.empty() ? "" : ",") +
           std::string(lang == Lang::zh ? kColumns[f].first : kColumns[f].second);
  return out + "\n";
}

std::optional<RecordKind> record_kind_named(std::string_view word) {
  if (word == "名单" || word == "list") return RecordKind::recognised_list;
  if (word == "补偿记录" || word == "payments") return RecordKind::compensation_paid;
  if (word == "负面清单" || word == "negative-list") return RecordKind::negative_list;
  return std::nullopt;
}

namespace {

// A column as messages name it: 年度（year）, 年度 (year).
Text label(Field f) {
  return {fmt::format("{}（{}）", kColumns[f].first, kColumns[f].second),
          fmt::format("{} ({})", kColumns[f].first, kColumns[f].second)};
}

// Problems of one file, each at a line and a column.
struct Problems {
  const std::string& file;
  std::vector<Diagnostic>& out;
  void add(int line, int column, Text why) {
    out.push_back(Diagnostic{Severity::error, file, Mark{line, column}, "", std::move(why)});
  }
};

// The header row: the kind, and the cell each field is in (-1 when absent).
struct Header {
  RecordKind kind = RecordKind::recognised_list;
  std::array<int, kFields> at;
};

bool check_columns(const Header& h, const CsvRow& row, Problems& p);

std::optional<Header> read_header(const CsvRow& row, Problems& p) {
  Header h;
  h.at.fill(-1);
  bool ok = true;
  std::vector<std::string> names;
  for (const auto& [zh, en] : kColumns) names.insert(names.end(), {zh, en});
  for (size_t i = 0; i < row.cells.size(); ++i) {
    std::string_view cell = trim(row.cells[i]);
    auto it = std::find_if(kColumns.begin(), kColumns.end(),
                           [&](const auto& c) { return cell == c.first || cell == c.second; });
    if (it == kColumns.end()) {
      std::string guess = closest_spelling(cell, names);
      std::string hint = guess.empty() ? "" : "; did you mean '" + guess + "'?";
      std::string hint_zh = guess.empty() ? "" : "，是否应为“" + guess + "”？";
      p.add(row.line, static_cast<int>(i) + 1,
            {fmt::format("未知的列“{}”{}", cell, hint_zh),
             fmt::format("unknown column '{}'{}", cell, hint)});
      ok = false;
      continue;
    }
    h.at[static_cast<size_t>(it - kColumns.begin())] = static_cast<int>(i);
  }
  if (!ok) return std::nullopt;
  if (h.at[kAmount] >= 0)
    h.kind = RecordKind::compensation_paid;
  else if (h.at[kListedOn] >= 0)
    h.kind = RecordKind::negative_list;
  else if (h.at[kBatch] >= 0 || h.at[kBatchNumber] >= 0)
    h.kind = RecordKind::recognised_list;
  else {
    p.add(row.line, 1,
          {"表头不属于任何一种记录：名单需有“批次”，补偿记录需有“补偿金额”，负面清单需有“列入日期”",
           "the header is of no kind of record: a recognised list has 批次 (batch), compensation "
           "paid 补偿金额 (amount), a negative list 列入日期 (listed_on)"});
    return std::nullopt;
  }
  if (!check_columns(h, row, p)) return std::nullopt;
  return h;
}

// The header's columns against its kind's: none it does not have, each it needs.
bool check_columns(const Header& h, const CsvRow& row, Problems& p) {
  bool ok = true;
  const KindColumns& allowed = columns_of(h.kind);
  for (int f = 0; f < kFields; ++f) {
    Field field = static_cast<Field>(f);
    bool required = std::count(allowed.required.begin(), allowed.required.end(), field) > 0;
    bool optional = std::count(allowed.optional.begin(), allowed.optional.end(), field) > 0;
    Text kind = to_text(h.kind);
    if (h.at[f] >= 0 && !required && !optional) {
      p.add(row.line, h.at[f] + 1,
            {fmt::format("{}没有列 {}", kind.zh, label(field).zh),
             fmt::format("a {} has no column {}", kind.en, label(field).en)});
      ok = false;
    } else if (h.at[f] < 0 && required) {
      p.add(row.line, 1,
            {fmt::format("{}缺少列 {}", kind.zh, label(field).zh),
             fmt::format("a {} needs the column {}", kind.en, label(field).en)});
      ok = false;
    }
  }
  if (h.kind == RecordKind::recognised_list && h.at[kBatch] < 0 &&
      (h.at[kYear] < 0 || h.at[kBatchNumber] < 0)) {
    p.add(row.line, 1,
          {"名单需有列“批次”，或“年度”与“批次号”两列",
           "a recognised list needs the column 批次 (batch), or both 年度 (year) and 批次号 "
           "(batch_number)"});
    ok = false;
  }
  return ok;
}

// The number a Chinese numeral of 1 to 99 writes (三, 十二, 二十一), or 0.
int chinese_number(std::string_view s) {
  static const std::array<const char*, 10> digits = {"〇", "一", "二", "三", "四",
                                                     "五", "六", "七", "八", "九"};
  auto digit = [&](std::string_view& rest) -> int {
    for (int d = 1; d < 10; ++d)
      if (rest.substr(0, 3) == digits[static_cast<size_t>(d)]) {
        rest.remove_prefix(3);
        return d;
      }
    return 0;
  };
  std::string_view rest = s;
  int tens = 0, ones = 0;
  int first = digit(rest);
  if (rest.substr(0, 3) == "十") {
    rest.remove_prefix(3);
    tens = first == 0 ? 1 : first;
    ones = digit(rest);
  } else {
    ones = first;
  }
  return rest.empty() ? tens * 10 + ones : 0;
}

// A whole number of ASCII digits, within [low, high].
std::optional<int> whole(std::string_view s, int low, int high) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n >= low && n <= high ? std::optional<int>(n) : std::nullopt;
}

std::optional<int> batch_number(std::string_view s) {
  if (s.substr(0, 3) == "第") s.remove_prefix(3);
  if (s.size() >= 3 && s.substr(s.size() - 3) == "批") s.remove_suffix(3);
  if (std::optional<int> n = whole(s, 1, 999)) return n;
  int n = chinese_number(s);
  return n > 0 ? std::optional<int>(n) : std::nullopt;
}

std::optional<int> year_of(std::string_view s) {
  if (s.size() > 3 && s.substr(s.size() - 3) == "年") s.remove_suffix(3);
  return whole(s, 1990, 2100);
}

}  // namespace

std::optional<Batch> parse_batch(std::string_view text) {
  text = trim(text);
  Batch b;
  size_t year_end = text.find("年");
  if (year_end != std::string_view::npos) {
    b.year = year_of(text.substr(0, year_end + 3));
    if (!b.year) return std::nullopt;
    text.remove_prefix(year_end + 3);
  }
  std::optional<int> n = batch_number(text);
  if (!n) return std::nullopt;
  b.number = *n;
  return b;
}

namespace {

// One row's cells by field, each trimmed; checks of a cell report at its column.
struct Row {
  const CsvRow& row;
  const Header& header;
  Problems& p;
  bool ok = true;

  std::string_view cell(Field f) const {
    int i = header.at[f];
    return i >= 0 && static_cast<size_t>(i) < row.cells.size() ? trim(row.cells[i]) : "";
  }
  int column(Field f) const { return std::max(header.at[f], 0) + 1; }
  void fail(Field f, const std::string& zh, const std::string& en) {
    p.add(row.line, column(f),
          {fmt::format("{}：{}", label(f).zh, zh), fmt::format("{}: {}", label(f).en, en)});
    ok = false;
  }
  std::string text(Field f, bool required) {
    std::string_view v = cell(f);
    if (v.empty() && required) fail(f, "不能为空", "is empty");
    return std::string(v);
  }
  std::optional<int> year(bool required) {
    std::string_view v = cell(kYear);
    if (v.empty() && !required) return std::nullopt;
    std::optional<int> y = year_of(v);
    if (!y)
      fail(kYear, fmt::format("“{}”不是年份（如 2019）", v),
           fmt::format("'{}' is not a year (such as 2019)", v));
    return y;
  }
  std::optional<Date> date(Field f, bool required) {
    std::string_view v = cell(f);
    if (v.empty() && !required) return std::nullopt;
    Parsed<Date> d = parse_date(v);
    if (!d) fail(f, d.error.zh, d.error.en);
    return d.value;
  }
  std::optional<Money> money(Field f) {
    Parsed<Money> m = parse_money(cell(f));
    if (!m)
      fail(f, m.error.zh, m.error.en);
    else if (m.value->fen < 0)
      fail(f, "不能为负", "is negative");
    return m.value;
  }
  RecordParty party() { return {text(kCompany, true), text(kCreditCode, false)}; }
};

void read_listed(Row& r, const std::string& file, std::vector<ListedProduct>& out) {
  ListedProduct l;
  l.party = r.party();
  l.product = r.text(kProduct, true);
  l.version = r.text(kVersion, true);
  if (r.header.at[kBatch] >= 0) {
    std::optional<Batch> b = parse_batch(r.cell(kBatch));
    if (!b)
      r.fail(kBatch, fmt::format("“{}”不是批次（如 2019年第3批、第五批）", r.cell(kBatch)),
             fmt::format("'{}' is not a batch (such as 2019年第3批 or 第五批)", r.cell(kBatch)));
    else
      l.year = b->year, l.batch = b->number;
  }
  if (r.header.at[kBatchNumber] >= 0) {
    std::optional<int> n = batch_number(r.cell(kBatchNumber));
    if (!n)
      r.fail(kBatchNumber, fmt::format("“{}”不是批次号", r.cell(kBatchNumber)),
             fmt::format("'{}' is not a batch number", r.cell(kBatchNumber)));
    else
      l.batch = *n;
  }
  if (r.header.at[kYear] >= 0)
    if (std::optional<int> y = r.year(r.header.at[kBatch] < 0)) l.year = y;
  l.recognized_on = r.date(kRecognizedOn, false);
  l.city = r.text(kCity, false);
  l.at = {file, r.row.line};
  if (r.ok) out.push_back(std::move(l));
}

void read_payment(Row& r, const std::string& file, std::vector<Payment>& out) {
  Payment pay;
  pay.party = r.party();
  pay.product = r.text(kProduct, true);
  pay.version = r.text(kVersion, true);
  pay.year = r.year(true).value_or(0);
  pay.amount = r.money(kAmount).value_or(Money{});
  pay.policy = r.text(kPolicy, false);
  pay.at = {file, r.row.line};
  if (r.ok) out.push_back(std::move(pay));
}

void read_listing(Row& r, const std::string& file, std::vector<Listing>& out) {
  Listing l;
  l.party = r.party();
  std::optional<Date> d = r.date(kListedOn, true);
  if (d) l.listed_on = *d;
  l.reason = r.text(kReason, false);
  l.at = {file, r.row.line};
  if (r.ok) out.push_back(std::move(l));
}

}  // namespace

void Records::read_text(const std::string& bytes, const std::string& file, const Limits& limits,
                        std::vector<Diagnostic>& problems) {
  Problems p{file, problems};
  ++files_;
  int bad_line = 0;
  std::optional<std::string> text = csv_to_utf8(bytes, bad_line);
  if (!text)
    return p.add(bad_line, 1,
                 {fmt::format("第 {} 行有既非 UTF-8 也非 GB18030 的字节", bad_line),
                  fmt::format("line {} has bytes that are neither UTF-8 nor GB18030", bad_line)});
  std::optional<Header> header;
  bool header_read = false;
  std::optional<Text> broken = split_csv(*text, [&](CsvRow&& row) {
    if (!header_read) {
      header_read = true;
      header = read_header(row, p);
      if (!header) return;
      files_of_[static_cast<size_t>(header->kind)].push_back(file);
      // Made at their size, a row a line at most: a 10,000-row list grown by doubling would
      // hold half as much again, twice over while it moves.
      // (At most 100,000 ahead: a file of empty lines must not reserve a row for each.)
      auto rows = std::min<size_t>(std::count(text->begin(), text->end(), '\n'), 100000);
      if (header->kind == RecordKind::recognised_list) listed_.reserve(listed_.size() + rows);
      if (header->kind == RecordKind::compensation_paid) payments_.reserve(payments_.size() + rows);
      if (header->kind == RecordKind::negative_list) listings_.reserve(listings_.size() + rows);
      return;
    }
    if (!header) return;  // the header's problems are the file's
    for (size_t i = 0; i < row.cells.size(); ++i)
      if (row.cells[i].size() > limits.max_scalar_bytes)
        return p.add(row.line, static_cast<int>(i) + 1,
                     {fmt::format("单元格超过 {} 字节", limits.max_scalar_bytes),
                      fmt::format("the cell exceeds {} bytes", limits.max_scalar_bytes)});
    Row r{row, *header, p};
    switch (header->kind) {
      case RecordKind::recognised_list:
        return read_listed(r, file, listed_);
      case RecordKind::compensation_paid:
        return read_payment(r, file, payments_);
      case RecordKind::negative_list:
        return read_listing(r, file, listings_);
    }
  });
  if (broken) p.add(0, 0, *broken);
  if (!header_read) p.add(1, 1, {"文件为空，没有表头", "the file is empty: no header row"});
}

bool Records::read(const std::string& path, const Limits& limits,
                   std::vector<Diagnostic>& problems) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    std::vector<std::string> files = files_below(path, {".csv", ".CSV"});
    if (files.empty())
      problems.push_back(Diagnostic{Severity::error,
                                    path,
                                    Mark{},
                                    "",
                                    {"目录中没有 .csv 记录文件", "no .csv record file in it"}});
    bool readable = !files.empty();
    for (const std::string& file : files) readable = read(file, limits, problems) && readable;
    return readable;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems.push_back(Diagnostic{
        Severity::error, path, Mark{}, "", {"无法读取记录文件", "cannot read the record file"}});
    return false;
  }
  std::string bytes;
  char buffer[65536];
  while ((in.read(buffer, sizeof buffer) || in.gcount() > 0) &&
         bytes.size() <= limits.max_records_bytes)  // /dev/zero ends one buffer over the limit
    bytes.append(buffer, static_cast<size_t>(in.gcount()));
  if (bytes.size() > limits.max_records_bytes) {
    problems.push_back(Diagnostic{
        Severity::error,
        path,
        Mark{},
        "",
        {fmt::format("记录文件超过上限 {} 字节（可用 --limit max_records_bytes=N 放宽）",
                     limits.max_records_bytes),
         fmt::format("the record file exceeds {} bytes (raise it with --limit max_records_bytes=N)",
                     limits.max_records_bytes)}});
    return false;
  }
  read_text(bytes, path, limits, problems);
  return true;
}

}  // namespace sbc
