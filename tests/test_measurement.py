"""Tests for csmlab.measurement and the survey loader."""

from __future__ import annotations

import io
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from csmlab import measurement as m
from csmlab.cases import value
from csmlab.data import DataError, SURVEY_SCHEMA, load_survey

ROOT = Path(__file__).resolve().parents[1]
scores7 = st.floats(1, 7, allow_nan=False)



# ------------------------------------------------------------------ SERVQUAL

def test_servqual_matches_explicit_sums():
    rng = np.random.default_rng(1)
    e = rng.integers(1, 8, (20, 5)).astype(float)
    p = rng.integers(1, 8, (20, 5)).astype(float)
    w = rng.integers(1, 40, (20, 5)).astype(float)
    r = m.servqual_gaps(e, p, w)
    for i in range(20):
        expected = sum((p[i, j] - e[i, j]) * w[i, j] / w[i].sum() for j in range(5))
        assert r.respondents["weighted"][i] == pytest.approx(expected)
        assert r.respondents["unweighted"][i] == pytest.approx(sum(p[i] - e[i]) / 5)
    assert r.overall_gap == pytest.approx((p - e).mean())


def test_servqual_accepts_frames_and_one_row():
    e = pd.DataFrame([[6] * 5], columns=m.DIMENSIONS)
    p = pd.DataFrame([[5, 6, 7, 6, 4]], columns=m.DIMENSIONS)
    assert m.servqual_gaps(e, p).overall_gap == pytest.approx(-0.4)
    assert m.servqual_gaps([6] * 5, [5, 6, 7, 6, 4]).overall_gap == pytest.approx(-0.4)
    assert list(m.servqual_gaps(e, p).to_frame().columns) == [
        "expectation", "perception", "gap", "weight", "weighted gap"]


@settings(max_examples=50, deadline=None)
@given(arrays(float, (4, 5), elements=scores7), arrays(float, (4, 5), elements=scores7))
def test_equal_weights_give_the_unweighted_score(e, p):
    r = m.servqual_gaps(e, p)
    assert r.weighted_gap == pytest.approx(r.overall_gap)
    assert -6 <= r.overall_gap <= 6


@settings(max_examples=50, deadline=None)
@given(arrays(float, (3, 5), elements=scores7), st.floats(0, 1))
def test_higher_perceptions_never_lower_the_gap(e, lift):
    p = np.clip(e - 1, 1, 7)
    a = m.servqual_gaps(e, p).overall_gap
    b = m.servqual_gaps(e, np.clip(p + lift, 1, 7)).overall_gap
    assert b >= a - 1e-12


@pytest.mark.parametrize("kwargs,name", [
    ({"expectations": [[8, 6, 6, 6, 6]]}, "expectations"),
    ({"perceptions": [[math.nan, 6, 6, 6, 6]]}, "perceptions"),
    ({"perceptions": [[6, 6, 6, 6]]}, "perceptions"),
    ({"perceptions": [[6] * 5, [6] * 5]}, "expectations and perceptions"),
    ({"weights": [1, 1, 1, 1, -1]}, "weights"),
    ({"weights": [0, 0, 0, 0, 0]}, "weights"),
    ({"weights": [1, 1]}, "weights"),
    ({"scale": (7, 1)}, "scale"),
    ({"scale": 7}, "scale"),
])
def test_servqual_bad_inputs_name_the_argument(kwargs, name):
    args = {"expectations": [[6] * 5], "perceptions": [[5] * 5]}
    args.update(kwargs)
    with pytest.raises(ValueError, match=name):
        m.servqual_gaps(**args)


def test_servqual_frame_missing_column():
    e = pd.DataFrame([[6] * 4], columns=m.DIMENSIONS[:4])
    with pytest.raises(ValueError, match="expectations must have the columns"):
        m.servqual_gaps(e, [[6] * 5])


# ------------------------------------------------------------------ CSI

