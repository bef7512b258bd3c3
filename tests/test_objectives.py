"""Every learning objective is practised by an exercise, and every exercise says which.

Each ``{exercise}`` in a chapter opens with a line naming the objectives it practises, in the
numbering of the chapter's *Learning objectives* box::

    *Objective 3.*            *Objectives 1 and 4.*            *Objectives 1, 2 and 5.*

The student reads it as the reason for the exercise; this test reads it to check that no objective
is left without an exercise and that no exercise names an objective the chapter does not have.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.md"))

TAG = re.compile(r"^\*Objectives? (\d+(?:(?:, | and )\d+)*)\.\*\s*$")


def objectives(text: str) -> list[int]:
    """Numbers of the items in the chapter's Learning objectives box."""
    box = re.search(r"```\{admonition\} Learning objectives\n(.*?)\n```", text, re.S)
    assert box, "no Learning objectives box"
    return [int(n) for n in re.findall(r"^(\d+)\. ", box.group(1), re.M)]


def exercises(text: str) -> dict[str, str]:
    """Each exercise's label and the first line of its body (after its options)."""
    found = {}
    for block in re.findall(r"```\{exercise\}\n(.*?)\n```", text, re.S):
        lines = block.splitlines()
        label = next((ln.split(":", 2)[2].strip() for ln in lines if ln.startswith(":label:")), "?")
        body = [ln for ln in lines if ln.strip() and not ln.startswith(":")]
        found[label] = body[0] if body else ""
    return found


def tagged(first_line: str) -> list[int] | None:
    m = TAG.match(first_line.strip())
    return [int(n) for n in re.split(r", | and ", m.group(1))] if m else None


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem[:2])
def test_every_learning_objective_has_an_exercise(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    wanted = objectives(text)
    covered: set[int] = set()
    untagged, unknown = [], []
    for label, first in exercises(text).items():
        numbers = tagged(first)
        if numbers is None:
            untagged.append(label)
            continue
        unknown += [f"{label}: {n}" for n in numbers if n not in wanted]
        covered.update(numbers)
    assert not untagged, ("these exercises do not open with the objectives they practise "
                          f"('*Objective 3.*' or '*Objectives 1 and 4.*'): {untagged}")
    assert not unknown, f"these exercises name objectives the chapter does not list: {unknown}"
    missing = [n for n in wanted if n not in covered]
    assert not missing, f"learning objectives no exercise practises: {missing}"


def test_the_tag_reads_as_english() -> None:
    assert tagged("*Objective 3.*") == [3]
    assert tagged("*Objectives 1 and 4.*") == [1, 4]
    assert tagged("*Objectives 1, 2 and 5.*") == [1, 2, 5]
    assert tagged("A hotel chain can run a programme.") is None
