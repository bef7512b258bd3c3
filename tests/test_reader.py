"""What a reader sees, checked on every page of the built site in headless Chromium.

Each page is opened twice, at desktop size (1280x800, light then dark) and at phone size
(390x844), with every request to an outside host blocked, as on a machine without internet.
The findings are cached and each check below is its own test, parametrized by page, so a
failure names the page and the check:

* ``raw_tex``: no raw TeX (``$$``, ``\\frac``, ``\\mathrm``, ``\\text{`` ...) in the rendered text
  outside code blocks, once MathJax has typeset the page; every ``{math}`` element became a
  MathJax container; MathJax (like every script and stylesheet) is served by the site.
* ``glue_quotes``: no glued inline value (``span.pasted-text`` or ``span.output.text_plain``
  in the prose) whose text starts or ends with a quote: a ``repr`` leaked into a sentence.
* ``chart_bounds``: every text element of every chart (``img.csmlab-figure``, an SVG data
  URI) lies inside the figure: the SVG is decoded, drawn inline in the page and each
  ``<text>``'s box compared with the SVG's own box.
* ``table_numbers``: no numeric table cell with more than three decimals, and no number with
  both a thousands separator and decimals in a column (or row) that holds money or counts.
  Money/count columns are recognised by their header (or row label): it contains a currency
  sign or one of ``MONEY_OR_COUNT_WORDS`` ("cost", "revenue", "customers", "count", ...).
* ``phone_nav``: at 390x844 the visible ☰ button opens the site navigation, and the
  "contents" button (where a page has one) opens the page's table of contents.
* ``phone_overflow``: the page does not scroll sideways at 390 px
  (``documentElement.scrollWidth <= innerWidth``).
* ``chrome``: exactly one visible search box at desktop and at phone width, a favicon link,
  no request to an outside host, no asset answered with an HTTP error (a missing MathJax font).

Full-page screenshots of every page land in ``_build/screenshots/{desktop,phone,dark}/``
beside the site under test. The checkers are plain functions; the ``test_checker_*`` tests
feed them synthetic HTML/SVG (and a broken copy of a built page) to show that each one fails
when it should.
"""

from __future__ import annotations

import base64
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from test_book import PAGES, page_path

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

#: Pages checked besides those in _toc.yml.
EXTRA_PAGES = ["search"]
READER_PAGES = PAGES + EXTRA_PAGES

# ---------------------------------------------------------------------------------------
# Checkers: plain functions on HTML, text and numbers (unit-tested below without the book)

#: TeX that must not reach a reader as text.
RAW_TEX = ("$$", "\\frac", "\\mathrm", "\\text{", "\\sum", "\\left", "\\cdot", "\\times",
           "\\(", "\\[")

#: Elements whose text is not prose: code, scripts, and MathJax's own rendered output.
NOT_PROSE = {"pre", "code", "script", "style", "textarea", "kbd", "samp", "mjx-container",
             "svg", "math"}

QUOTES = "'\"‘’“”"

#: Header words that mark a column (or a row) as money or a count of things or people:
#: such numbers read "7,200,000", never "7,200,000.00".
MONEY_OR_COUNT_WORDS = ("$", "₩", "€", "£", "cost", "revenue", "customer", "count", "people",
                        "margin", "profit", "amount", "payout", "price", "sales", "spend",
                        "income", "guests", "complaints", "number of", "won")

_NUMBER = re.compile(r"^[-+−]?[$₩€£]?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s?%?$")


