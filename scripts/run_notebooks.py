"""Generate each chapter's notebook (.ipynb, with outputs) from its MyST Markdown source (.md).

Usage: .venv/bin/python scripts/run_notebooks.py [CHAPTER ...]   (default: every chapter)

A CHAPTER is a number prefix (``05``), a name (``07_service_guarantees``) or a path to the
``.md`` or ``.ipynb`` file. ``make notebooks CHAPTER=05`` does the same through make.

The ``.md`` file in ``notebooks/`` is the source: prose and code are edited there only. This
script reads it with jupytext, executes it top to bottom in a fresh kernel from the
``notebooks/`` folder, drops what changes from run to run (timing, widget state, random widget
ids) and writes the instructor's copy, ``notebooks/instructor/NN_name.ipynb`` (every cell, MyST
as written), which nbval checks. It is generated, so it is never edited by hand. Running the
script twice gives identical files.

From the executed notebook it also writes the chapter's student edition,
``notebooks/student/NN_name.ipynb`` (scripts/student_edition.py): plain Jupyter Markdown with
the glued numbers in the prose, terms, citations and cross-references as links to the site,
solutions folded and answers checkable with ``check(...)``. The site's Colab, Binder and
download buttons and ``make lab`` open that edition. The instructor's copies live in their own
folder so that a student browsing ``notebooks/`` (on GitHub or in Jupyter) does not meet them
first; a copy left at the old place, ``notebooks/NN_name.ipynb``, is removed.

A source that cannot be parsed, or a cell that fails, stops the script with the file and the
cell named (exit code 1); both ``.ipynb`` files are then left as they were.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

sys.path.insert(0, str(Path(__file__).resolve().parent))
import student_edition  # noqa: E402  (scripts/ is not a package)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
#: The instructor's copies: out of a student's way (a student opens notebooks/student/).
INSTRUCTOR = NOTEBOOKS / "instructor"
#: jupytext's pairing of a chapter: notebooks/NN_name.md with notebooks/instructor/NN_name.ipynb.
JUPYTEXT_FORMATS = "instructor//ipynb,md:myst"

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class NotebookError(RuntimeError):
    """A chapter that cannot be read or executed; the message names the file and the cell."""


def sources() -> list[Path]:
    """Every chapter source, in book order (file name order)."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.md"))


def resolve(arg: str) -> Path:
    """The chapter source that ``arg`` names (a number prefix, a name or a path)."""
    path = Path(arg)
    if path.suffix in (".md", ".ipynb"):
        path = path.with_suffix(".md")
        candidate = path if path.is_absolute() or path.exists() else NOTEBOOKS / path.name
        if candidate.exists():
            return candidate.resolve()
    matches = [p for p in sources() if p.stem == arg or p.stem.startswith(f"{arg}_")]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(p.stem for p in sources())
    raise NotebookError(f"no single chapter matches {arg!r}; chapters: {known}")


def paired(source: Path) -> Path:
    """The instructor's copy of a chapter: ``notebooks/instructor/NN_name.ipynb``."""
    return source.parent / "instructor" / f"{source.stem}.ipynb"


def chapter_number(path: Path | str) -> str:
    """The ``NN`` of a chapter file (``notebooks/07_service_guarantees.md`` -> ``07``)."""
    return Path(path).stem.split("_", 1)[0]


def regenerate_hint(path: Path | str) -> str:
    """The command that regenerates the chapter of ``path`` (any of its three files)."""
    return f"make notebooks CHAPTER={chapter_number(path)}"


def read_source(source: Path) -> nbformat.NotebookNode:
    """Read a chapter's ``.md`` as a notebook (no outputs), or raise naming the file."""
    try:
        nb = jupytext.read(source, fmt="md:myst")
    except Exception as err:  # jupytext raises several kinds of parse errors
        raise NotebookError(f"{rel(source)}: cannot be read as a MyST notebook: {err}") from err
    if not any(c.cell_type == "code" for c in nb.cells):
        raise NotebookError(f"{rel(source)}: no code cells found; is the front matter a "
                            "jupytext 'myst' header with a kernelspec?")
    return nb


