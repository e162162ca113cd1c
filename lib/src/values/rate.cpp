#include "sbc/values/rate.hpp"

#include <fmt/format.h>

#include <numeric>

#include "base/int128.hpp"
#include "base/strings.hpp"

namespace sbc {
namespace {

Parsed<Rate> fail(const std::string& zh, const std::string& en) {
  return Parsed<Rate>::fail(
      Text{"费率" + zh + "；应为百分数或千分数，如 1.5% 或 15‰",
           "rate " + en + "; expected a percent or permille such as 1.5% or 15‰"});
}

// round(n / d) half up, for n >= 0, d > 0.
i128 div_half_up(i128 n, i128 d) {
  return (2 * n + d) / (2 * d);
}

}  // namespace

Rate Rate::of(std::int64_t num, std::int64_t den) {
  std::int64_t g = std::gcd(num, den);
  if (g == 0) return Rate{0, 1};
  return Rate{num / g, den / g};
}

bool operator==(Rate a, Rate b) {
  return i128(a.num) * b.den == i128(b.num) * a.den;
}
bool operator<(Rate a, Rate b) {
  return i128(a.num) * b.den < i128(b.num) * a.den;
}

Parsed<Rate> parse_rate(std::string_view text) {
  std::string_view s = trim(text);
  std::int64_t den;
  if (ends_with(s, "%") || ends_with(s, "％")) {
    s = trim(s.substr(0, s.size() - (ends_with(s, "%") ? 1 : 3)));
    den = 100;
  } else if (ends_with(s, "‰")) {
    s = trim(s.substr(0, s.size() - 3));
    den = 1000;
  } else {
    return fail("缺少 % 或 ‰（裸数 0.015 与 1.5 有歧义）",
                "lacks % or ‰ (a bare 0.015 or 1.5 is ambiguous)");
  }
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  auto digits = [](std::string_view d) {
    return d.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (whole.empty() || !digits(whole) || !digits(fraction) ||
      (dot != std::string_view::npos && fraction.empty()))
    return fail("不是非负数", "is not a non-negative number");
  if (whole.size() > 6 || fraction.size() > 9) return fail("位数过多", "has too many digits");
  std::int64_t num = 0;
  for (char c : whole) num = num * 10 + (c - '0');
  for (char c : fraction) {
    num = num * 10 + (c - '0');
    den *= 10;
  }
  return Parsed<Rate>::ok(Rate::of(num, den));
}

std::string format_rate(Rate r) {
  // percent = r × 100 = p / q
  Rate pct = Rate::of(r.num * 100, r.den);
  std::int64_t q = pct.den;
  int places = 0;
  while (q % 10 == 0) q /= 10, ++places;
  while (q % 2 == 0) q /= 2, ++places;  // each factor 2 or 5 needs one more place at most
  while (q % 5 == 0) q /= 5, ++places;
  bool exact = q == 1 && places <= 6;
  int shown = exact ? places : 4;
  i128 scale = 1;
  for (int i = 0; i < shown; ++i) scale *= 10;
  i128 scaled = div_half_up(i128(pct.num) * scale, pct.den);
  std::string digits = fmt::format("{}", static_cast<std::int64_t>(scaled / scale));
  if (shown > 0) {
    std::string frac = fmt::format("{:0{}}", static_cast<std::int64_t>(scaled % scale), shown);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    if (!frac.empty()) digits += "." + frac;
  }
  return (exact ? "" : "≈") + digits + "%";
}

Money apply_half_up(Money amount, Rate r) {
  return Money{static_cast<std::int64_t>(div_half_up(i128(amount.fen) * r.num, r.den))};
}

}  // namespace sbc