@settings(max_examples=100, deadline=None)
@given(st.integers(1, 8), st.floats(-5, 5), st.floats(0.5, 10))
def test_csi_ends_of_scale(k, low, width):
    high = low + width
    assert m.csi([low] * k, scale=(low, high)) == pytest.approx(0, abs=1e-9)
    assert m.csi([high] * k, scale=(low, high)) == pytest.approx(100)


@settings(max_examples=100, deadline=None)
@given(arrays(float, 4, elements=scores7), arrays(float, 4, elements=st.floats(0.01, 10)))
def test_csi_matches_explicit_sum_and_stays_in_range(s, w):
    expected = 100 * (sum(si * wi for si, wi in zip(s, w)) / sum(w) - 1) / 6
    got = m.csi(s, w, (1, 7))
    assert got == pytest.approx(expected)
    assert -1e-9 <= got <= 100 + 1e-9


def test_csi_per_respondent():
    assert m.csi([[7, 7], [1, 1], [4, 4]]).tolist() == [100.0, 0.0, 50.0]


@pytest.mark.parametrize("args,name", [
    (([0, 4],), "scores"), (([4, math.inf],), "scores"), (([[[4]]],), "scores"),
    (([4, 4], [1, -1]), "weights"), (([4, 4], [1, 2, 3]), "weights"),
    (([4, 4], [[1, 1]]), "weights"), (([4, 4], None, (1, 1)), "scale"),
    (([4, 4], None, (1, math.nan)), "scale high"),
])
def test_csi_bad_inputs(args, name):
    with pytest.raises(ValueError, match=name):
        m.csi(*args)


def test_correlation_weights():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(200, 3))
    y = 2 * x[:, 0] + x[:, 1] - x[:, 2] + rng.normal(size=200)
    w = m.correlation_weights(pd.DataFrame(x, columns=list("abc")), y)
    assert w.sum() == pytest.approx(1)
    assert w["c"] == 0 and w["a"] > w["b"] > 0


@pytest.mark.parametrize("x,y,name", [
    ([[1, 2], [2, 3]], [1, 2], "at least 3"),
    ([[1, 2], [2, 3], [3, 4]], [1, 2], "same number"),
    ([[1, 1], [1, 2], [1, 3]], [1, 2, 3], "vary"),
    ([[3, 3], [2, 2], [1, 1]], [1, 2, 3], "positively"),
    ([1, 2, 3], [1, 2, 3], "attributes"),
])
def test_correlation_weights_bad_inputs(x, y, name):
    with pytest.raises(ValueError, match=name):
        m.correlation_weights(x, y)


def test_regression_weights_recover_the_effects_that_a_halo_hides_from_correlations():
    """With a strong halo (every attribute shares a personal level), correlation weights are
    pulled towards equal; the multiple regression recovers the true effects."""
    rng = np.random.default_rng(7)
    n = 5000
    halo = rng.normal(size=n)
    x = halo[:, None] + rng.normal(size=(n, 3))
    effects = np.array([3.0, 1.0, 0.0])
    y = x @ effects + rng.normal(size=n)
    frame = pd.DataFrame(x, columns=list("abc"))
    reg = m.regression_weights(frame, y)
    cor = m.correlation_weights(frame, y)
    assert reg.sum() == pytest.approx(1)
    assert reg.tolist() == pytest.approx((effects / effects.sum()).tolist(), abs=0.02)
    assert reg.attrs["coefficients"].tolist() == pytest.approx(effects.tolist(), abs=0.05)
    assert cor["a"] < reg["a"] - 0.1 and cor["c"] > 0.1      # flattened by the halo


def test_regression_weights_clip_negative_effects_and_keep_plain_labels():
    x = np.array([[1, 5], [2, 3], [3, 4], [4, 1], [5, 2]], dtype=float)
    y = 2 * x[:, 0] - x[:, 1]
    w = m.regression_weights(x, y)
    assert w.tolist() == pytest.approx([1.0, 0.0])
    assert list(w.index) == [0, 1]
    assert w.attrs["coefficients"].tolist() == pytest.approx([2.0, -1.0])


