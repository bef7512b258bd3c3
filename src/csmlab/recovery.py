"""Service recovery (서비스 회복): from a failure and the firm's response to loyalty and profit.

A customer suffers a service failure (서비스 실패) of some ``severity`` and
complains. The firm responds: how fast it puts things right, how much it
compensates relative to the customer's loss, whether it apologises and
explains, how courteous its staff are, who handles the complaint (the front
line or a manager) with how much authority (권한 위임, empowerment), how soon it
recognises the failure and whether it adds a follow-up (the phases of seed 003,
block 4; see below). The model follows the response
through the three kinds of perceived justice (공정성) that :cite:`tax1998` found
in complaint handling:

* **distributive** (결과 공정성): was the outcome fair? Putting the problem right
  counts for ``fix_value × exp(−hours / fix_hours)``: a fix that comes late is worth
  less (a bag delivered after the trip, a room found the next day); compensation relative to the loss closes the rest
  of the gap, with diminishing returns; compensation weighs more for *outcome* failures
  (the core service was not delivered) than for *process* failures (it was
  delivered badly) :cite:`smith1999`;
* **procedural** (절차 공정성): was the process fair? ``0.6 × promptness + 0.4 ×
  authority``, with promptness ``exp(−hours / speed_hours)`` (0 if the problem
  is never put right) and authority the front line's ``empowerment`` (1 for a
  manager);
* **interactional** (상호작용 공정성): was the customer treated fairly? ``0.45 ×
  courtesy + 0.15 × explanation + apology weight × apology + 0.15 ×
  firm-initiated``, capped at 1; the apology weighs more for process failures
  :cite:`smith1999`, and a failure the firm recognises itself, before the
  customer has to complain, counts as firm-initiated.

Satisfaction with the recovery ``R`` is a weighted mean of the three, with
distributive justice weighted most :cite:`orsingher2010`.

The phases of recovery (seed 003, block 4)
------------------------------------------
The **pre-recovery** phase runs from the failure until the provider
recognises it (``recognition_hours``), whether it notices the failure itself
(``recognised_by="the firm"``) or hears of it from a complaint. The
**immediate** recovery starts at recognition: the fix comes
``response_hours`` later, so the customer waits ``recognition_hours +
response_hours`` (plus any escalation delay). A **follow-up** is an add-on
after the immediate recovery, not an alternative to it: if something is
still missing, further psychological and tangible compensation closes
``follow_up_share`` of the gap between ``R`` and a perfect recovery, at an
extra handling cost. It therefore does most where the immediate recovery
fell short.

Overall satisfaction (1–7 scale)
--------------------------------
Three states are compared: **no failure** (``baseline_satisfaction``, ``S0``);
**failure, no recovery** (``S0 − D``, the damage ``D = max_damage ×
severity × (1 + repeat_penalty × prior_failures)``); and **after recovery**:

``S = S0 − D × (1 − ρ) − X + P``, clipped to [1, 7],

where ``ρ`` is the share of the damage the recovery restores: it rises
linearly with recovery satisfaction ``R`` (0–1) from 0 at
``neutral_recovery`` to its ceiling at ``excellent_recovery``. The ceiling is
``1 − lasting_damage × severity``: an excellent recovery makes a small failure
good, but part of a severe failure's damage stays whatever the firm does (the
course's assumption, illustrative size; a walked guest has still lost the night
they booked). The overall satisfaction an excellent recovery reaches,
``S0 − D × lasting_damage × severity``, is
:attr:`RecoveryScenario.satisfaction_ceiling`: beyond ``excellent_recovery`` a
better recovery raises satisfaction with the recovery but not overall satisfaction
(outside the paradox below). Below ``neutral_recovery`` the recovery is itself a
second failure, ``X = double_deviation × (neutral − R) / neutral`` points, so
a recovery that fails leaves the customer worse off than no recovery at all:
the *double deviation* of :cite:`bitner1990`. ``P`` is the **recovery
paradox** (서비스 회복의 역설): a bonus above ``S0``, ``paradox_max × (R − excellent) /
(1 − excellent) × 4 x (1 − x)`` with ``x = severity / minor_severity``, non-zero
only where the evidence finds the paradox, i.e. for an excellent recovery (``R >
excellent_recovery``), a minor failure (``0 < severity < minor_severity``) and a
first failure (``prior_failures = 0``) :cite:`magnini2007` :cite:`maxham2002`.
The bonus is largest halfway to ``minor_severity`` and vanishes at both ends: a
failure that cost the customer nothing leaves nothing to recover.

Repurchase intention and word of mouth follow overall satisfaction. How much
of a paradox (satisfaction above the no-failure level) carries into them is an
assumption, ``paradox_carryover``: the model uses ``min(S, S0) +
paradox_carryover × max(0, S − S0)``. The default, 0, follows the
meta-analysis of :cite:`dematos2007`, which found the paradox for
satisfaction and not for repurchase intention or word of mouth; it is a
modelling choice, not something the model can find. Whatever the carryover,
a failure is never worth more to the firm than no failure (the course's
assumption): the carried paradox can lift repurchase above the no-failure level
by at most what repays the recovery's cost, ``cost / customer_value``.

Costs and the compensation trade-off
------------------------------------
Recovery costs the fix, ``fix_cost`` when the problem is put right (the
replacement room a walked guest is booked into, for example), compensation,
``compensation × loss`` with ``loss = severity × service_value``, plus handling: ``handling_cost`` when the firm recognises the
failure itself, twice that when it has to be told by a complaint (the seed:
recovery early is cheapest, seed 003, block 4), times 3 when escalated to a
manager, plus ``2 × handling_cost`` for a follow-up. The
expected value of the customer after recovery is ``repurchase ×
customer_value − cost``. Because distributive justice saturates above about
the loss, over-compensating adds cost faster than loyalty;
:func:`optimal_compensation` finds the profit-maximising multiple.

Calibration
-----------
Published studies give the *structure* and the *direction and ordering* of
effects; none gives these numbers on this scale, so every number is
illustrative.

========================  ===========  ============================================
parameter                 value        source
========================  ===========  ============================================
weight_distributive       0.45         illustrative; largest weight: orsingher2010
weight_procedural         0.25         illustrative; dimensions: tax1998
weight_interactional      0.30         illustrative; dimensions: tax1998
fix_value                 0.5          illustrative
fix_hours                 72 h         illustrative
lasting_damage            0.25         assumption (illustrative size)
comp_response_outcome     1.6 per ×    illustrative; larger than process: smith1999
comp_response_process     0.8 per ×    illustrative; smith1999
apology_outcome           0.15         illustrative; smaller than process: smith1999
apology_process           0.25         illustrative; smith1999
speed_hours               24 h         illustrative; speed matters: smith1999
procedural mix            0.6, 0.4     illustrative (promptness, authority)
interactional mix         0.45, 0.15,  illustrative (courtesy, explanation,
                          0.15         firm-initiated: smith1999)
escalation_hours          24 h         illustrative
max_damage                3.0 points   illustrative
neutral_recovery          0.40         illustrative
excellent_recovery        0.85         illustrative; paradox needs it: magnini2007
minor_severity            0.40         illustrative; paradox for minor: magnini2007
paradox_max               0.5 points   illustrative; satisfaction only: dematos2007
double_deviation          1.5 points   illustrative; concept: bitner1990
repeat_penalty            0.25         illustrative; no paradox after a second
                                       failure: maxham2002
repurchase_slope          1.2          illustrative
repurchase_midpoint       4.0          illustrative
recognition cost          1, 2         illustrative (firm, complaint); early
                                       recovery cheapest: seed 003, block 4
follow_up_share           0.3          illustrative
follow-up cost            2 × handling illustrative
paradox_carryover         0            assumption; dematos2007
escalation cost multiple  3            illustrative
========================  ===========  ============================================

Examples
--------
>>> r = restaurant_delay().run()
>>> r.paradox, r.double_deviation
(True, False)
>>> r.satisfaction > r.baseline_satisfaction > r.no_recovery_satisfaction
True
>>> r.repurchase <= r.baseline_repurchase
True
>>> spoon = missing_spoon().run()
>>> spoon.double_deviation, spoon.satisfaction < spoon.no_recovery_satisfaction
(True, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from csmlab import validation as v
from csmlab.scenario import Result, Scenario, param, preset

__all__ = ["RecoveryScenario", "RecoveryResult", "FAILURE_TYPES", "PHASES", "HANDLERS",
           "RECOGNISERS", "RECOGNITION_COST", "FOLLOW_UP_COST", "ESCALATION_COST",
           "PHASE_OPTIONS", "satisfaction_from_justice", "optimal_compensation",
           "compensation_curve", "phase_costs", "compare_recoveries", "value_range",
           "ILLUSTRATIVE_RANGES", "hotel_overbooking",
           "restaurant_delay", "missing_spoon", "gift_formula"]

FAILURE_TYPES = ("outcome", "process")
#: The seed's three phases (seed 003, block 4): until the provider recognises the failure,
#: the concrete recovery, and an add-on if something is still missing.
PHASES = ("pre-recovery", "immediate", "follow-up")
HANDLERS = ("front line", "escalated")
#: Who recognises the failure and so ends the pre-recovery phase.
RECOGNISERS = ("the firm", "a complaint")
#: Handling cost multiplier by who recognised the failure (illustrative; seed 003, block 4:
#: recovering early is the cheapest strategy).
RECOGNITION_COST = {"the firm": 1.0, "a complaint": 2.0}
#: Extra handling cost of a follow-up, in units of ``handling_cost`` (illustrative).
FOLLOW_UP_COST = 2.0
#: Handling cost multiplier when a manager handles the complaint (illustrative).
ESCALATION_COST = 3.0
#: Recovery satisfaction is reported on the 1–7 scale of the justice studies.
SCALE = (1.0, 7.0)

_ILL = "illustrative"
_PRIVATE = dict(interactive=False)


def _to_scale(x: np.ndarray | float) -> np.ndarray | float:
    return SCALE[0] + (SCALE[1] - SCALE[0]) * x


@dataclass(frozen=True)
class RecoveryScenario(Scenario):
    """One failure, one complaint and the firm's response.

    Parameters
    ----------
    failure_type : {"outcome", "process"}
        What failed: the core service (outcome) or the way it was delivered (process).
    severity : float
        Magnitude of the failure, 0 (trivial) to 1 (the whole service lost).
    service_value : float
        Value of the service to the customer ($); the loss is ``severity × service_value``.
    compensation : float
        Compensation as a multiple of the loss (1 = the loss made good).
    response_hours : float
        Hours until the problem is put right (before any escalation).
    fixed : bool
        Whether the problem is put right at all (a broken promise is ``False``).
    apology, explanation : bool
        Whether staff apologise, and explain what went wrong and what happens next.
    courtesy : float
        Staff courtesy and empathy, 0 (rude) to 1 (warm).
    handled_by : {"front line", "escalated"}
        Who handles the complaint. A manager has full authority but adds
        ``escalation_hours`` and costs more.
    empowerment : float
        Authority of front-line staff to solve the problem on the spot (0–1).
    recognised_by : {"the firm", "a complaint"}
        Who brings the failure to the provider's notice, ending the
        pre-recovery phase (seed 003, block 4). A failure the firm recognises
        itself is cheaper to handle and counts as firm-initiated.
    recognition_hours : float
        Length of the pre-recovery phase: hours from the failure until the
        provider recognises it. The customer waits these plus ``response_hours``.
    follow_up : bool
        Whether a follow-up recovery is added after the immediate one.
    prior_failures : int
        Earlier failures this customer has had with the firm.
    baseline_satisfaction : float
        Overall satisfaction with no failure (1–7).
    weight_distributive, weight_procedural, weight_interactional : float
        Weights of the three justice dimensions in recovery satisfaction; they
        must add up to 1.
    customer_value : float
        Future margin of the customer if they stay ($).
    handling_cost : float
        Cost of handling a failure the firm recognises itself, at the front line ($).
    fix_cost : float
        What putting the problem right costs the firm ($), counted when ``fixed``:
        for a walked hotel guest, the comparable room the hotel books and pays for.

    The remaining fields are the model's illustrative constants (see the
    module's calibration table); they have no explorer control.
    """

    failure_type: str = param("process", "Failure type", kind="choice", options=FAILURE_TYPES,
                              doc="Core service not delivered, or delivered badly",
                              source="smith1999")
    severity: float = param(0.3, "Failure magnitude", kind="probability", step=0.05,
                            unit="0–1", doc="Share of the service's value lost", source=_ILL)
    service_value: float = param(100.0, "Value of the service", low=0, low_open=True, unit="$",
                                 slider=(5, 1000), step=5, source=_ILL)
    compensation: float = param(1.0, "Compensation", low=0, high=5, unit="× the loss",
                                step=0.05, doc="Compensation relative to the customer's loss",
                                source=_ILL)
    response_hours: float = param(2.0, "Time to put it right", low=0, high=720, unit="hours",
                                  slider=(0, 72), step=0.5, source=_ILL)
    fixed: bool = param(True, "Problem put right", kind="bool",
                        doc="False when a promised fix never comes", source=_ILL)
    apology: bool = param(True, "Apology", kind="bool", source="smith1999")
    explanation: bool = param(True, "Explanation", kind="bool", source="tax1998")
    courtesy: float = param(0.7, "Courtesy and empathy", kind="probability", step=0.05,
                            unit="0–1", source=_ILL)
    handled_by: str = param("front line", "Handled by", kind="choice", options=HANDLERS,
                            source="seed 000, slide 10 (front-line handling)")
    empowerment: float = param(0.5, "Front-line authority", kind="probability", step=0.05,
                               unit="0–1", doc="Authority to solve the problem on the spot",
                               source=_ILL)
    recognised_by: str = param("a complaint", "Failure recognised by", kind="choice",
                               options=RECOGNISERS,
                               doc="Who ends the pre-recovery phase",
                               source="seed 003, block 4")
    recognition_hours: float = param(0.0, "Hours until the firm recognises the failure",
                                     low=0, high=720, unit="hours", slider=(0, 72), step=0.5,
                                     doc="Length of the pre-recovery phase",
                                     source="illustrative; phase: seed 003, block 4")
    follow_up: bool = param(False, "Follow-up after the recovery", kind="bool",
                            doc="Further compensation if something is still missing",
                            source="seed 003, block 4")
    prior_failures: int = param(0, "Earlier failures", kind="integer", low=0, high=10,
                                source="illustrative; effect: maxham2002")
    baseline_satisfaction: float = param(5.5, "Satisfaction with no failure", low=1, high=7,
                                         unit="1–7", step=0.1, source=_ILL)
    weight_distributive: float = param(0.45, "Weight: distributive justice",
                                       kind="probability", unit="share", step=0.05,
                                       source="illustrative; largest: orsingher2010", **_PRIVATE)
    weight_procedural: float = param(0.25, "Weight: procedural justice", kind="probability",
                                     unit="share", step=0.05,
                                     source="illustrative; dimensions: tax1998", **_PRIVATE)
    weight_interactional: float = param(0.30, "Weight: interactional justice",
                                        kind="probability", unit="share", step=0.05,
                                        source="illustrative; dimensions: tax1998", **_PRIVATE)
    customer_value: float = param(500.0, "Customer's future margin", low=0, unit="$",
                                  slider=(0, 5000), step=50, source=_ILL)
    handling_cost: float = param(10.0, "Handling cost (front line, recognised by the firm)",
                                 low=0,
                                 unit="$", slider=(0, 200), step=1, source=_ILL)
    fix_cost: float = param(0.0, "Cost of putting it right", low=0, unit="$",
                            slider=(0, 500), step=5,
                            doc="What the fix costs the firm (a replacement room, a new part)",
                            source=_ILL)
    fix_value: float = param(0.5, "Distributive justice of the fix alone", kind="probability",
                             source=_ILL, **_PRIVATE)
    fix_hours: float = param(72.0, "Time scale over which a late fix loses its value",
                             low=0, low_open=True, high=8760, unit="hours", source=_ILL,
                             **_PRIVATE)
    lasting_damage: float = param(0.25, "Share of a total failure's damage no recovery undoes",
                                  kind="probability", unit="share",
                                  source="assumption; illustrative size", **_PRIVATE)
    comp_response_outcome: float = param(1.6, "Compensation response, outcome failure",
                                         low=0, low_open=True, high=10, unit="per × loss",
                                         source="illustrative; larger for outcome failures: "
                                         "smith1999", **_PRIVATE)
    comp_response_process: float = param(0.8, "Compensation response, process failure",
                                         low=0, low_open=True, high=10, unit="per × loss",
                                         source="illustrative; smith1999", **_PRIVATE)
    apology_outcome: float = param(0.15, "Apology weight, outcome failure",
                                   kind="probability", source="illustrative; smaller for "
                                   "outcome failures: smith1999", **_PRIVATE)
    apology_process: float = param(0.25, "Apology weight, process failure",
                                   kind="probability", source="illustrative; smith1999",
                                   **_PRIVATE)
    speed_hours: float = param(24.0, "Promptness time scale", low=0, low_open=True, high=720,
                               unit="hours", source="illustrative; speed matters: smith1999",
                               **_PRIVATE)
    escalation_hours: float = param(24.0, "Delay added by escalation", low=0, high=720,
                                    unit="hours", source=_ILL, **_PRIVATE)
    max_damage: float = param(3.0, "Damage of a total failure", low=0, high=6,
                              unit="points (1–7)", source=_ILL, **_PRIVATE)
    neutral_recovery: float = param(0.40, "Recovery satisfaction that restores nothing",
                                    kind="probability", source=_ILL, **_PRIVATE)
    excellent_recovery: float = param(0.85, "Recovery satisfaction needed for a paradox",
                                      kind="probability",
                                      source="illustrative; magnini2007", **_PRIVATE)
    minor_severity: float = param(0.40, "Largest severity with a paradox",
                                  kind="probability",
                                  source="illustrative; minor failures only: magnini2007",
                                  **_PRIVATE)
    paradox_max: float = param(0.5, "Largest paradox bonus", low=0, high=3,
                               unit="points (1–7)",
                               source="illustrative; satisfaction only: dematos2007",
                               **_PRIVATE)
    double_deviation: float = param(1.5, "Damage of a recovery that fails completely",
                                    low=0, high=6, unit="points (1–7)",
                                    source="illustrative; concept: bitner1990", **_PRIVATE)
    repeat_penalty: float = param(0.25, "Extra damage per earlier failure", low=0, high=2,
                                  unit="× the damage", source="illustrative; maxham2002",
                                  **_PRIVATE)
    repurchase_slope: float = param(1.2, "Repurchase curve slope", low=0, low_open=True,
                                    high=10, unit="per point", source=_ILL, **_PRIVATE)
    repurchase_midpoint: float = param(4.0, "Satisfaction at 50% repurchase", low=1, high=7,
                                       unit="1–7", source=_ILL, **_PRIVATE)
    follow_up_share: float = param(0.3, "Share of the remaining gap a follow-up closes",
                                   kind="probability", source=_ILL, **_PRIVATE)
    paradox_carryover: float = param(0.0, "Share of a paradox carried into loyalty",
                                     kind="probability", unit="share",
                                     doc="Satisfaction above the no-failure level that "
                                     "carries into repurchase and word of mouth",
                                     source="assumption; none found in repurchase: dematos2007",
                                     **_PRIVATE)

    explorer_fields = ("compensation", "response_hours", "apology", "explanation", "courtesy",
                       "handled_by", "empowerment", "severity", "failure_type",
                       "prior_failures", "recognised_by", "recognition_hours", "follow_up")

    def check(self) -> None:
        """The justice weights add up to 1; a paradox needs a threshold above the neutral one."""
        total = self.weight_distributive + self.weight_procedural + self.weight_interactional
        if not math.isclose(total, 1.0, abs_tol=1e-9):
            raise ValueError(
                "weight_distributive, weight_procedural and weight_interactional are shares "
                f"and must add up to 1; they add up to {total:.6g} "
                f"({self.weight_distributive:g} + {self.weight_procedural:g} + "
                f"{self.weight_interactional:g})")
        if not self.neutral_recovery < self.excellent_recovery:
            raise ValueError(f"neutral_recovery ({self.neutral_recovery:g}) must be below "
                             f"excellent_recovery ({self.excellent_recovery:g})")

    # ---------------------------------------------------------------- the model
    @property
    def loss(self) -> float:
        """The customer's loss, ``severity × service_value`` ($)."""
        return self.severity * self.service_value

    @property
    def satisfaction_ceiling(self) -> float:
        """The most overall satisfaction (1–7) any recovery can restore after this failure.

        ``S0 − D × lasting_damage × severity``: the damage that stays however good the
        recovery (see the module docstring). Only a minor first failure's paradox bonus
        can lift satisfaction above it; once a recovery reaches ``excellent_recovery``,
        a better one (more compensation, a follow-up, the firm recognising the failure)
        leaves overall satisfaction at this ceiling.

        Examples
        --------
        >>> h = hotel_overbooking()
        >>> best = h.replace(compensation=5.0, courtesy=1.0, recognised_by="the firm")
        >>> round(h.satisfaction_ceiling, 2), round(best.run().satisfaction, 2)
        (5.23, 5.23)
        """
        damage = self.max_damage * self.severity * (1 + self.repeat_penalty
                                                    * self.prior_failures)
        return float(np.clip(self.baseline_satisfaction
                             - damage * self.lasting_damage * self.severity, *SCALE))

    @property
    def hours(self) -> float:
        """Hours from the failure to the fix: recognition, response and any escalation delay."""
        return self.recognition_hours + self.response_hours + (
            self.escalation_hours if self.handled_by == "escalated" else 0.0)

    def justice(self, compensation: np.ndarray | float | None = None
                ) -> tuple[np.ndarray, float, float]:
        """Distributive, procedural and interactional justice on a 0–1 scale.

        ``compensation`` (a multiple of the loss, scalar or array) overrides the
        scenario's, so a whole compensation curve is one call.
        """
        c = np.asarray(self.compensation if compensation is None else compensation, float)
        k = (self.comp_response_outcome if self.failure_type == "outcome"
             else self.comp_response_process)
        fix = self.fix_value * math.exp(-self.hours / self.fix_hours) if self.fixed else 0.0
        distributive = 1.0 - (1.0 - fix) * np.exp(-k * c)
        promptness = math.exp(-self.hours / self.speed_hours) if self.fixed else 0.0
        authority = 1.0 if self.handled_by == "escalated" else self.empowerment
        procedural = 0.6 * promptness + 0.4 * authority
        apology_w = self.apology_outcome if self.failure_type == "outcome" else self.apology_process
        interactional = (0.45 * self.courtesy + 0.15 * self.explanation
                         + apology_w * self.apology + 0.15 * (self.recognised_by == "the firm"))
        return distributive, procedural, min(1.0, interactional)

    def _evaluate(self, compensation: np.ndarray | float | None = None) -> dict[str, np.ndarray]:
        d, p, i = self.justice(compensation)
        r = (self.weight_distributive * d + self.weight_procedural * p
             + self.weight_interactional * i)
        if self.follow_up:   # an add-on: closes part of what the recovery left missing
            r = r + self.follow_up_share * (1 - r)
        s0 = self.baseline_satisfaction
        damage = self.max_damage * self.severity * (1 + self.repeat_penalty * self.prior_failures)
        t0 = self.neutral_recovery
        # Each ratio is clipped before it is divided, so a threshold at an edge (neutral
        # near 0, excellent at 1) gives 0 or 1, never an overflow or 0 / 0.
        t1 = self.excellent_recovery
        ceiling = 1.0 - self.lasting_damage * self.severity
        restored = ceiling * np.clip(r - t0, 0, t1 - t0) / (t1 - t0)  # t1 > t0 (check)
        second = (self.double_deviation * np.clip(t0 - r, 0, t0) / t0 if t0 > 0
                  else np.zeros_like(r))
        room = np.clip(r - t1, 0, 1 - t1) / (1 - t1) if t1 < 1 else np.zeros_like(r)
        x = self.severity / self.minor_severity if self.minor_severity > 0 else 1.0
        minor = 4.0 * x * (1.0 - x) if x < 1 else 0.0   # 0 at no loss and at minor_severity
        bonus = (self.paradox_max * np.clip(room, 0, 1) * max(0.0, minor)
                 * (self.prior_failures == 0))
        sat = np.clip(s0 - damage * (1 - restored) - second + bonus, *SCALE)
        no_rec = max(SCALE[0], s0 - damage)
        cost = np.asarray(self.compensation if compensation is None else compensation,
                          float) * self.loss + self.handling + self.fix_cost * self.fixed
        loyalty = self.loyalty_satisfaction(sat, cost)
        return {"distributive": d, "procedural": p, "interactional": i, "recovery": r,
                "satisfaction": sat, "no_recovery": no_rec, "bonus": bonus,
                "loyalty": loyalty, "repurchase": self.repurchase_at(loyalty), "cost": cost}

    def loyalty_satisfaction(self, satisfaction: np.ndarray | float,
                             cost: np.ndarray | float | None = None) -> np.ndarray:
        """The satisfaction that drives repurchase and word of mouth: up to the no-failure
        level ``S0`` in full, above it only ``paradox_carryover`` of the excess (an
        assumption; see the module docstring). Given the recovery's ``cost`` ($), the
        carried excess is also capped where repurchase would repay more than that cost,
        so that a failure is never worth more than no failure.

        Examples
        --------
        >>> s = RecoveryScenario(baseline_satisfaction=5.0)
        >>> float(s.loyalty_satisfaction(6.0)), float(s.replace(paradox_carryover=0.5)
        ...                                           .loyalty_satisfaction(6.0))
        (5.0, 5.5)
        >>> float(s.replace(paradox_carryover=0.5).loyalty_satisfaction(6.0, cost=0.0))
        5.0
        """
        sat = np.asarray(satisfaction, float)
        s0 = self.baseline_satisfaction
        loyal = np.minimum(sat, s0) + self.paradox_carryover * np.maximum(sat - s0, 0.0)
        if cost is None or self.paradox_carryover == 0:
            return loyal
        # the most repurchase can exceed the no-failure level: what repays the cost
        base = float(self.repurchase_at(s0))
        with np.errstate(over="ignore", divide="ignore"):
            room = (np.asarray(cost, float) / self.customer_value if self.customer_value > 0
                    else np.zeros_like(np.asarray(cost, float)))
        cap_p = np.minimum(base + room, 1.0)
        with np.errstate(divide="ignore"):
            cap_s = np.where(cap_p >= 1.0, np.inf, self.repurchase_midpoint + np.log(
                cap_p / np.maximum(1.0 - cap_p, 1e-300)) / self.repurchase_slope)
        return np.minimum(loyal, np.maximum(cap_s, s0))

    @property
    def handling(self) -> float:
        """Handling cost of this failure: recognition and escalation multipliers applied,
        plus a follow-up if there is one ($)."""
        return self.handling_cost * (RECOGNITION_COST[self.recognised_by] * (
            ESCALATION_COST if self.handled_by == "escalated" else 1.0)
            + (FOLLOW_UP_COST if self.follow_up else 0.0))

    def repurchase_at(self, satisfaction: np.ndarray | float) -> np.ndarray:
        """Repurchase probability at an overall satisfaction (1–7): a logistic curve."""
        s = np.asarray(satisfaction, float)
        return 1 / (1 + np.exp(-self.repurchase_slope * (s - self.repurchase_midpoint)))

    def run(self) -> "RecoveryResult":
        """Evaluate the response against the no-failure and no-recovery baselines."""
        e = self._evaluate()
        s0 = self.baseline_satisfaction
        sat, no_rec = float(e["satisfaction"]), float(e["no_recovery"])
        loyalty = float(e["loyalty"])
        rep = float(e["repurchase"])
        return RecoveryResult(
            scenario=self, distributive=float(_to_scale(e["distributive"])),
            procedural=float(_to_scale(e["procedural"])),
            interactional=float(_to_scale(e["interactional"])),
            recovery_satisfaction=float(_to_scale(e["recovery"])),
            satisfaction=sat, baseline_satisfaction=s0, no_recovery_satisfaction=no_rec,
            repurchase=rep, baseline_repurchase=float(self.repurchase_at(s0)),
            no_recovery_repurchase=float(self.repurchase_at(no_rec)),
            compensation_cost=self.compensation * self.loss, handling_cost=self.handling,
            paradox=bool(sat > s0 + 1e-12), double_deviation=bool(sat < no_rec - 1e-12),
            fix_cost=self.fix_cost * self.fixed, loyalty_satisfaction=loyalty)


