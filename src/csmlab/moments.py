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
  (MOT circle) whose overall experience is the product of the moments'
  chances of going right (a course assumption).

Examples
--------
>>> round(encounter_impression([0.9, 0.9, 0.1]), 3)
0.081
"""

from __future__ import annotations

import dataclasses
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
    "convention_centre_cycle",
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
