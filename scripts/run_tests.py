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
    # nbval runs on both editions of every chapter: the instructor's copies and the student
    # editions (a failure names the chapter and `make notebooks CHAPTER=NN`: conftest.py).
    cmd = [sys.executable, "-m", "pytest", "tests", "notebooks/instructor", "notebooks/student",
           "src/csmlab", "--doctest-modules", "--nbval", "--nbval-current-env",
           "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "-q", *argv]
    return subprocess.run(cmd, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
