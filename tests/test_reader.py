"""What a reader sees, checked on every page of the built site in headless Chromium.

Each page is opened twice, at desktop size (1280x800, light then dark) and at phone size
(390x844), with every request to an outside host blocked, as on a machine without internet.
The findings are cached and each check below is its own test, parametrized by page, so a
failure names the page and the check:

* ``raw_tex``: no raw TeX (``$$``, ``\\frac``, ``\\mathrm``, ``\\text{`` ...) in the rendered text
  outside code blocks; every ``{math}`` element holds MathML that the browser laid out (the
  site loads no maths script).
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

* ``chart_fit``: at 390 px every chart lies inside the screen (seen whole); one whose smallest
  text the phone sets under 8 px carries a visible "Enlarge chart" button; at 1280 px no
  chart text is under 9 px.
* ``chart_overlap``: no two text boxes of a rendered chart intersect (by more than a pixel).
* ``series``: no two legend entries of one chart share colour, marker and dash (the
  ``data-series`` the chart output carries, from what was drawn).
* ``tables``: at 1280 px no table is wider than its column; at 390 px a table wider than its
  box sits in a scrolling box that shows a cue (a background shadow); every output-table cell
  has at least 6 px padding on each side; numbers and their headers are right-aligned.
* ``contrast``: every visible text passes WCAG AA (4.5:1, 3:1 for large text) against the
  background it sits on, in light and in dark mode.
* ``weight``: the page's first load is under ``PAGE_BUDGET_BYTES`` (1.2 MB, uncompressed).

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


#: The smallest chart text on a laptop (1280 px), in CSS pixels.
MIN_DESKTOP_TEXT_PX = 9.0
#: Least padding on each side of an output-table cell, in CSS pixels.
MIN_CELL_PADDING_PX = 6.0


def _quad(box: dict) -> list[tuple[float, float]]:
    if "quad" in box:
        return [tuple(p) for p in box["quad"]]
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    return [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]


def _overlap_depth(p: list[tuple[float, float]], q: list[tuple[float, float]]) -> float:
    """How deep two convex quadrilaterals overlap (0 when apart): the separating-axis test."""
    depth = float("inf")
    for poly in (p, q):
        for i in range(len(poly)):
            (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % len(poly)]
            nx, ny = y1 - y2, x2 - x1
            norm = (nx * nx + ny * ny) ** 0.5
            if norm == 0:
                continue
            nx, ny = nx / norm, ny / norm
            a = [px * nx + py * ny for px, py in p]
            b = [px * nx + py * ny for px, py in q]
            depth = min(depth, min(max(a), max(b)) - max(min(a), min(b)))
            if depth <= 0:
                return 0.0
    return depth


def overlapping_text(boxes: list[dict], tol: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of text boxes that intersect by more than ``tol`` px. A box is an axis-aligned
    ``x, y, width, height`` or, for rotated text, a ``quad`` of its four corners."""
    pairs = []
    quads = [_quad(b) for b in boxes]
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            if _overlap_depth(quads[i], quads[j]) > tol:
                pairs.append((a["label"], boxes[j]["label"]))
    return pairs


#: The start of each chart-measuring script: draws one SVG inline, as the page would.
MOUNT_SVG_JS = """
(svgText) => {
  const holder = document.createElement('div');
  holder.style.cssText = 'position:absolute;left:0;top:0;background:#fff;z-index:99999';
  holder.innerHTML = svgText.replace(/^[\\s\\S]*?(<svg[\\s>])/, '$1');
  document.body.appendChild(holder);
  const svg = holder.querySelector('svg');
"""

#: Each chart text's four corners on screen (rotated labels stay rotated), for the overlap check.
SVG_TEXT_QUADS_JS = MOUNT_SVG_JS + """  const boxes = [];
  svg.querySelectorAll('text').forEach(el => {
    const label = (el.textContent || '').trim().slice(0, 60);
    if (!label) return;
    const b = el.getBBox();
    if (b.width === 0 || b.height === 0) return;
    const m = el.getScreenCTM();
    const quad = [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height],
                  [b.x, b.y + b.height]].map(([x, y]) => {
      const p = svg.createSVGPoint(); p.x = x; p.y = y; const q = p.matrixTransform(m);
      return [q.x + scrollX, q.y + scrollY]; });
    boxes.push({label, quad});
  });
  holder.remove();
  return {boxes};
}
"""


