#include <doctest/doctest.h>

#include <cstdint>

#include "sbc/values/money.hpp"

using sbc::Money;
using sbc::parse_money;

namespace {
std::int64_t fen(const char* text) {
  auto m = parse_money(text);
  REQUIRE_MESSAGE(m, text, " should parse: ", m.error.en);
  return m.value->fen;
}
bool rejects(const char* text) {
  return !parse_money(text);
}
}  // namespace

TEST_CASE("money: every accepted spelling is exact integer fen") {
  CHECK(fen("1200000") == 120000000);
  CHECK(fen("1200000.5") == 120000050);
  CHECK(fen("1200000.50") == 120000050);
  CHECK(fen("1,200,000.00") == 120000000);
  CHECK(fen("120万") == 120000000);
  CHECK(fen("120万元") == 120000000);
  CHECK(fen("1.2亿") == 12000000000);
  CHECK(fen("350000元") == 35000000);
  CHECK(fen("1.23456万") == 1234560);
  CHECK(fen("¥100") == 10000);
  CHECK(fen("0") == 0);
  CHECK(fen("0.01") == 1);
  CHECK(fen("10000000000000") == Money::kMaxFen);  // ¥10^13 is the largest allowed
}

TEST_CASE("money: every malformed form is an error") {
  CHECK(rejects(""));
  CHECK(rejects("-5"));
  CHECK(rejects("+5"));
  CHECK(rejects("1e6"));
  CHECK(rejects("1E6"));
  CHECK(rejects("0x10"));
  CHECK(rejects("010"));
  CHECK(rejects(".nan"));
  CHECK(rejects(".inf"));
  CHECK(rejects("NaN"));
  CHECK(rejects("1.234"));        // three decimals
  CHECK(rejects("1.2345678万"));  // three decimals once in yuan
  CHECK(rejects("1,20,000"));     // misplaced separator
  CHECK(rejects(",100"));
  CHECK(rejects("1_000"));
  CHECK(rejects("10000000000000.01"));  // over ¥10^13
  CHECK(rejects("99999999999999999999999"));
  CHECK(rejects("万"));
  CHECK(rejects("1.2.3"));
  CHECK(rejects("1."));
  CHECK(rejects("abc"));
}

TEST_CASE("money: rendering") {
  CHECK(sbc::plain(Money{120000050}) == "1200000.50");
  CHECK(sbc::yuan(Money{120000050}) == "¥1,200,000.50");
  CHECK(sbc::yuan(Money{5}) == "¥0.05");
  CHECK(sbc::yuan(Money{100000}) == "¥1,000.00");
  CHECK(sbc::yuan(Money{0}) == "¥0.00");
  CHECK(sbc::yuan(Money{99999}) == "¥999.99");
  CHECK(sbc::yuan(Money{-123456789}) == "-¥1,234,567.89");
  CHECK(sbc::yuan(Money{100000000000}) == "¥1,000,000,000.00");
  CHECK(sbc::yuan(Money{INT64_MIN}) == "-¥92,233,720,368,547,758.08");
  CHECK(sbc::yuan(Money{INT64_MAX}) == "¥92,233,720,368,547,758.07");
}
