// The report's arithmetic: rounding, percentages, targets, and numbers
// pasted as text with Vietnamese separators.
#include "reportcheck/arithmetic.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace reportcheck {

double roundHalfAway(double v, int decimals) {
    if (!std::isfinite(v)) return v;
    // Beyond ±308 decimals 10^decimals is 0 or infinite; no double has digits there anyway.
    decimals = std::max(-308, std::min(308, decimals));
    double p = std::pow(10.0, decimals);
    double scaled = v * p;
    // From 2^52 on a double has no fraction left to round (and v * p may have
    // overflowed to infinity, which must not turn 1e307 into inf): v is exact.
    if (!(std::fabs(scaled) < 4503599627370496.0)) return v;
    // Nudge by a few ulps so that 87.65 (stored as 87.6499999…) rounds as printed.
    double nudged = scaled + std::copysign(std::abs(scaled) * 4 * 2.220446049250313e-16, scaled);
    return std::round(nudged) / p;
}

double percent(double part, double whole, int decimals) {
    if (whole == 0) throw std::domain_error("percent: the whole is zero");  // for callers; users read their own words (the add-in: "mẫu số bằng 0")
    return roundHalfAway(part / whole * 100.0, decimals);
}

TargetStatus targetStatus(TargetDirection d, double actual, double target, double high,
                          double tolerance) {
    switch (d) {
        case TargetDirection::AtLeast:
            if (actual > target + tolerance) return TargetStatus::Exceeded;
            return actual >= target - tolerance ? TargetStatus::Met : TargetStatus::NotMet;
        case TargetDirection::AtMost:
            if (actual < target - tolerance) return TargetStatus::Exceeded;
            return actual <= target + tolerance ? TargetStatus::Met : TargetStatus::NotMet;
        case TargetDirection::Between:
            if (actual > high + tolerance) return TargetStatus::Exceeded;
            return actual >= target - tolerance ? TargetStatus::Met : TargetStatus::NotMet;
        // Strict: only a value beyond the target satisfies it, so there is no "đạt".
        case TargetDirection::MoreThan:
            return actual > target + tolerance ? TargetStatus::Exceeded : TargetStatus::NotMet;
        case TargetDirection::LessThan:
            return actual < target - tolerance ? TargetStatus::Exceeded : TargetStatus::NotMet;
    }
    return TargetStatus::None;
}

double targetShare(TargetDirection d, double actual, double target) {
    bool lowerIsBetter = d == TargetDirection::AtMost || d == TargetDirection::LessThan;
    double s = lowerIsBetter ? target / actual * 100.0 : actual / target * 100.0;
    return std::isfinite(s) ? s : NAN;
}

bool parseTargetDirection(const std::string& w, TargetDirection& d) {
    if (w == "at least" || w == "ít nhất" || w == ">=" || w == "atleast") d = TargetDirection::AtLeast;
    else if (w == "at most" || w == "tối đa" || w == "<=" || w == "atmost") d = TargetDirection::AtMost;
    else if (w == "between" || w == "trong khoảng" || w == "range") d = TargetDirection::Between;
    else if (w == "more than" || w == "trên" || w == ">" || w == "morethan") d = TargetDirection::MoreThan;
    else if (w == "less than" || w == "dưới" || w == "<" || w == "lessthan") d = TargetDirection::LessThan;
    else return false;
    return true;
}

static bool allDigits(const std::string& s, size_t b, size_t e) {
    if (b >= e) return false;
    for (size_t i = b; i < e; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

bool parseTextNumber(const std::string& raw, double& out) {
    size_t b = 0, e = raw.size();
    auto space = [&](size_t i) { return raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r'; };
    while (b < e && space(b)) ++b;
    while (e > b && space(e - 1)) --e;
    if (e > b && raw[e - 1] == '%') --e;  // "94,8%" is the number 94.8
    bool neg = false;
    if (b < e && (raw[b] == '-' || raw[b] == '+')) { neg = raw[b] == '-'; ++b; }
    std::string s = raw.substr(b, e - b);
    if (s.empty()) return false;
    size_t comma = s.find(','), dot = s.find('.');
    std::string intPart, frac;
    if (comma != std::string::npos) {
        // Vietnamese: '.' groups thousands, ',' marks decimals.
        if (s.find(',', comma + 1) != std::string::npos || !allDigits(s, comma + 1, s.size())) return false;
        intPart = s.substr(0, comma);
        frac = s.substr(comma + 1);
    } else {
        intPart = s;
    }
    std::string digits;
    if (intPart.find('.') != std::string::npos) {
        // Either thousands groups "87.107" / "1.234.567" or, without a comma, a plain "47.5".
        bool grouped = true;
        size_t first = intPart.find('.');
        if (first == 0 || first > 3 || !allDigits(intPart, 0, first)) grouped = false;
        for (size_t i = first; grouped && i < intPart.size(); i += 4)
            if (intPart[i] != '.' || i + 4 > intPart.size() || !allDigits(intPart, i + 1, i + 4)) grouped = false;
        if (grouped) {
            for (char c : intPart) if (c != '.') digits += c;
        } else if (comma == std::string::npos && dot != std::string::npos &&
                   intPart.find('.', dot + 1) == std::string::npos && allDigits(intPart, 0, dot) &&
                   allDigits(intPart, dot + 1, intPart.size())) {
            digits = intPart.substr(0, dot);
            frac = intPart.substr(dot + 1);
        } else {
            return false;
        }
    } else {
        if (!allDigits(intPart, 0, intPart.size())) return false;
        digits = intPart;
    }
    out = std::stod(digits + (frac.empty() ? "" : "." + frac));
    if (neg) out = -out;
    return true;
}

}  // namespace reportcheck
