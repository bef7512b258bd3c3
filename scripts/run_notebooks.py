"""Execute chapter notebooks in place, so that their stored outputs are a clean run's.

Usage: .venv/bin/python scripts/run_notebooks.py [NOTEBOOK ...]   (default: all)

Each notebook runs top to bottom in a fresh kernel from the notebooks/ folder.
Outputs are stored; execution timing metadata and widget state are dropped, so
running twice gives identical files. This is how authors refresh a notebook
after editing it; nbval (``make test``) then checks that nothing drifted.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def clean(nb: nbformat.NotebookNode) -> None:
    """Drop what changes from run to run.

    Widget state is not stored (the static site does not use it), so the random
    model ids of widget views mean nothing once the kernel is gone: they are
    replaced by sequential ids, which makes two runs give identical files.
    """
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata["language_info"] = {"name": "python"}
    views = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("transient", None)
                view = out.get("data", {}).get(WIDGET_VIEW)
                if view is not None:
                    views += 1
                    view["model_id"] = f"{views:032x}"


def run(path: Path, timeout: int = 300) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            store_widget_state=False, record_timing=False)
    client.execute()
    elapsed = time.perf_counter() - start
    clean(nb)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(NOTEBOOKS.glob("*.ipynb"))
    for path in paths:
        elapsed = run(path)
        print(f"{path.name}: executed in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
