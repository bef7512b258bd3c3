"""Explorers made live on the static site: every state computed in advance, by csmlab.

The course site has no Python kernel, so an explorer's sliders cannot run the model
there. Instead, while the book is built, this module runs the explorer's own
:meth:`~csmlab.widgets.Explorer.compute` and :meth:`~csmlab.widgets.Explorer.render`
over a grid of lever positions and writes each *state* (the table's HTML, the chart's
SVG and its alt text, or the message for a rejected value) as a small JSON file, with an
``index.json`` that lists the levers, their positions and the states that exist. A small
script on the page (``book/_static/explorer.js``) swaps a state in when a control changes.
No model is written twice: every number the site can show comes from this package.

Grid policy
-----------
* **One lever at a time.** From the explorer's starting values (the preset), each lever
  moves across its slider's range while the others stay put. A lever gets at most
  :data:`SINGLE_POSITIONS` positions on a regular grid from the slider's low end: its step
  is the notebook slider's step times 1, 2, 5, 10, 20, 50 ... (the smallest such multiple
  that fits), plus the slider's high end, the preset's value and any value a combination
  names. A choice gets every option, a check box both values.
* **Combinations.** A chapter can declare groups of levers that move together (for example
  margin with invocations). Each lever of a group then takes a coarser grid, at most
  :data:`COMBINED_POSITIONS` positions (a multiple of its one-lever step, so every
  combined position is also a one-lever position), plus the preset and named values, and
  every combination of the group's positions is computed.
* **Budget.** An explorer may have at most :data:`MAX_STATES` states; a plan over budget
  raises :class:`ValueError` naming the explorer and its counts.

States are cached by a key made of csmlab's source, the data files, the explorer's spec and
its combinations (:func:`state_key`): a build with none of them changed computes nothing.

Examples
--------
>>> from csmlab.guarantee import hampton_inn
>>> from csmlab.widgets import explore
>>> plan = plan_states(explore(hampton_inn()).spec(), [{"levers": ["margin", "invocations"]}])
>>> [c.name for c in plan.controls][:3]
['price', 'attracted_share', 'invocations']
>>> margin = plan.control("margin")
>>> margin.values[:3], margin.values[-1], margin.site_step
([0.0, 0.05, 0.1], 1.0, 0.05)
>>> len(plan.states) <= MAX_STATES
True
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import re
import shutil
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

__all__ = ["SINGLE_POSITIONS", "COMBINED_POSITIONS", "MAX_STATES", "Control", "Plan",
           "lever_grid", "plan_states", "render_state", "state_key", "package_digest",
           "generate", "Generator", "Job"]

#: Most positions a lever takes when it moves alone (plus its preset and named values).
SINGLE_POSITIONS = 21
#: Most positions a lever takes inside a combination (plus its preset and named values).
COMBINED_POSITIONS = 11
#: Most states one explorer may have.
MAX_STATES = 600
#: Bumped when the states' format or the grid policy changes (part of every cache key).
FORMAT_VERSION = "1"

_TOL = 1e-9


def _multiples() -> Iterator[int]:
    for power in itertools.count():
        for m in (1, 2, 5):
            yield m * 10 ** power


def _lattice(lo: float, hi: float, step: float, cap: int, integer: bool,
             base: int = 1) -> tuple[float, list[float]]:
    """Positions lo, lo + s, lo + 2s ... (and hi), s = step × base × (1, 2, 5, 10 ...)."""
    n = math.floor((hi - lo) / step + _TOL)  # notebook steps from lo to hi
    for m in _multiples():
        size = base * m
        k = n // size
        count = k + 1 + (1 if lo + k * size * step < hi - _TOL * max(1.0, abs(hi)) else 0)
        if count <= cap or k == 0:
            break
    values = [_clean(lo + j * size * step, integer) for j in range(k + 1)]
    if values[-1] < hi - _TOL * max(1.0, abs(hi)):
        values.append(_clean(hi, integer))
    return size * step, values


def _clean(x: float, integer: bool) -> Any:
    return int(round(x)) if integer else float(round(x, 10))


@dataclass
class Control:
    """One lever as the site shows it: its positions and how to label them."""

    name: str
    label: str
    unit: str
    kind: str
    values: list[Any]
    preset: int
    site_step: float | None = None
    notebook_step: float | None = None
    combined: dict[tuple[str, ...], list[Any]] = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        return [readout(v, self.kind, self.site_step) for v in self.values]

    def to_json(self) -> dict[str, Any]:
        coarser = (self.site_step is not None and self.notebook_step is not None
                   and self.site_step > self.notebook_step * (1 + _TOL))
        return {"name": self.name, "label": self.label, "unit": self.unit, "kind": self.kind,
                "values": self.values, "labels": self.labels, "preset": self.preset,
                "step": readout(self.site_step, "real", self.site_step) if coarser else None,
                "nbstep": (readout(self.notebook_step, "real", self.notebook_step)
                           if coarser else None)}


def readout(value: Any, kind: str, step: float | None) -> str:
    """A lever's value as its readout shows it: whole numbers for counts, as many decimals
    as the value needs (at most 2, or 3 when the step is below 0.01), thousands separated.

    Examples
    --------
    >>> readout(0.35, "probability", 0.05), readout(7465, "count", 100), readout(True, "bool", None)
    ('0.35', '7,465', 'yes')
    >>> readout(66.97923643670462, "real", 5.0), readout(2.5e-3, "real", 0.001)
    ('66.98', '0.003')
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, (int, float)):
        return str(value)
    if kind in ("count", "integer"):
        return f"{int(value):,}"
    cap = 3 if step is not None and step < 0.01 else 2
    decimals = next((d for d in range(cap + 1)
                     if abs(round(value, d) - value) <= _TOL * max(1.0, abs(value))), cap)
    return f"{value:,.{decimals}f}"


