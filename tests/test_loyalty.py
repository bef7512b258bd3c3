import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csmlab.cases import fact
from csmlab.retention import clv
from csmlab.loyalty import (LadderScenario, LoyaltyCurve, StoreScenario, calibrate_curve,
                            classify, department_stores, example_ladder, fit_store_curve,
                            jones_sasser_curve, loyalty_grid, low_competition_curve,
                            sample_customers, store_shares)

probs = st.floats(min_value=0, max_value=1)


@given(probs, probs, st.floats(min_value=0.1, max_value=50), probs)
def test_curve_is_increasing_and_bounded(a, b, k, w):
    lo, hi = sorted([a, b])
    c = LoyaltyCurve(floor=lo, ceiling=hi, convexity=k, steady_share=w)
    y = c.loyalty(np.linspace(1, 5, 50))
    assert (np.diff(y) >= -1e-12).all()
    assert math.isclose(y[0], lo) and math.isclose(y[-1], hi, abs_tol=1e-12)


def test_zones():
    c = jones_sasser_curve()
    assert c.zone([1, 3, 4.8]).tolist() == ["defection", "indifference", "affection"]
    assert c.run().to_frame().shape == (5, 2)


@pytest.mark.parametrize("kw,name", [
    (dict(floor=0.6, ceiling=0.5), "floor and ceiling"),
    (dict(defection_upper=4.8, affection_lower=4.0), "defection_upper and affection_lower"),
    (dict(convexity=0), "convexity"), (dict(floor=1.5), "floor"), (dict(ceiling=math.nan),
                                                                    "ceiling"),
    (dict(steady_share=-0.1), "steady_share"), (dict(steady_share=1.5), "steady_share")])
def test_curve_errors(kw, name):
    with pytest.raises(ValueError, match=name):
        dataclasses.replace(jones_sasser_curve(), **kw)


def test_curve_scores_are_checked():
    with pytest.raises(ValueError, match="scores"):
        jones_sasser_curve().loyalty([0.5])


@pytest.mark.pins("the two stores'", "cases/loyalty.py")
def test_store_shares_reproduce_the_seed():
    raw_x = fact("loyalty.store_x_shares").value
    raw_y = fact("loyalty.store_y_shares").value
    assert math.isclose(sum(raw_x), 100) and math.isclose(sum(raw_y), 95.5)
    assert math.isclose(sum(raw_x) + sum(raw_y), fact("loyalty.printed_total").value)
    for missing in ("rescale", "neutral"):
        s = store_shares(missing)
        assert np.allclose(s.sum(), 1)
    assert math.isclose(store_shares("neutral").loc["neutral", "Y"], 0.361)
    with pytest.raises(ValueError, match="missing"):
        store_shares("drop")
    with pytest.raises(ValueError, match="missing"):
        StoreScenario(missing="drop")


def test_top_box_not_mean_drives_repurchase():
    r = department_stores().run()
    f = r.to_frame()
    stated = fact("loyalty.store_repurchase").value
    assert np.allclose(f["stated repurchase"], [stated[0] / 100, stated[1] / 100])
    top_ratio = f.loc["X", "top box"] / f.loc["Y", "top box"]
    rep_ratio = f.loc["X", "stated repurchase"] / f.loc["Y", "stated repurchase"]
    assert 1.2 < rep_ratio < top_ratio
    # the means differ by a third of a scale point (a difference, not a ratio: the scale's
    # zero is arbitrary), 8.5 points on a 0-100 rescaling
    gap = f.loc["X", "mean score (1–5)"] - f.loc["Y", "mean score (1–5)"]
    assert 0.25 < gap < 0.45
    # the predicted ranking follows the top box
    assert f.loc["X", "predicted repurchase"] > f.loc["Y", "predicted repurchase"]
    # most of X's predicted repurchase comes from its completely satisfied customers
    c = r.contributions()
    assert c.loc["completely satisfied", "X"] > 0.5 * c["X"].sum()


def test_fitted_curve_is_a_near_step_and_matches_preset():
    fit = fit_store_curve()
    preset = department_stores()
    assert abs(fit.floor - preset.floor) < 0.01 and abs(fit.convexity - preset.convexity) < 1
    assert fit.convexity > 20


@given(st.lists(st.tuples(probs, probs), min_size=1, max_size=50), probs, probs)
def test_grid_matches_scalar_rule(pairs, ca, cr):
    a = [p[0] for p in pairs]
    r = [p[1] for p in pairs]
    got = loyalty_grid(a, r, ca, cr).tolist()
    want = [{(True, True): "premium", (True, False): "latent", (False, True): "inertia",
             (False, False): "no loyalty"}[(x >= ca, y >= cr)] for x, y in pairs]
    assert got == want


