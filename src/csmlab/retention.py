"""Retention economics: lifetime value, Reichheld's profit ramp and the retention-profit simulator.

The seeds (seed 002, slide 23; seed 004, post 6) repeat three claims from the loyalty
literature: winning a new customer costs five to six times as much as keeping
one, the odds of selling to a new customer are about 15% against 50% for an
existing one, and five more points of yearly retention can raise profit by up
to 85% (Reichheld & Sasser 1990). This module turns those claims into models a
student can take apart.

* :func:`clv` and :func:`expected_lifetime`: the lifetime value (고객생애가치) of
  a customer with a constant yearly margin and retention rate (고객 유지율).
* :func:`tenure_profile`: one customer's profit by year of tenure built from
  Reichheld's (1996) parts: an acquisition cost in year zero, then base profit,
  revenue growth, cost savings, referrals and a price premium.
* :class:`RetentionScenario`: a firm that wins the same number of customers
  every year, keeps a share of them, and earns the tenure profile on each;
  :func:`retention_uplift` gives the relative change in profit or customer NPV
  from a few more percentage points of retention, and refuses it where the base
  is not positive or near zero (smaller than both the gain and the acquisition
  spending it is net of, :func:`relative_gain_problem`): tables say so in words
  instead of showing NaN or an absurd percentage. Whether profit really grows
  with tenure is disputed (Reinartz & Kumar 2000, 2002 found long-life
  customers not reliably more profitable), so the ramp has a strength, from 1
  (Reichheld's ramp) to 0 (no tenure effect); :func:`ramp_range` shows the gain
  from retention across that range.
* :class:`AcquisitionScenario`: the seeds' cost and odds figures as a small
  calculator.

Timing conventions (used throughout)
------------------------------------
A customer is won at time 0 (the acquisition cost is paid then), earns the
year-1 margin at the end of year 1 for certain, and is still a customer in
year ``t`` with probability ``r ** (t - 1)``. Year ``t``'s margin is discounted
by ``(1 + d) ** t``. So

    CLV = Σ_{t=1..T} m r^(t−1) / (1 + d)^t  →  m / (1 + d − r)  as T → ∞.

This is the course's convention. Two others are common, and :func:`clv` can
use them (``timing=``) so that their effect on a decision can be seen:

* ``"start"``: the margin arrives at the *start* of each year, the first one
  undiscounted: Σ_{t=0..T−1} m r^t / (1 + d)^t → m (1 + d) / (1 + d − r).
* ``"end"``: the margin arrives at the end of each year and only if the
  customer was retained that year, the form of Gupta & Lehmann (2003, 2005):
  Σ_{t=1..T} m r^t / (1 + d)^t → m r / (1 + d − r).

So "start" = (1 + d) × course and "end" = r × course, term by term.

Examples
--------
>>> round(clv(100, 0.8, 0.1), 2)
333.33
>>> round(expected_lifetime(0.9), 6)
10.0
>>> res = reichheld_customer().run()
>>> round(res.customer_npv, 1)
140.7
>>> round(retention_uplift(reichheld_customer(), 5), 3)
0.701
"""

from __future__ import annotations

import math

from dataclasses import dataclass

import numpy as np
import pandas as pd

from csmlab import validation as v
from csmlab.scenario import Result, Scenario, param, preset

__all__ = [
    "clv", "clv_conventions", "TIMINGS", "expected_lifetime", "tenure_profile", "RetentionScenario", "RetentionResult",
    "retention_uplift", "uplift_curve", "ramp_range", "retention_gains", "AcquisitionScenario", "AcquisitionResult",
    "relative_gain_problem", "UNDEFINED_GAIN", "reichheld_customer", "long_ramp_low_margin", "short_ramp_high_margin",
    "seed_acquisition", "industry_effects",
]

_TENURE_PARTS = ("base profit", "revenue growth", "cost savings", "referrals", "price premium")


def _check_clv_inputs(margin: float, retention: float, discount: float,
                      years: int | None) -> tuple[float, float, float, int | None]:
    m = v.real("margin", margin)
    r = v.probability("retention", retention)
    d = v.real("discount", discount, 0, 1)
    n = None if years is None else v.integer("years", years, 0, None)
    if n is None and r == 1 and d == 0:
        raise ValueError("retention and discount: an infinite horizon needs retention < 1 or "
                         "discount > 0, or the lifetime value is infinite")
    return m, r, d, n


