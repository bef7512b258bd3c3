"""Running a notebook again gives byte-identical stored outputs (images included).

nbval compares text outputs after sanitising; this test is stricter: it re-executes each
notebook exactly as `make notebooks` does and compares the whole file.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from run_notebooks import run  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_rerun_is_identical(path, tmp_path):
    copy = tmp_path / "notebooks" / path.name
    copy.parent.mkdir()
    shutil.copy(path, copy)
    run(copy)
    if copy.read_bytes() != path.read_bytes():
        import difflib

        diff = difflib.unified_diff(path.read_text().splitlines(), copy.read_text().splitlines(),
                                    "stored", "re-run", lineterm="", n=1)
        pytest.fail(f"{path.name} changes when re-run (run `make notebooks`):\n"
                    + "\n".join(list(diff)[:40]))
