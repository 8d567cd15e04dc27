#include <cmath>
#include <cstdio>
#include <string>

#include "reportcheck/arithmetic.h"

namespace reportcheck {

std::string formatNumber(double v, const std::string& lang, int maxDecimals, bool fixed) {
    if (std::isnan(v)) return lang == "en" ? "undefined" : "không xác định";
    if (std::isinf(v)) return v > 0 ? "∞" : "-∞";
    if (maxDecimals < 0) maxDecimals = 0;
    if (maxDecimals > 10) maxDecimals = 10;
    const char decimalSep = lang == "en" ? '.' : ',';
    char buf[64];
    if (std::fabs(v) >= 1e15) {
        // Digit groups stop being readable (and "%f" of 1e308 is 309 digits):
        // scientific notation with six significant digits, e.g. 1,5e+20.
        std::snprintf(buf, sizeof buf, "%.6g", v);
        std::string s = buf;
        for (char& c : s)
            if (c == '.') c = decimalSep;
        return s;
    }
    v = roundHalfAway(v, maxDecimals);
    std::snprintf(buf, sizeof buf, "%.*f", maxDecimals, std::fabs(v));
    std::string s = buf, intPart = s, frac;
    size_t dot = s.find('.');
    if (dot != std::string::npos) {
        intPart = s.substr(0, dot);
        frac = s.substr(dot + 1);
        while (!fixed && !frac.empty() && frac.back() == '0') frac.pop_back();
    }
    const char group = lang == "en" ? ',' : '.';
    std::string grouped;
    for (size_t i = 0; i < intPart.size(); ++i) {
        if (i && (intPart.size() - i) % 3 == 0) grouped += group;
        grouped += intPart[i];
    }
    std::string out = (v < 0 ? "-" : "") + grouped;
    if (!frac.empty()) out += decimalSep + frac;
    return out;
}

}  // namespace reportcheck
