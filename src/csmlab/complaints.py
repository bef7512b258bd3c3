"""What service failures cost: a TARP-style customer-flow model and the complaint vicious cycle.

A customer base of ``customers`` people is split into paths (seed 002,
slides 23–32; seed 004, slide 6; TARP as reported in FACTS.md): some have no
problem; of those with a problem some stay silent (불평하지 않는 고객), some
complain and are not resolved, some are resolved, and some are resolved
quickly. Each path has its own repurchase rate (재구매율). Lost customers cost
their yearly margin and must be replaced at ``acquisition_multiple`` times the
cost of keeping one; dissatisfied customers tell others (부정적 구전) and so do
satisfied ones.

Counting convention
-------------------
Counts are whole people. The customer base is split into the five paths with
the largest-remainder method, so the path counts sum exactly to
``customers``; within each path the retained count is the expected count
rounded half up and ``lost = path count − retained``. Hence
``retained + lost == had_problem`` holds exactly, in integers. Money and
word-of-mouth reach are computed from these whole counts.

Examples
--------
>>> r = tarp_major().run()
>>> r.retained + r.lost == r.had_problem
True
>>> float(r.to_frame().loc["resolved quickly", "repurchase rate"])
0.82
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from csmlab.cases import value as fact_value
from csmlab.scenario import Result, Scenario, param, preset

__all__ = ["ComplaintScenario", "ComplaintResult", "Comparison", "compare", "allocate",
           "CycleScenario", "CycleResult", "tarp_major", "tarp_minor", "seed_figures",
           "vicious_cycle", "PATHS"]

PATHS = ("did not complain", "complained, not resolved", "resolved", "resolved quickly")


def allocate(total: int, shares: np.ndarray) -> np.ndarray:
    """Split ``total`` whole people by ``shares`` (summing to 1) with largest remainders.

    Examples
    --------
    >>> allocate(10, np.array([1/3, 1/3, 1/3])).tolist()
    [4, 3, 3]
    >>> int(allocate(7, np.array([0.25, 0.25, 0.5])).sum())
    7
    """
    shares = np.asarray(shares, dtype=float)
    if total < 0 or shares.ndim != 1 or np.any(shares < 0) or not np.isfinite(shares).all():
        raise ValueError("allocate needs a whole total >= 0 and non-negative finite shares")
    shares = shares / shares.sum() if shares.sum() > 0 else np.full(len(shares), 1 / len(shares))
    exact = total * shares
    base = np.floor(exact).astype(np.int64)
    short = int(total - base.sum())
    if short > 0:
        order = np.argsort(-(exact - base), kind="stable")
        base[order[:short]] += 1
    return base


_P = dict(kind="probability", step=0.01)


@dataclass(frozen=True)
class ComplaintScenario(Scenario):
    """A customer base after service failures, split by what happened to each problem.

    Parameters
    ----------
    customers : int
        Customers in the base (people).
    problem_rate : float
        Share of customers who had a problem in the year.
    complaint_rate : float
        Share of those with a problem who complain (TARP: about 1 in 27).
    resolved_rate : float
        Share of complainers whose problem is resolved.
    quick_rate : float
        Share of the resolved who are resolved quickly.
    repurchase_silent, repurchase_unresolved, repurchase_resolved, repurchase_quick : float
        Share on each path who buy again (TARP, major problems, by default).
    margin_per_customer : float
        Yearly margin of one customer ($).
    keep_cost : float
        Yearly cost of keeping one customer ($).
    acquisition_multiple : float
        Cost of winning a new customer as a multiple of ``keep_cost`` (seed 004, slide 6: ≥5×).
    told_bad, told_good : float
        People a dissatisfied (lost) / satisfied (resolved) customer tells.
    persuaded_rate : float
        Share of those told who change their mind (illustrative).
    """

    customers: int = param(10_000, "Customers", kind="count", slider=(100, 100_000), step=100,
                           unit="people", doc="Size of the customer base")
    problem_rate: float = param(0.25, "Had a problem", unit="share", **_P,
                                doc="Share of customers with a problem (illustrative)")
    complaint_rate: float = param(round(1 / 27, 4), "Complained", unit="share of problems",
                                  kind="probability", step=0.005,
                                  doc="Share of those with a problem who complain",
                                  source="TARP, 1 in 27")
    resolved_rate: float = param(0.5, "Resolved", unit="share of complaints", **_P,
                                 doc="Share of complaints resolved (illustrative)")
    quick_rate: float = param(0.5, "Resolved quickly", unit="share of resolved", **_P,
                              doc="Share of resolutions that are quick (illustrative)")
    repurchase_silent: float = param(0.09, "Repurchase: silent", unit="share", **_P,
                                     source="TARP, major problems")
    repurchase_unresolved: float = param(0.19, "Repurchase: not resolved", unit="share", **_P,
                                         source="TARP, major problems")
    repurchase_resolved: float = param(0.54, "Repurchase: resolved", unit="share", **_P,
                                       source="TARP, major problems")
    repurchase_quick: float = param(0.82, "Repurchase: resolved quickly", unit="share", **_P,
                                    source="TARP, major problems")
    margin_per_customer: float = param(200.0, "Yearly margin per customer", low=0, unit="$",
                                       slider=(0, 2000), step=10, doc="Illustrative")
    keep_cost: float = param(40.0, "Cost of keeping a customer", low=0, unit="$ per year",
                             slider=(0, 500), step=5, doc="Illustrative")
    acquisition_multiple: float = param(5.0, "Acquisition cost multiple", low=0, unit="times",
                                        slider=(1, 10), step=0.5, source="seed 004, slide 6")
    told_bad: float = param(9.0, "People a lost customer tells", low=0, unit="people",
                            slider=(0, 30), step=0.5, source="seed 002, slide 23 (8 to 10)")
    told_good: float = param(5.0, "People a resolved customer tells", low=0, unit="people",
                             slider=(0, 30), step=0.5, source="seed 004, slide 1")
    persuaded_rate: float = param(0.05, "Share of those told who change their mind",
                                  unit="share", kind="probability", step=0.01,
                                  doc="Illustrative")

    explorer_fields = ("problem_rate", "complaint_rate", "resolved_rate", "quick_rate",
                       "margin_per_customer", "acquisition_multiple")

    def path_shares(self) -> np.ndarray:
        """Shares of all customers: no problem, then the four paths of :data:`PATHS`."""
        p, c, r, q = self.problem_rate, self.complaint_rate, self.resolved_rate, self.quick_rate
        return np.array([1 - p, p * (1 - c), p * c * (1 - r), p * c * r * (1 - q), p * c * r * q])

    def rates(self) -> np.ndarray:
        """Repurchase rates of the four paths, in the order of :data:`PATHS`."""
        return np.array([self.repurchase_silent, self.repurchase_unresolved,
                         self.repurchase_resolved, self.repurchase_quick])

    def run(self) -> "ComplaintResult":
        """Follow the customer base through the paths; see the module's counting convention."""
        counts = allocate(self.customers, self.path_shares())
        path_n = counts[1:]
        kept = np.floor(path_n * self.rates() + 0.5).astype(np.int64)
        kept = np.minimum(kept, path_n)
        lost_n = path_n - kept
        lost = int(lost_n.sum())
        bad = lost * self.told_bad
        good = int(path_n[2:].sum()) * self.told_good
        return ComplaintResult(
            scenario=self, had_problem=int(path_n.sum()), complained=int(path_n[1:].sum()),
            path_counts=tuple(int(x) for x in path_n), path_retained=tuple(int(x) for x in kept),
            retained=int(kept.sum()), lost=lost,
            margin_lost=lost * self.margin_per_customer,
            replacement_cost=lost * self.acquisition_multiple * self.keep_cost,
            word_of_mouth={"bad": bad, "good": good},
            swayed={"bad": bad * self.persuaded_rate, "good": good * self.persuaded_rate})