def alike_series(series: list[list]) -> list[str]:
    """Legend entries of one chart drawn alike: same axes, colour, marker and dash."""
    seen: dict[tuple, str] = {}
    problems = []
    for axes, label, colour, marker, dash in series:
        key = (axes, colour.lower(), marker, dash)
        if key in seen:
            problems.append(f"{seen[key]!r} and {label!r} both drawn {colour} "
                            f"marker {marker or 'none'} dash {dash or 'none'}")
        else:
            seen[key] = label
    return problems


def contrast_ratio(fg: tuple[float, float, float], bg: tuple[float, float, float]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours (0-255 channels)."""
    def lum(c):
        ch = [x / 255 for x in c]
        ch = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]
    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def is_outside_host(url: str, base: str) -> bool:
    return not (url.startswith(base) or url.startswith("data:") or url.startswith("blob:")
                or url.startswith("about:"))


# ---------------------------------------------------------------------------------------
# The browser side

#: Draws one SVG inline, measures each text element against the SVG's box, removes it.
SVG_TEXT_BOXES_JS = MOUNT_SVG_JS + """  const r = svg.getBoundingClientRect();
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

#: Counts the maths elements and those the browser laid out as MathML (a <math> with a box).
MATHJAX_STATE_JS = """
() => {
  const els = Array.from(document.querySelectorAll('.math'));
  const laid = els.filter(e => { const m = e.querySelector('math');
    if (!m) return false; const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
  return {maths: els.length, typeset: laid.length, loaded: true};
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


#: Charts as laid out: box, screen width, smallest text (px), whether an Enlarge button shows.
CHART_LAYOUT_JS = """
() => Array.from(document.querySelectorAll('img.csmlab-figure')).map((img, i) => {
  const r = img.getBoundingClientRect();
  let px = null;
  try {
    const svg = atob((img.getAttribute('src') || '').split(',')[1] || '');
    const box = svg.match(/viewBox="[\\d.]+ [\\d.]+ ([\\d.]+) [\\d.]+"/);
    const sizes = (svg.match(/font-size:\\s*[\\d.]+px/g) || []).map(s => parseFloat(s.split(':')[1]));
    if (box && sizes.length) px = Math.min(...sizes) * r.width / parseFloat(box[1]);
  } catch (e) {}
  const next = img.nextElementSibling;
  const button = !!(next && next.matches('button.csmlab-enlarge')
                    && next.getBoundingClientRect().width > 0);
  return {n: i + 1, left: r.left, right: r.right, width: r.width, px, button,
          alt: (img.alt || '').slice(0, 50), series: img.dataset.series || '[]'};
})
"""

#: Tables as laid out: too wide for their box, a scroll cue, cell padding and alignment.
TABLES_JS = """
() => Array.from(document.querySelectorAll('article table')).map((t, i) => {
  const r = t.getBoundingClientRect();
  let box = t.parentElement;
  while (box && box !== document.body && getComputedStyle(box).overflowX === 'visible') {
    box = box.parentElement;
  }
  const br = (box || document.body).getBoundingClientRect();
  const cs = box ? getComputedStyle(box) : null;
  const scrolls = !!(cs && (cs.overflowX === 'auto' || cs.overflowX === 'scroll'));
  const cue = !!(cs && cs.backgroundImage && cs.backgroundImage !== 'none');
  const output = t.classList.contains('csmlab-table');
  let padding = Infinity;
  const misaligned = [];
  if (output) {
    t.querySelectorAll('td, th').forEach(c => {
      const s = getComputedStyle(c);
      padding = Math.min(padding, parseFloat(s.paddingLeft), parseFloat(s.paddingRight));
      if (c.classList.contains('num') && s.textAlign !== 'right' && misaligned.length < 3) {
        misaligned.push(c.textContent.trim().slice(0, 20));
      }
    });
  }
  return {n: i + 1, width: r.width, boxWidth: br.width, scrolls, cue, output,
          padding: padding === Infinity ? null : padding, misaligned,
          text: t.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40)};
}).concat(Array.from(document.querySelectorAll('article div.math')).map((m, i) => {
  // a display formula is its own scrolling box: wider content needs the same cue
  const cs = getComputedStyle(m);
  const inner = m.querySelector('math');
  const cutLeft = inner ? inner.getBoundingClientRect().left < m.getBoundingClientRect().left - 1
                        : false;
  return {n: 'formula ' + (i + 1), width: m.scrollWidth, boxWidth: m.clientWidth, cutLeft,
          scrolls: cs.overflowX === 'auto' || cs.overflowX === 'scroll',
          cue: !!(cs.backgroundImage && cs.backgroundImage !== 'none'), output: false,
          padding: null, misaligned: [],
          text: m.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40)};
}))
"""

#: Visible text runs with their colour and the colour of the background they sit on.
CONTRAST_JS = """
() => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const behind = el => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage && s.backgroundImage !== 'none' && !e.matches('.csmlab-table-wrap, .pst-scrollable-table-container')) return null;
      const c = parse(s.backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return parse(getComputedStyle(document.documentElement).backgroundColor) || {r: 255, g: 255, b: 255, a: 1};
  };
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('.bd-main') || document.body,
                                           NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !node.textContent.trim()) continue;
    seen.add(el);
    if (el.closest('svg, math, mjx-container, dialog:not([open]), .visually-hidden, .sr-only, script, style')) continue;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || s.visibility === 'hidden' || parseFloat(s.opacity) < 0.1) continue;
    const fg = parse(s.color); const bg = behind(el);
    if (!fg || !bg) continue;
    out.push({text: node.textContent.trim().slice(0, 30), tag: el.tagName.toLowerCase(),
              cls: String(el.className).slice(0, 40), fg: [fg.r, fg.g, fg.b], bg: [bg.r, bg.g, bg.b],
              size: parseFloat(s.fontSize), bold: parseInt(s.fontWeight) >= 700});
    if (out.length > 4000) break;
  }
  return out;
}
"""


def contrast_problems(runs: list[dict], mode: str) -> list[str]:
    """Text runs under WCAG AA contrast (4.5:1; 3:1 from 24 px, or 18.66 px bold)."""
    problems = []
    for run in runs:
        large = run["size"] >= 24 or (run["bold"] and run["size"] >= 18.66)
        need = 3.0 if large else 4.5
        ratio = contrast_ratio(tuple(run["fg"]), tuple(run["bg"]))
        if ratio < need:
            problems.append(f"{mode}: {run['tag']}.{run['cls']} {run['text']!r} "
                            f"{ratio:.2f}:1 (needs {need}:1)")
    return problems


def chart_layout_problems(charts: list[dict], inner_width: float, phone: bool) -> list[str]:
    """Charts wider than the screen, or with text too small and no way to enlarge them."""
    problems = []
    for c in charts:
        if phone and (c["right"] > inner_width + 1 or c["left"] < -1):
            problems.append(f"chart {c['n']} ({c['alt']}...) runs {c['left']:.0f}..{c['right']:.0f}"
                            f" px on a {inner_width:.0f} px screen")
        if c["px"] is None:
            continue
        if phone and c["px"] < MIN_PHONE_TEXT_PX and not c["button"]:
            problems.append(f"chart {c['n']}: text {c['px']:.1f} px at {inner_width:.0f} px and "
                            "no Enlarge button")
        if not phone and c["px"] < MIN_DESKTOP_TEXT_PX:
            problems.append(f"chart {c['n']}: text {c['px']:.1f} px at {inner_width:.0f} px "
                            f"(under {MIN_DESKTOP_TEXT_PX:.0f})")
    return problems


def table_layout_problems(tables: list[dict], phone: bool) -> list[str]:
    problems = []
    for t in tables:
        wide = t["width"] > t["boxWidth"] + 1
        if wide and not phone:
            problems.append(f"table {t['n']} ({t['text']}...) {t['width']:.0f} px wide in a "
                            f"{t['boxWidth']:.0f} px column at 1280 px")
        if wide and phone and not (t["scrolls"] and t["cue"]):
            problems.append(f"table {t['n']} ({t['text']}...) wider than its box at 390 px "
                            f"{'with no scroll cue' if t['scrolls'] else 'and does not scroll'}")
        if t["output"] and t["padding"] is not None and t["padding"] < MIN_CELL_PADDING_PX:
            problems.append(f"table {t['n']}: cell padding {t['padding']:.1f} px "
                            f"(under {MIN_CELL_PADDING_PX:.0f})")
        if t.get("cutLeft"):
            problems.append(f"{t['n']} ({t['text']}...) starts left of its box at "
                            f"{'390' if phone else '1280'} px, where no scrolling reaches it")
        if t["misaligned"]:
            problems.append(f"table {t['n']}: numbers not right-aligned: {t['misaligned']}")
    return problems


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
    chart_fit: list[str] = field(default_factory=list)
    chart_overlap: list[str] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    contrast: list[str] = field(default_factory=list)
    weight: list[str] = field(default_factory=list)


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


def page_charts(html: str):
    """Each chart of a page as (its number, its <img>, its SVG text); PNG charts are skipped."""
    soup = BeautifulSoup(html, "html.parser")
    for n, img in enumerate(soup.select("img.csmlab-figure"), start=1):
        svg = svg_from_data_uri(img.get("src", ""))
        if svg is not None:
            yield n, img, svg


def chart_problems(page, html: str) -> list[str]:
    """Text elements of the page's charts that lie outside their figure."""
    problems = []
    for n, img, svg in page_charts(html):
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