def prose_text(html: str) -> str:
    """The text a reader reads in ``html``, leaving out code, scripts and rendered maths."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(NOT_PROSE):
        tag.decompose()
    for tag in soup.select(".highlight, .MathJax, mjx-assistive-mml"):
        tag.decompose()
    root = soup.select_one("main") or soup.select_one("article") or soup
    return root.get_text(" ")


def find_raw_tex(text: str) -> list[str]:
    """Snippets of ``text`` around each raw-TeX token."""
    found = []
    for token in RAW_TEX:
        for m in re.finditer(re.escape(token), text):
            found.append(text[max(0, m.start() - 30):m.end() + 30].replace("\n", " "))
    return found


def glued_values(html: str) -> list[str]:
    """Texts of the values glued inline into prose (myst-nb ``{glue}``/``{glue:text}``)."""
    soup = BeautifulSoup(html, "html.parser")
    spans = soup.select("span.pasted-text, span.pasted-inline, span.output.text_plain")
    return [s.get_text() for s in spans]


def quoted_glue(values: list[str]) -> list[str]:
    """Glued values whose text starts or ends with a quote character."""
    return [v for v in values if v.strip() and (v.strip()[0] in QUOTES or v.strip()[-1] in QUOTES)]


def _is_money_or_count(label: str) -> bool:
    label = label.lower()
    return any(word in label for word in MONEY_OR_COUNT_WORDS)


def table_problems(html: str) -> list[str]:
    """Numeric cells a reader should not see: more than three decimals anywhere, or a
    thousands separator together with decimals in a money or count column (or row)."""
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    for table in soup.find_all("table"):
        header: list[str] = []
        thead = table.find("thead")
        first = thead.find("tr") if thead else None
        if first is not None:
            for cell in first.find_all(["th", "td"]):
                header += [cell.get_text(" ", strip=True)] * int(cell.get("colspan", 1) or 1)
        tbody = table.find("tbody")
        body_rows = (tbody or table).find_all("tr")
        for row in body_rows:
            cells = row.find_all(["th", "td"])
            has_label = bool(cells) and cells[0].name == "th"
            row_label = cells[0].get_text(" ", strip=True) if has_label else ""
            for i, cell in enumerate(cells):
                if cell.name != "td":
                    continue
                text = cell.get_text(strip=True)
                m = _NUMBER.match(text)
                if not m:
                    continue
                col = header[i] if i < len(header) else ""
                decimals = m.group(2) or ""
                if len(decimals) > 3:
                    problems.append(f"{text!r} has {len(decimals)} decimals (column {col!r})")
                elif "," in m.group(1) and decimals and (
                        _is_money_or_count(col) or _is_money_or_count(row_label)):
                    problems.append(f"{text!r} in money/count column {col!r} "
                                    f"(row {row_label!r}) shows decimals")
    return problems


def outside(box: dict, bounds: dict, tol: float = 1.0) -> bool:
    """Whether ``box`` (x, y, width, height) pokes out of ``bounds`` by more than ``tol`` px."""
    return (box["x"] < bounds["x"] - tol or box["y"] < bounds["y"] - tol
            or box["x"] + box["width"] > bounds["x"] + bounds["width"] + tol
            or box["y"] + box["height"] > bounds["y"] + bounds["height"] + tol)


def svg_from_data_uri(src: str) -> str | None:
    prefix = "data:image/svg+xml;base64,"
    if not src.startswith(prefix):
        return None
    return base64.b64decode(src[len(prefix):]).decode("utf-8")


#: The smallest chart text a phone reader should have to read, in CSS pixels.
MIN_PHONE_TEXT_PX = 8.0


def chart_text_px(svg: str, rendered_width: float) -> float | None:
    """The smallest font of a chart's text, in CSS pixels, when the SVG is drawn
    ``rendered_width`` pixels wide (None for a chart without text)."""
    box = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) [\d.]+"', svg)
    sizes = [float(x) for x in re.findall(r"font-size:\s*([\d.]+)px", svg)]
    if not box or not sizes or rendered_width <= 0:
        return None
    return min(sizes) * rendered_width / float(box.group(1))


def is_outside_host(url: str, base: str) -> bool:
    return not (url.startswith(base) or url.startswith("data:") or url.startswith("blob:")
                or url.startswith("about:"))


# ---------------------------------------------------------------------------------------
# The browser side

#: Draws one SVG inline, measures each text element against the SVG's box, removes it.
SVG_TEXT_BOXES_JS = """
(svgText) => {
  const holder = document.createElement('div');
  holder.style.cssText = 'position:absolute;left:0;top:0;background:#fff;z-index:99999';
  holder.innerHTML = svgText.replace(/^[\\s\\S]*?(<svg[\\s>])/, '$1');
  document.body.appendChild(holder);
  const svg = holder.querySelector('svg');
  const r = svg.getBoundingClientRect();
  const bounds = {x: r.x, y: r.y, width: r.width, height: r.height};
  const boxes = [];
  const seen = new Set();
  svg.querySelectorAll('text, g[id^="text_"]').forEach(el => {
    const b = el.getBoundingClientRect();
    if (b.width === 0 && b.height === 0) return;
    const label = (el.textContent || '').trim().slice(0, 60) || el.id;
    const key = [label, b.x, b.y].join('|');
    if (seen.has(key)) return;
    seen.add(key);
    boxes.push({label, x: b.x, y: b.y, width: b.width, height: b.height});
  });
  holder.remove();
  return {bounds, boxes};
}
"""

#: Waits for MathJax (when the page has maths) and reports what it did.
MATHJAX_STATE_JS = """
async () => {
  const maths = document.querySelectorAll('.math').length;
  if (!maths) return {maths, typeset: 0, loaded: !!(window.MathJax && window.MathJax.startup)};
  // MathJax's script is async, so it has run by the load event, unless it failed to load.
  for (let i = 0; i < 10 && !(window.MathJax && window.MathJax.startup
       && window.MathJax.startup.promise); i++) {
    await new Promise(r => setTimeout(r, 50));
  }
  if (window.MathJax && window.MathJax.startup && window.MathJax.startup.promise) {
    await Promise.race([window.MathJax.startup.promise, new Promise(r => setTimeout(r, 8000))]);
  }
  return {maths, typeset: document.querySelectorAll('mjx-container').length,
          loaded: !!(window.MathJax && window.MathJax.startup)};
}
"""

#: Visible search controls (outermost only).
SEARCH_BOXES_JS = """
() => {
  const sel = '.search-button-field, .search-button, form.bd-search, input[type="search"]';
  const visible = el => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
      && r.right > 0 && r.bottom > 0 && r.left < innerWidth;
  };
  const all = Array.from(document.querySelectorAll(sel)).filter(visible);
  const outer = all.filter(el => !all.some(o => o !== el && o.contains(el)));
  return outer.map(el => el.outerHTML.slice(0, 120));
}
"""

#: Clicks the visible toggle matching ``selector``; says whether a sidebar then shows.
TOGGLE_JS = """
async (selector) => {
  const visible = el => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  const buttons = Array.from(document.querySelectorAll(selector)).filter(visible);
  if (!buttons.length) return {button: false};
  buttons[0].click();
  await new Promise(r => setTimeout(r, 400));
  const dialogs = Array.from(document.querySelectorAll('dialog[open]'));
  const shown = dialogs.filter(d => { const r = d.getBoundingClientRect();
    return r.width > 100 && r.height > 100 && r.left < innerWidth && r.right > 0
      && d.querySelector('a, nav'); });
  return {button: true, opened: shown.length > 0,
          dialogs: dialogs.map(d => d.id)};
}
"""

OVERFLOW_JS = """
() => {
  const width = document.documentElement.scrollWidth;
  const culprits = [];
  if (width > innerWidth) {
    document.querySelectorAll('body *').forEach(el => {
      const r = el.getBoundingClientRect();
      if (r.right > innerWidth + 1 && r.width > 0 && culprits.length < 5
          && !el.closest('dialog:not([open])')) {
        culprits.push(el.tagName.toLowerCase() + '.' + String(el.className).slice(0, 60)
                      + ' right=' + Math.round(r.right));
      }
    });
  }
  return {scrollWidth: width, innerWidth, culprits};
}
"""


@dataclass
class PageReport:
    """What a reader of one page meets; each list names problems (empty: all well)."""

    raw_tex: list[str] = field(default_factory=list)
    glue_quotes: list[str] = field(default_factory=list)
    chart_bounds: list[str] = field(default_factory=list)
    table_numbers: list[str] = field(default_factory=list)
    phone_nav: list[str] = field(default_factory=list)
    phone_overflow: list[str] = field(default_factory=list)
    phone_chart_text: list[str] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)


def _new_page(browser, base: str, viewport: dict, outside: list[str]):
    """A page that blocks and records outside requests, and records HTTP errors."""
    context = browser.new_context(viewport=viewport)
    # A full-page screenshot of a long chapter can take over playwright's 30 s default on a
    # busy 2-core machine (seen here under load); the checks are about what the page shows,
    # not how fast a loaded machine renders it, so the page gets two minutes.
    context.set_default_timeout(120_000)
    page = context.new_page()

    def route(r):
        if is_outside_host(r.request.url, base):
            outside.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    page.route("**/*", route)
    page.on("response", lambda r: outside.append(f"HTTP {r.status} {r.url}")
            if r.status >= 400 else None)
    return context, page


def chart_problems(page, html: str) -> list[str]:
    """Text elements of the page's charts that lie outside their figure."""
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    for n, img in enumerate(soup.select("img.csmlab-figure"), start=1):
        svg = svg_from_data_uri(img.get("src", ""))
        if svg is None:
            continue
        result = page.evaluate(SVG_TEXT_BOXES_JS, svg)
        for box in result["boxes"]:
            if outside(box, result["bounds"]):
                b = result["bounds"]
                problems.append(
                    f"figure {n} ({(img.get('alt') or '')[:50]}...): text {box['label']!r} at "
                    f"x={box['x']:.0f}..{box['x'] + box['width']:.0f}, "
                    f"y={box['y']:.0f}..{box['y'] + box['height']:.0f} outside "
                    f"{b['width']:.0f}x{b['height']:.0f}")
    return problems


