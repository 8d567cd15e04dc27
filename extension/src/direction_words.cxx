#include "direction_words.hxx"

#include <rtl/ustrbuf.hxx>

namespace rcext {

namespace {

// Each Vietnamese letter with its diacritics, upper and lower case, after its base letter.
const char* const kLetters[] = {
    "aàáảãạăằắẳẵặâầấẩẫậAÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", "eèéẻẽẹêềếểễệEÈÉẺẼẸÊỀẾỂỄỆ", "iìíỉĩịIÌÍỈĨỊ",
    "oòóỏõọôồốổỗộơờớởỡợOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", "uùúủũụưừứửữựUÙÚỦŨỤƯỪỨỬỮỰ", "yỳýỷỹỵYỲÝỶỸỴ", "dđDĐ"};

sal_Unicode base(sal_Unicode c) {
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? static_cast<sal_Unicode>(c - 'A' + 'a') : c;
    for (const char* group : kLetters) {
        const OUString g = OUString::fromUtf8(group);
        if (g.indexOf(c) >= 0) return g[0];
    }
    return c;
}

struct Word {
    const char* folded;
    reportcheck::TargetDirection d;
};

// Folded forms: what the engine accepts, and "tối thiểu" (minimum), the word
// report targets are written with.
const Word kWords[] = {
    {"at least", reportcheck::TargetDirection::AtLeast},   {"atleast", reportcheck::TargetDirection::AtLeast},
    {"it nhat", reportcheck::TargetDirection::AtLeast},    {"toi thieu", reportcheck::TargetDirection::AtLeast},
    {">=", reportcheck::TargetDirection::AtLeast},         {"at most", reportcheck::TargetDirection::AtMost},
    {"atmost", reportcheck::TargetDirection::AtMost},      {"toi da", reportcheck::TargetDirection::AtMost},
    {"<=", reportcheck::TargetDirection::AtMost},          {"between", reportcheck::TargetDirection::Between},
    {"range", reportcheck::TargetDirection::Between},      {"trong khoang", reportcheck::TargetDirection::Between},
    {"more than", reportcheck::TargetDirection::MoreThan}, {"morethan", reportcheck::TargetDirection::MoreThan},
    {"tren", reportcheck::TargetDirection::MoreThan},      {">", reportcheck::TargetDirection::MoreThan},
    {"less than", reportcheck::TargetDirection::LessThan}, {"lessthan", reportcheck::TargetDirection::LessThan},
    {"duoi", reportcheck::TargetDirection::LessThan},      {"<", reportcheck::TargetDirection::LessThan},
};

}  // namespace

OUString foldWord(const OUString& s) {
    rtl::OUStringBuffer out;
    bool space = false;
    // A direction is a word or two: a long argument is no direction, and is not walked.
    for (sal_Int32 i = 0; i < s.getLength() && i < 64; ++i) {
        const sal_Unicode c = s[i];
        if (c == ' ' || c == '\t' || c == 0xA0) {
            space = out.getLength() > 0;
            continue;
        }
        if (space) out.append(' ');
        space = false;
        out.append(base(c));
    }
    return out.makeStringAndClear();
}

bool parseDirectionWord(const OUString& s, reportcheck::TargetDirection& d) {
    if (s.getLength() > 64) return false;
    const OUString f = foldWord(s);
    for (const Word& w : kWords)
        if (f.equalsAscii(w.folded)) {
            d = w.d;
            return true;
        }
    return false;
}

}  // namespace rcext
