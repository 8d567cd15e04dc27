// Every message a finding carries, written from the finding's data in one
// language at a time. The evaluator records what a finding is about (place,
// values, parts, target, limit, missing reference); nothing else in the engine
// writes finding prose, so the words and their two languages live here.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "reportcheck/finding.h"
#include "reportcheck/present.h"  // findingPlace

namespace reportcheck {

// A value of a check or target as the report writes it: at the decimals
// compared (a cell shown as 50,0 is written 50,0), else up to 2; a date as a date.
std::string findingValue(const Finding& f, double v, const std::string& lang);

// The engine's own message of `f` in `lang` ("vi" or "en").
std::string defaultMessage(const Finding& f, const std::string& lang);

// A rule's own template (`vi "…"` / `en "…"`) filled from the same data:
// {expected} {actual} {diff} {cell} {sheet} {label} {rule} {target} {status}
// {share} {row} {header} {parts}. At most `max` bytes however often a
// placeholder repeats; `cut` tells whether it was cut.
std::string fillMessage(const std::string& tpl, const Finding& f, const std::string& lang, std::size_t max, bool& cut);

// The placeholder names fillMessage knows, in the order documented; the
// compiler refuses any other in a rule's template.
const std::vector<std::string>& messagePlaceholders();

// The template filler itself, for tests and for other placeholders.
std::string fillTemplate(const std::string& tpl, const std::map<std::string, std::string>& vars, std::size_t max,
                         bool& cut);

// What a missing reference is, in words: `trang "Biểu 9" (có phải "Biểu 1"?)`,
// `the row labelled "Tổng số" in "Biểu 3"`. Also the key that reports it once.
std::string missingWhat(const MissingRef& m, const std::string& lang);

}  // namespace reportcheck