def inspect_page(browser, base: str, rel: str, shots: Path | None, name: str) -> PageReport:
    """Open ``rel`` at desktop (light, then dark) and phone size; return what was found."""
    report = PageReport()
    outside_requests: list[str] = []
    url = f"{base}/{rel}"

    # Desktop, light: the content checks.
    context, page = _new_page(browser, base, DESKTOP, outside_requests)
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url} did not load"
    state = page.evaluate(MATHJAX_STATE_JS)
    html = page.content()
    report.raw_tex += find_raw_tex(prose_text(html))
    if state["maths"] and state["typeset"] < state["maths"]:
        report.raw_tex.append(f"MathJax typeset {state['typeset']} of {state['maths']} "
                              f"maths elements (loaded: {state['loaded']})")
    report.glue_quotes += quoted_glue(glued_values(html))
    report.table_numbers += table_problems(html)
    report.chart_bounds += chart_problems(page, html)
    boxes = page.evaluate(SEARCH_BOXES_JS)
    if len(boxes) != 1:
        report.chrome.append(f"{len(boxes)} visible search boxes at 1280 px: {boxes}")
    icons = page.eval_on_selector_all("link[rel~='icon']", "els => els.map(e => e.href)")
    if not icons:
        report.chrome.append("no favicon link")
    assets = page.eval_on_selector_all(
        "script[src], link[rel~='stylesheet'][href], link[rel~='icon'][href], "
        "link[rel~='preload'][href]", "els => els.map(e => e.src || e.href)")
    report.chrome += [f"asset from an outside host: {a}" for a in assets
                      if is_outside_host(a, base)]
    if shots:
        page.screenshot(path=str(shots / "desktop" / f"{name}.png"), full_page=True)
        # Dark mode, as the theme's switch sets it (the same CSS as localStorage theme=dark).
        page.evaluate("() => { document.documentElement.dataset.theme = 'dark'; "
                      "document.documentElement.dataset.mode = 'dark'; }")
        page.wait_for_timeout(100)
        page.screenshot(path=str(shots / "dark" / f"{name}.png"), full_page=True)
    context.close()

    # Phone: overflow, navigation, search.
    context, page = _new_page(browser, base, PHONE, outside_requests)
    page.goto(url, wait_until="load")
    page.evaluate(MATHJAX_STATE_JS)
    over = page.evaluate(OVERFLOW_JS)
    if over["scrollWidth"] > over["innerWidth"]:
        report.phone_overflow.append(
            f"page is {over['scrollWidth']} px wide at {over['innerWidth']} px; "
            f"widest: {over['culprits']}")
    boxes = page.evaluate(SEARCH_BOXES_JS)
    if len(boxes) != 1:
        report.chrome.append(f"{len(boxes)} visible search boxes at 390 px: {boxes}")
    charts = page.eval_on_selector_all(
        "img.csmlab-figure", "els => els.map(e => [e.src, e.getBoundingClientRect().width])")
    for n, (src, width) in enumerate(charts, start=1):
        svg = svg_from_data_uri(src)
        px = chart_text_px(svg, width) if svg else None
        if px is not None and px < MIN_PHONE_TEXT_PX:
            report.phone_chart_text.append(
                f"chart {n}: smallest text {px:.1f} px at 390 px (under {MIN_PHONE_TEXT_PX:.0f})")
    if shots:
        page.screenshot(path=str(shots / "phone" / f"{name}.png"), full_page=True)
    nav = page.evaluate(TOGGLE_JS, ".primary-toggle")
    if not nav["button"]:
        report.phone_nav.append("no visible ☰ (primary sidebar) button at 390 px")
    elif not nav["opened"]:
        report.phone_nav.append(f"☰ clicked, navigation did not open (open dialogs: "
                                f"{nav['dialogs']})")
    page.evaluate("() => document.querySelectorAll('dialog[open]').forEach(d => d.close())")
    has_toc = page.evaluate("() => !!document.querySelector('#pst-secondary-sidebar .page-toc')")
    if has_toc:
        toc = page.evaluate(TOGGLE_JS, ".secondary-toggle")
        if toc["button"] and not toc["opened"]:
            report.phone_nav.append("contents button clicked, the page's contents did not open")
    context.close()

    report.chrome += [u if u.startswith("HTTP ") else f"request to an outside host: {u}"
                      for u in sorted(set(outside_requests))]
    return report


