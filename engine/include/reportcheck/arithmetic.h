// The report's arithmetic, with no rules and no workbook: rounding as the
// report rounds, percentages, targets (status, share, the words for a
// direction), numbers written as text and numbers written for people. The
// engine, the Calc functions (RC.ROUND, RC.PCT, RC.TARGETSTATUS, …) and the
// presenters all use these, so a number is rounded and written one way.
#pragma once

#include <string>

#include "reportcheck/finding.h"  // TargetStatus

namespace reportcheck {

// The report's rounding: half away from zero to `decimals` places.
double roundHalfAway(double v, int decimals);
// part / whole * 100 rounded; throws std::domain_error on a zero whole.
double percent(double part, double whole, int decimals);

// At least / at most / between, and the strict directions of "trên 90%" (MoreThan)
// and "dưới 20%" (LessThan).
enum class TargetDirection { AtLeast, AtMost, Between, MoreThan, LessThan };
// Status and share (% of target achieved) of an actual value against a target.
// For Between, `target` is the low end and `high` the high end. A strict target
// has no "đạt": a value beyond it is "vượt", the target value itself (within the
// tolerance) and anything short of it "không đạt".
TargetStatus targetStatus(TargetDirection d, double actual, double target, double high = 0,
                          double tolerance = 1e-9);
double targetShare(TargetDirection d, double actual, double target);
bool parseTargetDirection(const std::string& word, TargetDirection& d);  // vi or en words

// A number stored as text, written the Vietnamese way or plainly: "87.107" ->
// 87107, "47,5" -> 47.5, "1.234,5" -> 1234.5, "94,8%" -> 94.8, "47.5" -> 47.5
// (a lone dot that cannot be a thousands group). False if not a number.
bool parseTextNumber(const std::string& text, double& out);

// Numbers as the report writes them: vi "87.107" "47,5"; en "87,107" "47.5".
// Trailing zeros are dropped unless `fixed` (a cell shown with 1 decimal: "50,0").
std::string formatNumber(double v, const std::string& lang, int maxDecimals = 2, bool fixed = false);

// Dates as Calc keeps them: serial days from 1899-12-30, its default null date.
constexpr long long kNullDateFrom1970 = -25569;  // 1899-12-30 in days from 1970-01-01
// Days from 1970-01-01 of a civil date (proleptic Gregorian), and back.
long long daysFromCivil(long long y, long long m, long long d);
void civilFromDays(long long days, long long& y, int& m, int& d);
// The day Calc's own calendar gives a civil date (days from 1970-01-01), as its
// import of an ISO 8601 text does: Gregorian from 1582-10-15 and Julian before,
// no year 0 (-1 is 1 BC), years -32768..32767; false for a date it does not have
// (2023-02-29, 1582-10-10, month 13).
bool calcCalendarDay(long long y, int m, int d, long long& days);
// A serial day as the report writes it: vi "31/12/2024", en "31 Dec 2024"; a
// time of day is added ("31/12/2024 10:30"). Not a day Calc can hold: the number.
std::string formatDate(double serial, const std::string& lang);

}  // namespace reportcheck
