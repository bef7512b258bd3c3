"""Build the course site into _build/html, with every warning treated as an error.

Usage: .venv/bin/python scripts/build_book.py [--clean] [--out DIR]

--clean   remove the previous build (and the execution cache) first
--out DIR build into DIR/_build/html instead of ./_build/html

Notebooks are executed during the build (cached by jupyter-cache, so an
unchanged notebook is not re-run); a notebook error fails the build. On
failure the execution reports are kept under _build/html/reports/.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(out: Path | None = None, clean: bool = False, quiet: bool = False) -> int:
    """Run jupyter-book; return its exit code."""
    out = out or ROOT
    if clean:
        shutil.rmtree(out / "_build", ignore_errors=True)
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", str(ROOT), "--path-output", str(out), "--builder", "html",
           "-W", "-n", "--keep-going"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=quiet, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0 and quiet:
        sys.stdout.write(proc.stdout[-20000:])
        sys.stderr.write(proc.stderr[-20000:])
    if not quiet:
        status = "built" if proc.returncode == 0 else "FAILED"
        print(f"Book {status} in {elapsed:.0f} s: {out / '_build' / 'html' / 'index.html'}")
    return proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    return build(args.out, args.clean)


if __name__ == "__main__":
    sys.exit(main())
