// Which rules check a workbook. Written once, here, so that the command line
// and the Calc extension decide alike (issue 8); no UNO. chooseRules reads
// no file: the caller says what is on offer.
//
// Rules are written for one report: the bundled report-536 rules run on another
// office's workbook give hundreds of findings that look real, because sheet
// names such as "Biểu 11" recur from report to report (issue 9). So a bundled
// set runs only when the workbook names it (embedding::kRuleSet) or the user
// names it; with nothing embedded, given or named, nothing runs and the caller
// says that the workbook has no checks yet.
//
// Order: rules embedded in the workbook; else the user's rules file; else the
// bundled set the user names; else the bundled set the workbook names.
// `ignoreEmbedded` skips the first step.
#pragma once

#include <string>
#include <vector>

namespace reportcheck {

// What is on offer for one workbook.
struct RulesOffer {
    bool embedded = false;        // the workbook carries rules (embedding.h)
    std::string workbookSet;      // the set its embedding::kRuleSet property names; "" when none
    std::string rulesFile;        // a rules file the user gave (CLI: --rules); "" when none
    std::string userSet;          // a bundled set the user named (CLI: --rules-set); "" when none
    bool ignoreEmbedded = false;  // the user's file or set wins over embedded rules
    std::vector<std::string> bundledSets;  // names of the sets installed (bundledRuleSets)
};

enum class RulesSource { Embedded, File, BundledSet, None };

enum class RulesWhy {
    Embedded,     // the workbook's own rules
    UserFile,     // the user's rules file
    UserSet,      // the bundled set the user named
    WorkbookSet,  // the bundled set the workbook names
    UnknownSet,   // the set named (by the user or the workbook) is not bundled: nothing runs
    NoRules,      // nothing embedded, given or named: nothing runs
};

struct RulesChoice {
    RulesSource source = RulesSource::None;
    RulesWhy why = RulesWhy::NoRules;
    std::string file;          // File: the path given
    std::string set;           // BundledSet: its name; UnknownSet: the name asked for
    bool userIgnored = false;  // the user gave a file or set, but the embedded rules win
    // "embedded" | the file's path | "bundled:NAME" | "" (nothing runs)
    std::string origin() const;
};

// A workbook's set name is untrusted text: it only ever selects one of
// `bundledSets` (compared after trimming white space), never a path.
RulesChoice chooseRules(const RulesOffer& offer);

struct BundledRuleSet {
    std::string name;   // "report-536"
    std::string path;   // dir/report-536.rules
    std::string title;  // the file's first comment line with words in it, "" when none
};

// The rule sets in `dir`: each regular file NAME.rules directly in it (files
// that a set includes belong in a subdirectory), sorted by name. Empty when
// `dir` cannot be read.
std::vector<BundledRuleSet> bundledRuleSets(const std::string& dir);

}  // namespace reportcheck
