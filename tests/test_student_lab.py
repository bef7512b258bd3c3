"""The student edition where a student opens it: JupyterLab from the course environment.

Starts JupyterLab on localhost (from this environment, on a copy of notebooks/student/), opens two
chapters in headless Chromium and checks what the student sees: the prose shows the chapter's
numbers and no MyST markup, maths is typeset, and each solution is folded until its summary is
clicked. Screenshots land in _build/screenshots/jupyterlab/. Requests to any other host are blocked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

import student_edition

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "_build" / "screenshots" / "jupyterlab"

#: Two chapters, and a sentence of each whose numbers come from glue: (text before, glue, spec).
CHAPTERS = {
    "07_service_guarantees": ("The model returns $", "hi_attracted", ",.0f"),
    "02_measuring_satisfaction_and_quality": ("Raising quality by a tenth raises value by ",
                                              "v_quality_gain", ".0%"),
}

RAW_MYST = re.compile(r"\{(glue|term|cite|doc|ref|numref|math)[:a-z]*\}|```\{|^:class:|^:label:"
                      r"|\{exercise\}|\{solution\}|\{admonition\}", re.M)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving a copy of the student notebooks; yields its base URL."""
    home = tmp_path_factory.mktemp("lab")
    notebooks = home / "notebooks"
    shutil.copytree(ROOT / "notebooks" / "student", notebooks)
    settings = home / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    # Render every cell (JupyterLab 4 otherwise draws only the cells in view).
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    notices = home / "settings" / "@jupyterlab" / "apputils-extension"
    notices.mkdir(parents=True)
    (notices / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    port = _free_port()
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_CONFIG_DIR": str(home / "config")}
    cmd = [str(Path(sys.executable).parent / "jupyter-lab"), "--no-browser", f"--port={port}",
           "--ip=127.0.0.1", f"--ServerApp.root_dir={notebooks}", "--IdentityProvider.token=",
           "--ServerApp.password=", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           "--LabApp.extension_manager=readonly", "--LabApp.expose_app_in_browser=True",
           "--allow-root"]
    log = (home / "lab.log").open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=home)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start: " + (home / "lab.log").read_text()[-2000:])
        if proc.poll() is not None:
            pytest.fail("JupyterLab exited: " + (home / "lab.log").read_text()[-2000:])
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _glued_phrase(stem: str) -> str | None:
    spec = CHAPTERS[stem]
    if spec is None:
        return None
    before, name, fmt = spec
    values, _ = student_edition.glued(nbformat.read(ROOT / "notebooks" / "instructor" / f"{stem}.ipynb",
                                                    as_version=4))
    return before + format(float(values[name]), fmt)


