"""Generic checks that hold for every scenario class and preset in csmlab.

New simulators are covered automatically: every dataclass subclass of
``Scenario`` is found, and every field declared with ``param`` is fed bad
values, which must raise ``ValueError`` naming the field, both from the
constructor and from ``dataclasses.replace``.
"""

from __future__ import annotations

import dataclasses
import math

import pytest

from csmlab.scenario import Param, Result, Scenario, presets, scenario_classes
from csmlab.scenario import param as param_

CLASSES = scenario_classes()
PRESETS = presets()


def bad_values(spec: Param) -> list[object]:
    common: list[object] = [math.nan, math.inf, -math.inf, "0.5", None, True, [1]]
    if spec.kind == "probability":
        return common + [-0.01, 1.01, 45]
    if spec.kind == "count":
        return common + [-1, 2.5]
    if spec.kind == "integer":
        out = common + [2.5]
        if spec.low is not None:
            out.append(int(spec.low) - 1)
        if spec.high is not None:
            out.append(int(spec.high) + 1)
        return out
    if spec.kind == "choice":
        return [object(), "no-such-option", None]
    if spec.kind == "bool":
        return ["yes", 1, None]
    out = common
    if spec.low is not None:
        out = out + [spec.low - 1.0] + ([spec.low] if spec.low_open else [])
    if spec.high is not None:
        out = out + [spec.high + 1.0] + ([spec.high] if spec.high_open else [])
    return out


CASES = [(cls, name, spec, bad)
         for cls in CLASSES
         for name, spec in cls.parameters().items()
         for bad in bad_values(spec)]


def test_there_are_scenarios_and_presets():
    assert CLASSES, "no scenario classes found"
    assert PRESETS, "no presets registered"


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__qualname__)
def test_defaults_are_valid_and_frozen(cls):
    scenario = cls()
    assert dataclasses.is_dataclass(scenario)
    first = next(iter(cls.parameters()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(scenario, first, getattr(scenario, first))


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__qualname__)
def test_every_field_is_declared_with_param(cls):
    declared = set(cls.parameters())
    undeclared = [f.name for f in dataclasses.fields(cls) if f.name not in declared]
    assert not undeclared, f"{cls.__name__} fields without param metadata: {undeclared}"


@pytest.mark.parametrize("cls,name,spec,bad", CASES,
                         ids=[f"{c.__qualname__}.{n}={b!r}" for c, n, _, b in CASES])
def test_bad_value_is_rejected_naming_the_field(cls, name, spec, bad):
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        cls(**{name: bad})
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        dataclasses.replace(cls(), **{name: bad})


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__qualname__)
def test_error_message_states_the_allowed_range(cls):
    for name, spec in cls.parameters().items():
        if spec.kind in ("real", "probability", "count", "integer"):
            with pytest.raises(ValueError) as info:
                cls(**{name: math.nan})
            assert spec.allowed.split(" ")[0] in str(info.value)


@pytest.mark.parametrize("key", list(PRESETS))
def test_presets_run_and_tabulate(key):
    scenario = PRESETS[key]()
    assert isinstance(scenario, Scenario)
    result = scenario.run()
    assert isinstance(result, Result)
    frame = result.to_frame()
    assert len(frame) > 0
    assert str(result)


@pytest.mark.parametrize("key", list(PRESETS))
def test_presets_are_pure(key):
    """Running a preset twice gives the same table: no hidden state."""
    a = PRESETS[key]().run().to_frame()
    b = PRESETS[key]().run().to_frame()
    assert a.equals(b)


@pytest.mark.parametrize("key", list(PRESETS))
def test_presets_have_a_working_explorer(key):
    """Every preset can be explored with one call: sliders, table and default chart."""
    from csmlab.widgets import explore

    explorer = explore(PRESETS[key]())
    assert explorer.controls
    table, figure = explorer.render()
    assert len(table.frame) > 0 and figure.alt


@pytest.mark.parametrize("key", list(PRESETS))
def test_input_tables_state_the_allowed_range_in_a_readers_words(key):
    """The 'allowed' column reads like the 'value' column: no interval notation, no 'inf',
    and a share's range in percent exactly when its value is shown in percent."""
    table = PRESETS[key]().describe()
    for label, row in table.iterrows():
        allowed = str(row["allowed"])
        assert "inf" not in allowed and not allowed.startswith(("[", "(")), (label, allowed)
        if not allowed.startswith(("yes", "whole")) and "," not in allowed:
            assert ("%" in allowed) == ("%" in str(row["value"])), (label, row["value"], allowed)


@dataclasses.dataclass(frozen=True)
class _Sourced(Scenario):
    rate: float = param_(0.1, "Rate", kind="probability", source="a study", cites_default=True)
    size: int = param_(10, "Size", kind="count", source="illustrative")


def test_describe_cites_a_source_only_for_the_value_it_gives():
    """A stated source wins; a study's source is cited beside its default only; a stated
    source is kept by replace() for the other fields and dropped for its own."""
    def src(s, label):
        return s.describe().loc[label, "source"]

    assert src(_Sourced(), "Rate") == "a study"
    assert src(_Sourced(rate=0.3), "Rate") == "set here (default 10%: a study)"
    assert src(_Sourced(size=5), "Size") == "illustrative"   # not value-bound: unchanged
    mine = _Sourced(rate=0.3).with_sources(rate="my survey")
    assert src(mine, "Rate") == "my survey"
    assert src(mine.replace(size=3), "Rate") == "my survey"
    assert src(mine.replace(rate=0.4), "Rate").startswith("set here")
    assert mine == _Sourced(rate=0.3)
    with pytest.raises(ValueError, match="other"):
        mine.with_sources(other="x")


@pytest.mark.parametrize("key", list(PRESETS))
def test_stated_sources_name_inputs(key):
    s = PRESETS[key]()
    assert set(s.stated_sources) <= set(s.parameters())