@dataclass(frozen=True)
class ComplaintResult(Result):
    """Where customers with a problem end up and what the losses cost.

    Attributes
    ----------
    had_problem, complained, retained, lost : int
        People; ``retained + lost == had_problem``.
    path_counts, path_retained : tuple of int
        People on and retained from each path of :data:`PATHS`.
    margin_lost : float
        Yearly margin of the lost customers ($).
    replacement_cost : float
        Cost of winning replacements ($): lost × multiple × keep cost.
    word_of_mouth : dict
        People reached, ``{"bad": ..., "good": ...}``.
    swayed : dict
        People reached who change their mind, bad and good.
    """

    scenario: ComplaintScenario
    had_problem: int
    complained: int
    path_counts: tuple[int, ...]
    path_retained: tuple[int, ...]
    retained: int
    lost: int
    margin_lost: float
    replacement_cost: float
    word_of_mouth: dict[str, float]
    swayed: dict[str, float]

    @property
    def total_cost(self) -> float:
        """Margin lost plus replacement cost ($)."""
        return self.margin_lost + self.replacement_cost

    @property
    def silent_share(self) -> float:
        """Share of those with a problem who never complained (the iceberg below the water)."""
        return self.path_counts[0] / self.had_problem if self.had_problem else 0.0

    def to_frame(self) -> pd.DataFrame:
        """One row per path: people, repurchase rate, retained, lost, margin lost."""
        rates = self.scenario.rates()
        rows = []
        for name, n, k, rate in zip(PATHS, self.path_counts, self.path_retained, rates):
            rows.append({"path": name, "customers": n, "repurchase rate": float(rate),
                         "retained": k, "lost": n - k,
                         "margin lost ($)": (n - k) * self.scenario.margin_per_customer})
        return pd.DataFrame(rows).set_index("path")