@pytest.mark.parametrize("stem", list(CHAPTERS))
def test_student_chapter_in_jupyterlab(lab, browser, stem):
    page = browser.new_page(viewport={"width": 1280, "height": 800})

    def route(r):
        if r.request.url.startswith(lab) or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    try:
        page.goto(f"{lab}/lab/tree/{stem}.ipynb", wait_until="domcontentloaded", timeout=90_000)
        # The notebook shown (another chapter may stay open, hidden, in a second tab).
        panel = page.locator(".jp-NotebookPanel:visible")
        panel.locator(".jp-MarkdownCell .jp-RenderedMarkdown h1").first.wait_for(timeout=90_000)
        page.wait_for_function(
            "[...document.querySelectorAll('.jp-NotebookPanel')].some(p => p.offsetParent &&"
            " p.querySelectorAll('.jp-MarkdownCell .jp-RenderedMarkdown').length > 20)",
            timeout=60_000)
        page.wait_for_timeout(2500)  # let MathJax typeset
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{stem}-top.png"))

        prose = panel.locator(".jp-MarkdownCell .jp-RenderedMarkdown").evaluate_all(
            "els => els.map(e => e.innerText)")
        text = "\n".join(prose)
        raw = RAW_MYST.findall(text)
        assert not raw, f"{stem}: MyST markup shown to the student: {raw[:5]}"
        assert "$$" not in text and "\\$" not in text, f"{stem}: raw maths or escapes shown"
        numbers = re.findall(r"\d[\d,]*\.?\d*%?", text)
        assert len(numbers) > 100, f"{stem}: only {len(numbers)} numbers in the prose"
        if "\\$" in (ROOT / "notebooks" / f"{stem}.md").read_text(encoding="utf-8"):
            assert len(re.findall(r"\$\d[\d,.]*", text)) >= 5, f"{stem}: prices lost"
        phrase = _glued_phrase(stem)
        if phrase:
            at = text.find(phrase.split("$")[0])
            assert phrase in text, f"{stem}: {phrase!r} not in the rendered prose: {text[at:at+80]!r}"
        assert panel.locator(".jp-RenderedMarkdown a[href*='glossary.html#term-']").count() > 5

        # The answer checks' output is text, not a formula made of its dollar signs.
        checks = panel.locator(".jp-CodeCell", has_text="check(")
        assert checks.count() >= 3
        assert panel.locator(".jp-CodeCell:has-text('check(') .jp-OutputArea mjx-container").count() == 0

        # Solutions: folded, opened by a click on their summary.
        details = panel.locator(".jp-RenderedMarkdown details")
        assert details.count() >= 4, f"{stem}: solutions not rendered as <details>"
        assert all(details.nth(i).get_attribute("open") is None for i in range(details.count()))
        first = details.first
        body = first.locator("p").first
        assert not body.is_visible(), f"{stem}: a solution's text is visible before opening it"
        exercise = panel.locator(".jp-RenderedMarkdown h3", has_text="Exercise 1").first
        exercise.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -60)
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / f"{stem}-exercise-folded.png"))
        first.locator("summary").click()
        page.wait_for_timeout(300)
        assert body.is_visible(), f"{stem}: a click on the summary does not open the solution"
        page.screenshot(path=str(SHOTS / f"{stem}-exercise-opened.png"))
    finally:
        page.close()


def test_a_student_checks_an_answer_in_jupyterlab(lab, browser):
    """Run the chapter in JupyterLab's kernel, type an answer into a check cell, run it: the
    verdict says right for the chapter's own number, near for a close one."""
    stem = "07_service_guarantees"
    values, _ = student_edition.glued(nbformat.read(ROOT / "notebooks" / "instructor" / f"{stem}.ipynb",
                                                    as_version=4))
    answer = format(float(values["lean_inv"]), ".0f")       # the break-even invocations
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(lab) else r.abort())
    try:
        page.goto(f"{lab}/lab/tree/{stem}.ipynb", wait_until="domcontentloaded", timeout=90_000)
        panel = page.locator(".jp-NotebookPanel:visible")
        panel.locator(".jp-RenderedMarkdown h1").first.wait_for(timeout=90_000)
        page.wait_for_function("window.jupyterapp !== undefined", timeout=30_000)
        page.wait_for_timeout(2000)
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        cell = panel.locator(".jp-CodeCell", has_text='check("ex-guarantees-1"').first
        cell.locator(".jp-OutputArea", has_text="The solution states").wait_for(timeout=180_000)

        def run(text: str) -> str:
            editor = cell.locator(".cm-content")
            editor.click()
            page.keyboard.press("Control+A")
            page.keyboard.type(text)
            page.keyboard.press("Shift+Enter")
            out = cell.locator(".jp-OutputArea-output")
            page.wait_for_function(
                "([el, old]) => el.innerText.includes(':') && !el.innerText.includes(old)",
                arg=[out.element_handle(), "The solution states"], timeout=60_000)
            return out.inner_text()

        right = run(f'check("ex-guarantees-1", {answer})')
        assert right.startswith("Right:"), right
        cell.scroll_into_view_if_needed()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{stem}-check-right.png"))
        near = run(f'check("ex-guarantees-1", {round(float(answer) * 1.06)})')
        assert near.startswith("Near:"), near
    finally:
        page.close()