#: The three timing conventions of :func:`clv`: the course's, margin at the start of each
#: year, and Gupta & Lehmann's end-of-period form with first-period retention.
TIMINGS = {
    "course": "m / (1 + d − r): first margin certain, paid at the end of year 1",
    "start": "m (1 + d) / (1 + d − r): margin at the start of each year, first undiscounted",
    "end": "m r / (1 + d − r): margin at the end of each year, only if retained (Gupta & Lehmann)",
}


def clv(margin: float, retention: float, discount: float, years: int | None = None,
        timing: str = "course") -> float:
    """Lifetime value of one customer with a constant yearly margin.

    Parameters
    ----------
    margin : float
        Profit the customer brings in each year they stay (currency units per year).
    retention : float
        Probability that a customer stays from one year to the next, in [0, 1].
    discount : float
        Yearly discount rate, in [0, 1] (0.10 = 10%).
    years : int or None
        Horizon in years; ``None`` (default) means an infinite horizon, computed
        in closed form ``margin / (1 + discount − retention)``.
    timing : {"course", "start", "end"}
        When the margins arrive (see :data:`TIMINGS`). ``"course"`` (default):
        the first margin is certain and paid at the end of year 1. ``"start"``:
        at the start of each year, the first undiscounted (× (1 + discount)).
        ``"end"``: at the end of each year and only if the customer was
        retained that year, Gupta & Lehmann's form (× retention).

    Returns
    -------
    float
        Σ_{t=1..years} margin × retention^(t−1) / (1 + discount)^t, times
        (1 + discount) for ``"start"`` or retention for ``"end"``.

    Raises
    ------
    ValueError
        Naming the bad input; also when ``years=None`` with retention 1 and
        discount 0 (the sum diverges).

    Examples
    --------
    >>> round(clv(100, 0.8, 0.1, years=1), 2)
    90.91
    >>> round(clv(100, 0.8, 0.1, years=200), 2) == round(clv(100, 0.8, 0.1), 2)
    True
    >>> round(clv(100, 0.8, 0.1, timing="start"), 2), round(clv(100, 0.8, 0.1, timing="end"), 2)
    (366.67, 266.67)
    >>> clv(100, 1.5, 0.1)
    Traceback (most recent call last):
    ...
    ValueError: retention must be a probability in [0, 1]; got 1.5
    """
    m, r, d, n = _check_clv_inputs(margin, retention, discount, years)
    factor = {"course": 1.0, "start": 1 + d, "end": r}[v.one_of("timing", timing, tuple(TIMINGS))]
    if n is None:
        # (1 − r) + d, not 1 + d − r: in floating point 1 + d rounds to 1 for a tiny d, and
        # the sum would be 0 at r = 1 although the true value m / d is finite.
        value = factor * m / ((1 - r) + d)
        if not math.isfinite(value):
            raise ValueError(f"retention and discount: the lifetime value margin / (1 + discount "
                             f"− retention) is too large for a number here (margin {m:g}, "
                             f"retention {r:g}, discount {d:g}); use a larger discount or a "
                             "finite horizon (years)")
        return value
    q = r / (1 + d)
    if q == 1:
        return factor * m * n / (1 + d)
    return factor * m / (1 + d) * (1 - q ** n) / (1 - q)


def clv_conventions(margin: float, retention: float, discount: float,
                    acquisition_cost: float = 0.0) -> pd.DataFrame:
    """One customer's lifetime value under each timing convention of :func:`clv`.

    Parameters
    ----------
    margin, retention, discount : float
        As in :func:`clv` (infinite horizon).
    acquisition_cost : float
        Paid once, at time 0, to win the customer; subtracted in the last column.

    Returns
    -------
    pandas.DataFrame
        One row per convention: its formula, the CLV and the CLV net of the
        acquisition cost.

    Examples
    --------
    >>> t = clv_conventions(100, 0.5, 0.1, acquisition_cost=150)
    >>> t["net of acquisition ($)"].round(1).tolist()
    [16.7, 33.3, -66.7]
    """
    cost = v.real("acquisition_cost", acquisition_cost, 0, None)
    rows = [{"convention": name, "formula": TIMINGS[name].split(":")[0],
             "lifetime value ($)": clv(margin, retention, discount, timing=name)}
            for name in TIMINGS]
    frame = pd.DataFrame(rows).set_index("convention")
    frame["net of acquisition ($)"] = frame["lifetime value ($)"] - cost
    frame.index = ["course (first margin certain, end of year)",
                   "margin at the start of each year",
                   "end of year, only if retained (Gupta & Lehmann)"]
    frame.index.name = "convention"
    return frame


