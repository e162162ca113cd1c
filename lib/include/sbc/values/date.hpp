// Real calendar dates (proleptic Gregorian), on Howard Hinnant's date library.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "sbc/base/parsed.hpp"

namespace sbc {

struct Date {
  int days = 0;  // since 1970-01-01

  friend constexpr auto operator<=>(Date, Date) = default;
};

// Parses a day that exists, written YYYY-MM-DD, or as people in China write it: 2020年6月1日,
// 2020/6/1, 2020.6.1, 2020-6-1 (year, month, day in that order; one- or two-digit month and day).
Parsed<Date> parse_date(std::string_view text);
std::string format(Date d);
// As a Chinese form writes it: 2020年6月1日.
std::string format_zh(Date d);

// The same day n calendar years later; 29 February goes to 28 February in a common year
// (2018-02-28 + 2 years = 2020-02-28; 2020-02-29 + 1 year = 2021-02-28).
Date add_years(Date d, int n);
// The last day of the n calendar months that begin on `from` (that day included): the day before
// the same day n months later, or the month's last day when it has no such day (民法典
// 第二百零三条): 2023-08-01 + 12 months ends 2024-07-31; 2024-02-29 + 12 months ends 2025-02-28.
Date last_day_of_months(Date from, int n);
inline Date add_days(Date d, int n) {
  return Date{d.days + n};
}
// Whole days from a to b (b - a).
inline int days_between(Date a, Date b) {
  return b.days - a.days;
}

}  // namespace sbc