@pytest.mark.parametrize("x,y,name", [
    ([[1, 2], [2, 3]], [1, 2], "at least 3"),
    ([[1, 2], [2, 3], [3, 4]], [1, 2], "same number"),
    ([[1, 2], [2, 3], [3, 5]], [1, 2, 3], "at least 4 respondents"),
    ([[1, 1], [1, 2], [1, 3], [1, 5]], [1, 2, 3, 4], "vary"),
    ([[1, 2], [2, 4], [3, 6], [4, 8]], [1, 2, 3, 4], "combinations"),
    ([[1, 2], [2, 1], [3, 4], [4, 3]], [4, 3, 2, 1], "positive regression"),
    ([[1, 2], [2, 1], [3, np.nan], [4, 3]], [1, 2, 3, 4], "attributes"),
    ([[1, 2], [2, 1], [3, 4], [4, 3]], [1, 2, np.inf, 4], "overall"),
    ([1, 2, 3], [1, 2, 3], "attributes"),
])
def test_regression_weights_bad_inputs(x, y, name):
    with pytest.raises(ValueError, match=name):
        m.regression_weights(x, y)


# ------------------------------------------------------------------ IPA

def test_ipa_quadrants_and_priorities():
    imp = pd.Series([0.4, 0.1, 0.3, 0.2, 0.35], index=list("abcde"))
    perf = [3, 6, 6, 3, 4]
    ipa = m.importance_performance(imp, perf)
    assert ipa["quadrant"].tolist() == ["Concentrate here", "Possible overkill",
                                        "Keep up the good work", "Low priority",
                                        "Concentrate here"]
    assert m.improvement_priorities(ipa).index.tolist() == ["a", "e"]
    fixed = m.importance_performance(imp, perf, cut=(0.05, 2))
    assert set(fixed["quadrant"]) == {"Keep up the good work"}
    assert m.importance_performance(imp, perf, cut="median").attrs["cut"] == (0.3, 4.0)


@settings(max_examples=50, deadline=None)
@given(arrays(float, 6, elements=st.floats(0, 1)), arrays(float, 6, elements=scores7))
def test_every_attribute_gets_exactly_one_quadrant(imp, perf):
    ipa = m.importance_performance(imp, perf)
    assert ipa["quadrant"].isin(m.QUADRANTS.values()).all()
    pri = m.improvement_priorities(ipa)
    assert (pri["urgency"] >= 0).all()
    assert pri["urgency"].is_monotonic_decreasing


@pytest.mark.parametrize("kwargs,name", [
    ({"importance": [1]}, "importance"),
    ({"performance": [1, 2, math.nan]}, "performance"),
    ({"performance": [1, 2]}, "same length"),
    ({"labels": ["a"]}, "labels"),
    ({"cut": "mode"}, "cut"),
    ({"cut": (1,)}, "cut"),
    ({"cut": (math.nan, 1)}, "cut importance"),
])
def test_ipa_bad_inputs(kwargs, name):
    args = {"importance": [1, 2, 3], "performance": [3, 2, 1]}
    args.update(kwargs)
    with pytest.raises(ValueError, match=name):
        m.importance_performance(**args)
    with pytest.raises(ValueError, match="ipa"):
        m.improvement_priorities(pd.DataFrame({"x": [1]}))


# ------------------------------------------------------------------ survey scenarios

def test_improvement_scenario():
    base = m.survey_improvement().run()
    assert base.csi_after > base.csi_before
    assert base.gap_after > base.gap_before
    none = m.ImprovementScenario(lift=0).run()
    assert none.csi_after == pytest.approx(none.csi_before)
    for weighting in ("stated", "derived", "equal"):
        r = m.ImprovementScenario(weighting=weighting).run()
        assert r.before["weight"].sum() == pytest.approx(1)
    with pytest.raises(ValueError, match="dimension"):
        m.ImprovementScenario(dimension="price")
    with pytest.raises(ValueError, match="lift"):
        m.ImprovementScenario(lift=-0.5)
    with pytest.raises(ValueError, match="weighting"):
        m.ImprovementScenario(weighting="regression")


