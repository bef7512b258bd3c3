"""What service failures cost: a TARP-style customer-flow model and the complaint vicious cycle.

A customer base of ``customers`` people is split into paths (seed 002,
slides 23, 26 and 32; seed 004, post 6; the repurchase rates of
:cite:`tarp1986`): some have no problem; of those with a problem some stay
silent (불평하지 않는 고객), some complain and are not resolved, some are
resolved, and some are resolved quickly. Each path has its own repurchase rate
(재구매율).

Damage counted against having no problem
----------------------------------------
Not every customer who does not buy again was lost to the problem: a customer
with no problem buys again with probability ``customer_retention`` too, so some
would have left anyway. The damage of a path is the customers it loses beyond
those it would have lost at that rate: ``n × (customer_retention − rate)``
for a path of ``n`` people buying again at ``rate``, in whole people (rounded
half up). Only these are charged (``lost_to_problems``, their sum).

**A problem is never counted as a gain.** A path whose customers buy again
more often than customers with no problem (TARP's 82% quick-resolution rate
for major problems against an 80% retention, say) loses *no* customers to
the problem, not a negative number: the course does not count a
recovery-paradox gain (chapter 06: the paradox is rare and fragile, and no
failure is worth more than none). So each path's count is ``n × max(0,
customer_retention − rate)``, rounded, never below zero, never above ``n``,
and the total cost never exceeds ``had_problem × cost_per_lost``. On such a
path ``lost anyway`` (what the path would have lost at the no-problem rate)
is larger than ``lost``; elsewhere ``lost anyway + lost to the problem ==
lost``.

More problems never lower the cost, within one person a path: a path's count
rises with the path's size, and raising ``problem_rate`` or ``customers``
never takes a path below one person fewer than it had (the largest-remainder
split can move one person between paths as the total grows).

What a lost customer costs
--------------------------
A lost customer is counted once, at one unit cost, ``cost_per_lost``. The
customer's value is their **lifetime margin**: the yearly margin net of the
yearly cost of serving and keeping them, ``max(0, margin − keep_cost)``, over
their expected remaining life, ``net margin × (1 + d) / (1 + d − r)`` with
yearly retention ``r`` (``customer_retention``) and discount rate ``d``,
margins at the start of each year, this year's included (the customer is
already on the books, so the first margin lost is the one due now). With
``d = 0`` this is the net margin times the expected life ``1 / (1 − r)``.

What losing one costs depends on what limits the firm's size
(``limited_by``):

* ``"market"`` (the default): the firm has room for every customer it can
  win, so if winning a customer pays it already wins every prospect it can
  reach. A lost customer cannot be made good by one more acquisition; the
  loss is the whole lifetime margin.
* ``"capacity"``: the firm is full (seats, rooms, staff hours) and turns
  prospects away. A lost customer frees a place that a new customer can fill,
  at the acquisition cost, ``acquisition_multiple × keep_cost``. A new customer
  does not bring the lost one's margin at once (chapter 09's tenure ramp, a
  contested assumption), so the replacement measure adds the share
  ``replacement_shortfall`` of the lifetime margin; the firm replaces only
  when that is cheaper than going without, so the loss is the smaller of the
  replacement cost and the lifetime margin.

The two are never added: the lost margin is either given up or (in part)
bought back by the acquisition. :attr:`ComplaintScenario.acquisition_pays`
reports whether winning a customer pays at all.

Voice, loyalty and what handling causes
---------------------------------------
TARP's complainers buy again far more often than the silent, but that is an
association. Loyal customers are the ones who complain (Hirschman's loyalty
drives voice), so part of the complainers' advantage would be there without
any handling. ``voluntary_complaint_rate`` is the share of those with a
problem who complain of their own accord; they keep TARP's rates on each
path. Complainers above it are *induced* (the firm made complaining easier):
silent customers by disposition. ``handling_effect`` ``h`` splits the voice
advantage, each path's advantage over the silent: the share ``h`` is caused
by being heard and by what the firm then did (resolving, resolving quickly),
the rest is the loyalty that made them complain. So an induced complainer on
a path buys again at ``silent + h × (rate − silent)``, between the silent
rate and the path's given rate; a voluntary one at the given ``rate`` (the
same formula with ``h = 1``). If fewer complain than would of their own
accord, the deterred keep their loyalty but lose the effect of being heard:
``silent + (1 − h) × (unresolved − silent)``. ``h = 1`` reads TARP's voice
advantage as wholly caused by handling; ``0`` as wholly selection. Every
blended rate is a weighted average of given rates with non-negative weights,
so no path's rate rises when another path's given rate falls, and lowering
any given rate never lowers the cost of customers lost to problems (an
earlier rule, ``silent + h × (unresolved − silent) + (rate − unresolved)``,
broke this: a worse result for unresolved complainers raised the induced
complainers' resolved rates).

Word of mouth (구전) counts each customer with a problem once: a lost
customer tells ``told_bad`` people (부정적 구전), whatever path they were on; a
customer who complained, was resolved and stayed tells ``told_good``; a
customer who stayed without a resolution (silent or not resolved) tells no
one. A resolved customer who still left is counted as lost only.

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
>>> r.total_cost == r.lost_to_problems * r.cost_per_lost
True
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from csmlab.cases import value as fact_value
from csmlab import validation as v
from csmlab.scenario import Result, Scenario, param, preset

__all__ = ["ComplaintScenario", "ComplaintResult", "Comparison", "compare", "allocate",
           "CycleScenario", "CycleResult", "MAJOR_COMPLAINT_RATE", "MAJOR_PROBLEM_RATE",
           "tarp_major", "tarp_minor", "seed_figures",
           "vicious_cycle", "tipping_point", "handling_effect_needed", "PATHS", "LIMITS"]

PATHS = ("did not complain", "complained, not resolved", "resolved", "resolved quickly")
#: What limits the firm's size, and so what a lost customer costs (see the module docstring).
LIMITS = ("market", "capacity")


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
        Share of those with a problem who complain (:cite:`tarp1986`: about 1 in 27).
    resolved_rate : float
        Share of complainers whose problem is resolved.
    quick_rate : float
        Share of the resolved who are resolved quickly.
    repurchase_silent, repurchase_unresolved, repurchase_resolved, repurchase_quick : float
        Share on each path who buy again (:cite:`tarp1986`, major problems, by default).
    margin_per_customer : float
        Yearly margin of one customer before the cost of keeping them ($ per year).
    customer_retention : float
        Share of customers with no problem who buy again, and the yearly
        retention of a customer on the books for the lifetime margin, in [0, 1)
        (illustrative).
    discount_rate : float
        Yearly discount rate for the lifetime margin (illustrative).
    keep_cost : float
        Yearly cost of serving and keeping one customer ($ per year), deducted
        from the margin in the lifetime margin.
    replacement_shortfall : float
        Share of a lost customer's lifetime margin a new customer does not
        bring (they start at the bottom of the tenure ramp, a contested
        assumption; illustrative). Used only with ``limited_by="capacity"``.
    voluntary_complaint_rate : float
        Share of those with a problem who complain of their own accord;
        complainers above it are induced by the firm.
    handling_effect : float
        Share of each path's repurchase advantage over the silent that the
        handling causes (being heard, and resolving; illustrative; the rest is
        the loyalty that made them complain).
    acquisition_multiple : float
        Cost of winning a new customer as a multiple of ``keep_cost`` (seed 004,
        post 6: at least 5×).
    limited_by : {"market", "capacity"}
        What limits the firm's size: ``"market"`` (a lost customer costs the
        lifetime margin) or ``"capacity"`` (the cheaper of replacing them and
        going without); see the module docstring.
    told_bad, told_good : float
        People a lost customer / a resolved and retained customer tells.
    persuaded_rate : float
        Share of those told who change their mind (illustrative).
    """

    customers: int = param(10_000, "Customers", kind="count", slider=(100, 100_000), step=100,
                           unit="people", doc="Size of the customer base",
                           source="illustrative")
    problem_rate: float = param(0.25, "Had a problem", unit="share", **_P,
                                doc="Share of customers with a problem", source="illustrative")
    complaint_rate: float = param(round(1 / 27, 4), "Complained", unit="share of problems",
                                  kind="probability", step=0.005,
                                  doc="Share of those with a problem who complain",
                                  source="tarp1986 (1 in 27, as reported)", cites_default=True)
    resolved_rate: float = param(0.5, "Resolved", unit="share of complaints", **_P,
                                 doc="Share of complaints resolved", source="illustrative")
    quick_rate: float = param(0.5, "Resolved quickly", unit="share of resolved", **_P,
                              doc="Share of resolutions that are quick", source="illustrative")
    repurchase_silent: float = param(0.09, "Repurchase: silent", unit="share", **_P,
                                     source="tarp1986, major problems", cites_default=True)
    repurchase_unresolved: float = param(0.19, "Repurchase: not resolved", unit="share", **_P,
                                         source="tarp1986, major problems", cites_default=True)
    repurchase_resolved: float = param(0.54, "Repurchase: resolved", unit="share", **_P,
                                       source="tarp1986, major problems", cites_default=True)
    repurchase_quick: float = param(0.82, "Repurchase: resolved quickly", unit="share", **_P,
                                    source="tarp1986, major problems", cites_default=True)
    margin_per_customer: float = param(200.0, "Yearly margin per customer", low=0,
                                       unit="$ per year", slider=(0, 2000), step=10,
                                       source="illustrative")
    customer_retention: float = param(0.8, "Yearly retention without a problem", low=0,
                                      high=1, high_open=True, unit="share", step=0.01,
                                      slider=(0, 0.99),
                                      doc="Repurchase rate with no problem; also the "
                                      "retention behind the lifetime margin",
                                      source="illustrative (expected life 1/(1 − r) = 5 years)")
    discount_rate: float = param(0.1, "Discount rate", low=0, high=1, unit="share per year",
                                 step=0.01, doc="Discounts the lifetime margin",
                                 source="illustrative")
    keep_cost: float = param(40.0, "Cost of keeping a customer", low=0, unit="$ per year",
                             slider=(0, 500), step=5,
                             doc="Cost of serving and keeping a customer, net of which "
                             "the margin counts", source="illustrative")
    replacement_shortfall: float = param(0.25, "Lifetime margin a replacement does not bring",
                                         unit="share", **_P,
                                         doc="A new customer starts at the bottom of the "
                                         "tenure ramp (contested); capacity-limited firms "
                                         "only", source="illustrative (chapter 09)")
    voluntary_complaint_rate: float = param(round(1 / 27, 4), "Complain of their own accord",
                                            unit="share of problems", kind="probability",
                                            step=0.005,
                                            doc="Complainers above this share are induced",
                                            source="tarp1986 (1 in 27, as reported)", cites_default=True)
    handling_effect: float = param(0.5, "Share of the voice advantage caused by handling",
                                   unit="share", **_P,
                                   doc="Of each path's advantage over the silent; the rest "
                                   "is the loyalty that made them complain",
                                   source="illustrative (no study separates the two)")
    acquisition_multiple: float = param(5.0, "Acquisition cost multiple", low=0, unit="times",
                                        slider=(1, 10), step=0.5,
                                        source="seed 004, post 6 (at least 5×); that the "
                                        "multiple is of the yearly keep cost is the course's "
                                        "reading", cites_default=True)
    limited_by: str = param("market", "What limits the firm's size", kind="choice",
                            options=LIMITS,
                            doc="market: a lost customer costs the lifetime margin; capacity: "
                            "the cheaper of replacing them and going without",
                            source="course assumption")
    told_bad: float = param(9.0, "People a lost customer tells", low=0, unit="people",
                            slider=(0, 30), step=0.5, source="seed 002, slide 23 (8 to 10)",
                            cites_default=True)
    told_good: float = param(5.0, "People a resolved, retained customer tells", low=0,
                             unit="people", slider=(0, 30), step=0.5,
                             source="seed 004, post 1", cites_default=True)
    persuaded_rate: float = param(0.05, "Share of those told who change their mind",
                                  unit="share", kind="probability", step=0.01,
                                  source="illustrative")

    explorer_fields = ("problem_rate", "complaint_rate", "resolved_rate", "quick_rate",
                       "handling_effect", "margin_per_customer", "acquisition_multiple",
                       "limited_by")

    def path_shares(self) -> np.ndarray:
        """Shares of all customers: no problem, then the four paths of :data:`PATHS`."""
        p, c, r, q = self.problem_rate, self.complaint_rate, self.resolved_rate, self.quick_rate
        return np.array([1 - p, p * (1 - c), p * c * (1 - r), p * c * r * (1 - q), p * c * r * q])

    def tarp_rates(self) -> np.ndarray:
        """The repurchase rates as given, in the order of :data:`PATHS` (voluntary complainers)."""
        return np.array([self.repurchase_silent, self.repurchase_unresolved,
                         self.repurchase_resolved, self.repurchase_quick])

    @property
    def induced_share(self) -> float:
        """Share of complainers who complain only because the firm made it easier."""
        c, v = self.complaint_rate, self.voluntary_complaint_rate
        return (c - v) / c if c > v else 0.0  # c > v >= 0, so c > 0

    @property
    def deterred_share(self) -> float:
        """Share of the silent who would complain of their own accord but do not."""
        c, v = self.complaint_rate, self.voluntary_complaint_rate
        return (v - c) / (1 - c) if v > c else 0.0  # 1 - c > 1 - v >= 0

    def rates(self) -> np.ndarray:
        """Repurchase rates of the four paths, in the order of :data:`PATHS`.

        Voluntary complainers keep the given rates; induced complainers get
        ``silent + h × (rate − silent)`` with ``h = handling_effect`` (share
        ``h`` of each path's advantage over the silent is caused by handling);
        the silent who were deterred get ``silent + (1 − h) × (unresolved −
        silent)``. Each rate is a weighted average of given rates with
        non-negative weights, so lowering one given rate never raises another
        path's rate.

        Examples
        --------
        >>> s = tarp_minor()
        >>> s.rates().tolist() == s.tarp_rates().tolist()
        True
        >>> round(float(s.replace(complaint_rate=2 * s.voluntary_complaint_rate,
        ...                       handling_effect=0.0).rates()[3]), 4)   # (0.95 + 0.37) / 2
        0.66
        """
        tarp = self.tarp_rates()
        silent, h = tarp[0], self.handling_effect
        induced = silent + h * (tarp[1:] - silent)
        k = self.induced_share
        voiced = (1 - k) * tarp[1:] + k * induced
        d = self.deterred_share
        quiet = (1 - d) * silent + d * (silent + (1 - h) * (tarp[1] - silent))
        return np.concatenate([[quiet], voiced])

    @property
    def net_margin(self) -> float:
        """Yearly margin after the cost of keeping the customer, ``max(0, margin − keep_cost)``
        ($ per year): a customer who costs more to keep than they bring is worth nothing, since
        the firm would let them go.

        Examples
        --------
        >>> ComplaintScenario(margin_per_customer=200.0, keep_cost=40.0).net_margin
        160.0
        """
        return max(0.0, self.margin_per_customer - self.keep_cost)

    @property
    def lifetime_margin(self) -> float:
        """Present value of a customer's net margin over their expected remaining life ($).

        ``net_margin × (1 + d) / (1 + d − r)``: margins at the start of each
        year, this year's included (the customer is on the books, so the first
        margin lost is the one due now), kept with yearly probability ``r``.

        Examples
        --------
        >>> round(ComplaintScenario(customer_retention=0.8, discount_rate=0.0).lifetime_margin)
        800
        """
        d, r = self.discount_rate, self.customer_retention
        return self.net_margin * (1 + d) / ((1 - r) + d)  # r < 1, so never 0

    @property
    def acquisition_cost(self) -> float:
        """Cost of winning one new customer: ``acquisition_multiple × keep_cost`` ($)."""
        return self.acquisition_multiple * self.keep_cost

    @property
    def replacement_cost(self) -> float:
        """Cost of replacing a lost customer: acquisition plus the margin a new customer does
        not yet bring, ``acquisition_cost + replacement_shortfall × lifetime_margin`` ($)."""
        return self.acquisition_cost + self.replacement_shortfall * self.lifetime_margin

    @property
    def acquisition_pays(self) -> bool:
        """Whether winning a customer pays: ``acquisition_cost < (1 − shortfall) × lifetime
        margin``. If not, the firm could never have won its customers at this price."""
        return self.replacement_cost < self.lifetime_margin

    @property
    def cost_per_lost(self) -> float:
        """What one lost customer costs ($), counted once: the lifetime margin for a firm
        limited by its market; for one limited by capacity, the cheaper of replacing the
        customer and going without.

        Examples
        --------
        >>> s = tarp_major()
        >>> s.cost_per_lost == s.lifetime_margin
        True
        >>> full = s.replace(limited_by="capacity")
        >>> full.cost_per_lost == min(full.replacement_cost, full.lifetime_margin)
        True
        """
        if self.limited_by == "capacity":
            return min(self.replacement_cost, self.lifetime_margin)
        return self.lifetime_margin

    def run(self) -> "ComplaintResult":
        """Follow the customer base through the paths; see the module's counting convention."""
        counts = allocate(self.customers, self.path_shares())
        path_n = counts[1:]
        kept = np.floor(path_n * self.rates() + 0.5).astype(np.int64)
        kept = np.minimum(kept, path_n)
        lost_n = path_n - kept
        lost = int(lost_n.sum())
        # lost to the problem: n × (retention − rate), never below 0 (a problem is never a gain)
        gap = np.maximum(0.0, self.customer_retention - self.rates())
        extra = np.minimum(np.floor(path_n * gap + 0.5).astype(np.int64), path_n - kept)
        kept_anyway = np.minimum(np.floor(path_n * self.customer_retention + 0.5)
                                 .astype(np.int64), path_n)
        # lost anyway: the rest of the lost where the problem did damage; otherwise what the
        # path would have lost at the no-problem rate (more than it lost)
        anyway = tuple(int(x) for x in np.where(gap > 0, lost_n - extra, path_n - kept_anyway))
        extra_n = int(extra.sum())
        groups = {"bad": lost, "good": int(kept[2:].sum()), "none": int(kept[:2].sum())}
        bad = groups["bad"] * self.told_bad
        good = groups["good"] * self.told_good
        unit = self.cost_per_lost
        return ComplaintResult(
            scenario=self, had_problem=int(path_n.sum()), complained=int(path_n[1:].sum()),
            path_counts=tuple(int(x) for x in path_n), path_retained=tuple(int(x) for x in kept),
            retained=int(kept.sum()), lost=lost, path_lost_anyway=anyway,
            lost_anyway=sum(anyway), path_lost_to_problem=tuple(int(x) for x in extra),
            cost_per_lost=unit, lost_cost=extra_n * unit if extra_n else 0.0,
            wom_groups=groups,
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
    path_lost_anyway : tuple of int
        People on each path who would not have bought again with no problem
        (at ``customer_retention``): the path's lost less those lost to the
        problem, or, on a path that buys again more often than customers with
        no problem, what it would have lost at the no-problem rate.
    lost_anyway : int
        Their sum.
    path_lost_to_problem : tuple of int
        People on each path lost because of the problem, ``n × max(0,
        customer_retention − rate)`` rounded: never negative (a problem is
        never counted as a gain).
    cost_per_lost : float
        What one lost customer costs under the scenario's ``limited_by`` ($).
    lost_cost : float
        ``lost_to_problems × cost_per_lost`` ($): each customer lost to a
        problem counted once.
    wom_groups : dict
        People in each word-of-mouth group: ``"bad"`` (lost), ``"good"``
        (resolved and retained), ``"none"`` (retained unresolved or silent).
        The groups sum to ``had_problem``.
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
    path_lost_anyway: tuple[int, ...]
    lost_anyway: int
    path_lost_to_problem: tuple[int, ...]
    cost_per_lost: float
    lost_cost: float
    wom_groups: dict[str, int]
    word_of_mouth: dict[str, float]
    swayed: dict[str, float]

    @property
    def lost_to_problems(self) -> int:
        """Customers lost because of their problem, summed over the paths (people, never
        negative: a path that buys again more often than customers with no problem counts 0)."""
        return sum(self.path_lost_to_problem)

    @property
    def total_cost(self) -> float:
        """Cost of the customers lost to problems ($): ``lost_to_problems × cost_per_lost``."""
        return self.lost_cost

    @property
    def silent_share(self) -> float:
        """Share of those with a problem who never complained (the iceberg below the water)."""
        return self.path_counts[0] / self.had_problem if self.had_problem else 0.0

    def to_frame(self) -> pd.DataFrame:
        """One row per path: people, repurchase rate, retained, lost, lost anyway (with no
        problem), lost to the problem (never negative) and their cost."""
        rates = self.scenario.rates()  # induced and deterred customers blended in
        rows = []
        for name, n, k, rate, a, extra in zip(PATHS, self.path_counts, self.path_retained,
                                              rates, self.path_lost_anyway,
                                              self.path_lost_to_problem):
            rows.append({"path": name, "customers": n, "repurchase rate": float(rate),
                         "retained": k, "lost": n - k, "lost anyway": a,
                         "lost to the problem": extra,
                         "cost ($)": extra * self.cost_per_lost if extra else 0.0})
        return pd.DataFrame(rows).set_index("path")


@dataclass(frozen=True)
class Comparison(Result):
    """What a change in complaint handling is worth.

    Attributes
    ----------
    base, improved : ComplaintResult
    customers_saved : int
        Extra customers retained.
    saved_from_problems : int
        Fall in the customers lost to problems (people). Fewer than
        ``customers_saved`` when the change keeps customers on a path that
        buys again more often than customers with no problem: the course
        counts no gain there (a problem is never counted as a gain).
        Otherwise the two agree up to rounding: each is a difference of
        counts rounded path by path, so either can exceed the other by a
        person or two.
    value : float
        Fall in the cost of customers lost to problems ($ per year): with the
        same unit cost, ``saved_from_problems × cost_per_lost``.
    break_even_per_complaint : float
        ``value`` divided by the complaints in the improved scenario: the most
        that can be spent per complaint before the change stops paying ($).
        0 when there are no complaints.
    """

    base: ComplaintResult
    improved: ComplaintResult
    customers_saved: int
    saved_from_problems: int
    value: float
    break_even_per_complaint: float

    def to_frame(self) -> pd.DataFrame:
        """Base and improved side by side, with the difference."""
        def col(r: ComplaintResult) -> dict[str, float]:
            return {"complaints": r.complained, "retained": r.retained, "lost": r.lost,
                    "lost to problems": r.lost_to_problems,
                    "cost per lost customer ($)": r.cost_per_lost,
                    "cost of customers lost to problems ($)": r.total_cost}
        frame = pd.DataFrame({"base": col(self.base), "improved": col(self.improved)})
        frame["change"] = frame["improved"] - frame["base"]
        return frame


def compare(base: ComplaintScenario, improved: ComplaintScenario) -> Comparison:
    """Value of moving from ``base`` to ``improved`` complaint handling, and the break-even.

    Examples
    --------
    >>> b = tarp_major()
    >>> c = compare(b, b.replace(complaint_rate=0.7, resolved_rate=0.8, quick_rate=0.8))
    >>> c.customers_saved, round(c.value, 2), round(c.break_even_per_complaint, 2)
    (86, 49866.67, 142.48)
    """
    for name, s in (("base", base), ("improved", improved)):
        v.instance(name, s, ComplaintScenario)
    rb, ri = base.run(), improved.run()
    value = rb.total_cost - ri.total_cost
    per = value / ri.complained if ri.complained else 0.0
    return Comparison(base=rb, improved=ri, customers_saved=ri.retained - rb.retained,
                      saved_from_problems=rb.lost_to_problems - ri.lost_to_problems,
                      value=value, break_even_per_complaint=per)


#: Share of customers with a problem over $100 who complain (illustrative): seed 002,
#: slide 32 says that customers with problems on expensive goods complain at high rates
#: while most customers do not, and gives no figure. TARP's 1 in 27 is an average over all
#: problems, most of them small, so it is used for minor problems only.
MAJOR_COMPLAINT_RATE = 0.4
#: Where :data:`MAJOR_COMPLAINT_RATE` comes from, as :func:`tarp_major` states it.
MAJOR_COMPLAINT_SOURCE = ("illustrative (seed 002, slide 32: customers with problems on "
                          "expensive goods complain at high rates; the slide gives no figure)")
#: Share of customers with a problem costing them over $100 in a year (illustrative).
MAJOR_PROBLEM_RATE = 0.05


@preset
def tarp_major() -> ComplaintScenario:
    """TARP's repurchase rates for major problems (loss over $100).

    Customers with a problem on an expensive purchase complain at a high rate
    (seed 002, slide 32, no figure given): 40% here, illustrative, and one
    customer in twenty has such a problem in a year (illustrative). Other
    inputs illustrative.
    """
    return ComplaintScenario(
        problem_rate=MAJOR_PROBLEM_RATE, complaint_rate=MAJOR_COMPLAINT_RATE,
        voluntary_complaint_rate=MAJOR_COMPLAINT_RATE,
        repurchase_silent=fact_value("tarp.major.silent"),
        repurchase_unresolved=fact_value("tarp.major.unresolved"),
        repurchase_resolved=fact_value("tarp.major.resolved"),
        repurchase_quick=fact_value("tarp.major.quick"),
    ).with_sources(complaint_rate=MAJOR_COMPLAINT_SOURCE,
                   voluntary_complaint_rate=MAJOR_COMPLAINT_SOURCE)


@preset
def tarp_minor() -> ComplaintScenario:
    """TARP's repurchase rates for minor problems (loss under $5) and TARP's average complaint
    rate, about 1 in 27, which small problems dominate; other inputs illustrative."""
    return ComplaintScenario(
        repurchase_silent=fact_value("tarp.minor.silent"),
        repurchase_unresolved=fact_value("tarp.minor.unresolved"),
        repurchase_resolved=fact_value("tarp.minor.resolved"),
        repurchase_quick=fact_value("tarp.minor.quick"),
    ).with_sources(**dict.fromkeys(("repurchase_silent", "repurchase_unresolved",
                                    "repurchase_resolved", "repurchase_quick"),
                                   "tarp1986, minor problems"))


@preset
def seed_figures() -> ComplaintScenario:
    """The seeds' figures: silent 1/3 come back (seed 004, post 6), resolved 54% (same),
    resolved well 74% (seed 002, slide 32).

    The seeds give no 'not resolved' rate; TARP's major-problem 19% is used. The
    seeds' 'handled quickly' 70% (seed 002, slide 23) is below their 'resolved
    well' 74%: the figures come from different studies, so the 74% is used for
    the best path and the 70% is kept in the case figures only.
    """
    return ComplaintScenario(
        repurchase_silent=round(fact_value("seed.silent_return"), 4),
        repurchase_unresolved=fact_value("tarp.major.unresolved"),
        repurchase_resolved=fact_value("seed.buy_again_resolved"),
        repurchase_quick=fact_value("seed.good_again_resolved"),
    ).with_sources(repurchase_silent="seed 004, post 6 (only 1/3 of the silent come back)",
                   repurchase_resolved="seed 004, post 6 (54% buy again when resolved)",
                   repurchase_quick="seed 002, slide 32 (74% good customers again when "
                   "resolved well)")


# --------------------------------------------------------------------------- vicious cycle

OUTCOMES = ("holds", "settles", "runs away")


@dataclass(frozen=True)
class CycleScenario(Scenario):
    """The complaint vicious cycle (고객불평의 악순환; seed 000, slide 12) over periods.

    The seed's loop: complaints rise, dissatisfaction rises, support for the
    department that handles them is cut, service gets worse, and complaints
    rise again. Here, in period ``t``:

    * complaints arrive from failures: ``C_t = customers × f_t × complaint_rate``;
    * the support budget ``B_t`` (money, not staff) handles up to ``B_t /
      cost_per_complaint`` of them; ``U_t`` complaints go unhandled;
    * unhandled complaints make service worse: each causes ``feedback`` extra
      failures next period, ``f_{t+1} = min(1, base_failure + feedback × U_t /
      customers)``;
    * management cuts support in response to the backlog and restores it
      towards its target (``investment``) otherwise: ``B_{t+1} = max(0, B_t +
      restore × (investment − B_t) − budget_cut × cost_per_complaint × U_t)``.

    The first period starts at the target budget, with a failure rate of
    ``base_failure + shock`` (capped at 1).

    What is structural and what is assumed
    --------------------------------------
    The loop is reinforcing: a shortfall of ``S`` complaints a period
    (:attr:`shortfall`) ends, in the long run, with ``S / (1 − g)`` unhandled
    complaints, where the loop gain ``g = complaint_rate × feedback +
    budget_cut / restore`` (:attr:`loop_gain`) counts the extra unhandled
    complaints one unhandled complaint brings back, through service and
    through the budget. The gain has two parts. The service part,
    ``complaint_rate × feedback`` (:attr:`service_gain`), is a fact about the
    customers and the service, not a choice; the budget part, ``budget_cut /
    restore``, is management's rule. With ``g < 1`` the damage grows smoothly
    with the shortfall (a small saving does small harm, amplified by ``1 /
    (1 − g)``, :attr:`multiplier`) and any shock dies away. With ``g ≥ 1`` any
    shortfall runs the budget down to zero (:meth:`budget_collapses`; cuts
    fast, restoring slow, or ``restore = 0``, a budget that can only fall).
    What then happens to service depends on the service part alone: below 1
    the failure rate settles higher (at most ``base_failure / (1 −
    service_gain)`` with no budget at all); at 1 or above it runs to 100%,
    whatever the budget rule. :meth:`outcome` labels the long-run failure
    rate; :meth:`budget_collapses` reports the budget.

    Parameters
    ----------
    customers : int
        Customers served per period.
    base_failure : float
        Failure rate when every complaint is handled.
    complaint_rate : float
        Share of failures that become complaints.
    feedback : float
        Extra failures next period per complaint left unhandled.
    investment : float
        Target support budget for complaint handling, and the first period's
        budget ($ per period).
    cost_per_complaint : float
        Cost of handling one complaint ($).
    budget_cut : float
        Dollars cut from next period's budget per dollar of unhandled
        complaints (the cost of handling them).
    restore : float
        Share of the gap to the target budget restored each period.
    shock : float
        One-off rise in the failure rate in the first period.
    periods : int
        Periods simulated.

    Examples
    --------
    >>> s = vicious_cycle()
    >>> round(s.loop_gain, 2), s.outcome()
    (0.7, 'settles')
    >>> r = s.replace(periods=200).run()
    >>> round(float(r.failure[-1]), 6) == round(s.long_run()["failure"], 6)
    True
    >>> harsh = s.replace(budget_cut=0.5)
    >>> harsh.outcome(), harsh.budget_collapses()
    ('settles', True)
    >>> s.replace(budget_cut=0.0, feedback=5.0).outcome()   # service gain 1: no budget rule helps
    'runs away'
    """

    customers: int = param(10_000, "Customers per period", kind="count",
                           slider=(100, 100_000), step=100, unit="people",
                           source="illustrative")
    base_failure: float = param(0.05, "Base failure rate", unit="share", **_P,
                                source="illustrative")
    complaint_rate: float = param(0.2, "Failures that become complaints", unit="share", **_P,
                                  source="illustrative")
    feedback: float = param(1.0, "Extra failures per unhandled complaint", low=0, high=10,
                            unit="failures", step=0.1, slider=(0, 5),
                            doc="Failures an unhandled complaint causes next period",
                            source="illustrative")
    investment: float = param(2_000.0, "Support budget (target)", low=0,
                              unit="$ per period", slider=(0, 10_000), step=100,
                              doc="Management's target budget, and the first period's",
                              source="illustrative")
    cost_per_complaint: float = param(25.0, "Cost per complaint handled", low=0, low_open=True,
                                      unit="$", slider=(1, 100), step=1, source="illustrative")
    budget_cut: float = param(0.25, "Budget cut per $ of backlog", low=0, high=10,
                              unit="$ per $", step=0.05, slider=(0, 2),
                              doc="Dollars cut per dollar of unhandled complaints",
                              source="illustrative")
    restore: float = param(0.5, "Budget restored towards target", unit="share per period",
                           **_P, doc="Share of the gap to the target restored each period",
                           source="illustrative")
    shock: float = param(0.0, "One-off failure shock (first period)", unit="share", **_P,
                         source="illustrative")
    periods: int = param(12, "Periods", kind="integer", low=1, high=500, slider=(1, 60),
                         source="illustrative")

    explorer_fields = ("investment", "budget_cut", "restore", "shock", "base_failure",
                       "feedback", "complaint_rate")

    @property
    def capacity(self) -> float:
        """Complaints the target budget can handle."""
        return self.investment / self.cost_per_complaint

    @property
    def base_load(self) -> float:
        """Complaints per period at the base failure rate."""
        return self.customers * self.base_failure * self.complaint_rate

    @property
    def tipping_investment(self) -> float:
        """The smallest target budget that handles every base-rate complaint ($ per period)."""
        return self.base_load * self.cost_per_complaint

    @property
    def shortfall(self) -> float:
        """Base-rate complaints the target budget cannot handle (0 if it can)."""
        return max(0.0, self.base_load - self.capacity)

    @property
    def loop_gain(self) -> float:
        """Extra unhandled complaints one unhandled complaint brings back, per period:
        ``complaint_rate × feedback + budget_cut / restore`` (inf if the budget never
        recovers but is cut)."""
        through_budget = (self.budget_cut / self.restore if self.restore > 0
                          else (math.inf if self.budget_cut > 0 else 0.0))
        return self.complaint_rate * self.feedback + through_budget

    @property
    def service_gain(self) -> float:
        """The service part of the loop gain, ``complaint_rate × feedback``: extra complaints
        one unhandled complaint brings back through worse service. Not chosen by management."""
        return self.complaint_rate * self.feedback

    @property
    def multiplier(self) -> float:
        """Long-run unhandled complaints per complaint of shortfall, ``1 / (1 − loop_gain)``
        (inf when the gain is 1 or more: the budget is cut to nothing)."""
        g = self.loop_gain
        return 1 / (1 - g) if g < 1 else math.inf

    def _step(self, f: float, budget: float) -> tuple[float, float, float, float]:
        c = self.customers * f * self.complaint_rate
        h = min(c, budget / self.cost_per_complaint)
        u = c - h
        per = u / self.customers if self.customers else 0.0
        new_f = min(1.0, self.base_failure + self.feedback * per)
        new_budget = max(0.0, budget + self.restore * (self.investment - budget)
                         - self.budget_cut * self.cost_per_complaint * u)
        return c, h, new_f, new_budget

    def _iterate(self, n: int) -> tuple[float, float, float]:
        f, b = min(1.0, self.base_failure + self.shock), self.investment
        c = 0.0
        for _ in range(n):
            c, _, new_f, new_b = self._step(f, b)
            if abs(new_f - f) <= 1e-15 and abs(new_b - b) <= 1e-12 * max(b, 1.0):
                f, b = new_f, new_b
                break
            f, b = new_f, new_b
        c = self.customers * f * self.complaint_rate
        return f, b, c

    def long_run(self, max_periods: int = 20_000) -> dict[str, float]:
        """Where the loop ends: failure rate, budget ($), complaints and unhandled complaints.

        Iterates until nothing changes (or ``max_periods``).

        Examples
        --------
        >>> lr = vicious_cycle().long_run()
        >>> round(lr["unhandled"] / vicious_cycle().shortfall, 6)   # the multiplier, 1 / 0.3
        3.333333
        """
        f, b, c = self._iterate(max_periods)
        u = max(0.0, c - b / self.cost_per_complaint)
        return {"failure": f, "budget": b, "complaints": c, "unhandled": u}

    def outcome(self) -> str:
        """Where the failure rate ends in the long run: ``"holds"``, ``"settles"`` or
        ``"runs away"``.

        ``"holds"``: every complaint is handled, and the failure rate stays at
        its base. ``"settles"``: some complaints go unhandled and the failure
        rate settles above its base, below 100%. ``"runs away"``: the failure
        rate reaches 100%. Whether the budget is cut to nothing is reported
        apart, by :meth:`budget_collapses`.
        """
        lr = self.long_run()
        tiny = 1e-9 * max(self.base_load, 1.0)
        if lr["unhandled"] <= tiny:
            return "holds"
        return "runs away" if lr["failure"] >= 1 - 1e-9 else "settles"

    def budget_collapses(self) -> bool:
        """Whether, in the long run, complaints go unhandled and the budget is cut to nothing.

        Examples
        --------
        >>> vicious_cycle().budget_collapses()
        False
        """
        lr = self.long_run()
        return (lr["unhandled"] > 1e-9 * max(self.base_load, 1.0)
                and lr["budget"] <= 1e-9 * max(self.investment, 1.0))

    def run(self) -> "CycleResult":
        """Iterate the cycle for ``periods`` periods."""
        n = self.periods
        failure, complaints, handled, budget = (np.empty(n) for _ in range(4))
        f, b = min(1.0, self.base_failure + self.shock), self.investment
        for t in range(n):
            c, h, new_f, new_b = self._step(f, b)
            failure[t], complaints[t], handled[t], budget[t] = f, c, h, b
            f, b = new_f, new_b
        outcome = self.outcome()
        return CycleResult(period=np.arange(1, n + 1), failure=failure, complaints=complaints,
                           handled=handled, budget=budget, outcome=outcome,
                           tipped=outcome == "runs away",
                           budget_collapsed=self.budget_collapses(),
                           tipping_investment=self.tipping_investment)


@dataclass(frozen=True)
class CycleResult(Result):
    """Failure rate, complaints and support per period.

    Attributes
    ----------
    period, failure, complaints, handled, budget : numpy.ndarray
        Per period: the failure rate (share), complaints arriving and handled
        (people) and the support budget ($).
    outcome : str
        The long-run failure rate: ``"holds"``, ``"settles"`` or ``"runs away"`` (to 100%).
    tipped : bool
        Whether the failure rate runs away.
    budget_collapsed : bool
        Whether the budget is cut to nothing in the long run.
    tipping_investment : float
        The smallest budget that handles every base-rate complaint ($ per period).
    """

    period: np.ndarray
    failure: np.ndarray
    complaints: np.ndarray
    handled: np.ndarray
    budget: np.ndarray
    outcome: str
    tipped: bool
    budget_collapsed: bool
    tipping_investment: float

    #: What the table shows for support per complaint in a period with no complaints: a
    #: budget per complaint is undefined when nothing arrives (not infinite, not zero).
    NO_COMPLAINTS = "no complaints"

    @property
    def support_per_complaint(self) -> np.ndarray:
        """Budget per complaint arriving, per period ($).

        Undefined in a period with no complaints (there is nothing to divide
        the budget among): NaN here, and ``"no complaints"`` in :meth:`to_frame`.

        Examples
        --------
        >>> r = vicious_cycle().replace(base_failure=0.0, periods=2).run()
        >>> r.support_per_complaint.tolist()
        [nan, nan]
        >>> r.to_frame()["support per complaint ($)"].tolist()
        ['no complaints', 'no complaints']
        """
        arrived = self.complaints > 0
        out = np.full(self.complaints.shape, np.nan)
        out[arrived] = self.budget[arrived] / self.complaints[arrived]
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per period; support per complaint reads ``"no complaints"`` in a period
        without any (never inf or NaN)."""
        per = self.support_per_complaint
        shown = [float(x) if np.isfinite(x) else self.NO_COMPLAINTS for x in per]
        frame = pd.DataFrame({"period": self.period, "failure rate": self.failure,
                              "complaints": self.complaints, "handled": self.handled,
                              "unhandled": self.complaints - self.handled,
                              "budget ($)": self.budget,
                              "support per complaint ($)": pd.Series(shown, dtype=object),
                              }).set_index("period")
        frame.attrs["formats"] = {"support per complaint ($)": "money"}
        return frame


def tipping_point(scenario: CycleScenario, field: str = "investment",
                  tol: float = 1e-6) -> float:
    """Where the vicious cycle's long-run outcome switches, in ``field``.

    Bisection on the long-run :meth:`CycleScenario.outcome`, other fields held.

    Parameters
    ----------
    scenario : CycleScenario
    field : {"investment", "shock"}
        ``"investment"``: the smallest target budget at which every complaint
        is handled in the long run (below it some go unhandled: smoothly if the
        loop gain is below 1, with the budget run down to zero if not).
        ``"shock"``: the largest one-off failure shock after which the budget
        is not cut to nothing (:meth:`CycleScenario.budget_collapses`; only
        with a loop gain of 1 or more; below 1 every shock dies away).
    tol : float
        Width of the final bracket, in the field's unit.

    Raises
    ------
    ValueError
        If ``field`` is not one of the two, or if, for a shock, the outcome
        does not switch over [0, 1] (a loop that absorbs every shock, or no
        complaints at all, named in the message; or one that runs away
        without a shock).

    Returns
    -------
    float
        The threshold, in the field's unit. With no complaints at all
        (``customers``, ``complaint_rate`` or the failure rate 0), or none in
        the long run (a shock on a zero base failure rate), the investment
        threshold is 0: a budget of nothing handles every complaint.

    Examples
    --------
    >>> s = vicious_cycle()
    >>> round(tipping_point(s), 2) == round(s.tipping_investment, 2)
    True
    >>> harsh = s.replace(investment=3_000.0, budget_cut=0.5)
    >>> round(tipping_point(harsh, "shock"), 3)
    0.101
    >>> tipping_point(s.replace(complaint_rate=0.0))
    0.0
    """
    v.instance("scenario", scenario, CycleScenario)
    if field not in ("investment", "shock"):
        raise ValueError(f"field must be 'investment' or 'shock'; got {field!r}")
    if not (isinstance(tol, (int, float)) and tol > 0):
        raise ValueError(f"tol must be a number > 0; got {tol!r}")

    def outcome(x: float) -> str:
        return dataclasses.replace(scenario, **{field: x}).outcome()

    if field == "investment":
        def short(x: float) -> bool:
            return outcome(x) != "holds"
        peak = min(1.0, scenario.base_failure + scenario.shock)
        lo, hi = 0.0, (scenario.customers * peak * scenario.complaint_rate
                       * scenario.cost_per_complaint)
        if not short(lo):
            return 0.0   # no complaints, or none in the long run: nothing needs a budget
        if short(hi):   # pragma: no cover - a budget for the peak load handles every complaint
            raise ValueError("investment: complaints go unhandled even with a budget for "
                             "the peak load")
        while hi - lo > tol:
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if short(mid) else (lo, mid)
        return hi

    def runs(x: float) -> bool:
        return dataclasses.replace(scenario, shock=x).budget_collapses()
    lo, hi = 0.0, 1.0
    if runs(lo):
        raise ValueError("shock: the budget is cut to nothing even with no shock (investment "
                         "is below "
                         f"tipping_investment = {scenario.tipping_investment:,.2f} and the "
                         "loop gain is 1 or more)")
    if not runs(hi):
        if scenario.customers == 0 or scenario.complaint_rate == 0:
            raise ValueError("shock: no complaints arrive (customers = "
                             f"{scenario.customers}, complaint_rate = "
                             f"{scenario.complaint_rate:g}), so no shock cuts the budget")
        raise ValueError("shock: the cycle absorbs every shock in [0, 1] "
                         f"(loop gain {scenario.loop_gain:.3g})")
    while hi - lo > tol:
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if runs(mid) else (mid, hi)
    return lo


@preset
def vicious_cycle() -> CycleScenario:
    """An illustrative firm whose target budget is $500 a period short of its base-rate
    complaints, with a management that cuts and restores support (loop gain 0.7)."""
    return CycleScenario()


def handling_effect_needed(base: ComplaintScenario, improved: ComplaintScenario,
                           price_per_complaint: float, tol: float = 1e-4) -> float:
    """The smallest ``handling_effect`` at which ``improved`` pays at ``price_per_complaint``.

    Both scenarios are evaluated at the same handling effect; the programme
    pays when its break-even per complaint reaches the price. Returns 0.0 if
    it pays even when handling causes nothing, and ``inf`` if it pays at no
    ``h`` on a grid of step 0.01 (in particular not when handling causes all of
    TARP's advantage). Break-even rises with ``h`` only up to rounding of whole
    people (it can dip by a few dollars), so the grid is scanned first and the
    first step that pays is bisected to ``tol``: no grid point more than one
    step (0.01) below the answer pays. Inside a rounding dip the price can be
    met at an isolated ``h`` a little lower; a difference of that size is one
    person's rounding, not a finding.

    Examples
    --------
    >>> shop = tarp_minor().replace(margin_per_customer=120.0, keep_cost=30.0)
    >>> plan = shop.replace(complaint_rate=0.25, resolved_rate=0.9, quick_rate=0.7)
    >>> handling_effect_needed(shop, plan, 10.0)     # pays even if handling causes nothing
    0.0
    >>> round(handling_effect_needed(shop, plan, 60.0), 2)
    0.38
    >>> handling_effect_needed(shop, plan, 150.0)    # pays at no h
    inf
    """
    for name, s in (("base", base), ("improved", improved)):
        v.instance(name, s, ComplaintScenario)
    if not (isinstance(price_per_complaint, (int, float)) and math.isfinite(price_per_complaint)
            and price_per_complaint >= 0):
        raise ValueError("price_per_complaint must be a finite number >= 0; "
                         f"got {price_per_complaint!r}")

    def pays(h: float) -> bool:
        c = compare(base.replace(handling_effect=h), improved.replace(handling_effect=h))
        return c.break_even_per_complaint >= price_per_complaint

    if pays(0.0):
        return 0.0
    # Break-even rises with h only up to rounding (whole people, path by path), so it
    # can dip by a few dollars between neighbouring h. Scan a grid first and bisect
    # only inside the first step that starts to pay, so a dip further up cannot
    # steer the bisection past a grid point that pays.
    grid = np.linspace(0.0, 1.0, _NEEDED_GRID + 1)
    first = next((i for i in range(1, len(grid)) if pays(float(grid[i]))), None)
    if first is None:
        return math.inf
    lo, hi = float(grid[first - 1]), float(grid[first])
    while hi - lo > tol:
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if pays(mid) else (mid, hi)
    return hi


#: Grid steps :func:`handling_effect_needed` scans before bisecting (step 0.01).
_NEEDED_GRID = 100
