// How rules travel inside a workbook. Shared by the command line (reads the
// .ods zip directly) and the Calc extension (reads/writes document properties).
//
// The rules text is stored as user-defined document properties (ODS:
// meta.xml <meta:user-defined>; XLSX: docProps/custom.xml), split into chunks
// because some consumers cap one property's length:
//   ReportCheck.Rules.Count   number of chunks, as text ("3")
//   ReportCheck.Rules.1 ...   the chunks in order; concatenated they are the
//                              rules text (UTF-8), with includes already inlined
//   ReportCheck.Rules.Version format version, "1"
// Embedded rules are untrusted: compile them with Limits::untrusted().
//
// A workbook without embedded rules can instead name the bundled rule set it
// was written for (rules_choice.h), in one more user-defined property:
//   ReportCheck.RuleSet       "report-536": run share/reportcheck/rules/report-536.rules
// The name only selects among the bundled sets; it is never used as a path.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace reportcheck::embedding {

inline constexpr const char* kPrefix = "ReportCheck.Rules.";
inline constexpr const char* kCount = "ReportCheck.Rules.Count";
inline constexpr const char* kVersion = "ReportCheck.Rules.Version";
inline constexpr const char* kRuleSet = "ReportCheck.RuleSet";  // not under kPrefix: removing embedded rules keeps it
inline constexpr size_t kChunkChars = 16000;  // bytes of UTF-8, cut on a character boundary
inline constexpr size_t kMaxTotalBytes = 4u << 20;

// Split rules text into named properties (name -> value), Count and Version included.
std::map<std::string, std::string> toProperties(const std::string& rulesText);
// Reassemble from a document's user-defined properties; empty when there are
// none. Throws TextError (text.h) when chunks are missing or too large.
std::string fromProperties(const std::map<std::string, std::string>& props);

}  // namespace reportcheck::embedding
