"""Moments of truth, the voice of the customer and the CSM system.

The models of chapter 03 (seed 002, slides 13–14, 37–50, 62):

* :func:`award_score` and :class:`AwardScenario` — the seven-criterion,
  1,000-point scoring sheet of Korea's Presidential Consumer Satisfaction
  Award (seed 002, slide 13).
* :func:`encounter_impression` and :class:`MomentsScenario` — the moments-of-
  truth rule that one bad moment spoils the whole encounter: the overall
  impression multiplies the moments' scores instead of averaging them.
* :func:`voc_crosstab` and :func:`qcds_summary` — classify and tally
  voice-of-the-customer records (:func:`csmlab.data.load_voc`) by channel,
  type, QCDS heading and moment of truth (seed 002, slides 44–45, 62).
* :func:`cycle_of_service` and :class:`MotCycleScenario` — a cycle of service
  (MOT circle): the chance of a flawless visit is the product of the moments'
  chances of going right (a course assumption), and the *net impression*
  credits the moments that delight and debits, with an asymmetry weight, the
  moments that fail (Anderson & Sullivan 1993; Mittal, Ross & Baldasare 1998).
  :func:`compare_cycles` sets several versions side by side across
  asymmetry weights.
* :func:`moment_priority` — VOC problems and their severity by moment of
  truth, the evidence a workshop uses to select a process.
* :func:`service_qfd` — a service QFD (house of quality) matrix: customer
  requirements weighted by importance, technical responses, and the
  responses' priorities (house of quality after Hauser & Clausing 1988; the
  0-1-3-9 scale a common QFD convention; seed 002, slide 7).

Examples
--------
>>> round(encounter_impression([0.9, 0.9, 0.1]), 3)
0.081
"""

from __future__ import annotations

import dataclasses
import math
import sys
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from csmlab import validation as v
from csmlab.cases.measurement import AWARD_POINTS
from csmlab.scenario import Result, Scenario, param, preset

__all__ = [
    "AWARD_CRITERIA", "award_score", "AwardScenario", "AwardResult",
    "presidential_award_example",
    "encounter_impression", "MomentsScenario", "MomentsResult", "one_bad_moment",
    "voc_crosstab", "qcds_summary",
    "CONVENTION_CENTRE_CYCLE", "cycle_of_service", "MotCycleScenario", "MotCycleResult",
    "convention_centre_cycle", "compare_cycles", "moment_priority", "service_qfd", "QfdResult",
    "QFD_SCALE", "session_room_qfd",
]