def test_improvement_table_labels_every_unit():
    """Gaps are in scale points, the CSI in index points; every row says which, and the
    change column is after − before (zero where nothing was lifted)."""
    frame = m.ImprovementScenario(dimension="empathy", lift=1.0).run().to_frame()
    assert frame.loc["CSI", "unit"] == "index points (0–100)"
    gap_rows = [f"{d} gap" for d in m.DIMENSIONS] + ["weighted SERVQUAL score"]
    assert (frame.loc[gap_rows, "unit"] == "scale points (1–7)").all()
    assert frame["change"].tolist() == pytest.approx((frame["after"] - frame["before"]).tolist())
    assert (frame.drop(index=["empathy gap", "weighted SERVQUAL score", "CSI"])["change"] == 0).all()
    assert frame.loc["CSI", "change"] > 0


# ------------------------------------------------------------------ data

def test_survey_loads_with_its_schema():
    survey = load_survey()
    assert survey.shape == (300, 53)
    assert survey["respondent_id"].is_unique
    parts = m.survey_dimensions(survey)
    r = m.servqual_gaps(parts["expectations"], parts["perceptions"], parts["weights"])
    assert r.gaps["reliability"] < 0 < r.gaps["tangibles"]


def test_survey_generator_reproduces_the_file():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_survey.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def _text(survey: pd.DataFrame) -> str:
    out = survey.copy()
    out["return_intent"] = out["return_intent"].map({True: "true", False: "false"})
    return out.to_csv(index=False)


def test_survey_schema_errors_name_row_and_column(tmp_path):
    survey = load_survey().head(3)
    text = _text(survey)
    assert SURVEY_SCHEMA.read(io.StringIO(text)).shape == (3, 53)
    bad = survey.copy()
    bad.loc[1, "p_rel2"] = 9
    with pytest.raises(DataError, match=r"row 2, column 'p_rel2'"):
        SURVEY_SCHEMA.read(io.StringIO(_text(bad)))
    bad = survey.copy()
    bad.loc[2, "w_empathy"] += 1
    path = tmp_path / "survey.csv"
    path.write_text(_text(bad))
    with pytest.raises(DataError, match=r"row 3, columns w_\*"):
        load_survey(path)
    with pytest.raises(DataError, match="header"):
        SURVEY_SCHEMA.read(io.StringIO(text.replace("overall", "overal", 1)))


def test_survey_weights_and_ipa():
    survey = load_survey()
    for weighting in ("stated", "derived", "equal"):
        w = m.survey_weights(survey, weighting)
        assert w.sum() == pytest.approx(1) and (w >= 0).all()
        assert m.survey_ipa(survey, weighting)["quadrant"].notna().all()
    with pytest.raises(ValueError, match="weighting"):
        m.survey_weights(survey, "regression")
    # Review s28: a fixed cut must lie on the axes (shares; the 1–7 scale)
    assert m.survey_ipa(survey, "stated", cut=(0.2, 5)).attrs["cut"] == (0.2, 5.0)
    for cut, name in [((9, 5), "cut importance"), ((0.2, -1), "cut performance"),
                      ((0.2, 8), "cut performance"), ((0.2,), "cut"), (5, "cut")]:
        with pytest.raises(ValueError, match=name):
            m.survey_ipa(survey, "stated", cut=cut)


# ------------------------------------------------------------------ the top box (shipped survey)

