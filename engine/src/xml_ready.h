// libxml2 sets up its global state on first use. Two threads doing that at once
// race (ThreadSanitizer caught it under `validate -j 4`, and CI once saw output
// differ from -j 1), so every reader calls xmlReady() before its first libxml2 call:
// C++ runs a function-local static initialiser exactly once, whatever the threads.
#pragma once

#include <libxml/parser.h>

namespace reportcheck {

inline void xmlReady() {
    static const bool ready = (xmlInitParser(), true);
    (void)ready;
}

}  // namespace reportcheck
