#include "reportcheck/text.h"

namespace reportcheck {

Text textFromEnSlashVi(const std::string& s) {
    const size_t sep = s.rfind(" / ");
    if (sep == std::string::npos) return same(s);
    Text t{s.substr(sep + 3), s.substr(0, sep)};
    // The English side starts with the path; the Vietnamese side needs it too.
    // (A path holding ": " loses its tail on the Vietnamese side: the callers
    // that say Text from the start have no such guess to make.)
    const size_t colon = t.en.find(": ");
    if (colon != std::string::npos && t.vi.compare(0, colon + 2, t.en, 0, colon + 2) != 0)
        t.vi = t.en.substr(0, colon + 2) + t.vi;
    return t;
}

}  // namespace reportcheck