def overlap_problems(page, html: str) -> list[str]:
    """Text boxes of the page's charts that intersect each other."""
    problems = []
    for n, img, svg in page_charts(html):
        result = page.evaluate(SVG_TEXT_QUADS_JS, svg)
        for a, b in overlapping_text(result["boxes"]):
            problems.append(f"figure {n} ({(img.get('alt') or '')[:40]}...): {a!r} overlaps {b!r}")
    return problems


def inspect_page(browser, base: str, rel: str, shots: Path | None, name: str,
                 site: Path | None = None) -> PageReport:
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
        report.raw_tex.append(f"MathML laid out for {state['typeset']} of {state['maths']} "
                              "maths elements")
    report.glue_quotes += quoted_glue(glued_values(html))
    report.table_numbers += table_problems(html)
    report.chart_bounds += chart_problems(page, html)
    report.chart_overlap += overlap_problems(page, html)
    import json
    charts = page.evaluate(CHART_LAYOUT_JS)
    report.chart_fit += chart_layout_problems(charts, DESKTOP["width"], phone=False)
    for c in charts:
        report.series += [f"chart {c['n']} ({c['alt']}...): {p}"
                          for p in alike_series(json.loads(c["series"]))]
    report.tables += table_layout_problems(page.evaluate(TABLES_JS), phone=False)
    report.contrast += contrast_problems(page.evaluate(CONTRAST_JS), "light")
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
    report.contrast += contrast_problems(page.evaluate(CONTRAST_JS), "dark")
    if shots:
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
    # Smallest chart text a phone shows: 8 px, or the chart offers its Enlarge button.
    phone_charts = page.evaluate(CHART_LAYOUT_JS)
    for c in phone_charts:
        if c["px"] is not None and c["px"] < MIN_PHONE_TEXT_PX and not c["button"]:
            report.phone_chart_text.append(
                f"chart {c['n']}: smallest text {c['px']:.1f} px at 390 px (under "
                f"{MIN_PHONE_TEXT_PX:.0f}) and no Enlarge button")
    report.chart_fit += chart_layout_problems(phone_charts, PHONE["width"], phone=True)
    report.tables += table_layout_problems(page.evaluate(TABLES_JS), phone=True)
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
    if site is not None:
        from sitetools import PAGE_BUDGET_BYTES, page_weight

        total, sizes = page_weight(browser, base, site, rel)
        if total > PAGE_BUDGET_BYTES:
            heavy = sorted(sizes.items(), key=lambda kv: -kv[1])[:3]
            report.weight.append(f"first load {total / 1e6:.2f} MB (budget "
                                 f"{PAGE_BUDGET_BYTES / 1e6:.1f} MB); heaviest: "
                                 + ", ".join(f"{Path(u).name} {n / 1e3:.0f} kB" for u, n in heavy))
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
                                          Path(doc).name, site=built_book)
            return cache[doc]
        yield get