def test_shipped_survey_teaches_the_jump_into_the_top_box():
    """The taught relation: loyalty jumps at 'completely satisfied'; the top box is measurable."""
    survey = load_survey()
    table = m.return_by_score(survey)
    top = table.index.max()
    assert top == 7
    assert table["step"].idxmax() == top                    # largest step is into the top box
    assert table["step"].max() > 2 * table["step"].iloc[:-1].max()
    assert m.top_box_share(survey["overall"], top=7) >= 0.10
    assert table.loc[top, "return intent"] >= 4 * table.loc[top - 1, "return intent"]
    assert table["respondents"].sum() == len(survey)
    assert table["share"].sum() == pytest.approx(1)


def test_return_by_score_and_top_box_share_small_cases():
    frame = pd.DataFrame({"overall": [5, 6, 6, 7], "return_intent": [False, False, True, True]})
    t = m.return_by_score(frame)
    assert t["return intent"].tolist() == [0.0, 0.5, 1.0]
    assert t["step"].tolist()[1:] == [0.5, 0.5]
    assert m.top_box_share([7, 7, 1, 2], top=7) == 0.5
    assert m.top_box_share([5, 5], top=5) == 1.0
    with pytest.raises(ValueError, match="overall"):
        m.return_by_score(frame.drop(columns="overall"))
    with pytest.raises(ValueError, match="scores"):
        m.top_box_share([], top=7)
    # Review s28: an answer above the top box means a wrong scale, not a zero top box
    with pytest.raises(ValueError, match=r"scores must hold whole numbers in \(-inf, 7\]"):
        m.top_box_share([7, 8, 6], top=7)
    with pytest.raises(ValueError, match=r"scores.*\(-inf, 5\]"):
        m.top_box_share([5, 6], top=5)
    with pytest.raises(ValueError, match="whole numbers"):
        m.top_box_share([6.5, 7], top=7)
    with pytest.raises(ValueError, match="top"):
        m.top_box_share([5, 5], top=5.5)


def test_department_stores_same_csi_different_repurchase():
    t = m.same_csi_stores()
    assert t["CSI"].nunique() == 1 and t["CSI"].iloc[0] == value("loyalty.store_csi")
    assert tuple(t["repurchase"]) == value("loyalty.store_repurchase")
    # more completely satisfied customers, more repurchase
    assert (t["completely satisfied"].idxmax() == t["repurchase"].idxmax())
    shares = t.drop(columns=["CSI", "mean (0–100)", "repurchase"]).sum(axis=1)
    assert shares.tolist() == pytest.approx([100.0, 95.5])     # the seed's printed total 195.5


def test_same_csi_stores_differ_in_mean_and_far_more_at_the_top():
    """What chapter 02 says of the case: one index (87) for both, but the means differ, so the
    index is not the plain mean; the top box differs far more than the mean; repurchase follows
    the top box; and chapter 09's rebuilt means are the same numbers."""
    t = m.same_csi_stores()
    x, y = t.loc["Store X"], t.loc["Store Y"]
    assert x["CSI"] == y["CSI"] == 87
    # the means on 0–100 differ, and neither is the index of 87
    assert x["mean (0–100)"] - y["mean (0–100)"] > 5
    assert (t["mean (0–100)"] < t["CSI"] - 25).all()
    # relative to Y, the top box differs six-fold, the mean (on 1–5) by about a tenth
    top_ratio = x["completely satisfied"] / y["completely satisfied"]
    mean15 = 1 + 4 * t["mean (0–100)"] / 100
    assert top_ratio > 6 and mean15["Store X"] / mean15["Store Y"] < 1.2
    assert x["repurchase"] > y["repurchase"]
    from csmlab.loyalty import department_stores
    rebuilt = department_stores().run().to_frame()["mean score (1–5)"]
    assert mean15.tolist() == pytest.approx([rebuilt["X"], rebuilt["Y"]])


def test_survey_return_chances_are_the_generators():
    """The chapter quotes the generator's chances of intending to return beside the sample's
    shares; the facts it quotes are the ones scripts/make_survey.py draws from."""
    source = (ROOT / "scripts" / "make_survey.py").read_text(encoding="utf-8")
    for score in (5, 6, 7):
        assert f"{score}: {value(f'measurement.survey_return_{score}')}" in source, score


