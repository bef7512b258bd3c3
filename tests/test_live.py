"""The state generator behind the site's live explorers (csmlab.live): grid policy, the
budget per explorer, rejected values, fidelity to the notebook explorer and the cache."""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest
import yaml

import csmlab
from csmlab import live
from csmlab.live import (COMBINED_POSITIONS, MAX_STATES, SINGLE_POSITIONS, Job, lever_grid,
                         plan_states, render_state)
from csmlab.scenario import Param
from csmlab.widgets import NOT_APPLIED, explore, explorer_from_spec

ROOT = Path(__file__).resolve().parents[1]
EXPLORE_CALL = re.compile(r"^(explore\(.*\))\s*$", re.M)


def _namespace() -> dict:
    """Every public name of every csmlab module (and the modules), as chapters import them."""
    ns: dict = {}
    names = sorted((i.name for i in pkgutil.walk_packages(csmlab.__path__, "csmlab.")),
                   key=lambda n: n.count("."))
    for modname in names:
        module = importlib.import_module(modname)
        ns.setdefault(modname.rsplit(".", 1)[-1], module)
        for name in getattr(module, "__all__", ()):
            ns.setdefault(name, getattr(module, name))
    ns["explore"] = explore
    return ns


def chapter_explorers() -> dict[str, list[str]]:
    """``{chapter docname: [explore(...) call]}`` from the chapters' MyST sources."""
    found = {}
    for path in sorted((ROOT / "notebooks").glob("*.md")):
        calls = EXPLORE_CALL.findall(path.read_text(encoding="utf-8"))
        if calls:
            found[f"notebooks/{path.stem}"] = calls
    return found


def declared_combinations() -> dict[str, list]:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["sphinx"]["config"].get("csmlab_explorer_combinations", {})


@pytest.fixture(scope="module")
def specs() -> dict[str, list[dict]]:
    ns = _namespace()
    return {doc: [eval(call, ns).spec() for call in calls]  # noqa: S307 (the book's own text)
            for doc, calls in chapter_explorers().items()}


def test_every_chapter_with_an_explorer_is_found(specs):
    assert len(specs) >= 12
    assert all(spec["portable"] for found in specs.values() for spec in found)
    for call in (c for calls in chapter_explorers().values() for c in calls):
        ast.parse(call)


def test_grid_policy_on_every_lever(specs):
    combos = declared_combinations()
    for doc, found in specs.items():
        for spec in found:
            plan = plan_states(spec, combos.get(doc, []))
            params = explorer_from_spec(spec).scenario.parameters()
            for c in plan.controls:
                p, preset = params[c.name], spec["values"][c.name]
                assert c.values == sorted(c.values, key=lambda v: (str(type(v)), v)) or \
                    p.kind == "choice"
                assert c.values[c.preset] == preset
                if p.kind in ("bool", "choice"):
                    assert len(c.values) == (2 if p.kind == "bool" else len(p.options))
                    continue
                named = {x for e in combos.get(doc, []) if isinstance(e, dict)
                         for x in e.get("values", {}).get(c.name, ())}
                assert len(c.values) <= SINGLE_POSITIONS + 1 + len(named), (doc, c.name)
                lo, hi = p.slider_range()
                assert c.values[0] == min(lo, preset) and c.values[-1] == max(hi, preset)
                # Regular steps from the low end, a multiple of the notebook's step.
                multiple = c.site_step / p.slider_step()
                assert abs(multiple - round(multiple)) < 1e-9
                for v in c.values:  # (a value the field rejects gives a "Not applied" state)
                    k = (v - c.values[0]) / c.site_step
                    assert (abs(k - round(k)) < 1e-6 or v in (preset, c.values[-1])
                            or v in named), (doc, c.name, v)


def test_grid_example_and_a_coarser_combined_grid():
    price = Param("Price", low=0, low_open=True, slider=(5, 200), step=5)
    step, values = lever_grid(price, 50.0)
    assert step == 10.0 and values[:3] == [5.0, 15.0, 25.0] and 50.0 in values
    assert values[-1] == 200.0 and len(values) == 22
    step2, coarse = lever_grid(price, 50.0, cap=COMBINED_POSITIONS, base=2)
    assert step2 % step == 0 and set(coarse) <= set(values)
    assert len(coarse) <= COMBINED_POSITIONS + 1
    with pytest.raises(ValueError, match="outside the slider's range"):
        lever_grid(price, 50.0, extras=[250.0])