CHECKS = ["raw_tex", "glue_quotes", "chart_bounds", "table_numbers", "phone_nav",
          "phone_overflow", "phone_chart_text", "chrome", "chart_fit", "chart_overlap", "series",
          "tables", "contrast", "weight"]


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


def test_checker_overlapping_text():
    a = {"label": "best: 0.52x the loss", "x": 10, "y": 10, "width": 100, "height": 12}
    b = {"label": "5.38", "x": 90, "y": 15, "width": 30, "height": 12}
    c = {"label": "far", "x": 200, "y": 10, "width": 30, "height": 12}
    d = {"label": "touching", "x": 110, "y": 0, "width": 30, "height": 10}
    assert overlapping_text([a, b, c, d]) == [("best: 0.52x the loss", "5.38")]
    # Two labels rotated 45 degrees side by side: their upright boxes overlap, they do not.
    r1 = {"label": "booking", "quad": [(0, 40), (40, 0), (44, 4), (4, 44)]}
    r2 = {"label": "arrival", "quad": [(20, 40), (60, 0), (64, 4), (24, 44)]}
    assert overlapping_text([r1, r2]) == []
    assert overlapping_text([r1, {**r2, "quad": [(2, 40), (42, 0), (46, 4), (6, 44)]}])


def test_checker_alike_series():
    two_blues = [[0, "long ramp", "#0072b2", "o", "-"], [0, "short ramp", "#0072B2", "o", "-"]]
    assert alike_series(two_blues) and "long ramp" in alike_series(two_blues)[0]
    assert not alike_series([[0, "a", "#0072b2", "o", "-"], [0, "b", "#e69f00", "s", "--"]])
    assert not alike_series([[0, "a", "#0072b2", "o", "-"], [1, "a", "#0072b2", "o", "-"]])


