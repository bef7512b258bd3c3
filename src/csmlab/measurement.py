"""Measuring satisfaction and service quality: SERVQUAL, CSI, IPA, award scoring, MOT.

The tools of the seeds' measurement chapters (seed 002, slides 13–14, 20, 24,
37–50; seed 003, block 6), each as a plain function on arrays or frames plus,
where a question has a few scalar inputs, a scenario for the explorer:

* :func:`servqual_gaps` — SERVQUAL gap scores, perception − expectation, for
  the five dimensions, unweighted and importance-weighted, per respondent and
  overall (Parasuraman, Zeithaml & Berry, 1988).
* :func:`csi` — a customer satisfaction index from 0 (every attribute at the
  bottom of the scale) to 100 (every attribute at the top), with given weights
  or weights derived from the data by :func:`correlation_weights`.
* :func:`importance_performance` — importance–performance analysis (Martilla &
  James, 1977): each attribute's quadrant, and :func:`improvement_priorities`,
  the key factors to improve first.
* :func:`award_score` and :class:`AwardScenario` — the seven-criterion,
  1,000-point scoring sheet of Korea's Presidential Consumer Satisfaction
  Award (seed 002, slide 13).
* :func:`encounter_impression` and :class:`MomentsScenario` — the moments-of-
  truth rule that one bad moment spoils the whole encounter: the overall
  impression multiplies the moments' scores instead of averaging them.
* :class:`ImprovementScenario` — what raising perceived quality on one
  SERVQUAL dimension does to the gaps and the CSI of the course survey.
* :class:`ServiceProfitChainScenario` — the service-profit chain (Heskett et
  al., 1994) as a small chain of elasticities.
* :func:`return_by_score`, :func:`top_box_share` and :func:`same_csi_stores`
  — loyalty jumps at the top box: the course survey, and two department stores
  with the same CSI and very different repurchase (seed 002, slide 103).
* :func:`voc_crosstab` and :func:`qcds_summary` — classify and tally
  voice-of-the-customer records (:func:`csmlab.data.load_voc`) by channel,
  type, QCDS heading and moment of truth (seed 002, slides 44–45, 62).
* :func:`cycle_of_service` and :class:`MotCycleScenario` — a cycle of service
  (MOT circle) whose overall experience is the product of the moments'
  chances of going right (a course assumption).

The customer value formula, (quality × service) / (price × time), lives in
:mod:`csmlab.value` and is re-exported here (:func:`customer_value`).

Examples
--------
>>> round(csi([7, 7, 7], scale=(1, 7)), 1), round(csi([1, 1, 1], scale=(1, 7)), 1)
(100.0, 0.0)
>>> gaps = servqual_gaps([[6, 6, 6, 6, 6]], [[5, 6, 7, 6, 4]])
>>> gaps.overall_gap
-0.4
>>> round(encounter_impression([0.9, 0.9, 0.1]), 3)
0.081
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from csmlab import validation as v
from csmlab.cases.measurement import AWARD_POINTS
from csmlab.data import SERVQUAL_ITEMS
from csmlab.scenario import Result, Scenario, param, preset
from csmlab.value import ValueScenario, customer_value

__all__ = [
    "DIMENSIONS", "QUADRANTS", "AWARD_CRITERIA",
    "servqual_gaps", "ServqualResult", "survey_dimensions",
    "csi", "correlation_weights",
    "importance_performance", "improvement_priorities", "survey_weights", "survey_ipa",
    "award_score", "AwardScenario", "AwardResult", "presidential_award_example",
    "encounter_impression", "MomentsScenario", "MomentsResult", "one_bad_moment",
    "ImprovementScenario", "ImprovementResult", "survey_improvement",
    "ServiceProfitChainScenario", "ServiceProfitChainResult", "service_profit_chain",
    "customer_value", "ValueScenario",
    "top_box_share", "return_by_score", "same_csi_stores", "tolerance_zone",
    "voc_crosstab", "qcds_summary",
    "CONVENTION_CENTRE_CYCLE", "cycle_of_service", "MotCycleScenario", "MotCycleResult",
    "convention_centre_cycle",
    "EMPOWERMENT_FACTORS", "EMPOWERMENT_LEVELS", "empowerment_level",
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


#: The award's seven criteria and their maximum points (seed 002, slide 13).
AWARD_CRITERIA: dict[str, int] = dict(AWARD_POINTS)


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
    the simplest "derived importance"; regression weights are a common
    alternative.

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
    x = v.array("attributes", attributes, ndim=2)
    y = v.array("overall", overall, ndim=1)
    if x.shape[0] != y.shape[0]:
        raise ValueError(f"attributes and overall must have the same number of respondents; "
                         f"got {x.shape[0]} and {y.shape[0]}")
    if x.shape[0] < 3:
        raise ValueError("attributes must hold at least 3 respondents to estimate correlations")
    xc = x - x.mean(axis=0)
    yc = y - y.mean()
    denom = np.sqrt((xc ** 2).sum(axis=0) * (yc ** 2).sum())
    if np.any(denom == 0):
        raise ValueError("attributes and overall must vary across respondents (a constant "
                         "column has no correlation)")
    r = np.clip((xc * yc[:, None]).sum(axis=0) / denom, 0, None)
    if r.sum() == 0:
        raise ValueError("attributes has no attribute positively correlated with overall")
    return pd.Series(r / r.sum(), index=names if names else range(x.shape[1]), name="weight")


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
    """Dimension weights for a survey: stated, derived from the data, or equal.

    ``"stated"`` pools the respondents' importance points; ``"derived"`` uses
    :func:`correlation_weights` of the perceptions against ``overall``;
    ``"equal"`` gives each dimension a fifth.

    Examples
    --------
    >>> from csmlab.data import load_survey
    >>> round(float(survey_weights(load_survey(), "derived").sum()), 6)
    1.0
    """
    v.one_of("weighting", weighting, ["stated", "derived", "equal"])
    parts = survey_dimensions(survey)
    if weighting == "stated":
        w = parts["weights"].sum()
    elif weighting == "derived":
        w = correlation_weights(parts["perceptions"], survey["overall"])
    else:
        w = pd.Series(1.0, index=list(DIMENSIONS))
    w = w / w.sum()
    w.index = pd.Index(list(DIMENSIONS), name="dimension")
    return w.rename("weight")


def survey_ipa(survey: pd.DataFrame, weighting: str = "stated",
               cut: str | tuple[float, float] = "mean") -> pd.DataFrame:
    """Importance–performance analysis of a survey's five SERVQUAL dimensions.

    Importance is :func:`survey_weights` (stated or derived); performance is
    the mean perception (1–7).

    Examples
    --------
    >>> from csmlab.data import load_survey
    >>> survey_ipa(load_survey()).loc["reliability", "quadrant"]
    'Concentrate here'
    """
    perf = survey_dimensions(survey)["perceptions"].mean()
    return importance_performance(survey_weights(survey, weighting), perf, cut=cut)


# ---------------------------------------------------------------- award sheet

@dataclass(frozen=True)
class AwardResult(Result):
    """Points earned on the award sheet.

    Attributes
    ----------
    points : dict
        Points earned per criterion.
    maximum : dict
        Maximum points per criterion.
    total : float
        Points earned out of 1,000.
    weakest : str
        The criterion with the most points left on the table.
    """

    points: dict[str, float]
    maximum: dict[str, int]
    total: float
    weakest: str

    def to_frame(self) -> pd.DataFrame:
        """One row per criterion: maximum, earned, and points missed."""
        frame = pd.DataFrame({"maximum": pd.Series(self.maximum, dtype=float),
                              "earned": pd.Series(self.points)})
        frame["missed"] = frame["maximum"] - frame["earned"]
        frame.index.name = "criterion"
        return frame


def award_score(achievement: Mapping[str, float] | Sequence[float]) -> AwardResult:
    """Score a firm on the seven-criterion, 1,000-point award sheet.

    Parameters
    ----------
    achievement : mapping or sequence of float
        Share of each criterion's maximum achieved, 0–1, by criterion name or in
        the order of :data:`AWARD_CRITERIA`.

    Returns
    -------
    AwardResult

    Examples
    --------
    >>> award_score([1.0] * 7).total
    1000.0
    >>> award_score([0.5] * 7).weakest
    'Business results of CS'
    """
    names = list(AWARD_CRITERIA)
    if isinstance(achievement, Mapping):
        unknown = [k for k in achievement if k not in AWARD_CRITERIA]
        missing = [k for k in names if k not in achievement]
        if unknown or missing:
            raise ValueError(f"achievement must name the seven criteria; "
                             f"unknown {unknown}, missing {missing}")
        values = [achievement[k] for k in names]
    else:
        values = achievement
    shares = v.array("achievement", values, 0, 1, ndim=1, what="shares")
    if shares.size != len(names):
        raise ValueError(f"achievement must hold {len(names)} shares; got {shares.size}")
    points = {k: float(s * AWARD_CRITERIA[k]) for k, s in zip(names, shares)}
    missed = {k: AWARD_CRITERIA[k] - points[k] for k in names}
    return AwardResult(points=points, maximum=dict(AWARD_CRITERIA),
                       total=float(sum(points.values())), weakest=max(missed, key=missed.get))


_AWARD_SRC = "seed 002, slide 13 (maximum points); achievement illustrative"


@dataclass(frozen=True)
class AwardScenario(Scenario):
    """A firm's achievement on each criterion of the award sheet (share of the maximum).

    Parameters
    ----------
    strategy, information, voc, mot, liability, ethics, results : float
        Share (0–1) of the maximum points achieved on, in order: CS strategy and
        leadership (150), CS information management (150), VOC system and
        communication (150), distribution and MOT management (100),
        product-liability measures and after-sales (150), fair trade and
        ethics (100), business results of CS (200).
    """

    strategy: float = param(0.8, "CS strategy and leadership", kind="probability",
                            unit="share of 150", source=_AWARD_SRC)
    information: float = param(0.6, "CS information management", kind="probability",
                               unit="share of 150", source=_AWARD_SRC)
    voc: float = param(0.7, "VOC system and communication", kind="probability",
                       unit="share of 150", source=_AWARD_SRC)
    mot: float = param(0.5, "Distribution and MOT management", kind="probability",
                       unit="share of 100", source=_AWARD_SRC)
    liability: float = param(0.7, "Product liability and after-sales", kind="probability",
                             unit="share of 150", source=_AWARD_SRC)
    ethics: float = param(0.9, "Fair trade and ethics", kind="probability",
                          unit="share of 100", source=_AWARD_SRC)
    results: float = param(0.6, "Business results of CS", kind="probability",
                           unit="share of 200", source=_AWARD_SRC)

    def run(self) -> AwardResult:
        """Score the firm on the 1,000-point sheet."""
        return award_score([self.strategy, self.information, self.voc, self.mot,
                            self.liability, self.ethics, self.results])


@preset
def presidential_award_example() -> AwardScenario:
    """An illustrative applicant (the achievement shares are not from a source)."""
    return AwardScenario()


# ---------------------------------------------------------------- moments of truth

def encounter_impression(moments: Any, rule: str = "multiply") -> float:
    """Overall impression of an encounter from the scores of its moments of truth.

    Parameters
    ----------
    moments : array_like
        Each moment's score, 0 (a disaster) to 1 (perfect).
    rule : {"multiply", "average"}
        ``"multiply"``: the moments' product, so one bad moment spoils the
        whole encounter (a course assumption that makes the MOT idea into
        arithmetic; no seed states it as a formula);
        ``"average"``: their mean, the naive view the rule argues against.

    Examples
    --------
    >>> encounter_impression([1, 1, 1, 0])
    0.0
    >>> encounter_impression([1, 1, 1, 0], rule="average")
    0.75
    """
    scores = v.array("moments", moments, 0, 1, ndim=1, what="scores")
    v.one_of("rule", rule, ["multiply", "average"])
    return float(np.prod(scores)) if rule == "multiply" else float(scores.mean())


@dataclass(frozen=True)
class MomentsResult(Result):
    """An encounter scored by the multiplying and the averaging rule.

    Attributes
    ----------
    scores : tuple of float
        Each moment's score (0–1), the bad one last.
    multiplied, averaged : float
        The overall impression under each rule (0–1).
    without_bad : float
        The multiplied impression if the bad moment had been as good as the others.
    """

    scores: tuple[float, ...]
    multiplied: float
    averaged: float
    without_bad: float

    def to_frame(self) -> pd.DataFrame:
        """The impression under each rule, as a share and on a 0–100 scale."""
        rows = {"average of the moments": self.averaged,
                "product of the moments": self.multiplied,
                "product without the bad moment": self.without_bad}
        frame = pd.DataFrame({"impression": rows})
        frame["score 0–100"] = frame["impression"] * 100
        frame.index.name = "rule"
        return frame


@dataclass(frozen=True)
class MomentsScenario(Scenario):
    """An encounter of several moments of truth, all good but one.

    Parameters
    ----------
    moments : int
        Number of moments of truth in the encounter (1–30).
    good : float
        Score of each good moment, 0–1.
    bad : float
        Score of the one bad moment, 0–1 (set it equal to ``good`` for none).
    """

    moments: int = param(10, "Moments of truth", kind="integer", low=1, high=30,
                         unit="contacts", doc="Contacts in one encounter",
                         source="illustrative (seed 002, slides 37–43 for the MOT cycle)")
    good: float = param(0.95, "Score of a good moment", kind="probability", unit="share",
                        step=0.01, source="illustrative")
    bad: float = param(0.2, "Score of the bad moment", kind="probability", unit="share",
                       step=0.01, source="illustrative")

    explorer_fields = ("moments", "good", "bad")

    def run(self) -> MomentsResult:
        """Score the encounter both ways."""
        scores = (self.good,) * (self.moments - 1) + (self.bad,)
        return MomentsResult(scores=scores,
                             multiplied=encounter_impression(scores),
                             averaged=encounter_impression(scores, rule="average"),
                             without_bad=self.good ** self.moments)


@preset
def one_bad_moment() -> MomentsScenario:
    """Ten contacts at 0.95 each, one of them at 0.2 (illustrative)."""
    return MomentsScenario()


# ---------------------------------------------------------------- improving the survey

@functools.lru_cache(maxsize=1)
def _survey_parts() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    from csmlab.data import load_survey

    survey = load_survey()
    parts = survey_dimensions(survey)
    return (parts["expectations"].to_numpy(), parts["perceptions"].to_numpy(),
            parts["weights"].to_numpy(dtype=float), survey["overall"].to_numpy(dtype=float))


@dataclass(frozen=True)
class ImprovementResult(Result):
    """Gaps and CSI of the course survey before and after an improvement.

    Attributes
    ----------
    before, after : pandas.DataFrame
        Per dimension: mean perception, gap and importance weight.
    csi_before, csi_after : float
        Perception CSI (0–100) with the stated weights.
    gap_before, gap_after : float
        Weighted SERVQUAL score (scale points).
    """

    before: pd.DataFrame
    after: pd.DataFrame
    csi_before: float
    csi_after: float
    gap_before: float
    gap_after: float

    def to_frame(self) -> pd.DataFrame:
        """Per dimension: gap before and after, and its weight; plus the two summary rows."""
        frame = pd.DataFrame({"weight": self.before["weight"],
                              "gap before": self.before["gap"],
                              "gap after": self.after["gap"]})
        frame.loc["weighted SERVQUAL score"] = [np.nan, self.gap_before, self.gap_after]
        frame.loc["CSI (0–100)"] = [np.nan, self.csi_before, self.csi_after]
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
    weighting : {"stated", "derived", "equal"}
        CSI weights: the respondents' stated importance points, weights derived
        from each dimension's correlation with overall satisfaction, or equal.
    """

    dimension: str = param("reliability", "Dimension to improve", kind="choice",
                           options=DIMENSIONS, source="Parasuraman et al. (1988)")
    lift: float = param(0.5, "Lift in perception", low=0, high=3, unit="scale points (1–7)",
                        step=0.1, source="illustrative")
    weighting: str = param("stated", "CSI weights", kind="choice",
                           options=("stated", "derived", "equal"))

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