def test_combinations_sit_on_the_one_lever_grid_and_cover_the_chapter(specs):
    plan = plan_states(specs["notebooks/07_service_guarantees"][0],
                       declared_combinations()["notebooks/07_service_guarantees"])
    margin, inv = plan.control("margin"), plan.control("invocations")
    both = [s for s in plan.states if len(plan.changes(s)) == 2]
    assert {frozenset(plan.changes(s)) for s in both} == {frozenset({"margin", "invocations"})}
    # Chapter 07 asks for "a margin below 1 with many invocations" (exercise: margin 0.3).
    assert any(plan.changes(s) == {"margin": 0.3, "invocations": 100_000} for s in both)
    assert len({s[plan.controls.index(margin)] for s in both}) <= COMBINED_POSITIONS
    assert len({s[plan.controls.index(inv)] for s in both}) <= COMBINED_POSITIONS + 1
    # Chapter 11: last purchase at week 5, then a higher frequency.
    plan11 = plan_states(specs["notebooks/11_customer_base_analytics"][0],
                         declared_combinations()["notebooks/11_customer_base_analytics"])
    assert any(plan11.changes(s) == {"recency": 5.0, "frequency": 8} for s in plan11.states)


def test_budget_per_explorer(specs):
    combos = declared_combinations()
    total = 0
    for doc, found in specs.items():
        for spec in found:
            n = len(plan_states(spec, combos.get(doc, [])).states)
            assert n <= MAX_STATES, doc
            total += n
    assert total <= 12 * MAX_STATES
    spec = specs["notebooks/07_service_guarantees"][0]
    with pytest.raises(ValueError, match=r"would have \d+ states, over its budget of 100"):
        plan_states(spec, [["margin", "invocations"]], budget=100)
    with pytest.raises(ValueError, match="not levers of the explorer"):
        plan_states(spec, [["margin", "nonsense"]])
    with pytest.raises(ValueError, match="two levers or more"):
        plan_states(spec, [["margin"]])


def test_a_rejected_value_gives_the_notebooks_message():
    ex = explore(csmlab.customerbase.cdnow_customer())
    state = render_state(ex, {"recency": 50.0})
    ex.update(recency=50.0)
    assert set(state) == {"e"} and state["e"].startswith(NOT_APPLIED + "recency")
    assert state["e"].split(NOT_APPLIED)[1] in ex.message.value.replace("&#x27;", "'")


def test_a_state_is_what_the_notebook_explorer_shows():
    spec = explore(csmlab.guarantee.hampton_inn(), show=("table",)).spec()
    ex = explorer_from_spec(spec)
    state = render_state(ex, {"margin": 0.3, "invocations": 50_000})
    assert ex.scenario == csmlab.guarantee.hampton_inn()  # left as it was
    table, figure = explore(csmlab.guarantee.hampton_inn()).update(margin=0.3, invocations=50_000)
    assert state["t"] == table._repr_html_()
    assert state["a"] == figure.alt
    assert state["s"] == live.compact_svg(figure.data.decode())
    assert state["s"].startswith("<svg") and ">\n" not in state["s"]


def test_spec_round_trip_and_a_spec_that_cannot_travel():
    ex = explore(csmlab.value.example_offer(), fields=["price", "time"], title="T",
                 show=("table",))
    again = explorer_from_spec(json.loads(json.dumps(ex.spec())))
    assert again.scenario == ex.scenario and list(again.controls) == ["price", "time"]
    assert again.show == ("table",)
    local = explore(csmlab.value.example_offer(), run=lambda s: s.run())
    assert local.spec()["portable"] is False
    with pytest.raises(ValueError, match="not portable"):
        explorer_from_spec(local.spec())


def test_generate_caches_by_key(tmp_path):
    spec = explore(csmlab.value.example_offer(), fields=["price"]).spec()
    job = Job("00_getting_started", spec)
    first = live.generate([job], tmp_path, workers=1, digest="a")
    folder = tmp_path / job.key("a")
    index = json.loads((folder / "index.json").read_text())
    assert first["generated"] == ["00_getting_started"] and first["states"] == len(index["states"])
    stamp = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    second = live.generate([job], tmp_path, workers=1, digest="a")
    assert second["generated"] == [] and second["cached"] == ["00_getting_started"]
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == stamp
    assert job.key("b") != job.key("a")  # a change to csmlab or the data: a new key
    assert Job("x", spec, [["price", "time"]]).key("a") != job.key("a")
    state = json.loads((folder / f"{index['preset']}.json").read_text())
    assert set(state) == {"t", "s", "a"}
