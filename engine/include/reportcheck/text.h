// One bilingual text: what a user reads, Vietnamese first, English second.
// Messages travel as this pair (diagnostics, the errors readers throw, the
// extension's UI texts) until the one place that knows the reader's language —
// the command line's --lang, Calc's UI language — picks one with in(): output
// is in one language at a time, never "Tiếng Việt / English".
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace reportcheck {

struct Text {
    std::string vi, en;

    // A constructor, not an aggregate: in a struct that holds a Text (a
    // Diagnostic), `{file, line, col, a, b}` would otherwise fill vi and en
    // by brace elision in whatever order a and b happen to be written.
    Text() = default;
    Text(std::string vi_, std::string en_) : vi(std::move(vi_)), en(std::move(en_)) {}

    // "en" is English; anything else Vietnamese, the product's first language.
    const std::string& in(const std::string& lang) const { return lang == "en" ? en : vi; }
    bool empty() const { return vi.empty() && en.empty(); }
};

// The same words in both languages: a path, a number, a name.
inline Text same(const std::string& s) { return {s, s}; }
inline Text operator+(const Text& a, const Text& b) { return {a.vi + b.vi, a.en + b.en}; }

// An error a user reads, in both languages. what() is the Vietnamese, for a
// caller that knows no language (a log, a test's failure line); a caller that
// knows the reader's language shows text().in(lang).
class TextError : public std::runtime_error {
public:
    explicit TextError(Text t) : std::runtime_error(t.vi), text_(std::move(t)) {}
    const Text& text() const { return text_; }

private:
    Text text_;
};

// What any exception says: a TextError's pair, another's what() in both
// languages (a library's own message has only one).
inline Text textOf(const std::exception& e) {
    if (const auto* t = dynamic_cast<const TextError*>(&e)) return t->text();
    return same(e.what());
}

}  // namespace reportcheck