# ---------------------------------------------------------------------------------------
# Tests on the built book

def reader_page_path(doc: str) -> str:
    return f"{doc}.html"  # not index.html: that is a redirect to the root page


@pytest.fixture(scope="session")
def reader_reports(built_book, browser):
    """Inspect each page once (lazily, on first use); later checks read the cached report."""
    from sitetools import serve

    shots = built_book.parent / "screenshots"
    for kind in ("desktop", "phone", "dark"):
        shutil.rmtree(shots / kind, ignore_errors=True)  # no stale pages from renamed chapters
        (shots / kind).mkdir(parents=True)
    cache: dict[str, PageReport] = {}
    with serve(built_book) as base:
        def get(doc: str) -> PageReport:
            if doc not in cache:
                cache[doc] = inspect_page(browser, base, reader_page_path(doc), shots,
                                          Path(doc).name)
            return cache[doc]
        yield get


CHECKS = ["raw_tex", "glue_quotes", "chart_bounds", "table_numbers", "phone_nav",
          "phone_overflow", "phone_chart_text", "chrome"]


@pytest.mark.book
@pytest.mark.browser
@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("doc", READER_PAGES)
def test_reader_sees(reader_reports, doc, check):
    problems = getattr(reader_reports(doc), check)
    assert not problems, f"{doc}: {check}: " + "; ".join(problems[:8])


