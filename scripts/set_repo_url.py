"""Point the course at another repository (after forking it), and optionally retitle it.

Usage: .venv/bin/python scripts/set_repo_url.py https://github.com/OWNER/REPO
           [--branch main] [--title "My course: what it teaches"]

The URL lives in _config.yml (repository.url). This script writes it there and into
the places that cannot read _config.yml: the Colab set-up cell of every chapter (its
``.md`` source, the instructor's copy in ``notebooks/instructor/`` and the student edition
in ``notebooks/student/``), the student editions' links to the site (GitHub Pages of the
repository, ``https://OWNER.github.io/REPO/``), the README and CITATION.cff.
tests/test_repository.py checks that they all agree.

``--title`` also renames the course: ``title`` in _config.yml (the browser tab and the
sidebar), the home page's heading (the first line of book/intro.md), the README's heading and
CITATION.cff's title. Without it, those stay as they are.

Notebook cell ids do not depend on the repository, the tag or the site (they are hashed with
these masked; scripts/student_edition.py ``cell_id``), so the rewritten notebooks are exactly
what ``make notebooks`` would write: ``make test`` stays green without regenerating them.

The Colab cell installs the tagged release of csmlab (``v`` + the version in
pyproject.toml, for example ``v0.3.0``), not a moving branch, so a chapter opened in Colab
runs with the package it was written for. Tag each release (``make release VERSION=x.y.z``
bumps the version and prints the commands); until the tag is pushed, the Colab cell of every
chapter fails to install.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

URL_RE = r"https://github\.com/[\w.-]+/[\w.-]+"


def current(root: Path | None = None) -> tuple[str, str]:
    text = ((root or ROOT) / "_config.yml").read_text()
    url = re.search(r"^repository:\s*\n\s+url:\s*(\S+)", text, re.M)
    branch = re.search(r"^repository:\s*\n(?:\s+.*\n)*?\s+branch:\s*(\S+)", text, re.M)
    if not url or not branch:
        raise SystemExit("could not find repository.url and repository.branch in _config.yml")
    return url.group(1), branch.group(1)


def version(root: Path | None = None) -> str:
    """The package's version, from pyproject.toml."""
    text = ((root or ROOT) / "pyproject.toml").read_text()
    found = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
    if not found:
        raise SystemExit("could not find the version in pyproject.toml")
    return found.group(1)


def release_tag(root: Path | None = None) -> str:
    """The git tag of the package's current release: ``v`` + pyproject's version."""
    return f"v{version(root)}"


def site_from_repository(url: str) -> str:
    """The course site GitHub Pages publishes for repository ``url``, ending in ``/``.

    The student notebooks link their terms, citations and cross-references there.

    >>> site_from_repository("https://github.com/csm-lab/csm-lab")
    'https://csm-lab.github.io/csm-lab/'
    """
    owner, repo = url.rstrip("/").split("/")[-2:]
    return f"https://{owner.lower()}.github.io/{repo}/"


def install_spec(url: str, ref: str | None = None) -> str:
    """The pip requirement the Colab cell installs: csmlab from ``url`` at tag ``ref``."""
    return f'"csmlab @ git+{url}@{ref or release_tag()}"'


def chapter_files(root: Path | None = None) -> list[Path]:
    """Every file holding a Colab set-up cell: the chapters' sources and both editions."""
    notebooks = (root or ROOT) / "notebooks"
    return (sorted(notebooks.glob("[0-9][0-9]_*.md"))
            + sorted((notebooks / "instructor").glob("*.ipynb"))
            + sorted((notebooks / "student").glob("*.ipynb")))


def rewrite(paths: list[Path], pairs: list[tuple[str, str]], root: Path) -> list[Path]:
    """Replace each ``old`` by ``new`` in ``paths`` (also JSON-escaped, as notebooks store
    quotes); return the files that changed."""
    changed = []
    for path in paths:
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        new = text
        for old, repl in pairs:
            if old != repl:
                new = new.replace(old.replace('"', '\\"'), repl.replace('"', '\\"'))
                new = new.replace(old, repl)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
            print(f"updated {path.relative_to(root)}")
    return changed


def retitle(root: Path, title: str) -> None:
    """Rename the course: _config.yml's title, the home page's and README's headings, and
    CITATION.cff's title."""
    config = root / "_config.yml"
    text = config.read_text(encoding="utf-8")
    quoted = title.replace('"', '\\"')
    config.write_text(re.sub(r'^title:.*$', lambda m: f'title: "{quoted}"', text, count=1,
                             flags=re.M), encoding="utf-8")
    for name in ("book/intro.md", "README.md"):
        path = root / name
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^# .*$", lambda m: f"# {title}", text, count=1, flags=re.M),
                        encoding="utf-8")
    cff = root / "CITATION.cff"
    text = cff.read_text(encoding="utf-8")
    cff.write_text(re.sub(r'^title:.*$', lambda m: f'title: "{quoted}"', text, count=1,
                          flags=re.M), encoding="utf-8")
    print(f"title: {title} (_config.yml, book/intro.md, README.md, CITATION.cff)")


def rebrand(url: str, branch: str | None = None, title: str | None = None,
            root: Path | None = None) -> None:
    """Point every file at repository ``url`` (and retitle the course if ``title``)."""
    root = root or ROOT
    if not re.fullmatch(URL_RE, url):
        raise SystemExit(f"url must look like https://github.com/OWNER/REPO; got {url}")
    old_url, old_branch = current(root)
    branch = branch or old_branch
    config = (root / "_config.yml").read_text()
    config = config.replace(f"url: {old_url}", f"url: {url}", 1)
    config = re.sub(r"(^repository:\s*\n(?:\s+.*\n)*?\s+branch:\s*)\S+", rf"\g<1>{branch}",
                    config, count=1, flags=re.M)
    (root / "_config.yml").write_text(config)
    tag = release_tag(root)
    rewrite([*chapter_files(root), root / "notebooks" / "README.md", root / "README.md",
             root / "CITATION.cff"],
            [(install_spec(old_url, tag), install_spec(url, tag)), (old_url, url),
             (site_from_repository(old_url), site_from_repository(url))], root)
    if title:
        retitle(root, title)
    print(f"repository: {url} (branch {branch}); site: {site_from_repository(url)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--branch", default=None)
    parser.add_argument("--title", default=None,
                        help="the course's new name (_config.yml, book/intro.md, README, CITATION)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    rebrand(args.url, args.branch, args.title)
    return 0


if __name__ == "__main__":
    sys.exit(main())