# ---------------------------------------------------------------- service-profit chain

@dataclass(frozen=True)
class ServiceProfitChainResult(Result):
    """Each link of the chain after a change in employee satisfaction.

    Attributes
    ----------
    links : dict
        Relative change (share) of each quantity along the chain.
    profit_change : float
        Relative change in profit.
    """

    links: dict[str, float]
    profit_change: float

    def to_frame(self) -> pd.DataFrame:
        """One row per link, in chain order, with the relative change in percent."""
        frame = pd.DataFrame({"change (%)": {k: x * 100 for k, x in self.links.items()}})
        frame.index.name = "link"
        return frame


@dataclass(frozen=True)
class ServiceProfitChainScenario(Scenario):
    """The service-profit chain as a chain of elasticities (Heskett et al., 1994).

    A relative change in employee satisfaction passes down the chain:
    employee satisfaction → employee retention and productivity → service
    value → customer satisfaction → customer loyalty → revenue → profit. Each
    link multiplies the relative change by its elasticity. Of the extra
    revenue, the share ``contribution`` becomes extra profit (the rest is
    variable cost); the programme that raised employee
    satisfaction costs ``programme_cost`` (a share of revenue). Relative to
    today's profit (``margin`` × revenue) the change in profit is

        (Δrevenue × contribution − programme_cost) / margin,

    so a thin margin magnifies both the gain and the cost (operating leverage).
    The elasticities are illustrative: Heskett et al. describe the links, not
    these numbers.

    Parameters
    ----------
    employee_change : float
        Relative change in employee satisfaction (0.10 = 10% higher).
    e_employee, e_value, e_satisfaction, e_loyalty, e_revenue : float
        Elasticity of each link (the relative change passed on per unit of
        relative change received).
    contribution : float
        Share of extra revenue that is extra profit (1 − variable cost share).
    programme_cost : float
        Yearly cost of the employee programme, as a share of revenue.
    margin : float
        Today's profit margin on revenue (0–1, above 0).

    Examples
    --------
    >>> r = ServiceProfitChainScenario().run()
    >>> round(r.links["revenue"], 5), round(r.profit_change, 4)
    (0.05184, 0.1074)
    """

    employee_change: float = param(0.10, "Change in employee satisfaction", low=-0.5, high=0.5,
                                   unit="share", step=0.01, source="illustrative")
    e_employee: float = param(0.8, "Retention and productivity per employee satisfaction",
                              low=0, high=2, unit="elasticity", step=0.05,
                              source="illustrative; link described in heskett1994")
    e_value: float = param(0.75, "Service value per retention and productivity", low=0, high=2,
                           unit="elasticity", step=0.05, source="illustrative")
    e_satisfaction: float = param(0.8, "Customer satisfaction per service value", low=0,
                                  high=2, unit="elasticity", step=0.05, source="illustrative")
    e_loyalty: float = param(1.2, "Loyalty per customer satisfaction", low=0, high=3,
                             unit="elasticity", step=0.05,
                             source="illustrative; non-linear link in jones1995")
    e_revenue: float = param(0.9, "Revenue per loyalty", low=0, high=2, unit="elasticity",
                             step=0.05, source="illustrative")
    contribution: float = param(0.4, "Contribution on extra revenue", kind="probability",
                                unit="share", step=0.05, source="illustrative")
    programme_cost: float = param(0.01, "Programme cost", low=0, high=0.5, unit="share of revenue",
                                  slider=(0, 0.1), step=0.005, source="illustrative")
    margin: float = param(0.10, "Profit margin", low=0, high=1, low_open=True, unit="share",
                          slider=(0.02, 0.5), step=0.01, source="illustrative")

    explorer_fields = ("employee_change", "e_employee", "e_loyalty", "contribution",
                       "programme_cost", "margin")

    def run(self) -> ServiceProfitChainResult:
        """Pass the change down the chain."""
        links = {"employee satisfaction": self.employee_change}
        x = self.employee_change
        for name, e in (("employee retention and productivity", self.e_employee),
                        ("service value", self.e_value),
                        ("customer satisfaction", self.e_satisfaction),
                        ("customer loyalty", self.e_loyalty), ("revenue", self.e_revenue)):
            x = x * e
            links[name] = x
        profit = (x * self.contribution - self.programme_cost) / self.margin
        links["profit"] = profit
        return ServiceProfitChainResult(links=links, profit_change=profit)


