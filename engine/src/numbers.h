// parseTextNumber is public now (reportcheck/arithmetic.h); this name stays for the engine's includes.
#pragma once

#include "reportcheck/arithmetic.h"