def expected_lifetime(retention: float) -> float:
    """Expected number of years a customer stays, 1 / (1 − retention).

    The customer is counted for the first year for certain and stays each
    further year with probability ``retention``, so the tenure is geometric.

    Examples
    --------
    >>> round(expected_lifetime(0.8), 6)
    5.0
    >>> expected_lifetime(1.0)
    Traceback (most recent call last):
    ...
    ValueError: retention must be below 1 for a finite expected lifetime; got 1.0
    """
    r = v.probability("retention", retention)
    if r == 1:
        raise ValueError(f"retention must be below 1 for a finite expected lifetime; got {r}")
    return 1 / (1 - r)


def tenure_profile(years: int, acquisition_cost: float, base_profit: float,
                   revenue_growth: float, cost_savings: float, referrals: float,
                   price_premium: float, ramp_years: int,
                   ramp_strength: float = 1.0) -> pd.DataFrame:
    """One customer's profit by year of tenure, from Reichheld's (1996) parts.

    Year 0 carries the acquisition cost (negative). From year 1 the customer
    earns the base profit; the other four parts grow linearly from zero in
    year 1 to ``ramp_strength`` times their full yearly value after
    ``ramp_years`` years of tenure, then stay flat.

    Parameters
    ----------
    years : int
        Last year of tenure shown (≥ 1).
    acquisition_cost : float
        Cost of winning the customer, paid in year 0 (≥ 0).
    base_profit, revenue_growth, cost_savings, referrals, price_premium : float
        Yearly profit from each part once fully grown (currency units per year).
    ramp_years : int
        Years over which the four growing parts build up (≥ 1).
    ramp_strength : float
        How much of the growing parts a long-tenure customer really brings:
        1 is Reichheld's ramp, 0 a customer whose profit does not grow with
        tenure (0–1).

    Returns
    -------
    pandas.DataFrame
        Index ``year`` 0..years; one column per part plus ``acquisition`` and
        ``total``.

    Examples
    --------
    >>> p = tenure_profile(3, 80, 20, 10, 5, 5, 4, ramp_years=2)
    >>> p["total"].tolist()
    [-80.0, 20.0, 32.0, 44.0]
    >>> tenure_profile(3, 80, 20, 10, 5, 5, 4, ramp_years=2, ramp_strength=0)["total"].tolist()
    [-80.0, 20.0, 20.0, 20.0]
    """
    n = v.integer("years", years, 1, None)
    ramp = v.integer("ramp_years", ramp_years, 1, None)
    acq = v.nonnegative("acquisition_cost", acquisition_cost)
    strength = v.probability("ramp_strength", ramp_strength)
    parts = {"base profit": v.real("base_profit", base_profit),
             "revenue growth": v.real("revenue_growth", revenue_growth),
             "cost savings": v.real("cost_savings", cost_savings),
             "referrals": v.real("referrals", referrals),
             "price premium": v.real("price_premium", price_premium)}
    t = np.arange(n + 1)
    grown = strength * np.clip((t - 1) / ramp, 0.0, 1.0)
    frame = pd.DataFrame(index=pd.Index(t, name="year"))
    frame["acquisition"] = np.where(t == 0, -acq, 0.0)
    frame["base profit"] = np.where(t >= 1, parts["base profit"], 0.0)
    for name in _TENURE_PARTS[1:]:
        frame[name] = np.where(t >= 1, parts[name] * grown, 0.0)
    frame["total"] = frame.sum(axis=1)
    return frame