#: The award's seven criteria and their maximum points (seed 002, slide 13).
AWARD_CRITERIA: dict[str, int] = dict(AWARD_POINTS)


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
    weakest : str or None
        The criterion with the most points left on the table; ``None`` when
        every criterion is at its maximum (nothing is left to name).
    """

    points: dict[str, float]
    maximum: dict[str, int]
    total: float
    weakest: str | None

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
    >>> award_score([1.0] * 7).weakest is None
    True
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
    weakest = max(missed, key=missed.get)
    return AwardResult(points=points, maximum=dict(AWARD_CRITERIA),
                       total=float(sum(points.values())),
                       weakest=weakest if missed[weakest] > 0 else None)


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

def _tie(x: float, best: float) -> bool:
    """Whether ``x`` ties with ``best``: equal within a relative tolerance (scale-free, so
    9e-300 and 1.8e-299 do not tie); the absolute floor is the smallest normal float."""
    return math.isclose(x, best, rel_tol=1e-12, abs_tol=sys.float_info.min)


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


def _chance(default: float, label: str) -> Any:
    """One moment of the convention-centre cycle: the chance that it goes right."""
    return param(default, label, kind="probability", unit="chance it goes right", step=0.01,
                 source=_CYCLE_SRC)


@dataclass(frozen=True)
class MotCycleResult(Result):
    """A cycle of service scored moment by moment.

    Attributes
    ----------
    moments : pandas.DataFrame
        One row per moment, in cycle order: ``component``, ``success`` (chance
        it goes right), ``cumulative`` (chance that everything so far went
        right), ``cycle if fixed`` (the whole cycle's chance if this moment
        never failed), ``delight`` (chance it exceeds expectations) and ``net``
        (its expected contribution to the net impression).
    whole_cycle : float
        Chance that every moment goes right: the product of the moments.
    average : float
        The mean of the moments, the naive score the product argues against.
    failures : float
        Expected number of moments that go wrong per customer.
    weakest : str
        The moment whose fixing raises the whole cycle most; when several tie,
        the first of them in cycle order (see ``tied``).
    tied : tuple of str
        Every moment whose fixing raises the whole cycle most, in cycle order:
        more than one name means a tie, and the model cannot pick between them.
        Ties are equal within a relative tolerance (1e-12), whatever the scale.
        A moment that never fails (success 1) is never named, unless every
        moment is at 1.
    delights : float
        Expected number of moments that exceed expectations per customer.
    asymmetry : float
        How many delights one failure cancels (≥ 1).
    net_impression : float
        ``(delights − asymmetry × failures) / moments``: the visit's expected
        net impression per moment of truth, in units of one delight (above 0:
        the good outweighs the bad). Averaging over the moments keeps it
        bounded: it never exceeds the largest delight share, and a moment added
        to the cycle moves it toward that moment's own net, so moments that go
        right 97% of the time cannot pile it up without limit.
    """

    moments: pd.DataFrame
    whole_cycle: float
    average: float
    failures: float
    weakest: str
    tied: tuple[str, ...] = ()
    delights: float = 0.0
    asymmetry: float = 1.0
    net_impression: float = float("nan")

    def net_at(self, asymmetry: float) -> float:
        """The net impression had failures weighed ``asymmetry`` delights each.

        Examples
        --------
        >>> r = cycle_of_service(["a", "b"], [0.9, 0.8], delight=0.5)
        >>> round(r.net_at(1), 3), round(r.net_at(2), 3)
        (0.275, 0.125)
        """
        lam = v.real("asymmetry", asymmetry, 1, 10)
        return (self.delights - lam * self.failures) / len(self.moments)

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

    A flawless visit can only become less likely as moments are added, so the
    product alone would make every new moment a loss. Moments can also go
    better than expected. The *net impression* counts them: of the moments
    that go right, a share ``delight`` exceeds expectations, and each failure
    cancels ``asymmetry`` delights, since a shortfall weighs more with
    customers than an equal gain (Anderson & Sullivan 1993; Mittal, Ross &
    Baldasare 1998). How much more is uncertain and differs by attribute, so
    the weight is a labelled, illustrative input. The net impression is
    averaged over the moments, so a longer cycle cannot raise it just by
    having more moments. Arrival and wi-fi tie as the moment to fix; the
    result's ``tied`` names both.

    Parameters
    ----------
    p_booking, p_arrival, p_registration, p_wayfinding, p_session_room,
    p_coffee_break, p_toilets, p_wifi, p_networking, p_lunch, p_departure,
    p_follow_up : float
        Chance (0–1) that each moment goes right, in cycle order. Defaults
        are illustrative (:data:`CONVENTION_CENTRE_CYCLE`).
    delight : float
        Share (0–1) of the moments that go right which also exceed
        expectations (illustrative).
    asymmetry : float
        How many delights one failure cancels, 1–10 (1 = symmetric;
        illustrative default 2: the direction is from the literature, the size
        is not).

    Examples
    --------
    >>> r = MotCycleScenario().run()
    >>> round(r.whole_cycle, 3), round(r.average, 3), r.tied
    (0.494, 0.943, ('arrival', 'wi-fi'))
    >>> round(r.delights, 3), round(r.failures, 3), round(r.net_impression, 3)
    (1.132, 0.68, -0.019)
    """

    p_booking: float = _chance(0.98, "Booking")
    p_arrival: float = _chance(0.90, "Arrival and parking")
    p_registration: float = _chance(0.95, "Registration")
    p_wayfinding: float = _chance(0.96, "Finding the room")
    p_session_room: float = _chance(0.97, "Session room")
    p_coffee_break: float = _chance(0.93, "Coffee break")
    p_toilets: float = _chance(0.92, "Toilets")
    p_wifi: float = _chance(0.90, "Wi-Fi and phone")
    p_networking: float = _chance(0.95, "Space to talk")
    p_lunch: float = _chance(0.97, "Lunch")
    p_departure: float = _chance(0.94, "Departure")
    p_follow_up: float = _chance(0.95, "Follow-up")

    delight: float = param(0.10, "Share of good moments that delight", kind="probability",
                           unit="share", step=0.01, source="illustrative")
    asymmetry: float = param(2.0, "Delights one failure cancels", low=1, high=10,
                             slider=(1, 5), unit="ratio", step=0.5,
                             source="illustrative; direction from anderson1993, mittal1998")

    explorer_fields = ("p_arrival", "p_coffee_break", "p_toilets", "p_wifi", "p_departure",
                       "delight", "asymmetry")

    def run(self) -> MotCycleResult:
        """Multiply the moments, weigh delights against failures, and find the moment to fix."""
        names = [m for m, _, _ in CONVENTION_CENTRE_CYCLE]
        comps = [c for _, c, _ in CONVENTION_CENTRE_CYCLE]
        p = np.array([getattr(self, f.name) for f in dataclasses.fields(self)
                      if f.name.startswith("p_")])
        return cycle_of_service(names, p, comps, delight=self.delight, asymmetry=self.asymmetry)


