#include "sbc/rate.hpp"

#include <doctest/doctest.h>

using sbc::Money;
using sbc::Rate;

TEST_CASE("rate: percent and permille are exact fractions") {
  CHECK(*sbc::parse_rate("1.5%").value == Rate::of(3, 200));
  CHECK(*sbc::parse_rate("15‰").value == Rate::of(3, 200));
  CHECK(*sbc::parse_rate("3%").value == Rate::percent(3));
  CHECK(*sbc::parse_rate("3％").value == Rate::percent(3));
  CHECK(*sbc::parse_rate("0.015%").value == Rate::of(15, 100000));
  Rate third = Rate::of(1, 3);
  CHECK(third < Rate::percent(34));
  CHECK(third > Rate::percent(33));
  CHECK(sbc::min(third, Rate::percent(3)) == Rate::percent(3));
}

TEST_CASE("rate: a bare number or a malformed one is an error") {
  for (const char* bad : {"0.015", "1.5", "-1%", "1e2%", "%", "1.%", ".5%", "abc%", "1,5%", ""}) {
    CAPTURE(bad);
    CHECK(!sbc::parse_rate(bad));
  }
  CHECK(sbc::parse_rate("0.015").error.en.find("ambiguous") != std::string::npos);
}

TEST_CASE("rate: rendering is exact where it can be, marked where it cannot") {
  CHECK(sbc::format_rate(Rate::of(3, 200)) == "1.5%");
  CHECK(sbc::format_rate(Rate::percent(3)) == "3%");
  CHECK(sbc::format_rate(Rate::of(1, 8)) == "12.5%");
  CHECK(sbc::format_rate(Rate::of(1, 3)) == "≈33.3333%");
  CHECK(sbc::format_rate(Rate::of(330000, 22000000)) == "1.5%");
}

TEST_CASE("rate: applying a rate rounds half up to the fen") {
  CHECK(sbc::apply_half_up(Money{2200000000}, Rate::of(3, 200)).fen == 33000000);  // 2200万 × 1.5%
  CHECK(sbc::apply_half_up(Money{5}, Rate::of(1, 2)).fen == 3);                    // 2.5 fen -> 3
  CHECK(sbc::apply_half_up(Money{3}, Rate::of(1, 2)).fen == 2);                    // 1.5 fen -> 2
  CHECK(sbc::apply_half_up(Money{1}, Rate::of(1, 3)).fen == 0);                    // 0.33 fen -> 0
  CHECK(sbc::apply_half_up(Money{2}, Rate::of(1, 3)).fen == 1);                    // 0.67 fen -> 1
  // The largest money times a rate with a large denominator does not overflow.
  CHECK(sbc::apply_half_up(Money{Money::kMaxFen}, Rate::of(999999999999LL, 1000000000000LL)).fen == 999999999999000);
}
