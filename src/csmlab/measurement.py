"""Measuring satisfaction and service quality: SERVQUAL, CSI and importance–performance.

The measurement tools of chapter 02 (seed 002, slides 20, 24, 103; seed 003,
block 6), each as a plain function on arrays or frames plus, where a question
has a few scalar inputs, a scenario for the explorer:

* :func:`servqual_gaps` — SERVQUAL gap scores, perception − expectation, for
  the five dimensions, unweighted and importance-weighted, per respondent and
  overall (Parasuraman, Zeithaml & Berry, 1988).
* :func:`csi` — a customer satisfaction index from 0 (every attribute at the
  bottom of the scale) to 100 (every attribute at the top), with given weights
  or weights derived from the data by :func:`correlation_weights`.
* :func:`regression_weights` — derived importance from a multiple (OLS)
  regression of overall satisfaction on the attributes: each attribute's
  effect holding the others fixed, where :func:`correlation_weights` lets an
  attribute borrow the credit of the attributes it moves with (a halo).
* :func:`survey_true_weights` and :func:`importance_against_truth` — the
  weights the course survey's generator really used, beside the stated and
  derived ones (correlation and regression, each with a bootstrap range), so
  that a reader sees which method of derived importance recovers them.
* :func:`importance_performance` — importance–performance analysis (Martilla &
  James, 1977): each attribute's quadrant, and :func:`improvement_priorities`,
  the key factors to improve first.
* :class:`ImprovementScenario` — what raising perceived quality on one
  SERVQUAL dimension does to the gaps and the CSI of the course survey.
* :func:`return_by_score`, :func:`top_box_share` and :func:`same_csi_stores`
  — loyalty jumps at the top box: the course survey, and two department stores
  with the same reported CSI, different means and very different top boxes and
  repurchase (seed 002, slide 103).
* :func:`tolerance_zone` — where perceived service falls against the zone of
  tolerance between adequate and desired service.

The chapter's other models live beside it: the service-profit chain and the
levels of empowerment in :mod:`csmlab.organisation` (chapter 01), the award
sheet, moments of truth, VOC tables and the cycle of service in
:mod:`csmlab.moments` (chapter 03), and the customer value formula in
:mod:`csmlab.value`. (The module runs to about a thousand lines because the three
instruments share their input checks and the course survey's helpers.)

Examples
--------
>>> round(csi([7, 7, 7], scale=(1, 7)), 1), round(csi([1, 1, 1], scale=(1, 7)), 1)
(100.0, 0.0)
>>> gaps = servqual_gaps([[6, 6, 6, 6, 6]], [[5, 6, 7, 6, 4]])
>>> gaps.overall_gap
-0.4
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from csmlab import validation as v
from csmlab.data import SERVQUAL_ITEMS
from csmlab.scenario import Result, Scenario, param, preset

__all__ = [
    "DIMENSIONS", "QUADRANTS",
    "servqual_gaps", "ServqualResult", "survey_dimensions",
    "csi", "correlation_weights", "regression_weights", "MAX_CONDITION",
    "importance_performance", "improvement_priorities", "survey_weights", "survey_ipa",
    "stated_and_derived_weights", "survey_true_weights", "derived_weight_range",
    "importance_against_truth",
    "ImprovementScenario", "ImprovementResult", "survey_improvement",
    "top_box_share", "return_by_score", "same_csi_stores", "tolerance_zone",
]


#: The five SERVQUAL dimensions, in the order used everywhere in the course.
DIMENSIONS: tuple[str, ...] = ("tangibles", "reliability", "responsiveness", "assurance",
                               "empathy")

#: Importance–performance quadrants (Martilla & James, 1977),
#: keyed by (importance high?, performance high?).
QUADRANTS: dict[tuple[bool, bool], str] = {
    (True, False): "Concentrate here",
    (True, True): "Keep up the good work",
    (False, False): "Low priority",
    (False, True): "Possible overkill",
}


# ---------------------------------------------------------------- SERVQUAL

def _matrix(name: str, values: Any, columns: Sequence[str], low: float | None,
            high: float | None) -> np.ndarray:
    """A respondents × columns float matrix from a frame, a 2-D array or one row."""
    if isinstance(values, pd.DataFrame):
        missing = [c for c in columns if c not in values.columns]
        if missing:
            raise ValueError(f"{name} must have the columns {', '.join(columns)}; "
                             f"missing {', '.join(missing)}")
        values = values[list(columns)]
    arr = v.array(name, values, low, high, ndim=(1, 2))
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.shape[1] != len(columns):
        raise ValueError(f"{name} must have {len(columns)} columns ({', '.join(columns)}); "
                         f"got {arr.shape[1]}")
    return arr


def _weights(name: str, weights: Any, k: int) -> np.ndarray:
    """Non-negative weights (one row, or one row per respondent) normalised to sum to 1."""
    w = v.array(name, weights, 0, None, ndim=(1, 2))
    if w.shape[-1] != k:
        raise ValueError(f"{name} must hold {k} weights per row; got {w.shape[-1]}")
    total = w.sum(axis=-1, keepdims=True)
    if np.any(total <= 0):
        raise ValueError(f"{name} must not be all zero in any row")
    return w / total


@dataclass(frozen=True)
class ServqualResult(Result):
    """SERVQUAL gap scores.

    Attributes
    ----------
    respondents : pandas.DataFrame
        One row per respondent: the gap on each dimension, ``unweighted`` (the
        mean of the five gaps) and ``weighted`` (importance-weighted mean).
    expectations, perceptions : pandas.Series
        Mean expectation and perception per dimension (scale points).
    gaps : pandas.Series
        Mean gap per dimension, perception − expectation (scale points).
    weights : pandas.Series
        Mean normalised importance weight per dimension (sum 1).
    overall_gap : float
        Unweighted SERVQUAL score: the mean of the five dimension gaps.
    weighted_gap : float
        Weighted SERVQUAL score: the mean over respondents of their weighted gaps.
    """

    respondents: pd.DataFrame
    expectations: pd.Series
    perceptions: pd.Series
    gaps: pd.Series
    weights: pd.Series
    overall_gap: float
    weighted_gap: float

    def to_frame(self) -> pd.DataFrame:
        """One row per dimension: expectation, perception, gap, weight, weighted gap."""
        frame = pd.DataFrame({"expectation": self.expectations, "perception": self.perceptions,
                              "gap": self.gaps, "weight": self.weights,
                              "weighted gap": self.gaps * self.weights})
        frame.index.name = "dimension"
        return frame


def servqual_gaps(expectations: Any, perceptions: Any, weights: Any | None = None, *,
                  dimensions: Sequence[str] = DIMENSIONS,
                  scale: tuple[float, float] = (1, 7)) -> ServqualResult:
    """SERVQUAL gap scores: perception − expectation on each dimension.

    Parameters
    ----------
    expectations, perceptions : array_like or DataFrame
        Scores per respondent (rows) and dimension (columns, in the order of
        ``dimensions``, or frames with those column names); one row is one
        respondent. Scores must lie on ``scale``.
    weights : array_like, optional
        Importance of each dimension: one row for everybody, or one row per
        respondent (for example SERVQUAL's 100 points). Normalised to sum to 1.
        Default: equal weights.
    dimensions : sequence of str
        Dimension names (default the five SERVQUAL dimensions).
    scale : (low, high)
        The rating scale (default 1–7, as in SERVQUAL).

    Returns
    -------
    ServqualResult

    Examples
    --------
    >>> r = servqual_gaps([[6, 7, 6, 6, 5], [5, 6, 6, 5, 5]],
    ...                   [[6, 5, 5, 6, 5], [6, 5, 4, 5, 5]],
    ...                   weights=[10, 40, 20, 20, 10])
    >>> r.gaps.round(2).tolist()
    [0.5, -1.5, -1.5, 0.0, 0.0]
    >>> round(r.overall_gap, 2), round(r.weighted_gap, 2)
    (-0.5, -0.85)
    """
    low, high = _scale(scale)
    dims = list(dimensions)
    e = _matrix("expectations", expectations, dims, low, high)
    p = _matrix("perceptions", perceptions, dims, low, high)
    if e.shape != p.shape:
        raise ValueError(f"expectations and perceptions must have the same shape; got "
                         f"{e.shape} and {p.shape}")
    w = _weights("weights", np.ones(len(dims)) if weights is None else
                 (weights[dims] if isinstance(weights, pd.DataFrame) else weights), len(dims))
    if w.ndim == 2 and w.shape[0] not in (1, e.shape[0]):
        raise ValueError(f"weights must have one row or one row per respondent "
                         f"({e.shape[0]}); got {w.shape[0]}")
    w = np.broadcast_to(w, e.shape)
    gap = p - e
    per = pd.DataFrame(gap, columns=dims)
    per["unweighted"] = gap.mean(axis=1)
    per["weighted"] = (gap * w).sum(axis=1)
    index = pd.Index(dims, name="dimension")
    mean_gap = pd.Series(gap.mean(axis=0), index=index)
    return ServqualResult(
        respondents=per,
        expectations=pd.Series(e.mean(axis=0), index=index),
        perceptions=pd.Series(p.mean(axis=0), index=index),
        gaps=mean_gap,
        weights=pd.Series(w.mean(axis=0), index=index),
        overall_gap=float(mean_gap.mean()),
        weighted_gap=float(per["weighted"].mean()),
    )


def survey_dimensions(survey: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Average a survey's items into one score per SERVQUAL dimension.

    Parameters
    ----------
    survey : DataFrame
        As returned by :func:`csmlab.data.load_survey` (items ``e_tan1`` …
        ``p_emp5`` and importance points ``w_tangibles`` … ``w_empathy``).

    Returns
    -------
    dict
        ``"expectations"``, ``"perceptions"`` (respondents × dimensions, mean
        of each dimension's items) and ``"weights"`` (the importance points).

    Examples
    --------
    >>> from csmlab.data import load_survey
    >>> parts = survey_dimensions(load_survey())
    >>> list(parts["perceptions"].columns) == list(DIMENSIONS)
    True
    """
    out: dict[str, pd.DataFrame] = {}
    for key, prefix in (("expectations", "e"), ("perceptions", "p")):
        cols = {}
        for dim in DIMENSIONS:
            short = dim[:3]
            items = [f"{prefix}_{short}{i}" for i in range(1, SERVQUAL_ITEMS[dim] + 1)]
            cols[dim] = survey[items].mean(axis=1)
        out[key] = pd.DataFrame(cols)
    out["weights"] = survey[[f"w_{dim}" for dim in DIMENSIONS]].set_axis(list(DIMENSIONS),
                                                                          axis=1)
    return out


# ---------------------------------------------------------------- CSI

def _scale(scale: Any) -> tuple[float, float]:
    try:
        low, high = scale
    except (TypeError, ValueError):
        raise ValueError(f"scale must be a pair (low, high); got {scale!r}") from None
    low = v.real("scale low", low)
    high = v.real("scale high", high)
    if not high > low:
        raise ValueError(f"scale must have high > low; got ({low:g}, {high:g})")
    return low, high


def csi(scores: Any, weights: Any | None = None, scale: tuple[float, float] = (1, 7)) -> Any:
    """Customer satisfaction index, 0–100, from weighted attribute scores.

    CSI = 100 × (Σ wᵢ sᵢ − low) / (high − low), with the weights normalised to
    sum to 1: every attribute at the bottom of the scale gives 0, every one at
    the top gives 100.

    Parameters
    ----------
    scores : array_like
        One respondent's attribute scores (1-D), or respondents × attributes
        (2-D), on ``scale``.
    weights : array_like, optional
        Non-negative attribute weights (normalised here); default equal.
    scale : (low, high)
        The rating scale (default 1–7).

    Returns
    -------
    float or numpy.ndarray
        One index for 1-D scores, one per respondent for 2-D scores.

    Examples
    --------
    >>> csi([4, 4, 4], scale=(1, 7))
    50.0
    >>> csi([[7, 1], [1, 7]], weights=[3, 1], scale=(1, 7)).tolist()
    [75.0, 25.0]
    """
    low, high = _scale(scale)
    s = v.array("scores", scores, low, high, ndim=(1, 2))
    w = _weights("weights", np.ones(s.shape[-1]) if weights is None else weights, s.shape[-1])
    if w.ndim != 1:
        raise ValueError(f"weights must be one row of {s.shape[-1]} weights; got shape {w.shape}")
    index = 100 * ((s @ w) - low) / (high - low)
    return float(index) if s.ndim == 1 else index


def correlation_weights(attributes: Any, overall: Any) -> pd.Series:
    """Weights derived from the data: each attribute's correlation with overall satisfaction.

    Negative correlations are set to 0 (an attribute whose improvement lowers
    satisfaction gets no weight); the rest are normalised to sum to 1. This is
    the simplest "derived importance"; :func:`regression_weights` is the
    common alternative, and the two differ when the attributes move together.

    Parameters
    ----------
    attributes : DataFrame or 2-D array_like
        Respondents × attributes.
    overall : array_like
        Overall satisfaction per respondent.

    Returns
    -------
    pandas.Series
        One weight per attribute, summing to 1.

    Examples
    --------
    >>> a = pd.DataFrame({"x": [1, 2, 3, 4], "y": [4, 3, 2, 1], "z": [1, 2, 4, 3]})
    >>> correlation_weights(a, [1, 2, 3, 4]).round(3).tolist()
    [0.556, 0.0, 0.444]
    """
    names = list(attributes.columns) if isinstance(attributes, pd.DataFrame) else None
    x, y = _attributes_and_overall(attributes, overall)
    # a correlation does not depend on scale: bring each column to at most 1 in size first,
    # so that scores of 1e200 cannot overflow the squares (nor 1e-200 underflow them)
    if np.any(np.ptp(x, axis=0) == 0) or np.ptp(y) == 0:
        raise ValueError("attributes and overall must vary across respondents (a constant "
                         "column has no correlation)")
    x = x / np.abs(x).max(axis=0)
    y = y / np.abs(y).max()
    xc = x - x.mean(axis=0)
    yc = y - y.mean()
    xc = xc / np.abs(xc).max(axis=0)
    yc = yc / np.abs(yc).max()
    denom = np.sqrt((xc ** 2).sum(axis=0) * (yc ** 2).sum())
    if np.any(denom == 0):
        raise ValueError("attributes and overall must vary across respondents (a constant "
                         "column has no correlation)")
    r = np.clip((xc * yc[:, None]).sum(axis=0) / denom, 0, None)
    if r.sum() == 0:
        raise ValueError("attributes has no attribute positively correlated with overall")
    return pd.Series(r / r.sum(), index=names if names else range(x.shape[1]), name="weight")


def _attributes_and_overall(attributes: Any, overall: Any) -> tuple[np.ndarray, np.ndarray]:
    """Checked respondents × attributes and overall arrays of the same length (≥ 3)."""
    x = v.array("attributes", attributes, ndim=2)
    y = v.array("overall", overall, ndim=1)
    if x.shape[0] != y.shape[0]:
        raise ValueError(f"attributes and overall must have the same number of respondents; "
                         f"got {x.shape[0]} and {y.shape[0]}")
    if x.shape[0] < 3:
        raise ValueError("attributes must hold at least 3 respondents to estimate correlations")
    return x, y


#: The largest condition number of the standardised design (centred columns scaled to
#: length 1) that :func:`regression_weights` accepts. Above it the attributes are nearly
#: combinations of one another and the coefficients are dominated by noise (two columns
#: correlated at r have condition number sqrt((1 + r) / (1 − r)): 1,000 is r ≈ 0.999998).
MAX_CONDITION: float = 1e3


def regression_weights(attributes: Any, overall: Any) -> pd.Series:
    """Weights derived from a multiple regression (OLS) of overall satisfaction on the attributes.

    Overall satisfaction is regressed on all the attributes at once, with an
    intercept, by ordinary least squares; each attribute's coefficient is its
    effect on overall satisfaction *holding the other attributes fixed*, in
    overall-score points per attribute-score point. Negative coefficients are
    set to 0 (as in :func:`correlation_weights`) and the rest normalised to sum
    to 1.

    The difference from :func:`correlation_weights` is what a halo does. When
    respondents rate every attribute up or down together, a simple correlation
    lets each attribute take credit for the others it moves with, which pulls
    the weights towards equal; and a correlation also grows with the
    attribute's spread across respondents. A regression coefficient separates
    the attributes' own effects, so neither distorts it, at the price of more
    sampling noise when the attributes are strongly correlated (collinear).

    Parameters
    ----------
    attributes : DataFrame or 2-D array_like
        Respondents × attributes; at least two more respondents than attributes.
    overall : array_like
        Overall satisfaction per respondent.

    Returns
    -------
    pandas.Series
        One weight per attribute, summing to 1; ``attrs["coefficients"]`` holds
        the raw OLS coefficients (before clipping and normalising).

    Raises
    ------
    ValueError
        If the inputs are not finite numbers of matching length, if there are
        too few respondents, if an attribute is constant or a combination of the
        others (the regression has no unique answer), if the attributes are
        nearly combinations of one another (the condition number of the
        standardised design is above :data:`MAX_CONDITION`; the error names
        the nearly collinear columns), or if no coefficient is positive.

    Examples
    --------
    >>> a = pd.DataFrame({"x": [1, 2, 3, 4, 5], "y": [2, 1, 4, 3, 5]})
    >>> w = regression_weights(a, [4, 5, 10, 11, 15])   # overall = 2x + y exactly
    >>> w.round(3).tolist(), w.attrs["coefficients"].round(3).tolist()
    ([0.667, 0.333], [2.0, 1.0])
    """
    names = list(attributes.columns) if isinstance(attributes, pd.DataFrame) else None
    x, y = _attributes_and_overall(attributes, overall)
    n, k = x.shape
    if n < k + 2:
        raise ValueError(f"attributes must hold at least {k + 2} respondents to fit a "
                         f"regression on {k} attributes; got {n}")
    if np.any(np.ptp(x, axis=0) == 0):
        raise ValueError("attributes must vary across respondents (a constant column has "
                         "no effect to estimate)")
    xc = x - x.mean(axis=0)
    yc = y - y.mean()
    scale = np.sqrt((xc ** 2).sum(axis=0))
    if np.linalg.matrix_rank(xc / scale) < k:
        raise ValueError("attributes must not be combinations of one another (collinear "
                         "columns have no unique regression weights)")
    index = names if names else range(k)
    u, sv, vt = np.linalg.svd(xc / scale, full_matrices=False)
    if sv[0] > MAX_CONDITION * sv[-1]:
        near = np.abs(vt[-1])
        cols = [str(index[j]) for j in range(k) if near[j] >= 0.1 * near.max()]
        raise ValueError(f"attributes must not be nearly combinations of one another: the "
                         f"columns {', '.join(cols)} are nearly collinear (condition number of "
                         f"the standardised design {sv[0] / sv[-1]:.3g}, above "
                         f"{MAX_CONDITION:g}), so their regression weights would be noise")
    beta = np.linalg.lstsq(xc, yc, rcond=None)[0]
    b = np.clip(beta, 0, None)
    if b.sum() <= 0:
        raise ValueError("attributes has no attribute with a positive regression weight")
    out = pd.Series(b / b.sum(), index=index, name="weight")
    out.attrs["coefficients"] = pd.Series(beta, index=index, name="coefficient")
    return out


# ---------------------------------------------------------------- IPA

def importance_performance(importance: Any, performance: Any,
                           labels: Sequence[str] | None = None,
                           cut: str | tuple[float, float] = "mean") -> pd.DataFrame:
    """Importance–performance analysis: each attribute's quadrant.

    The grid's cross-hairs sit at the mean (or median) importance and
    performance of the attributes, or at a given ``(importance, performance)``
    point (Martilla & James, 1977). An attribute at a cross-hair counts as high.

    Parameters
    ----------
    importance, performance : array_like or Series
        One value per attribute (any consistent units, for example weights and
        mean scores). Series supply the labels.
    labels : sequence of str, optional
        Attribute names (default the Series index, or 0, 1, …).
    cut : {"mean", "median"} or (float, float)
        Where the quadrants divide.

    Returns
    -------
    pandas.DataFrame
        Columns ``importance``, ``performance``, ``quadrant``, indexed by attribute.

    Examples
    --------
    >>> ipa = importance_performance([0.4, 0.1, 0.3, 0.2], [3, 6, 6, 3],
    ...                              labels=["speed", "decor", "staff", "price"])
    >>> ipa["quadrant"].tolist()
    ['Concentrate here', 'Possible overkill', 'Keep up the good work', 'Low priority']
    """
    if labels is None:
        for s in (importance, performance):
            if isinstance(s, pd.Series):
                labels = [str(i) for i in s.index]
                break
    imp = v.array("importance", importance, ndim=1, min_size=2)
    perf = v.array("performance", performance, ndim=1, min_size=2)
    if imp.shape != perf.shape:
        raise ValueError(f"importance and performance must have the same length; got "
                         f"{imp.size} and {perf.size}")
    names = list(labels) if labels is not None else [str(i) for i in range(imp.size)]
    if len(names) != imp.size:
        raise ValueError(f"labels must name {imp.size} attributes; got {len(names)}")
    if isinstance(cut, str):
        v.one_of("cut", cut, ["mean", "median"])
        ci, cp = ((imp.mean(), perf.mean()) if cut == "mean"
                  else (float(np.median(imp)), float(np.median(perf))))
    else:
        try:
            ci, cp = cut
        except (TypeError, ValueError):
            raise ValueError(f"cut must be 'mean', 'median' or a pair; got {cut!r}") from None
        ci, cp = v.real("cut importance", ci), v.real("cut performance", cp)
    quadrant = [QUADRANTS[(bool(i >= ci), bool(p >= cp))] for i, p in zip(imp, perf)]
    frame = pd.DataFrame({"importance": imp, "performance": perf, "quadrant": quadrant},
                         index=pd.Index(names, name="attribute"))
    frame.attrs["cut"] = (float(ci), float(cp))
    return frame


def improvement_priorities(ipa: pd.DataFrame) -> pd.DataFrame:
    """The key factors to improve first: the "Concentrate here" attributes, most urgent first.

    Urgency is importance × shortfall, where the shortfall is how far the
    attribute's performance lies below the performance cross-hair.

    Examples
    --------
    >>> ipa = importance_performance([0.4, 0.1, 0.3, 0.2], [3, 6, 6, 3],
    ...                              labels=["speed", "decor", "staff", "price"])
    >>> improvement_priorities(ipa).index.tolist()
    ['speed']
    """
    if not {"importance", "performance", "quadrant"} <= set(ipa.columns):
        raise ValueError("ipa must be a frame from importance_performance()")
    cp = ipa.attrs.get("cut", (ipa["importance"].mean(), ipa["performance"].mean()))[1]
    out = ipa[ipa["quadrant"] == QUADRANTS[(True, False)]].copy()
    out["urgency"] = out["importance"] * (cp - out["performance"])
    return out.sort_values("urgency", ascending=False)


def survey_weights(survey: pd.DataFrame, weighting: str = "stated") -> pd.Series:
    """Dimension weights for a survey: stated, derived from the data, equal, or true.

    ``"stated"`` pools the respondents' importance points; ``"derived"`` uses
    :func:`correlation_weights` of the perceptions against ``overall``;
    ``"equal"`` gives each dimension a fifth; ``"true"`` is
    :func:`survey_true_weights`, the weights the course survey's generator used
    (known only because the survey is simulated).

    Examples
    --------
    >>> from csmlab.data import load_survey
    >>> round(float(survey_weights(load_survey(), "derived").sum()), 6)
    1.0
    """
    v.one_of("weighting", weighting, ["stated", "derived", "equal", "true"])
    parts = survey_dimensions(survey)
    if weighting == "true":
        w = survey_true_weights(survey)
    elif weighting == "stated":
        w = parts["weights"].sum()
    elif weighting == "derived":
        w = correlation_weights(parts["perceptions"], survey["overall"])
    else:
        w = pd.Series(1.0, index=list(DIMENSIONS))
    w = w / w.sum()
    w.index = pd.Index(list(DIMENSIONS), name="dimension")
    return w.rename("weight")


def stated_and_derived_weights(survey: pd.DataFrame) -> pd.DataFrame:
    """The survey's stated and derived importance weights side by side, as shares.

    Columns ``stated weight`` and ``derived weight`` (:func:`survey_weights`
    with each weighting), one row per SERVQUAL dimension; the frame tells
    :class:`csmlab.display.Table` to show both as shares.

    Examples
    --------
    >>> from csmlab.data import load_survey
    >>> w = stated_and_derived_weights(load_survey())
    >>> list(w.columns), [round(float(s), 6) for s in w.sum()]
    (['stated weight', 'derived weight'], [1.0, 1.0])
    """
    frame = survey_weights(survey, "stated").to_frame("stated weight")
    frame["derived weight"] = survey_weights(survey, "derived")
    frame.attrs["formats"] = {"stated weight": "share", "derived weight": "share"}
    return frame


def survey_true_weights(survey: pd.DataFrame) -> pd.Series:
    """The weights the course survey's generator really gave each dimension.

    The survey is simulated (``scripts/make_survey.py``), so what moves overall
    satisfaction is known: the latent overall score is ``spread × (gap_weight ×
    the guest's importance-weighted gap + level_weight × (mean perception −
    5.3))`` plus noise, with the three coefficients of the fact
    ``measurement.survey_overall_model`` (1.8, 1.1 and 0.5). One more scale
    point of perception on dimension *j* therefore raises guest *i*'s latent
    overall score by ``spread × (gap_weight × wᵢⱼ / 100 + level_weight × kⱼ /
    22)``, where wᵢⱼ are the guest's importance points and kⱼ the dimension's
    number of items (of 22). The true weight of a dimension is that effect
    averaged over the guests and normalised to sum to 1: what a method of
    derived importance should recover. It means nothing for a survey made any
    other way.

    Parameters
    ----------
    survey : DataFrame
        The course survey (:func:`csmlab.data.load_survey`), or one with its
        importance columns ``w_tangibles`` … ``w_empathy`` (points 0–100).

    Returns
    -------
    pandas.Series
        One weight per dimension, summing to 1; ``attrs["effects"]`` holds the
        unnormalised effects (overall-score points per perception point).

    Examples
    --------
    >>> from csmlab.data import load_survey
    >>> w = survey_true_weights(load_survey())
    >>> round(float(w.sum()), 6), w.idxmax()
    (1.0, 'reliability')
    """
    from csmlab.cases import value

    spread, gap_weight, level_weight = value("measurement.survey_overall_model")
    points = _matrix("survey importance points",
                     survey_dimensions(survey)["weights"], list(DIMENSIONS), 0, 100)
    items = np.array([SERVQUAL_ITEMS[d] for d in DIMENSIONS], dtype=float)
    effects = spread * (gap_weight * points / 100 + level_weight * items / items.sum())
    mean = effects.mean(axis=0)
    out = pd.Series(mean / mean.sum(), index=pd.Index(list(DIMENSIONS), name="dimension"),
                    name="weight")
    out.attrs["effects"] = pd.Series(mean, index=out.index)
    return out


def derived_weight_range(survey: pd.DataFrame, draws: int = 500, level: float = 0.9,
                         seed: int = 2026, method: str = "correlation") -> pd.DataFrame:
    """How far derived importance moves by chance: a bootstrap range for each derived weight.

    The guests are resampled with replacement ``draws`` times and the derived
    weights recomputed on each resample, by correlation
    (:func:`correlation_weights`) or by regression (:func:`regression_weights`);
    the range is the central ``level`` share of the results. A range
    says how much of a derived weight is sampling noise; a true weight outside
    it points to a bias of the method itself (a halo, for example), not to bad
    luck. Seeded, so the same every run.

    Parameters
    ----------
    survey : DataFrame
        As returned by :func:`csmlab.data.load_survey`.
    draws : int
        Number of resamples, at least 20.
    level : float
        Share of the resampled weights the range holds, strictly between 0 and 1.
    seed : int
        Seed of the resampling.
    method : {"correlation", "regression"}
        Which derived weights to resample.

    Returns
    -------
    pandas.DataFrame
        Columns ``derived low`` and ``derived high`` (``regression low`` and
        ``regression high`` for ``method="regression"``), shares, one row per
        dimension.

    Examples
    --------
    >>> from csmlab.data import load_survey
    >>> r = derived_weight_range(load_survey(), draws=50)
    >>> bool((r["derived low"] < r["derived high"]).all())
    True
    """
    draws = v.integer("draws", draws, 20, 100_000)
    seed = v.integer("seed", seed, 0, None)
    level = v.real("level", level, 0, 1, low_open=True, high_open=True)
    v.one_of("method", method, ["correlation", "regression"])
    derive = correlation_weights if method == "correlation" else regression_weights
    perceptions = survey_dimensions(survey)["perceptions"].to_numpy(dtype=float)
    overall = v.array("overall", survey["overall"], ndim=1)
    rng = np.random.default_rng(seed)
    n = len(overall)
    results = []
    for _ in range(draws):
        pick = rng.integers(0, n, n)
        try:
            results.append(derive(perceptions[pick], overall[pick]).to_numpy())
        except ValueError:       # a degenerate resample (a constant column): skip it
            continue
    if len(results) < 20:
        what = "correlations" if method == "correlation" else "regression weights"
        raise ValueError(f"survey must vary enough that at least 20 resamples give {what}")
    tail = (1 - level) / 2
    low, high = np.quantile(np.array(results), [tail, 1 - tail], axis=0)
    prefix = "derived" if method == "correlation" else "regression"
    frame = pd.DataFrame({f"{prefix} low": low, f"{prefix} high": high},
                         index=pd.Index(list(DIMENSIONS), name="dimension"))
    frame.attrs["formats"] = dict.fromkeys(frame.columns, "share")
    return frame


def importance_against_truth(survey: pd.DataFrame, draws: int = 500,
                             level: float = 0.9) -> pd.DataFrame:
    """True, stated and derived importance of the course survey side by side, as shares.

    Columns ``true weight`` (:func:`survey_true_weights`, known only because the
    survey is simulated), ``stated weight`` and ``derived weight``
    (:func:`survey_weights`: the derived weight is the correlation weight), the
    bootstrap range of the derived weight (:func:`derived_weight_range`,
    ``derived low`` and ``derived high``), then the same for the multiple
    regression: ``regression weight`` (:func:`regression_weights` of the
    perceptions against ``overall``), ``regression low`` and ``regression
    high``. One row per SERVQUAL dimension.

    Examples
    --------
    >>> from csmlab.data import load_survey
    >>> t = importance_against_truth(load_survey(), draws=50)
    >>> list(t.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['true weight', 'stated weight', 'derived weight', 'derived low', 'derived high',
     'regression weight', 'regression low', 'regression high']
    >>> t[["true weight", "stated weight", "derived weight", "regression weight"]].idxmax().tolist()
    ['reliability', 'reliability', 'reliability', 'reliability']
    """
    frame = survey_true_weights(survey).to_frame("true weight")
    frame["stated weight"] = survey_weights(survey, "stated")
    frame["derived weight"] = survey_weights(survey, "derived")
    frame = frame.join(derived_weight_range(survey, draws=draws, level=level))
    parts = survey_dimensions(survey)
    regression = regression_weights(parts["perceptions"], survey["overall"])
    frame["regression weight"] = regression.to_numpy()
    frame = frame.join(derived_weight_range(survey, draws=draws, level=level,
                                            method="regression"))
    frame.attrs["formats"] = dict.fromkeys(frame.columns, "share")
    return frame


def survey_ipa(survey: pd.DataFrame, weighting: str = "stated",
               cut: str | tuple[float, float] = "mean") -> pd.DataFrame:
    """Importance–performance analysis of a survey's five SERVQUAL dimensions.

    Importance is :func:`survey_weights` (stated or derived); performance is
    the mean perception (1–7). A fixed ``cut=(importance, performance)`` must
    lie where the two axes live: the importance cut in [0, 1] (the weights are
    shares) and the performance cut on the 1–7 scale; a cut outside them would
    file every attribute in one quadrant.

    Examples
    --------
    >>> from csmlab.data import load_survey
    >>> survey_ipa(load_survey()).loc["reliability", "quadrant"]
    'Concentrate here'
    """
    if not isinstance(cut, str):
        try:
            ci, cp = cut
        except (TypeError, ValueError):
            raise ValueError(f"cut must be 'mean', 'median' or a pair; got {cut!r}") from None
        cut = (v.real("cut importance", ci, 0, 1), v.real("cut performance", cp, 1, 7))
    perf = survey_dimensions(survey)["perceptions"].mean()
    return importance_performance(survey_weights(survey, weighting), perf, cut=cut)


# ---------------------------------------------------------------- improving the survey

@functools.lru_cache(maxsize=1)
def _survey_parts() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    from csmlab.data import load_survey

    survey = load_survey()
    parts = survey_dimensions(survey)
    return (parts["expectations"].to_numpy(), parts["perceptions"].to_numpy(),
            parts["weights"].to_numpy(dtype=float), survey["overall"].to_numpy(dtype=float))


@functools.lru_cache(maxsize=1)
def _survey_true() -> pd.Series:
    from csmlab.data import load_survey

    return survey_true_weights(load_survey())


@dataclass(frozen=True)
class ImprovementResult(Result):
    """Gaps and CSI of the course survey before and after an improvement.

    Attributes
    ----------
    before, after : pandas.DataFrame
        Per dimension: mean perception, gap and importance weight.
    csi_before, csi_after : float
        Perception CSI in index points (0–100), with the scenario's weights.
    gap_before, gap_after : float
        Weighted SERVQUAL score in scale points (1–7 scale).

    Examples
    --------
    >>> r = ImprovementScenario(dimension="reliability", lift=0.5).run()
    >>> r.to_frame().loc[["reliability gap", "CSI"], "unit"].tolist()
    ['scale points (1–7)', 'index points (0–100)']
    """

    before: pd.DataFrame
    after: pd.DataFrame
    csi_before: float
    csi_after: float
    gap_before: float
    gap_after: float

    def to_frame(self) -> pd.DataFrame:
        """One row per measure, each with its unit: the five dimension gaps and the weighted
        SERVQUAL score in scale points (1–7 scale), the CSI in index points (0–100), and the
        change from before to after. A gap and an index point are different units, so each
        row says which it is."""
        gap_unit, csi_unit = "scale points (1–7)", "index points (0–100)"
        rows = [{"measure": f"{dim} gap", "unit": gap_unit, "weight": self.before.loc[dim, "weight"],
                 "before": self.before.loc[dim, "gap"], "after": self.after.loc[dim, "gap"]}
                for dim in self.before.index]
        rows.append({"measure": "weighted SERVQUAL score", "unit": gap_unit, "weight": np.nan,
                     "before": self.gap_before, "after": self.gap_after})
        rows.append({"measure": "CSI", "unit": csi_unit, "weight": np.nan,
                     "before": self.csi_before, "after": self.csi_after})
        frame = pd.DataFrame(rows).set_index("measure")
        change = frame["after"] - frame["before"]
        # an untouched dimension shows no change, not a float residue such as 2e-16
        frame["change"] = change.where(~np.isclose(change, 0, rtol=0, atol=1e-12), 0.0)
        frame.attrs["formats"] = {"weight": "share"}
        return frame


@dataclass(frozen=True)
class ImprovementScenario(Scenario):
    """Raise perceived quality on one SERVQUAL dimension of the course survey.

    Parameters
    ----------
    dimension : str
        Which dimension improves.
    lift : float
        How many scale points every respondent's perception of it rises
        (capped at 7, the top of the scale).
    weighting : {"stated", "derived", "equal", "true"}
        CSI weights: the respondents' stated importance points, weights derived
        from each dimension's correlation with overall satisfaction, equal
        weights, or the weights the survey's generator really used
        (:func:`survey_true_weights`; known only because the survey is simulated).
    """

    dimension: str = param("reliability", "Dimension to improve", kind="choice",
                           options=DIMENSIONS, source="Parasuraman et al. (1988)")
    lift: float = param(0.5, "Lift in perception", low=0, high=3, unit="scale points (1–7)",
                        step=0.1, source="illustrative")
    weighting: str = param("stated", "CSI weights", kind="choice",
                           options=("stated", "derived", "equal", "true"))

    def run(self) -> ImprovementResult:
        """Recompute the gaps and CSI with the lifted perceptions."""
        e, p, w, overall = _survey_parts()
        j = DIMENSIONS.index(self.dimension)
        p2 = p.copy()
        p2[:, j] = np.minimum(p2[:, j] + self.lift, 7.0)
        if self.weighting == "stated":
            cw = w.sum(axis=0)
        elif self.weighting == "derived":
            cw = correlation_weights(p, overall).to_numpy()
        elif self.weighting == "true":
            cw = _survey_true().to_numpy()
        else:
            cw = np.ones(len(DIMENSIONS))
        cw = cw / cw.sum()

        def summary(perc: np.ndarray) -> tuple[pd.DataFrame, float, float]:
            r = servqual_gaps(e, perc, w)
            table = pd.DataFrame({"perception": r.perceptions, "gap": r.gaps,
                                  "weight": pd.Series(cw, index=r.gaps.index)})
            return table, float(np.mean(csi(perc, cw))), r.weighted_gap

        b, cb, gb = summary(p)
        a, ca, ga = summary(p2)
        return ImprovementResult(before=b, after=a, csi_before=cb, csi_after=ca,
                                 gap_before=gb, gap_after=ga)


@preset
def survey_improvement() -> ImprovementScenario:
    """Half a scale point better reliability for every guest in the course survey."""
    return ImprovementScenario()


# ---------------------------------------------------------------- the top box

def top_box_share(scores: Any, *, top: int) -> float:
    """Share of answers in the top box (the scale's highest score).

    ``top`` has no default: the caller states the top of the survey's scale,
    because answers below the top box cannot reveal a wrong one (a 1–5 survey
    read as 1–7 would silently have no top box). Every answer must be a whole
    number no higher than ``top``: an answer above it means the scale is wrong,
    so it is rejected.

    Examples
    --------
    >>> top_box_share([7, 6, 7, 5], top=7)
    0.5
    >>> top_box_share([7, 8, 6], top=7)
    Traceback (most recent call last):
    ...
    ValueError: scores must hold whole numbers in (-inf, 7]: the top box is 7 (is top= the top of the survey's scale?); element 1 is 8.0
    """
    top = v.integer("top", top)
    s = v.array("scores", scores, ndim=1)
    bad = (s > top) | (s != np.round(s))
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(f"scores must hold whole numbers in (-inf, {top}]: the top box is {top} "
                         f"(is top= the top of the survey's scale?); element {i} is {float(s[i])!r}")
    return float(np.mean(s == top))


def return_by_score(survey: pd.DataFrame, score: str = "overall",
                    outcome: str = "return_intent") -> pd.DataFrame:
    """Intention to return at each overall satisfaction score, with the step from the score below.

    Parameters
    ----------
    survey : DataFrame
        As returned by :func:`csmlab.data.load_survey`.
    score, outcome : str
        The score column (whole numbers) and the true/false outcome column.

    Returns
    -------
    pandas.DataFrame
        Indexed by score: ``respondents``, ``share`` of all respondents,
        ``return intent`` (share intending to return) and ``step`` (change from
        the next lower score present; missing for the lowest).

    Examples
    --------
    >>> from csmlab.data import load_survey
    >>> table = return_by_score(load_survey())
    >>> int(table["step"].idxmax())   # the biggest jump is into the top box
    7
    """
    for col in (score, outcome):
        if col not in survey.columns:
            raise ValueError(f"survey must have a column {col!r}")
    grouped = survey.groupby(score)[outcome]
    table = pd.DataFrame({"respondents": grouped.size(),
                          "share": grouped.size() / len(survey),
                          "return intent": grouped.mean().astype(float)})
    table["step"] = table["return intent"].diff()
    table.index.name = score
    return table


def same_csi_stores() -> pd.DataFrame:
    """Two department stores with the same reported CSI (87) and repurchase of 52.4% against 19.2%.

    Seed 002, slide 103, in the course's reading (the facts ``loyalty.store_*``
    in :mod:`csmlab.cases`, shared with :mod:`csmlab.loyalty`). The slide gives
    both stores an index of 87, but their answers do not average the same: the
    ``mean (0–100)`` column rescales each store's mean answer (1–5) to 0–100,
    (mean − 1) / 4 × 100, and gives about 57 and 49. So the slide's 87 is not
    the plain mean of the answers (the slide does not say how it was computed),
    and the stores differ far more at the top (33.5% against 5.5% completely
    satisfied) than in their means. Store Y's printed shares sum to 95.5%; its
    mean is taken over the printed shares (the missing 4.5 points spread in
    proportion, as :func:`csmlab.loyalty.store_shares` does by default).

    Returns
    -------
    pandas.DataFrame
        One row per store (X, Y): the five answer shares as printed (%),
        ``CSI`` (the slide's index, 0–100), ``mean (0–100)`` (the mean answer
        rescaled to 0–100) and ``repurchase`` (%).

    Examples
    --------
    >>> t = same_csi_stores()
    >>> t["CSI"].tolist(), t["repurchase"].tolist()
    ([87.0, 87.0], [52.4, 19.2])
    >>> t["completely satisfied"].tolist()
    [33.5, 5.5]
    >>> t["mean (0–100)"].round(1).tolist()
    [56.9, 48.5]
    """
    from csmlab.cases import value

    answers = ["completely dissatisfied", "dissatisfied", "neutral", "satisfied",
               "completely satisfied"]
    rows = {}
    for name, key, rate in zip(("Store X", "Store Y"),
                               ("loyalty.store_x_shares", "loyalty.store_y_shares"),
                               value("loyalty.store_repurchase")):
        shares = np.array(value(key), dtype=float)
        mean_answer = float(np.dot(np.arange(1, 6), shares) / shares.sum())
        row = dict(zip(answers, (float(x) for x in shares)))
        row.update({"CSI": float(value("loyalty.store_csi")),
                    "mean (0–100)": (mean_answer - 1) / 4 * 100, "repurchase": float(rate)})
        rows[name] = row
    frame = pd.DataFrame(rows).T[answers[::-1] + ["CSI", "mean (0–100)", "repurchase"]]
    frame.index.name = "store"
    return frame


def tolerance_zone(perceived: Any, adequate: Any, desired: Any,
                   labels: Sequence[str] | None = None,
                   scale: tuple[float, float] | None = (1, 7)) -> pd.DataFrame:
    """Where each attribute's perceived service falls against the zone of tolerance.

    The zone of tolerance runs from the *adequate* level (the least a customer
    will accept) to the *desired* level (what the customer hopes for)
    (Zeithaml, Berry & Parasuraman, 1993). Service below the adequate level
    dissatisfies, service inside the zone is tolerated, service above the
    desired level delights. The two distances are the measure of service
    adequacy (MSA = perceived − adequate) and of service superiority
    (MSS = perceived − desired).

    Parameters
    ----------
    perceived, adequate, desired : array_like
        One value per attribute, on the same rating scale; ``desired`` must
        not lie below ``adequate``.
    labels : sequence of str, optional
        Attribute names, distinct (default 0, 1, …); one string is refused,
        not split into characters.
    scale : (float, float) or None
        The rating scale's ends (default the 1–7 scale of SERVQUAL); every
        level must lie on it, so a 9 typed on a 1–7 scale is an error, not a
        delight. ``None`` skips the check.

    Returns
    -------
    pandas.DataFrame
        Columns ``perceived``, ``adequate``, ``desired``, ``adequacy`` (MSA),
        ``superiority`` (MSS), ``zone width`` and ``position`` ("below the
        zone", "inside the zone" or "above the zone"), indexed by attribute.

    Examples
    --------
    >>> t = tolerance_zone([5.0, 5.5, 6.8], [4.5, 5.8, 5.0], [6.2, 6.5, 6.5],
    ...                    labels=["check-in", "room", "breakfast"])
    >>> t["position"].tolist()
    ['inside the zone', 'below the zone', 'above the zone']
    >>> round(float(t.loc["room", "adequacy"]), 2)
    -0.3
    """
    low, high = _scale(scale) if scale is not None else (None, None)
    p = v.array("perceived", perceived, low, high, ndim=1)
    a = v.array("adequate", adequate, low, high, ndim=1)
    d = v.array("desired", desired, low, high, ndim=1)
    if not (len(p) == len(a) == len(d)):
        raise ValueError(f"perceived, adequate and desired must have the same length; got "
                         f"{len(p)}, {len(a)} and {len(d)}")
    if np.any(d < a):
        bad = int(np.argmax(d < a))
        raise ValueError(f"desired must not lie below adequate; attribute {bad} has desired "
                         f"{d[bad]:g} < adequate {a[bad]:g}")
    if isinstance(labels, (str, bytes)):
        raise ValueError(f"labels must be a sequence of {len(p)} names, not one string; "
                         f"got {labels!r}")
    index = list(labels) if labels is not None else list(range(len(p)))
    if len(index) != len(p):
        raise ValueError(f"labels must have {len(p)} names; got {len(index)}")
    repeated = sorted({str(x) for x in index if index.count(x) > 1})
    if repeated:
        raise ValueError(f"labels must be distinct names; repeated: {', '.join(repeated)}")
    position = np.where(p < a, "below the zone", np.where(p > d, "above the zone",
                                                          "inside the zone"))
    frame = pd.DataFrame({"perceived": p, "adequate": a, "desired": d,
                          "adequacy": p - a, "superiority": p - d, "zone width": d - a,
                          "position": position}, index=index)
    frame.index.name = "attribute"
    return frame


# Names that lived here before the package was split by chapter (0.2.0). An old import
# such as ``from csmlab.measurement import service_profit_chain`` still works, with a
# warning that names the new home; nothing new should use these.
_MOVED = {
    **dict.fromkeys(["ServiceProfitChainScenario", "ServiceProfitChainResult",
                     "service_profit_chain", "EMPOWERMENT_FACTORS", "EMPOWERMENT_LEVELS",
                     "empowerment_level"], "csmlab.organisation"),
    **dict.fromkeys(["AWARD_CRITERIA", "award_score", "AwardScenario", "AwardResult",
                     "presidential_award_example", "encounter_impression", "MomentsScenario",
                     "MomentsResult", "one_bad_moment", "voc_crosstab", "qcds_summary",
                     "CONVENTION_CENTRE_CYCLE", "cycle_of_service", "MotCycleScenario",
                     "MotCycleResult", "convention_centre_cycle"], "csmlab.moments"),
    **dict.fromkeys(["customer_value", "ValueScenario"], "csmlab.value"),
}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        import importlib
        import warnings

        home = _MOVED[name]
        warnings.warn(f"csmlab.measurement.{name} has moved to {home}.{name}; import it "
                      f"from {home}", FutureWarning, stacklevel=2)
        return getattr(importlib.import_module(home), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