def cycle_of_service(moments: Sequence[str], success: Any,
                     components: Sequence[str] | None = None, delight: Any = 0.0,
                     asymmetry: float = 2.0) -> MotCycleResult:
    """Score any cycle of service: the flawless-visit chance and the net impression.

    The flawless visit is the product of the moments' chances of going right.
    The net impression is the expected number of moments that delight minus
    ``asymmetry`` times the expected number that fail; a moment adds
    ``p × delight − asymmetry × (1 − p)`` to it, so a new moment can raise it.

    Parameters
    ----------
    moments : sequence of str
        The moments' names, in cycle order.
    success : array_like
        Chance (0–1) that each moment goes right.
    components : sequence of str, optional
        Each moment's main component (``"hardware"``, ``"software"``, ``"human"``).
    delight : float or array_like
        Share (0–1) of each moment's successes that exceed expectations (one
        number for all moments, or one per moment).
    asymmetry : float
        How many delights one failure cancels, 1–10.

    Examples
    --------
    >>> r = cycle_of_service(["call", "visit", "invoice"], [0.9, 0.5, 1.0])
    >>> r.whole_cycle, r.weakest
    (0.45, 'visit')
    >>> r = cycle_of_service(["call", "visit"], [0.9, 0.9], delight=[0.5, 0.0], asymmetry=2)
    >>> round(r.delights, 2), round(r.net_impression, 3), r.tied
    (0.45, 0.025, ('call', 'visit'))
    """
    p = v.array("success", success, 0, 1, ndim=1, what="chances")
    names = [str(m) for m in moments]
    if len(names) != p.size:
        raise ValueError(f"moments ({len(names)}) and success ({p.size}) must have the same "
                         f"length")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"moments must have distinct names; repeated: {', '.join(repeated)}")
    comps = list(components) if components is not None else [""] * p.size
    if len(comps) != p.size:
        raise ValueError(f"components must give {p.size} components; got {len(comps)}")
    for c in comps:
        if c:
            v.one_of("components", c, ["hardware", "software", "human"])
    if np.ndim(delight) == 0:
        d = np.asarray(v.real("delight", delight, 0, 1, what="a share"))
    else:
        d = v.array("delight", delight, 0, 1, ndim=1, what="shares")
    if d.ndim == 0:
        d = np.full(p.size, float(d))
    if d.ndim != 1 or d.size != p.size:
        raise ValueError(f"delight must be one share or {p.size} shares; got {d.size}")
    lam = v.real("asymmetry", asymmetry, 1, 10)
    whole = float(np.prod(p))
    fixed = np.array([np.prod(np.delete(p, i)) for i in range(p.size)])
    joy = p * d
    net = joy - lam * (1 - p)
    frame = pd.DataFrame({"component": comps, "success": p, "cumulative": np.cumprod(p),
                          "cycle if fixed": fixed, "delight": joy, "net": net},
                         index=pd.Index(names, name="moment"))
    failures = float((1 - p).sum())
    # A moment that never fails (success 1) is never a moment to fix, even when two moments
    # at 0 make every "cycle if fixed" 0; only when every moment is at 1 are all of them named.
    open_ = [i for i in range(p.size) if p[i] < 1] or list(range(p.size))
    best = float(max(fixed[i] for i in open_))
    tied = tuple(names[i] for i in open_ if _tie(float(fixed[i]), best))
    return MotCycleResult(moments=frame, whole_cycle=whole, average=float(p.mean()),
                          failures=failures, weakest=tied[0], tied=tied,
                          delights=float(joy.sum()), asymmetry=lam,
                          net_impression=float(net.mean()))


