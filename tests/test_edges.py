"""Every preset, each input pushed to the edges of its allowed range, one at a time.

A student who drags a slider to its end, or types the smallest allowed positive value,
must get either a result or a ``ValueError`` that names the input: never a division by
zero, a 0 / 0, or NumPy's "invalid value" (a NaN made by the model). Overflow and
underflow are allowed to happen quietly inside a model (a result that is truly huge is not
a bug), but the tables a student sees (``to_frame()``, ``summary()``) must hold no NaN and
no ±inf: a cell that does not apply says so in words. New simulators are covered
automatically through their presets.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from csmlab.scenario import Param, presets

PRESETS = presets()
TINY = (5e-324, 1e-300, 1e-12)  # the smallest float above a bound, and two near it


def edge_values(spec: Param) -> list[object]:
    """The values at and just inside each end of a field's range, and its slider's ends."""
    if spec.kind == "choice":
        return list(spec.options)
    if spec.kind == "bool":
        return [True, False]
    low = 0.0 if spec.kind in ("probability", "count") else spec.low
    high = 1.0 if spec.kind == "probability" else spec.high
    values: list[float] = []
    if low is not None:
        values += ([] if spec.low_open else [low]) + [low + t for t in TINY]
    if high is not None:
        values += ([] if spec.high_open else [high]) + [high - 1e-12,
                                                         float(np.nextafter(high, -np.inf))]
    else:
        values += [1e12, 1e300]
    if spec.slider:
        values += list(spec.slider)
    if spec.kind in ("count", "integer"):
        return sorted({int(round(x)) for x in values if abs(x) < 1e15})
    return values


CASES = [(name, field, value)
         for name, make in PRESETS.items()
         for field, spec in make().parameters().items()
         for value in edge_values(spec)]

#: Cells that are empty by design: NaN there means "does not apply", and the course's tables
#: show it as "–" (csmlab.display.format_frame). Only NaN, never inf, and only these cells:
#: with no recovery there is nothing to judge; a summary row (an index over all dimensions) has
#: no weight of its own; with no lifetime profit there are no shares of it (the column says so).
_RECOVERY_ONLY = ("distributive justice (1–7)", "procedural justice (1–7)",
                  "interactional justice (1–7)", "satisfaction with recovery (1–7)")
NOT_APPLICABLE = {
    "csmlab.recovery": lambda row, col: (row in _RECOVERY_ONLY
                                         and col in ("no failure", "failure, no recovery")),
    "csmlab.measurement": lambda row, col: (row, col) in {("weighted SERVQUAL score", "weight"),
                                                          ("CSI", "weight")},
    "csmlab.servitization": lambda row, col: col.startswith("share of profit (undefined"),
}


def not_applicable(preset_name: str, row: object, col: object, x: float) -> bool:
    rule = NOT_APPLICABLE.get(preset_name.rsplit(".", 1)[0])
    return math.isnan(x) and rule is not None and rule(str(row), str(col))


TABLES = ("to_frame", "summary")


def nonfinite_cells(frame, preset_name: str = "") -> list[str]:
    """The cells of a table that are NaN or ±inf, as "row / column" (words are fine; a cell
    declared in :data:`NOT_APPLICABLE` may be NaN)."""
    bad = []
    for col in frame.columns:
        for row, x in frame[col].items():
            if isinstance(x, (bool, np.bool_)) or not isinstance(
                    x, (int, float, np.integer, np.floating)):
                continue
            if not math.isfinite(float(x)) and not not_applicable(preset_name, row, col,
                                                                  float(x)):
                bad.append(f"{row} / {col} = {x}")
    return bad


TABLE_CASES = [pytest.param(p, f, v, id=f"{p.rsplit('.', 1)[-1]}-{f}={v!r}")
               for p, f, v in CASES]


@pytest.mark.parametrize("preset_name,field,value", TABLE_CASES)
def test_the_tables_at_an_edge_hold_no_nan_or_inf(preset_name, field, value):
    base = PRESETS[preset_name]()
    try:
        scenario = base.replace(**{field: value})
    except ValueError:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            result = scenario.run()
        except ValueError:
            return
        for name in TABLES:
            method = getattr(result, name, None)
            if not callable(method):
                continue
            try:
                frame = method()
            except ValueError:
                continue
            bad = nonfinite_cells(frame, preset_name)
            assert not bad, f"{preset_name} with {field}={value!r}: {name}() shows {bad[:3]}"


@pytest.mark.parametrize("preset_name,field,value", CASES,
                         ids=[f"{p.rsplit('.', 1)[-1]}-{f}={v!r}" for p, f, v in CASES])
def test_an_input_at_its_edge_gives_a_result_or_a_clear_error(preset_name, field, value):
    base = PRESETS[preset_name]()
    try:
        scenario = base.replace(**{field: value})
    except ValueError as err:  # rejected with a message naming an input: fine
        assert any(name in str(err) for name in base.parameters()), str(err)
        return
    with np.errstate(divide="raise", invalid="raise", over="ignore", under="ignore"), \
            warnings.catch_warnings():
        warnings.filterwarnings("error", category=RuntimeWarning,
                                message=".*(divide by zero|invalid value).*")
        try:
            result = scenario.run()
            if hasattr(result, "to_frame"):
                result.to_frame()
        except ValueError as err:
            assert any(name in str(err) for name in base.parameters()), str(err)
            return


def test_the_sweep_covers_every_preset():
    assert {name for name, _, _ in CASES} == set(PRESETS)
    assert {name.rsplit('.', 1)[0] for name in PRESETS} >= set(NOT_APPLICABLE)
    assert len(CASES) > 300
    assert math.isfinite(TINY[0]) and TINY[0] > 0