@preset
def service_profit_chain() -> ServiceProfitChainScenario:
    """A 10% rise in employee satisfaction through illustrative elasticities (not from a source)."""
    return ServiceProfitChainScenario()


# ---------------------------------------------------------------- the top box

def top_box_share(scores: Any, top: float = 7) -> float:
    """Share of answers in the top box (the scale's highest score).

    Examples
    --------
    >>> top_box_share([7, 6, 7, 5])
    0.5
    """
    s = v.array("scores", scores, ndim=1)
    top = v.real("top", top)
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
    """Two department stores with the same CSI (87) and repurchase of 52.4% against 19.2%.

    Seed 002, slide 103, in the course's reading (the facts ``loyalty.store_*``
    in :mod:`csmlab.cases`, shared with :mod:`csmlab.loyalty`): the CSI, an
    average, hides how many customers are *completely* satisfied, and
    repurchase follows those. Store Y's printed shares sum to 95.5%.

    Returns
    -------
    pandas.DataFrame
        One row per store (X, Y): the five answer shares (%), ``CSI`` and
        ``repurchase`` (%).

    Examples
    --------
    >>> t = same_csi_stores()
    >>> t["CSI"].tolist(), t["repurchase"].tolist()
    ([87.0, 87.0], [52.4, 19.2])
    >>> t["completely satisfied"].tolist()
    [33.5, 5.5]
    """
    from csmlab.cases import value

    answers = ["completely dissatisfied", "dissatisfied", "neutral", "satisfied",
               "completely satisfied"]
    rows = {}
    for name, key, rate in zip(("Store X", "Store Y"),
                               ("loyalty.store_x_shares", "loyalty.store_y_shares"),
                               value("loyalty.store_repurchase")):
        row = dict(zip(answers, (float(x) for x in value(key))))
        row.update({"CSI": float(value("loyalty.store_csi")), "repurchase": float(rate)})
        rows[name] = row
    frame = pd.DataFrame(rows).T[answers[::-1] + ["CSI", "repurchase"]]
    frame.index.name = "store"
    return frame


