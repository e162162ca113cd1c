// Rates: exact fractions from "1.5%" or "15‰", never a bare number; rendered exactly or marked ≈;
// applied to money with half-up rounding to the fen.
#include <doctest/doctest.h>

#include "sbc/values/rate.hpp"

using sbc::Money;
using sbc::Rate;

namespace {
Rate rate(const char* text) {
  auto r = sbc::parse_rate(text);
  REQUIRE_MESSAGE(r, text, " should parse: ", r.error.en);
  return *r.value;
}
}  // namespace

TEST_CASE("rate: percent and permille are exact fractions in lowest terms") {
  CHECK(rate("1.5%").num == 3);
  CHECK(rate("1.5%").den == 200);
  CHECK(rate("15‰") == Rate::of(3, 200));
  CHECK(rate("1.5‰") == Rate::of(3, 2000));
  CHECK(rate("3%") == Rate::percent(3));
  CHECK(rate("3%").den == 100);
  CHECK(rate("3％") == Rate::percent(3));  // fullwidth percent sign, as typed with a Chinese IME
  CHECK(rate("1.5％") == Rate::of(3, 200));
  CHECK(rate("1.50%") == Rate::of(3, 200));
  CHECK(rate("0.015%") == Rate::of(15, 100000));
  CHECK(rate("0%") == Rate::of(0, 1));
  CHECK(rate("100%") == Rate::of(1, 1));
  CHECK(rate(" 1.5% ") == Rate::of(3, 200));
}

TEST_CASE("rate: a bare number or a malformed one is an error") {
  for (std::string bad : {"0.015", "1.5", "3", "-1%", "+1%", "1e2%", "%", "‰", "1.%", ".5%",
                          "1.5%%", "abc%", "1,5%", "１.5%", "1000000%", "0.0000000001%", ""}) {
    CAPTURE(bad);
    CHECK(!sbc::parse_rate(bad));
  }
  CHECK(sbc::parse_rate("0.015").error.en ==
        "rate lacks % or ‰ (a bare 0.015 or 1.5 is ambiguous); expected a percent or permille such "
        "as 1.5% or 15‰");
  CHECK(sbc::parse_rate("-1%").error.en ==
        "rate is not a non-negative number; expected a percent or permille such as 1.5% or 15‰");
  CHECK(sbc::parse_rate("1.5").error.zh.find("歧义") != std::string::npos);
}

TEST_CASE("rate: comparisons are exact, across denominators") {
  CHECK(Rate::of(3, 200) == Rate::of(15, 1000));
  CHECK(Rate::of(6, 400).num == 3);  // Rate::of reduces
  CHECK(!(Rate::of(3, 200) == Rate::of(3, 201)));
  CHECK(Rate::percent(3) < Rate::of(301, 10000));  // 3% < 3.01%
  CHECK(Rate::of(301, 10000) > Rate::percent(3));
  CHECK(!(Rate::percent(3) < Rate::percent(3)));
  CHECK(Rate::percent(3) <= Rate::percent(3));
  CHECK(Rate::percent(3) >= Rate::of(30, 1000));
  CHECK(!(Rate::percent(3) >= Rate::of(301, 10000)));
  Rate third = Rate::of(1, 3);
  CHECK(third < Rate::percent(34));
  CHECK(third > Rate::percent(33));
  CHECK(sbc::min(third, Rate::percent(3)) == Rate::percent(3));
  CHECK(sbc::min(Rate::percent(2), Rate::percent(3)) == Rate::percent(2));
}

TEST_CASE("rate: rendering is exact where it can be, marked ≈ where it cannot") {
  CHECK(sbc::format_rate(Rate::of(3, 200)) == "1.5%");
  CHECK(sbc::format_rate(Rate::percent(3)) == "3%");
  CHECK(sbc::format_rate(Rate::of(0, 1)) == "0%");
  CHECK(sbc::format_rate(Rate::of(1, 1)) == "100%");
  CHECK(sbc::format_rate(Rate::of(1, 8)) == "12.5%");
  CHECK(sbc::format_rate(Rate::of(1, 3200)) == "0.03125%");       // five places, still exact
  CHECK(sbc::format_rate(Rate::of(330000, 22000000)) == "1.5%");  // premium ÷ limit
  CHECK(sbc::format_rate(Rate::of(1, 3)) == "≈33.3333%");
  CHECK(sbc::format_rate(Rate::of(2, 3)) == "≈66.6667%");  // the fourth place rounds half up
  CHECK(sbc::format_rate(Rate::of(1, 7)) == "≈14.2857%");
  CHECK(sbc::format_rate(Rate::of(1, 1024)) == "≈0.0977%");  // finite, but eight places
}

TEST_CASE("rate: applying a rate rounds half up to the fen") {
  CHECK(sbc::apply_half_up(Money{2200000000}, Rate::of(3, 200)).fen ==
        33000000);  // 2200万 × 1.5% exactly
  // fen × rate ending in exactly .5 rounds up; half-even would round 0.5 and 2.5 down.
  CHECK(sbc::apply_half_up(Money{50}, Rate::percent(1)).fen == 1);   // 0.5 fen -> 1
  CHECK(sbc::apply_half_up(Money{150}, Rate::percent(1)).fen == 2);  // 1.5 fen -> 2
  CHECK(sbc::apply_half_up(Money{250}, Rate::percent(1)).fen == 3);  // 2.5 fen -> 3
  CHECK(sbc::apply_half_up(Money{100}, Rate::of(3, 200)).fen == 2);  // ¥1.00 × 1.5% = 1.5 fen -> 2
  CHECK(sbc::apply_half_up(Money{1000000150}, Rate::percent(3)).fen ==
        30000005);  // ¥10,000,001.50 × 3% = 30000004.5 fen
  CHECK(sbc::apply_half_up(Money{149}, Rate::percent(1)).fen == 1);  // 1.49 fen -> 1
  CHECK(sbc::apply_half_up(Money{1}, Rate::of(1, 3)).fen == 0);      // 0.33 fen -> 0
  CHECK(sbc::apply_half_up(Money{2}, Rate::of(1, 3)).fen == 1);      // 0.67 fen -> 1
  CHECK(sbc::apply_half_up(Money{12345}, Rate::of(0, 1)).fen == 0);
  CHECK(sbc::apply_half_up(Money{12345}, Rate::of(1, 1)).fen == 12345);
  // The largest money times a rate with a large denominator does not overflow.
  CHECK(sbc::apply_half_up(Money{Money::kMaxFen}, Rate::of(999999999999LL, 1000000000000LL)).fen ==
        999999999999000);
}