@dataclass(frozen=True)
class RetentionScenario(Scenario):
    """A firm's customer base under a constant retention rate and Reichheld's profit ramp.

    Every year the firm wins ``new_customers`` customers (paying the
    acquisition cost for each), keeps a share ``retention`` of its customers
    from one year to the next, and earns on each customer the profit of their
    year of tenure (see :func:`tenure_profile`). A cohort's acquisition cost and
    its year-1 profit fall in the calendar year it is won.

    Parameters
    ----------
    new_customers : int
        Customers won each year.
    retention : float
        Yearly retention rate.
    discount : float
        Yearly discount rate for present values.
    years : int
        Years simulated, which is also the horizon of one customer's NPV.
    acquisition_cost, base_profit, revenue_growth, cost_savings, referrals, price_premium : float
        Reichheld's parts (currency units; the growing parts are their full yearly values).
    ramp_years : int
        Years of tenure over which the growing parts build up.
    ramp_strength : float
        Share of the growing parts a long-tenure customer really brings: 1 is
        Reichheld's (1996) ramp, 0 no growth of profit with tenure, as Reinartz
        and Kumar (2000) found for many long-life customers of a catalogue
        retailer.

    Notes
    -----
    The defaults are illustrative, chosen so that the profit ramp has the shape
    Reichheld (1996) describes; his book's numbers are not used.
    """

    new_customers: int = param(1000, "New customers per year", kind="count", unit="customers",
                               slider=(100, 5000), step=100,
                               doc="Customers won every year", source="illustrative")
    retention: float = param(0.90, "Retention rate", kind="probability", unit="share/year",
                             step=0.01, doc="Share of customers kept from one year to the next",
                             source="illustrative")
    discount: float = param(0.10, "Discount rate", low=0, high=1, unit="share/year", step=0.01,
                            slider=(0, 0.3), doc="Yearly discount rate for present values",
                            source="illustrative")
    years: int = param(20, "Years simulated", kind="integer", low=1, high=100, unit="years",
                       slider=(1, 50), doc="Horizon of the simulation and of customer NPV",
                       source="illustrative")
    acquisition_cost: float = param(120.0, "Acquisition cost", low=0, unit="$ per customer",
                                    slider=(0, 500), step=10, interactive=True,
                                    doc="Cost of winning a customer, paid in year 0",
                                    source="illustrative; shape from reichheld1996")
    base_profit: float = param(25.0, "Base profit", unit="$/year", slider=(-50, 100), step=5,
                               doc="Yearly profit from a customer from the first year",
                               source="illustrative; shape from reichheld1996")
    revenue_growth: float = param(20.0, "Revenue growth (full)", unit="$/year", slider=(0, 100),
                                  step=5, doc="Profit from a customer buying more, once grown",
                                  source="illustrative; shape from reichheld1996")
    cost_savings: float = param(10.0, "Cost savings (full)", unit="$/year", slider=(0, 100),
                                step=5, doc="Lower cost of serving a customer who knows the firm",
                                source="illustrative; shape from reichheld1996")
    referrals: float = param(10.0, "Referrals (full)", unit="$/year", slider=(0, 100), step=5,
                             doc="Profit from new customers the customer sends",
                             source="illustrative; shape from reichheld1996")
    price_premium: float = param(10.0, "Price premium (full)", unit="$/year", slider=(0, 100),
                                 step=5, doc="Profit from loyal customers paying list prices",
                                 source="illustrative; shape from reichheld1996")
    ramp_years: int = param(5, "Profit ramp", kind="integer", low=1, high=50, unit="years",
                            slider=(1, 20), doc="Years over which the growing parts build up",
                            source="illustrative")
    ramp_strength: float = param(1.0, "Ramp strength", kind="probability", unit="share",
                                 step=0.05,
                                 doc="How much of the growing parts a long-tenure customer "
                                     "brings (1 = Reichheld's ramp, 0 = no tenure effect)",
                                 source="uncertain: reichheld1996 (1) against reinartz2000 (0)")

    explorer_fields = ("retention", "discount", "acquisition_cost", "base_profit",
                       "ramp_years", "ramp_strength", "years")

    def profile(self) -> pd.DataFrame:
        """The tenure profile (see :func:`tenure_profile`) for this scenario."""
        return tenure_profile(self.years, self.acquisition_cost, self.base_profit,
                              self.revenue_growth, self.cost_savings, self.referrals,
                              self.price_premium, self.ramp_years, self.ramp_strength)

    def run(self) -> "RetentionResult":
        """Simulate the customer base and compute profit and one customer's NPV."""
        tenure = self.profile()
        prof = tenure["total"].to_numpy()
        n, r, d = self.years, self.retention, self.discount
        k = np.arange(n)                      # years since a cohort was won
        alive = r ** k                        # share of a cohort still a customer
        per_cohort = alive * prof[1:]         # profit per customer won, by age 0..n-1
        # calendar year y (1..n): cohorts aged 0..y-1 are present
        cum_alive = np.cumsum(alive)
        cum_profit = np.cumsum(per_cohort)
        customers = self.new_customers * cum_alive
        profit = self.new_customers * (cum_profit - self.acquisition_cost)
        disc = (1 + d) ** -np.arange(1, n + 1)
        npv = -self.acquisition_cost + float(np.sum(per_cohort * disc))
        return RetentionResult(retention=r, customers=customers, profit=profit,
                               customer_npv=npv, firm_npv=float(np.sum(profit * disc)),
                               expected_life=1 / (1 - r) if r < 1 else float("inf"),
                               tenure=tenure)


