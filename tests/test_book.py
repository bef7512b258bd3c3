"""The built site: it builds with zero warnings, every page in the table of contents exists,
every internal link and image resolves, and no page raises a JavaScript error.

Requests to outside hosts (CDNs, Colab, Binder) are blocked, as on a machine without
internet; only failures of those requests are tolerated. Full-page screenshots of every
page (desktop, phone, dark) are taken by tests/test_reader.py, under _build/screenshots/.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files


PAGES = toc_files()


def page_path(doc: str) -> str:
    return "index.html" if doc == PAGES[0] else f"{doc}.html"


def test_toc_sources_exist():
    for doc in PAGES:
        candidates = [ROOT / f"{doc}{ext}" for ext in (".md", ".ipynb")]
        assert any(c.exists() for c in candidates), f"{doc} is in _toc.yml but has no source"


def test_book_builds_without_warnings(built_book):
    assert (built_book / "index.html").exists()


@pytest.mark.parametrize("doc", PAGES)
def test_page_exists(built_book, doc):
    target = built_book / (f"{doc}.html")
    assert target.exists(), f"{doc} is in _toc.yml but {target} was not built"


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        text = path.read_text(encoding="utf-8")
        cache[path] = set(htmllib.unescape(m) for m in re.findall(r'\bid="([^"]+)"', text))
    return cache[path]


@pytest.mark.parametrize("doc", PAGES)
def test_page_in_browser(built_book, browser, doc):
    from sitetools import serve

    errors: list[str] = []
    failed_internal: list[str] = []
    with serve(built_book) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})

        def route(r):
            url = r.request.url
            if url.startswith(base) or url.startswith("data:") or url.startswith("blob:"):
                r.continue_()
            else:
                r.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
        page.on("console", lambda m: errors.append(f"console: {m.text}")
                if m.type == "error" and "Failed to load resource" not in m.text else None)
        page.on("requestfailed", lambda r: failed_internal.append(r.url)
                if r.url.startswith(base) else None)
        url = f"{base}/{page_path(doc)}"
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url} did not load"
        page.wait_for_timeout(300)

        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        images = page.eval_on_selector_all(
            "img", "els => els.map(e => [e.currentSrc || e.src, e.complete, e.naturalWidth, "
                   "e.getAttribute('alt')])")
        page.close()

    assert not errors, f"JavaScript errors on {doc}: {errors}"
    assert not failed_internal, f"internal requests failed on {doc}: {failed_internal}"

    broken: list[str] = []
    cache: dict[Path, set[str]] = {}
    for href in hrefs:
        if not href.startswith(base):
            continue
        link, fragment = urldefrag(href)
        rel = unquote(urlparse(link).path).lstrip("/")
        target = built_book / rel
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            broken.append(href)
        elif fragment and target.suffix == ".html" and unquote(fragment) not in _ids(target, cache):
            broken.append(href)
    assert not broken, f"broken internal links on {doc}: {sorted(set(broken))}"

    for src, complete, width, alt in images:
        assert complete and width > 0, f"image did not load on {doc}: {src[:80]}"
        if "csmlab-figure" in src or src.startswith("data:image"):
            assert alt and alt.strip(), f"figure without alt text on {doc}"


def test_internal_link_check_catches_a_broken_link(tmp_path):
    """The link check itself works: a made-up page with a dead link is caught."""
    (tmp_path / "a.html").write_text('<p id="x">x</p>')
    cache: dict[Path, set[str]] = {}
    assert "x" in _ids(tmp_path / "a.html", cache)
    assert "y" not in _ids(tmp_path / "a.html", cache)
    assert urljoin("http://h/a/b.html", "../c.html#y") == "http://h/c.html#y"


def repeated_charts(page_html: str) -> list[str]:
    """Charts shown twice on one page (the same alt text: the same data drawn the same way)."""
    from collections import Counter

    alts = [htmllib.unescape(m) for tag in re.findall(r"<img[^>]*csmlab-figure[^>]*>", page_html)
            for m in re.findall(r'alt="([^"]*)"', tag)]
    return [alt[:80] for alt, n in Counter(alts).items() if n > 1]


@pytest.mark.book
@pytest.mark.parametrize("doc", [d for d in PAGES if d.startswith("notebooks/")])
def test_no_chart_is_shown_twice(built_book, doc):
    """An explorer's default chart must not repeat a figure the chapter has just drawn."""
    page = (built_book / f"{doc}.html").read_text(encoding="utf-8")
    assert not repeated_charts(page), f"{doc}: the same chart twice: {repeated_charts(page)}"


