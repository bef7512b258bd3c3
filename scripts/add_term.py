"""Add a term to the glossary (book/glossary.md), safely when several authors add at once.

Usage: python3 scripts/add_term.py "term" "Korean term" "Definition in your own words."

The glossary is sorted when built, so the new entry goes just before the closing fence.
A term that is already there is left as it is.
"""

from __future__ import annotations

import fcntl
import sys
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parents[1] / "book" / "glossary.md"


def add(term: str, korean: str, definition: str) -> bool:
    with open(GLOSSARY, "r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        text = handle.read()
        lines = text.splitlines()
        if term in lines:
            return False
        end = len(lines) - 1 - lines[::-1].index("```")
        entry = [term, f"  *{korean}*. {definition.rstrip('.')}.", ""]
        lines[end:end] = entry
        handle.seek(0)
        handle.write("\n".join(lines) + "\n")
        handle.truncate()
    return True


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    print("added" if add(*sys.argv[1:]) else "already there")
