"""Conventions the repository keeps: one repository URL, notebooks that set themselves up
in Colab, and stored outputs free of machine-specific text."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from set_repo_url import current, install_spec  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def setup_cell(url: str, branch: str) -> str:
    return ("# Set-up for Google Colab: installs csmlab there, and does nothing anywhere else.\n"
            "import sys\n"
            'if "google.colab" in sys.modules:\n'
            f"    %pip install --quiet {install_spec(url, branch)}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_conventions(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    url, branch = current()
    assert code and code[0].source == setup_cell(url, branch), (
        f"{path.name}: the first code cell must be the Colab set-up cell for {url}")
    assert not code[0].outputs, f"{path.name}: the set-up cell must print nothing outside Colab"
    titles = [c for c in nb.cells if c.cell_type == "markdown"
              and re.match(r"^# \S", c.source)]
    assert len(titles) == 1 and nb.cells[0] is titles[0], f"{path.name}: one H1 title, first"
    for cell in code:
        assert cell.execution_count is not None, f"{path.name}: a code cell was not executed"
        for out in cell.outputs:
            assert out.output_type != "error", f"{path.name}: stored error output"
    assert "widgets" not in nb.metadata, f"{path.name}: widget state stored in metadata"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_have_no_machine_specifics(path):
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            text = json.dumps(out.get("data", out.get("text", "")))
            text = re.sub(r"data:image/[^\"]+", "", text)
            assert not re.search(r"/(work|home|root|tmp)/", text), f"{path.name}: machine path"
            assert not re.search(r"\b0x[0-9a-f]{6,}\b", text), f"{path.name}: memory address"
            assert not re.search(r"\b20\d\d-\d\d-\d\d[ T]\d\d:\d\d", text), (
                f"{path.name}: timestamp")


def test_readme_names_the_repository():
    url, _ = current()
    assert url in (ROOT / "README.md").read_text()
