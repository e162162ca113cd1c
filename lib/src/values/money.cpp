#include "sbc/values/money.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>

#include "base/int128.hpp"
#include "base/strings.hpp"

namespace sbc {
namespace {

struct Suffix {
  std::string_view text;
  int scale;  // power of ten in yuan
};
// Longest first, so "万元" is not read as "元".
constexpr std::array<Suffix, 5> kSuffixes{
    {{"万元", 4}, {"亿元", 8}, {"万", 4}, {"亿", 8}, {"元", 0}}};

Parsed<Money> fail(const std::string& zh, const std::string& en) {
  return Parsed<Money>::fail(
      Text{"金额" + zh + "；应为以元计的数，如 1200000、1,200,000.50、120万、1.2亿",
           "money " + en + "; expected yuan such as 1200000, 1,200,000.50, 120万 or 1.2亿"});
}

// The caller adds what was found to the message, so it is not repeated here.
Parsed<Money> not_a_number(std::string_view) {
  return fail("不是数", "is not a number");
}

bool digits_only(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

// "1,200,000": groups of three after the first group of one to three digits.
bool well_grouped(std::string_view s) {
  size_t first = s.find(',');
  if (first == 0 || first > 3) return false;
  for (size_t i = first; i < s.size(); i += 4) {
    if (s[i] != ',' || i + 4 > s.size() || !digits_only(s.substr(i + 1, 3))) return false;
  }
  return digits_only(s.substr(0, first));
}

}  // namespace

Parsed<Money> parse_money(std::string_view text) {
  std::string_view s = trim(text);
  for (std::string_view yen : {std::string_view("¥"), std::string_view("￥")})
    if (starts_with(s, yen)) s = trim(s.substr(yen.size()));
  int scale = 0;
  for (const Suffix& suffix : kSuffixes) {
    if (ends_with(s, suffix.text)) {
      s = trim(s.substr(0, s.size() - suffix.text.size()));
      scale = suffix.scale;
      break;
    }
  }
  if (s.empty()) return fail("为空", "is empty");
  if (s[0] == '-') return fail("不能为负数", "cannot be negative");
  if (s[0] == '+') return fail("不能带正负号", "cannot carry a sign");
  if (starts_with(s, "0x") || starts_with(s, "0X"))
    return fail("不能是十六进制", "cannot be hexadecimal");
  if (std::any_of(s.begin(), s.end(), [](char c) { return c == 'e' || c == 'E'; }) &&
      s.find_first_not_of("0123456789.eE+-") == std::string_view::npos)
    return fail("不能用科学计数法", "cannot use an exponent");
  std::string_view whole = s, fraction;
  if (size_t dot = s.find('.'); dot != std::string_view::npos) {
    whole = s.substr(0, dot);
    fraction = s.substr(dot + 1);
    if (!digits_only(fraction)) return not_a_number(text);
  }
  std::string ungrouped;  // the whole part without its thousands separators, when it has them
  if (whole.find(',') != std::string_view::npos) {
    if (!well_grouped(whole))
      return fail("千位分隔符位置不对", "has misplaced thousands separators");
    ungrouped = whole;
    std::erase(ungrouped, ',');
    whole = ungrouped;
  }
  if (!digits_only(whole)) return not_a_number(text);
  if (whole.size() > 1 && whole[0] == '0')
    return fail("整数部分不能以 0 开头", "cannot start with a leading zero");
  int decimals = static_cast<int>(fraction.size()) - scale;
  if (decimals > 2) return fail("超过两位小数", "has more than two decimals");
  if (whole.size() > 16) return fail("超过 10^13 元", "exceeds ¥10^13");
  // value in fen = (whole.fraction) × 10^(scale + 2), exact because decimals <= 2.
  i128 fen = 0;
  for (char c : whole) fen = fen * 10 + (c - '0');
  for (char c : fraction) fen = fen * 10 + (c - '0');
  for (int i = 0; i < 2 - decimals; ++i) fen *= 10;
  if (fen > Money::kMaxFen) return fail("超过 10^13 元", "exceeds ¥10^13");
  return Parsed<Money>::ok(Money{static_cast<std::int64_t>(fen)});
}

std::string plain(Money m) {
  std::int64_t a = m.fen < 0 ? -m.fen : m.fen;
  return fmt::format("{}{}.{:02}", m.fen < 0 ? "-" : "", a / 100, a % 100);
}

std::string yuan(Money m) {
  // Built from the right, digit by digit: the messages of every verdict print amounts.
  std::uint64_t a =
      m.fen < 0 ? 0 - static_cast<std::uint64_t>(m.fen) : static_cast<std::uint64_t>(m.fen);
  char buf[40];
  char* p = buf + sizeof buf;
  *--p = static_cast<char>('0' + a % 10);
  *--p = static_cast<char>('0' + a / 10 % 10);
  *--p = '.';
  std::uint64_t whole = a / 100;
  for (int digits = 0; digits == 0 || whole > 0; ++digits, whole /= 10) {
    if (digits > 0 && digits % 3 == 0) *--p = ',';
    *--p = static_cast<char>('0' + whole % 10);
  }
  std::string out = m.fen < 0 ? "-¥" : "¥";
  out.append(p, buf + sizeof buf);
  return out;
}

}  // namespace sbc
