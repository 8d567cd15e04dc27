#!/usr/bin/python3
"""Runs the integration tests against one headless LibreOffice with the built
.oxt installed in a throwaway profile. Usage:
    RC_OXT=build/package/reportcheck.oxt RC_CLI=build/engine/reportcheck \\
        /usr/bin/python3 tests/integration/run_integration.py [-v] [test names]
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rctest  # noqa: E402

MODULES = ["test_functions", "test_commands", "test_sample", "test_suspects", "test_language", "test_recompute_broke", "test_hostile", "test_rule_choice", "test_window", "test_calc_size"]

if __name__ == "__main__":
    names = [a for a in sys.argv[1:] if not a.startswith("-")]
    loader = unittest.TestLoader()
    suite = loader.loadTestsFromNames(names or MODULES)
    try:
        result = unittest.TextTestRunner(verbosity=2).run(suite)
    finally:
        rctest.shutdown()
    ok = result.wasSuccessful() and result.testsRun > 0 and not result.skipped
    sys.exit(0 if ok else 1)
