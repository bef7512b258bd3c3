"""Tests for csmlab.organisation: the service-profit chain and the levels of empowerment."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csmlab import organisation as m

ROOT = Path(__file__).resolve().parents[1]
scores7 = st.floats(1, 7, allow_nan=False)



# ------------------------------------------------------------------ service-profit chain

def test_service_profit_chain_is_a_product_of_elasticities():
    s = m.service_profit_chain()
    r = s.run()
    revenue = (s.employee_change * s.e_employee * s.e_value * s.e_satisfaction * s.e_loyalty
               * s.e_revenue)
    assert r.links["revenue"] == pytest.approx(revenue)
    expected = (revenue * s.contribution - s.programme_cost) / s.margin
    assert r.profit_change == pytest.approx(expected)
    assert list(r.to_frame().index)[:3] == ["employee satisfaction",
                                            "employee retention and productivity",
                                            "service value"]
    assert r.links["employee retention and productivity"] == pytest.approx(
        s.employee_change * s.e_employee)
    flat = m.ServiceProfitChainScenario(employee_change=0, programme_cost=0)
    assert flat.run().profit_change == 0
    with pytest.raises(ValueError, match="programme_cost"):
        m.ServiceProfitChainScenario(programme_cost=-0.1)


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 0.5), st.floats(0, 0.5), st.floats(0, 3))
def test_more_employee_satisfaction_never_lowers_profit(a, b, loyalty):
    lo, hi = sorted((a, b))
    s = m.ServiceProfitChainScenario(e_loyalty=loyalty)
    assert (s.replace(employee_change=hi).run().profit_change
            >= s.replace(employee_change=lo).run().profit_change - 1e-12)
    with pytest.raises(ValueError, match="margin"):
        m.ServiceProfitChainScenario(margin=0)


# ------------------------------------------------------------------ levels of empowerment

def _ratings(x):
    return dict.fromkeys(m.EMPOWERMENT_FACTORS, x)


@pytest.mark.parametrize("total,level", [(5, "production line"), (9, "production line"),
                                         (10, "suggestion involvement"),
                                         (14, "suggestion involvement"),
                                         (15, "job involvement"), (19, "job involvement"),
                                         (20, "high involvement"), (25, "high involvement")])
def test_empowerment_level_cut_offs(total, level):
    ratings = _ratings(1)
    extra = total - 5
    for f in m.EMPOWERMENT_FACTORS:
        add = min(4, extra)
        ratings[f] += add
        extra -= add
    assert m.empowerment_level(ratings) == (total, level)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=5, max_size=5), st.integers(0, 4))
def test_raising_a_rating_never_lowers_the_level(values, i):
    levels = list(m.EMPOWERMENT_LEVELS)
    ratings = dict(zip(m.EMPOWERMENT_FACTORS, values))
    total, level = m.empowerment_level(ratings)
    assert total == sum(values)
    if values[i] < 5:
        ratings[list(m.EMPOWERMENT_FACTORS)[i]] += 1
        higher = m.empowerment_level(ratings)[1]
        assert levels.index(higher) >= levels.index(level)


@pytest.mark.parametrize("bad", [0, 6, 2.5, True, float("nan"), "3"])
def test_empowerment_level_rejects_bad_ratings(bad):
    ratings = _ratings(3)
    ratings["technology"] = bad
    with pytest.raises(ValueError, match="technology"):
        m.empowerment_level(ratings)


def test_empowerment_level_needs_exactly_the_five_factors():
    ratings = _ratings(3)
    del ratings["people"]
    with pytest.raises(ValueError, match="people"):
        m.empowerment_level(ratings)
    with pytest.raises(ValueError, match="mood"):
        m.empowerment_level({**_ratings(3), "mood": 2})
    with pytest.raises(ValueError, match="mapping"):
        m.empowerment_level([3, 3, 3, 3, 3])