@dataclass(frozen=True)
class Comparison(Result):
    """What a change in complaint handling is worth.

    Attributes
    ----------
    base, improved : ComplaintResult
    customers_saved : int
        Extra customers retained.
    value : float
        Fall in margin lost plus replacement cost ($ per year).
    break_even_per_complaint : float
        ``value`` divided by the complaints in the improved scenario: the most
        that can be spent per complaint before the change stops paying ($).
        0 when there are no complaints.
    """

    base: ComplaintResult
    improved: ComplaintResult
    customers_saved: int
    value: float
    break_even_per_complaint: float

    def to_frame(self) -> pd.DataFrame:
        """Base and improved side by side, with the difference."""
        def col(r: ComplaintResult) -> dict[str, float]:
            return {"complaints": r.complained, "retained": r.retained, "lost": r.lost,
                    "margin lost ($)": r.margin_lost, "replacement cost ($)": r.replacement_cost,
                    "total cost ($)": r.total_cost}
        frame = pd.DataFrame({"base": col(self.base), "improved": col(self.improved)})
        frame["change"] = frame["improved"] - frame["base"]
        return frame


def compare(base: ComplaintScenario, improved: ComplaintScenario) -> Comparison:
    """Value of moving from ``base`` to ``improved`` complaint handling, and the break-even.

    Examples
    --------
    >>> b = tarp_major()
    >>> c = compare(b, b.replace(complaint_rate=0.2, resolved_rate=0.8))
    >>> c.customers_saved > 0 and c.break_even_per_complaint > 0
    True
    """
    for name, s in (("base", base), ("improved", improved)):
        if not isinstance(s, ComplaintScenario):
            raise ValueError(f"{name} must be a ComplaintScenario; got {type(s).__name__}")
    rb, ri = base.run(), improved.run()
    value = rb.total_cost - ri.total_cost
    per = value / ri.complained if ri.complained else 0.0
    return Comparison(base=rb, improved=ri, customers_saved=ri.retained - rb.retained,
                      value=value, break_even_per_complaint=per)


@preset
def tarp_major() -> ComplaintScenario:
    """TARP's repurchase rates for major problems (loss over $100); other inputs illustrative."""
    return ComplaintScenario(
        repurchase_silent=fact_value("tarp.major.silent"),
        repurchase_unresolved=fact_value("tarp.major.unresolved"),
        repurchase_resolved=fact_value("tarp.major.resolved"),
        repurchase_quick=fact_value("tarp.major.quick"))


@preset
def tarp_minor() -> ComplaintScenario:
    """TARP's repurchase rates for minor problems (loss under $5); other inputs illustrative."""
    return ComplaintScenario(
        repurchase_silent=fact_value("tarp.minor.silent"),
        repurchase_unresolved=fact_value("tarp.minor.unresolved"),
        repurchase_resolved=fact_value("tarp.minor.resolved"),
        repurchase_quick=fact_value("tarp.minor.quick"))


@preset
def seed_figures() -> ComplaintScenario:
    """The seeds' figures: silent 1/3 come back (seed 004, slide 6), resolved 54% (same),
    resolved well 74% (seed 002, slide 32), handled quickly 70% (seed 002, slide 23).

    The seeds give no 'not resolved' rate; TARP's major-problem 19% is used. The
    seeds' 'quick' 70% is below their 'resolved well' 74%: the figures come from
    different studies and are kept as printed.
    """
    return ComplaintScenario(
        repurchase_silent=round(fact_value("seed.silent_return"), 4),
        repurchase_unresolved=fact_value("tarp.major.unresolved"),
        repurchase_resolved=fact_value("seed.buy_again_resolved"),
        repurchase_quick=fact_value("seed.good_again_resolved"))


