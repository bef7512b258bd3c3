"""Every seed citation in the book and the package points at a slide, block or post that exists.

The five seed documents, their unit (slide, block or post) and how many units each has are read
from the Sources page (``book/sources.md``), so the page and this test cannot disagree. The test
scans the chapters (``notebooks/*.md``), the prose pages (``book/*.md``), the package's source
(``src/csmlab/**/*.py``: docstrings, ``source=`` strings, case notes) and the loaded
``csmlab.cases`` catalogue, and fails on

* a citation of a document that does not exist ("seed 007"),
* a number outside the document's range ("seed 002, slide 130"),
* the wrong unit for the document ("seed 003, slide 4", "seed 002, post 3"),
* any reader-visible mention of the course's working files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES_PAGE = ROOT / "book" / "sources.md"

#: Words that name the course's working files; a reader has none of them.
FORBIDDEN = [
    re.compile(r"TOPIC_MAP", re.I),
    re.compile(r"topic[\s-]+map", re.I),
    re.compile(r"FACTS\.md", re.I),
    re.compile(r"literature\s+notes", re.I),
    re.compile(r"seeds?\s+folder", re.I),
    re.compile(r"\b00\d_[0-9a-f]{8,}\.txt"),
]

_UNIT = r"(?P<unit>slides?|blocks?|posts?)"
# One number or range; a number is never a document code followed by its own unit
# ("30, and 002, slide 107" is two citations, not slides 30 and 2).
_ITEM = r"\d+(?!\d)(?!\s*,\s*(?:slides?|blocks?|posts?)\b)(?:\s*(?:[–—-]|to)\s*\d+)?"
_NUMS = rf"(?P<nums>{_ITEM}(?:\s*(?:,\s*and|,|and|&)\s*{_ITEM})*)"
#: "seed 002, slide 30", "(000, slides 14–21)", "seed 004, posts 3 and 7", "seed 003 block 4".
CITATION = re.compile(rf"(?<![\d.,])(?:\bseeds?\s+)?\b(?P<doc>\d{{3}})\s*,?\s+{_UNIT}\s+{_NUMS}",
                      re.I)
#: Any other mention of a seed by number: "seed 002", "seeds 000 and 004".
MENTION = re.compile(r"\bseeds?\s+(?P<docs>\d{3}(?:\s*(?:,\s*and|,|and|&)\s*\d{3})*)\b", re.I)


@dataclass(frozen=True)
class Problem:
    where: str
    line: int
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.where}:{self.line}: {self.text!r}: {self.why}"


def load_ranges(page: Path = SOURCES_PAGE) -> dict[str, tuple[str, int]]:
    """``{"002": ("slide", 111), ...}`` from the table on the Sources page."""
    rows = re.findall(r"^\|\s*(\d{3})\s*\|[^\n]*\|\s*(slide|block|post)\s*\|\s*(\d+)\s*\|\s*$",
                      page.read_text(encoding="utf-8"), re.M)
    return {doc: (unit, int(n)) for doc, unit, n in rows}


def _numbers(nums: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"\s*(?:,\s*and|,|and|&)\s*", nums):
        bounds = [int(x) for x in re.findall(r"\d+", part)]
        if len(bounds) == 2:
            out.extend([bounds[0], bounds[1]])
        elif bounds:
            out.append(bounds[0])
    return out


def check_text(text: str, where: str = "<string>",
               ranges: dict[str, tuple[str, int]] | None = None) -> list[Problem]:
    """Every problem with the seed citations and working-file mentions in ``text``.

    The whole text is searched at once, so a citation wrapped over two lines is still read.
    """
    ranges = load_ranges() if ranges is None else ranges
    problems: list[Problem] = []

    def add(m: re.Match, why: str) -> None:
        problems.append(Problem(where, text.count("\n", 0, m.start()) + 1,
                                " ".join(m.group(0).split()), why))

    for pat in FORBIDDEN:
        for m in pat.finditer(text):
            add(m, "names a working file the reader does not have")
    for m in CITATION.finditer(text):
        doc, unit = m.group("doc"), m.group("unit").lower().rstrip("s")
        if doc not in ranges:
            add(m, f"there is no seed {doc}")
            continue
        want, count = ranges[doc]
        if unit != want:
            add(m, f"seed {doc} is cited by {want}, not by {unit}")
            continue
        for n in _numbers(m.group("nums")):
            if not 1 <= n <= count:
                add(m, f"seed {doc} has {want}s 1–{count}, not {n}")
        for a, b in re.findall(r"(\d+)\s*(?:[–—-]|to)\s*(\d+)", m.group("nums")):
            if int(a) >= int(b):
                add(m, f"range {a}–{b} runs backwards")
    for m in MENTION.finditer(text):
        for doc in re.findall(r"\d{3}", m.group("docs")):
            if doc not in ranges:
                add(m, f"there is no seed {doc}")
    problems.sort(key=lambda p: p.line)
    return problems


def _files() -> list[Path]:
    files = sorted((ROOT / "notebooks").glob("*.md")) + sorted((ROOT / "book").glob("*.md"))
    files += sorted((ROOT / "src" / "csmlab").rglob("*.py"))
    return files


# --- the checker itself --------------------------------------------------------------------

RANGES = {"000": ("slide", 24), "001": ("slide", 15), "002": ("slide", 111),
          "003": ("block", 7), "004": ("post", 9)}


def test_sources_page_states_every_seed():
    assert load_ranges() == RANGES


@pytest.mark.parametrize("text", [
    "(seed 002, slide 30)", "(seed 002, slides 30 and 107)", "(seed 002, slides 29–31)",
    "(seed 000, slides 14–21)", "(seed 003, block 4)", "(seed 004, post 2)",
    "(seed 004, posts 3–7)", "The seeds (000, slide 7; 002, slide 81) agree.",
    "(seed 002, slide 30, and 002, slide 107)", "seed 002, slides 23, 84 and 103",
    "seeds 000 and 004 say so", "seed 001, slide 15", "a random seed=7 is not a citation",
    "2,730, slides of cake", "seed 000 slide 24",
])
def test_good_citations_pass(text):
    assert check_text(text, ranges=RANGES) == []


@pytest.mark.parametrize("text, why", [
    ("(seed 002, slide 130)", "has slides 1–111, not 130"),
    ("(seed 002, slide 112)", "not 112"),
    ("(seed 002, slides 29 and 112)", "not 112"),
    ("(seed 002, slides 29–131)", "not 131"),
    ("(seed 000, slide 25)", "not 25"),
    ("(seed 002, slide 0)", "not 0"),
    ("(seed 003, slide 4)", "cited by block, not by slide"),
    ("(seed 004, slides 3 and 7)", "cited by post, not by slide"),
    ("(seed 002, post 3)", "cited by slide, not by post"),
    ("(seed 003, block 8)", "not 8"),
    ("(seed 004, post 10)", "not 10"),
    ("(seed 002, slide 30, and 002, slide 170)", "not 170"),
    ("(seed 005, slide 3)", "there is no seed 005"),
    ("as the seed 007 shows", "there is no seed 007"),
    ("(seed 002, slides 31–29)", "runs backwards"),
    ("a citation wrapped over lines (seed 002,\nslide 130)", "not 130"),
    ("as mapped in the course's topic\nmap", "working file"),
    ("as recorded in the course's literature notes", "working file"),
    ("as mapped in the course's topic map", "working file"),
    ("see TOPIC_MAP section D", "working file"),
    ("source: FACTS.md", "working file"),
    ("from 002_55af62dc338d8a2e.txt", "working file"),
])
def test_bad_citations_fail(text, why):
    problems = check_text(text, ranges=RANGES)
    assert problems, f"{text!r} should fail"
    assert any(why in p.why for p in problems), [str(p) for p in problems]


def test_a_planted_wrong_slide_in_a_copy_fails(tmp_path):
    page = tmp_path / "chapter.md"
    page.write_text("The gift formula (seed 002, slide 30).\nIts second version "
                    "(seed 002, slide 130).\n", encoding="utf-8")
    problems = check_text(page.read_text(encoding="utf-8"), str(page), RANGES)
    assert [(p.line, p.text) for p in problems] == [(2, "seed 002, slide 130")]


# --- the book and the package --------------------------------------------------------------

@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_citations_in_file(path):
    problems = check_text(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert not problems, "\n".join(map(str, problems))


def test_citations_in_case_facts():
    from csmlab.cases import catalogue

    cat = catalogue("")
    assert len(cat) > 0
    problems = []
    for key, row in cat.iterrows():
        for field in ("source", "note", "meaning"):
            problems += check_text(str(row[field]), f"csmlab.cases[{key!r}].{field}")
        if re.search(r"\bseed\b", str(row["source"]), re.I):
            if not CITATION.search(str(row["source"])):
                problems.append(Problem(f"csmlab.cases[{key!r}].source", 1, str(row["source"]),
                                        "names a seed without its slide, block or post"))
    assert not problems, "\n".join(map(str, problems))
