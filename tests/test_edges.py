"""Every preset, each input pushed to the edges of its allowed range, one at a time.

A student who drags a slider to its end, or types the smallest allowed positive value,
must get either a result or a ``ValueError`` that names the input: never a division by
zero, a 0 / 0, or NumPy's "invalid value" (a NaN made by the model). Overflow and
underflow are allowed to happen quietly (a result that is truly huge is not a bug).
New simulators are covered automatically through their presets.
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
                result.to_frame()  # tables use NaN for cells that do not apply
        except ValueError as err:
            assert any(name in str(err) for name in base.parameters()), str(err)
            return


def test_the_sweep_covers_every_preset():
    assert {name for name, _, _ in CASES} == set(PRESETS)
    assert len(CASES) > 300
    assert math.isfinite(TINY[0]) and TINY[0] > 0