def compare_cycles(versions: Mapping[str, MotCycleResult],
                   asymmetries: Sequence[float] = (1, 2, 4)) -> pd.DataFrame:
    """Versions of a cycle side by side: flawless visit, failures, delights, net per moment.

    Parameters
    ----------
    versions : mapping of str to MotCycleResult
        Name → a scored cycle (from :func:`cycle_of_service` or a scenario's ``run()``).
    asymmetries : sequence of float
        The asymmetry weights (each 1–10) at which to show the net impression;
        weights that print alike (``:g``) are refused rather than merged, as
        are versions whose names are alike as text.

    Examples
    --------
    >>> a = cycle_of_service(["x", "y"], [0.9, 0.9], delight=0.2)
    >>> b = cycle_of_service(["x", "y", "z"], [0.9, 0.9, 0.95], delight=0.2)
    >>> t = compare_cycles({"two": a, "three": b}, asymmetries=(1, 4))
    >>> t["flawless visit"].round(3).tolist(), t["net per moment at weight 1"].round(2).tolist()
    ([0.81, 0.77], [0.08, 0.1])
    """
    if not isinstance(versions, Mapping) or not versions:
        raise ValueError("versions must be a non-empty mapping of name to MotCycleResult")
    if isinstance(asymmetries, (str, bytes)) or not isinstance(asymmetries, Sequence):
        raise ValueError(f"asymmetries must be a sequence of weights (each 1–10), e.g. (1, 2, 4); "
                         f"got {asymmetries!r}")
    lams = [v.real("asymmetry", lam, 1, 10) for lam in asymmetries]   # each one weight
    labels = [f"net per moment at weight {lam:g}" for lam in lams]
    if len(set(labels)) != len(labels):
        raise ValueError(f"asymmetries must be weights that differ in their shown value "
                         f"(:g); got {list(asymmetries)!r}")
    shown = [str(name) for name in versions]
    if len(set(shown)) != len(shown):
        raise ValueError(f"versions must have names that differ as text; got {shown!r}")
    rows = {}
    for name, r in versions.items():
        if not isinstance(r, MotCycleResult):
            raise ValueError(f"versions[{name!r}] must be a MotCycleResult")
        row = {"flawless visit": r.whole_cycle, "failures": r.failures, "delights": r.delights}
        for lam, label in zip(lams, labels):
            row[label] = r.net_at(lam)
        rows[str(name)] = row
    frame = pd.DataFrame(rows).T
    frame.index.name = "version"
    frame.attrs["formats"] = {"flawless visit": "share", "failures": "number",
                              "delights": "number",
                              **{c: "number" for c in frame.columns if c.startswith("net")}}
    return frame


@preset
def convention_centre_cycle() -> MotCycleScenario:
    """A delegate's day at a convention centre, twelve moments (illustrative chances)."""
    return MotCycleScenario()


# ---------------------------------------------------------------- selecting a process

def moment_priority(voc: pd.DataFrame, heading: str | None = None) -> pd.DataFrame:
    """VOC by moment of truth: records, problems, their severity and compliments, heaviest first.

    The problems are the complaints and claims; the table is sorted by the total
    severity of the problems, then by their number. With ``heading`` only the
    records under that QCDS heading count. This is the evidence step 1 of the
    workshop uses to pick a process ("topics with much VOC", seed 002, slide 61).

    Parameters
    ----------
    voc : DataFrame
        As returned by :func:`csmlab.data.load_voc`.
    heading : str, optional
        A QCDS heading (``"quality"``, ``"cost"``, ``"delivery"``, ``"service"``).

    Examples
    --------
    >>> from csmlab.data import load_voc
    >>> t = moment_priority(load_voc(), heading="quality")
    >>> t.index[0], int(t["severity of problems"].iloc[0])
    ('session room', 9)
    """
    from csmlab.data import QCDS

    if not {"moment", "type", "severity", "qcds"} <= set(voc.columns):
        raise ValueError("voc must have the columns moment, type, severity and qcds "
                         "(see load_voc)")
    if heading is not None:
        v.one_of("heading", heading, QCDS)
        voc = voc[voc["qcds"] == heading]
    problems = voc[voc["type"].isin(["complaint", "claim"])]
    table = pd.DataFrame({
        "records": voc.groupby("moment").size(),
        "complaints and claims": problems.groupby("moment").size(),
        "severity of problems": problems.groupby("moment")["severity"].sum(),
        "compliments": voc[voc["type"] == "compliment"].groupby("moment").size(),
    }).fillna(0).astype(int)
    table = table.sort_values(["severity of problems", "complaints and claims"],
                              ascending=False, kind="stable")
    table.index.name = "moment"
    return table


# ---------------------------------------------------------------- service QFD

