"""Conventions the repository keeps: chapters written as MyST Markdown with generated notebooks
(the instructor's copies in notebooks/instructor/, the student editions in notebooks/student/),
one repository URL, notebooks that set themselves up in Colab, and stored outputs
free of machine-specific text."""

from __future__ import annotations

import json
import subprocess
import re
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from run_notebooks import paired, regenerate_hint, sources  # noqa: E402
from release import MANIFEST, package_digest, read_manifest  # noqa: E402
from set_repo_url import current, install_spec, release_tag  # noqa: E402

SOURCES = sources()
# The instructor's copies (every cell, MyST as written), out of a student's way.
NOTEBOOKS = sorted((ROOT / "notebooks" / "instructor").glob("*.ipynb"))
# The student editions (generated from the notebooks above by `make notebooks`) keep the same
# conventions: the Colab set-up cell first, one title, executed, no machine-specific output.
STUDENT_NOTEBOOKS = sorted((ROOT / "notebooks" / "student").glob("*.ipynb"))


def setup_cell(url: str) -> str:
    return ("# Set-up for Google Colab: installs csmlab there, and does nothing anywhere else.\n"
            "import sys\n"
            'if "google.colab" in sys.modules:\n'
            f"    %pip install --quiet {install_spec(url)}")


def chapter_cells(nb: nbformat.NotebookNode) -> list[tuple[str, str, list[str]]]:
    """What an author writes in a chapter: each cell's type, source and tags."""
    return [(c.cell_type, c.source.strip(), sorted(c.metadata.get("tags", []))) for c in nb.cells]


def source_drift(md: Path, ipynb: Path) -> str | None:
    """Why ``ipynb`` was not generated from ``md`` as it is now, or None if it was."""
    if not ipynb.exists():
        return f"{ipynb.name} is missing"
    text = chapter_cells(jupytext.read(md, fmt="md:myst"))
    stored = chapter_cells(nbformat.read(ipynb, as_version=4))
    for i, (a, b) in enumerate(zip(text, stored), 1):
        if a != b:
            return f"cell {i} differs: {changed_line(a, b)}"
    if len(text) != len(stored):
        return f"the .md has {len(text)} cells and the .ipynb {len(stored)}"
    return None


def changed_line(new: tuple[str, str, list[str]], old: tuple[str, str, list[str]]) -> str:
    """The first line of a cell that differs between the .md (``new``) and the notebook."""
    if new[0] != old[0] or new[2] != old[2]:
        return f"the .md cell is {new[0]} with tags {new[2]}, the notebook's {old[0]} with {old[2]}"
    a, b = new[1].splitlines(), old[1].splitlines()
    for line_a, line_b in zip(a, b):
        if line_a != line_b:
            k = next((i for i, (x, y) in enumerate(zip(line_a, line_b)) if x != y),
                     min(len(line_a), len(line_b)))
            start = max(0, k - 40)
            return (f"the .md now reads {line_a[start:k + 50]!r} where the notebook has "
                    f"{line_b[start:k + 50]!r}")
    if len(a) > len(b):
        return f"the .md adds {a[len(b)].strip()[:90]!r}"
    return f"the .md drops {b[len(a)].strip()[:90]!r}"


def test_there_are_chapters():
    assert len(SOURCES) >= 8, "notebooks/ should hold the chapters as NN_name.md"


@pytest.mark.parametrize("md", SOURCES, ids=lambda p: p.stem)
def test_notebook_generated_from_its_source(md):
    """Each chapter's instructor's copy is generated from its .md: no cell source differs.
    (``make stale`` runs just this check: seconds.)"""
    drift = source_drift(md, paired(md))
    assert drift is None, (f"chapter {md.stem}: notebooks/instructor/{md.stem}.ipynb is out of "
                           f"date with notebooks/{md.name}: {drift}. The .md is the source; "
                           f"regenerate both notebooks with `{regenerate_hint(md)}`.")