def _wom(loyalty: float) -> float:
    """Net word of mouth, −1 (all bad) to 1 (all good), from the loyalty satisfaction."""
    return (float(loyalty) - 4.0) / 3.0


@dataclass(frozen=True)
class RecoveryResult(Result):
    """Justice, satisfaction, loyalty and cost of one recovery, beside two baselines.

    Attributes
    ----------
    distributive, procedural, interactional : float
        Perceived justice (1–7).
    recovery_satisfaction : float
        Satisfaction with the complaint handling (1–7).
    satisfaction, baseline_satisfaction, no_recovery_satisfaction : float
        Overall satisfaction after recovery, with no failure and after a failure
        with no recovery (1–7).
    repurchase, baseline_repurchase, no_recovery_repurchase : float
        Repurchase probability in the three states.
    compensation_cost, handling_cost, fix_cost : float
        What the recovery costs ($): compensation, handling and putting it right.
    paradox : bool
        Satisfaction after recovery is above the no-failure level.
    double_deviation : bool
        Satisfaction after recovery is below the no-recovery level: the recovery left
        the customer worse off than no recovery at all (the worst case of what
        :cite:`bitner1990` call a failed response; ``outcome`` labels it "worse than no
        recovery").
    loyalty_satisfaction : float
        The satisfaction that drives repurchase and word of mouth (1–7).
    """

    scenario: RecoveryScenario
    distributive: float
    procedural: float
    interactional: float
    recovery_satisfaction: float
    satisfaction: float
    baseline_satisfaction: float
    no_recovery_satisfaction: float
    repurchase: float
    baseline_repurchase: float
    no_recovery_repurchase: float
    compensation_cost: float
    handling_cost: float
    paradox: bool
    double_deviation: bool
    fix_cost: float = 0.0
    loyalty_satisfaction: float = math.nan

    @property
    def cost(self) -> float:
        """Total cost of the recovery ($): the fix, compensation and handling."""
        return self.fix_cost + self.compensation_cost + self.handling_cost

    @property
    def word_of_mouth(self) -> float:
        """Net word of mouth after recovery (−1 to 1); above the no-failure level only by
        ``paradox_carryover`` of a paradox."""
        return _wom(self.loyalty_satisfaction)

    @property
    def profit(self) -> float:
        """Expected customer value after recovery minus its cost ($)."""
        return self.repurchase * self.scenario.customer_value - self.cost

    @property
    def no_recovery_profit(self) -> float:
        """Expected customer value if the firm does nothing ($)."""
        return self.no_recovery_repurchase * self.scenario.customer_value

    @property
    def outcome(self) -> str:
        """``"recovery paradox"``, ``"worse than no recovery"`` or ``"partial recovery"``.

        A recovery below the no-recovery level is the worst case of a double deviation; a
        "partial recovery" can be a failed response too, only not that bad."""
        if self.paradox:
            return "recovery paradox"
        if self.double_deviation:
            return "worse than no recovery"
        return "partial recovery"

    def to_frame(self) -> pd.DataFrame:
        """Measures by state: no failure, failure with no recovery, after recovery."""
        b, n = self.baseline_satisfaction, self.no_recovery_satisfaction
        cv = self.scenario.customer_value
        rows = {
            "distributive justice (1–7)": (np.nan, np.nan, self.distributive),
            "procedural justice (1–7)": (np.nan, np.nan, self.procedural),
            "interactional justice (1–7)": (np.nan, np.nan, self.interactional),
            "satisfaction with recovery (1–7)": (np.nan, np.nan, self.recovery_satisfaction),
            "overall satisfaction (1–7)": (b, n, self.satisfaction),
            "repurchase probability": (self.baseline_repurchase, self.no_recovery_repurchase,
                                       self.repurchase),
            "net word of mouth (−1 to 1)": (_wom(b), _wom(n), self.word_of_mouth),
            "recovery cost ($)": (0.0, 0.0, self.cost),
            "expected value ($)": (self.baseline_repurchase * cv, self.no_recovery_profit,
                                   self.profit),
        }
        return pd.DataFrame(rows, index=["no failure", "failure, no recovery",
                                         "after recovery"]).T


