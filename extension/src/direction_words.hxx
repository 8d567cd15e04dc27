// The direction of a target as a user types it into RC.TARGETSTATUS /
// RC.TARGETSHARE: the engine's words ("ít nhất", "at least", ">=" …) in any
// case, and the Vietnamese ones also without diacritics ("toi thieu", "tren"),
// as they are typed on a keyboard without a Vietnamese input method.
#pragma once

#include "ustr.hxx"

#include "reportcheck/arithmetic.h"

namespace rcext {

// Lower case, Vietnamese diacritics removed (đ → d), spaces collapsed: "Tối  Thiểu" → "toi thieu".
OUString foldWord(const OUString& s);

// False when the word names no direction.
bool parseDirectionWord(const OUString& s, reportcheck::TargetDirection& d);

}  // namespace rcext
