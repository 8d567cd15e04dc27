#include "reportcheck/rules_choice.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

#include "text_util.h"

namespace reportcheck {

std::string RulesChoice::origin() const {
    switch (source) {
        case RulesSource::Embedded: return "embedded";
        case RulesSource::File: return file;
        case RulesSource::BundledSet: return "bundled:" + set;
        case RulesSource::None: return "";
    }
    return "";
}

RulesChoice chooseRules(const RulesOffer& offer) {
    RulesChoice c;
    if (offer.embedded && !offer.ignoreEmbedded) {
        c.source = RulesSource::Embedded;
        c.why = RulesWhy::Embedded;
        c.userIgnored = !offer.rulesFile.empty() || !offer.userSet.empty();
        return c;
    }
    if (!offer.rulesFile.empty()) {
        c.source = RulesSource::File;
        c.why = RulesWhy::UserFile;
        c.file = offer.rulesFile;
        return c;
    }
    std::string user = normalizeLabel(offer.userSet), named = normalizeLabel(offer.workbookSet);
    if (user.empty() && named.empty()) return c;  // NoRules
    c.set = user.empty() ? named : user;
    bool bundled = std::find(offer.bundledSets.begin(), offer.bundledSets.end(), c.set) != offer.bundledSets.end();
    c.source = bundled ? RulesSource::BundledSet : RulesSource::None;
    c.why = !bundled ? RulesWhy::UnknownSet : user.empty() ? RulesWhy::WorkbookSet : RulesWhy::UserSet;
    return c;
}

namespace {

// "# Quy tắc kiểm tra … báo cáo 536" -> "Quy tắc kiểm tra … báo cáo 536"; a rule
// of "=====" or an empty comment has no words and is passed over.
std::string titleOf(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    for (int n = 0; n < 20 && std::getline(in, line); ++n) {
        size_t hash = line.find_first_not_of(" \t");
        if (hash == std::string::npos) continue;
        if (line[hash] != '#') break;  // the first statement: the header comment is over
        std::string text = normalizeLabel(line.substr(hash + 1));
        if (std::any_of(text.begin(), text.end(), [](unsigned char ch) { return std::isalnum(ch) || ch >= 0x80; }))
            return text;
    }
    return "";
}

}  // namespace

std::vector<BundledRuleSet> bundledRuleSets(const std::string& dir) {
    namespace fs = std::filesystem;
    std::vector<BundledRuleSet> sets;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        std::error_code regular;
        if (p.extension() != ".rules" || !fs::is_regular_file(p, regular)) continue;  // links followed
        sets.push_back({p.stem().string(), p.string(), titleOf(p.string())});
    }
    std::sort(sets.begin(), sets.end(), [](const BundledRuleSet& a, const BundledRuleSet& b) { return a.name < b.name; });
    return sets;
}

}  // namespace reportcheck