def lever_grid(spec: Any, preset: Any, cap: int = SINGLE_POSITIONS,
               extras: Sequence[Any] = (), base: int = 1) -> tuple[float | None, list[Any]]:
    """A lever's site step and positions: the grid policy of this module.

    ``spec`` is the field's :class:`~csmlab.scenario.Param`; ``base`` a multiple of the
    notebook step the grid must keep (a combination's grid sits on the one-lever grid).

    Examples
    --------
    >>> from csmlab.scenario import Param
    >>> price = Param("Price", low=0, low_open=True, slider=(5, 200), step=5)
    >>> step, values = lever_grid(price, 50.0)
    >>> step, values[:4], values[-2:], len(values)
    (10.0, [5.0, 15.0, 25.0, 35.0], [195.0, 200.0], 22)
    >>> lever_grid(Param("Open", kind="bool"), True)
    (None, [False, True])
    """
    if spec.kind == "bool":
        return None, [False, True]
    if spec.kind == "choice":
        return None, list(spec.options)
    integer = spec.kind in ("count", "integer")
    lo, hi = spec.slider_range()
    lo, hi = min(lo, preset), max(hi, preset)
    step = spec.slider_step()
    if integer:
        step = max(1, int(step))
    site_step, values = _lattice(float(lo), float(hi), float(step), cap, integer, base)
    for extra in (preset, *extras):
        extra = spec.validate("value", extra)
        if not lo - _TOL <= extra <= hi + _TOL:
            raise ValueError(f"{extra!r} is outside the slider's range [{lo}, {hi}]")
        if not any(_same(extra, v) for v in values):
            values.append(extra)
    return site_step, sorted(values)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (bool, str)) or isinstance(b, (bool, str)):
        return a == b
    return abs(a - b) <= _TOL * max(1.0, abs(a), abs(b))


def _index(values: Sequence[Any], value: Any) -> int:
    for i, v in enumerate(values):
        if _same(v, value):
            return i
    raise ValueError(f"{value!r} is not one of the positions {values!r}")


