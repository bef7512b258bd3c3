"""Customer tiers by yearly purchases and spend, like the seed's H department store (slide 90).

:func:`assign_tiers` puts each customer in a tier by rule-based thresholds;
:class:`TierScenario` applies them to CDNOW's 1997 customers for the explorer.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from csmlab import validation as v
from csmlab.crm.rfm import cdnow, customer_table
from csmlab.scenario import Result, Scenario, param, preset

__all__ = [
    "TIER_NAMES", "assign_tiers", "TierScenario", "TierResult", "cdnow_tiers",
]


def assign_tiers(purchases: Any, spend: Any, thresholds: Any, *, rule: str = "both",
                 names: Any = None) -> np.ndarray:
    """Put each customer in the highest tier whose thresholds it meets.

    Parameters
    ----------
    purchases, spend : array-like
        Purchases (visits) and spend per customer over the same period.
    thresholds : sequence of (purchases, spend)
        One pair per tier, from the top tier down, each no higher than the one
        above. A customer below every pair falls in a last tier after them.
    rule : {"both", "either"}
        Whether a customer must meet both thresholds of a tier or either one.
        (The seed's H department store table does not say; slide 90.)
    names : sequence of str, optional
        Tier names, one more than ``thresholds``; default "tier 1", "tier 2", ….

    Returns
    -------
    numpy.ndarray of str

    Examples
    --------
    >>> assign_tiers([40, 20, 20, 2], [7e6, 3e6, 1e6, 1e5], [(34, 6.7e6), (14, 2.5e6), (6, 1.2e6)],
    ...              names=["top", "good", "regular", "general"]).tolist()
    ['top', 'good', 'general', 'general']
    >>> assign_tiers([20], [1e6], [(14, 2.5e6), (6, 1.2e6)], rule="either").tolist()
    ['tier 1']
    """
    p = v.array("purchases", purchases, low=0)
    s = v.array("spend", spend, low=0)
    if p.shape != s.shape:
        raise ValueError(f"purchases and spend must have the same length; got {len(p)} "
                         f"and {len(s)}")
    rule = v.one_of("rule", rule, ("both", "either"))
    pairs = [(float(a), float(b)) for a, b in thresholds]
    if not pairs:
        raise ValueError("thresholds must hold at least one (purchases, spend) pair")
    for i, (a, b) in enumerate(pairs):
        v.nonnegative(f"thresholds[{i}] purchases", a)
        v.nonnegative(f"thresholds[{i}] spend", b)
        if i and (a > pairs[i - 1][0] or b > pairs[i - 1][1]):
            raise ValueError(f"thresholds must not rise from one tier to the next; "
                             f"thresholds[{i}] {pairs[i]} is above {pairs[i - 1]}")
    if names is None:
        names = [f"tier {i + 1}" for i in range(len(pairs) + 1)]
    names = list(names)
    if len(names) != len(pairs) + 1:
        raise ValueError(f"names must have {len(pairs) + 1} entries (one per tier plus the "
                         f"last); got {len(names)}")
    conditions = [((p >= a) & (s >= b)) if rule == "both" else ((p >= a) | (s >= b))
                  for a, b in pairs]
    codes = np.select(conditions, list(range(len(pairs))), default=len(pairs))
    return np.asarray(names, dtype=object)[codes].astype(str)


TIER_NAMES = ("top", "good", "regular", "general")


@dataclass(frozen=True)
class TierScenario(Scenario):
    """Four tiers of CDNOW customers by purchases and spend in 1997.

    The structure copies the seed's H department store (slide 90: top ≥ 34
    purchases and ≥ ₩6.7M a year, good ≥ 14 and ≥ ₩2.5M, regular ≥ 6 and
    ≥ ₩1.2M, general the rest). The CDNOW defaults are illustrative
    thresholds for a music store, not from a source.
    """

    top_purchases: int = param(10, "Top: purchases from", kind="count", unit="per year",
                               slider=(1, 40), doc="Yearly purchase days for the top tier")
    top_spend: float = param(500.0, "Top: spend from", low=0, unit="US$ per year",
                             slider=(0, 2000), step=25, doc="Yearly spend for the top tier")
    good_purchases: int = param(5, "Good: purchases from", kind="count", unit="per year",
                                slider=(1, 40), doc="Yearly purchase days for the good tier")
    good_spend: float = param(200.0, "Good: spend from", low=0, unit="US$ per year",
                              slider=(0, 2000), step=25, doc="Yearly spend for the good tier")
    regular_purchases: int = param(2, "Regular: purchases from", kind="count", unit="per year",
                                   slider=(1, 40), doc="Yearly purchase days for the regular tier")
    regular_spend: float = param(50.0, "Regular: spend from", low=0, unit="US$ per year",
                                 slider=(0, 2000), step=25,
                                 doc="Yearly spend for the regular tier")
    rule: str = param("both", "Must meet", kind="choice", options=("both", "either"),
                      doc="Whether a tier needs both thresholds or either",
                      source="seed 002, slide 90 (unstated)")

    def check(self) -> None:
        """Thresholds must not rise from a higher tier to a lower one."""
        if not self.top_purchases >= self.good_purchases >= self.regular_purchases:
            raise ValueError("top_purchases, good_purchases and regular_purchases must not rise "
                             f"down the tiers; got {self.top_purchases}, {self.good_purchases}, "
                             f"{self.regular_purchases}")
        if not self.top_spend >= self.good_spend >= self.regular_spend:
            raise ValueError("top_spend, good_spend and regular_spend must not rise down the "
                             f"tiers; got {self.top_spend}, {self.good_spend}, "
                             f"{self.regular_spend}")

    def run(self) -> "TierResult":
        """Tier shares of customers and of 1997 spend."""
        purchases, spend = _year_1997()
        tiers = assign_tiers(purchases, spend,
                             [(self.top_purchases, self.top_spend),
                              (self.good_purchases, self.good_spend),
                              (self.regular_purchases, self.regular_spend)],
                             rule=self.rule, names=TIER_NAMES)
        counts = tuple(int((tiers == n).sum()) for n in TIER_NAMES)
        totals = tuple(float(spend[tiers == n].sum()) for n in TIER_NAMES)
        return TierResult(counts=counts, spend=totals)


@functools.lru_cache(maxsize=1)
def _year_1997() -> tuple[np.ndarray, np.ndarray]:
    t = customer_table(cdnow(), "1997-12-31")
    return t["frequency"].to_numpy(), t["monetary"].to_numpy()


@dataclass(frozen=True)
class TierResult(Result):
    """Customers and spend per tier (top, good, regular, general)."""

    counts: tuple[int, ...]
    spend: tuple[float, ...]

    def to_frame(self) -> pd.DataFrame:
        """One row per tier: customers, share of customers, share of spend."""
        counts = np.array(self.counts)
        spend = np.array(self.spend)
        return pd.DataFrame({"customers": counts, "share of customers": counts / counts.sum(),
                             "share of spend": spend / spend.sum(),
                             "spend per customer": spend / np.maximum(counts, 1)},
                            index=pd.Index(TIER_NAMES, name="tier"))


@preset
def cdnow_tiers() -> TierScenario:
    """Four tiers of CDNOW's 1997 customers (illustrative thresholds, H store structure)."""
    return TierScenario()
