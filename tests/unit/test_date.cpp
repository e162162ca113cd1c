// Dates: a day that exists, in YYYY-MM-DD or the forms people in China write (2020年6月1日,
// 2020/6/1, 2020.6.1, 2020-6-1); calendar years (29 February to 28 February).
#include <doctest/doctest.h>

#include "sbc/values/date.hpp"

namespace {
sbc::Date d(const char* s) {
  auto p = sbc::parse_date(s);
  REQUIRE_MESSAGE(p, s, " should parse: ", p.error.en);
  return *p.value;
}
std::string plus_years(const char* s, int n) {
  return sbc::format(sbc::add_years(d(s), n));
}
}  // namespace

TEST_CASE("date: only real calendar dates in YYYY-MM-DD") {
  CHECK(d("1970-01-01").days == 0);
  CHECK(d("2020-05-15").days == 18397);
  CHECK(sbc::format(d("2020-02-29")) == "2020-02-29");
  CHECK(sbc::format(d("2000-02-29")) == "2000-02-29");  // divisible by 400: a leap year
  CHECK(sbc::format(d("2020-12-31")) == "2020-12-31");
  CHECK(sbc::format(sbc::Date{-719162}) == "0001-01-01");  // four digits, zero-padded
  CHECK(sbc::format(sbc::Date{0}) == "1970-01-01");
  for (std::string bad :
       {"2021-02-29",  "1900-02-29",  "2020-02-30",     "20200101",    "02020-01-01",
        "2020-13-01",  "2020-04-31",  "2020-00-10",     "2020-01-00",  "2020-01-01T00:00",
        " 2020-01-01", "2020-01-01 ", "２０２０-01-01", "-2020-01-01", "",
        "2020",        "2020-",       "2020-1",         "2020-1-",     "2020-001-01",
        "2020-01-001", "20-01-01"}) {
    CAPTURE(bad);
    CHECK(!sbc::parse_date(bad));
  }
}

TEST_CASE("date: the forms people in China write, read as the same day") {
  for (const char* same : {"2020-06-01", "2020-6-1", "2020-06-1", "2020/6/1", "2020/06/01",
                           "2020.6.1", "2020.06.01", "2020年6月1日", "2020年06月01日"}) {
    CAPTURE(same);
    CHECK(sbc::format(d(same)) == "2020-06-01");
  }
  CHECK(sbc::format(d("2020年12月31日")) == "2020-12-31");
  CHECK(sbc::format(d("2020/2/29")) == "2020-02-29");
  // Year, month, day, in that order, one separator: the American order and mixed separators are
  // refused.
  for (std::string bad : {"6/1/2020", "1/6/2020", "2020/6-1", "2020.6/1", "2020年6月1",
                          "2020年6-1日", "2020年6月1日 ", "二〇二〇年六月一日", "2020年2月30日",
                          "2020/2/30", "2021.2.29", "2020-6-31"}) {
    CAPTURE(bad);
    CHECK(!sbc::parse_date(bad));
  }
  CHECK(sbc::parse_date("2020年2月30日").error.en ==
        "date 2020年2月30日 does not exist in the calendar");
}

TEST_CASE("date: the error says what was expected") {
  CHECK(sbc::parse_date("2021-02-29").error.en == "date 2021-02-29 does not exist in the calendar");
  CHECK(sbc::parse_date("2021-02-29").error.zh == "日期 2021-02-29 在日历上不存在");
  CHECK(sbc::parse_date("6/1/2020").error.en ==
        "date expected as 2020-05-15, 2020-5-15, 2020/5/15, 2020.5.15 or 2020年5月15日");
}

TEST_CASE("date: calendar years, 29 February to 28 February") {
  CHECK(plus_years("2018-02-28", 2) == "2020-02-28");
  CHECK(plus_years("2020-02-29", 1) == "2021-02-28");
  CHECK(plus_years("2020-02-29", 4) == "2024-02-29");
  CHECK(plus_years("2016-02-29", 2) == "2018-02-28");
  CHECK(plus_years("2019-03-01", 1) == "2020-03-01");
  CHECK(plus_years("2019-12-31", 1) == "2020-12-31");
  CHECK(plus_years("2024-02-29", -4) == "2020-02-29");
  CHECK(plus_years("2020-02-29", -1) == "2019-02-28");
  CHECK(plus_years("2020-05-15", 0) == "2020-05-15");
}

TEST_CASE("date: days between and order") {
  CHECK(sbc::days_between(d("2020-01-01"), d("2021-01-01")) == 366);  // 2020 is a leap year
  CHECK(sbc::days_between(d("2021-01-01"), d("2022-01-01")) == 365);
  CHECK(sbc::days_between(d("2020-02-28"), d("2020-03-01")) == 2);
  CHECK(sbc::days_between(d("2021-02-28"), d("2021-03-01")) == 1);
  CHECK(sbc::days_between(d("2020-05-15"), d("2020-05-14")) == -1);
  CHECK(sbc::days_between(d("2020-05-15"), d("2020-05-15")) == 0);
  CHECK(sbc::add_days(d("2020-02-28"), 1) == d("2020-02-29"));
  CHECK(sbc::add_days(d("2020-12-31"), 1) == d("2021-01-01"));
  CHECK(d("2020-01-01") < d("2020-01-02"));
  CHECK(d("2019-12-31") < d("2020-01-01"));
  CHECK(!(d("2020-01-02") <= d("2020-01-01")));
}