@dataclass
class Plan:
    """An explorer's levers and the states to compute (position tuples, one per state)."""

    spec: dict[str, Any]
    controls: list[Control]
    states: list[tuple[int, ...]]
    combinations: list[list[str]]

    def control(self, name: str) -> Control:
        return next(c for c in self.controls if c.name == name)

    @property
    def preset(self) -> tuple[int, ...]:
        return tuple(c.preset for c in self.controls)

    def changes(self, state: tuple[int, ...]) -> dict[str, Any]:
        """The levers a state moves away from the preset, and their values."""
        return {c.name: c.values[i] for c, i in zip(self.controls, state) if i != c.preset}

    @staticmethod
    def name(state: tuple[int, ...]) -> str:
        return ".".join(map(str, state))


def _combination(entry: Any) -> tuple[list[str], dict[str, list[Any]]]:
    if isinstance(entry, dict):
        levers, values = list(entry.get("levers", ())), dict(entry.get("values") or {})
        unknown = set(entry) - {"levers", "values"}
        if unknown:
            raise ValueError(f"a combination has 'levers' and 'values'; got {sorted(unknown)}")
    else:
        levers, values = list(entry), {}
    if len(levers) < 2:
        raise ValueError(f"a combination names two levers or more; got {levers!r}")
    return levers, values


def plan_states(spec: dict[str, Any], combinations: Iterable[Any] = (),
                budget: int = MAX_STATES) -> Plan:
    """Every state the site will offer for the explorer described by ``spec``.

    ``combinations`` lists groups of levers that move together, each either a list of
    lever names or ``{"levers": [...], "values": {lever: [values to include]}}``.

    Examples
    --------
    >>> from csmlab.value import example_offer
    >>> from csmlab.widgets import explore
    >>> plan = plan_states(explore(example_offer()).spec())
    >>> len(plan.states), plan.control("price").labels[:3]
    (91, ['5', '15', '25'])
    >>> plan_states(explore(example_offer()).spec(), budget=50)
    Traceback (most recent call last):
    ...
    ValueError: the explorer 'Explore: ValueScenario' would have 91 states, over its budget of 50 (one lever at a time: 91; combinations: 0); declare fewer combinations or fewer named values
    """
    from csmlab.scenario import Param  # noqa: F401  (the types used below)
    from csmlab.widgets import _import

    cls = _import(spec["scenario"])
    params = cls.parameters()
    preset = spec["values"]
    combos = [_combination(entry) for entry in combinations]
    for levers, values in combos:
        unknown = [n for n in [*levers, *values] if n not in spec["fields"]]
        if unknown:
            raise ValueError(f"a combination names {unknown}, which are not levers of the "
                             f"explorer {spec.get('title')!r} (levers: {spec['fields']})")
    controls = []
    for name in spec["fields"]:
        p = params[name]
        extras = [x for _, values in combos for x in values.get(name, ())]
        site_step, values = lever_grid(p, preset[name], extras=extras)
        controls.append(Control(name, p.label, p.unit, p.kind, values,
                                _index(values, preset[name]), site_step,
                                None if p.kind in ("bool", "choice") else float(p.slider_step())))
    plan = Plan(spec, controls, [], [levers for levers, _ in combos])
    seen: set[tuple[int, ...]] = set()

    def add(state: tuple[int, ...]) -> None:
        if state not in seen:
            seen.add(state)
            plan.states.append(state)

    add(plan.preset)
    for i, c in enumerate(controls):
        for j in range(len(c.values)):
            add(plan.preset[:i] + (j,) + plan.preset[i + 1:])
    singles = len(plan.states)
    for levers, values in combos:
        axes = []
        for name in levers:
            c = plan.control(name)
            if c.kind in ("bool", "choice"):
                grid = c.values
            else:
                base = round(c.site_step / c.notebook_step)
                _, grid = lever_grid(params[name], preset[name], COMBINED_POSITIONS,
                                     values.get(name, ()), base)
            axes.append((controls.index(c), [_index(c.values, v) for v in grid]))
        for combo in itertools.product(*(positions for _, positions in axes)):
            state = list(plan.preset)
            for (i, _), j in zip(axes, combo):
                state[i] = j
            add(tuple(state))
    if len(plan.states) > budget:
        title = spec.get("title") or f"Explore: {spec['scenario'].split(':')[-1]}"
        raise ValueError(
            f"the explorer {title!r} would have {len(plan.states)} states, over its budget of "
            f"{budget} (one lever at a time: {singles}; combinations: "
            f"{len(plan.states) - singles}); declare fewer combinations or fewer named values")
    return plan


