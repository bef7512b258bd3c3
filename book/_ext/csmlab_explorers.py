"""Live explorers on the site (a local Sphinx extension, loaded from ``_config.yml``).

Every chapter explorer (``csmlab.widgets.explore``) prints a note into the notebook output
that carries the explorer's spec in a ``data-csmlab-explorer`` attribute. This extension

1. collects those specs while pages are read (``doctree-read``);
2. when a page is written, adds to the note a ``data-csmlab-states`` attribute: the folder
   of the explorer's precomputed states, ``_static/explorers/<chapter>/<key>/``, where the
   key hashes csmlab's source, the data files, the spec and the chapter's combinations;
3. at the end of the build, computes every explorer's states with :mod:`csmlab.live`
   (two worker processes; an explorer whose key is already in the cache,
   ``_build/.csmlab-explorer-states/``, costs nothing) and copies them into the site;
4. adds ``explorer.js`` and ``explorer.css`` (``book/_static``) to pages with an explorer.
   Without JavaScript a page shows the preset's table and chart, as before.

Configuration (``_config.yml``, ``sphinx: config:``):

``csmlab_explorer_combinations``
    ``{docname: [combination, ...]}``: groups of levers that move together on the site,
    each ``{"levers": [a, b], "values": {a: [values to include]}}`` (see
    :func:`csmlab.live.plan_states`).
``csmlab_explorer_workers``
    Worker processes that compute states (default 2).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import time
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

MARKER = re.compile(r'data-csmlab-explorer="([^"]*)"')
CACHE_NAME = ".csmlab-explorer-states"
SITE_FOLDER = ("_static", "explorers")


def _markers(doctree: nodes.Node) -> list[tuple[nodes.raw, dict[str, Any]]]:
    found = []
    for node in doctree.findall(nodes.raw):
        if "html" not in node.get("format", ""):
            continue
        m = MARKER.search(node.astext())
        if m:
            found.append((node, json.loads(html.unescape(m.group(1)))))
    return found


def _label(docname: str, i: int) -> str:
    base = docname.rsplit("/", 1)[-1]
    return base if i == 0 else f"{base}-{i + 1}"


def _combinations(app: Sphinx, docname: str, spec: dict[str, Any]) -> list[Any]:
    declared = (app.config.csmlab_explorer_combinations or {}).get(docname, [])
    mine = []
    for entry in declared:
        levers = entry.get("levers", ()) if isinstance(entry, dict) else entry
        if all(name in spec["fields"] for name in levers):
            mine.append(entry)
    return mine


def collect(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    if not hasattr(env, "csmlab_explorers"):
        env.csmlab_explorers = {}
    specs = []
    for _, spec in _markers(doctree):
        if not spec.get("portable"):
            logger.warning(f"an explorer on {docname} cannot be made live on the site: it uses "
                           "a function that cannot be imported by name (csmlab.widgets.explore "
                           "needs module-level run/table/plot/alt functions)",
                           location=docname)
            continue
        specs.append(spec)
    env.csmlab_explorers[docname] = specs
    gen = getattr(app, "_csmlab_generator", None)
    if gen is not None:  # start on this chapter's states while the next chapters are read
        from csmlab.live import Job

        for i, spec in enumerate(specs):
            try:
                gen.submit(Job(_label(docname, i), spec, _combinations(app, docname, spec)))
            except ValueError as err:
                raise ExtensionError(f"explorer states for {docname}: {err}") from err
    declared = (app.config.csmlab_explorer_combinations or {}).get(docname, [])
    for entry in declared:
        levers = entry.get("levers", ()) if isinstance(entry, dict) else entry
        if not any(all(name in s["fields"] for name in levers) for s in specs):
            logger.warning(f"csmlab_explorer_combinations names levers {list(levers)} for "
                           f"{docname}, but no explorer there has them all", location=docname)


def purge(app: Sphinx, env: Any, docname: str) -> None:
    getattr(env, "csmlab_explorers", {}).pop(docname, None)


def merge(app: Sphinx, env: Any, docnames: set[str], other: Any) -> None:
    if not hasattr(env, "csmlab_explorers"):
        env.csmlab_explorers = {}
    for docname in docnames:
        if docname in getattr(other, "csmlab_explorers", {}):
            env.csmlab_explorers[docname] = other.csmlab_explorers[docname]


def _digest(app: Sphinx) -> str:
    if not hasattr(app, "_csmlab_digest"):
        from csmlab.live import package_digest

        app._csmlab_digest = package_digest()
    return app._csmlab_digest


def _jobs(app: Sphinx) -> list[tuple[str, Any]]:
    from csmlab.live import Job

    jobs = []
    for docname, specs in sorted(getattr(app.env, "csmlab_explorers", {}).items()):
        if docname not in app.env.found_docs:
            continue
        for i, spec in enumerate(specs):
            jobs.append((docname, Job(_label(docname, i), spec,
                                      _combinations(app, docname, spec))))
    return jobs


def point_to_states(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each explorer note the address of its states, relative to the page."""
    from csmlab.live import Job

    if app.builder.format != "html":
        return
    depth = app.builder.get_target_uri(docname).count("/")
    portable = [(n, s) for n, s in _markers(doctree) if s.get("portable")]
    for i, (node, spec) in enumerate(portable):
        label = _label(docname, i)
        key = Job(label, spec, _combinations(app, docname, spec)).key(_digest(app))
        url = "../" * depth + "/".join([*SITE_FOLDER, label, key]) + "/"
        text = node.astext().replace(" data-csmlab-explorer=",
                                     f' data-csmlab-states="{url}" data-csmlab-explorer=', 1)
        node.replace_self(nodes.raw(text, text, format="html"))