# --------------------------------------------------------------------------- helpers

def satisfaction_from_justice(distributive: float, procedural: float, interactional: float,
                              weights: tuple[float, float, float] = (0.45, 0.25, 0.30)
                              ) -> float:
    """Satisfaction with a recovery (1–7) from the three justice ratings (each 1–7).

    Parameters
    ----------
    distributive, procedural, interactional : float
        Perceived justice on the 1–7 scale.
    weights : tuple of three floats
        Weights of the three dimensions, each in [0, 1], adding up to 1
        (default: the module's illustrative weights, distributive largest as
        in :cite:`orsingher2010`).

    Examples
    --------
    >>> satisfaction_from_justice(7, 7, 7)
    7.0
    >>> satisfaction_from_justice(8, 4, 4)
    Traceback (most recent call last):
    ...
    ValueError: distributive must be a justice rating in [1, 7]; got 8
    """
    values = []
    for name, x in (("distributive", distributive), ("procedural", procedural),
                    ("interactional", interactional)):
        values.append(v.real(name, x, 1, 7, what="a justice rating"))
    if not isinstance(weights, (tuple, list)) or len(weights) != 3:
        raise ValueError(f"weights must be three shares adding up to 1; got {weights!r}")
    w = [v.probability(f"weights[{k}]", x) for k, x in enumerate(weights)]
    if not math.isclose(sum(w), 1.0, abs_tol=1e-9):
        raise ValueError(f"weights must add up to 1; they add up to {sum(w):.6g}")
    return float(sum(a * b for a, b in zip(w, values)))


