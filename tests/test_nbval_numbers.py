"""The notebook check passes a drift in the last bits and fails on a change a reader sees.

Both directions are pinned twice: on the comparison rule itself, and end to end by running
``pytest --nbval`` on a small notebook whose stored outputs were edited.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nbval_numbers import numbers_agree, significant_digits

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("stored,fresh", [
    ("0.24259290920870097", "0.24259290920870122"),  # the BG/NBD r on two BLAS kernels
    ("4160.637848230967", "4160.637848231018"),  # expected repeat purchases, week 78
    ("21.727112904492177", "21.727112904492174"),
    ("0.25", "0.25000000000000006"),
    ("[0.1, 0.30000000000000004]", "[0.1, 0.3]"),
    ("0.0", "-2.7755575615628914e-17"),
])
def test_a_drift_in_the_last_bits_passes(stored, fresh):
    assert numbers_agree(stored, fresh)


@pytest.mark.parametrize("stored,fresh", [
    ("<td>4,160.6</td>", "<td>4,160.7</td>"),  # a table cell
    ("r = 0.243", "r = 0.244"),  # a shown digit
    ("0.24259290920870097", "0.24259291920870097"),  # a full value that moved by 4e-8
    ("holds", "runs away"),
    ("12 customers", "12 customers!"),
    ("1 2", "1 2 3"),
])
def test_a_change_a_reader_could_see_fails(stored, fresh):
    assert not numbers_agree(stored, fresh)


def test_significant_digits():
    assert significant_digits("0.0250") == 3
    assert significant_digits("-1.5e-07") == 2
    assert significant_digits("0.24259290920870097") == 17


def _notebook(folder: Path, stored: str) -> Path:
    """A one-cell notebook printing a full-precision float, with ``stored`` as its output."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(repr(0.1 + 0.2))", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=stored + "\n")]
    nb.cells = [cell]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = folder / "drift.ipynb"
    nbformat.write(nb, path)
    return path


def _nbval(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", str(path), "--nbval", "--nbval-current-env", "-q",
         "-p", "no:cacheprovider"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture
def folder_in_repository():
    """A scratch folder under the repository, so that its root conftest.py applies."""
    import shutil
    import tempfile

    (ROOT / "_build").mkdir(exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix="nbval-", dir=ROOT / "_build"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_nbval_passes_a_drift_and_names_the_cell_of_a_visible_change(folder_in_repository):
    tmp_path = folder_in_repository
    # the fresh output is 0.30000000000000004; the stored one differs in its last bits
    drift = _nbval(_notebook(tmp_path, "0.30000000000000016"))
    assert drift.returncode == 0, drift.stdout + drift.stderr
    visible = _nbval(_notebook(tmp_path, "0.31000000000000004"))
    assert visible.returncode == 1, visible.stdout
    assert "drift.ipynb::Cell 0" in visible.stdout
