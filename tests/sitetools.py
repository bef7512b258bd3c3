"""Serving the built site and driving headless Chromium (shared by the browser tests and the bench)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    env = os.environ.get("CSMLAB_CHROMIUM")
    if env:
        return env
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


#: Budget for one page's first load (HTML, scripts, styles, fonts, images; uncompressed bytes).
PAGE_BUDGET_BYTES = 1_200_000


def page_weight(browser, base: str, site: Path, rel: str,
                viewport: dict | None = None) -> tuple[int, dict[str, int]]:
    """Bytes a first visit to ``rel`` loads (uncompressed, from the files served), and by URL.

    Every request the page makes until it is loaded and settled is counted once, at the
    size of the file behind it (inline charts are part of the HTML)."""
    from urllib.parse import unquote, urlsplit

    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 800})
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(f"{base}/{rel}", wait_until="load")
    page.wait_for_timeout(300)
    context.close()
    sizes: dict[str, int] = {}
    for url in urls:
        if not url.startswith(base):
            continue
        path = site / unquote(urlsplit(url).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            sizes[urlsplit(url).path] = path.stat().st_size
    return sum(sizes.values()), sizes