def tolerance_zone(perceived: Any, adequate: Any, desired: Any,
                   labels: Sequence[str] | None = None) -> pd.DataFrame:
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
        Attribute names (default 0, 1, …).

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
    p = v.array("perceived", perceived, ndim=1)
    a = v.array("adequate", adequate, ndim=1)
    d = v.array("desired", desired, ndim=1)
    if not (len(p) == len(a) == len(d)):
        raise ValueError(f"perceived, adequate and desired must have the same length; got "
                         f"{len(p)}, {len(a)} and {len(d)}")
    if np.any(d < a):
        bad = int(np.argmax(d < a))
        raise ValueError(f"desired must not lie below adequate; attribute {bad} has desired "
                         f"{d[bad]:g} < adequate {a[bad]:g}")
    index = list(labels) if labels is not None else list(range(len(p)))
    if len(index) != len(p):
        raise ValueError(f"labels must have {len(p)} names; got {len(index)}")
    position = np.where(p < a, "below the zone", np.where(p > d, "above the zone",
                                                          "inside the zone"))
    frame = pd.DataFrame({"perceived": p, "adequate": a, "desired": d,
                          "adequacy": p - a, "superiority": p - d, "zone width": d - a,
                          "position": position}, index=index)
    frame.index.name = "attribute"
    return frame