# ---------------------------------------------------------------------------------------
# The checkers fail when they should: synthetic snippets (fast, no book)

def test_checker_chart_text_size():
    svg = ('<svg viewBox="0 0 460 240"><text style="font-size: 9px">a</text>'
           '<text style="font-size: 7px">b</text></svg>')
    assert chart_text_px(svg, 460) == pytest.approx(7.0)
    assert chart_text_px(svg, 230) == pytest.approx(3.5)   # a chart squeezed to half: unreadable
    assert chart_text_px("<svg viewBox='0 0 1 1'></svg>", 100) is None


def test_checker_raw_tex():
    html = ("<main><p>Price $46 and $7.2M.</p><pre>$$x$$ \\frac{a}{b}</pre>"
            "<p><code>\\mathrm{x}</code></p><mjx-container>r</mjx-container></main>")
    assert find_raw_tex(prose_text(html)) == []
    for bad in ("$$ CLV = m $$", "\\frac{m}{1-r}", "\\mathrm{CLV}", "\\text{margin}",
                "<div class='math'>\\[ x \\]</div>"):
        assert find_raw_tex(prose_text(f"<main><p>{bad}</p></main>")), bad


def test_checker_glue_quotes():
    html = ("<p>With <span class='output text_plain'>3</span> situations, "
            "“<span class='output text_plain'>worth offering</span>” and "
            "<span class='pasted-text'>'worth offering'</span> and "
            "<span class='pasted-text'>“x”</span>.</p>")
    assert glued_values(html) == ["3", "worth offering", "'worth offering'", "“x”"]
    assert quoted_glue(glued_values(html)) == ["'worth offering'", "“x”"]