def compensation_curve(scenario: RecoveryScenario,
                       multiples: np.ndarray | None = None) -> pd.DataFrame:
    """Satisfaction, repurchase, cost and expected value across compensation multiples.

    Examples
    --------
    >>> f = compensation_curve(hotel_overbooking(), np.array([0.0, 1.0, 2.0]))
    >>> bool(f["satisfaction"].is_monotonic_increasing)
    True
    """
    v.instance("scenario", scenario, RecoveryScenario)
    c = np.linspace(0, 3, 61) if multiples is None else v.array("multiples", multiples, 0, 5)
    e = scenario._evaluate(c)
    value = e["repurchase"] * scenario.customer_value - e["cost"]
    return pd.DataFrame({"compensation (× loss)": c, "distributive justice": _to_scale(
        e["distributive"]), "satisfaction": e["satisfaction"], "repurchase": e["repurchase"],
        "cost ($)": e["cost"], "expected value ($)": value}).set_index("compensation (× loss)")


def optimal_compensation(scenario: RecoveryScenario, high: float = 5.0) -> float:
    """The compensation multiple (0 to ``high``) that maximises expected value after recovery.

    Expected value is ``repurchase × customer_value − compensation × loss −
    handling``. A fine grid is searched, then refined by golden-section
    search around the best grid point.

    Examples
    --------
    >>> s = hotel_overbooking()
    >>> c = optimal_compensation(s)
    >>> 0 < c < 3
    True
    >>> optimal_compensation(s.replace(customer_value=0.0))
    0.0
    """
    v.instance("scenario", scenario, RecoveryScenario)
    high = v.real("high", high, 0, 5, low_open=True)

    def value(c: np.ndarray) -> np.ndarray:
        e = scenario._evaluate(c)
        return e["repurchase"] * scenario.customer_value - e["cost"]

    grid = np.linspace(0, high, 501)
    vals = value(grid)
    k = int(np.argmax(vals))
    lo, hi = grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)]
    g = (math.sqrt(5) - 1) / 2
    for _ in range(40):
        a, b = hi - g * (hi - lo), lo + g * (hi - lo)
        if value(np.array([a]))[0] >= value(np.array([b]))[0]:
            hi = b
        else:
            lo = a
    best = (lo + hi) / 2
    return float(best) if value(np.array([best]))[0] > vals[k] else float(grid[k])


