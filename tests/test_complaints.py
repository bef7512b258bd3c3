import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csmlab.cases import value
from csmlab.complaints import (ComplaintScenario, CycleScenario, allocate, compare, seed_figures,
                               tarp_major, tarp_minor, vicious_cycle)

prob = st.floats(min_value=0, max_value=1)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 200_000), prob, prob, prob, prob, prob, prob, prob, prob)
def test_retained_plus_lost_is_exactly_had_problem(n, p, c, r, q, a, b, d, e):
    s = ComplaintScenario(customers=n, problem_rate=p, complaint_rate=c, resolved_rate=r,
                          quick_rate=q, repurchase_silent=a, repurchase_unresolved=b,
                          repurchase_resolved=d, repurchase_quick=e)
    res = s.run()
    assert isinstance(res.retained, int) and isinstance(res.lost, int)
    assert res.retained + res.lost == res.had_problem
    assert sum(res.path_counts) == res.had_problem
    assert res.had_problem <= n
    assert abs(res.had_problem - n * p) <= 1 + 1e-6 * n
    frame = res.to_frame()
    assert frame["retained"].sum() + frame["lost"].sum() == res.had_problem


@given(st.integers(0, 10_000), st.lists(st.floats(0, 1), min_size=1, max_size=8))
def test_allocate_sums_exactly(total, shares):
    out = allocate(total, np.array(shares))
    assert out.sum() == total and (out >= 0).all()


def test_closed_form_costs():
    s = tarp_major()
    r = s.run()
    lost = sum(n - k for n, k in zip(r.path_counts, r.path_retained))
    assert r.lost == lost
    assert math.isclose(r.margin_lost, lost * s.margin_per_customer)
    assert math.isclose(r.replacement_cost, lost * s.acquisition_multiple * s.keep_cost)
    assert math.isclose(r.word_of_mouth["bad"], lost * s.told_bad)
    assert math.isclose(r.word_of_mouth["good"], sum(r.path_counts[2:]) * s.told_good)


def test_expected_counts_match_within_rounding():
    s = tarp_major().replace(customers=1_000_000, complaint_rate=0.3)
    r = s.run()
    shares = s.path_shares()[1:]
    expected = s.customers * float((shares * s.rates()).sum())
    assert abs(r.retained - expected) <= 4


def test_presets_reproduce_tarp():
    major, minor = tarp_major(), tarp_minor()
    assert minor.rates().tolist() == [0.37, 0.46, 0.70, 0.95]
    assert major.rates().tolist() == [0.09, 0.19, 0.54, 0.82]
    assert seed_figures().repurchase_resolved == 0.54
    assert seed_figures().repurchase_quick == value("seed.good_again_resolved") == 0.74
    assert math.isclose(major.complaint_rate, 1 / 27, abs_tol=1e-4)


def test_better_handling_pays_and_break_even():
    b = tarp_major()
    c = compare(b, b.replace(resolved_rate=0.9, quick_rate=0.9, complaint_rate=0.25))
    assert c.customers_saved > 0 and c.value > 0
    assert math.isclose(c.break_even_per_complaint * c.improved.complained, c.value)
    assert list(c.to_frame().columns) == ["base", "improved", "change"]
    same = compare(b, b)
    assert same.value == 0 and same.customers_saved == 0


def test_compare_rejects_non_scenarios():
    with pytest.raises(ValueError, match="improved"):
        compare(tarp_major(), 3)


def test_no_complaints_break_even_is_zero():
    b = tarp_major().replace(complaint_rate=0.0)
    assert compare(b, b).break_even_per_complaint == 0.0


FIELDS = [f.name for f in dataclasses.fields(ComplaintScenario)]
BAD = [float("nan"), float("inf"), -1, "x", None]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("bad", BAD)
def test_bad_inputs_name_the_field(field, bad):
    with pytest.raises(ValueError, match=field):
        dataclasses.replace(tarp_major(), **{field: bad})


@pytest.mark.parametrize("field", [f for f in FIELDS if "rate" in f or "repurchase" in f])
def test_probabilities_above_one_rejected(field):
    with pytest.raises(ValueError, match=field):
        ComplaintScenario(**{field: 1.5})


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(CycleScenario)])
@pytest.mark.parametrize("bad", BAD)
def test_cycle_bad_inputs(field, bad):
    with pytest.raises(ValueError, match=field):
        dataclasses.replace(vicious_cycle(), **{field: bad})


def test_cycle_tips_below_threshold_and_holds_above():
    s = vicious_cycle()
    low = s.replace(investment=0.9 * s.tipping_investment).run()
    high = s.replace(investment=s.tipping_investment).run()
    assert low.tipped and not high.tipped
    assert low.failure[-1] > s.base_failure
    assert np.allclose(high.failure, s.base_failure)
    assert math.isclose(s.tipping_investment,
                        s.customers * s.base_failure * s.complaint_rate * s.cost_per_complaint)


@given(st.floats(0, 20_000))
def test_cycle_failure_bounded_and_monotone_in_investment(budget):
    s = vicious_cycle().replace(investment=budget)
    r = s.run()
    assert ((r.failure >= s.base_failure - 1e-12) & (r.failure <= 1)).all()
    richer = s.replace(investment=budget + 500).run()
    assert (richer.failure <= r.failure + 1e-12).all()


def test_plots_draw():
    from csmlab.plots.complaints import comparison_chart, cycle_chart, retained_and_lost
    b = tarp_major()
    assert len(retained_and_lost(b.run()).patches) == 4
    assert len(comparison_chart(compare(b, b.replace(resolved_rate=0.9))).patches) == 2
    assert cycle_chart(vicious_cycle().run()).get_ylabel() == "Failure rate (%)"