def test_survey_true_weights_are_the_generators():
    """The fact that names the generator's coefficients is what scripts/make_survey.py uses,
    and the true weights follow from it and each guest's importance points."""
    spread, gap_weight, level_weight = value("measurement.survey_overall_model")
    source = (ROOT / "scripts" / "make_survey.py").read_text(encoding="utf-8")
    assert f"SPREAD = {spread}" in source
    assert f"drivers = {gap_weight} * weighted_gap + {level_weight} * (perceived - 5.3)" in source
    survey = load_survey()
    w = m.survey_true_weights(survey)
    points = m.survey_dimensions(survey)["weights"].to_numpy() / 100
    k = np.array([4, 5, 4, 4, 5]) / 22
    direct = np.mean([[spread * (gap_weight * points[i, j] + level_weight * k[j])
                       for j in range(5)] for i in range(len(survey))], axis=0)
    assert w.tolist() == pytest.approx((direct / direct.sum()).tolist())
    assert w.sum() == pytest.approx(1)


def test_derived_importance_is_flattened_against_the_truth():
    """What chapter 02 shows: derived (correlation) weights are flatter than the true ones;
    they understate the most important dimension and overstate empathy."""
    t = m.importance_against_truth(load_survey())
    true, derived = t["true weight"], t["derived weight"]
    assert derived.max() - derived.min() < true.max() - true.min()
    assert derived["reliability"] < true["reliability"]
    assert derived["empathy"] > true["empathy"]
    assert derived["empathy"] > t.loc["empathy", "stated weight"]
    # reliability's shortfall is beyond chance (the true weight lies above the bootstrap range);
    # empathy's true weight sits at the lower edge of its range
    assert true["reliability"] > t.loc["reliability", "derived high"]
    assert abs(true["empathy"] - t.loc["empathy", "derived low"]) < 0.01


def test_regression_importance_is_unbiased_but_noisier():
    """What chapter 02 shows beside the correlation column: the regression does not flatten
    the weights (reliability near its truth, every true weight inside the regression's
    bootstrap range) but its ranges are wider; and it overstates empathy too, so empathy's
    excess is in the sample, not in either method."""
    t = m.importance_against_truth(load_survey())
    true, reg = t["true weight"], t["regression weight"]
    assert abs(reg["reliability"] - true["reliability"]) < abs(
        t.loc["reliability", "derived weight"] - true["reliability"])
    assert ((t["regression low"] <= true) & (true <= t["regression high"])).all()
    assert ((t["regression high"] - t["regression low"])
            > (t["derived high"] - t["derived low"])).all()
    assert reg["empathy"] > true["empathy"] and t.loc["empathy", "derived weight"] > true["empathy"]
    assert reg.tolist() == pytest.approx(
        m.regression_weights(m.survey_dimensions(load_survey())["perceptions"],
                             load_survey()["overall"]).tolist())


def test_derived_weight_range_holds_the_estimate_and_rejects_bad_input():
    survey = load_survey()
    r = m.derived_weight_range(survey, draws=100)
    derived = m.survey_weights(survey, "derived")
    assert ((r["derived low"] <= derived) & (derived <= r["derived high"])).all()
    pd.testing.assert_frame_equal(r, m.derived_weight_range(survey, draws=100))   # seeded
    for kwargs, word in (({"draws": 5}, "draws"), ({"draws": 2.5}, "draws"),
                         ({"level": 1.0}, "level"), ({"level": float("nan")}, "level"),
                         ({"seed": -1}, "seed"), ({"method": "ols"}, "method")):
        with pytest.raises(ValueError, match=word):
            m.derived_weight_range(survey, **kwargs)