#: The three ways to run one recovery that :func:`phase_costs` compares.
PHASE_OPTIONS = {"recognised by the firm": dict(recognised_by="the firm", follow_up=False),
                 "recognised from a complaint": dict(recognised_by="a complaint",
                                                     follow_up=False),
                 "complaint, then follow-up": dict(recognised_by="a complaint", follow_up=True)}


def phase_costs(scenario: RecoveryScenario) -> pd.DataFrame:
    """The same recovery run three ways: recognised by the firm itself, recognised from a
    complaint, and recognised from a complaint with a follow-up added.

    Columns: the fix, handling, compensation and total cost ($), satisfaction with the
    recovery and overall satisfaction (both 1–7), and the expected value net of the
    recovery's cost ($). Overall satisfaction cannot exceed
    :attr:`RecoveryScenario.satisfaction_ceiling` (outside a minor failure's paradox):
    where two ways reach it, they differ in satisfaction with the recovery but not
    overall, so read both columns.

    Examples
    --------
    >>> f = phase_costs(hotel_overbooking())
    >>> list(f.index)
    ['recognised by the firm', 'recognised from a complaint', 'complaint, then follow-up']
    >>> bool(f["total ($)"].is_monotonic_increasing)
    True
    >>> f["overall satisfaction (1–7)"].round(2).tolist()   # two rows at the ceiling
    [5.23, 5.13, 5.23]
    """
    v.instance("scenario", scenario, RecoveryScenario)
    rows = []
    for name, change in PHASE_OPTIONS.items():
        r = scenario.replace(**change).run()
        rows.append({"recovery": name, "fix ($)": r.fix_cost, "handling ($)": r.handling_cost,
                     "compensation ($)": r.compensation_cost, "total ($)": r.cost,
                     "satisfaction with recovery (1–7)": r.recovery_satisfaction,
                     "overall satisfaction (1–7)": r.satisfaction,
                     "expected value ($)": r.profit})
    return pd.DataFrame(rows).set_index("recovery")