@dataclass(frozen=True)
class RetentionResult(Result):
    """The simulated customer base.

    Attributes
    ----------
    retention : float
        The retention rate simulated.
    customers : numpy.ndarray
        Customers at the end of calendar years 1..years.
    profit : numpy.ndarray
        Firm profit in calendar years 1..years (after acquisition spending).
    customer_npv : float
        Net present value of one new customer over the horizon, acquisition cost included.
    firm_npv : float
        Present value of the firm's yearly profits over the horizon.
    expected_life : float
        1 / (1 − retention), in years.
    tenure : pandas.DataFrame
        The profit profile by year of tenure.
    """

    retention: float
    customers: np.ndarray
    profit: np.ndarray
    customer_npv: float
    firm_npv: float
    expected_life: float
    tenure: pd.DataFrame

    @property
    def final_profit(self) -> float:
        """Profit in the last simulated year."""
        return float(self.profit[-1])

    def to_frame(self) -> pd.DataFrame:
        """Customers and profit by calendar year."""
        return pd.DataFrame({"customers": self.customers, "profit": self.profit},
                            index=pd.Index(np.arange(1, len(self.profit) + 1), name="year"))

    def summary(self) -> pd.DataFrame:
        """The headline numbers as a one-column table.

        At retention 1 a customer never leaves: the expected life is infinite and the
        table says so in words; the money figures stay finite only because the
        simulation stops at its horizon (``years``).

        Examples
        --------
        >>> reichheld_customer().replace(retention=1.0).run().summary().loc["expected life (years)", "value"]
        'never leaves (NPV cut at the horizon)'
        """
        life = (self.expected_life if math.isfinite(self.expected_life)
                else "never leaves (NPV cut at the horizon)")
        return pd.DataFrame({"value": [self.retention, life, self.customer_npv,
                                       self.final_profit, self.firm_npv]},
                            index=["retention rate", "expected life (years)",
                                   "customer NPV ($)", "profit in final year ($)",
                                   "firm NPV ($)"])


#: What a table shows, in words, where a relative gain would describe the base rather than the gain.
UNDEFINED_GAIN = {"not positive": "undefined: base ≤ 0",
                  "near zero": "undefined: base too small"}


def relative_gain_problem(before: float, after: float, acquisition: float) -> str | None:
    """Why the relative change from ``before`` to ``after`` means nothing, or ``None``.

    The measures here are values *net of* acquisition spending (``acquisition``,
    the part subtracted in ``before``). Dividing by such a net value is
    meaningful only when it is a sizeable number. The rule:

    * ``"not positive"`` when ``before`` ≤ 0: there is nothing to take a percentage of;
    * ``"near zero"`` when ``before`` is smaller than both the gain
      ``|after − before|`` and the acquisition spending: the acquisition cost has
      eaten most of the value and the percentage (over 100%) measures how close
      the base is to zero, not the gain. A few dollars more acquisition cost
      would multiply it.

    A gain above 100% on a base that is large beside the acquisition spending (a
    customer base that doubles) is a real change and is allowed.

    Examples
    --------
    >>> relative_gain_problem(140.7, 239.4, 120) is None
    True
    >>> relative_gain_problem(20.7, 119.4, 240)
    'near zero'
    >>> relative_gain_problem(-5.0, 90.0, 120)
    'not positive'
    """
    if not before > 0:
        return "not positive"
    if before < abs(after - before) and before < acquisition:
        return "near zero"
    return None


def _percent_cell(before: float, after: float, acquisition: float) -> float | str:
    problem = relative_gain_problem(before, after, acquisition)
    return 100 * (after / before - 1) if problem is None else UNDEFINED_GAIN[problem]