# ---------------------------------------------------------------- VOC

def voc_crosstab(voc: pd.DataFrame, rows: str = "channel", columns: str = "type",
                 totals: bool = True) -> pd.DataFrame:
    """Count VOC records by two of their labels (by default channel × type).

    Parameters
    ----------
    voc : DataFrame
        As returned by :func:`csmlab.data.load_voc`.
    rows, columns : str
        Columns to cross (``channel``, ``type``, ``qcds``, ``moment``).
    totals : bool
        Add a ``total`` row and column.

    Examples
    --------
    >>> from csmlab.data import load_voc
    >>> table = voc_crosstab(load_voc())
    >>> int(table.loc["total", "total"])
    36
    """
    for col in (rows, columns):
        if col not in voc.columns:
            raise ValueError(f"voc must have a column {col!r}; it has {', '.join(voc.columns)}")
    table = pd.crosstab(voc[rows], voc[columns], margins=totals, margins_name="total")
    return table


def qcds_summary(voc: pd.DataFrame) -> pd.DataFrame:
    """VOC by QCDS heading: records, complaints and claims, mean severity, and a priority rank.

    The priority is the sum of the severities of the complaints and claims
    under each heading (many serious problems first), the count a workshop uses
    to pick a core process to redesign (seed 002, slides 61–62).

    Examples
    --------
    >>> from csmlab.data import load_voc
    >>> qcds_summary(load_voc())["priority"].idxmin()
    'quality'
    """
    from csmlab.data import QCDS

    if not {"qcds", "type", "severity"} <= set(voc.columns):
        raise ValueError("voc must have the columns qcds, type and severity (see load_voc)")
    problems = voc[voc["type"].isin(["complaint", "claim"])]
    table = pd.DataFrame({
        "records": voc.groupby("qcds").size(),
        "complaints and claims": problems.groupby("qcds").size(),
        "mean severity": voc.groupby("qcds")["severity"].mean(),
        "severity of problems": problems.groupby("qcds")["severity"].sum(),
    }).reindex([q for q in QCDS if q in set(voc["qcds"])]).fillna(0)
    for col in ("records", "complaints and claims", "severity of problems"):
        table[col] = table[col].astype(int)
    table["priority"] = table["severity of problems"].rank(ascending=False,
                                                           method="min").astype(int)
    table.index.name = "qcds"
    return table


