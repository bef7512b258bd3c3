"""Shared fixtures: the built book (built once per test session) and the browser."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book into _build/html with warnings as errors; fail if the build fails.

    ``CSMLAB_SITE=DIR`` tests an already built site in DIR (e.g. one built with
    ``scripts/build_book.py --out /tmp/x``: DIR=/tmp/x/_build/html) without building.
    """
    from build_book import build

    site = os.environ.get("CSMLAB_SITE")
    if site:
        if not (Path(site) / "index.html").exists():
            pytest.fail(f"CSMLAB_SITE={site} has no index.html: build the book there first")
        return Path(site)
    if os.environ.get("CSMLAB_SKIP_BUILD") and (ROOT / "_build" / "html" / "index.html").exists():
        return ROOT / "_build" / "html"
    code = build(ROOT, clean=False, quiet=True)
    if code != 0:
        pytest.fail(f"the book build failed (exit code {code}); see the output above")
    return ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright. Missing browser: skip, or fail under CI."""
    from sitetools import CHROMIUM_ARGS, chromium_path

    path = chromium_path()
    if path is None:
        message = ("Chromium not found (install Debian's chromium, or set CSMLAB_CHROMIUM); "
                   "the browser tests need it")
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Property tests: the same examples on every run and every machine. `make test` (and CI)
# use the "repeatable" profile: hypothesis derives its examples from each test's name,
# keeps no example database, and so a commit passes or fails the same way everywhere.
# `make hunt` runs the "hunt" profile with fresh random seeds to look for new
# counterexamples; each one found is pinned with @example beside its test.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

# No deadline: a slow example on a busy machine is not a bug (performance is `make bench`'s).
_hypothesis_settings.register_profile("repeatable", derandomize=True, database=None,
                                      print_blob=True, deadline=None)
_hypothesis_settings.register_profile("hunt", derandomize=False, database=None,
                                      print_blob=True, deadline=None)
_hypothesis_settings.load_profile(os.environ.get("CSMLAB_HYPOTHESIS_PROFILE", "repeatable"))
