// A tiny JSON writer for the results returned to XNotifyingDispatch callers.
#pragma once

#include "reportcheck/present.h"
#include "ustr.hxx"

#include <cstdio>
#include <string>

namespace rcext {

using reportcheck::jsonString;  // the engine's presenter writes JSON strings too

class Json {
public:
    Json& add(const char* k, const std::string& v) { return raw(k, jsonString(v)); }
    Json& add(const char* k, const char* v) { return raw(k, jsonString(v)); }
    Json& add(const char* k, int v) { return raw(k, std::to_string(v)); }
    Json& add(const char* k, long v) { return raw(k, std::to_string(v)); }
    Json& add(const char* k, double v) {
        char b[64];
        std::snprintf(b, sizeof b, "%.17g", v);
        return raw(k, b);
    }
    Json& add(const char* k, bool v) { return raw(k, v ? "true" : "false"); }
    Json& raw(const char* k, const std::string& json) {
        body_ += (body_.empty() ? "" : ",") + jsonString(k) + ":" + json;
        return *this;
    }
    std::string str() const { return "{" + body_ + "}"; }

private:
    std::string body_;
};

}  // namespace rcext