# ---------------------------------------------------------------- the MOT cycle

#: The course's worked MOT cycle: a delegate's day at a convention centre. Each moment:
#: its main component (hardware, software or human; seed 002, slide 38) and an
#: illustrative chance that it goes right. The names match ``csmlab.data.VOC_MOMENTS``.
CONVENTION_CENTRE_CYCLE: tuple[tuple[str, str, float], ...] = (
    ("booking", "software", 0.98),
    ("arrival", "hardware", 0.90),
    ("registration", "human", 0.95),
    ("wayfinding", "hardware", 0.96),
    ("session room", "hardware", 0.97),
    ("coffee break", "human", 0.93),
    ("toilets", "hardware", 0.92),
    ("wi-fi", "hardware", 0.90),
    ("networking", "hardware", 0.95),
    ("lunch", "human", 0.97),
    ("departure", "software", 0.94),
    ("follow-up", "software", 0.95),
)

_CYCLE_SRC = "illustrative; moments after seed 002, slides 38–40"


@dataclass(frozen=True)
class MotCycleResult(Result):
    """A cycle of service scored moment by moment.

    Attributes
    ----------
    moments : pandas.DataFrame
        One row per moment, in cycle order: ``component``, ``success`` (chance
        it goes right), ``cumulative`` (chance that everything so far went
        right) and ``cycle if fixed`` (the whole cycle's chance if this moment
        never failed).
    whole_cycle : float
        Chance that every moment goes right: the product of the moments.
    average : float
        The mean of the moments, the naive score the product argues against.
    failures : float
        Expected number of moments that go wrong per customer.
    weakest : str
        The moment whose fixing raises the whole cycle most.
    """

    moments: pd.DataFrame
    whole_cycle: float
    average: float
    failures: float
    weakest: str

    def to_frame(self) -> pd.DataFrame:
        """The moments table (success, cumulative, cycle if fixed)."""
        return self.moments