def test_exercise_2_verdict_turns_on_the_weights():
    """Chapter 02, exercise 2: a half-point lift in reliability against a full point in empathy.
    Stated weights favour reliability, derived weights empathy; the true weights side with
    empathy by a narrower margin than the derived weights claim."""
    def margin(weighting):
        rel = m.ImprovementScenario(dimension="reliability", lift=0.5, weighting=weighting).run()
        emp = m.ImprovementScenario(dimension="empathy", lift=1.0, weighting=weighting).run()
        return (emp.csi_after - emp.csi_before) - (rel.csi_after - rel.csi_before)
    assert margin("stated") < 0 < margin("true") < margin("derived")


points_rows = arrays(np.int64, st.tuples(st.integers(3, 12), st.just(5)),
                     elements=st.integers(0, 100))


@given(points_rows, st.integers(0, 4), st.integers(1, 30))
def test_true_weight_rises_with_the_points_guests_give(points, j, extra):
    """More importance points for one dimension, from every guest, never lowers its true
    weight: in the generator, the points are what weight each guest's gap."""
    frame = pd.DataFrame(points, columns=[f"w_{d}" for d in m.DIMENSIONS])
    more = frame.copy()
    more.iloc[:, j] = np.minimum(more.iloc[:, j] + extra, 100)
    before = m.survey_true_weights(_with_items(frame))
    after = m.survey_true_weights(_with_items(more))
    assert after.iloc[j] >= before.iloc[j] - 1e-12
    assert before.sum() == pytest.approx(1) and (before > 0).all()


def _with_items(points: pd.DataFrame) -> pd.DataFrame:
    """A frame with the survey's item columns (all 4) and the given importance points."""
    from csmlab.data import SERVQUAL_ITEMS
    cols = {f"{pre}_{d[:3]}{i}": 4 for pre in ("e", "p") for d in m.DIMENSIONS
            for i in range(1, SERVQUAL_ITEMS[d] + 1)}
    frame = pd.DataFrame(cols, index=points.index)
    return pd.concat([frame, points], axis=1)


def test_survey_true_weights_rejects_bad_points():
    frame = pd.DataFrame([[10, 20, 30, 20, 20]], columns=[f"w_{d}" for d in m.DIMENSIONS])
    bad = frame.copy()
    bad.iloc[0, 1] = -5
    with pytest.raises(ValueError, match="importance points"):
        m.survey_true_weights(_with_items(bad))
    bad.iloc[0, 1] = float("nan")
    with pytest.raises(ValueError, match="importance points"):
        m.survey_true_weights(_with_items(bad))


# ---------------------------------------------------------------- zone of tolerance

def test_tolerance_zone_positions_and_distances():
    from csmlab.measurement import tolerance_zone
    t = tolerance_zone([4.0, 5.0, 7.0, 5.0], [4.5, 4.5, 5.0, 5.0], [6.0, 6.0, 6.5, 5.0])
    assert t["position"].tolist() == ["below the zone", "inside the zone", "above the zone",
                                      "inside the zone"]
    assert t["adequacy"].tolist() == pytest.approx([-0.5, 0.5, 2.0, 0.0])
    assert t["superiority"].tolist() == pytest.approx([-2.0, -1.0, 0.5, 0.0])
    assert t["zone width"].tolist() == pytest.approx([1.5, 1.5, 1.5, 0.0])
    assert tolerance_zone([9], [4], [6], scale=None)["position"].tolist() == ["above the zone"]
    assert tolerance_zone([9], [4], [6], scale=(0, 10))["adequacy"].tolist() == [5.0]


@pytest.mark.parametrize("args, word", [
    (([5], [6], [5.5]), "desired"),
    (([5, 6], [4], [6]), "same length"),
    (([float("nan")], [4], [6]), "perceived"),
    (([9], [4], [6]), r"perceived must hold numbers in \[1, 7\]"),
    (([5], [0.5], [6]), "adequate"),
])
def test_tolerance_zone_rejects_bad_input(args, word):
    from csmlab.measurement import tolerance_zone
    with pytest.raises(ValueError, match=word):
        tolerance_zone(*args)


