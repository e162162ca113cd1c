// Exact rates as fractions: "1.5%" is 15/1000, "15‰" is 15/1000, premium ÷ limit is exact.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sbc/base/parsed.hpp"
#include "sbc/values/money.hpp"

namespace sbc {

// num/den in lowest terms, den > 0, num >= 0.
struct Rate {
  std::int64_t num = 0;
  std::int64_t den = 1;

  static Rate of(std::int64_t num, std::int64_t den);  // reduces; den must be > 0
  static Rate percent(std::int64_t p) { return of(p, 100); }
};

bool operator==(Rate a, Rate b);
bool operator<(Rate a, Rate b);
inline bool operator>(Rate a, Rate b) {
  return b < a;
}
inline bool operator<=(Rate a, Rate b) {
  return !(b < a);
}
inline bool operator>=(Rate a, Rate b) {
  return !(a < b);
}
inline Rate min(Rate a, Rate b) {
  return b < a ? b : a;
}

// Parses "1.5%" or "15‰". A bare number is an error: 0.015 and 1.5 would be ambiguous.
Parsed<Rate> parse_rate(std::string_view text);

// "1.5%": exact when the fraction has a finite decimal form of at most 6 places after the
// percent point, otherwise rounded half up to 4 places and prefixed with "≈".
std::string format_rate(Rate r);

// amount × rate, rounded half up to the fen.
Money apply_half_up(Money amount, Rate r);

}  // namespace sbc
