#include <cmath>
#include <cstdio>
#include <string>

#include "reportcheck/present.h"
#include "reportcheck/rules.h"

namespace reportcheck {

std::string formatNumber(double v, const std::string& lang, int maxDecimals, bool fixed) {
    if (std::isnan(v)) return lang == "en" ? "undefined" : "không xác định";
    if (std::isinf(v)) return v > 0 ? "∞" : "-∞";
    if (maxDecimals < 0) maxDecimals = 0;
    if (maxDecimals > 10) maxDecimals = 10;
    v = roundHalfAway(v, maxDecimals);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", maxDecimals, std::fabs(v));
    std::string s = buf, intPart = s, frac;
    size_t dot = s.find('.');
    if (dot != std::string::npos) {
        intPart = s.substr(0, dot);
        frac = s.substr(dot + 1);
        while (!fixed && !frac.empty() && frac.back() == '0') frac.pop_back();
    }
    const char group = lang == "en" ? ',' : '.';
    const char decimal = lang == "en" ? '.' : ',';
    std::string grouped;
    for (size_t i = 0; i < intPart.size(); ++i) {
        if (i && (intPart.size() - i) % 3 == 0) grouped += group;
        grouped += intPart[i];
    }
    std::string out = (v < 0 ? "-" : "") + grouped;
    if (!frac.empty()) out += decimal + frac;
    return out;
}

}  // namespace reportcheck