def test_grid_errors_and_classify():
    with pytest.raises(ValueError, match="repeat"):
        loyalty_grid([0.5], [2])
    with pytest.raises(ValueError, match="same shape"):
        loyalty_grid([0.5, 0.5], [0.5])
    with pytest.raises(ValueError, match="attachment_cut"):
        loyalty_grid([0.5], [0.5], attachment_cut=2)
    with pytest.raises(ValueError, match="customers"):
        classify([[0.5, 0.5]])
    with pytest.raises(ValueError, match="repeat"):
        classify(pd.DataFrame({"attachment": [0.5]}))
    df = classify(sample_customers(300, seed=1))
    assert set(df["loyalty"]) == {"premium", "latent", "inertia", "no loyalty"}
    assert sample_customers(10, seed=3).equals(sample_customers(10, seed=3))


@settings(max_examples=40, deadline=None)
@given(st.floats(0, 0.5), st.floats(0, 0.5), st.floats(0, 0.5), st.floats(0, 0.5),
       st.floats(0, 0.5), st.floats(0, 0.5), st.integers(1, 30))
def test_ladder_conserves_people(c, pl, uf, df_, ur, dr, years):
    s = example_ladder().replace(convert=c, prospect_loss=pl, up_first=uf, defect_first=df_,
                                 up_regular=ur, defect_regular=dr, years=years)
    res = s.run()
    assert np.allclose(res.distribution.sum(axis=1), s.prospects)
    assert (res.distribution >= -1e-9).all()
    assert np.allclose(s.matrix().sum(axis=1), 1)
    # defected never shrinks
    assert (np.diff(res.distribution[:, 5]) >= -1e-9).all()


def test_ladder_values_by_simulation():
    s = example_ladder()
    res = s.run()
    p = s.matrix()[:5, :5]
    m = np.array([0, s.profit_first, s.profit_regular, s.profit_advocate, s.profit_partner])
    beta = 1 / (1 + s.discount)
    total, dist = np.zeros(5), np.eye(5)
    for t in range(400):   # the course's convention: year t+1's profit paid at its end
        total += beta ** (t + 1) * dist @ m
        dist = dist @ p
    assert np.allclose(res.values, total)
    rv = res.rung_values()
    assert (rv["gain from one rung up ($)"].dropna() > 0).all()
    assert res.expected_years is not None and res.expected_years[0] > 0


def test_ladder_errors():
    with pytest.raises(ValueError, match="up_first and defect_first"):
        example_ladder().replace(up_first=0.7, defect_first=0.5)
    with pytest.raises(ValueError, match="discount"):
        example_ladder().replace(discount=0)
    with pytest.raises(ValueError, match="prospects"):
        LadderScenario(prospects=-1)
    assert example_ladder().replace(defect_partner=0).run().expected_years is None


def test_plots_return_axes():
    from csmlab.plots import new_axes
    from csmlab.plots.loyalty import curve, grid, ladder, stores
    for draw in (lambda ax: curve(jones_sasser_curve().run(), ax=ax),
                 lambda ax: stores(department_stores().run(), ax=ax),
                 lambda ax: ladder(example_ladder().run(), ax=ax),
                 lambda ax: grid(classify(sample_customers()), ax=ax)):
        _, ax = new_axes()
        assert draw(ax) is ax


def test_default_curve_reproduces_the_xerox_ratio():
    # Jones & Sasser (1995): completely satisfied (5) about six times as likely to repurchase
    # as satisfied (4). The default curve must be calibrated to it (within ±10%).
    at = jones_sasser_curve().run().at_categories
    target = fact("loyalty.xerox_repurchase_ratio").value
    assert abs(at[4] / at[3] / target - 1) < 0.10, at[4] / at[3]
    # and it keeps the zone shape: a slow rise below "satisfied", steep at the top,
    # with the lower answers no longer identical (review finding 4)
    assert at[3] - at[0] < at[4] - at[3]
    assert at[0] < at[1] < at[2] < at[3]
    # the preset's convexity is calibrate_curve's, rounded to the slider's step
    solved = calibrate_curve(jones_sasser_curve().floor, jones_sasser_curve().ceiling,
                             jones_sasser_curve().steady_share,
                             fact("loyalty.xerox_repurchase_ratio").value)
    assert abs(solved.convexity - jones_sasser_curve().convexity) <= 0.25


def test_competition_moderates_the_value_of_the_top_box():
    """Jones and Sasser: with few alternatives even the dissatisfied stay (issue 20)."""
    open_market = jones_sasser_curve().run().at_categories
    captive = low_competition_curve().run().at_categories
    assert captive[4] == open_market[4]
    assert captive[0] > open_market[0]
    # moving a customer from satisfied to completely satisfied is worth less where customers
    # have nowhere else to go, and the Xerox-style ratio all but disappears
    assert captive[4] - captive[3] < open_market[4] - open_market[3]
    assert captive[4] / captive[3] < 2 < open_market[4] / open_market[3]


