"""Every chapter's explorer is live on the built site (book/_static/explorer.js, csmlab.live).

Per chapter, in headless Chromium with every request to an outside host blocked: the
explorer's controls appear, a slider moved by the keyboard brings in a new state, and the
numbers the page then shows equal csmlab's own for that value (the explorer rebuilt from
the spec the page carries, ``Explorer.update(field=value)``); no outside request, no page
error. Further checks: a combination a chapter asks for (07), a rejected value showing the
notebook's message (11), and the page without JavaScript showing the preset as before.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from bs4 import BeautifulSoup

from sitetools import serve
from test_live import chapter_explorers

from csmlab.widgets import NOT_APPLIED, explorer_from_spec

CHAPTERS = sorted(chapter_explorers())
TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def site(built_book):
    with serve(built_book) as base:
        yield base


class Watched:
    """A page with outside requests blocked and counted, and page errors collected."""

    def __init__(self, browser, base: str, doc: str, javascript: bool = True,
                 viewport: dict | None = None):
        self.context = browser.new_context(java_script_enabled=javascript,
                                           viewport=viewport or {"width": 1280, "height": 800})
        # Generous: a busy 2-core machine can take many seconds to load a page.
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

        def route(r):
            url = r.request.url
            if url.startswith(base) or url.startswith("data:"):
                r.continue_()
            else:
                self.outside.append(url)
                r.abort()

        self.page.route("**/*", route)
        self.page.goto(f"{base}/{doc}.html")

    def close(self) -> None:
        self.context.close()


def shown_cells(table_html: str) -> list[list[str]]:
    soup = BeautifulSoup(table_html, "html.parser")
    return [[c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])]
            for row in soup.find_all("tr")]


def page_spec(page) -> dict:
    raw = page.locator("[data-csmlab-explorer]").first.get_attribute("data-csmlab-explorer")
    return json.loads(raw)


def index_of(page) -> dict:
    return page.evaluate("""async () => {
        const n = document.querySelector('[data-csmlab-states]');
        return await (await fetch(n.dataset.csmlabStates + 'index.json')).json(); }""")


def move_by_keyboard(page, control: str, key: str) -> str:
    """Press ``key`` on the control's slider; wait for the new state; return its key."""
    form = page.locator("form.csmlab-live").first
    before = form.get_attribute("data-state")
    slider = form.locator(f"[id$='-{control}']")
    slider.focus()
    page.keyboard.press(key)
    page.wait_for_function(
        "b => { const f = document.querySelector('form.csmlab-live');"
        " return f.getAttribute('data-state') !== b || f.querySelector('.csmlab-live-msg').textContent; }",
        arg=before, timeout=TIMEOUT_MS)
    return form.get_attribute("data-state")


def table_after_move(page) -> list[list[str]]:
    return page.evaluate("""() => {
        const form = document.querySelector('form.csmlab-live');
        const out = form || document.querySelector('[data-csmlab-states]').closest('.output');
        return out.nextElementSibling.innerHTML; }""")


def model_table(spec: dict, **changes) -> list[list[str]]:
    table, figure = explorer_from_spec(spec).update(**changes)
    return shown_cells(table._repr_html_()), figure.alt


@pytest.mark.parametrize("doc", CHAPTERS)
def test_explorer_moves_with_the_models_numbers(browser, site, doc):
    w = Watched(browser, site, doc)
    try:
        page = w.page
        page.wait_for_selector("form.csmlab-live")
        spec, index = page_spec(page), index_of(page)
        control = next(c for c in index["controls"] if c["kind"] not in ("bool", "choice"))
        key = "ArrowLeft" if control["preset"] == len(control["values"]) - 1 else "ArrowRight"
        state = move_by_keyboard(page, control["name"], key)
        position = control["preset"] + (1 if key == "ArrowRight" else -1)
        value = control["values"][position]
        assert state.split(".")[[c["name"] for c in index["controls"]].index(control["name"])] \
            == str(position)
        readout = page.locator(f"output[for$='-{control['name']}']").first.inner_text()
        assert readout == control["labels"][position]
        expected, alt = model_table(spec, **{control["name"]: value})
        assert shown_cells(table_after_move(page)) == expected
        assert page.evaluate("""() => document.querySelector('form.csmlab-live')
            .nextElementSibling.nextElementSibling.querySelector('img.csmlab-figure').alt""") == alt
        assert "updated for" in page.locator(".csmlab-live-status").first.inner_text()
        assert w.outside == [] and w.errors == []
    finally:
        w.close()


def test_a_combination_the_chapter_asks_for(browser, site):
    """Chapter 07: a margin below 1 with many invocations (exercise: margin 0.3)."""
    w = Watched(browser, site, "notebooks/07_service_guarantees")
    try:
        page = w.page
        page.wait_for_selector("form.csmlab-live")
        spec, index = page_spec(page), index_of(page)
        margin = next(c for c in index["controls"] if c["name"] == "margin")
        inv = next(c for c in index["controls"] if c["name"] == "invocations")
        for _ in range(margin["preset"] - margin["values"].index(0.3)):
            move_by_keyboard(page, "margin", "ArrowLeft")
        move_by_keyboard(page, "invocations", "End")
        expected, _ = model_table(spec, margin=0.3, invocations=inv["values"][-1])
        assert shown_cells(table_after_move(page)) == expected
        assert page.locator("output[for$='-margin']").inner_text() == "0.3"
        assert w.outside == [] and w.errors == []
    finally:
        w.close()


def test_a_rejected_value_shows_the_notebooks_message(browser, site):
    """Chapter 11: the last purchase cannot come after the end of the calibration period."""
    w = Watched(browser, site, "notebooks/11_customer_base_analytics")
    try:
        page = w.page
        page.wait_for_selector("form.csmlab-live")
        spec = page_spec(page)
        before = table_after_move(page)
        move_by_keyboard(page, "recency", "End")
        message = page.locator(".csmlab-live-msg").inner_text()
        ex = explorer_from_spec(spec)
        ex.update(recency=78.0)
        assert message.startswith(NOT_APPLIED + "recency")
        assert html.escape(message[len(NOT_APPLIED):], quote=True) in ex.message.value
        assert table_after_move(page) == before  # the last valid results stay
        assert w.outside == [] and w.errors == []
    finally:
        w.close()


def test_without_javascript_the_page_shows_the_preset(browser, site, built_book):
    w = Watched(browser, site, "notebooks/00_getting_started", javascript=False)
    try:
        page = w.page
        assert page.locator("form.csmlab-live").count() == 0
        note = page.locator(".csmlab-explorer-note").inner_text()
        assert "need a running Python kernel" in note
        assert page.locator("img.csmlab-figure").count() >= 1
    finally:
        w.close()


def test_every_explorer_on_the_site_is_live(built_book):
    """Every explorer note in the built site points at its states, and they exist."""
    notes = 0
    for doc in CHAPTERS:
        text = (built_book / f"{doc}.html").read_text(encoding="utf-8")
        found = re.findall(r'data-csmlab-states="([^"]+)"', text)
        assert len(found) == text.count("csmlab-explorer-note"), doc
        for url in found:
            folder = (built_book / doc).parent / url
            index = json.loads((folder / "index.json").read_text())
            assert all((folder / f"{s}.json").is_file() for s in index["states"])
            notes += 1
        assert 'src="../_static/explorer.js' in text
    assert notes == len(CHAPTERS)
