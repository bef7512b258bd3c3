"""Hunt for new counterexamples to the property tests, with fresh random seeds.

Usage: .venv/bin/python scripts/hunt.py [ROUNDS] [extra pytest arguments]   (make hunt)

``make test`` runs the property tests with hypothesis's "repeatable" profile: the examples
are derived from each test's name, so every run on every machine tries the same ones and a
commit passes or fails the same way everywhere. That finds no new bugs. This script runs the
same tests ROUNDS times (default 10) under the "hunt" profile, each round with a new random
seed, and stops at the first failure. Hypothesis prints the shrunk counterexample and the
``--hypothesis-seed`` that reproduces it; fix the model, then pin the example with
``@example(...)`` on the test so that ``make test`` tries it on every run from then on.
Not part of ``make test``: it is slow and, by design, not repeatable.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    rounds = int(argv[0]) if argv and argv[0].isdigit() else 10
    extra = argv[1:] if argv and argv[0].isdigit() else argv
    env = dict(os.environ, CSMLAB_HYPOTHESIS_PROFILE="hunt")
    for i in range(1, rounds + 1):
        seed = random.SystemRandom().randrange(2**32)
        print(f"make hunt: round {i} of {rounds}, --hypothesis-seed={seed}", flush=True)
        cmd = [sys.executable, "-m", "pytest", "tests", "-q", "-x", "-m",
               "not book and not browser and not slow", f"--hypothesis-seed={seed}",
               "--ignore=tests/test_reader.py", "--ignore=tests/test_book.py",
               "--ignore=tests/test_release.py", *extra]
        code = subprocess.run(cmd, cwd=ROOT, env=env).returncode
        if code != 0:
            print(f"make hunt: a counterexample in round {i}; reproduce it with\n"
                  f"  CSMLAB_HYPOTHESIS_PROFILE=hunt .venv/bin/python -m pytest tests "
                  f"--hypothesis-seed={seed}\nthen pin it with @example on the test.")
            return code
    print(f"make hunt: no counterexample in {rounds} rounds")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
