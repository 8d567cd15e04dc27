#include "rules_source.hxx"

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <mutex>

#include <com/sun/star/beans/PropertyAttribute.hpp>
#include <com/sun/star/beans/XPropertyContainer.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/beans/XPropertySetInfo.hpp>
#include <com/sun/star/deployment/XPackageInformationProvider.hpp>
#include <com/sun/star/document/XDocumentProperties.hpp>
#include <com/sun/star/document/XDocumentPropertiesSupplier.hpp>
#include <com/sun/star/util/XModifiable.hpp>
#include <osl/file.hxx>

#include "reportcheck/embedding.h"
#include "ustr.hxx"

using namespace css;
using namespace css::uno;

namespace rcext {

namespace {

Reference<beans::XPropertyContainer> userProps(const Reference<sheet::XSpreadsheetDocument>& doc) {
    Reference<document::XDocumentPropertiesSupplier> sup(doc, UNO_QUERY_THROW);
    return sup->getDocumentProperties()->getUserDefinedProperties();
}

bool isRulesProperty(const OUString& name) {
    return name.startsWith(OUString::createFromAscii(reportcheck::embedding::kPrefix));
}

// A compiled rule set, or why the text did not compile.
struct Compiled {
    std::shared_ptr<const reportcheck::RuleSet> rules;
    std::exception_ptr error;
};

std::mutex g_cacheMutex;
std::map<std::string, Compiled> g_cache;  // key: kind + text

bool cached(const std::string& key, Compiled& out) {
    std::lock_guard<std::mutex> g(g_cacheMutex);
    auto it = g_cache.find(key);
    if (it == g_cache.end()) return false;
    out = it->second;
    return true;
}

void remember(const std::string& key, Compiled c) {
    std::lock_guard<std::mutex> g(g_cacheMutex);
    if (g_cache.size() > 16) g_cache.clear();
    g_cache[key] = std::move(c);
}

std::shared_ptr<const reportcheck::RuleSet> use(const Compiled& c) {
    if (c.error) std::rethrow_exception(c.error);
    return c.rules;
}

// Compile once per key; a failure is kept and rethrown like a result.
template <class F>
std::shared_ptr<const reportcheck::RuleSet> compileCached(const std::string& key, F compile) {
    Compiled c;
    if (cached(key, c)) return use(c);
    try {
        auto rs = std::make_shared<reportcheck::RuleSet>(compile());
        c.rules = rs;
    } catch (const reportcheck::RulesError&) {
        c.error = std::current_exception();  // the text's own fault: the same next time
    }
    remember(key, c);
    return use(c);
}

}  // namespace

std::map<std::string, std::string> embeddedRuleProperties(const Reference<sheet::XSpreadsheetDocument>& doc) {
    namespace emb = reportcheck::embedding;
    Reference<beans::XPropertyContainer> c = userProps(doc);
    Reference<beans::XPropertySet> ps(c, UNO_QUERY_THROW);
    const Sequence<beans::Property> all = ps->getPropertySetInfo()->getProperties();
    // A shared workbook may carry anything here: measure before converting.
    // UTF-8 takes at least one byte per UTF-16 unit, so the units bound the bytes.
    const size_t maxChunks = emb::kMaxTotalBytes / emb::kChunkChars + 1;
    size_t chunks = 0;
    for (const beans::Property& p : all)
        if (isRulesProperty(p.Name) && !p.Name.equalsAscii(emb::kCount) && !p.Name.equalsAscii(emb::kVersion)) ++chunks;
    if (chunks > maxChunks)
        throw LimitError(note(msg::kRulesTooManyParts, {std::to_string(chunks), std::to_string(maxChunks)}));
    std::vector<std::pair<OUString, Any>> found;
    size_t units = 0;
    for (const beans::Property& p : all) {
        if (!isRulesProperty(p.Name)) continue;
        Any a = ps->getPropertyValue(p.Name);
        OUString v;
        if (a >>= v) units += static_cast<size_t>(v.getLength());
        if (units > emb::kMaxTotalBytes)
            throw LimitError(note(msg::kRulesTooLarge, {std::to_string(emb::kMaxTotalBytes)}));
        found.emplace_back(p.Name, std::move(a));
    }
    std::map<std::string, std::string> out;
    for (const auto& [name, a] : found) {
        OUString v;
        double d;
        if (a >>= v) out[u8(name)] = u8(v);
        else if (a >>= d) out[u8(name)] = std::to_string(static_cast<long long>(d));
    }
    return out;
}

std::string embeddedRulesText(const Reference<sheet::XSpreadsheetDocument>& doc) {
    auto props = embeddedRuleProperties(doc);
    if (props.empty()) return {};
    return reportcheck::embedding::fromProperties(props);
}

bool removeEmbeddedRules(const Reference<sheet::XSpreadsheetDocument>& doc) {
    Reference<beans::XPropertyContainer> c = userProps(doc);
    Reference<beans::XPropertySet> ps(c, UNO_QUERY_THROW);
    const Sequence<beans::Property> all = ps->getPropertySetInfo()->getProperties();
    bool any = false;
    for (const beans::Property& p : all)
        if (isRulesProperty(p.Name)) {
            c->removeProperty(p.Name);
            any = true;
        }
    return any;
}

int embedRules(const Reference<sheet::XSpreadsheetDocument>& doc, const std::string& text) {
    if (text.size() > reportcheck::embedding::kMaxTotalBytes)
        throw LimitError(note(msg::kRulesTooLarge, {std::to_string(reportcheck::embedding::kMaxTotalBytes)}));
    auto props = reportcheck::embedding::toProperties(text);
    removeEmbeddedRules(doc);
    Reference<beans::XPropertyContainer> c = userProps(doc);
    int chunks = 0;
    for (const auto& [k, v] : props) {
        c->addProperty(ou(k), beans::PropertyAttribute::REMOVEABLE, Any(ou(v)));
        if (k != reportcheck::embedding::kCount && k != reportcheck::embedding::kVersion) ++chunks;
    }
    return chunks;
}

std::vector<reportcheck::BundledRuleSet> bundledSets(const Reference<XComponentContext>& ctx) {
    try {
        Reference<deployment::XPackageInformationProvider> pip(
            ctx->getValueByName("/singletons/com.sun.star.deployment.PackageInformationProvider"),
            UNO_QUERY);
        if (!pip.is()) return {};
        OUString loc = pip->getPackageLocation("org.reportcheck.calc");
        if (loc.isEmpty()) return {};
        OUString sys;
        if (osl::FileBase::getSystemPathFromFileURL(loc + "/rules", sys) != osl::FileBase::E_None) return {};
        return reportcheck::bundledRuleSets(u8(sys));
    } catch (const Exception&) {
        return {};
    }
}

std::string workbookRuleSet(const Reference<sheet::XSpreadsheetDocument>& doc) {
    Reference<beans::XPropertySet> ps(userProps(doc), UNO_QUERY_THROW);
    const OUString name = OUString::createFromAscii(reportcheck::embedding::kRuleSet);
    if (!ps->getPropertySetInfo()->hasPropertyByName(name)) return {};
    OUString v;
    if (!(ps->getPropertyValue(name) >>= v)) return {};
    // Untrusted text that only selects a set by name: a long one names none.
    if (v.getLength() > 200) v = v.copy(0, 200);
    return u8(v);
}

void setWorkbookRuleSet(const Reference<sheet::XSpreadsheetDocument>& doc, const std::string& setName) {
    Reference<beans::XPropertyContainer> c = userProps(doc);
    Reference<beans::XPropertySet> ps(c, UNO_QUERY_THROW);
    const OUString name = OUString::createFromAscii(reportcheck::embedding::kRuleSet);
    if (ps->getPropertySetInfo()->hasPropertyByName(name))
        c->removeProperty(name);  // it may hold another type than text: replace it whole
    c->addProperty(name, beans::PropertyAttribute::REMOVEABLE, Any(ou(setName)));
    // Document properties are not cell content: say the document changed, so
    // that closing asks to save and the choice is not lost.
    Reference<util::XModifiable> m(doc, UNO_QUERY);
    if (m.is()) m->setModified(true);
}

// The engine's inliner: what is embedded is exactly what the compiler reads.
std::string readRulesFileInlined(const std::string& path) { return reportcheck::flattenRules(path); }

std::shared_ptr<const reportcheck::RuleSet> compileUntrusted(const std::string& text) {
    // Embedded rules come from whoever sent the workbook: always the untrusted limits.
    return compileCached("embedded\n" + text, [&] {
        return reportcheck::RuleSet::compile(text, "embedded", reportcheck::Limits::untrusted());
    });
}

namespace {

// A file's version for the cache: compiling again only when it changed,
// without reading it here (the engine's file_io reads rules files).
std::string fileKey(const std::string& path) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    auto time = std::filesystem::last_write_time(path, ec).time_since_epoch().count();
    return path + "\n" + std::to_string(size) + "\n" + std::to_string(time);
}

}  // namespace

