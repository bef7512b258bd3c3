"""Write src/csmlab/citations.py: short author-year labels for the keys of book/references.bib.

Usage: python scripts/make_citations.py [--check]

Scenario inputs name their sources by bib key (``source="heskett1994"``), the key the chapters
cite. Tables show a reader "Heskett et al. 1994" instead, and the package cannot read the book's
.bib at run time (it is not in the wheel), so the labels are generated into the package from the
bibliography. ``--check`` exits 1 if the generated module is out of date (a test runs it).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIB = ROOT / "book" / "references.bib"
OUT = ROOT / "src" / "csmlab" / "citations.py"

LATEX = {r"{\o}": "ø", r"\o": "ø", r"{\"o}": "ö", r"\"o": "ö", r"{\'e}": "é", r"\'e": "é",
         r"{\"u}": "ü", r"\"u": "ü", r"\&": "&"}


def _plain(text: str) -> str:
    for tex, char in LATEX.items():
        text = text.replace(tex, char)
    return re.sub(r"[{}]", "", text).strip()


def _surname(author: str) -> str:
    author = author.strip()
    if author.startswith("{") and author.endswith("}"):
        return _plain(author)
    if "," in author:
        return _plain(author.split(",")[0])
    return _plain(author.split()[-1])


def labels(bib_text: str) -> dict[str, str]:
    """``{key: "Surname 1994"}`` ("A and B", or "A et al." for three or more authors)."""
    out = {}
    for entry in re.split(r"\n(?=@)", bib_text):
        head = re.match(r"\s*@\w+\{([^,]+),", entry)
        if not head:
            continue
        key = head.group(1).strip()
        field = re.search(r"\b(author|editor)\s*=\s*\{(.*?)\},?\s*\n", entry, re.S)
        year = re.search(r"\byear\s*=\s*\{?(\d{4})", entry)
        if not field or not year:
            continue
        names = [_surname(a) for a in re.split(r"\s+and\s+", field.group(2).replace("\n", " "))]
        who = names[0] if len(names) == 1 else (
            f"{names[0]} and {names[1]}" if len(names) == 2 else f"{names[0]} et al.")
        out[key] = f"{who} {year.group(1)}"
    # Two works with one label become "2005a" and "2005b", in key order.
    by_label: dict[str, list[str]] = {}
    for key in sorted(out):
        by_label.setdefault(out[key], []).append(key)
    for label, keys in by_label.items():
        if len(keys) > 1:
            for letter, key in zip("abcdefgh", keys):
                out[key] = f"{label}{letter}"
    return dict(sorted(out.items()))


def render(mapping: dict[str, str]) -> str:
    lines = ['"""Short author-year labels for the course bibliography\'s keys (generated).',
             "",
             "Generated from book/references.bib by scripts/make_citations.py; do not edit.",
             "",
             "Examples",
             "--------",
             ">>> cite('illustrative; shape from heskett1994')",
             "'illustrative; shape from Heskett et al. 1994'",
             '"""',
             "",
             "from __future__ import annotations",
             "",
             "import re",
             "",
             '__all__ = ["LABELS", "cite"]',
             "",
             "LABELS: dict[str, str] = {"]
    lines += [f"    {k!r}: {v!r}," for k, v in mapping.items()]
    lines += ["}",
              "",
              "",
              "def cite(text: str) -> str:",
              '    """Replace every bib key in ``text`` with its author-year label."""',
              '    return re.sub(r"\\b[a-z][a-z]+\\d{4}[a-z]?\\b",',
              "                  lambda m: LABELS.get(m.group(0), m.group(0)), text)",
              ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = render(labels(BIB.read_text(encoding="utf-8")))
    if "--check" in argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print("src/csmlab/citations.py is out of date: run python scripts/make_citations.py")
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
