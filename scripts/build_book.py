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
import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def package_digest() -> str:
    """A hash of what chapter outputs depend on besides their code: csmlab and its data."""
    h = hashlib.sha256()
    for path in sorted([*(ROOT / "src" / "csmlab").rglob("*.py"), *(ROOT / "data").glob("*")]):
        if path.is_file():
            h.update(str(path.relative_to(ROOT)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def drop_stale_cache(build_dir: Path) -> None:
    """Empty jupyter-cache and Sphinx's saved environment when csmlab or the data changed
    since the last build, so that every chapter is read and executed again.

    jupyter-cache re-executes a chapter only when its code cells change, and Sphinx rereads
    only changed sources, so without this a change to the package would leave the site
    showing outputs of the old package.
    """
    stamp = build_dir / ".csmlab-package-digest"
    digest = package_digest()
    known = stamp.read_text() if stamp.exists() else None
    if known != digest:  # changed, or a cache from before the stamp existed
        shutil.rmtree(build_dir / ".jupyter_cache", ignore_errors=True)
        shutil.rmtree(build_dir / ".doctrees", ignore_errors=True)
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)


def build(out: Path | None = None, clean: bool = False, quiet: bool = False) -> int:
    """Run jupyter-book; return its exit code."""
    out = out or ROOT
    if clean:
        shutil.rmtree(out / "_build", ignore_errors=True)
    drop_stale_cache(out / "_build")
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