def test_drift_check_catches_an_edit(tmp_path):
    """The check above can fail: a one-word prose edit to a copy of a chapter is caught."""
    md = SOURCES[0]
    copy = tmp_path / md.name
    text = md.read_text(encoding="utf-8")
    copy.write_text(text.replace("explains the ideas", "explains a ideas", 1), encoding="utf-8")
    drift = source_drift(copy, paired(md))
    assert drift is not None and "explains a ideas" in drift, drift
    assert source_drift(md, paired(md)) is None


def test_every_notebook_has_a_source():
    orphans = [p.name for p in NOTEBOOKS + STUDENT_NOTEBOOKS
               if not (ROOT / "notebooks" / f"{p.stem}.md").exists()]
    assert not orphans, (f"notebooks without a .md source in notebooks/ (edit the .md, not the "
                         f".ipynb; delete a chapter's notebooks with its .md): {orphans}")


def test_no_notebook_in_a_students_way():
    """notebooks/ holds the sources and a README; a student who opens it (on GitHub, in Jupyter)
    is sent to student/, and meets no instructor's copy on the way. A notebook left at the old
    place (a branch from before the move) is removed by `make notebooks CHAPTER=NN`."""
    stray = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert not stray, (f"notebooks/ holds {stray}: instructor's copies belong in "
                       f"notebooks/instructor/; run `make notebooks` (it moves them) and commit")
    readme = (ROOT / "notebooks" / "README.md").read_text(encoding="utf-8")
    assert "student/" in readme and "instructor/" in readme


def test_instructor_copies_pair_with_their_source():
    """jupytext pairs notebooks/NN.md with notebooks/instructor/NN.ipynb (front matter and the
    notebook's metadata), so opening the .md in JupyterLab never writes an .ipynb beside it."""
    from jupytext.paired_paths import paired_paths

    from run_notebooks import JUPYTEXT_FORMATS

    for md in SOURCES:
        assert f"formats: {JUPYTEXT_FORMATS}" in md.read_text(encoding="utf-8"), md.name
        paths = [path for path, _ in paired_paths(str(md), "md:myst", JUPYTEXT_FORMATS)]
        assert str(paired(md)) in paths, paths
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert nb.metadata["jupytext"]["formats"] == JUPYTEXT_FORMATS, path.name


@pytest.mark.parametrize("md", SOURCES, ids=lambda p: p.stem)
def test_source_front_matter(md):
    text = md.read_text(encoding="utf-8")
    head = text.split("\n---\n", 1)[0]
    assert text.startswith("---\n") and "format_name: myst" in head and "kernelspec:" in head, (
        f"{md.name}: the front matter must be jupytext's myst header with a kernelspec")
    assert "$$" not in text, f"{md.name}: write display maths with the {{math}} directive, not $$"


def test_generated_notebooks_are_marked():
    attrs = (ROOT / ".gitattributes").read_text()
    assert re.search(r"^notebooks/instructor/\*\.ipynb\s.*linguist-generated", attrs, re.M)
    assert re.search(r"^notebooks/student/\*\.ipynb\s.*linguist-generated", attrs, re.M)


@pytest.mark.parametrize("path", NOTEBOOKS + STUDENT_NOTEBOOKS,
                         ids=lambda p: p.relative_to(ROOT / "notebooks").as_posix())
