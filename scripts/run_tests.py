"""Run every test: unit and property tests, doctests, nbval on every notebook, the book
build (warnings as errors) and the browser tests on the built site.

Usage: .venv/bin/python scripts/run_tests.py [extra pytest arguments]

One pytest session, so the closing line counts everything. The book is built into
_build/html by the session (tests/test_book.py), and chapter screenshots land in
_build/screenshots/.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    cmd = [sys.executable, "-m", "pytest", "tests", "notebooks", "src/csmlab",
           "--doctest-modules", "--nbval", "--nbval-current-env",
           "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "-q", *argv]
    return subprocess.run(cmd, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