@given(st.lists(st.tuples(st.floats(1, 7), st.floats(1, 7), st.floats(0, 3)), min_size=1,
                max_size=8))
def test_tolerance_zone_position_agrees_with_distances(rows):
    from csmlab.measurement import tolerance_zone
    p = [r[0] for r in rows]
    a = [r[1] for r in rows]
    d = [r[1] + r[2] for r in rows]
    t = tolerance_zone(p, a, d, scale=(1, 10))
    below = t["adequacy"] < 0
    above = t["superiority"] > 0
    assert (t["position"] == "below the zone").tolist() == below.tolist()
    assert (t["position"] == "above the zone").tolist() == above.tolist()
    assert ((t["position"] == "inside the zone") == (~below & ~above)).all()


def test_stated_and_derived_weights_side_by_side():
    survey = load_survey()
    w = m.stated_and_derived_weights(survey)
    pd.testing.assert_series_equal(w["stated weight"], m.survey_weights(survey, "stated"),
                                   check_names=False)
    pd.testing.assert_series_equal(w["derived weight"], m.survey_weights(survey, "derived"),
                                   check_names=False)


def test_regression_weights_refuse_nearly_collinear_attributes():
    """M1: a fourth attribute equal to the first up to 1e-10 (or 1e-6) noise used to take ALL the
    weight with coefficients of ±2.6e8; it is refused, naming the nearly collinear columns."""
    g = np.random.default_rng(0)
    x = g.normal(size=(50, 3))
    y = x @ [1, 2, 0.5] + g.normal(size=50)
    for noise in (1e-10, 1e-6):
        z = pd.DataFrame(np.column_stack([x, x[:, 0] + noise * g.normal(size=50)]),
                         columns=["a", "b", "c", "d"])
        with pytest.raises(ValueError, match=r"attributes .*columns a, d are nearly collinear"):
            m.regression_weights(z, y)
    # an ordinary correlated design (r about 0.9) is still accepted
    w = m.regression_weights(np.column_stack([x, x[:, 0] + 0.5 * g.normal(size=50)]), y)
    assert w.sum() == pytest.approx(1)


def test_regression_range_error_does_not_speak_of_correlations():
    from csmlab.data import load_survey
    small = load_survey().head(6)
    with pytest.raises(ValueError, match="regression weights") as e:
        m.derived_weight_range(small, draws=20, method="regression")
    assert "correlation" not in str(e.value)


@pytest.mark.parametrize("labels,match", [("abc", "not one string"), (["a", "a", "b"], "repeated: a")])
def test_tolerance_zone_labels_are_distinct_names(labels, match):
    """M4: a string used to be split into characters; repeated labels made .loc return two rows."""
    with pytest.raises(ValueError, match=f"labels must .*{match}"):
        m.tolerance_zone([1, 2, 3], [1, 1, 1], [2, 2, 2], labels=labels)


@pytest.mark.parametrize("factor", [1e200, 1e-200, 1e300])
def test_correlation_weights_do_not_depend_on_the_scale(factor):
    """M2: attributes × 1e200 used to overflow in the squares and then raise the false message
    'no attribute positively correlated'; a correlation is scale-free, and so are the weights."""
    import warnings
    a = pd.DataFrame({"x": [1, 2, 3, 4], "y": [4, 3, 2, 1], "z": [1, 2, 4, 3]})
    base = m.correlation_weights(a, [1, 2, 3, 4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scaled = m.correlation_weights(a * factor, np.array([1, 2, 3, 4]) * factor)
    assert scaled.to_numpy() == pytest.approx(base.to_numpy(), rel=1e-12)


def test_top_box_share_needs_the_scale_stated():
    # a 1-5 survey read with an assumed top of 7 silently had no top box (review s28 V1)
    with pytest.raises(TypeError):
        m.top_box_share([5, 5, 4])
