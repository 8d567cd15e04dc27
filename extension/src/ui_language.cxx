#include "ui_language.hxx"

#include <atomic>
#include <chrono>
#include <string>

#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>

#include "ustr.hxx"

using namespace css;
using namespace css::uno;

namespace rcext {

namespace {

// Atomic: live results (RC.RULE) are computed on a worker thread.
std::atomic<Lang> g_lang{Lang::Vi};

std::string readSetting(const Reference<XComponentContext>& ctx, const char* node, const char* prop) {
    Reference<lang::XMultiServiceFactory> provider(
        ctx->getServiceManager()->createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx),
        UNO_QUERY);
    if (!provider.is()) return {};
    beans::NamedValue path("nodepath", Any(OUString::createFromAscii(node)));
    Sequence<Any> args(1);
    args.getArray()[0] <<= path;
    Reference<container::XNameAccess> access(
        provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", args), UNO_QUERY);
    OUString value;
    if (access.is() && access->hasByName(OUString::createFromAscii(prop))) access->getByName(OUString::createFromAscii(prop)) >>= value;
    return u8(value);
}

}  // namespace

Lang languageOf(const std::string& tag) {
    return tag.size() >= 2 && (tag[0] == 'v' || tag[0] == 'V') && (tag[1] == 'i' || tag[1] == 'I') &&
                   (tag.size() == 2 || tag[2] == '-' || tag[2] == '_')
               ? Lang::Vi
               : Lang::En;
}

Lang refreshLanguage(const Reference<XComponentContext>& ctx) {
    try {
        if (ctx.is()) {
            std::string tag = readSetting(ctx, "/org.openoffice.Setup/L10N", "ooLocale");
            // "Default" in the options dialog leaves ooLocale empty: the system's language.
            if (tag.empty()) tag = readSetting(ctx, "/org.openoffice.System/L10N", "UILocale");
            if (!tag.empty()) g_lang = languageOf(tag);
        }
    } catch (const Exception&) {
        // keep the language last read: a configuration hiccup must not stop a command
    }
    return g_lang;
}

Lang refreshLanguageSometimes(const Reference<XComponentContext>& ctx) {
    static std::atomic<long long> last{-1};
    const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::steady_clock::now().time_since_epoch()).count();
    if (last.exchange(now) == now) return g_lang;
    return refreshLanguage(ctx);
}

Lang currentLanguage() { return g_lang; }

}  // namespace rcext
