"""RFM on the CDNOW customers: recency, frequency and monetary value, scores and segments.

The first of the seeds' database-marketing analyses (seed 002, slides 78–91;
seed 000, slide 24): :func:`customer_table` gives each customer's recency,
frequency and monetary value as of a date, :func:`rfm_scores` scores them 1–5,
:func:`rfm_segments` names six segments, each mapped to one of the seeds' six
strategies (:data:`STRATEGIES`), and :class:`RFMScenario` lets the explorer move
the thresholds over the 23,570 CDNOW customers (:func:`cdnow`, loaded once).

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
from csmlab.transactions import check_transactions

__all__ = [
    "CDNOW_END", "AS_OF_DATES", "SEGMENTS", "STRATEGIES", "cdnow", "customer_table", "rfm_scores",
    "rfm_segments", "RFMScenario", "RFMResult", "cdnow_rfm",
]


#: Last day of the CDNOW observation window.
CDNOW_END = pd.Timestamp("1998-06-30")

#: Month ends a scenario may use as the "as of" date (the first is the end of
#: CDNOW's acquisition quarter).
AS_OF_DATES: tuple[str, ...] = tuple(
    d.strftime("%Y-%m-%d") for d in pd.date_range("1997-03-31", "1998-06-30", freq="ME"))

#: The six segments, in display order, with the database-marketing strategy
#: attached to each. Seed 000, slide 24 names the six strategies and their target
#: groups; the one-to-one mapping onto RFM segments is the course's own reading
#: (seed 004, post 6 supports it only in part: it aims activation at good customers).
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
    tx = cdnow() if transactions is None else check_transactions(transactions)
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


@preset
def cdnow_rfm() -> RFMScenario:
    """CDNOW as of 1998-06-30: active within 180 days, frequent from 3, high value from $100."""
    return RFMScenario()