def test_checker_contrast():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    pale_pink_on_grey = {"text": "make lab", "tag": "code", "cls": "", "fg": [230, 150, 170],
                         "bg": [240, 240, 240], "size": 14, "bold": False}
    ok = {**pale_pink_on_grey, "fg": [30, 30, 30]}
    assert contrast_problems([pale_pink_on_grey], "dark") and not contrast_problems([ok], "dark")
    large = {**pale_pink_on_grey, "fg": [140, 140, 140], "bg": [255, 255, 255], "size": 24}
    assert not contrast_problems([large], "light")   # 3.4:1: enough for large text only
    assert contrast_problems([{**large, "size": 14}], "light")


def test_checker_chart_and_table_layout():
    wide = {"n": 1, "left": 16, "right": 620, "width": 604, "px": 9.0, "button": False, "alt": "x"}
    fits = {**wide, "right": 374, "width": 358, "px": 8.4}
    small = {**fits, "px": 6.1}
    assert chart_layout_problems([wide], 390, phone=True)
    assert not chart_layout_problems([fits], 390, phone=True)
    assert chart_layout_problems([small], 390, phone=True)
    assert not chart_layout_problems([{**small, "button": True}], 390, phone=True)
    assert chart_layout_problems([{**fits, "px": 7.0}], 1280, phone=False)
    table = {"n": 1, "width": 718, "boxWidth": 700, "scrolls": True, "cue": True, "output": True,
             "padding": 9.0, "misaligned": [], "text": "Three recoveries"}
    assert table_layout_problems([table], phone=False)             # too wide at 1280 px
    assert not table_layout_problems([table], phone=True)          # scrolls with a cue
    assert table_layout_problems([{**table, "cue": False}], phone=True)
    assert table_layout_problems([{**table, "width": 500, "padding": 0.0}], phone=False)
    assert table_layout_problems([{**table, "width": 500, "misaligned": ["4,855"]}], phone=False)


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
def test_layout_checks_fail_on_a_broken_copy_of_the_site(built_book, browser, tmp_path):
    """Plant in a built chapter: a chart held at 900 px (wider than a phone, no Enlarge button),
    a chart whose two series are drawn alike, an output table with no cell padding and
    left-aligned numbers, a wide table in a scrolling box with no cue, pale text on white, a wide
    formula pushed off its box's left edge, a wide formula with no scroll cue, and 1.3 MB of extra image. Each new check reports its defect."""
    from sitetools import serve

    doc = next(d for d in PAGES if d.startswith("notebooks/"))
    svg = SVG.replace("{x}", "20")
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    looks = ('[[0,&quot;long ramp&quot;,&quot;#0072b2&quot;,&quot;o&quot;,&quot;-&quot;],'
             '[0,&quot;short ramp&quot;,&quot;#0072b2&quot;,&quot;o&quot;,&quot;-&quot;]]')

    def edit(text: str) -> str:
        extra = (f"<div class='cell_output'><img class='csmlab-figure' alt='planted wide chart' "
                 f"style='max-width:none;width:900px' src='{uri}'></div>"
                 f"<img class='csmlab-figure' alt='planted alike' data-series='{looks}' src='{uri}'>"
                 "<table class='csmlab-table' style='border-collapse:collapse'><tr>"
                 "<th class='num' style='padding:0'>n</th></tr><tr>"
                 "<td class='num' style='padding:0;text-align:left'>4,855</td></tr></table>"
                 "<div style='overflow-x:auto;background:none'><table style='width:900px'><tr>"
                 "<td>a planted wide table</td></tr></table></div>"
                 "<p style='color:#cccccc;background:#ffffff'>pale planted text</p>"
                 "<div class='math' style='display:flex;flex-direction:row-reverse;justify-content:flex-start;background:none'>"
                 "<math display='block'><mi>plantedformula</mi><mtext>" + "x" * 150 + "</mtext></math></div>"
                 "<div class='math' style='display:flex;flex-direction:row;background:none'>"
                 "<math display='block'><mi>plantedcueless</mi><mtext>" + "x" * 150 + "</mtext></math></div>"
                 "<img src='planted-heavy.png' alt='heavy'>")
        article = '<article class="bd-article">'
        return text.replace(article, article + extra, 1)

    site = _broken_copy(built_book, tmp_path, doc, edit)
    (site / Path(page_path(doc)).parent / "planted-heavy.png").write_bytes(b"\0" * 1_300_000)
    with serve(site) as base:
        report = inspect_page(browser, base, page_path(doc), None, "broken", site=site)
    assert any("planted wide chart" in p for p in report.chart_fit), report.chart_fit
    assert any("long ramp" in p and "short ramp" in p for p in report.series), report.series
    assert any("cell padding 0.0" in p for p in report.tables), report.tables
    assert any("not right-aligned" in p for p in report.tables), report.tables
    assert any("planted wide table" in p and "no scroll cue" in p for p in report.tables), \
        report.tables
    assert any("pale planted text" in p for p in report.contrast), report.contrast
    assert any("plantedcueless" in p and "wider than its box at 390 px" in p for p in report.tables), \
        report.tables
    assert any("plantedformula" in p and "left of its box" in p for p in report.tables), \
        report.tables
    assert report.weight and "planted-heavy.png" in report.weight[0], report.weight