def clean(nb: nbformat.NotebookNode) -> None:
    """Drop what changes from run to run.

    Widget state is not stored (the static site does not use it), so the random
    model ids of widget views mean nothing once the kernel is gone: they are
    replaced by sequential ids, which makes two runs give identical files.
    """
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["jupytext"] = {"formats": JUPYTEXT_FORMATS}
    views = 0
    seen: dict[str, int] = {}
    for cell in nb.cells:
        # Cell ids from the cell's own text, minus the repository and release (see cell_id).
        cell["id"] = student_edition.cell_id(cell.cell_type, cell.source, seen)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("transient", None)
                view = out.get("data", {}).get(WIDGET_VIEW)
                if view is not None:
                    views += 1
                    view["model_id"] = f"{views:032x}"


def _cell_line(source: Path, index: int, nb: nbformat.NotebookNode) -> str:
    """Where cell ``index`` starts in the ``.md`` (best effort), for error messages."""
    text = source.read_text(encoding="utf-8").splitlines()
    first = nb.cells[index].source.splitlines()[:1]
    if first:
        for i, line in enumerate(text, 1):
            if line == first[0]:
                return f", near line {i}"
    return ""


def execute(nb: nbformat.NotebookNode, source: Path, timeout: int = 300) -> float:
    """Execute ``nb`` in a fresh kernel from ``source``'s folder; return the seconds taken."""
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(source.parent)}},
                            store_widget_state=False, record_timing=False)
    start = time.perf_counter()
    try:
        client.execute()
    except CellExecutionError as err:
        index = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                      and any(o.get("output_type") == "error" for o in c.get("outputs", []))),
                     None)
        where = ""
        if index is not None:
            number = sum(1 for c in nb.cells[:index + 1] if c.cell_type == "code")
            where = f" in code cell {number}{_cell_line(source, index, nb)}"
        summary = re.sub(r"\x1b\[[0-9;]*m", "", str(err)).strip().splitlines()
        raise NotebookError(f"{rel(source)}: a cell failed{where}:\n"
                            + "\n".join(summary[-12:])) from err
    return time.perf_counter() - start


def student(nb: nbformat.NotebookNode, source: Path) -> nbformat.NotebookNode:
    """The student edition of the executed notebook ``nb``, or raise naming the chapter."""
    try:
        return student_edition.student_notebook(nb, source.stem)
    except student_edition.EditionError as err:
        raise NotebookError(f"{rel(source)}: student edition: {err}") from err


def build(source: Path, target: Path | None = None, student_target: Path | None = None) -> float:
    """Generate ``target`` (default: the instructor's copy) and the student edition
    (default: ``notebooks/student/<name>.ipynb``) from ``source``; return seconds."""
    nb = read_source(source)
    elapsed = execute(nb, source)
    clean(nb)
    nbformat.validate(nb)
    edition = student(nb, source)
    nbformat.validate(edition)
    (target or paired(source)).parent.mkdir(exist_ok=True)
    nbformat.write(nb, target or paired(source))
    if target is None:
        old = source.with_suffix(".ipynb")   # where the instructor's copy used to live
        if old.exists():
            old.unlink()
            print(f"removed {rel(old)}: the instructor's copy is now {rel(paired(source))}")
    student_target = student_target or student_edition.path_for(source.stem)
    student_target.parent.mkdir(exist_ok=True)
    nbformat.write(edition, student_target)
    return elapsed


def rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv: list[str]) -> int:
    try:
        chosen = [resolve(a) for a in argv if a.strip()] or sources()
        for source in chosen:
            elapsed = build(source)
            print(f"{rel(paired(source))} and {rel(student_edition.path_for(source.stem))}: "
                  f"generated from {source.name} in {elapsed:.1f} s", flush=True)
    except NotebookError as err:
        print(f"make notebooks: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
