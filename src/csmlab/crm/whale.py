"""The whale curve: cumulative profit against customers ranked by profit.

:func:`whale_curve` draws it from any profit per customer, :func:`top_share`
reads the top 20%'s share off it, and :class:`WhaleScenario` builds CDNOW's
profit per customer from cost assumptions for the explorer. The seed's own
tables of profitable and unprofitable customers are in
:mod:`csmlab.crm.tables`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from csmlab import validation as v
from csmlab.crm.rfm import _table_arrays
from csmlab.scenario import Result, Scenario, param, preset

__all__ = [
    "whale_curve", "top_share", "WhaleScenario", "WhaleResult", "cdnow_whale",
]


def whale_curve(profit: Any) -> tuple[np.ndarray, np.ndarray]:
    """Cumulative share of total profit against the share of customers, best first.

    Parameters
    ----------
    profit : array-like
        Profit per customer (may be negative).

    Returns
    -------
    (customer_share, profit_share) : tuple of numpy.ndarray
        Both start at 0; ``profit_share`` ends at 1. With loss-making customers
        the curve rises above 1 and falls back: the whale's hump.

    Examples
    --------
    >>> x, y = whale_curve([5, -1, 1])
    >>> x.round(3).tolist(), y.round(3).tolist()
    ([0.0, 0.333, 0.667, 1.0], [0.0, 1.0, 1.2, 1.0])
    """
    p = v.array("profit", profit)
    if len(p) == 0:
        raise ValueError("profit must hold at least one customer")
    total = p.sum()
    if total <= 0:
        raise ValueError(f"profit must sum to more than 0 for shares to mean anything; "
                         f"got {total:g}")
    ranked = np.sort(p)[::-1]
    cum = np.concatenate([[0.0], np.cumsum(ranked)]) / total
    share = np.arange(len(p) + 1) / len(p)
    return share, cum


def top_share(profit: Any, top: float = 0.2) -> float:
    """Share of total profit from the best ``top`` share of customers (the 2:8 rule).

    The number of customers is ``round(top × n)``.

    Examples
    --------
    >>> top_share([10, 5, 3, 1, 1], 0.2)
    0.5
    """
    top = v.probability("top", top)
    x, y = whale_curve(profit)
    k = int(round(top * (len(x) - 1)))
    return float(y[k])


@dataclass(frozen=True)
class WhaleScenario(Scenario):
    """Profit per CDNOW customer and its whale curve, under cost assumptions.

    Profit = margin × spend − cost per order × transactions − cost per
    customer. CDNOW's file holds revenue only, so the margin and the costs are
    illustrative assumptions, not data.
    """

    margin: float = param(0.30, "Gross margin", kind="probability", unit="share of spend",
                          step=0.01, doc="Share of spend kept after the cost of goods")
    cost_per_order: float = param(3.0, "Cost per order", low=0, unit="US$", slider=(0, 20),
                                  step=0.5, doc="Picking, packing and service per transaction")
    cost_per_customer: float = param(5.0, "Cost per customer", low=0, unit="US$",
                                     slider=(0, 40), step=1,
                                     doc="Yearly cost of keeping a customer on file "
                                         "(mailings, account)")
    top: float = param(0.20, "Top share of customers", kind="probability", step=0.01,
                       doc="The share of best customers whose profit share is reported",
                       source="the 2:8 (Pareto) rule, seed 004, post 5")

    def run(self) -> "WhaleResult":
        """Profit per customer over the whole CDNOW window and its whale curve."""
        arrays = _table_arrays("1998-06-30")
        profit = (self.margin * arrays["monetary"] - self.cost_per_order * arrays["transactions"]
                  - self.cost_per_customer * 1.5)
        total = float(profit.sum())
        if total <= 0:
            raise ValueError("margin, cost_per_order and cost_per_customer leave total profit at "
                             f"{total:,.0f} US$; the whale curve needs a positive total")
        x, y = whale_curve(profit)
        k = int(round(self.top * len(profit)))
        return WhaleResult(customers=len(profit), total_profit=total, top=self.top,
                           top_profit_share=float(y[k]), peak=float(y.max()),
                           peak_customers=float(x[int(y.argmax())]),
                           loss_share=float((profit < 0).mean()),
                           curve=(x, y))


@dataclass(frozen=True)
class WhaleResult(Result):
    """The whale curve's key points.

    Attributes
    ----------
    customers : int
    total_profit : float
        US$ over the 18 months.
    top, top_profit_share : float
        The best ``top`` share of customers and their share of total profit.
    peak, peak_customers : float
        The hump: the highest cumulative profit share and where it is reached.
    loss_share : float
        Share of customers with negative profit.
    curve : tuple of arrays
        The whale curve (customer share, profit share).
    """

    customers: int
    total_profit: float
    top: float
    top_profit_share: float
    peak: float
    peak_customers: float
    loss_share: float
    curve: tuple[np.ndarray, np.ndarray]

    def to_frame(self) -> pd.DataFrame:
        """The named numbers as a one-column table."""
        return pd.DataFrame({"value": [self.customers, self.total_profit, self.top_profit_share,
                                       self.peak, self.peak_customers, self.loss_share]},
                            index=pd.Index(["customers", "total profit (US$)",
                                            f"profit share of top {self.top:.0%}",
                                            "peak of the whale curve",
                                            "customers at the peak (share)",
                                            "loss-making customers (share)"], name="measure"))


@preset
def cdnow_whale() -> WhaleScenario:
    """CDNOW profit with a 30% margin, $3 per order and $5 a year per customer (assumed)."""
    return WhaleScenario()