def compare_recoveries(cases: dict[str, RecoveryScenario]) -> pd.DataFrame:
    """Several recoveries side by side: one row per case, the outcome and the three states.

    Parameters
    ----------
    cases : dict of str to RecoveryScenario
        A name for each case, for example ``{"hotel": hotel_overbooking()}``.

    Returns
    -------
    pandas.DataFrame
        Indexed by case name, with the outcome; overall satisfaction (1–7)
        with no failure, with no recovery and after recovery (the three
        columns headed by the state); repurchase with no failure and after
        recovery; and ``value gained ($)``, the expected value gained over
        doing nothing, net of the recovery's cost.

    Examples
    --------
    >>> f = compare_recoveries({"delay": restaurant_delay(), "spoon": missing_spoon()})
    >>> f["outcome"].tolist()
    ['recovery paradox', 'worse than no recovery']
    >>> bool(f.loc["spoon", "value gained ($)"] < 0)
    True
    """
    if not isinstance(cases, dict) or not cases:
        raise ValueError("cases must be a non-empty dict of name to RecoveryScenario")
    rows = {}
    for name, scenario in cases.items():
        v.instance(f"cases[{name!r}]", scenario, RecoveryScenario)
        r = scenario.run()
        rows[name] = {"outcome": r.outcome,
                      "no failure (1–7)": r.baseline_satisfaction,
                      "no recovery (1–7)": r.no_recovery_satisfaction,
                      "after recovery (1–7)": r.satisfaction,
                      "repurchase, no failure": r.baseline_repurchase,
                      "repurchase after recovery": r.repurchase,
                      "value gained ($)": r.profit - r.no_recovery_profit}
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "case"
    return frame


