// Exact money: integer fen (1/100 yuan). No floating point anywhere.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "sbc/base/parsed.hpp"

namespace sbc {

struct Money {
  std::int64_t fen = 0;

  // The largest amount a case may state: ¥10^13 (the contract's bound).
  static constexpr std::int64_t kMaxFen = 1'000'000'000'000'000;

  static constexpr Money yuan(std::int64_t y) { return Money{y * 100}; }
  friend constexpr auto operator<=>(Money, Money) = default;
  friend constexpr Money operator+(Money a, Money b) { return Money{a.fen + b.fen}; }
  friend constexpr Money operator-(Money a, Money b) { return Money{a.fen - b.fen}; }
};

// Parses a money scalar in yuan: "1200000", "1200000.50", "1,200,000.00", "120万", "1.2亿",
// "350000元", "120万元", optionally after "¥". At most two decimals once converted to yuan.
// Fails (with a message saying what was expected) on anything else: sign, exponent, hex, NaN,
// misplaced commas, more than two decimals, more than ¥10^13.
Parsed<Money> parse_money(std::string_view text);

// "1200000.50": the form used in JSON and CSV.
std::string plain(Money m);
// "¥1,200,000.50": the form used in text for people.
std::string yuan(Money m);

}  // namespace sbc
