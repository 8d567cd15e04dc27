// Calc's dates: serial days from 1899-12-30 (its default null date), and the
// civil dates they stand for, in the proleptic Gregorian calendar. Howard
// Hinnant's algorithms ("chrono-Compatible Low-Level Date Algorithms"), exact in
// integers over any year a cell can hold; C++17 has no calendar of its own.
#include <cmath>
#include <cstdio>

#include "reportcheck/arithmetic.h"

namespace reportcheck {

long long daysFromCivil(long long y, long long m, long long d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long yoe = y - era * 400;
    const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(long long z, long long& y, int& m, int& d) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = yoe + era * 400 + (m <= 2);
}

bool calcCalendarDay(long long y, int m, int d, long long& days) {
    // Calc's calendar (LibreOffice's Gregorian calendar service): Gregorian from
    // 1582-10-15, Julian before, the ten days between missing; year -1 is 1 BC
    // (there is no year 0); years up to 32767 either way.
    if (y == 0 || y > 32767 || y < -32768 || m < 1 || m > 12 || d < 1) return false;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const long long astro = y < 0 ? y + 1 : y;  // the Julian day formulas count a year 0
    const bool gregorian = y > 1582 || (y == 1582 && (m > 10 || (m == 10 && d >= 15)));
    const bool leap = gregorian ? (astro % 4 == 0 && (astro % 100 != 0 || astro % 400 == 0)) : (astro % 4 == 0);
    if (d > kDays[m - 1] + (m == 2 && leap)) return false;
    if (y == 1582 && m == 10 && d > 4 && d < 15) return false;
    if (gregorian) {
        days = daysFromCivil(y, m, d);
        return true;
    }
    // Julian day number of a Julian calendar date, then to days from 1970-01-01 (JDN 2440588).
    const long long a = (14 - m) / 12, yy = astro + 4800 - a, mm = m + 12 * a - 3;
    const long long jdn = d + (153 * mm + 2) / 5 + 365 * yy + (yy >= 0 ? yy / 4 : (yy - 3) / 4) - 32083;
    days = jdn - 2440588;
    return true;
}

std::string formatDate(double serial, const std::string& lang) {
    // Beyond Calc's years (and NaN, infinities) there is no date to write: the number is.
    if (!std::isfinite(serial) || std::fabs(serial) > 4e6) return formatNumber(serial, lang, 2);
    const double day = std::floor(serial);
    long long y;
    int m, d;
    civilFromDays(static_cast<long long>(day) + kNullDateFrom1970, y, m, d);
    char buf[64];
    // The report writes 31/12/2024; English readers get the month in words, never 12/31 against 31/12.
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (lang == "en")
        std::snprintf(buf, sizeof buf, "%d %s %lld", d, kMonths[m - 1], y);
    else
        std::snprintf(buf, sizeof buf, "%02d/%02d/%lld", d, m, y);
    std::string out = buf;
    const long long minutes = std::llround((serial - day) * 24 * 60);
    if (minutes > 0 && minutes < 24 * 60) {
        std::snprintf(buf, sizeof buf, " %02lld:%02lld", minutes / 60, minutes % 60);
        out += buf;
    }
    return out;
}

}  // namespace reportcheck