#: The strengths of a QFD relationship: none, weak, medium, strong (a common
#: convention in QFD practice, not a number from Hauser & Clausing 1988).
QFD_SCALE: tuple[int, ...] = (0, 1, 3, 9)


@dataclass(frozen=True)
class QfdResult(Result):
    """A service QFD matrix (house of quality) and the priorities it gives the responses.

    Attributes
    ----------
    matrix : pandas.DataFrame
        Requirements (rows) × technical responses (columns), each cell one of
        :data:`QFD_SCALE`.
    importance : pandas.Series
        Importance of each requirement.
    priority : pandas.Series
        Each response's technical priority: Σ importance × relationship.
    share : pandas.Series
        Each response's share of the total priority.
    top : str
        The response with the highest priority; when several tie, the first of
        them by name (see ``tied``), so that the answer never depends on the
        order in which the responses were listed.
    tied : tuple of str
        Every response with the highest priority, by name: more than one name
        means a tie, and the house of quality cannot pick between them.
    """

    matrix: pd.DataFrame
    importance: pd.Series
    priority: pd.Series
    share: pd.Series
    top: str
    tied: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """The house's body: importance, the relationships, and the priority row at the foot."""
        frame = self.matrix.copy()
        frame.insert(0, "importance", self.importance)
        foot = pd.DataFrame([{"importance": np.nan, **self.priority.to_dict()}],
                            index=["technical priority"])
        frame = pd.concat([frame, foot])
        frame.index.name = "requirement"
        frame.attrs["formats"] = dict.fromkeys(frame.columns, "number")
        return frame

    def coverage(self, responses: Sequence[str]) -> float:
        """What a set of responses covers: Σ importance × the strongest relationship among them.

        Technical priorities are not additive: two responses that both serve a
        requirement strongly do not serve it twice. Coverage counts each
        requirement once, at the strongest relationship any of the responses
        has with it, so a second response on the same requirement adds
        nothing (diminishing returns). It equals a single response's priority,
        and the sum of priorities only when the responses share no requirement.

        Examples
        --------
        >>> r = service_qfd({"fast": 3, "friendly": 1},
        ...                 {"fast": {"more staff": 9, "training": 1},
        ...                  "friendly": {"more staff": 1, "training": 9}})
        >>> r.coverage(["more staff"]), r.coverage(["more staff", "training"])
        (28.0, 36.0)
        """
        if isinstance(responses, str):
            responses = [responses]
        chosen = list(responses)
        unknown = [h for h in chosen if h not in self.matrix.columns]
        if unknown:
            raise ValueError(f"responses must be among {', '.join(self.matrix.columns)}; "
                             f"got {unknown}")
        if not chosen:
            return 0.0
        best = self.matrix[chosen].max(axis=1)
        return float((best * self.importance).sum())

    def priorities(self) -> pd.DataFrame:
        """One row per response, highest priority first: priority and share of the total.

        Responses with equal priority are listed by name, so the order never
        depends on how the responses were listed in the input.
        """
        frame = pd.DataFrame({"priority": self.priority, "share of priority": self.share})
        frame = frame.loc[sorted(frame.index, key=lambda h: (-frame.at[h, "priority"], h))]
        frame.index.name = "response"
        frame.attrs["formats"] = {"priority": "number", "share of priority": "share"}
        return frame


