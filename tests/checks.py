"""The small reporting every Python check of tests/ shares: `check(ok, what)` prints a line per
check, and `summary()` prints CTest's closing line and returns the exit status."""

CHECKS, FAILURES = [], []


def check(ok, what):
    CHECKS.append(what)
    if not ok:
        FAILURES.append(what)
    print(("ok   " if ok else "FAIL ") + what)


def summary():
    print(f"{len(CHECKS) - len(FAILURES)} passed, {len(FAILURES)} failed")
    return 1 if FAILURES else 0