@dataclass(frozen=True)
class MotCycleScenario(Scenario):
    """A convention-centre delegate's cycle of service, twelve moments of truth.

    The overall experience is modelled as the product of the chances that each
    moment goes right: a delegate has a flawless day only if every moment goes
    right, and one failure is enough to spoil the day. This is a course
    assumption that makes the MOT idea ("each moment can lose the customer")
    into arithmetic, and it treats the moments as independent; no seed states
    the rule. Twelve moments at 95% each give 0.95¹² ≈ 54%.

    Parameters
    ----------
    p_booking, p_arrival, p_registration, p_wayfinding, p_session_room,
    p_coffee_break, p_toilets, p_wifi, p_networking, p_lunch, p_departure,
    p_follow_up : float
        Chance (0–1) that each moment goes right, in cycle order. Defaults
        are illustrative (:data:`CONVENTION_CENTRE_CYCLE`).

    Examples
    --------
    >>> r = MotCycleScenario().run()
    >>> round(r.whole_cycle, 3), round(r.average, 3), r.weakest
    (0.494, 0.943, 'arrival')
    """

    p_booking: float = param(0.98, "Booking", kind="probability", unit="chance it goes right",
                             step=0.01, source=_CYCLE_SRC)
    p_arrival: float = param(0.90, "Arrival and parking", kind="probability",
                             unit="chance it goes right", step=0.01, source=_CYCLE_SRC)
    p_registration: float = param(0.95, "Registration", kind="probability",
                                  unit="chance it goes right", step=0.01, source=_CYCLE_SRC)
    p_wayfinding: float = param(0.96, "Finding the room", kind="probability",
                                unit="chance it goes right", step=0.01, source=_CYCLE_SRC)
    p_session_room: float = param(0.97, "Session room", kind="probability",
                                  unit="chance it goes right", step=0.01, source=_CYCLE_SRC)
    p_coffee_break: float = param(0.93, "Coffee break", kind="probability",
                                  unit="chance it goes right", step=0.01, source=_CYCLE_SRC)
    p_toilets: float = param(0.92, "Toilets", kind="probability", unit="chance it goes right",
                             step=0.01, source=_CYCLE_SRC)
    p_wifi: float = param(0.90, "Wi-Fi and phone", kind="probability",
                          unit="chance it goes right", step=0.01, source=_CYCLE_SRC)
    p_networking: float = param(0.95, "Space to talk", kind="probability",
                                unit="chance it goes right", step=0.01, source=_CYCLE_SRC)
    p_lunch: float = param(0.97, "Lunch", kind="probability", unit="chance it goes right",
                           step=0.01, source=_CYCLE_SRC)
    p_departure: float = param(0.94, "Departure", kind="probability",
                               unit="chance it goes right", step=0.01, source=_CYCLE_SRC)
    p_follow_up: float = param(0.95, "Follow-up", kind="probability",
                               unit="chance it goes right", step=0.01, source=_CYCLE_SRC)

    explorer_fields = ("p_arrival", "p_coffee_break", "p_toilets", "p_wifi", "p_departure")

    def run(self) -> MotCycleResult:
        """Multiply the moments and find the one worth fixing first."""
        names = [m for m, _, _ in CONVENTION_CENTRE_CYCLE]
        comps = [c for _, c, _ in CONVENTION_CENTRE_CYCLE]
        p = np.array([getattr(self, f.name) for f in dataclasses.fields(self)])
        return cycle_of_service(names, p, comps)


