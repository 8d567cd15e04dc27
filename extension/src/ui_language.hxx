// Which language the extension speaks: LibreOffice's UI language (Tools >
// Options > Language Settings > User interface, the configuration's ooLocale;
// the system's when that is "Default"). Vietnamese for "vi", English for any
// other: an office worker reads one language, not "vi / en" pairs.
//
// Read again at every command and function call (a cheap configuration read),
// so that switching the UI language applies at once, without a restart.
#pragma once

#include <string>

#include <com/sun/star/uno/XComponentContext.hpp>

namespace rcext {

enum class Lang { Vi, En };

// Reads the configuration and makes the result the current language.
Lang refreshLanguage(const css::uno::Reference<css::uno::XComponentContext>& ctx);

// The same, read at most once a second: cell functions are called once per
// cell, and a sheet of 10,000 RC.* cells must not read the configuration 10,000 times.
Lang refreshLanguageSometimes(const css::uno::Reference<css::uno::XComponentContext>& ctx);

// The language last read (Vietnamese before any read).
Lang currentLanguage();
inline bool english() { return currentLanguage() == Lang::En; }
inline const char* langCode() { return english() ? "en" : "vi"; }

// "vi", "vi-VN" → Vi; anything else (en-US, fr, "") → En.
Lang languageOf(const std::string& bcp47);

}  // namespace rcext
