"""From a transaction log to one row per customer: frequency, recency, T and monetary value.

The utilities of the customer-base models (lifetimes keeps the same in its
``utils``): :func:`summary` turns a transaction log into the (x, t_x, T, m)
summary of :cite:`fader2005`, and :func:`calibration_holdout` splits it into a
calibration period and a holdout period. The CDNOW periods of the paper are
:data:`CDNOW_CALIBRATION_END` and :data:`CDNOW_HOLDOUT_END`.

Conventions: the published models are in weeks (``unit="W"``); a purchase
*day* counts once however many orders the customer placed that day (the CDNOW
file has 2,068 same-day duplicate rows); only repeat days count in
``frequency``, because the first purchase only starts the customer's clock.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from csmlab import validation as v
from csmlab.transactions import as_date, check_transactions

__all__ = [
    "UNITS", "CDNOW_CALIBRATION_END", "CDNOW_HOLDOUT_END", "summary", "calibration_holdout",
]


#: Length of a time unit in days: day, week, month (a twelfth of 365.25 days).
UNITS: dict[str, float] = {"D": 1.0, "W": 7.0, "M": 365.25 / 12}

#: End of the 39-week calibration period of :cite:`fader2005` (CDNOW starts 1997-01-01).
CDNOW_CALIBRATION_END = pd.Timestamp("1997-09-30")
#: End of the CDNOW window: weeks 40–78 are the holdout period.
CDNOW_HOLDOUT_END = pd.Timestamp("1998-06-30")


def _unit_days(unit: str) -> float:
    return UNITS[v.one_of("unit", unit, tuple(UNITS))]


def _daily(tx: pd.DataFrame) -> pd.DataFrame:
    """One row per customer and purchase day: the day's total spend, sorted by customer and day."""
    return (tx.groupby(["customer_id", "date"], sort=True)["amount"].sum().reset_index())


def summary(transactions: pd.DataFrame, calibration_end: Any, observation_start: Any = None,
            unit: str = "W") -> pd.DataFrame:
    """Frequency, recency, T and monetary value per customer, as in Fader, Hardie & Lee.

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase, with columns ``customer_id``, ``date``
        (datetime64, or text pandas can parse; the time of day is ignored) and
        ``amount`` (spend, ≥ 0), the names :func:`csmlab.data.load_cdnow` and
        :func:`csmlab.data.load_cdnow_sample` use. Other columns are ignored;
        rows need not be sorted.
    calibration_end : date-like
        Last day of the calibration period. Only purchases on or before it
        count; customers whose first purchase is after it are dropped.
    observation_start : date-like, optional
        First day of the observation window: purchases before it are ignored
        (default: none are).
    unit : {"W", "D", "M"}
        Time unit of ``recency`` and ``T``: weeks (default, as in the paper),
        days, or months of 365.25/12 days.

    Returns
    -------
    DataFrame
        Indexed by ``customer_id`` (sorted), columns ``frequency`` (repeat
        purchase days: distinct purchase days after the first), ``recency``
        (time from the first purchase day to the last), ``T`` (time from the
        first purchase day to ``calibration_end``) and ``monetary`` (mean of
        the daily totals on repeat days; the first day is left out because it
        is not a repeat purchase; 0 when ``frequency`` is 0).

    Raises
    ------
    ValueError
        For a missing column, an empty table, a missing customer id or date, a
        non-finite or negative amount (naming the column and the first bad
        row), or a ``calibration_end`` before every customer's first purchase.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 2, 1, 1, 1],
    ...                    "date": pd.to_datetime(["2024-01-15", "2024-01-08", "2024-01-01",
    ...                                            "2024-01-15", "2024-01-29"]),
    ...                    "amount": [10.0, 7.0, 5.0, 20.0, 12.0]})
    >>> s = summary(tx, "2024-02-12")
    >>> list(s.columns)
    ['frequency', 'recency', 'T', 'monetary']
    >>> s.reset_index().values.tolist()
    [[1.0, 2.0, 4.0, 6.0, 21.0], [2.0, 0.0, 0.0, 5.0, 0.0]]
    """
    days = _unit_days(unit)
    tx = check_transactions(transactions)
    end = as_date("calibration_end", calibration_end)
    dates = tx["date"].to_numpy()
    keep = dates <= np.datetime64(end)
    if observation_start is not None:
        start = as_date("observation_start", observation_start)
        if start > end:
            raise ValueError(f"observation_start ({start.date()}) must not be after "
                             f"calibration_end ({end.date()})")
        keep &= dates >= np.datetime64(start)
    if not keep.any():
        first = tx["date"].min()
        raise ValueError(f"calibration_end ({end.date()}) is before every customer's first "
                         f"purchase (the earliest is {pd.Timestamp(first).date()}, in the "
                         "observation window): no customer is left")
    daily = _daily(tx.loc[keep])
    ids = daily["customer_id"].to_numpy()
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    ends = np.r_[starts[1:], len(ids)] - 1
    day_values = daily["date"].to_numpy()
    amounts = daily["amount"].to_numpy()
    first, last = day_values[starts], day_values[ends]
    n_days = ends - starts + 1
    frequency = n_days - 1
    totals = np.add.reduceat(amounts, starts)
    repeat_spend = totals - amounts[starts]
    monetary = np.divide(repeat_spend, frequency, out=np.zeros(len(starts)),
                         where=frequency > 0)
    one_day = np.timedelta64(1, "D")
    recency = ((last - first) / one_day) / days
    T = ((np.datetime64(end) - first) / one_day) / days
    return pd.DataFrame({"frequency": frequency.astype("int64"), "recency": recency,
                         "T": T, "monetary": monetary},
                        index=pd.Index(ids[starts], name="customer_id"))


