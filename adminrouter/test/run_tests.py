"""Runs the Adminrouter tests and prints `adminrouter: N passed, M failed` last.

    python3 run_tests.py [-v] [PATTERN…]     (PATTERN: substring of a test id)
"""
import sys
import time
import unittest

import harness
import world

MODULES = ["test_matrix", "test_routing", "test_tokens", "test_streaming", "test_audit", "test_render"]


def selected(suite, patterns):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from selected(item, patterns)
        elif not patterns or any(p in item.id() for p in patterns):
            yield item


def main(argv):
    verbose = "-v" in argv
    patterns = [a for a in argv if a != "-v"]
    loader = unittest.TestLoader()
    suite = unittest.TestSuite(selected(loader.loadTestsFromNames(MODULES), patterns))
    started = time.time()
    try:
        result = unittest.TextTestRunner(verbosity=2 if verbose else 1, stream=sys.stdout).run(suite)
    finally:
        world.stop()
        harness.cleanup_work_dir()
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    print("took %.1f s" % (time.time() - started))
    if result.skipped:
        print("skipped: %d" % len(result.skipped))
    print("adminrouter: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