LoadedRules loadRules(const Reference<XComponentContext>& ctx,
                      const Reference<sheet::XSpreadsheetDocument>& doc) {
    const std::string text = doc.is() ? embeddedRulesText(doc) : std::string();
    const std::vector<reportcheck::BundledRuleSet> sets = bundledSets(ctx);
    reportcheck::RulesOffer offer;
    offer.embedded = !text.empty();
    if (doc.is()) offer.workbookSet = workbookRuleSet(doc);
    if (const char* env = std::getenv("REPORTCHECK_RULES"); env && *env) offer.rulesFile = env;
    for (const auto& s : sets) offer.bundledSets.push_back(s.name);
    const reportcheck::RulesChoice choice = reportcheck::chooseRules(offer);

    LoadedRules out;
    out.origin = choice.origin();
    std::string path;
    switch (choice.source) {
    case reportcheck::RulesSource::Embedded:
        out.rules = compileUntrusted(text);
        out.originKind = "embedded";
        return out;
    case reportcheck::RulesSource::File:
        path = choice.file;
        out.originKind = "file";
        break;
    case reportcheck::RulesSource::BundledSet:
        for (const auto& s : sets)
            if (s.name == choice.set) path = s.path;
        out.originKind = "bundled";
        break;
    case reportcheck::RulesSource::None:
        throw NoRulesError(choice.why == reportcheck::RulesWhy::UnknownSet ? choice.set : std::string());
    }
    out.rules = compileCached(out.originKind + "\n" + fileKey(path), [&] { return reportcheck::RuleSet::compileFile(path); });
    return out;
}

}  // namespace rcext
