"""Benchmark the course: build times, notebook execution times, simulator and explorer speed.

Usage: .venv/bin/python scripts/bench.py [--no-build]

Prints, on this machine:
* clean build time (with notebook execution) and no-change rebuild time;
* each notebook's execution time;
* each registered preset's run() time (median of many runs);
* each preset's explorer update time: compute + table + chart redraw, as when a
  slider moves (median of 15 updates);
* RFM scoring over all CDNOW customers;
* BG/NBD fits on the CDNOW sample and on all CDNOW customers;
* the site's live explorers (csmlab.live): states and their size, the bytes an explorer
  adds to a chapter's first load, and the update after a slider is released, in Chromium
  on a local server (median over moves of every slider of every chapter).
Targets (2-core machine): clean build (with every explorer state) < 240 s, no-change
rebuild < 20 s and computing no state, run() < 5 ms, explorer update < 100 ms median,
RFM over CDNOW < 200 ms, site explorer update < 50 ms median, explorer first load
<= 50 kB.

``--live`` measures only the live explorers, on the site already built in _build/html
(add ``--build`` to build it cold into a temporary folder first).
* every page's first-load weight in headless Chromium (``--pages``: only that, on the
  built site in _build/html), budget 1.2 MB uncompressed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

TARGETS = {"clean": 240.0, "rebuild": 20.0, "run_ms": 5.0, "update_ms": 100.0, "rfm_ms": 200.0,
           "live_ms": 50.0, "first_load_kb": 50.0}


def median_time(func, repeat: int) -> float:
    func()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def mark(value: float, target: float) -> str:
    return "ok" if value < target else "OVER TARGET"


def bench_builds(out: Path) -> None:
    """A clean build into ``out`` (notebooks executed, every explorer state computed), then a
    rebuild with nothing changed (which must compute no explorer state)."""
    import json
    import os
    import resource

    from build_book import build

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    load = os.getloadavg()[0]
    cpu0, start = cpu(), time.perf_counter()
    code = build(out, clean=True, quiet=True)
    clean = time.perf_counter() - start
    clean_cpu = cpu() - cpu0
    states = json.loads((out / "_build" / "explorer-states.json").read_text())
    start = time.perf_counter()
    code2 = build(out, quiet=True)
    rebuild = time.perf_counter() - start
    again = json.loads((out / "_build" / "explorer-states.json").read_text())
    print(f"explorer states in the clean build: {len(states['generated'])} explorers computed, "
          f"{states['states']} states, {states['bytes'] / 1e6:.1f} MB; rebuild computed "
          f"{len(again['generated'])} explorers {'ok' if not again['generated'] else 'NOT CACHED'}")
    # On a shared machine the wall time says little; the CPU time the build used does not
    # depend on the load (divided by 2 cores, it bounds the wall time on an idle machine).
    print(f"clean build CPU time (build, kernels, state workers): {clean_cpu:.0f} s; "
          f"load average when it started: {load:.1f} on {os.cpu_count()} cores")
    print(f"clean build (with execution): {clean:6.1f} s  target < {TARGETS['clean']:.0f} s  "
          f"{mark(clean, TARGETS['clean'])}{'' if code == 0 else '  BUILD FAILED'}")
    print(f"no-change rebuild:            {rebuild:6.1f} s  target < {TARGETS['rebuild']:.0f} s  "
          f"{mark(rebuild, TARGETS['rebuild'])}{'' if code2 == 0 else '  BUILD FAILED'}")


def bench_notebooks() -> None:
    import nbformat
    from nbclient import NotebookClient

    print("\nnotebook execution:")
    for path in sorted((ROOT / "notebooks" / "instructor").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        print(f"  {path.name:45s} {time.perf_counter() - start:6.1f} s")


def bench_simulators() -> None:
    from csmlab.scenario import presets
    from csmlab.widgets import explore

    print(f"\n{'preset':50s} {'run() ms':>9s} {'update ms':>10s}")
    worst_run = worst_update = 0.0
    for name, make in presets().items():
        scenario = make()
        try:
            run_ms = median_time(scenario.run, 50) * 1000
            explorer = explore(scenario)
            field, control = next(iter(explorer.controls.items()))
            values = [control.value, getattr(control, "max", control.value)]
            state = {"i": 0}

            def update() -> None:
                state["i"] += 1
                explorer.update(**{field: values[state["i"] % 2]})

            update_ms = median_time(update, 15) * 1000
        except Exception as err:  # report and go on: the tests say why
            print(f"{name:50s} ERROR {type(err).__name__}: {err}")
            continue
        worst_run, worst_update = max(worst_run, run_ms), max(worst_update, update_ms)
        print(f"{name:50s} {run_ms:9.3f} {update_ms:10.1f}  "
              f"{mark(run_ms, TARGETS['run_ms'])}/{mark(update_ms, TARGETS['update_ms'])}")
    print(f"worst run(): {worst_run:.3f} ms (target < {TARGETS['run_ms']} ms); "
          f"worst explorer update median: {worst_update:.1f} ms "
          f"(target < {TARGETS['update_ms']:.0f} ms)")


def bench_data() -> None:
    """Whole-data-set operations: RFM over all CDNOW customers (target < 200 ms)."""
    from csmlab import crm
    from csmlab.data import load_cdnow

    start = time.perf_counter()
    transactions = load_cdnow()
    load = time.perf_counter() - start
    rfm = median_time(lambda: crm.rfm_scores(crm.customer_table(transactions)), 5) * 1000
    print(f"\nCDNOW load (first call, then cached): {load * 1000:.0f} ms")
    print(f"RFM over all {transactions['customer_id'].nunique():,} CDNOW customers "
          f"(per-customer table + scores): {rfm:.0f} ms  target < {TARGETS['rfm_ms']:.0f} ms  "
          f"{mark(rfm, TARGETS['rfm_ms'])}")


def bench_customerbase() -> None:
    """BG/NBD fits: the 2,357-customer sample (< 0.1 s) and all 23,570 CDNOW customers (< 1 s).

    The full-file summary uses the paper's calibration period, weeks 1-39
    (1997-01-01 to 1997-09-30), on every customer of CDNOW_master.txt.
    """
    from csmlab import customerbase as cb
    from csmlab.data import load_cdnow, load_cdnow_sample_summary

    sample = load_cdnow_sample_summary()
    fit_sample = median_time(lambda: cb.fit_bgnbd(sample["frequency"], sample["recency"],
                                                  sample["T"]), 7)
    transactions = load_cdnow()
    make_summary = median_time(lambda: cb.summary(transactions, cb.CDNOW_CALIBRATION_END), 5)
    full = cb.summary(transactions, cb.CDNOW_CALIBRATION_END)
    fit_full = median_time(lambda: cb.fit_bgnbd(full["frequency"], full["recency"], full["T"]), 5)
    print(f"\nBG/NBD fit, CDNOW sample ({len(sample):,} customers): {fit_sample * 1000:.0f} ms  "
          f"target < 100 ms  {mark(fit_sample, 0.1)}")
    print(f"summary of all CDNOW customers (weeks 1-39): {make_summary * 1000:.0f} ms")
    print(f"BG/NBD fit, all CDNOW ({len(full):,} customers, weeks 1-39): "
          f"{fit_full * 1000:.0f} ms  target < 1000 ms  {mark(fit_full, 1.0)}")


def bench_live(site: Path, moves_per_slider: int = 3) -> None:
    """The site's live explorers: states, sizes, first-load bytes and update latency."""
    import gzip
    import re

    from sitetools import CHROMIUM_ARGS, chromium_path, serve

    root = site / "_static" / "explorers"
    files = [p for p in root.rglob("*.json")]
    raw = sum(p.stat().st_size for p in files)
    packed = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    indexes = [p for p in files if p.name == "index.json"]
    print(f"\nlive explorers: {len(indexes)} explorers, {len(files) - len(indexes)} states, "
          f"{raw / 1e6:.1f} MB raw, {packed / 1e6:.1f} MB gzipped; whole site "
          f"{sum(p.stat().st_size for p in site.rglob('*') if p.is_file()) / 1e6:.1f} MB")
    script = [(site / "_static" / name).read_bytes() for name in ("explorer.js", "explorer.css")]
    worst = 0.0
    for page in sorted((site / "notebooks").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        found = re.findall(r'data-csmlab-states="([^"]+)"', text)
        if not found:
            continue
        parts = list(script)
        parts += [re.search(r'data-csmlab-explorer="[^"]*"', text).group(0).encode()]
        parts += [(page.parent / url / "index.json").read_bytes() for url in found]
        first = sum(map(len, parts)) / 1000
        first_gz = sum(len(gzip.compress(x, 6)) for x in parts) / 1000
        worst = max(worst, first)
        print(f"  {page.stem:45s} first load +{first:5.1f} kB ({first_gz:4.1f} kB gzipped)")
    print(f"worst first-load addition: {worst:.1f} kB  target <= {TARGETS['first_load_kb']:.0f} kB  "
          f"{mark(worst, TARGETS['first_load_kb'] + 1e-9)}")
    path = chromium_path()
    if path is None:
        print("Chromium not found: no latency measured")
        return
    from playwright.sync_api import sync_playwright

    measure = """async (moves) => {
        const f = document.querySelector('form.csmlab-live'), out = [];
        for (const r of f.querySelectorAll('input[type=range]')) {
          for (let k = 0; k < moves; k++) {
            const next = (+r.value + 1) % (+r.max + 1);
            const done = new Promise(res => f.addEventListener('csmlab:state', res, {once: true}));
            const t0 = performance.now();
            r.value = next; r.dispatchEvent(new Event('change', {bubbles: true}));
            const late = new Promise(res => setTimeout(() => res(null), 3000));
            if (await Promise.race([done, late]) !== null) out.push(performance.now() - t0);
          }
        }
        return out; }"""
    times: list[float] = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        for page_path in sorted((site / "notebooks").glob("*.html")):
            if "data-csmlab-states" not in page_path.read_text(encoding="utf-8"):
                continue
            page = browser.new_page()
            page.goto(f"{base}/notebooks/{page_path.name}")
            page.wait_for_selector("form.csmlab-live")
            got = page.evaluate(measure, moves_per_slider)
            times += got
            print(f"  {page_path.stem:45s} update median {statistics.median(got):5.1f} ms "
                  f"over {len(got)} moves")
            page.close()
        browser.close()
    median = statistics.median(times)
    print(f"site explorer update after a slider release: median {median:.1f} ms, "
          f"90th percentile {sorted(times)[int(0.9 * len(times))]:.1f} ms over {len(times)} moves "
          f"(uncached states)  target < {TARGETS['live_ms']:.0f} ms  {mark(median, TARGETS['live_ms'])}")


def bench_pages(site: Path = ROOT / "_build" / "html") -> int:
    """Each page's first load, in bytes, against the budget; the three heaviest files of each."""
    sys.path.insert(0, str(ROOT / "tests"))
    from playwright.sync_api import sync_playwright
    from sitetools import CHROMIUM_ARGS, PAGE_BUDGET_BYTES, chromium_path, page_weight, serve

    if not (site / "index.html").is_file():
        print(f"\npage weight: no built site in {site} (make book first)")
        return 1
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if p.parts[len(site.parts)] not in ("_static", "_sources")
                   and p.name != "index.html")
    over = 0
    print(f"\npage weight, first load (budget {PAGE_BUDGET_BYTES / 1e6:.1f} MB):")
    with sync_playwright() as pw, serve(site) as base:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for rel in pages:
            total, sizes = page_weight(browser, base, site, rel)
            heavy = sorted(sizes.items(), key=lambda kv: -kv[1])[:3]
            over += total > PAGE_BUDGET_BYTES
            print(f"  {rel:55s} {total / 1e6:5.2f} MB  {mark(total, PAGE_BUDGET_BYTES)}  "
                  + ", ".join(f"{Path(u).name} {s / 1e3:.0f} kB" for u, s in heavy))
        browser.close()
    print(f"{len(pages) - over} of {len(pages)} pages within budget")
    return 1 if over else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="skip the two book builds")
    parser.add_argument("--live", action="store_true", help="only the live explorers")
    parser.add_argument("--build", action="store_true", help="with --live: build cold first")
    parser.add_argument("--pages", action="store_true",
                        help="only the page weights of the built site (_build/html)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    if args.pages:
        return bench_pages()
    if args.live:
        if args.build:
            with tempfile.TemporaryDirectory() as tmp:
                bench_builds(Path(tmp))
                bench_live(Path(tmp) / "_build" / "html")
        else:
            bench_live(ROOT / "_build" / "html")
        return 0
    if not args.no_build:
        with tempfile.TemporaryDirectory() as tmp:
            bench_builds(Path(tmp))
            bench_live(Path(tmp) / "_build" / "html")
    else:
        bench_live(ROOT / "_build" / "html")
    bench_notebooks()
    bench_simulators()
    bench_data()
    bench_customerbase()
    bench_pages()
    return 0


if __name__ == "__main__":
    sys.exit(main())