def test_checker_table_numbers():
    ok = ("<table><thead><tr><th></th><th>amount ($)</th><th>rate</th></tr></thead><tbody>"
          "<tr><th>Revenue</th><td>7,200,000</td><td>0.125</td></tr>"
          "<tr><th>share</th><td>12.5%</td><td>1,234.5</td></tr></tbody></table>")
    assert table_problems(ok) == []
    money = ok.replace("7,200,000", "1,000,000.00")
    assert len(table_problems(money)) == 1 and "money/count" in table_problems(money)[0]
    count_row = ("<table><thead><tr><th></th><th>value</th></tr></thead><tbody>"
                 "<tr><th>customers lost</th><td>1,234.0</td></tr></tbody></table>")
    assert table_problems(count_row)
    decimals = ok.replace("0.125", "0.12345")
    assert "5 decimals" in table_problems(decimals)[0]
    assert table_problems(ok.replace("0.125", "-0.1234"))


def test_checker_bounds_and_data_uri():
    frame = {"x": 0, "y": 0, "width": 400, "height": 300}
    assert not outside({"x": 10, "y": 10, "width": 50, "height": 12}, frame)
    assert outside({"x": -20, "y": 10, "width": 50, "height": 12}, frame)
    assert outside({"x": 380, "y": 10, "width": 50, "height": 12}, frame)
    assert outside({"x": 10, "y": 295, "width": 50, "height": 12}, frame)
    svg = "<svg xmlns='http://www.w3.org/2000/svg'/>"
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    assert svg_from_data_uri(uri) == svg and svg_from_data_uri("data:image/png;base64,AA") is None
    assert is_outside_host("https://cdn.jsdelivr.net/x.js", "http://127.0.0.1:9")
    assert not is_outside_host("http://127.0.0.1:9/_static/x.js", "http://127.0.0.1:9")


SVG = ("<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg' width='400pt' "
       "height='300pt' viewBox='0 0 400 300'><g id='text_1'><text x='{x}' y='150' "
       "style='font: 12px sans-serif'>Revenue ($)</text></g></svg>")


@pytest.mark.browser
def test_checker_chart_bounds_in_browser(browser):
    """A chart text at x=-20 (or running off the right edge) is reported; one inside is not."""
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    for x, bad in ((20, False), (-20, True), (370, True)):
        svg = SVG.replace("{x}", str(x))
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
        problems = chart_problems(page, f"<img class='csmlab-figure' alt='a chart' src='{uri}'>")
        assert bool(problems) is bad, (x, problems)
    page.close()


# ---------------------------------------------------------------------------------------
# The checks fail on a broken copy of the real site

def _broken_copy(built_book: Path, tmp_path: Path, doc: str, edit) -> Path:
    """A copy of the site (assets linked, not copied) with one page edited by ``edit``."""
    site = tmp_path / "site"
    site.mkdir()
    for entry in built_book.iterdir():
        (site / entry.name).symlink_to(entry)
    rel = Path(page_path(doc))
    (site / rel.parts[0]).unlink()
    shutil.copytree(built_book / rel.parts[0], site / rel.parts[0], symlinks=True)
    target = site / rel
    target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
    return site