# --------------------------------------------------------------------------- vicious cycle

@dataclass(frozen=True)
class CycleScenario(Scenario):
    """The complaint vicious cycle (고객불평의 악순환; seed 000, slide 12) over periods.

    Each period ``customers × failure × complaint_rate`` complaints arrive; the
    firm can handle ``investment / cost_per_complaint`` of them. The unhandled
    share erodes staff morale and service, so next period's failure rate is
    ``base_failure + feedback × unhandled share`` (capped at 1). The cycle tips
    when handling capacity falls below the complaints arriving at the base
    failure rate.

    Parameters
    ----------
    customers : int
        Customers served per period.
    base_failure : float
        Failure rate when every complaint is handled.
    complaint_rate : float
        Share of failures that become complaints.
    feedback : float
        Rise in the failure rate when no complaint is handled.
    investment : float
        Spending on complaint handling per period ($).
    cost_per_complaint : float
        Cost of handling one complaint ($).
    periods : int
        Periods simulated.
    """

    customers: int = param(10_000, "Customers per period", kind="count",
                           slider=(100, 100_000), step=100, unit="people")
    base_failure: float = param(0.05, "Base failure rate", unit="share", **_P,
                                doc="Illustrative")
    complaint_rate: float = param(0.2, "Failures that become complaints", unit="share", **_P,
                                  doc="Illustrative")
    feedback: float = param(0.15, "Failure rise when complaints go unhandled", unit="share",
                            **_P, doc="Illustrative")
    investment: float = param(2_000.0, "Complaint-handling budget", low=0, unit="$ per period",
                              slider=(0, 10_000), step=100)
    cost_per_complaint: float = param(25.0, "Cost per complaint handled", low=0, low_open=True,
                                      unit="$", slider=(1, 100), step=1)
    periods: int = param(12, "Periods", kind="integer", low=1, high=500, slider=(1, 60))

    explorer_fields = ("investment", "base_failure", "feedback", "complaint_rate")

    @property
    def capacity(self) -> float:
        """Complaints that can be handled per period."""
        return self.investment / self.cost_per_complaint

    @property
    def tipping_investment(self) -> float:
        """The budget below which the cycle starts: handling every base-rate complaint ($)."""
        return self.customers * self.base_failure * self.complaint_rate * self.cost_per_complaint

    def run(self) -> "CycleResult":
        """Iterate the cycle for ``periods`` periods."""
        n = self.periods
        failure = np.empty(n)
        complaints = np.empty(n)
        handled = np.empty(n)
        f = self.base_failure
        for t in range(n):
            c = self.customers * f * self.complaint_rate
            h = min(c, self.capacity)
            failure[t], complaints[t], handled[t] = f, c, h
            unhandled = (c - h) / c if c > 0 else 0.0
            f = min(1.0, self.base_failure + self.feedback * unhandled)
        return CycleResult(period=np.arange(1, n + 1), failure=failure, complaints=complaints,
                           handled=handled, tipped=bool(self.investment < self.tipping_investment
                                                        and self.feedback > 0),
                           tipping_investment=self.tipping_investment)


@dataclass(frozen=True)
class CycleResult(Result):
    """Failure rate and complaints per period.

    Attributes
    ----------
    period, failure, complaints, handled : numpy.ndarray
        Per period: the failure rate (share), complaints arriving and handled (people).
    tipped : bool
        Whether the budget is below ``tipping_investment`` (the cycle runs).
    tipping_investment : float
        The smallest budget that keeps the cycle from starting ($ per period).
    """

    period: np.ndarray
    failure: np.ndarray
    complaints: np.ndarray
    handled: np.ndarray
    tipped: bool
    tipping_investment: float

    def to_frame(self) -> pd.DataFrame:
        """One row per period."""
        return pd.DataFrame({"period": self.period, "failure rate": self.failure,
                             "complaints": self.complaints, "handled": self.handled,
                             "unhandled": self.complaints - self.handled}).set_index("period")


@preset
def vicious_cycle() -> CycleScenario:
    """An illustrative firm whose budget sits just below the tipping point."""
    return CycleScenario()