def test_repeated_chart_check_can_fail():
    img = '<img class="csmlab-figure" alt="Chart A. Bar chart." src="data:x"/>'
    assert repeated_charts(img + img) == ["Chart A. Bar chart."]
    assert repeated_charts(img) == []


# ---------------------------------------------------------------------------------------
# Citation labels: one label, one work

_CITATION = re.compile(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', re.S)
_ANCHOR = re.compile(r'<a class="reference internal" href="([^"]*#[^"]*)"[^>]*>(.*?)</a>', re.S)
_BIB_LABEL = re.compile(r'<div class="citation" id="([^"]+)"[^>]*>\s*<span class="label">(.*?)'
                        r'</span></span>', re.S)


def _plain(fragment: str) -> str:
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", fragment))
    return re.sub(r"\s+", " ", re.sub(r"[\[\]()]", " ", text)).strip(" ,;")


def shared_citation_labels(pages: dict[str, str]) -> dict[str, set[str]]:
    """Labels a reader sees that point at more than one work, with the works' targets.

    ``pages`` maps a page's path to its HTML. An in-text citation is a
    ``bibtex-citation`` span; each of its links is read as "author, year" (a textual
    citation links only the year, so the span's text before the bracket supplies the
    author). The bibliography's own labels count too.
    """
    seen: dict[str, set[str]] = {}
    for path, text in pages.items():
        for span in _CITATION.finditer(text):
            body = span.group(1)
            author = _plain(body.split("[", 1)[0]) if "[" in body else ""
            for href, inner in _ANCHOR.findall(body):
                label = _plain(inner)
                if not re.search(r"[A-Za-z]{2}", label):
                    label = f"{author}, {label}"
                target = urljoin(path, href)
                seen.setdefault(label.replace(" ,", ","), set()).add(target)
        for ident, label in _BIB_LABEL.findall(text):
            seen.setdefault(_plain(label), set()).add(f"{path}#{ident}")
    return {label: targets for label, targets in seen.items() if len(targets) > 1}


def test_no_two_works_share_a_citation_label(built_book):
    pages = {str(p.relative_to(built_book)): p.read_text(encoding="utf-8")
             for p in built_book.rglob("*.html")}
    assert any(_CITATION.search(t) for t in pages.values()), "no citation found: selector stale?"
    assert shared_citation_labels(pages) == {}


def test_shared_label_check_catches_two_works_with_one_label():
    page = ('<span class="bibtex-citation" id="a">(<a class="reference internal" '
            'href="../book/references.html#id12">Fader <em>et al.</em>, 2005</a>)</span> and '
            '<span class="bibtex-citation" id="b">Fader <em>et al.</em> [<a class="reference '
            'internal" href="../book/references.html#id13">2005</a>]</span>')
    assert shared_citation_labels({"notebooks/x.html": page}) == {
        "Fader et al., 2005": {"book/references.html#id12", "book/references.html#id13"}}
    fixed = page.replace(">Fader <em>et al.</em>, 2005<", ">Fader <em>et al.</em>, 2005a<")
    fixed = fixed.replace(">2005</a>]", ">2005b</a>]")
    assert shared_citation_labels({"notebooks/x.html": fixed}) == {}


# ---------------------------------------------------------------------------------------
# Exercise numbers: the site and the student edition say the same

_EXERCISE_TITLE = re.compile(r'<p class="admonition-title">\s*<span class="caption-number">'
                             r'Exercise (\d+)\s*</span>')


def site_exercise_numbers(page_html: str) -> list[int]:
    return [int(n) for n in _EXERCISE_TITLE.findall(page_html)]


@pytest.mark.book
@pytest.mark.parametrize("doc", [d for d in PAGES if d.startswith("notebooks/")])
def test_exercises_are_numbered_within_their_chapter(built_book, doc):
    """Chapter 11's first exercise was "Exercise 86" on the site and "Exercise 1" in the student
    notebook: a student told to do Exercise 3 must find the same exercise in both places."""
    page = (built_book / f"{doc}.html").read_text(encoding="utf-8")
    numbers = site_exercise_numbers(page)
    source = (ROOT / f"{doc}.md").read_text(encoding="utf-8")
    assert numbers == list(range(1, source.count("```{exercise}") + 1)), (doc, numbers)
    for ref in re.findall(r'href="#ex-[^"]*"><span class="std std-numref">Exercise (\d+)', page):
        assert int(ref) in numbers, f"{doc}: a reference to Exercise {ref}, which the page lacks"


def test_exercise_number_check_can_fail():
    title = '<p class="admonition-title"><span class="caption-number">Exercise {} </span>'
    assert site_exercise_numbers(title.format(86) + title.format(87)) == [86, 87]