@pytest.mark.book
@pytest.mark.browser
def test_checks_fail_on_a_broken_copy_of_the_site(built_book, browser, tmp_path):
    """Break a built chapter and see each check report it: raw $$ in a paragraph, a quoted
    glued value, a money cell with decimals, a wide block that overflows a phone, a second
    ☰ button in the page (the upstream bug, pydata-sphinx-theme issue 2451), a second search
    box, no favicon and a stylesheet that is not there. (Charts: ``test_checker_chart_bounds_in_browser``.)"""
    from sitetools import serve

    doc = next(d for d in PAGES if d.startswith("notebooks/"))

    def edit(text: str) -> str:
        extra = ("<p>$$ CLV = \\frac{m}{1-r} $$ and <span class='pasted-text'>'0.25'</span></p>"
                 "<table><thead><tr><th></th><th>revenue ($)</th></tr></thead><tbody><tr>"
                 "<th>a</th><td>1,000,000.00</td></tr></tbody></table>"
                 "<div style='width:900px'>wide</div>")
        article = '<article class="bd-article">'
        text = text.replace(article, article + extra, 1)
        text = text.replace('<div class="bd-container">',
                            '<button class="primary-toggle" style="display:none"></button>'
                            '<div class="bd-container">', 1)
        text = re.sub(r'<link rel="icon"[^>]*>', '<link rel="stylesheet" href="missing.css">', text)
        return text.replace('<div class="bd-header-article',
                            '<form class="bd-search" style="display:block">'
                            '<input type="search"></form><div class="bd-header-article', 1)

    site = _broken_copy(built_book, tmp_path, doc, edit)
    with serve(site) as base:
        report = inspect_page(browser, base, page_path(doc), None, "broken")
    assert any("$$" in p for p in report.raw_tex), report.raw_tex
    assert report.glue_quotes == ["'0.25'"], report.glue_quotes
    assert any("1,000,000.00" in p for p in report.table_numbers), report.table_numbers
    assert report.phone_overflow, "a 900 px block was not reported on a phone"
    assert report.phone_nav, "a second .primary-toggle (upstream bug) was not reported"
    assert any("search boxes" in p for p in report.chrome), report.chrome
    assert "no favicon link" in report.chrome, report.chrome
    assert any(p.startswith("HTTP 404") and "missing.css" in p for p in report.chrome), report.chrome


@pytest.mark.book
@pytest.mark.browser
def test_mathjax_check_fails_when_mathjax_comes_from_a_cdn(built_book, browser, tmp_path):
    """With MathJax's script pointed at a CDN (blocked here), maths stays raw TeX: reported."""
    from sitetools import serve

    math_pages = [d for d in PAGES if 'class="math' in
                  (built_book / page_path(d)).read_text(encoding="utf-8")]
    if not math_pages:
        pytest.skip("no page has maths yet")
    doc = math_pages[0]
    site = _broken_copy(built_book, tmp_path, doc, lambda t: re.sub(
        r'src="[^"]*_static/mathjax/[^"]+"',
        'src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"', t))
    with serve(site) as base:
        report = inspect_page(browser, base, page_path(doc), None, "broken")
    assert any("MathJax typeset 0" in p for p in report.raw_tex), report.raw_tex
    assert any("cdn.jsdelivr.net" in p for p in report.chrome), report.chrome


# ---------------------------------------------------------------------------------------
# The bibliography a reader sees: author-year labels, titles as written

def test_bibliography_style_is_author_year_and_keeps_title_case():
    import sys

    from pybtex.database import parse_string

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
    from csmlab_site import AuthorYearStyle

    bib = parse_string(r"""
        @techreport{tarp, author = {{Technical Assistance Research Programs}},
          title = {Consumer Complaint Handling in America}, institution = {OCA}, year = {1986}}
        @article{rs, author = {Reichheld, Frederick F. and Sasser, W. Earl}, title = {Zero
          Defections}, journal = {HBR}, year = {1990}}
        @article{h94, author = {Heskett, J. and Jones, T. and Sasser, W.}, title = {Putting
          the Chain to Work}, journal = {HBR}, year = {1994}}
        @book{bm, author = {Barlow, Janelle and M{\o}ller, Claus}, title = {A Gift},
          publisher = {BK}, year = {2008}}
        @article{r96a, author = {Reichheld, F.}, title = {B}, journal = {J}, year = {1996}}
        @article{r96b, author = {Reichheld, F.}, title = {C}, journal = {J}, year = {1996}}
        @article{dm, author = {de Matos, Celso Augusto}, title = {D}, journal = {J}, year = {2007}}
    """, "bibtex")
    entries = list(AuthorYearStyle().format_entries(bib.entries.values()))
    labels = [e.label for e in entries]
    assert labels == ["Barlow and Møller, 2008", "de Matos, 2007", "Heskett et al., 1994",
                      "Reichheld, 1996a",
                      "Reichheld, 1996b", "Reichheld and Sasser, 1990",
                      "Technical Assistance Research Programs, 1986"]
    text = {e.key: e.text.render_as("text") for e in entries}
    assert "Consumer Complaint Handling in America" in text["tarp"]
    assert "Zero Defections" in text["rs"]
