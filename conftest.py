"""Root conftest: loads the course's nbval comparison for every pytest run over notebooks.

``tests/nbval_numbers.py`` explains the rule (numbers a reader sees compare exactly;
full-precision floats within a relative 1e-9), so ``pytest --nbval notebooks`` behaves
the same whether it is started by ``make test`` or by hand.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "tests"))

pytest_plugins = ["nbval_numbers"]


# ------------------------------------------------------------------ failures that name their fix
import pytest  # noqa: E402

NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"


def fix_for_notebook(path: Path) -> str | None:
    """How to repair a chapter notebook whose stored outputs nbval rejected."""
    path = Path(path).resolve()
    if path.suffix != ".ipynb" or NOTEBOOKS not in path.parents:
        return None
    stem = path.stem
    return (f"chapter {stem}: the stored outputs of notebooks/{path.parent.name}/{stem}.ipynb no "
            f"longer match what notebooks/{stem}.md computes (the .md, csmlab or data/ changed). "
            f"Regenerate both editions with `make notebooks CHAPTER={stem.split('_', 1)[0]}` "
            f"and commit them; if a cell fails there too, the message names it.")


def fix_for_pinned(item: pytest.Item) -> str | None:
    """The message of a test marked ``@pytest.mark.pins("Hampton Inn's", "cases/guarantees.py")``."""
    marker = item.get_closest_marker("pins")
    if marker is None:
        return None
    what, where = marker.args
    return (f"this test pins {what} published figures (src/csmlab/{where}): if you changed "
            f"them on purpose, change this test with the case, then run `make notebooks` for "
            f"the chapters that use them; otherwise the model no longer reproduces its source.")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and call.when == "call":
        fix = fix_for_pinned(item) or fix_for_notebook(Path(str(item.path)))
        if fix:
            report.sections.append(("what to do", fix))
    return report