def service_qfd(importance: Mapping[str, float],
                relations: Mapping[str, Mapping[str, int]]) -> QfdResult:
    """Deploy customer requirements onto technical responses (a house of quality).

    Each response's technical priority is the sum, over the requirements, of the
    requirement's importance times the strength of the response's relationship
    to it (0, 1, 3 or 9: none, weak, medium, strong). The 0-1-3-9 scale is a
    common convention in QFD practice; the house of quality itself is
    described by Hauser & Clausing (1988). Priorities rank responses one at a
    time and are not additive across responses that serve the same
    requirement; :meth:`QfdResult.coverage` scores a set of them. When several
    responses share the highest priority the result says so (``tied``) rather
    than letting the order of the input pick one. The seeds place a service QFD in the first phase
    of a CSM system, with customer requirements, a deployment table of CS
    elements and a list of critical success factors as its outputs (seed 002,
    slide 7).

    Parameters
    ----------
    importance : mapping of str to float
        Each customer requirement's importance (≥ 0, not all 0).
    relations : mapping of str to mapping of str to int
        ``relations[requirement][response]`` in :data:`QFD_SCALE`; every
        requirement must rate the same responses, in any order.

    Examples
    --------
    >>> r = service_qfd({"fast": 3, "friendly": 1},
    ...                 {"fast": {"more staff": 9, "training": 1},
    ...                  "friendly": {"more staff": 1, "training": 9}})
    >>> r.priority.tolist(), r.top, r.tied
    ([28.0, 12.0], 'more staff', ('more staff',))

    A tie is reported, not broken by the order of the input:

    >>> even = service_qfd({"fast": 1, "friendly": 1},
    ...                    {"fast": {"training": 1, "more staff": 9},
    ...                     "friendly": {"training": 9, "more staff": 1}})
    >>> even.top, even.tied
    ('more staff', ('more staff', 'training'))
    """
    if not isinstance(importance, Mapping) or not importance:
        raise ValueError("importance must be a non-empty mapping of requirement to weight")
    if not isinstance(relations, Mapping) or set(relations) != set(importance):
        raise ValueError("relations must rate exactly the requirements of importance; "
                         f"got {sorted(relations) if isinstance(relations, Mapping) else relations}")
    reqs = list(importance)
    weights = pd.Series({r: v.real(f"importance[{r!r}]", importance[r], 0, None) for r in reqs},
                        dtype=float)
    if weights.max() <= 0:          # all are >= 0; max cannot overflow
        raise ValueError("importance must give at least one requirement a weight above 0")
    first = relations[reqs[0]]
    responses = list(first) if isinstance(first, Mapping) else []
    if not responses:
        raise ValueError("relations must name at least one response")
    rows = {}
    for r in reqs:
        # the same responses in any order: a dict's order must not decide whether input is valid
        if not isinstance(relations[r], Mapping) or set(relations[r]) != set(responses):
            raise ValueError(f"relations[{r!r}] must rate the responses "
                             f"{', '.join(map(str, responses))} (in any order)")
        for h, x in relations[r].items():
            if isinstance(x, bool) or x not in QFD_SCALE:
                raise ValueError(f"relations[{r!r}][{h!r}] must be one of "
                                 f"{', '.join(map(str, QFD_SCALE))}; got {x!r}")
        rows[r] = {h: int(x) for h, x in relations[r].items()}
    matrix = pd.DataFrame(rows).T.loc[reqs, responses].astype(int)
    with warnings.catch_warnings():     # an overflow is refused just below, by name
        warnings.simplefilter("ignore", RuntimeWarning)
        priority = (matrix.mul(weights, axis=0)).sum().astype(float)
        total = priority.sum()
    if not (np.isfinite(priority).all() and np.isfinite(total)):
        raise ValueError("importance is too large: the priorities overflow a float; scale the "
                         "importances down (only their ratios matter)")
    share = priority / total if total > 0 else priority * 0.0
    best = float(priority.max())
    tied = tuple(sorted(str(h) for h, x in priority.items() if _tie(float(x), best)))
    return QfdResult(matrix=matrix, importance=weights, priority=priority, share=share,
                     top=tied[0], tied=tied)


def session_room_qfd(voc: pd.DataFrame | None = None) -> QfdResult:
    """The course's worked service QFD: the convention centre's session room.

    Each requirement's importance is the total severity of the VOC records it is
    drawn from (:data:`csmlab.cases.processes.SESSION_ROOM_REQUIREMENTS`); the
    relationships are the course's illustrative judgements.

    Parameters
    ----------
    voc : DataFrame, optional
        VOC records (default :func:`csmlab.data.load_voc`).

    Examples
    --------
    >>> r = session_room_qfd()
    >>> r.importance.tolist(), r.top
    ([3.0, 6.0, 2.0, 1.0, 3.0], 'check before each session')
    """
    from csmlab.cases.processes import SESSION_ROOM_RELATIONS, SESSION_ROOM_REQUIREMENTS
    from csmlab.data import load_voc

    voc = load_voc() if voc is None else voc
    if not {"voc_id", "severity"} <= set(voc.columns):
        raise ValueError("voc must have the columns voc_id and severity (see load_voc)")
    severity = voc.set_index("voc_id")["severity"]
    importance = {}
    for req, ids in SESSION_ROOM_REQUIREMENTS.items():
        missing = [i for i in ids if i not in severity.index]
        if missing:
            raise ValueError(f"voc lacks the records {missing} behind {req!r}")
        importance[req] = float(severity.loc[list(ids)].sum())
    return service_qfd(importance, SESSION_ROOM_RELATIONS)