def test_notebook_conventions(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    url, _ = current()
    assert code and code[0].source == setup_cell(url), (
        f"{path.relative_to(ROOT)}: the first code cell must be the Colab set-up cell for {url} "
        f"at {release_tag()}: after changing the repository run scripts/set_repo_url.py, after "
        f"changing the version `make release VERSION=x.y.z`; after editing the .md, "
        f"`{regenerate_hint(path)}`")
    assert not code[0].outputs, f"{path.name}: the set-up cell must print nothing outside Colab"
    titles = [c for c in nb.cells if c.cell_type == "markdown"
              and re.match(r"^# \S", c.source)]
    assert len(titles) == 1 and nb.cells[0] is titles[0], f"{path.name}: one H1 title, first"
    for cell in code:
        assert cell.execution_count is not None, f"{path.name}: a code cell was not executed"
        for out in cell.outputs:
            assert out.output_type != "error", f"{path.name}: stored error output"
    assert "widgets" not in nb.metadata, f"{path.name}: widget state stored in metadata"


@pytest.mark.parametrize("path", NOTEBOOKS + STUDENT_NOTEBOOKS,
                         ids=lambda p: p.relative_to(ROOT / "notebooks").as_posix())
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


def test_readme_and_citation_name_the_repository():
    url, _ = current()
    assert url in (ROOT / "README.md").read_text()
    assert f'repository-code: "{url}"' in (ROOT / "CITATION.cff").read_text()


def test_release_files_agree_on_the_version():
    version = release_tag()[1:]
    init = (ROOT / "src" / "csmlab" / "__init__.py").read_text()
    assert f'__version__ = "{version}"' in init
    assert f"version: {version}" in (ROOT / "CITATION.cff").read_text()
    assert f"## {version} " in (ROOT / "CHANGELOG.md").read_text()
    for name in ("LICENSE", "LICENSE-CONTENT.md"):
        assert (ROOT / name).exists(), f"{name} is missing"


def test_generated_cell_ids_are_deterministic():
    """Two generations of a chapter give the same cell ids (jupytext alone draws random ones),
    so regenerating an unchanged chapter leaves its .ipynb byte for byte as it was."""
    from run_notebooks import clean, read_source

    first, second = read_source(SOURCES[0]), read_source(SOURCES[0])
    clean(first)
    clean(second)
    assert [c.id for c in first.cells] == [c.id for c in second.cells]


@pytest.mark.parametrize("md", SOURCES, ids=lambda p: p.stem)
def test_stored_cell_ids_are_the_generated_ones(md):
    """The instructor's copy holds the ids `make notebooks` gives the .md's cells (a notebook
    edited by hand, or by a script that changed cell text, fails here with the chapter)."""
    from run_notebooks import clean, read_source

    fresh = read_source(md)
    clean(fresh)
    stored = nbformat.read(paired(md), as_version=4)
    wrong = [(i, s.id, f.id) for i, (s, f) in enumerate(zip(stored.cells, fresh.cells), 1)
             if s.id != f.id]
    assert not wrong, (f"chapter {md.stem}: notebooks/instructor/{md.stem}.ipynb has cell ids "
                       f"that `make notebooks` would not write (cell, stored, expected): "
                       f"{wrong[:3]}. Regenerate it with `{regenerate_hint(md)}`.")


def test_cell_ids_do_not_depend_on_the_repository_or_the_tag():
    """A rebrand (set_repo_url.py) or a release (release.py) rewrites the Colab cell and the
    student edition's links; the ids must not change, or every notebook would be stale."""
    from student_edition import cell_id

    cell = setup_cell("https://github.com/csm-lab/csm-lab")
    other = cell.replace("csm-lab/csm-lab@", "someone/course@").replace(release_tag(), "v9.9.9")
    assert other != cell
    assert cell_id("code", cell, {}) == cell_id("code", other, {})
    link = "See [term](https://csm-lab.github.io/csm-lab/book/glossary.html#term-x)."
    assert cell_id("markdown", link, {}) == cell_id(
        "markdown", link.replace("csm-lab.github.io/csm-lab", "someone.github.io/course"), {})
    assert cell_id("markdown", link, {}) != cell_id("markdown", link.replace("term-x", "y"), {})


def test_regenerating_a_chapter_gives_identical_bytes(tmp_path):
    """`make notebooks` on an unchanged chapter rewrites both notebooks byte for byte: the
    instructor's .ipynb and the student edition (executed afresh, in a temporary folder)."""
    from run_notebooks import build

    md = next(p for p in SOURCES if p.stem.startswith("00_"))
    build(md, tmp_path / "instructor.ipynb", tmp_path / "student.ipynb")
    assert (tmp_path / "instructor.ipynb").read_bytes() == paired(md).read_bytes(), (
        f"regenerating {md.stem} changed notebooks/instructor/{md.stem}.ipynb: "
        f"run `{regenerate_hint(md)}` and commit")
    stored = ROOT / "notebooks" / "student" / f"{md.stem}.ipynb"
    assert (tmp_path / "student.ipynb").read_bytes() == stored.read_bytes(), (
        f"regenerating {md.stem} changed notebooks/student/{md.stem}.ipynb: "
        f"run `{regenerate_hint(md)}` and commit")


def test_student_links_go_to_the_site_of_the_configured_repository():
    """Terms, citations and cross-references link to the GitHub Pages site of repository.url
    (set_repo_url.py rewrites these links with the URL), never to another host."""
    from set_repo_url import site_from_repository

    site = site_from_repository(current()[0])
    for path in STUDENT_NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                for link in re.findall(r"\]\((https?://[^)\s]+)\)", cell.source):
                    assert link.startswith(site), f"{path.name}: {link} is not on {site}"


CODE_CELL = re.compile(r"```\{code-cell\}[^\n]*\n((?::[^\n]*\n)*)(.*?)\n```", re.S)


def visible_code_cells(text: str) -> list[str]:
    """The code a reader of the site sees: cells not tagged remove-cell or remove-input."""
    return [m.group(2) for m in CODE_CELL.finditer(text)
            if "remove-cell" not in m.group(1) and "remove-input" not in m.group(1)]


def plumbing(code: str) -> list[str]:
    """What makes a visible cell read like bookkeeping: several glue calls, hand-written alt text."""
    problems = []
    glues = len(re.findall(r"^\s*glue(?:_all)?\(", code, re.M))
    if glues > 1:
        problems.append(f"{glues} glue calls (move them to a hidden remove-cell cell)")
    if re.search(r"\balt\s*=", code):
        problems.append("hand-written alt text (plot functions compose it; pass a sentence to show)")
    return problems


@pytest.mark.parametrize("md", SOURCES, ids=lambda p: p.stem)
def test_visible_code_reads_like_sentences(md):
    found = [(cell.splitlines()[0][:60], p) for cell in visible_code_cells(md.read_text("utf-8"))
             for p in plumbing(cell)]
    assert not found, f"{md.name}: visible code cells with plumbing: {found}"


def test_plumbing_check_can_fail():
    text = ('```{code-cell}\nr = run()\nglue("a", r.a)\nglue("b", r.b)\nshow(ax, alt=f"{r}")\n```\n'
            '```{code-cell}\n:tags: [remove-cell]\nglue("a", 1)\nglue("b", 2)\n```\n')
    cells = visible_code_cells(text)
    assert len(cells) == 1 and len(plumbing(cells[0])) == 2


def test_book_cache_is_dropped_when_the_package_changes(tmp_path):
    """jupyter-cache keys on code cells only: a changed csmlab must force re-execution."""
    from build_book import drop_stale_cache, package_digest

    build = tmp_path / "_build"
    (build / ".jupyter_cache").mkdir(parents=True)
    (build / ".doctrees").mkdir()
    (build / ".csmlab-package-digest").write_text(package_digest())
    drop_stale_cache(build)
    assert (build / ".jupyter_cache").exists(), "an unchanged package keeps the cache"
    (build / ".csmlab-package-digest").write_text("an older package")
    drop_stale_cache(build)
    assert not (build / ".jupyter_cache").exists() and not (build / ".doctrees").exists()
    assert (build / ".csmlab-package-digest").read_text() == package_digest()


def test_set_repo_url_rewrites_both_editions(tmp_path, monkeypatch):
    """After a fork, one command points every notebook (instructor's and student's) at the new
    repository: the Colab install and the student edition's links to the site."""
    import shutil

    import set_repo_url

    for name in ("_config.yml", "pyproject.toml", "README.md", "CITATION.cff"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    old_url, _ = current()
    owner, repo = ("Someone", "my-course") if "Someone/" not in old_url else ("Other", "course")
    monkeypatch.setattr(set_repo_url, "ROOT", tmp_path)
    monkeypatch.setattr(sys, "argv", ["set_repo_url.py", f"https://github.com/{owner}/{repo}"])
    old_site = set_repo_url.site_from_repository(old_url)
    assert set_repo_url.main() == 0
    for path in sorted((tmp_path / "notebooks" / "student").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        assert old_url not in text and old_site not in text, path.name
        assert f"git+https://github.com/{owner}/{repo}@" in text, path.name
        assert f"https://{owner.lower()}.github.io/{repo}/" in text, path.name


# ----------------------------------------------------------------- chapter 00's map of the package

MAP_CHAPTER = ROOT / "notebooks" / "00_getting_started.md"
MAP_SECTION = "## Where each simulator lives"


def package_modules() -> list[str]:
    """Every module and subpackage of csmlab, by dotted name."""
    import pkgutil

    import csmlab

    return sorted(info.name for info in pkgutil.walk_packages(csmlab.__path__, "csmlab."))


def package_map(text: str) -> dict[str, str]:
    """Chapter 00's map: each module named in a table row's first cell, with the row's chapters
    (the second cell, so that a phone shows them without scrolling the table)."""
    section = text.split(MAP_SECTION, 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        m = re.match(r"\|\s*`(csmlab[\w.]*)`\s*\|\s*([^|]*?)\s*\|", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


def chapter_imports(text: str) -> set[str]:
    """The csmlab modules a chapter imports (``from csmlab.x import y`` counts csmlab.x.y when
    that is a module, else csmlab.x)."""
    modules = set(package_modules())
    found = set()
    for mod, names in re.findall(r"^from (csmlab[\w.]*) import \(?([^)\n]*(?:\n\s+[^)\n]*)*)",
                                 text, re.M):
        for name in re.split(r"[,\s()]+", names):
            if name and name != "as":
                found.add(f"{mod}.{name}" if f"{mod}.{name}" in modules else mod)
    return found & modules


def test_package_map_lists_every_module():
    """A module added to csmlab without a row in chapter 00's map fails here (and so does a
    row for a module that no longer exists)."""
    rows = package_map(MAP_CHAPTER.read_text("utf-8"))
    modules = package_modules()
    missing = [m for m in modules if m not in rows]
    stale = [m for m in rows if m not in modules]
    assert not missing, (f"add a row for each of these modules to the map in {MAP_CHAPTER.name} "
                         f"(section {MAP_SECTION!r}), with the chapters that use it: {missing}")
    assert not stale, f"{MAP_CHAPTER.name}'s map names modules that do not exist: {stale}"


@pytest.mark.parametrize("md", SOURCES, ids=lambda p: p.stem)
def test_package_map_names_the_chapters_that_import_each_module(md):
    rows = package_map(MAP_CHAPTER.read_text("utf-8"))
    chapter = md.stem[:2]
    wrong = sorted(m for m in chapter_imports(md.read_text("utf-8"))
                   if m in rows and chapter not in rows[m] and not rows[m].startswith("all"))
    assert not wrong, (f"{md.name} imports {wrong}, but the map in {MAP_CHAPTER.name} does not "
                       f"list chapter {chapter} for them")


def test_package_map_check_can_fail():
    text = f"{MAP_SECTION}\n\n| module | chapters | what |\n|---|---|---|\n| `csmlab.value` | 00 | v |\n"
    rows = package_map(text)
    assert rows == {"csmlab.value": "00"}
    assert [m for m in package_modules() if m not in rows]
    assert chapter_imports("from csmlab.plots import show\nfrom csmlab import crm, customerbase\n"
                           "from csmlab.plots import crm as charts\n") == {
        "csmlab.plots", "csmlab.crm", "csmlab.customerbase", "csmlab.plots.crm"}


# ----------------------------------------------------------------- lint: ruff, and chapter names

LINTED = ["src", "tests", "scripts", "notebooks"]


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *args],
                          cwd=ROOT, capture_output=True, text=True)


def test_ruff_passes():
    """ruff with the rules chosen in pyproject.toml over the package, the tests, the scripts and
    the generated chapter notebooks (unused imports and variables, undefined names, style)."""
    result = ruff(*LINTED)
    assert result.returncode == 0, f"ruff check {' '.join(LINTED)}:\n{result.stdout}{result.stderr}"


def test_ruff_catches_an_unused_import_in_a_notebook(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import math\nx = 1\nx")])
    nbformat.write(nb, tmp_path / "chapter.ipynb")
    result = ruff("--config", str(ROOT / "pyproject.toml"), str(tmp_path / "chapter.ipynb"))
    assert result.returncode == 1 and "F401" in result.stdout


def unused_names(cells: list[str]) -> list[str]:
    """Names a chapter assigns and never reads, in any cell (ruff sees only unused imports and
    the locals of functions; a notebook's top-level names are module globals to it)."""
    import ast

    source = "\n".join(re.sub(r"^(\s*)[%!].*$", r"\1pass", c, flags=re.M) for c in cells)
    tree = ast.parse(source)
    stored = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    loaded = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return sorted(n for n in stored - loaded if not n.startswith("_"))


@pytest.mark.parametrize("md", SOURCES, ids=lambda p: p.stem)
def test_no_chapter_variable_is_unused(md):
    cells = [m.group(2) for m in CODE_CELL.finditer(md.read_text("utf-8"))]
    unused = unused_names(cells)
    assert not unused, (f"{md.name} assigns {unused} and never uses them: drop them, or compute "
                        "them in the hidden cell that uses them")


def test_unused_name_check_can_fail():
    assert unused_names(["lo, hi = 1, 2\nshow(lo)", "for i, name in pairs:\n    glue(i)"]) == [
        "hi", "name"]


# ----------------------------------------------------------------- the release Colab installs

def release_drift(root: Path = ROOT) -> list[str]:
    """Package files added, removed or changed since the release recorded in release.sha256."""
    now, released = package_digest(root), read_manifest(root)
    return sorted(name for name in now.keys() | released.keys()
                  if now.get(name) != released.get(name))


def test_colab_installs_the_package_the_chapters_were_run_with():
    """Every chapter's Colab set-up cell installs csmlab from the release tag; a package that
    changed after the release makes Colab students run old code under new prose (an
    ImportError for a new function, or numbers that differ from the page's)."""
    drift = release_drift()
    assert not drift, (
        f"src/csmlab has changed since release {release_tag()} (recorded in {MANIFEST}), which "
        f"every chapter's Colab cell installs: {drift[:8]}{' ...' if len(drift) > 8 else ''}. "
        "Cut a release: make release VERSION=x.y.z (book/instructors.md, 'Release a version').")


def test_release_drift_check_can_fail(tmp_path):
    package = tmp_path / "src" / "csmlab"
    package.mkdir(parents=True)
    (package / "value.py").write_text("x = 1\n")
    (tmp_path / MANIFEST).write_text(
        "".join(f"{d}  {n}\n" for n, d in package_digest(tmp_path).items()))
    assert release_drift(tmp_path) == []
    (package / "value.py").write_text("x = 2\n")
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "value.cpython-311.pyc").write_bytes(b"ignored")
    assert release_drift(tmp_path) == ["src/csmlab/value.py"]
    (package / "new.py").write_text("")
    assert release_drift(tmp_path) == ["src/csmlab/new.py", "src/csmlab/value.py"]
