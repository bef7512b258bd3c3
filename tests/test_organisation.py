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

def _old_chain(s):
    """The chain before the threshold: every link a constant elasticity (the reference)."""
    revenue = (s.employee_change * s.e_employee * s.e_value * s.e_satisfaction * s.e_loyalty
               * s.e_revenue)
    return revenue, (revenue * s.contribution - s.programme_cost) / s.margin


def test_service_profit_chain_is_a_product_of_elasticities_at_strength_one():
    s = m.service_profit_chain().replace(threshold_strength=1)
    r = s.run()
    revenue, expected = _old_chain(s)
    assert r.links["revenue"] == pytest.approx(revenue)
    assert r.profit_change == pytest.approx(expected)
    assert (round(r.links["revenue"], 5), round(r.profit_change, 4)) == (0.05184, 0.1074)
    assert r.loyalty_elasticity == pytest.approx(s.e_loyalty)
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
@given(st.floats(-0.5, 0.5), st.floats(0, 2), st.floats(0, 3), st.floats(1, 5), st.floats(1, 5))
def test_constant_case_reproduces_the_old_chain_on_the_scale(change, e_sat, loyalty, s0, t):
    s = m.ServiceProfitChainScenario(employee_change=change, e_satisfaction=e_sat,
                                     e_loyalty=loyalty, satisfaction_today=s0,
                                     affection_threshold=t, threshold_strength=1)
    x = change * s.e_employee * s.e_value * e_sat
    if not 1 <= s0 * (1 + x) <= 5:       # beyond the scale the new chain stops at its end
        return
    revenue, expected = _old_chain(s)
    r = s.run()
    assert r.links["revenue"] == pytest.approx(revenue, abs=1e-12)
    assert r.profit_change == pytest.approx(expected, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 0.5), st.floats(0, 0.5), st.floats(0, 3), st.floats(1, 100),
       st.floats(1, 5), st.floats(1, 5))
def test_more_employee_satisfaction_never_lowers_profit(a, b, loyalty, strength, s0, t):
    lo, hi = sorted((a, b))
    s = m.ServiceProfitChainScenario(e_loyalty=loyalty, threshold_strength=strength,
                                     satisfaction_today=s0, affection_threshold=t)
    assert (s.replace(employee_change=hi).run().profit_change
            >= s.replace(employee_change=lo).run().profit_change - 1e-12)
    with pytest.raises(ValueError, match="margin"):
        m.ServiceProfitChainScenario(margin=0)


@settings(max_examples=100, deadline=None)
@given(st.floats(1, 100), st.floats(1, 5), st.floats(0, 3))
def test_the_threshold_moves_loyalty_up_the_scale_and_adds_none(strength, t, loyalty):
    s = m.ServiceProfitChainScenario(satisfaction_today=1.0, affection_threshold=t,
                                     threshold_strength=strength, e_loyalty=loyalty)
    whole, s1 = s.loyalty_change(4.0)         # from 1 to 5, the whole scale
    assert s1 == 5
    assert whole == pytest.approx(4 * loyalty)  # the same for every strength: no free loyalty
    below, above = s.loyalty_slopes()
    assert above == pytest.approx(strength * below)
    assert below <= loyalty + 1e-12 <= above + 2e-12


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 0.5), st.floats(1, 100), st.floats(1, 5))
def test_no_gain_at_the_top_of_the_scale(change, strength, t):
    s = m.ServiceProfitChainScenario(employee_change=change, satisfaction_today=5.0,
                                     threshold_strength=strength, affection_threshold=t)
    r = s.run()
    assert r.satisfaction_after == 5
    assert r.links["customer loyalty"] == 0
    assert r.profit_change == pytest.approx(-s.programme_cost / s.margin)


@settings(max_examples=100, deadline=None)
@given(st.floats(1, 50), st.floats(1, 50), st.floats(0.01, 0.5))
def test_below_the_threshold_a_stronger_threshold_never_helps(r1, r2, change):
    lo, hi = sorted((r1, r2))
    s = m.ServiceProfitChainScenario(employee_change=change, satisfaction_today=2.0)
    assert s.run().satisfaction_after < s.affection_threshold   # the customers stay below it
    weak = s.replace(threshold_strength=lo).run().profit_change
    strong = s.replace(threshold_strength=hi).run().profit_change
    assert strong <= weak + 1e-12
    if hi > lo + 1:
        assert strong < weak


def test_default_strength_is_chapter_09s_curve():
    from csmlab.loyalty import jones_sasser_curve

    s = m.service_profit_chain()
    t = s.affection_threshold
    low, mid, top = jones_sasser_curve().loyalty([1, t, 5])
    ratio = ((top - mid) / (5 - t)) / ((mid - low) / (t - 1))
    assert s.threshold_strength == pytest.approx(ratio, abs=0.5)
    assert t == jones_sasser_curve().affection_lower


def test_the_preset_conclusion_depends_on_the_threshold():
    table = m.threshold_range(m.service_profit_chain())
    assert table.loc["constant elasticity (1)", "customers at 4"] > 0
    assert table.loc["threshold strength 23", "customers at 4"] < 0
    assert table.loc["threshold strength 23", "customers at 4.6"] > table.iloc[0, 0]
    with pytest.raises(ValueError, match="scenario"):
        m.threshold_range("chain")


@pytest.mark.parametrize("field,bad", [("threshold_strength", 0.5), ("satisfaction_today", 0),
                                       ("satisfaction_today", 5.5), ("affection_threshold", 6),
                                       ("threshold_strength", float("nan"))])
def test_threshold_inputs_are_validated(field, bad):
    with pytest.raises(ValueError, match=field):
        m.ServiceProfitChainScenario(**{field: bad})


def test_empowerment_table_rates_each_situation():
    t = m.empowerment_table({"a": dict.fromkeys(m.EMPOWERMENT_FACTORS, 1),
                             "b": dict.fromkeys(m.EMPOWERMENT_FACTORS, 5)})
    assert t["total"].tolist() == [5, 25]
    assert t["level"].tolist() == ["production line", "high involvement"]
    with pytest.raises(ValueError, match="situations"):
        m.empowerment_table({})


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