def cycle_of_service(moments: Sequence[str], success: Any,
                     components: Sequence[str] | None = None) -> MotCycleResult:
    """Score any cycle of service: the product of the moments' chances of going right.

    Parameters
    ----------
    moments : sequence of str
        The moments' names, in cycle order.
    success : array_like
        Chance (0–1) that each moment goes right.
    components : sequence of str, optional
        Each moment's main component (``"hardware"``, ``"software"``, ``"human"``).

    Examples
    --------
    >>> r = cycle_of_service(["call", "visit", "invoice"], [0.9, 0.5, 1.0])
    >>> r.whole_cycle, r.weakest
    (0.45, 'visit')
    """
    p = v.array("success", success, 0, 1, ndim=1, what="chances")
    names = [str(m) for m in moments]
    if len(names) != p.size:
        raise ValueError(f"moments must name {p.size} moments; got {len(names)}")
    comps = list(components) if components is not None else [""] * p.size
    if len(comps) != p.size:
        raise ValueError(f"components must give {p.size} components; got {len(comps)}")
    for c in comps:
        if c:
            v.one_of("components", c, ["hardware", "software", "human"])
    whole = float(np.prod(p))
    fixed = np.array([np.prod(np.delete(p, i)) for i in range(p.size)])
    frame = pd.DataFrame({"component": comps, "success": p, "cumulative": np.cumprod(p),
                          "cycle if fixed": fixed}, index=pd.Index(names, name="moment"))
    return MotCycleResult(moments=frame, whole_cycle=whole, average=float(p.mean()),
                          failures=float((1 - p).sum()), weakest=names[int(np.argmax(fixed))])


@preset
def convention_centre_cycle() -> MotCycleScenario:
    """A delegate's day at a convention centre, twelve moments (illustrative chances)."""
    return MotCycleScenario()


# ---------------------------------------------------------------- levels of empowerment

#: Bowen & Lawler's (1992) five contingencies of empowerment, each rated 1–5: 1 favours
#: control (the production-line approach), 5 favours empowerment.
EMPOWERMENT_FACTORS: dict[str, str] = {
    "strategy": "1 = low cost, high volume; 5 = differentiated, customised, personal",
    "customer_tie": "1 = single transactions, short; 5 = a relationship, long",
    "technology": "1 = routine and simple; 5 = non-routine and complex",
    "environment": "1 = predictable, few surprises; 5 = unpredictable, many surprises",
    "people": "1 = managers who control, staff with low growth and social needs; "
              "5 = managers who trust, staff with high growth needs and strong "
              "interpersonal skills",
}

#: The levels of involvement, from none to most (Bowen & Lawler, 1992), with the lowest
#: total rating (of 5–25) at which the course recommends each (a course assumption).
EMPOWERMENT_LEVELS: dict[str, int] = {
    "production line": 5,
    "suggestion involvement": 10,
    "job involvement": 15,
    "high involvement": 20,
}


def empowerment_level(ratings: Mapping[str, Any]) -> tuple[int, str]:
    """The level of empowerment a service situation calls for (Bowen & Lawler, 1992).

    Bowen and Lawler rate five contingencies from 1 (control fits) to 5
    (empowerment fits): the business strategy, the tie to the customer, the
    technology, the environment and the people. The higher the total, the more
    the situation favours empowerment. The cut-offs that turn the total (5–25)
    into a level are a course assumption (:data:`EMPOWERMENT_LEVELS`): 5–9
    production line, 10–14 suggestion involvement, 15–19 job involvement,
    20–25 high involvement.

    Parameters
    ----------
    ratings : mapping
        One integer rating 1–5 for each of :data:`EMPOWERMENT_FACTORS`.

    Returns
    -------
    (int, str)
        The total rating and the recommended level.

    Examples
    --------
    >>> empowerment_level({"strategy": 1, "customer_tie": 1, "technology": 2,
    ...                    "environment": 2, "people": 3})
    (9, 'production line')
    >>> empowerment_level({"strategy": 5, "customer_tie": 5, "technology": 4,
    ...                    "environment": 4, "people": 4})
    (22, 'high involvement')
    """
    if not isinstance(ratings, Mapping):
        raise ValueError("ratings must be a mapping of factor to rating")
    names = set(ratings)
    missing = [f for f in EMPOWERMENT_FACTORS if f not in names]
    extra = sorted(names - set(EMPOWERMENT_FACTORS))
    if missing or extra:
        raise ValueError(f"ratings must rate exactly {', '.join(EMPOWERMENT_FACTORS)}; "
                         f"missing {missing}, unknown {extra}")
    total = sum(v.integer(f"ratings[{f!r}]", ratings[f], 1, 5) for f in EMPOWERMENT_FACTORS)
    level = [name for name, low in EMPOWERMENT_LEVELS.items() if total >= low][-1]
    return total, level
