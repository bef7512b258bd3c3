"""Customer value on CDNOW: historical value to date and a simple projected lifetime value.

:func:`half_year_retention` measures how many of one half-year's buyers buy
again in the next; :class:`LTVScenario` turns it, with a margin and a discount
rate, into a projected lifetime value (LTV, 고객생애가치).
:class:`ValueGrowthScenario` shows the seed's four routes from a customer's
current value to their potential value (seed 002, slide 91: cross-selling,
more usage, a longer relationship, a higher margin rate), valued with the
course's lifetime-value formula (:func:`csmlab.retention.clv`). The model-based
12-month value of chapter 11 is :func:`csmlab.customerbase.clv`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from csmlab.crm.rfm import _table_arrays, cdnow
from csmlab.scenario import Result, Scenario, param, preset
from csmlab.transactions import check_transactions

__all__ = [
    "half_year_retention", "LTVScenario", "LTVResult", "cdnow_ltv",
    "LEVERS", "ValueGrowthScenario", "ValueGrowthResult", "value_growth", "growing_value",
]


def half_year_retention(transactions: pd.DataFrame | None = None) -> float:
    """Share of customers who bought in July–December 1997 and again in January–June 1998.

    Examples
    --------
    >>> round(half_year_retention(), 3)
    0.539
    """
    tx = cdnow() if transactions is None else check_transactions(transactions)
    d = tx["date"]
    h2 = set(tx.loc[(d >= "1997-07-01") & (d <= "1997-12-31"), "customer_id"])
    h3 = set(tx.loc[(d >= "1998-01-01") & (d <= "1998-06-30"), "customer_id"])
    if not h2:
        raise ValueError("transactions hold no purchases in July–December 1997")
    return len(h2 & h3) / len(h2)


@functools.lru_cache(maxsize=1)
def _half_year_facts() -> tuple[float, float, int, float]:
    tx = cdnow()
    d = tx["date"]
    last = tx.loc[d >= "1998-01-01"]
    active = last["customer_id"].nunique()
    spend = float(last["amount"].sum()) / active
    total = float(tx["amount"].sum())
    return half_year_retention(tx), spend, active, total


@dataclass(frozen=True)
class LTVScenario(Scenario):
    """Historical value to date and a simple projected lifetime value on CDNOW.

    Historical value is the margin on each customer's purchases to date.
    Projected value counts the customers active in January–June 1998: each
    half year a share ``retention`` of them buys again, spending what active
    customers spent in that half year, discounted at ``discount_rate`` a year,
    for ``horizon_years``. This is the textbook retention model; it treats a
    quiet customer as lost for good, which CDNOW's many sporadic buyers do not
    obey (the BG/NBD model of :cite:`fader2005` handles that).
    """

    margin: float = param(0.30, "Gross margin", kind="probability", unit="share of spend",
                          step=0.01, doc="Share of spend kept after the cost of goods")
    retention: float = param(0.54, "Half-year retention", kind="probability", step=0.01,
                             doc="Share of active customers who buy again the next half year",
                             source="CDNOW: July–Dec 1997 buyers who bought in Jan–Jun 1998")
    discount_rate: float = param(0.10, "Discount rate", low=0, high=1, unit="per year",
                                 step=0.01, doc="Yearly discount rate")
    horizon_years: int = param(5, "Horizon", kind="count", high=30, unit="years",
                               slider=(1, 15), doc="Years of future purchases counted")

    def run(self) -> "LTVResult":
        """Historical and projected value per customer (US$ of margin)."""
        _, spend, active, total = _half_year_facts()
        n = _table_arrays("1998-06-30")["monetary"].size
        periods = 2 * self.horizon_years
        t = np.arange(1, periods + 1)
        factors = self.retention ** t / (1 + self.discount_rate) ** (t / 2)
        per_active = float(self.margin * spend * factors.sum())
        return LTVResult(customers=n, active=active, historical=self.margin * total / n,
                         spend_per_half_year=spend, projected=per_active,
                         total_projected=per_active * active)


@dataclass(frozen=True)
class LTVResult(Result):
    """Historical and projected value.

    Attributes
    ----------
    customers, active : int
        All customers, and those who bought in January–June 1998.
    historical : float
        Margin per customer to date (US$).
    spend_per_half_year : float
        Spend per active customer in January–June 1998 (US$).
    projected : float
        Projected future margin per active customer (US$).
    total_projected : float
        ``projected`` × ``active`` (US$).
    """

    customers: int
    active: int
    historical: float
    spend_per_half_year: float
    projected: float
    total_projected: float

    def to_frame(self) -> pd.DataFrame:
        """The named numbers as a one-column table."""
        return pd.DataFrame({"value": [self.customers, self.active, self.historical,
                                       self.spend_per_half_year, self.projected,
                                       self.total_projected]},
                            index=pd.Index(["customers", "active in Jan–Jun 1998",
                                            "historical margin per customer (US$)",
                                            "spend per active customer per half year (US$)",
                                            "projected margin per active customer (US$)",
                                            "projected margin, all active (US$)"],
                                           name="measure"))


@preset
def cdnow_ltv() -> LTVScenario:
    """CDNOW value with the half-year retention measured on the data (rounded to 0.54)."""
    return LTVScenario()


# ---------------------------------------------------------------------------
# Growing a customer's value: the seed's four levers (slide 91)
# ---------------------------------------------------------------------------

#: The four levers of seed 002, slide 91, in the order the rows are shown.
LEVERS: tuple[str, ...] = ("cross-selling", "more usage", "longer relationship",
                           "higher margin")


@dataclass(frozen=True)
class ValueGrowthScenario(Scenario):
    """One customer's lifetime value today, and after each of the seed's four levers.

    Value is the course's lifetime value (:func:`csmlab.retention.clv`,
    ``timing="course"``): a yearly margin m, kept with yearly retention r and
    discounted at d, is worth m / (1 + d − r). The levers (seed 002, slide 91):

    * **cross-selling** adds ``cross_sell_spend`` a year in another product
      line, at its own margin rate ``cross_sell_margin``;
    * **more usage** raises spend on what the customer already buys by
      ``usage_gain`` (a share);
    * **longer relationship** raises retention by ``retention_gain``
      (probability points), which lengthens the expected relationship;
    * **higher margin** raises the margin rate by ``margin_gain`` (points).

    The defaults are illustrative, not from a source: a customer spending
    $200 a year at a 30% margin, retained 70% a year, discounted at 10%;
    levers of 10% more usage, $25 a year cross-sold at a 20% margin, 5 points
    of retention and 2 points of margin.

    Parameters
    ----------
    spend, margin, retention, discount_rate : float
        Today's yearly spend (US$), margin rate, yearly retention and yearly
        discount rate.
    usage_gain, cross_sell_spend, cross_sell_margin, retention_gain, margin_gain : float
        The size of each lever, as above. Retention plus ``retention_gain``
        must stay below 1 and margin plus ``margin_gain`` at most 1.

    Examples
    --------
    >>> r = ValueGrowthScenario().run()
    >>> round(r.current, 2)
    150.0
    >>> frame = r.to_frame()
    >>> frame["gain (US$)"].idxmax()
    'all four'
    >>> ValueGrowthScenario(retention=0.99, retention_gain=0.05)
    Traceback (most recent call last):
    ...
    ValueError: retention + retention_gain must be below 1; got 0.99 + 0.05
    """

    spend: float = param(200.0, "Yearly spend", low=0, unit="US$", slider=(0, 1000), step=10,
                         doc="What the customer spends a year today")
    margin: float = param(0.30, "Margin rate", kind="probability", unit="share of spend",
                          step=0.01, doc="Share of spend kept as margin")
    retention: float = param(0.70, "Yearly retention", low=0, high=1, high_open=True,
                             step=0.01, doc="Chance the customer stays another year")
    discount_rate: float = param(0.10, "Discount rate", low=0, high=1, unit="per year",
                                 step=0.01, doc="Yearly discount rate")
    usage_gain: float = param(0.10, "More usage", low=0, high=5, unit="share of spend",
                              step=0.01, slider=(0, 1),
                              doc="Rise in spend on what the customer already buys")
    cross_sell_spend: float = param(25.0, "Cross-selling", low=0, unit="US$ a year",
                                    slider=(0, 500), step=5,
                                    doc="Spend added in another product line")
    cross_sell_margin: float = param(0.20, "Cross-sell margin rate", kind="probability",
                                     unit="share of spend", step=0.01,
                                     doc="Margin rate of the cross-sold line")
    retention_gain: float = param(0.05, "Longer relationship", low=0, high=1, unit="points",
                                  step=0.01, slider=(0, 0.25),
                                  doc="Rise in yearly retention")
    margin_gain: float = param(0.02, "Higher margin", low=0, high=1, unit="points",
                               step=0.01, slider=(0, 0.2), doc="Rise in the margin rate")

    explorer_fields = ("spend", "retention", "usage_gain", "cross_sell_spend",
                       "retention_gain", "margin_gain")

    def check(self) -> None:
        if self.retention + self.retention_gain >= 1:
            raise ValueError(f"retention + retention_gain must be below 1; got "
                             f"{self.retention:g} + {self.retention_gain:g}")
        if self.margin + self.margin_gain > 1:
            raise ValueError(f"margin + margin_gain must be at most 1; got "
                             f"{self.margin:g} + {self.margin_gain:g}")

    def _value(self, usage: float = 0.0, cross: float = 0.0, keep: float = 0.0,
               rate: float = 0.0) -> tuple[float, float, float]:
        from csmlab.retention import clv

        m = ((self.margin + rate) * self.spend * (1 + usage)
             + self.cross_sell_margin * cross)
        r = self.retention + keep
        return m, r, clv(m, r, self.discount_rate)

    def run(self) -> "ValueGrowthResult":
        """Value today, after each lever alone, and after all four together."""
        rows = {
            "current": self._value(),
            "cross-selling": self._value(cross=self.cross_sell_spend),
            "more usage": self._value(usage=self.usage_gain),
            "longer relationship": self._value(keep=self.retention_gain),
            "higher margin": self._value(rate=self.margin_gain),
            "all four": self._value(self.usage_gain, self.cross_sell_spend,
                                    self.retention_gain, self.margin_gain),
        }
        return ValueGrowthResult(
            rows=tuple(rows), margins=tuple(float(m) for m, _, _ in rows.values()),
            retentions=tuple(float(r) for _, r, _ in rows.values()),
            values=tuple(float(val) for _, _, val in rows.values()))


@dataclass(frozen=True)
class ValueGrowthResult(Result):
    """A customer's value today and after each lever.

    Attributes
    ----------
    rows : tuple of str
        "current", the four levers (:data:`LEVERS`) and "all four".
    margins, retentions, values : tuple of float
        Yearly margin (US$), yearly retention and lifetime value (US$) per row.
    """

    rows: tuple[str, ...]
    margins: tuple[float, ...]
    retentions: tuple[float, ...]
    values: tuple[float, ...]

    @property
    def current(self) -> float:
        """Today's lifetime value (US$)."""
        return self.values[0]

    def gain(self, lever: str) -> float:
        """Gain over today's value from one row (a lever or "all four"), US$."""
        return self.values[self.rows.index(lever)] - self.current

    def to_frame(self) -> pd.DataFrame:
        """One row per case: yearly margin, retention, expected years, value and gain."""
        r = np.array(self.retentions)
        values = np.array(self.values)
        return pd.DataFrame({
            "yearly margin (US$)": np.array(self.margins),
            "yearly retention": r,
            "expected years": 1 / (1 - r),
            "value (US$)": values,
            "gain (US$)": values - self.current,
        }, index=pd.Index(list(self.rows), name="case"))


def value_growth(**inputs: float) -> pd.DataFrame:
    """The value-growth table for the given inputs (a shortcut for the scenario's table).

    Examples
    --------
    >>> t = value_growth(retention=0.3)
    >>> bool(t.loc["longer relationship", "gain (US$)"] < t.loc["more usage", "gain (US$)"])
    True
    """
    return ValueGrowthScenario(**inputs).run().to_frame()


@preset
def growing_value() -> ValueGrowthScenario:
    """An illustrative customer: $200 a year at a 30% margin, retained 70% a year."""
    return ValueGrowthScenario()