#: Low and high values of the illustrative response curves that drive most dollar answers:
#: how fast promptness decays, how fast a late fix loses its value, the damage of a total
#: failure and the slope of repurchase (each half and double its value, or thereabouts).
ILLUSTRATIVE_RANGES: dict[str, tuple[float, float]] = {
    "speed_hours": (12.0, 48.0), "fix_hours": (24.0, 168.0), "max_damage": (2.0, 4.0),
    "repurchase_slope": (0.8, 1.6)}


def value_range(base: RecoveryScenario, alternative: RecoveryScenario,
                ranges: dict[str, tuple[float, float]] | None = None) -> pd.DataFrame:
    """What choosing ``alternative`` over ``base`` is worth per customer ($), at the model's
    illustrative values and with each named parameter, one at a time, at its low and high value.

    Dollar answers rest on illustrative response curves; this shows whether a decision
    survives when they move. The same parameter value is set in both scenarios. Each
    parameter moves alone, the others staying at their modelled values: joint extremes
    (two curves at their edges at once) are not checked.

    Parameters
    ----------
    base, alternative : RecoveryScenario
    ranges : dict of str to (float, float), optional
        Parameter → (low, high); default :data:`ILLUSTRATIVE_RANGES`.

    Returns
    -------
    pandas.DataFrame
        Indexed by parameter (first row ``"as modelled"``), with columns ``low``,
        ``high`` and the ``value`` at which the parameter sits in ``base``; entries
        are ``alternative.profit − base.profit``.

    Examples
    --------
    >>> h = hotel_overbooking()
    >>> t = value_range(h.replace(response_hours=24.0), h)
    >>> bool((t[["low", "high"]] > 0).all().all())   # the faster fix pays at every edge
    True
    """
    for name, s in (("base", base), ("alternative", alternative)):
        v.instance(name, s, RecoveryScenario)
    ranges = ILLUSTRATIVE_RANGES if ranges is None else ranges
    params = RecoveryScenario.parameters()
    gain = alternative.run().profit - base.run().profit
    rows = [{"parameter": "as modelled", "value": math.nan, "low": gain, "high": gain}]
    for name, bounds in ranges.items():
        if name not in params or not isinstance(bounds, tuple) or len(bounds) != 2:
            raise ValueError(f"ranges must map RecoveryScenario fields to (low, high); "
                             f"got {name!r}: {bounds!r}")
        row = {"parameter": name, "value": float(getattr(base, name))}
        for key, x in zip(("low", "high"), bounds):
            row[key] = (alternative.replace(**{name: x}).run().profit
                        - base.replace(**{name: x}).run().profit)
        rows.append(row)
    return pd.DataFrame(rows).set_index("parameter")[["value", "low", "high"]]