_SVG_PROLOG = re.compile(r"^.*?(?=<svg)", re.S)
_SVG_SPACE = re.compile(r">\s+<")


def compact_svg(svg: str) -> str:
    """An SVG for inlining: no XML prolog or doctype, no whitespace between tags."""
    return _SVG_SPACE.sub("><", _SVG_PROLOG.sub("", svg, count=1)).strip()


def render_state(explorer: Any, changes: dict[str, Any]) -> dict[str, str]:
    """One state: ``{"t": table HTML, "s": chart SVG, "a": alt text}``, or
    ``{"e": message}`` when the scenario rejects ``changes`` (the notebook's message).

    The explorer is left as it was.

    Examples
    --------
    >>> from csmlab.customerbase import cdnow_customer
    >>> from csmlab.widgets import explore
    >>> render_state(explore(cdnow_customer()), {"recency": 50.0})["e"]
    'Not applied: recency (50 weeks) must not exceed T (38.86 weeks)'
    """
    from csmlab.widgets import NOT_APPLIED

    try:
        scenario, result = explorer.compute(**changes)
    except ValueError as err:
        return {"e": NOT_APPLIED + str(err)}
    before = explorer.scenario, explorer.result
    explorer.scenario, explorer.result = scenario, result
    try:
        table, figure = explorer.render()
    finally:
        explorer.scenario, explorer.result = before
    return {"t": table._repr_html_(), "s": compact_svg(figure.data.decode("utf-8")),
            "a": figure.alt}