@settings(max_examples=40, deadline=None)
@given(st.floats(0, 0.95), st.floats(0, 0.95))
def test_a_higher_floor_never_raises_the_gain_from_the_top_box(a, b):
    lo, hi = sorted((a, b))
    at_lo = jones_sasser_curve().replace(floor=lo).run().at_categories
    at_hi = jones_sasser_curve().replace(floor=hi).run().at_categories
    assert at_hi[4] - at_hi[3] <= at_lo[4] - at_lo[3] + 1e-12


def test_grid_counts_count_and_average_each_type():
    from csmlab.loyalty import grid_counts, sample_customers

    customers = classify(sample_customers(200, seed=3))
    t = grid_counts(customers)
    assert int(t["customers"].sum()) == 200
    for kind, row in t.iterrows():
        group = customers[customers["loyalty"] == kind]
        assert row["customers"] == len(group)
        assert row["mean_spend"] == pytest.approx(group["spend"].mean())


# -- review of ch 08/09: the ladder's convention, the curve's shape below the top -----------

money = st.floats(-100, 500)
rate = st.floats(0.01, 0.99)


@given(money, rate, st.floats(0.01, 1))
def test_a_rung_nobody_climbs_from_is_worth_the_course_clv(m, q, d):
    """The ladder values customers with the course's m / (1 + d − r), not at the start of the
    year (review finding 2: a partner was worth clv(160, .95, .1, timing="start"))."""
    s = example_ladder().replace(profit_partner=m, defect_partner=q, discount=d,
                                 profit_regular=m, up_regular=0.0, defect_regular=q)
    v = s.run().values
    assert v[4] == pytest.approx(clv(m, 1 - q, d), rel=1e-9, abs=1e-9)
    assert v[2] == pytest.approx(clv(m, 1 - q, d), rel=1e-9, abs=1e-9)


@given(st.floats(0.001, 1), st.floats(0.01, 0.5))
def test_steady_share_separates_the_lower_answers(w, floor):
    """With a steady share the zones of defection and indifference differ (finding 4)."""
    at = jones_sasser_curve().replace(steady_share=w, floor=floor).run().at_categories
    assert (np.diff(at) > 0).all()
    flat = jones_sasser_curve().replace(steady_share=0.0, floor=floor).run().at_categories
    assert at[1] - at[0] > flat[1] - flat[0]


def test_a_full_steady_share_is_a_straight_line():
    c = jones_sasser_curve().replace(steady_share=1.0)
    at = c.run().at_categories
    assert np.allclose(np.diff(at), (c.ceiling - c.floor) / 4)


@given(st.floats(0, 0.15), st.floats(0.3, 1), st.floats(0, 1), st.floats(1.5, 10))
def test_calibrated_curves_keep_the_ratio_and_bound_the_gain_below_the_top(f, c, share, q):
    """Whatever the assumed shape below 4, a curve with the Xerox ratio gives a move from 4 to 5
    (1 − 1/ratio) × ceiling and any move below 4 at most ceiling / ratio (ch 09, Ex 3)."""
    try:
        curve = calibrate_curve(f, c, share, q)
    except ValueError as err:           # the steady part alone would pass ceiling / ratio
        assert "steady_share" in str(err) or "floor" in str(err) or "ratio" in str(err)
        assert (c / q - f) / (c - f) <= 0.75 * share + 1e-9 or c / q <= f or "convexity" in str(err)
        return
    at = curve.run().at_categories
    assert at[4] / at[3] == pytest.approx(q, rel=1e-9)
    assert at[4] - at[3] == pytest.approx(c * (1 - 1 / q), rel=1e-9)
    assert at[3] - at[0] <= c / q + 1e-12


def test_calibrate_curve_errors():
    with pytest.raises(ValueError, match="steady_share"):
        calibrate_curve(steady_share=0.5)
    with pytest.raises(ValueError, match="floor"):
        calibrate_curve(floor=0.2)
    with pytest.raises(ValueError, match="ratio"):
        calibrate_curve(ratio=1)
    with pytest.raises(ValueError, match="ceiling"):
        calibrate_curve(ceiling=math.inf)


# -- review s28 R3, 09-b: every type has a row, so ``counts.loc["inertia", ...]`` never raises -------

@settings(max_examples=25, deadline=None)
@given(st.integers(1, 12), st.integers(0, 10_000))
def test_grid_counts_has_a_row_for_every_type_even_an_empty_one(n, seed):
    from csmlab.loyalty import grid_counts, sample_customers

    customers = classify(sample_customers(n, seed=seed))
    t = grid_counts(customers)
    assert t.index.tolist() == ["inertia", "latent", "no loyalty", "premium"]
    assert int(t["customers"].sum()) == n
    for kind, row in t.iterrows():
        if row["customers"] == 0:
            assert row["mean_spend"] == "no customers"      # in words, never NaN
        else:
            assert float(row["mean_spend"]) == pytest.approx(
                customers.loc[customers["loyalty"] == kind, "spend"].mean())
