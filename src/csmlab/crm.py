"""CRM analytics on real customer data: RFM, tiers, the whale curve, churn trees, value.

The seeds (002, slides 78–91) teach customer relationship management (CRM,
고객관계관리) through a handful of analyses that a firm runs on its customer
database. This module runs each of them, either on the CDNOW transactions
(:func:`csmlab.data.load_cdnow`: 23,570 real customers of an online music
store, January 1997 to June 1998) or on the seeds' own tables:

* **RFM** (:func:`customer_table`, :func:`rfm_scores`, :class:`RFMScenario`):
  recency, frequency and monetary value per customer as of a date, scores 1–5,
  and six named segments mapped to the seeds' six database-marketing
  strategies (seed 000, slide 24).
* **Tiers** (:func:`assign_tiers`, :class:`TierScenario`): rule-based tiers by
  yearly purchases and spend, like the seed's H department store (slide 90).
* **The whale curve** (:func:`whale_curve`, :class:`WhaleScenario`,
  :func:`supermarket_table`): cumulative profit against customers ranked by
  profit, the top 20%'s share, and the seed's supermarket table (slide 89).
* **Churn analysis** (:func:`churn_example`, :func:`seed_tree`,
  :func:`split_gains`, :func:`fit_tree`): a data set that reproduces the seed's
  churn tree exactly (slide 83) and a greedy learner's view of it.
* **Customer value** (:class:`LTVScenario`): historical value to date and a
  simple projected lifetime value (LTV, 고객생애가치).

The CDNOW table is loaded once and its per-customer aggregates are cached, so
an explorer that moves a threshold only recomputes masks over 23,570 rows.

Examples
--------
>>> r = RFMScenario().run()
>>> int(r.customers)
23570
>>> round(float(r.to_frame()["customers"].sum()))
23570
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from csmlab import validation as v
from csmlab.scenario import Result, Scenario, param, preset

__all__ = [
    "SEGMENTS", "STRATEGIES", "cdnow", "customer_table", "rfm_scores", "rfm_segments",
    "RFMScenario", "RFMResult", "assign_tiers", "TierScenario", "TierResult",
    "whale_curve", "top_share", "WhaleScenario", "WhaleResult", "supermarket_table",
    "churn_example", "seed_tree", "split_gains", "gini", "entropy", "fit_tree", "tree_nodes",
    "LTVScenario", "LTVResult", "half_year_retention",
    "STRATEGY_GRID", "CUSTOMISATION_FACES", "profit_groups", "phone_table",
    "cdnow_rfm", "cdnow_tiers", "cdnow_whale", "cdnow_ltv",
]

#: Last day of the CDNOW observation window.
CDNOW_END = pd.Timestamp("1998-06-30")

#: Month ends a scenario may use as the "as of" date (the first is the end of
#: CDNOW's acquisition quarter).
AS_OF_DATES: tuple[str, ...] = tuple(
    d.strftime("%Y-%m-%d") for d in pd.date_range("1997-03-31", "1998-06-30", freq="ME"))

#: The six segments, in display order, with the database-marketing strategy
#: each one calls for (seed 000, slide 24; seed 004, post 6).
STRATEGIES: dict[str, str] = {
    "new": "acquisition",
    "champions": "loyalty",
    "frequent, low spend": "cross-selling",
    "occasional": "activation",
    "at risk": "retention",
    "lapsed": "reactivation",
}
SEGMENTS: tuple[str, ...] = tuple(STRATEGIES)


# ---------------------------------------------------------------------------
# Data and per-customer aggregates
# ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def cdnow() -> pd.DataFrame:
    """The CDNOW transactions, loaded once per session (:func:`csmlab.data.load_cdnow`).

    Treat the returned frame as read-only: it is shared by every caller.
    """
    from csmlab.data import load_cdnow

    return load_cdnow()


def _check_transactions(transactions: Any) -> pd.DataFrame:
    if not isinstance(transactions, pd.DataFrame):
        raise ValueError("transactions must be a pandas DataFrame with columns customer_id, "
                         f"date, amount; got {type(transactions).__name__}")
    missing = [c for c in ("customer_id", "date", "amount") if c not in transactions.columns]
    if missing:
        raise ValueError(f"transactions is missing column(s) {', '.join(missing)}")
    if not pd.api.types.is_datetime64_any_dtype(transactions["date"]):
        raise ValueError("transactions column date must be datetime64")
    amount = transactions["amount"].to_numpy(dtype=float)
    if not np.all(np.isfinite(amount)) or (amount < 0).any():
        raise ValueError("transactions column amount must be finite and at least 0")
    return transactions


def _as_of(as_of: Any) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(as_of)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"as_of must be a date; got {as_of!r}") from exc
    if ts is pd.NaT or pd.isna(ts):
        raise ValueError(f"as_of must be a date; got {as_of!r}")
    return ts


def customer_table(transactions: pd.DataFrame | None = None,
                   as_of: Any = CDNOW_END) -> pd.DataFrame:
    """Recency, frequency and monetary value per customer, as of a date.

    Only transactions on or before ``as_of`` count; customers with none are
    left out.

    Parameters
    ----------
    transactions : DataFrame, optional
        Columns ``customer_id``, ``date`` (datetime) and ``amount`` (US$).
        Defaults to the CDNOW transactions.
    as_of : date-like
        The day the analysis is made (default 1998-06-30, the end of CDNOW).

    Returns
    -------
    DataFrame
        Indexed by ``customer_id``: ``first`` and ``last`` purchase dates,
        ``days_since_last`` (days from the last purchase to ``as_of``: RFM's
        recency, not the BG/NBD's ``recency`` of
        :func:`csmlab.customerbase.summary`, which is the time from the first
        purchase to the last), ``frequency`` (distinct purchase days: several
        orders on one day count once, so it is
        :func:`csmlab.customerbase.summary`'s repeat frequency + 1),
        ``transactions`` (rows, i.e. orders), ``monetary`` (total spend, US$)
        and ``tenure`` (days from the first purchase to ``as_of``).

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2, 1],
    ...                    "date": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-02-01",
    ...                                            "2024-03-01"]),
    ...                    "amount": [10.0, 30.0, 5.0, 2.0]})
    >>> t = customer_table(tx, as_of="2024-03-31")
    >>> t["days_since_last"].tolist(), t["frequency"].tolist(), t["transactions"].tolist()
    ([30, 59], [2, 1], [3, 1])
    >>> t["monetary"].tolist()
    [42.0, 5.0]
    """
    tx = cdnow() if transactions is None else _check_transactions(transactions)
    day = _as_of(as_of)
    dates = tx["date"].to_numpy()
    keep = dates <= np.datetime64(day)
    tx = tx.loc[keep] if not keep.all() else tx
    grouped = tx.groupby("customer_id", sort=True)
    table = pd.DataFrame({
        "first": grouped["date"].min(),
        "last": grouped["date"].max(),
        "frequency": grouped["date"].nunique().astype("int64"),
        "transactions": grouped["date"].size().astype("int64"),
        "monetary": grouped["amount"].sum(),
    })
    table["days_since_last"] = (day - table["last"]).dt.days.astype("int64")
    table["tenure"] = (day - table["first"]).dt.days.astype("int64")
    return table[["first", "last", "days_since_last", "frequency", "transactions", "monetary",
                  "tenure"]]


@functools.lru_cache(maxsize=32)
def _cdnow_table(as_of: str) -> pd.DataFrame:
    return customer_table(None, as_of)


def _score(values: np.ndarray, higher_is_better: bool = True) -> np.ndarray:
    """Quintile scores 1–5; tied values share the score of the first of them."""
    x = values if higher_is_better else -values
    n = len(x)
    ranks = pd.Series(x).rank(method="min").to_numpy()
    return (1 + np.floor(5 * (ranks - 1) / n)).astype("int64")


def rfm_scores(table: pd.DataFrame) -> pd.DataFrame:
    """Recency, frequency and monetary scores 1–5 (quintiles; 5 is best).

    Customers are ranked on each measure (most recent, most frequent and
    highest spend best) and the ranks cut into fifths. Tied customers share the
    score of the first of them, so a measure with many ties (in CDNOW more than
    half the customers bought once) leaves some scores empty rather than
    splitting identical customers at random.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`customer_table` (needs ``days_since_last``, ``frequency``
        and ``monetary``).

    Returns
    -------
    DataFrame
        ``R``, ``F``, ``M`` (1–5) and ``RFM``, the three digits as a string.

    Examples
    --------
    >>> t = pd.DataFrame({"days_since_last": [1, 2, 3, 4, 5], "frequency": [5, 4, 3, 2, 1],
    ...                   "monetary": [50.0, 40.0, 30.0, 20.0, 10.0]})
    >>> rfm_scores(t)["RFM"].tolist()
    ['555', '444', '333', '222', '111']
    """
    for col in ("days_since_last", "frequency", "monetary"):
        if col not in table.columns:
            raise ValueError(f"table is missing column {col}")
    r = _score(table["days_since_last"].to_numpy(dtype=float), higher_is_better=False)
    f = _score(table["frequency"].to_numpy(dtype=float))
    m = _score(table["monetary"].to_numpy(dtype=float))
    out = pd.DataFrame({"R": r, "F": f, "M": m}, index=table.index)
    out["RFM"] = out["R"].astype(str) + out["F"].astype(str) + out["M"].astype(str)
    return out


def rfm_segments(table: pd.DataFrame, *, active_days: float = 180, frequent: int = 3,
                 high_value: float = 100.0, new_days: float = 90) -> pd.Series:
    """Name each customer's segment from recency, frequency and spend thresholds.

    The rules, applied in order:

    1. **new**: first purchase within ``new_days`` of the analysis date
       (strategy: acquisition, turning a first purchase into a relationship);
    2. **champions**: bought within ``active_days``, at least ``frequent``
       purchases and at least ``high_value`` spent (loyalty);
    3. **frequent, low spend**: active and frequent but below ``high_value``
       (cross-selling);
    4. **occasional**: active but fewer than ``frequent`` purchases (activation);
    5. **at risk**: no purchase within ``active_days`` but frequent or high
       value (retention);
    6. **lapsed**: the rest, quiet and low value (reactivation).

    Examples
    --------
    >>> t = pd.DataFrame({"days_since_last": [10, 10, 10, 400, 400, 5],
    ...                   "frequency": [5, 5, 1, 5, 1, 1],
    ...                   "monetary": [500.0, 50.0, 20.0, 30.0, 20.0, 9.0],
    ...                   "tenure": [500, 500, 500, 500, 500, 20]})
    >>> rfm_segments(t).tolist()
    ['champions', 'frequent, low spend', 'occasional', 'at risk', 'lapsed', 'new']
    """
    codes = _segment_codes(table["days_since_last"].to_numpy(), table["frequency"].to_numpy(),
                           table["monetary"].to_numpy(), table["tenure"].to_numpy(),
                           v.positive("active_days", active_days),
                           v.count("frequent", frequent), v.nonnegative("high_value", high_value),
                           v.nonnegative("new_days", new_days))
    return pd.Series(np.asarray(SEGMENTS, dtype=object)[codes], index=table.index,
                     name="segment")


def _segment_codes(days_since_last: np.ndarray, frequency: np.ndarray, monetary: np.ndarray,
                   tenure: np.ndarray, active_days: float, frequent: int, high_value: float,
                   new_days: float) -> np.ndarray:
    active = days_since_last <= active_days
    is_frequent = frequency >= frequent
    high = monetary >= high_value
    new = tenure <= new_days
    conditions = [new, active & is_frequent & high, active & is_frequent, active,
                  is_frequent | high]
    return np.select(conditions, [0, 1, 2, 3, 4], default=5)


# ---------------------------------------------------------------------------
# RFM scenario (the explorer)
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class RFMScenario(Scenario):
    """Segment the CDNOW customers by recency, frequency and spend thresholds.

    Parameters
    ----------
    as_of : str
        Analysis date, a month end from 1997-03-31 to 1998-06-30.
    active_days : float
        A customer who bought within this many days is active (days).
    frequent : int
        Purchase days to date that make a customer frequent.
    high_value : float
        Total spend to date that makes a customer high value (US$).
    new_days : float
        A first purchase within this many days makes a customer new (days).

    The thresholds are illustrative choices, not from a source; the six
    strategies are the seeds' (seed 000, slide 24).
    """

    as_of: str = param("1998-06-30", "Analysis date", kind="choice", options=AS_OF_DATES,
                       doc="Transactions after this day are ignored",
                       source="CDNOW window (Fader & Hardie)")
    active_days: float = param(180.0, "Active if bought within", low=0, low_open=True,
                               unit="days", slider=(30, 450), step=15,
                               doc="Recency threshold for an active customer")
    frequent: int = param(3, "Frequent from", kind="count", unit="purchases", slider=(1, 20),
                          doc="Purchase days to date that make a customer frequent")
    high_value: float = param(100.0, "High value from", low=0, unit="US$", slider=(0, 1000),
                              step=10, doc="Spend to date that makes a customer high value")
    new_days: float = param(90.0, "New if first bought within", low=0, unit="days",
                            slider=(0, 450), step=15,
                            doc="Tenure threshold for a new customer")

    explorer_fields = ("as_of", "active_days", "frequent", "high_value")

    def table(self) -> pd.DataFrame:
        """The cached per-customer CDNOW table as of :attr:`as_of` (read-only)."""
        return _cdnow_table(self.as_of)

    def run(self) -> "RFMResult":
        """Count the customers and their spend in each segment."""
        t = self.table()
        arrays = _table_arrays(self.as_of)
        codes = _segment_codes(arrays["days_since_last"], arrays["frequency"], arrays["monetary"],
                               arrays["tenure"], self.active_days, self.frequent,
                               self.high_value, self.new_days)
        counts = np.bincount(codes, minlength=len(SEGMENTS))
        spend = np.bincount(codes, weights=arrays["monetary"], minlength=len(SEGMENTS))
        return RFMResult(as_of=self.as_of, customers=len(t), counts=tuple(int(c) for c in counts),
                         spend=tuple(float(s) for s in spend))


@functools.lru_cache(maxsize=32)
def _table_arrays(as_of: str) -> dict[str, np.ndarray]:
    t = _cdnow_table(as_of)
    return {c: t[c].to_numpy() for c in ("days_since_last", "frequency", "transactions",
                                         "monetary", "tenure")}


@dataclass(frozen=True)
class RFMResult(Result):
    """Customers and spend per segment.

    Attributes
    ----------
    as_of : str
        The analysis date.
    customers : int
        Customers with at least one purchase by then.
    counts, spend : tuple
        Customers and total spend to date (US$) per segment, in
        :data:`SEGMENTS` order.
    """

    as_of: str
    customers: int
    counts: tuple[int, ...]
    spend: tuple[float, ...]

    def to_frame(self) -> pd.DataFrame:
        """One row per segment: strategy, customers, shares and spend per customer."""
        counts = np.array(self.counts, dtype=float)
        spend = np.array(self.spend)
        per = np.divide(spend, counts, out=np.zeros_like(spend), where=counts > 0)
        return pd.DataFrame({
            "strategy": [STRATEGIES[s] for s in SEGMENTS],
            "customers": np.array(self.counts),
            "share of customers": counts / self.customers,
            "share of spend": spend / spend.sum(),
            "spend per customer": per,
        }, index=pd.Index(SEGMENTS, name="segment"))


# ---------------------------------------------------------------------------
# Tiers
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Whale curve
# ---------------------------------------------------------------------------

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


def supermarket_table() -> pd.DataFrame:
    """The seed's supermarket table (slide 89), with yearly spend recomputed.

    Yearly spend = spend per visit × visits per week × 52 weeks. Shares of
    spend assume the 20/60/20 tiers hold 20, 60 and 20 of every 100 customers.

    Examples
    --------
    >>> t = supermarket_table()
    >>> t["per year (computed)"].tolist()
    [46.8, 353.6, 2730.0]
    >>> round(float(t.loc["top 20%", "share of spend"]), 3)
    0.711
    """
    from csmlab.cases import value

    rows = value("crm.supermarket")
    frame = pd.DataFrame(rows, columns=["tier", "customers per 100", "per visit",
                                        "per year (stated)", "visits per week"]).set_index("tier")
    frame["per year (computed)"] = (frame["per visit"] * frame["visits per week"] * 52).round(1)
    spend = frame["per year (computed)"] * frame["customers per 100"]
    frame["share of spend"] = spend / spend.sum()
    return frame


def profit_groups() -> pd.DataFrame:
    """The seed's profit contribution by customer group (slide 78), with the totals.

    The customer shares sum to 98% and the profit shares to 101%; the table
    keeps the printed values and reports the sums, so the ambiguity stays in
    view.

    Examples
    --------
    >>> t = profit_groups()
    >>> round(float(t["share of customers"].sum()), 2), round(float(t["share of profit"].sum()), 2)
    (0.98, 1.01)
    >>> round(float(t.loc["loss-making", "cumulative share of profit"]), 2)
    1.01
    """
    from csmlab.cases import value

    frame = pd.DataFrame(value("crm.profit_groups"),
                         columns=["group", "share of customers", "share of profit"]
                         ).set_index("group")
    frame["cumulative share of customers"] = frame["share of customers"].cumsum()
    frame["cumulative share of profit"] = frame["share of profit"].cumsum()
    return frame


def phone_table() -> pd.DataFrame:
    """The seed's long-distance phone customers (slide 89) under two readings of its revenue shares.

    Reading a gives group 4 (the top 4% of customers) 53% of revenue; reading
    b gives it 47%. The last row holds each column's sum: only reading b adds
    up to 100%, and only reading a explains the printed 89%.

    Examples
    --------
    >>> t = phone_table()
    >>> [round(float(x), 2) for x in t.loc["sum", ["revenue share, reading a",
    ...                                            "revenue share, reading b"]]]
    [1.06, 1.0]
    """
    from csmlab.cases import value

    frame = pd.DataFrame(value("crm.phone_groups"),
                         columns=["group", "usage band", "share of customers",
                                  "revenue share, reading a", "revenue share, reading b"]
                         ).set_index("group")
    total = frame.drop(columns="usage band").sum()
    frame.loc["sum"] = ["", *total.tolist()]
    frame.attrs["formats"] = {"revenue share, reading a": "share",
                              "revenue share, reading b": "share"}
    return frame


#: The loyalty–profitability grid of :cite:`reinartz2002` (seed 002, slide 79
#: draws its two axes): (profitability, relationship, name, strategy).
STRATEGY_GRID: tuple[tuple[str, str, str, str], ...] = (
    ("high", "short", "butterflies",
     "Enjoy them while they last: sell hard during the transaction, then stop investing."),
    ("high", "long", "true friends",
     "Reward and defend them: steady, not too frequent contact; build attitudinal loyalty."),
    ("low", "short", "strangers",
     "Make a profit on every transaction; invest nothing in the relationship."),
    ("low", "long", "barnacles",
     "Measure their wallet: cross- and up-sell if it is large, cut service cost if small."),
)

#: Gilmore and Pine's four faces of mass customisation :cite:`gilmore1997`
#: (seed 002, slide 98): (face, Korean term, product changed?, representation
#: changed?, example from the article).
CUSTOMISATION_FACES: tuple[tuple[str, str, bool, bool, str], ...] = (
    ("collaborative", "협동형", True, True, "Paris Miki designs each customer's glasses"),
    ("adaptive", "적응형", False, False, "Lutron lights that users set themselves"),
    ("cosmetic", "장식형", False, True, "Planters packs the same nuts per retailer"),
    ("transparent", "관찰형", True, False, "ChemStation tunes soap by observed use"),
)


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
                       source="the 2:8 (Pareto) rule, seed 002, slide 93")

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


# ---------------------------------------------------------------------------
# Churn tree
# ---------------------------------------------------------------------------

def churn_example(seed: int = 0, older_bad_credit: int = 900) -> pd.DataFrame:
    """10,000 customers that reproduce the seed's churn tree exactly (slide 83).

    Every node of the seed's tree has its stated customers and churners:
    all 10,000 / 2,000; age ≥ 40: 6,000 / 1,000; age < 40: 4,000 / 1,000;
    under 40 with bad credit 800 / 400, with good credit 3,200 / 600; under 40,
    bad credit and single 200 / 180, married 600 / 220.

    What the seed does not say is filled in without adding any pattern: ages
    are drawn uniformly (18–39 and 40–79 years), marriage is a coin flip
    outside the bad-credit-under-40 node, and among the over-40s
    ``older_bad_credit`` customers have bad credit, with that group's churn rate
    equal to the over-40s' (1 in 6). That last choice matters: it decides
    whether a greedy learner splits on credit before age.

    Parameters
    ----------
    seed : int
        Seed of the random generator that shuffles who is who.
    older_bad_credit : int
        Customers aged 40 or more with bad credit, a multiple of 6 from 0 to
        6,000 (so that one in six of them churns exactly).

    Returns
    -------
    DataFrame
        Columns ``age`` (years, int), ``credit`` ("good"/"bad"), ``married``
        (bool), ``churned`` (bool); 10,000 rows.

    Examples
    --------
    >>> d = churn_example()
    >>> len(d), int(d["churned"].sum())
    (10000, 2000)
    >>> young_bad = d[(d.age < 40) & (d.credit == "bad")]
    >>> len(young_bad), int(young_bad.churned.sum())
    (800, 400)
    """
    seed = v.integer("seed", seed, 0)
    older_bad_credit = v.count("older_bad_credit", older_bad_credit, 6000)
    if older_bad_credit % 6:
        raise ValueError(f"older_bad_credit must be a multiple of 6 (so one in six churns "
                         f"exactly); got {older_bad_credit}")
    rng = np.random.default_rng(seed)
    # (age group, credit, married or None for a coin flip, customers, churners)
    cells = [
        ("40+", "bad", None, older_bad_credit, older_bad_credit // 6),
        ("40+", "good", None, 6000 - older_bad_credit, 1000 - older_bad_credit // 6),
        ("<40", "good", None, 3200, 600),
        ("<40", "bad", False, 200, 180),
        ("<40", "bad", True, 600, 220),
    ]
    parts = []
    for group, credit, married, n, churners in cells:
        if n == 0:
            continue
        age = rng.integers(40, 80, n) if group == "40+" else rng.integers(18, 40, n)
        churned = np.zeros(n, dtype=bool)
        churned[rng.permutation(n)[:churners]] = True
        wed = rng.random(n) < 0.5 if married is None else np.full(n, married)
        parts.append(pd.DataFrame({"age": age.astype("int64"), "credit": credit,
                                   "married": wed.astype(bool), "churned": churned}))
    frame = pd.concat(parts, ignore_index=True)
    return frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)


def seed_tree(data: pd.DataFrame) -> pd.DataFrame:
    """Customers, churners and churn rate at each node of the seed's tree.

    Examples
    --------
    >>> seed_tree(churn_example())["churned"].tolist()
    [2000, 1000, 1000, 400, 600, 180, 220]
    """
    young = data["age"] < 40
    bad = data["credit"] == "bad"
    married = data["married"].astype(bool)
    nodes = {
        "all customers": np.ones(len(data), dtype=bool),
        "age 40 or over": ~young,
        "age under 40": young,
        "under 40, bad credit": young & bad,
        "under 40, good credit": young & ~bad,
        "under 40, bad credit, single": young & bad & ~married,
        "under 40, bad credit, married": young & bad & married,
    }
    churned = data["churned"].to_numpy(dtype=bool)
    rows = [{"node": k, "customers": int(m.sum()), "churned": int(churned[np.asarray(m)].sum())}
            for k, m in nodes.items()]
    frame = pd.DataFrame(rows).set_index("node")
    frame["churn rate"] = frame["churned"] / frame["customers"]
    return frame


def gini(p: Any) -> Any:
    """Gini impurity of a two-class node with churn share ``p``: 2p(1 − p).

    >>> round(float(gini(0.2)), 4)
    0.32
    """
    p = np.asarray(p, dtype=float)
    return 2 * p * (1 - p)


def entropy(p: Any) -> Any:
    """Entropy in bits of a two-class node with churn share ``p``.

    >>> float(entropy(0.5))
    1.0
    """
    p = np.clip(np.asarray(p, dtype=float), 1e-300, 1)
    q = np.clip(1 - np.asarray(p, dtype=float), 1e-300, 1)
    return -(p * np.log2(p) + q * np.log2(q))


def _impurity(criterion: str) -> Any:
    return {"gini": gini, "entropy": entropy}[v.one_of("criterion", criterion,
                                                        ("gini", "entropy"))]


def split_gains(data: pd.DataFrame, mask: Any = None, *, criterion: str = "gini") -> pd.DataFrame:
    """Impurity decrease of each candidate split of a node, best first.

    Candidates: age at its best threshold (any whole year), credit (bad vs
    good) and marital status. The decrease is the node's impurity minus the
    customer-weighted impurity of its two children, the quantity a greedy
    tree learner (CART, scikit-learn's ``DecisionTreeClassifier``) maximises.

    Parameters
    ----------
    data : DataFrame
        As from :func:`churn_example`.
    mask : array of bool, optional
        The node's customers (default all).
    criterion : {"gini", "entropy"}

    Examples
    --------
    >>> g = split_gains(churn_example())
    >>> g.index[0]
    'credit'
    """
    imp = _impurity(criterion)
    d = data if mask is None else data.loc[np.asarray(mask, dtype=bool)]
    y = d["churned"].to_numpy(dtype=bool)
    n = len(y)
    if n == 0:
        raise ValueError("mask selects no customers")
    parent = float(imp(y.mean()))

    def gain(left: np.ndarray) -> float:
        nl = left.sum()
        if nl == 0 or nl == n:
            return 0.0
        pl, pr = y[left].mean(), y[~left].mean()
        return parent - (nl / n * float(imp(pl)) + (n - nl) / n * float(imp(pr)))

    rows = []
    ages = d["age"].to_numpy()
    best, best_t = -1.0, None
    for t in np.unique(ages)[1:]:
        g = gain(ages < t)
        if g > best + 1e-15:
            best, best_t = g, t
    if best_t is not None:
        rows.append({"split": "age", "rule": f"age < {best_t}", "gain": best})
    rows.append({"split": "credit", "rule": "credit bad",
                 "gain": gain((d["credit"] == "bad").to_numpy())})
    rows.append({"split": "married", "rule": "married",
                 "gain": gain(d["married"].to_numpy(dtype=bool))})
    frame = pd.DataFrame(rows).set_index("split").sort_values("gain", ascending=False)
    frame["node impurity"] = parent
    frame["customers"] = n
    return frame


def _features(data: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"age": data["age"].to_numpy(dtype=float),
                         "bad credit": (data["credit"] == "bad").to_numpy(dtype=float),
                         "married": data["married"].to_numpy(dtype=float)})


def fit_tree(data: pd.DataFrame, *, max_depth: int = 3, criterion: str = "gini",
             min_samples_leaf: int = 1, random_state: int = 0) -> Any:
    """Fit scikit-learn's decision tree to the churn data (features age, bad credit, married).

    Examples
    --------
    >>> tree = fit_tree(churn_example(), max_depth=1)
    >>> tree_nodes(tree)["rule"].tolist()
    ['all customers', 'bad credit', 'not bad credit']
    """
    from sklearn.tree import DecisionTreeClassifier

    max_depth = v.integer("max_depth", max_depth, 1, 20)
    min_samples_leaf = v.integer("min_samples_leaf", min_samples_leaf, 1)
    criterion = v.one_of("criterion", criterion, ("gini", "entropy"))
    model = DecisionTreeClassifier(max_depth=max_depth, criterion=criterion,
                                   min_samples_leaf=min_samples_leaf, random_state=random_state)
    return model.fit(_features(data), data["churned"].to_numpy(dtype=bool))


def tree_nodes(model: Any) -> pd.DataFrame:
    """The nodes of a fitted tree, depth first: rule, depth, customers, churners, rate.

    Binary features print as ``bad credit`` / ``not bad credit``; age as
    ``age < t`` / ``age ≥ t`` with ``t`` rounded up to the next whole year.
    """
    t = model.tree_
    names = list(model.feature_names_in_)
    rows: list[dict[str, Any]] = []

    def label(feature: int, threshold: float, left: bool) -> str:
        name = names[feature]
        if name == "age":
            cut = int(np.ceil(threshold))
            return f"age < {cut}" if left else f"age ≥ {cut}"
        return f"not {name}" if left else name

    def walk(node: int, rule: str, depth: int) -> None:
        n = int(t.n_node_samples[node])
        value = t.value[node][0]
        rate = float(value[1] / value.sum())
        rows.append({"rule": rule, "depth": depth, "customers": n,
                     "churned": int(round(rate * n)), "churn rate": rate})
        if t.children_left[node] != -1:
            f, thr = int(t.feature[node]), float(t.threshold[node])
            # scikit-learn sends x <= threshold left; list the "true" branch first.
            kids = [(t.children_right[node], label(f, thr, False)),
                    (t.children_left[node], label(f, thr, True))]
            if names[f] == "age":
                kids = kids[::-1]
            for child, text in kids:
                walk(int(child), text, depth + 1)

    walk(0, "all customers", 0)
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# Customer value
# ---------------------------------------------------------------------------

def half_year_retention(transactions: pd.DataFrame | None = None) -> float:
    """Share of customers who bought in July–December 1997 and again in January–June 1998.

    Examples
    --------
    >>> round(half_year_retention(), 3)
    0.539
    """
    tx = cdnow() if transactions is None else _check_transactions(transactions)
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


# ---------------------------------------------------------------------------
# Presets
# ---------------------------------------------------------------------------

@preset
def cdnow_rfm() -> RFMScenario:
    """CDNOW as of 1998-06-30: active within 180 days, frequent from 3, high value from $100."""
    return RFMScenario()


@preset
def cdnow_tiers() -> TierScenario:
    """Four tiers of CDNOW's 1997 customers (illustrative thresholds, H store structure)."""
    return TierScenario()


@preset
def cdnow_whale() -> WhaleScenario:
    """CDNOW profit with a 30% margin, $3 per order and $5 a year per customer (assumed)."""
    return WhaleScenario()


@preset
def cdnow_ltv() -> LTVScenario:
    """CDNOW value with the half-year retention measured on the data (rounded to 0.54)."""
    return LTVScenario()