def retention_uplift(scenario: RetentionScenario, points: float,
                     measure: str = "npv") -> float:
    """Relative change from raising retention by ``points`` percentage points.

    Parameters
    ----------
    scenario : RetentionScenario
        The starting point.
    points : float
        Percentage points added to the retention rate (5 means 0.80 → 0.85).
        The new rate must stay at or below 1.
    measure : {"npv", "profit", "firm_npv"}
        ``"npv"`` compares one customer's NPV (Reichheld & Sasser's measure),
        ``"profit"`` the firm's profit in the final year, ``"firm_npv"`` the
        present value of the firm's profits.

    Returns
    -------
    float
        new / old − 1 (0.85 means 85% more). Raises a ValueError, naming the
        inputs that set the base, when the old value is not positive or is near
        zero: smaller than both the gain and the acquisition spending it is net
        of (:func:`relative_gain_problem`). A percentage there describes how
        nearly the acquisition cost cancels the customer's value, not the gain;
        compare the gain in money instead (:func:`retention_gains`, :func:`ramp_range`).

    Examples
    --------
    >>> round(retention_uplift(reichheld_customer(), 5, "profit"), 3)
    0.723
    >>> retention_uplift(reichheld_customer(), 50)
    Traceback (most recent call last):
    ...
    ValueError: points must keep retention at or below 1 (retention 0.9 + 50 points = 1.4)
    >>> retention_uplift(reichheld_customer().replace(acquisition_cost=240), 5)
    Traceback (most recent call last):
    ...
    ValueError: measure 'npv' is near zero at the starting retention (20.73, less than both the gain of 98.66 and the acquisition spending of 240 it is net of), so a percentage would measure how small the base is, not the gain: compare the gain in money (retention_gains, ramp_range), or lower acquisition_cost
    """
    v.instance("scenario", scenario, RetentionScenario)
    p = v.real("points", points, 0, 100)
    measure = v.one_of("measure", measure, ("npv", "profit", "firm_npv"))
    new_r = scenario.retention + p / 100
    if new_r > 1 + 1e-12:
        raise ValueError(f"points must keep retention at or below 1 (retention "
                         f"{scenario.retention} + {p:g} points = {new_r:g})")
    before = scenario.run()
    after = scenario.replace(retention=min(new_r, 1.0)).run()
    get = {"npv": lambda x: x.customer_npv, "profit": lambda x: x.final_profit,
           "firm_npv": lambda x: x.firm_npv}[measure]
    old, new = get(before), get(after)
    n_disc = (1 + scenario.discount) ** -np.arange(1, scenario.years + 1)
    acquisition = {"npv": scenario.acquisition_cost,
                   "profit": scenario.new_customers * scenario.acquisition_cost,
                   "firm_npv": scenario.new_customers * scenario.acquisition_cost
                   * float(np.sum(n_disc))}[measure]
    problem = relative_gain_problem(old, new, acquisition)
    if problem == "not positive":
        raise ValueError(f"measure {measure!r} is not positive at the starting retention "
                         f"({old:.4g}), so a relative change is meaningless: compare the gain "
                         f"in money, or lower acquisition_cost")
    if problem == "near zero":
        raise ValueError(f"measure {measure!r} is near zero at the starting retention ({old:.4g}, "
                         f"less than both the gain of {new - old:.4g} and the acquisition "
                         f"spending of {acquisition:.4g} it is net of), so a percentage would "
                         f"measure how small the base is, not the gain: compare the gain in "
                         f"money (retention_gains, ramp_range), or lower acquisition_cost")
    return new / old - 1


def uplift_curve(scenario: RetentionScenario, points: float = 5,
                 retentions: np.ndarray | None = None, measure: str = "npv") -> pd.DataFrame:
    """The uplift from ``points`` more retention, over a range of starting retention rates.

    Starting rates where the measure is not positive are left out.

    Examples
    --------
    >>> c = uplift_curve(reichheld_customer(), 5, np.array([0.8, 0.9]))
    >>> bool(c["uplift"].is_monotonic_decreasing)
    True
    """
    rs = np.linspace(0.5, 0.95, 10) if retentions is None else np.asarray(retentions, float)
    rows = []
    for r in rs:
        s = scenario.replace(retention=float(r))
        try:
            rows.append({"retention": float(r),
                         "uplift": retention_uplift(s, points, measure)})
        except ValueError:
            continue
    return pd.DataFrame(rows, columns=["retention", "uplift"]).set_index("retention")


def ramp_range(scenario: RetentionScenario, points: float = 5,
               strengths: tuple[float, ...] = (1.0, 0.5, 0.0)) -> pd.DataFrame:
    """The gain from more retention with and without the profit ramp.

    Reichheld's ramp (profit that grows with tenure) makes the extra years that
    better retention buys the most profitable ones; Reinartz and Kumar found
    that for many customers it is absent. This shows one customer's NPV before
    and after ``points`` more percentage points of retention at each ramp
    strength, the gain in money, and the relative gain in percent. Where the NPV
    before is not positive or near zero (:func:`relative_gain_problem`) the
    percent cell says so in words ("undefined: base ≤ 0", "undefined: base
    too small") instead of a number: a percentage there means nothing.

    Examples
    --------
    >>> t = ramp_range(reichheld_customer())
    >>> t["gain ($)"].round(1).tolist()
    [98.7, 66.9, 35.0]
    >>> bool(t["gain ($)"].is_monotonic_decreasing)
    True
    """
    v.instance("scenario", scenario, RetentionScenario)
    p = v.real("points", points, 0, 100)
    new_r = scenario.retention + p / 100
    if new_r > 1 + 1e-12:
        raise ValueError(f"points must keep retention at or below 1 (retention "
                         f"{scenario.retention} + {p:g} points = {new_r:g})")
    rows = []
    for strength in strengths:
        s = scenario.replace(ramp_strength=v.probability("strengths", strength))
        before = s.run().customer_npv
        after = s.replace(retention=min(new_r, 1.0)).run().customer_npv
        rows.append({"ramp strength": float(strength), "customer NPV before ($)": before,
                     "customer NPV after ($)": after, "gain ($)": after - before,
                     "gain (%)": _percent_cell(before, after, s.acquisition_cost)})
    return pd.DataFrame(rows).set_index("ramp strength")