# --------------------------------------------------------------------------- presets

@preset
def hotel_overbooking() -> RecoveryScenario:
    """A guest with a confirmed booking is walked to another hotel: a major outcome failure.

    Within two hours the front desk apologises, explains, and books and pays
    for a comparable room nearby (the fix, costing about the room rate,
    ``fix_cost`` = $180), and adds a voucher worth the loss (compensation 1).
    Illustrative figures. A major failure: however good the recovery, no
    paradox, and part of the damage stays (``lasting_damage``).
    """
    return RecoveryScenario(failure_type="outcome", severity=0.6, service_value=180.0,
                            compensation=1.0, response_hours=2.0, apology=True,
                            explanation=True, courtesy=0.8, handled_by="front line",
                            empowerment=0.8, customer_value=900.0,
                            handling_cost=15.0, fix_cost=180.0)


@preset
def restaurant_delay() -> RecoveryScenario:
    """A first-time slow main course, caught by the waiter before the guest complains.

    A minor process failure on a first visit; a warm apology, an explanation
    and dessert and coffee on the house (1.5 times the loss) within minutes.
    Illustrative figures. Here the recovery paradox can appear.
    """
    return RecoveryScenario(failure_type="process", severity=0.15, service_value=60.0,
                            compensation=1.5, response_hours=0.1, apology=True,
                            explanation=True, courtesy=0.95, handled_by="front line",
                            empowerment=0.9, recognised_by="the firm", customer_value=400.0,
                            handling_cost=5.0)


@preset
def missing_spoon() -> RecoveryScenario:
    """The regular who lost faith over a spoon (seed 003, block 2).

    A delivery meal came without a spoon; the customer phoned, the owner
    apologised and promised one at once, and twenty minutes later none had
    come: the firm lost a regular. Modelled as a minor outcome failure with an
    apology, no compensation and a promised fix that never arrives
    (``fixed=False``). The severity, courtesy and values are illustrative.
    """
    return RecoveryScenario(failure_type="outcome", severity=0.1, service_value=15.0,
                            compensation=0.0, response_hours=0.33, fixed=False, apology=True,
                            explanation=False, courtesy=0.5, handled_by="front line",
                            empowerment=1.0, customer_value=1500.0,
                            handling_cost=2.0)


@preset
def gift_formula() -> RecoveryScenario:
    """The eight-step complaint-is-a-gift script (선물공식, C = G; seed 002, slides 30 and 107).

    Course mapping of the steps onto the model: thank the customer and say why
    (courtesy 1), apologise (apology), fix what can be fixed now (fast, with
    full front-line authority), promise a remedy and a time (explanation),
    gather information and confirm satisfaction (courtesy). The script says
    nothing about compensation, so it is 0 here: the script alone lifts
    procedural and interactional justice, not distributive. Step 8 (prevent
    recurrence) acts on future failures, which this one-failure model does
    not follow. The steps are in slide 30's order; slide 107 puts the fix after
    the promise and the information, which changes nothing in this model.
    Failure figures are illustrative.
    """
    return RecoveryScenario(failure_type="process", severity=0.3, service_value=100.0,
                            compensation=0.0, response_hours=0.5, apology=True,
                            explanation=True, courtesy=1.0, handled_by="front line",
                            empowerment=1.0)