def calibration_holdout(transactions: pd.DataFrame, calibration_end: Any, holdout_end: Any,
                        observation_start: Any = None, unit: str = "W") -> pd.DataFrame:
    """:func:`summary` for the calibration period, plus what each customer did in the holdout.

    Parameters
    ----------
    transactions, calibration_end, observation_start, unit
        As in :func:`summary`.
    holdout_end : date-like
        Last day of the holdout period, which starts the day after
        ``calibration_end``.

    Returns
    -------
    DataFrame
        The summary's columns plus ``holdout_frequency`` (purchase days in the
        holdout; all of them are repeat days), ``holdout_spend`` (total spend
        in the holdout) and ``holdout_duration`` (its length in ``unit``).

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 1, 1], "amount": [5.0, 7.0, 3.0, 2.0],
    ...                    "date": pd.to_datetime(["2024-01-01", "2024-01-08", "2024-02-05",
    ...                                            "2024-02-05"])})
    >>> d = calibration_holdout(tx, "2024-01-28", "2024-02-25")
    >>> d[["frequency", "holdout_frequency", "holdout_spend", "holdout_duration"]].values.tolist()
    [[1.0, 1.0, 5.0, 4.0]]
    """
    cal = summary(transactions, calibration_end, observation_start, unit)
    end = as_date("calibration_end", calibration_end)
    hend = as_date("holdout_end", holdout_end)
    if hend <= end:
        raise ValueError(f"holdout_end ({hend.date()}) must be after calibration_end "
                         f"({end.date()})")
    tx = check_transactions(transactions)
    d = tx["date"].to_numpy()
    hold = tx.loc[(d > np.datetime64(end)) & (d <= np.datetime64(hend))]
    hold = hold.loc[hold["customer_id"].isin(cal.index)]
    daily = _daily(hold)
    grouped = daily.groupby("customer_id")["amount"]
    out = cal.copy()
    out["holdout_frequency"] = grouped.size().reindex(cal.index, fill_value=0).astype("int64")
    out["holdout_spend"] = grouped.sum().reindex(cal.index, fill_value=0.0)
    out["holdout_duration"] = (hend - end).days / _unit_days(unit)
    return out


def _rfm_arrays(frequency: Any, recency: Any, T: Any) -> tuple[np.ndarray, ...]:
    x = v.array("frequency", frequency, low=0, min_size=1)
    tx = v.array("recency", recency, low=0, min_size=1)
    t = v.array("T", T, low=0, min_size=1)
    try:
        x, tx, t = np.broadcast_arrays(x, tx, t)
    except ValueError:
        raise ValueError(f"frequency, recency and T must have the same length; got "
                         f"{x.size}, {tx.size} and {t.size}") from None
    if np.any(x != np.floor(x)):
        i = int(np.argmax(np.ravel(x != np.floor(x))))
        raise ValueError(f"frequency must hold whole numbers; element {i} is "
                         f"{float(np.ravel(x)[i])!r}")
    over = np.ravel(tx > t)
    if over.any():
        i = int(np.argmax(over))
        raise ValueError(f"recency must not exceed T (the last purchase cannot be after the end "
                         f"of the period); element {i} has recency {float(np.ravel(tx)[i])!r} "
                         f"> T {float(np.ravel(t)[i])!r}")
    return x, tx, t
