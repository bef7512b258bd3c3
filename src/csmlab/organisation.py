"""The customer-centric organisation: the service-profit chain and the levels of empowerment.

The models of chapter 01:

* :class:`ServiceProfitChainScenario` — the service-profit chain (Heskett et
  al., 1994) as a small chain of elasticities: employee satisfaction to service
  value, customer satisfaction, loyalty, revenue and profit. The loyalty link
  follows chapter 09's repurchase curve (Jones & Sasser, 1995) over customers
  spread around the mean score; a constant elasticity is the special case for
  comparison. Revenue follows loyalty only through the share of revenue that
  returning customers bring (``returning_share``).
* :func:`loyalty_link_range` — the chain's profit change by loyalty link and
  starting satisfaction level, the range a chapter shows;
  :func:`returning_share_range` the same across the share of revenue that
  follows loyalty; :func:`lowest_paying_satisfaction` the starting level
  below which the programme loses money.
* :func:`empowerment_level` — the level of empowerment a service situation
  calls for, from Bowen and Lawler's (1992) five contingencies;
  :func:`empowerment_table` rates several situations as one table.

Every quantity of the chain stays within its natural limits, whatever the
inputs: a quantity that cannot be negative (employee retention and
productivity, service value, loyalty, revenue) falls by at most 100%; customer
satisfaction stays on its 1–5 scale; loyalty, a repurchase chance, stays
within 0 and 1 (within the curve's floor and ceiling on the curve link).
Customer satisfaction is a rating on an interval scale, so the chain moves it
by an absolute number of scale points, never by a percent of where customers
stand: its change is a share of the scale's span of 4 points (0.048 = 0.192
points), the same shift whether customers stand at 2 or at 4. Profit
can turn into a loss, so its change is not bounded by −100%; it is reported
both in points of today's revenue (which does not depend on the margin) and
in percent of today's profit, for a margin of at least 1% of revenue (a
percent of a profit near zero says nothing).

Examples
--------
>>> empowerment_level({"strategy": 5, "customer_tie": 5, "technology": 4,
...                    "environment": 4, "people": 4})
(22, 'high involvement')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from csmlab import validation as v
from csmlab.scenario import Result, Scenario, param, preset

__all__ = [
    "ServiceProfitChainScenario", "ServiceProfitChainResult", "service_profit_chain",
    "loyalty_link_range", "lowest_paying_satisfaction", "returning_share_range", "break_even_change", "LOYALTY_LINKS",
    "SCALE_SPAN", "EMPOWERMENT_FACTORS", "EMPOWERMENT_LEVELS", "empowerment_level",
    "empowerment_table",
]


# ---------------------------------------------------------------- service-profit chain

@dataclass(frozen=True)
class ServiceProfitChainResult(Result):
    """Each link of the chain after a change in employee satisfaction.

    Attributes
    ----------
    links : dict
        Relative change (share) of each quantity along the chain; for customer
        satisfaction, a rating, the change in points as a share of the scale's
        span of 4 points (0.048 = 0.192 points).
    profit_change : float
        Relative change in profit (change in profit / today's profit).
    profit_points : float
        Change in profit as a share of today's revenue (0.01 = one point of
        revenue); unlike ``profit_change`` it does not depend on the margin.
    satisfaction_after : float
        Customer satisfaction after the change, on the 1–5 scale (the scale's
        ends bound it).
    loyalty_elasticity : float
        The loyalty link's elasticity: relative change in loyalty per change in
        customer satisfaction as a share of the scale's span. When satisfaction moves it is the
        realised (arc) elasticity; when it does not (no change, or a push
        beyond the end of the scale) it is the elasticity of a small move
        from today's mean in the direction of the change (up for no change),
        or the other way where the scale ends. Never NaN.
    """

    links: dict[str, float]
    profit_change: float
    profit_points: float
    satisfaction_after: float = float("nan")
    loyalty_elasticity: float = float("nan")

    def to_frame(self) -> pd.DataFrame:
        """One row per link, in chain order, with the relative change in percent; the last
        row is the change in profit in points of today's revenue."""
        rows = {k: x * 100 for k, x in self.links.items()}
        rows = {("customer satisfaction (% of the scale)" if k == "customer satisfaction"
                 else k): x for k, x in rows.items()}
        rows["profit (points of revenue)"] = self.profit_points * 100
        frame = pd.DataFrame({"change (%)": rows})
        frame.index.name = "link"
        return frame


