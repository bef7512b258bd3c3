"""Point the course at another repository (after forking it).

Usage: .venv/bin/python scripts/set_repo_url.py https://github.com/OWNER/REPO [--branch main]

The URL lives in _config.yml (repository.url). This script writes it there and into
the places that cannot read _config.yml: the Colab set-up cell of every chapter (its
``.md`` source, the generated ``.ipynb`` and the student edition in ``notebooks/student/``),
the student editions' links to the site (GitHub Pages of the repository,
``https://OWNER.github.io/REPO/``), the README and CITATION.cff. tests/test_repository.py
checks that they all agree.

The Colab cell installs the tagged release of csmlab (``v`` + the version in
pyproject.toml, for example ``v0.2.0``), not a moving branch, so a chapter opened in Colab
runs with the package it was written for. Tag each release: ``git tag v0.2.0 && git push
--tags``; until the tag is pushed, the Colab cell of every chapter fails to install.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

URL_RE = r"https://github\.com/[\w.-]+/[\w.-]+"


def current() -> tuple[str, str]:
    text = (ROOT / "_config.yml").read_text()
    url = re.search(r"^repository:\s*\n\s+url:\s*(\S+)", text, re.M)
    branch = re.search(r"^repository:\s*\n(?:\s+.*\n)*?\s+branch:\s*(\S+)", text, re.M)
    if not url or not branch:
        raise SystemExit("could not find repository.url and repository.branch in _config.yml")
    return url.group(1), branch.group(1)


def release_tag() -> str:
    """The git tag of the package's current release: ``v`` + pyproject's version."""
    text = (ROOT / "pyproject.toml").read_text()
    version = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
    if not version:
        raise SystemExit("could not find the version in pyproject.toml")
    return f"v{version.group(1)}"


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--branch", default=None)
    args = parser.parse_args()
    if not re.fullmatch(URL_RE, args.url):
        raise SystemExit(f"url must look like https://github.com/OWNER/REPO; got {args.url}")
    old_url, old_branch = current()
    branch = args.branch or old_branch
    config = (ROOT / "_config.yml").read_text()
    config = config.replace(f"url: {old_url}", f"url: {args.url}", 1)
    config = re.sub(r"(^repository:\s*\n(?:\s+.*\n)*?\s+branch:\s*)\S+", rf"\g<1>{branch}",
                    config, count=1, flags=re.M)
    (ROOT / "_config.yml").write_text(config)
    old_spec, new_spec = install_spec(old_url), install_spec(args.url)
    notebooks = ROOT / "notebooks"
    chapters = (sorted(notebooks.glob("*.md")) + sorted(notebooks.glob("*.ipynb"))
                + sorted((notebooks / "student").glob("*.ipynb")))
    old_site, new_site = site_from_repository(old_url), site_from_repository(args.url)
    for path in [*chapters, ROOT / "README.md", ROOT / "CITATION.cff"]:
        text = path.read_text()
        new = text.replace(old_spec.replace('"', '\\"'), new_spec.replace('"', '\\"'))
        new = new.replace(old_spec, new_spec).replace(old_url, args.url)
        new = new.replace(old_site, new_site)
        if new != text:
            path.write_text(new)
            print(f"updated {path.relative_to(ROOT)}")
    print(f"repository: {args.url} (branch {branch})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
