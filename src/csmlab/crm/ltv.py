"""Customer value on CDNOW: historical value to date and a simple projected lifetime value.

:func:`half_year_retention` measures how many of one half-year's buyers buy
again in the next; :class:`LTVScenario` turns it, with a margin and a discount
rate, into a projected lifetime value (LTV, 고객생애가치). The model-based CLV
of chapter 11 is :func:`csmlab.customerbase.clv`.
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
