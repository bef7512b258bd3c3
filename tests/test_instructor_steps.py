"""Every step the instructors' guide documents, done on a copy of the repository, leaves the
fast checks green (or, for a changed default, fails with the message that names the fix).

Each test copies the repository (without .git, .venv and _build) into a temporary folder, runs
the documented command there exactly as an instructor would, and then runs the checks the step
affects, in that copy: tests/test_repository.py (notebooks generated from their sources, one
repository URL and version everywhere, cell ids, regenerating gives identical bytes), the
student editions' checks and, for a new chapter or a changed default, the chapter's notebook
generation and nbval. ``PYTHONPATH`` points at the copy's ``src`` so that its notebooks run the
copy's ``csmlab``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(".git", ".venv", "_build", "__pycache__", ".pytest_cache",
                                ".hypothesis", ".ipynb_checkpoints", "*.egg-info", ".ruff_cache")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the repository's working tree (what a fresh clone holds, plus local edits)."""
    target = tmp_path / "course"
    shutil.copytree(ROOT, target, ignore=IGNORE, symlinks=True)
    return target


def run(copy: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``python args...`` in ``copy`` with the copy's csmlab first on the path."""
    env = {**os.environ, "PYTHONPATH": str(copy / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("CSMLAB_SITE", None)
    proc = subprocess.run([sys.executable, *args], cwd=copy, env=env, capture_output=True,
                          text=True)
    if check and proc.returncode != 0:
        pytest.fail(f"`python {' '.join(args)}` failed in the copy:\n{proc.stdout[-4000:]}\n"
                    f"{proc.stderr[-4000:]}")
    return proc


def pytest_in(copy: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return run(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args, check=check)


NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg"]
#: The fast checks: everything in these files except what needs a built site (a book build in
#: the copy would take minutes) and ruff (the copy's code is the repository's).
FAST = ["tests/test_repository.py", "tests/test_student_edition.py",
        "-k", "not built_site and not site_buttons and not ruff"]


@pytest.fixture(autouse=True)
def _no_book_build(copy):
    yield
    assert not (copy / "_build" / "html").exists(), (
        "a step test built the book in its copy: deselect the test that needs `built_book`")


def test_the_copy_runs_its_own_package(copy):
    out = run(copy, "-c", "import csmlab; print(csmlab.__file__)").stdout
    assert str(copy) in out, f"csmlab came from {out}, not the copy"


def test_rebrand_is_one_command_and_keeps_the_checks_green(copy):
    """The guide's rebrand: set_repo_url.py URL --title TITLE; then make test's fast checks
    (with the regeneration of chapter 00, which must give the rewritten bytes) pass."""
    run(copy, "scripts/set_repo_url.py", "https://github.com/Someone/my-course",
        "--title", "My Course: service, measured")
    assert "title: \"My Course: service, measured\"" in (copy / "_config.yml").read_text()
    assert (copy / "book" / "intro.md").read_text().startswith("# My Course: service, measured\n")
    text = (copy / "notebooks" / "student" / "07_service_guarantees.ipynb").read_text()
    assert "https://someone.github.io/my-course/" in text and "csm-lab/csm-lab" not in text
    pytest_in(copy, *FAST)


def test_release_is_one_command_and_keeps_the_checks_green(copy):
    """make release VERSION=x.y.z: version in every file, every Colab cell at @vx.y.z, a
    changelog stub, the git commands printed; the fast checks stay green."""
    import set_repo_url

    old = set_repo_url.version(ROOT)
    major, minor, _ = (int(p) for p in old.split("."))
    new = f"{major}.{minor + 1}.0"
    # a package change after the release: make test says a release is due ...
    value = copy / "src" / "csmlab" / "value.py"
    value.write_text(value.read_text(encoding="utf-8") + "\n# changed after the release\n",
                     encoding="utf-8")
    due = pytest_in(copy, "tests/test_repository.py", "-k", "colab_installs", check=False)
    assert due.returncode != 0 and "make release" in due.stdout
    # ... and the release records the package as released
    out = run(copy, "scripts/release.py", new, "--date", "2030-01-02").stdout
    assert f"git tag v{new}" in out and f"v{new}" in out.splitlines()[-1]
    assert f"## {new} (2030-01-02)" in (copy / "CHANGELOG.md").read_text()
    for path in sorted((copy / "notebooks").rglob("[0-9][0-9]_*.*")):
        text = path.read_text(encoding="utf-8")
        assert f"@v{new}" in text and f"@v{old}" not in text, path.name
    pytest_in(copy, *FAST)
    refused = run(copy, "scripts/release.py", old, check=False)
    assert refused.returncode != 0 and "newer" in refused.stderr


def test_new_chapter_with_a_new_term_is_two_commands_and_builds_its_notebooks(copy):
    """add_term.py, then new_chapter.py using the term, then make notebooks CHAPTER=NN: the
    chapter is in _toc.yml and the map, both editions are written (the student edition links
    the new term), nbval passes on them and the repository checks stay green."""
    run(copy, "scripts/add_term.py", "walk-through audit", "워크스루 감사",
        "A walk through a service as its customer takes it, noting what helps and what hinders")
    glossary = (copy / "book" / "glossary.md").read_text(encoding="utf-8")
    assert "\nwalk-through audit\n  *워크스루 감사*. A walk through" in glossary
    numbers = sorted(int(p.name[:2]) for p in (copy / "notebooks").glob("[0-9][0-9]_*.md"))
    nn = f"{numbers[-1] + 1:02d}"
    run(copy, "scripts/new_chapter.py", nn, "service_design", "Service design: blueprints")
    md = copy / "notebooks" / f"{nn}_service_design.md"
    md.write_text(md.read_text(encoding="utf-8").replace(
        "{term}`service guarantee`", "{term}`walk-through audit`"), encoding="utf-8")
    assert f"- file: notebooks/{nn}_service_design" in (copy / "_toc.yml").read_text()
    run(copy, "scripts/run_notebooks.py", nn)
    student = copy / "notebooks" / "student" / f"{nn}_service_design.ipynb"
    assert "book/glossary.html#term-walk-through-audit" in student.read_text(encoding="utf-8")
    assert 'check(\\"ex-service-design-1\\"' in student.read_text(encoding="utf-8")
    pytest_in(copy, f"notebooks/instructor/{nn}_service_design.ipynb", str(student.relative_to(copy)),
              *NBVAL)
    pytest_in(copy, "tests/test_repository.py", "tests/test_student_edition.py",
              "-k", f"({nn}_service_design or package_map or no_notebook or every_notebook "
                    "or pair_with or there_are) and not built_site and not site_buttons")
    # `make stale` over every chapter: the map's edit to chapter 00 left its notebooks current.
    pytest_in(copy, "tests/test_repository.py", "tests/test_student_edition.py", "-k",
              "generated_from_its_source or stored_cell_ids or regenerated_byte_for_byte")


def test_changing_a_default_fails_with_the_fix_until_done_as_documented(copy):
    """The guide's 'change a model's default': Hampton Inn's price in cases/guarantees.py.
    The pinned test and nbval fail with messages that name the fix; after the documented
    steps (change the pinned test with the case, make notebooks CHAPTER=07) both pass."""
    case = copy / "src" / "csmlab" / "cases" / "guarantees.py"
    case.write_text(case.read_text().replace("PRICE = 46.0", "PRICE = 52.0"))
    pinned = pytest_in(copy, "tests/test_guarantee.py", "-k", "stated_inputs", check=False)
    assert pinned.returncode == 1
    assert "this test pins Hampton Inn's published figures" in pinned.stdout, pinned.stdout[-3000:]
    chapter = "notebooks/instructor/07_service_guarantees.ipynb"
    stale = pytest_in(copy, chapter, *NBVAL, check=False)
    assert stale.returncode == 1
    assert "make notebooks CHAPTER=07" in stale.stdout, stale.stdout[-3000:]
    test = copy / "tests" / "test_guarantee.py"
    test.write_text(test.read_text().replace("(46.0, 0.02, 7465)", "(52.0, 0.02, 7465)")
                    .replace("7_200_000 / 46 / 0.02", "7_200_000 / 52 / 0.02")
                    .replace("round(s.room_nights) == 7_826_087",
                             "round(s.room_nights) == 6_923_077")
                    .replace("approx(10.61, abs=0.01)", "approx(9.38, abs=0.01)")
                    .replace("approx(66.98 / 46,", "approx(66.98 / 52,"))
    pytest_in(copy, "tests/test_guarantee.py", "-k", "stated_inputs")
    run(copy, "scripts/run_notebooks.py", "07")
    pytest_in(copy, chapter, "notebooks/student/07_service_guarantees.ipynb", *NBVAL)