def retention_gains(scenarios: dict[str, RetentionScenario], points: float = 5) -> pd.DataFrame:
    """The gain from ``points`` more retention in money and in percent, for several firms.

    A relative gain is large when the customer NPV it divides by is small, so two
    firms compared in percent can rank the other way round in money. This puts the
    two side by side: one row per firm, with one customer's NPV before and after,
    the gain in money and the gain in percent (in words where the NPV before is
    not positive or near zero, as in :func:`ramp_range`).

    Parameters
    ----------
    scenarios : dict of str to RetentionScenario
        The firms, by the name shown in the table.
    points : float
        Percentage points added to each firm's retention rate.

    Examples
    --------
    >>> t = retention_gains({"long": long_ramp_low_margin(), "short": short_ramp_high_margin()})
    >>> t["gain ($)"].round(1).tolist(), t["gain (%)"].round(1).tolist()
    ([88.9, 98.1], [86.3, 34.5])
    >>> retention_gains({"x": 1})
    Traceback (most recent call last):
    ...
    ValueError: scenarios must map names to RetentionScenario; 'x' is int
    """
    if not isinstance(scenarios, dict) or not scenarios:
        raise ValueError("scenarios must be a non-empty dict of names to RetentionScenario")
    rows = []
    for name, scenario in scenarios.items():
        if not isinstance(scenario, RetentionScenario):
            raise ValueError(f"scenarios must map names to RetentionScenario; {name!r} is "
                             f"{type(scenario).__name__}")
        table = ramp_range(scenario, points, strengths=(scenario.ramp_strength,))
        row = table.iloc[0].to_dict()
        rows.append({"firm": str(name), "customer NPV before ($)": row["customer NPV before ($)"],
                     "customer NPV after ($)": row["customer NPV after ($)"],
                     "gain ($)": row["gain ($)"], "gain (%)": row["gain (%)"]})
    return pd.DataFrame(rows).set_index("firm")


@dataclass(frozen=True)
class AcquisitionScenario(Scenario):
    """The cost of winning against the cost of keeping, as a budget calculator.

    Parameters
    ----------
    budget : float
        Money available to spend on either new or existing customers.
    retention_cost : float
        Cost of one sale to an existing customer.
    cost_multiple : float
        How many times as much a sale to a new customer costs (seed 002, slide
        23: 6; seed 004, post 6: at least 5).
    odds_new, odds_existing : float
        Chance that one sales contact with a new / existing customer succeeds
        (seed 002, slide 23: 15% and 50%), from 0.001 (one sale in a thousand
        contacts) to 1: at odds of 0 no number of contacts makes a sale, and the
        cost of a sale would be infinite.
    contact_cost : float
        Cost of one sales contact, for the odds comparison (at least $0.01, as is
        ``retention_cost``: a sale or contact that costs nothing would buy
        unlimited sales).

    Sales are *expected* sales: the budget divided by an average cost per sale,
    so they need not be whole numbers.

    Examples
    --------
    >>> r = seed_acquisition().run()
    >>> r.sales_existing / r.sales_new
    6.0
    >>> round(r.contact_sales_existing / r.contact_sales_new, 2)
    3.33
    """

    budget: float = param(60_000.0, "Budget", low=0, unit="$", slider=(0, 200_000), step=1000,
                          doc="Money to spend on sales", source="illustrative")
    retention_cost: float = param(10.0, "Cost of a sale to an existing customer", low=0.01,
                                  unit="$", slider=(1, 100), step=1,
                                  doc="Cost of one sale to a customer the firm already has",
                                  source="illustrative")
    cost_multiple: float = param(6.0, "New-customer cost multiple", low=1, unit="times",
                                 slider=(1, 10), step=0.5,
                                 doc="Cost of a sale to a new customer over an existing one",
                                 source="seed 002, slide 23")
    odds_new: float = param(0.15, "Odds of selling to a new customer", low=0.001, high=1,
                            unit="share", slider=(0.01, 1), step=0.01,
                            doc="Share of contacts with prospects that sell",
                            source="seed 002, slide 23")
    odds_existing: float = param(0.50, "Odds of selling to an existing customer",
                                 low=0.001, high=1, unit="share", slider=(0.01, 1), step=0.01,
                                 doc="Share of contacts with customers that sell",
                                 source="seed 002, slide 23")
    contact_cost: float = param(20.0, "Cost of one sales contact", low=0.01,
                                unit="$", slider=(1, 100), step=1,
                                doc="Cost of one call, visit or mailing", source="illustrative")

    def run(self) -> "AcquisitionResult":
        """Sales the budget buys on each side, by the cost multiple and by the odds."""
        new_cost = self.retention_cost * self.cost_multiple
        contacts = self.budget / self.contact_cost
        return AcquisitionResult(
            sales_new=self.budget / new_cost, sales_existing=self.budget / self.retention_cost,
            cost_new=new_cost, cost_existing=self.retention_cost,
            contact_sales_new=contacts * self.odds_new,
            contact_sales_existing=contacts * self.odds_existing,
            cost_per_sale_new=self.contact_cost / self.odds_new,
            cost_per_sale_existing=self.contact_cost / self.odds_existing)