#: Number of customers (quantiles of a normal spread) the loyalty link averages over.
SPREAD_POINTS = 201
_Z = np.array([NormalDist().inv_cdf((i + 0.5) / SPREAD_POINTS) for i in range(SPREAD_POINTS)])

LOYALTY_LINKS = ("curve", "constant elasticity")

#: Span of the 1–5 satisfaction scale in points: the chain's change in customer
#: satisfaction is a share of it (0.05 = 0.2 points), an absolute shift on the scale.
SCALE_SPAN = 4.0


@dataclass(frozen=True)
class ServiceProfitChainScenario(Scenario):
    """The service-profit chain as a chain of elasticities (Heskett et al., 1994).

    A relative change in employee satisfaction passes down the chain:
    employee satisfaction → employee retention and productivity → service
    value → customer satisfaction → customer loyalty → revenue → profit. Each
    of the first links multiplies the relative change by its elasticity; a
    quantity that cannot be negative falls by at most 100%, so each link's
    change is kept at −100% or above. Customer satisfaction is a 1–5 rating,
    an interval scale, so its change is an absolute shift in scale points:
    relative change in service value × ``e_satisfaction`` × the scale's span
    of 4 points (:data:`SCALE_SPAN`), kept within 1–5. The chain reports it as
    a share of the span (0.048 = 0.192 points); customers at 2 move as many
    points as customers at 4. The loyalty and revenue links are described
    below. Of the extra revenue, the share ``contribution`` becomes
    extra profit (the rest is variable cost); the programme that raised
    employee satisfaction costs ``programme_cost`` (a share of revenue). In
    points of today's revenue the change in profit is

        Δrevenue × contribution − programme_cost,

    and relative to today's profit (``margin`` × revenue) it is that divided by
    ``margin``, so a thin margin magnifies both the gain and the cost
    (operating leverage). The margin must be at least 1% of revenue: the
    percent change of a profit near zero is a huge number that says nothing,
    and the change in points of revenue is the answer there. The elasticities
    are illustrative: Heskett et al. describe the links, not these numbers.

    **The loyalty link.** With ``loyalty_link="curve"`` (the default) loyalty
    is chapter 09's repurchase curve, :func:`csmlab.loyalty.jones_sasser_curve`
    (flat through the zone of indifference, steep near the top; Jones & Sasser,
    1995). Customers' scores are spread around ``satisfaction_today`` (a normal
    spread with standard deviation ``satisfaction_spread``, each score kept
    within 1–5); the change in satisfaction moves the mean from s₀ to
    s₁ = s₀ + 4 × change, kept within 1–5, and every customer by the same
    number of points. Loyalty is the average repurchase chance over the customers, a
    rate between the curve's floor and ceiling, and the link passes on its
    relative change, L(after) / L(before) − 1. A spread of 0 puts every
    customer at one score. ``loyalty_link="constant elasticity"`` is the chain
    as usually drawn: relative change in loyalty = ``e_loyalty`` × change in
    customer satisfaction as a share of the span (``e_loyalty`` is used only there),
    starting from the same repurchase chance today and kept within 0 and 1 (a
    chance).

    **The revenue link.** Only returning customers' revenue follows loyalty:
    with new customers and spend per customer unchanged, the number of
    returning customers, and so their revenue, changes with the repurchase
    chance. The share ``returning_share`` of today's revenue comes from them,
    so Δrevenue = ``returning_share`` × Δloyalty (never below −100%). A share
    of 1 is the chain drawn with revenue following loyalty one for one.

    Parameters
    ----------
    employee_change : float
        Relative change in employee satisfaction (0.10 = 10% higher).
    e_employee, e_value, e_satisfaction : float
        Elasticity of each link (the relative change passed on per unit of
        relative change received).
    e_loyalty : float
        Elasticity of the constant loyalty link (only with
        ``loyalty_link="constant elasticity"``).
    satisfaction_today : float
        Customers' mean satisfaction today on a 1–5 scale (4 = satisfied,
        5 = completely satisfied).
    satisfaction_spread : float
        Standard deviation of customers' scores around the mean (0–2; 0 = all
        at one score).
    loyalty_link : str
        ``"curve"`` (chapter 09's curve) or ``"constant elasticity"``.
    returning_share : float
        Share of today's revenue that comes from returning customers, the part
        that follows loyalty (0–1).
    contribution : float
        Share of extra revenue that is extra profit (1 − variable cost share).
    programme_cost : float
        Yearly cost of the employee programme, as a share of revenue.
    margin : float
        Today's profit margin on revenue (0.01–1).

    Examples
    --------
    >>> r = ServiceProfitChainScenario(loyalty_link="constant elasticity").run()
    >>> round(r.links["revenue"], 5), round(r.profit_change, 4)
    (0.01728, -0.0309)
    >>> r = ServiceProfitChainScenario().run()        # chapter 09's curve
    >>> round(r.satisfaction_after, 3), round(r.profit_change, 3), round(r.profit_points, 4)
    (4.192, 0.163, 0.0163)
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
    e_loyalty: float = param(1.2, "Loyalty per customer satisfaction (constant link only)",
                             low=0, high=3, unit="elasticity", step=0.05,
                             source="illustrative")
    satisfaction_today: float = param(4.0, "Customer satisfaction today (mean)", low=1, high=5,
                                      unit="score 1–5", step=0.1,
                                      source="illustrative; 4 = satisfied (jones1995)")
    satisfaction_spread: float = param(0.7, "Spread of customers' scores", low=0, high=2,
                                       unit="score points (s.d.)", step=0.05,
                                       source="illustrative")
    loyalty_link: str = param("curve", "Loyalty link", kind="choice", options=LOYALTY_LINKS,
                              source="curve: chapter 09's curve (jones1995)")
    returning_share: float = param(0.3, "Share of revenue from returning customers",
                                   kind="probability", unit="share", step=0.05,
                                   source="illustrative; about today's repurchase chance "
                                          "(0.28); 1 = revenue follows loyalty one for one")
    contribution: float = param(0.4, "Contribution on extra revenue", kind="probability",
                                unit="share", step=0.05, source="illustrative")
    programme_cost: float = param(0.01, "Programme cost", low=0, high=0.5, unit="share of revenue",
                                  slider=(0, 0.1), step=0.005, source="illustrative")
    margin: float = param(0.10, "Profit margin", low=0.01, high=1, unit="share",
                          slider=(0.02, 0.5), step=0.01,
                          source="illustrative; at least 1% (a percent of a profit near 0 "
                                 "says nothing)")

    explorer_fields = ("employee_change", "satisfaction_today", "satisfaction_spread",
                       "loyalty_link", "returning_share", "programme_cost", "margin")

    def loyalty_rate(self, mean_score: float) -> float:
        """Average repurchase chance of the customers when their mean score is ``mean_score``.

        Examples
        --------
        >>> s = ServiceProfitChainScenario(satisfaction_spread=0)
        >>> round(s.loyalty_rate(5.0), 2), round(s.loyalty_rate(1.0), 2)
        (0.95, 0.1)
        """
        from csmlab.loyalty import jones_sasser_curve
        m = v.real("mean_score", mean_score, 1, 5)
        scores = np.clip(m + self.satisfaction_spread * _Z, 1.0, 5.0)
        return float(np.mean(jones_sasser_curve().loyalty(scores)))

    def loyalty_change(self, satisfaction_change: float) -> tuple[float, float]:
        """Relative change in loyalty, and the mean score reached, for a change in satisfaction.

        ``satisfaction_change`` is a share of the scale's span (0.05 = 0.2
        points): the mean moves by the same number of points wherever it
        stands, and stays within 1–5; with the constant link, the repurchase
        chance after the change stays within 0 and 1.

        Examples
        --------
        >>> s = ServiceProfitChainScenario(loyalty_link="constant elasticity")
        >>> round(s.loyalty_change(0.05)[0], 6)
        0.06
        """
        s0 = self.satisfaction_today
        s1 = min(5.0, max(1.0, s0 + SCALE_SPAN * satisfaction_change))
        if self.loyalty_link == "constant elasticity":
            before = self.loyalty_rate(s0)
            after = min(1.0, max(0.0, before * (1 + self.e_loyalty * (s1 - s0) / SCALE_SPAN)))
            return after / before - 1, s1
        return self.loyalty_rate(s1) / self.loyalty_rate(s0) - 1, s1

    def _point_elasticity(self, direction: float) -> float:
        """Loyalty elasticity of a small move of the mean (0.01%), towards ``direction`` if the
        scale allows, else the other way."""
        s0 = self.satisfaction_today
        for step in (1e-4 * direction, -1e-4 * direction):
            loyalty, s1 = self.loyalty_change(step)
            if s1 != s0:
                return loyalty / ((s1 - s0) / SCALE_SPAN)
        return 0.0      # unreachable: the scale 1–5 always allows one direction

    def run(self) -> ServiceProfitChainResult:
        """Pass the change down the chain."""
        links = {"employee satisfaction": self.employee_change}
        x = self.employee_change
        for name, e in (("employee retention and productivity", self.e_employee),
                        ("service value", self.e_value)):
            x = max(-1.0, x * e)        # a quantity falls by at most all of it
            links[name] = x
        push = x * self.e_satisfaction
        loyalty, s1 = self.loyalty_change(push)
        sat = (s1 - self.satisfaction_today) / SCALE_SPAN     # a share of the span, in points / 4
        links["customer satisfaction"] = sat
        links["customer loyalty"] = loyalty
        revenue = self.returning_share * loyalty
        links["revenue"] = revenue
        points = revenue * self.contribution - self.programme_cost
        profit = points / self.margin
        links["profit"] = profit
        elasticity = (loyalty / sat if sat
                      else self._point_elasticity(-1.0 if push < 0 else 1.0))
        return ServiceProfitChainResult(links=links, profit_change=profit, profit_points=points,
                                        satisfaction_after=s1, loyalty_elasticity=elasticity)


@preset
def service_profit_chain() -> ServiceProfitChainScenario:
    """A 10% rise in employee satisfaction through illustrative elasticities (not from a source).

    Customers' scores are spread around a mean of 4 ("satisfied"); loyalty follows
    chapter 09's curve. Returning customers bring 30% of revenue (illustrative): about
    the customers' average repurchase chance today (0.28), which is their share of
    each year's buyers when as many new customers arrive each year as before.
    """
    return ServiceProfitChainScenario()


def break_even_change(scenario: ServiceProfitChainScenario) -> float:
    """The smallest rise in employee satisfaction (0–0.5) at which the chain's programme pays.

    Profit rises with ``employee_change``, so bisection finds it; NaN when even
    a 50% rise does not pay for the programme.

    Examples
    --------
    >>> round(break_even_change(service_profit_chain()), 4)
    0.0405
    """
    v.instance("scenario", scenario, ServiceProfitChainScenario)
    def profit(x: float) -> float:
        return scenario.replace(employee_change=x).run().profit_change
    if profit(0.5) < 0:
        return float("nan")
    lo, hi = 0.0, 0.5
    if profit(lo) >= 0:
        return lo
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if profit(mid) < 0 else (lo, mid)
    return hi


def loyalty_link_range(scenario: ServiceProfitChainScenario,
                       spreads: Sequence[float] = (0.0, 0.7),
                       levels: Sequence[float] = (2.5, 3.0, 4.0, 4.4, 4.6)) -> pd.DataFrame:
    """Profit change (share) of a chain by loyalty link (rows) and mean starting satisfaction (columns).

    The first row is the constant elasticity; then chapter 09's curve with each spread
    of customers' scores.

    Parameters
    ----------
    scenario : ServiceProfitChainScenario
        The chain whose other inputs are kept.
    spreads : sequence of float
        Values of ``satisfaction_spread`` (each 0–2) for the curve rows.
    levels : sequence of float
        Values of ``satisfaction_today`` (each 1–5); the default spans the zone
        of indifference (2.5, 3) as well as satisfied customers (4 and above).

    Examples
    --------
    >>> t = loyalty_link_range(service_profit_chain(), spreads=(0.7,), levels=(4.0,))
    >>> t.round(3).iloc[:, 0].tolist()
    [-0.031, 0.163]
    """
    v.instance("scenario", scenario, ServiceProfitChainScenario)
    variants = {"constant elasticity": {"loyalty_link": "constant elasticity"}}
    for sd in spreads:
        label = ("curve, all at one score" if sd == 0
                 else f"curve, spread {sd:g}")
        variants[label] = {"loyalty_link": "curve", "satisfaction_spread": sd}
    rows = {label: {f"customers at {s0:g}": scenario.replace(
        satisfaction_today=s0, **kw).run().profit_change for s0 in levels}
        for label, kw in variants.items()}
    frame = pd.DataFrame(rows).T
    frame.index.name = "loyalty link"
    frame.attrs["formats"] = dict.fromkeys(frame.columns, "change")
    return frame


def lowest_paying_satisfaction(scenario: ServiceProfitChainScenario, step: float = 0.01) -> float:
    """The lowest mean satisfaction today (1–5, in steps of ``step``) at which the programme pays.

    Below it the programme loses money (profit change below 0) at every level
    tried; NaN when it pays nowhere on the scale. On the curve link the
    programme can stop paying again near the top of the scale, where little
    loyalty is left to win.

    Examples
    --------
    >>> round(lowest_paying_satisfaction(service_profit_chain()), 2)
    3.02
    """
    v.instance("scenario", scenario, ServiceProfitChainScenario)
    step = v.real("step", step, 1e-4, 1)
    for i in range(int(round(4 / step)) + 1):
        s0 = min(5.0, round(1.0 + i * step, 10))
        if scenario.replace(satisfaction_today=s0).run().profit_change >= 0:
            return s0
    return float("nan")


def returning_share_range(scenario: ServiceProfitChainScenario,
                          shares: Sequence[float] = (0.1, 0.3, 0.5, 1.0)) -> pd.DataFrame:
    """The chain's revenue and profit change for each share of revenue that follows loyalty.

    One row per value of ``returning_share`` (the share of today's revenue from
    returning customers); columns: the change in revenue, the change in profit
    in points of today's revenue, and the change in profit in percent of
    today's profit (all shares). The other inputs are the scenario's.

    Parameters
    ----------
    scenario : ServiceProfitChainScenario
        The chain whose other inputs are kept.
    shares : sequence of float
        Values of ``returning_share`` (each 0–1).

    Examples
    --------
    >>> t = returning_share_range(service_profit_chain(), shares=(0.25, 1.0))
    >>> t["profit"].round(3).tolist()
    [0.119, 0.775]
    """
    v.instance("scenario", scenario, ServiceProfitChainScenario)
    rows = {}
    for share in shares:
        share = v.probability("shares", share)
        r = scenario.replace(returning_share=share).run()
        rows[f"{100 * share:g}% of revenue"] = {
            "revenue": r.links["revenue"], "profit (points of revenue)": r.profit_points,
            "profit": r.profit_change}
    frame = pd.DataFrame(rows).T
    frame.index.name = "from returning customers"
    frame.attrs["formats"] = dict.fromkeys(frame.columns, "change")
    return frame


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


def empowerment_table(situations: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """Rate several service situations at once: one row each, with its ratings, total and level.

    Parameters
    ----------
    situations : mapping
        Name of each situation → its ratings (as for :func:`empowerment_level`).

    Examples
    --------
    >>> t = empowerment_table({"teller line": {"strategy": 1, "customer_tie": 2,
    ...     "technology": 1, "environment": 2, "people": 2}})
    >>> int(t.loc["teller line", "total"]), t.loc["teller line", "level"]
    (8, 'production line')
    """
    if not isinstance(situations, Mapping) or not situations:
        raise ValueError("situations must be a non-empty mapping of name to ratings")
    rows = {}
    for name, ratings in situations.items():
        total, level = empowerment_level(ratings)
        rows[str(name)] = {**{f: ratings[f] for f in EMPOWERMENT_FACTORS},
                           "total": total, "level": level}
    frame = pd.DataFrame(rows).T
    frame.index.name = "situation"
    for col in (*EMPOWERMENT_FACTORS, "total"):
        frame[col] = frame[col].astype(int)
    return frame