def package_digest() -> str:
    """A hash of csmlab's source and the data files (what every state depends on)."""
    import csmlab
    from csmlab.data import data_dir

    h = hashlib.sha256()
    src = Path(csmlab.__file__).resolve().parent
    files = [*sorted(src.rglob("*.py"))]
    data = data_dir()
    files += sorted(p for p in data.rglob("*") if p.is_file()) if data.is_dir() else []
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def state_key(spec: dict[str, Any], combinations: Sequence[Any], digest: str) -> str:
    """The cache key of an explorer's states: package, data, spec, combinations, format."""
    text = json.dumps([FORMAT_VERSION, digest, spec, list(combinations)], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class Job:
    """One explorer to make live: where it is (a label), its spec and its combinations."""

    label: str
    spec: dict[str, Any]
    combinations: list[Any] = field(default_factory=list)

    def key(self, digest: str) -> str:
        return state_key(self.spec, self.combinations, digest)


_EXPLORERS: dict[str, Any] = {}


def _render_chunk(spec_json: str, chunk: list[tuple[str, dict[str, Any]]], folder: str) -> int:
    """Worker: render states into ``folder``; return the bytes written."""
    import matplotlib

    matplotlib.use("Agg")
    from csmlab.widgets import explorer_from_spec

    explorer = _EXPLORERS.get(spec_json)
    if explorer is None:
        explorer = _EXPLORERS[spec_json] = explorer_from_spec(json.loads(spec_json))
    written = 0
    for name, changes in chunk:
        text = json.dumps(render_state(explorer, changes), separators=(",", ":"))
        Path(folder, name + ".json").write_text(text, encoding="utf-8")
        written += len(text.encode())
    return written


def index_json(plan: Plan, rejected: dict[str, str] | None = None) -> dict[str, Any]:
    """What the page's script needs: the levers, their positions and the states."""
    return {"v": FORMAT_VERSION, "title": plan.spec.get("title"),
            "controls": [c.to_json() for c in plan.controls], "combine": plan.combinations,
            "states": [plan.name(s) for s in plan.states], "preset": plan.name(plan.preset)}


class Generator:
    """Computes explorers' states in worker processes, as soon as each explorer is known.

    :meth:`submit` queues an explorer (nothing happens when its key is in ``cache``), so a
    book build can start on one chapter's states while it reads the next chapter;
    :meth:`finish` waits for every queued state and writes each explorer's ``index.json``.
    """

    def __init__(self, cache: Path, workers: int = 2, chunk: int = 24,
                 digest: str | None = None, log: Any = None):
        self.cache, self.workers, self.chunk = Path(cache), workers, chunk
        self.digest = digest or package_digest()
        self.log = log
        self.pool: ProcessPoolExecutor | None = None
        self.pending: dict[str, tuple[Job, Path, Plan, list[Any]]] = {}
        self.generated: list[str] = []
        self.cache.mkdir(parents=True, exist_ok=True)

    def submit(self, job: Job) -> bool:
        """Queue ``job`` unless its states are cached or queued; return whether it was queued."""
        key = job.key(self.digest)
        folder = self.cache / key
        if (folder / "index.json").is_file() or key in self.pending:
            return False
        plan = plan_states(job.spec, job.combinations)
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        spec_json = json.dumps(job.spec, sort_keys=True)
        items = [(plan.name(s), plan.changes(s)) for s in plan.states]
        chunks = [items[i:i + self.chunk] for i in range(0, len(items), self.chunk)]
        if self.workers > 1:
            if self.pool is None:
                self.pool = ProcessPoolExecutor(max_workers=self.workers,
                                                mp_context=get_context("spawn"))
            futures = [self.pool.submit(_render_chunk, spec_json, c, str(tmp)) for c in chunks]
        else:
            futures = [_render_chunk(spec_json, c, str(tmp)) for c in chunks]
        self.pending[key] = (job, folder, plan, futures)
        return True

    def finish(self) -> None:
        """Wait for every queued state; write the indexes; stop the workers."""
        try:
            for job, folder, plan, futures in self.pending.values():
                for future in futures:
                    if not isinstance(future, int):
                        future.result()
                tmp = folder.with_name(folder.name + ".tmp")
                (tmp / "index.json").write_text(
                    json.dumps(index_json(plan), separators=(",", ":")), encoding="utf-8")
                shutil.rmtree(folder, ignore_errors=True)
                os.replace(tmp, folder)
                self.generated.append(job.label)
                if self.log:
                    self.log(f"explorer states: {job.label}: {len(plan.states)} states")
            self.pending.clear()
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)
                self.pool = None

    def report(self, jobs: Sequence[Job]) -> dict[str, Any]:
        """``{"generated": [labels], "cached": [labels], "states": n, "bytes": n}`` over
        ``jobs`` (their states and bytes counted whether computed now or cached)."""
        out: dict[str, Any] = {"generated": list(self.generated), "cached": [],
                               "states": 0, "bytes": 0}
        for job in jobs:
            if job.label not in self.generated:
                out["cached"].append(job.label)
            files = list((self.cache / job.key(self.digest)).glob("*.json"))
            out["states"] += len(files) - 1
            out["bytes"] += sum(p.stat().st_size for p in files)
        return out


def generate(jobs: Sequence[Job], cache: Path, workers: int = 2, chunk: int = 24,
             digest: str | None = None, log: Any = None) -> dict[str, Any]:
    """Compute the states of every job not already in ``cache`` (one folder per key).

    Returns :meth:`Generator.report`.
    """
    gen = Generator(cache, workers, chunk, digest, log)
    for job in jobs:
        gen.submit(job)
    gen.finish()
    return gen.report(jobs)
