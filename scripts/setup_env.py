"""Create or update the project's virtual environment (.venv) from pinned requirements.

Usage: python3 scripts/setup_env.py [--compile]

It does nothing when the environment is already up to date: a stamp file
records a hash of requirements.txt and pyproject.toml, and the environment is
re-synced only when either changes. ``--compile`` resolves requirements.in into
requirements.txt with pip-compile (pip-tools) and then syncs: run it after
changing requirements.in. requirements.txt is never a freeze of .venv, so a
package installed there by hand is not pinned by accident.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
STAMP = VENV / ".csmlab-stamp"
BIN = VENV / ("Scripts" if sys.platform == "win32" else "bin")
PYTHON = BIN / ("python.exe" if sys.platform == "win32" else "python")


def digest() -> str:
    h = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml"):
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


def pip(*args: str) -> None:
    subprocess.run([str(PYTHON), "-m", "pip", "--disable-pip-version-check", *args], check=True)


def main() -> int:
    compile_ = "--compile" in sys.argv[1:]
    if not PYTHON.exists():
        print(f"Creating the virtual environment in {VENV.name}/ ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if compile_:
        pip("install", "-q", "pip-tools")
        subprocess.run([str(BIN / "pip-compile"), "--quiet", "--strip-extras",
                        "--no-emit-index-url", "--no-emit-find-links",
                        "--output-file=requirements.txt", "requirements.in"],
                       cwd=ROOT, check=True,
                       env={**os.environ,
                            "CUSTOM_COMPILE_COMMAND": "python scripts/setup_env.py --compile"})
        print("requirements.txt compiled from requirements.in")
    want = digest()
    if STAMP.exists() and STAMP.read_text() == want and not compile_:
        return 0
    print("Installing pinned requirements (first time: a few minutes) ...", flush=True)
    pip("install", "-q", "-r", str(ROOT / "requirements.txt"))
    pip("install", "-q", "--no-deps", "-e", str(ROOT))
    STAMP.write_text(want)
    print("Environment ready: .venv/", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
