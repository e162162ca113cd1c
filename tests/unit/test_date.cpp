#include "sbc/date.hpp"

#include <doctest/doctest.h>

namespace {
sbc::Date d(const char* s) {
  auto p = sbc::parse_date(s);
  REQUIRE_MESSAGE(p, s);
  return *p.value;
}
}  // namespace

TEST_CASE("date: only real calendar dates in YYYY-MM-DD") {
  CHECK(sbc::format(d("2020-02-29")) == "2020-02-29");
  for (const char* bad : {"2021-02-29", "2020-2-5", "20200101", "02020-01-01", "2020-13-01", "2020-04-31",
                          "2020-00-10", "2020/01/01", "2020-01-01T00:00", ""}) {
    CAPTURE(bad);
    CHECK(!sbc::parse_date(bad));
  }
  CHECK(sbc::parse_date("2021-02-29").error.en.find("does not exist") != std::string::npos);
}

TEST_CASE("date: calendar years, 29 February to 28 February") {
  CHECK(sbc::format(sbc::add_years(d("2018-02-28"), 2)) == "2020-02-28");
  CHECK(sbc::format(sbc::add_years(d("2020-02-29"), 1)) == "2021-02-28");
  CHECK(sbc::format(sbc::add_years(d("2020-02-29"), 4)) == "2024-02-29");
  CHECK(sbc::format(sbc::add_years(d("2019-12-31"), 1)) == "2020-12-31");
  CHECK(sbc::days_between(d("2020-01-01"), d("2021-01-01")) == 366);
  CHECK(d("2020-01-01") < d("2020-01-02"));
}