def start_generator(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    from csmlab.live import Generator

    cache = Path(app.outdir).parent / CACHE_NAME
    app._csmlab_generator = Generator(cache, workers=int(app.config.csmlab_explorer_workers),
                                      digest=_digest(app), log=logger.info)


def add_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if getattr(app.env, "csmlab_explorers", {}).get(pagename):
        app.add_js_file("explorer.js", defer="defer")
        app.add_css_file("explorer.css")


def build_states(app: Sphinx, exception: Exception | None) -> None:
    """Compute (or take from the cache) every explorer's states and copy them into the site."""
    if exception is not None or app.builder.format != "html":
        gen = getattr(app, "_csmlab_generator", None)
        if gen is not None and gen.pool is not None:
            gen.pool.shutdown(cancel_futures=True)
        return
    outdir = Path(app.outdir)
    cache = outdir.parent / CACHE_NAME
    jobs = _jobs(app)
    start = time.perf_counter()
    gen = app._csmlab_generator
    try:
        for _, job in jobs:  # pages not read in this build: from the cache, or computed now
            gen.submit(job)
        gen.finish()
    except ValueError as err:
        raise ExtensionError(f"explorer states: {err}") from err
    report = gen.report([job for _, job in jobs])
    site = outdir.joinpath(*SITE_FOLDER)
    keep = set()
    for _, job in jobs:
        key = job.key(_digest(app))
        target = site / job.label / key
        keep.add((job.label, key))
        if not (target / "index.json").is_file():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(cache / key, target)
    # Nothing stale stays in the site or the cache.
    if site.is_dir():
        for label_dir in site.iterdir():
            for key_dir in label_dir.iterdir() if label_dir.is_dir() else ():
                if (label_dir.name, key_dir.name) not in keep:
                    shutil.rmtree(key_dir)
            if label_dir.is_dir() and not any(label_dir.iterdir()):
                label_dir.rmdir()
    keys = {key for _, key in keep}
    for key_dir in cache.iterdir():
        if key_dir.name not in keys:
            shutil.rmtree(key_dir, ignore_errors=True)
    logger.info(f"explorer states: {len(report['generated'])} explorers computed, "
                f"{len(report['cached'])} from the cache; {report['states']} states, "
                f"{report['bytes'] / 1e6:.1f} MB, in {time.perf_counter() - start:.1f} s")
    (outdir.parent / "explorer-states.json").write_text(json.dumps(
        {**report, "seconds": time.perf_counter() - start}, indent=1))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("csmlab_explorer_combinations", {}, "html")
    app.add_config_value("csmlab_explorer_workers", 2, "")
    app.connect("builder-inited", start_generator)
    app.connect("doctree-read", collect)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("doctree-resolved", point_to_states)
    app.connect("html-page-context", add_assets)
    app.connect("build-finished", build_states)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 1}