@dataclass(frozen=True)
class AcquisitionResult(Result):
    """Sales bought by one budget, spent on new or on existing customers."""

    sales_new: float
    sales_existing: float
    cost_new: float
    cost_existing: float
    contact_sales_new: float
    contact_sales_existing: float
    cost_per_sale_new: float
    cost_per_sale_existing: float

    def to_frame(self) -> pd.DataFrame:
        """Rows: new and existing customers; columns: both ways of reckoning."""
        return pd.DataFrame(
            {"cost per sale, by multiple ($)": [self.cost_new, self.cost_existing],
             "expected sales, by multiple": [self.sales_new, self.sales_existing],
             "cost per sale, by odds ($)": [self.cost_per_sale_new, self.cost_per_sale_existing],
             "expected sales, by odds": [self.contact_sales_new, self.contact_sales_existing]},
            index=pd.Index(["new customers", "existing customers"], name="spent on"))


def industry_effects() -> pd.DataFrame:
    """Reichheld & Sasser's (1990) effect of 5 points less defection on customer NPV, by industry.

    The seed's chart (seed 002, slide 84) lists twelve industries but no bar
    values survive. These are the three industries the article's abstract
    names, each with its figure; ``source`` says where each comes from. The
    article reports a range of 25% to 85% across all the industries it studied
    (``fact("retention.reported_range")``); the industry at 25% is not named in
    the abstract, so it is not listed here.

    Examples
    --------
    >>> float(industry_effects().loc["branch bank deposits", "npv_increase"])
    0.85
    """
    from csmlab.cases import catalogue

    cat = catalogue("retention.industry.")
    frame = pd.DataFrame({"industry": [k.split(".")[-1].replace("_", " ") for k in cat.index],
                          "npv_increase": cat["value"].astype(float).to_numpy(),
                          "source": [f"{s}: {n}" for s, n in zip(cat["source"], cat["note"])]})
    return frame.set_index("industry").sort_values("npv_increase", ascending=False)


@preset
def reichheld_customer() -> RetentionScenario:
    """Illustrative firm with Reichheld's profit ramp, 90% retention and a 10% discount rate."""
    return RetentionScenario()


@preset
def long_ramp_low_margin() -> RetentionScenario:
    """Illustrative: thin base margin, high acquisition cost, profit that builds over 8 years."""
    return RetentionScenario(retention=0.90, acquisition_cost=100.0, base_profit=15.0,
                             revenue_growth=25.0, cost_savings=15.0, referrals=10.0,
                             price_premium=10.0, ramp_years=8)


@preset
def short_ramp_high_margin() -> RetentionScenario:
    """Illustrative: fat base margin, cheap acquisition, little growth with tenure."""
    return RetentionScenario(retention=0.90, acquisition_cost=50.0, base_profit=60.0,
                             revenue_growth=5.0, cost_savings=0.0, referrals=5.0,
                             price_premium=0.0, ramp_years=1)


@preset
def seed_acquisition() -> AcquisitionScenario:
    """The seed's figures: 6× the cost, 15% against 50% odds (seed 002, slide 23)."""
    # fact(key).value, not csmlab.cases.value: once the topic files are loaded the
    # package attribute ``value`` is the submodule csmlab.cases.value, not the function.
    from csmlab.cases import fact

    return AcquisitionScenario(cost_multiple=float(fact("retention.new_cost_multiple").value),
                               odds_new=fact("retention.odds_new").value,
                               odds_existing=fact("retention.odds_existing").value)
