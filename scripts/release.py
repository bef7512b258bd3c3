"""Bump the version and point every Colab set-up cell at the new release tag, in one command.

Usage: make release VERSION=0.4.0
       .venv/bin/python scripts/release.py 0.4.0 [--date 2027-01-15]

It writes the new version into the four places that state it (pyproject.toml,
``src/csmlab/__init__.py``, CITATION.cff with the release date, and CHANGELOG.md, whose
``## Unreleased`` section becomes the release's, or which gets a stub section to fill in), rewrites ``@v<old>`` to ``@v<new>`` in the Colab set-up cell of every
chapter (the ``.md`` sources, the instructor's copies in ``notebooks/instructor/`` and the student
editions in ``notebooks/student/``) and in the README, and prints the git commands that publish
the release. Notebook cell ids do not depend on the tag (scripts/student_edition.py ``cell_id``),
so the rewritten notebooks are byte for byte what ``make notebooks`` would write; no chapter needs
executing again. tests/test_repository.py checks that all of these agree.

The tag must be pushed (``git push origin v<new>``) before a student opens a chapter in Colab:
the set-up cell installs ``csmlab`` from it.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import set_repo_url  # noqa: E402  (scripts/ is not a package)

ROOT = Path(__file__).resolve().parents[1]
VERSION_RE = re.compile(r"\d+\.\d+\.\d+")


def _key(v: str) -> tuple[int, ...]:
    return tuple(int(p) for p in v.split("."))


def _sub(path: Path, pattern: str, repl: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, repl, text, count=1, flags=re.M)
    if count != 1:
        raise SystemExit(f"{path.name}: could not find {pattern!r} to update")
    path.write_text(new, encoding="utf-8")
    print(f"updated {path.name}")


MANIFEST = "release.sha256"


def package_digest(root: Path | None = None) -> dict[str, str]:
    """The SHA-256 of every file of the package (``src/csmlab``), by path from ``root``.

    The Colab set-up cells install the package from the release tag, so a package that
    changed after the release is not the one a Colab student runs; ``make test`` compares
    this digest with the one the release wrote (``release.sha256``).
    """
    import hashlib

    root = root or ROOT
    package = root / "src" / "csmlab"
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(package.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}


def read_manifest(root: Path | None = None) -> dict[str, str]:
    """The digest the last release wrote (empty if there is none)."""
    path = (root or ROOT) / MANIFEST
    if not path.exists():
        return {}
    return {name: digest for digest, name in
            (line.split(None, 1) for line in path.read_text(encoding="utf-8").splitlines() if line)}


def write_manifest(root: Path | None = None) -> None:
    """Record the package's digest as the release's, in ``sha256sum`` format."""
    root = root or ROOT
    lines = [f"{digest}  {name}" for name, digest in package_digest(root).items()]
    (root / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"updated {MANIFEST} (the package as released: make test compares it)")


def release(new: str, date: str | None = None, root: Path | None = None) -> list[str]:
    """Bump the version to ``new`` in ``root``; return the git commands that publish it."""
    root = root or ROOT
    if not VERSION_RE.fullmatch(new):
        raise SystemExit(f"VERSION must look like 1.2.3 (semantic versioning); got {new!r}")
    old = set_repo_url.version(root)
    if _key(new) <= _key(old):
        raise SystemExit(f"VERSION {new} must be newer than the current version {old}")
    date = date or datetime.date.today().isoformat()
    _sub(root / "pyproject.toml", r'^version\s*=\s*"[^"]+"', f'version = "{new}"')
    _sub(root / "src" / "csmlab" / "__init__.py", r'^__version__ = "[^"]+"',
         f'__version__ = "{new}"')
    _sub(root / "CITATION.cff", r"^version: .*$", f"version: {new}")
    _sub(root / "CITATION.cff", r"^date-released: .*$", f'date-released: "{date}"')
    changelog = root / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    if re.search(r"^## Unreleased\s*$", text, re.M):   # the notes gathered since the last release
        text = re.sub(r"^## Unreleased\s*$", f"## {new} ({date})", text, count=1, flags=re.M)
        print("updated CHANGELOG.md (its Unreleased section is now this release's: check it)")
    else:
        stub = f"## {new} ({date})\n\n- (what changed: fill in before tagging)\n\n"
        first = text.find("\n## ")
        text = text + "\n" + stub if first < 0 else text[:first + 1] + stub + text[first + 1:]
        print("updated CHANGELOG.md (a stub section: fill it in)")
    changelog.write_text(text, encoding="utf-8")
    write_manifest(root)
    url, branch = set_repo_url.current(root)
    set_repo_url.rewrite([*set_repo_url.chapter_files(root), root / "README.md"],
                         [(set_repo_url.install_spec(url, f"v{old}"),
                           set_repo_url.install_spec(url, f"v{new}"))], root)
    return [f'git commit -am "Release {new}"',
            f"git tag v{new}",
            f"git push origin {branch} v{new}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the new version, e.g. 0.4.0")
    parser.add_argument("--date", default=None, help="release date (default: today)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    commands = release(args.version, args.date)
    print(f"\nVersion {args.version}: every Colab cell now installs @v{args.version}.")
    print("Fill in CHANGELOG.md, run the tests (make test), then publish:")
    for command in commands:
        print(f"    {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
