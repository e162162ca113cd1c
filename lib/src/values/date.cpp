#include "sbc/values/date.hpp"

#include <date/date.h>
#include <fmt/format.h>

namespace sbc {
namespace {

date::year_month_day to_ymd(Date d) { return date::year_month_day{date::sys_days{date::days{d.days}}}; }
Date from_ymd(date::year_month_day ymd) { return Date{date::sys_days{ymd}.time_since_epoch().count()}; }

}  // namespace

Parsed<Date> parse_date(std::string_view s) {
  auto digit = [&](size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-';
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) shape = shape && digit(i);
  if (!shape)
    return Parsed<Date>::fail(Text{"日期应为 YYYY-MM-DD 格式，如 2020-05-15",
                                   "date expected as YYYY-MM-DD, such as 2020-05-15"});
  auto number = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  date::year_month_day ymd{date::year{number(0, 4)}, date::month(unsigned(number(5, 2))),
                           date::day(unsigned(number(8, 2)))};
  if (!ymd.ok())
    return Parsed<Date>::fail(Text{fmt::format("日期 {} 在日历上不存在", s),
                                   fmt::format("date {} does not exist in the calendar", s)});
  return Parsed<Date>::ok(from_ymd(ymd));
}

std::string format(Date d) {
  auto ymd = to_ymd(d);
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
}

Date add_years(Date d, int n) {
  auto ymd = to_ymd(d);
  date::year_month_day moved = ymd + date::years{n};
  if (!moved.ok()) moved = moved.year() / moved.month() / date::last;  // 29 Feb -> 28 Feb
  return from_ymd(moved);
}

Date last_day_of_months(Date from, int n) {
  date::year_month_day start = to_ymd(from);
  date::year_month_day same = start + date::months{n};
  if (!same.ok()) return from_ymd(same.year() / same.month() / date::last);  // no such day: the month's last
  return Date{from_ymd(same).days - 1};
}

}  // namespace sbc
