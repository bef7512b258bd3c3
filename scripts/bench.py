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
* every page's first-load weight in headless Chromium (``--pages``: only that, on the
  built site in _build/html), budget 1.2 MB uncompressed.
Targets (2-core machine): clean build < 120 s, no-change rebuild < 20 s,
run() < 5 ms, explorer update < 100 ms median, RFM over CDNOW < 200 ms.
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

TARGETS = {"clean": 120.0, "rebuild": 20.0, "run_ms": 5.0, "update_ms": 100.0, "rfm_ms": 200.0}


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


def bench_builds() -> None:
    from build_book import build

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        code = build(out, clean=True, quiet=True)
        clean = time.perf_counter() - start
        start = time.perf_counter()
        code2 = build(out, quiet=True)
        rebuild = time.perf_counter() - start
    print(f"clean build (with execution): {clean:6.1f} s  target < {TARGETS['clean']:.0f} s  "
          f"{mark(clean, TARGETS['clean'])}{'' if code == 0 else '  BUILD FAILED'}")
    print(f"no-change rebuild:            {rebuild:6.1f} s  target < {TARGETS['rebuild']:.0f} s  "
          f"{mark(rebuild, TARGETS['rebuild'])}{'' if code2 == 0 else '  BUILD FAILED'}")


def bench_notebooks() -> None:
    import nbformat
    from nbclient import NotebookClient

    print("\nnotebook execution:")
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
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
    parser.add_argument("--pages", action="store_true",
                        help="only the page weights of the built site (_build/html)")
    args = parser.parse_args()
    if args.pages:
        return bench_pages()
    if not args.no_build:
        bench_builds()
    bench_notebooks()
    bench_simulators()
    bench_data()
    bench_customerbase()
    bench_pages()
    return 0


if __name__ == "__main__":
    sys.exit(main())
