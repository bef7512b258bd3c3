"""What a student meets outside this repository: Binder's set-up files agree with the package,
and the csmlab wheel, installed on its own with only its declared dependencies, runs a chapter.

The wheel test works offline: instead of downloading the dependencies it gives a fresh virtual
environment exactly the installed distributions that csmlab's declared dependencies need
(resolved from their metadata, transitively), plus the Jupyter kernel a notebook needs, and no
repository checkout on the path. A dependency missing from pyproject.toml, or a data file left
out of the wheel, makes the chapter fail there as it would in Colab.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = (ROOT / "pyproject.toml").read_text()


def declared_dependencies() -> list[Requirement]:
    block = re.search(r"^dependencies = \[(.*?)^\]", PYPROJECT, re.M | re.S).group(1)
    return [Requirement(s) for s in re.findall(r'"([^"]+)"', block)]


def pins(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line)
        if m:
            out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def test_binder_python_matches_the_package():
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    requires = re.search(r'^requires-python = ">=(\d+\.\d+)"', PYPROJECT, re.M).group(1)
    assert runtime == f"python-{requires}", (
        f"binder/runtime.txt says {runtime}; pyproject.toml requires Python >= {requires}")


def test_binder_installs_the_package_and_its_dependencies_only():
    binder = pins(ROOT / "binder" / "requirements.txt")
    pinned = pins(ROOT / "requirements.txt")
    for req in declared_dependencies():
        name = req.name.lower()
        assert name in binder, f"binder/requirements.txt does not install {name}"
    for name, version in binder.items():
        assert pinned.get(name) == version, (
            f"binder pins {name}=={version}; the tested requirements.txt has {pinned.get(name)}")
    for heavy in ("jupyter-book", "playwright", "hypothesis", "pytest", "nbval"):
        assert heavy not in binder, f"{heavy} is for tests and the book, not a student's session"
    assert "jupyterlab" in binder and "ipywidgets" in binder
    post = (ROOT / "binder" / "postBuild").read_text()
    assert re.search(r"^pip install --no-deps \.$", post, re.M), "postBuild must install csmlab"


def _closure(names: list[str]) -> set[str]:
    """Installed distributions needed by ``names``, following their requirements."""
    env = default_environment()
    seen: set[str] = set()
    stack = list(names)
    while stack:
        name = stack.pop().lower().replace("_", "-")
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({**env, "extra": ""}):
                stack.append(req.name)
    return seen


def _link_distributions(names: set[str], target: Path) -> None:
    """Make ``target`` a site directory holding just these distributions (symlinks)."""
    target.mkdir(parents=True)
    for name in names:
        dist = metadata.distribution(name)
        base = Path(dist.locate_file(""))
        tops = {Path(str(f)).parts[0] for f in dist.files or [] if not str(f).startswith("..")}
        for top in tops:
            src = base / top
            if top.endswith(".pth") or top == "__pycache__" or not src.exists():
                continue
            dst = target / top
            if not dst.exists():
                dst.symlink_to(src)


@pytest.mark.slow
def test_wheel_runs_a_chapter_with_only_its_declared_dependencies(tmp_path):
    import nbformat
    from nbclient import NotebookClient

    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(dist), str(ROOT)], check=True, cwd=tmp_path)
    wheel = next(dist.glob("csmlab-*.whl"))

    env_dir = tmp_path / "student"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    str(wheel)], check=True, cwd=tmp_path)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # The declared dependencies (and theirs), plus the kernel Colab and Binder provide.
    needed = _closure([r.name for r in declared_dependencies()] + ["ipykernel"])
    needed.discard("csmlab")
    deps = tmp_path / "deps"
    _link_distributions(needed, deps)
    Path(site, "student-deps.pth").write_text(str(deps) + "\n")

    check = subprocess.run([str(python), "-c", "import csmlab, sys; print(csmlab.__file__)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path,
                           env={"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)})
    assert str(env_dir) in check.stdout, f"csmlab came from {check.stdout}, not the wheel"

    kernels = tmp_path / "jupyter" / "kernels" / "student"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(
        '{"argv": ["%s", "-m", "ipykernel_launcher", "-f", "{connection_file}"], '
        '"display_name": "student", "language": "python"}' % python)
    # Every data loader finds its file inside the installed package ...
    loaders = subprocess.run(
        [str(python), "-c", "import inspect, csmlab.data as d\n"
         "names = [n for n, f in vars(d).items() if n.startswith('load_') and callable(f)\n"
         "         and all(p.default is not p.empty for p in inspect.signature(f).parameters.values())]\n"
         "for n in names: getattr(d, n)()\n"
         "print(len(names))"],
        capture_output=True, text=True, cwd=tmp_path,
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)})
    assert loaders.returncode == 0, f"a data loader fails from the wheel:\n{loaders.stderr[-2000:]}"
    assert int(loaders.stdout.split()[-1]) >= 1
    # ... and a chapter that loads data runs there, top to bottom.
    chapter = next(ROOT / "notebooks" / "instructor" / f"{p.stem}.ipynb"
                   for p in sorted((ROOT / "notebooks").glob("[0-9]*.md"))
                   if "load_" in p.read_text(encoding="utf-8"))
    nb = nbformat.read(chapter, as_version=4)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    env_before = dict(os.environ)
    os.environ["JUPYTER_PATH"] = str(tmp_path / "jupyter")
    os.environ.pop("CSMLAB_DATA", None)
    os.environ.pop("PYTHONPATH", None)
    try:
        NotebookClient(nb, timeout=300, kernel_name="student",
                       resources={"metadata": {"path": str(run_dir)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(env_before)