@pytest.mark.book
@pytest.mark.browser
def test_maths_check_fails_when_a_formula_is_not_mathml(built_book, browser, tmp_path):
    """A formula left as TeX (no MathML inside its .math element) is reported."""
    from sitetools import serve

    math_pages = [d for d in PAGES if 'class="math' in
                  (built_book / page_path(d)).read_text(encoding="utf-8")]
    if not math_pages:
        pytest.skip("no page has maths yet")
    doc = math_pages[0]
    site = _broken_copy(built_book, tmp_path, doc, lambda t: re.sub(
        r'(<div class="math[^"]*">)<math .*?</math>', r"\1CLV = m/(1-r)", t, count=1,
        flags=re.S))
    with serve(site) as base:
        report = inspect_page(browser, base, page_path(doc), None, "broken")
    assert any("MathML laid out for" in p for p in report.raw_tex), report.raw_tex


# ---------------------------------------------------------------------------------------
# The bibliography a reader sees: author-year labels, titles as written

def test_works_sharing_an_author_year_label_get_a_and_b_like_the_package():
    """Fader et al. 2005 is two papers: the site labels them 2005a/2005b, as csmlab.citations does."""
    import sys

    from pybtex.database import parse_file

    from csmlab.citations import LABELS

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
    from csmlab_site import AuthorYearLabelStyle, suffix_shared_years

    bib = parse_file(str(Path(__file__).resolve().parents[1] / "book" / "references.bib"))
    suffix_shared_years(bib.entries)
    style = AuthorYearLabelStyle()
    labels = {key: style.format_label(entry) for key, entry in bib.entries.items()}
    assert labels["fader2005"] == "Fader et al., 2005a"
    assert labels["fader2005rfm"] == "Fader et al., 2005b"
    assert len(set(labels.values())) == len(labels), "two works share a label"
    for key, label in labels.items():
        assert label.replace(", ", " ") == LABELS[key], key


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
