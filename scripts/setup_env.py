"""Create or update the project's virtual environment (.venv) from pinned requirements.

Usage: python3 scripts/setup_env.py [--freeze]

It does nothing when the environment is already up to date: a stamp file
records a hash of requirements.txt and pyproject.toml, and the environment is
re-synced only when either changes. ``--freeze`` rewrites requirements.txt
from requirements.in (run it after changing requirements.in).
"""

from __future__ import annotations

import hashlib
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
    freeze = "--freeze" in sys.argv[1:]
    if not PYTHON.exists():
        print(f"Creating the virtual environment in {VENV.name}/ ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if freeze:
        pip("install", "-q", "-r", str(ROOT / "requirements.in"))
        out = subprocess.run([str(PYTHON), "-m", "pip", "freeze", "--exclude-editable"],
                             check=True, capture_output=True, text=True).stdout
        lines = [ln for ln in out.splitlines() if not ln.startswith(("-e", "csmlab"))]
        (ROOT / "requirements.txt").write_text("\n".join(lines) + "\n")
        print("requirements.txt rewritten from requirements.in")
    want = digest()
    if STAMP.exists() and STAMP.read_text() == want and not freeze:
        return 0
    print("Installing pinned requirements (first time: a few minutes) ...", flush=True)
    pip("install", "-q", "-r", str(ROOT / "requirements.txt"))
    pip("install", "-q", "--no-deps", "-e", str(ROOT))
    STAMP.write_text(want)
    print("Environment ready: .venv/", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
