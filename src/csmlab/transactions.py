"""The transaction log that the customer-base and CRM analyses read, checked in one place.

Both :mod:`csmlab.customerbase` (chapter 11) and :mod:`csmlab.crm` (chapter 10)
start from one row per order: ``customer_id``, ``date`` and ``amount``, as
:func:`csmlab.data.load_cdnow` returns them. :func:`check_transactions` checks
such a frame and names the first bad row; :func:`as_date` turns a date-like
argument into a day.

Examples
--------
>>> tx = pd.DataFrame({"customer_id": [1, 1], "amount": [10.0, 5.5],
...                    "date": ["1997-01-01 10:30", "1997-01-02 09:00"]})
>>> check_transactions(tx)["date"].dt.strftime("%Y-%m-%d").tolist()
['1997-01-01', '1997-01-02']
>>> check_transactions(tx.assign(amount=[10.0, -1.0]))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: transactions column 'amount', row 1 (position 1): must be at least 0; got ...
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["COLUMNS", "check_transactions", "as_date"]

#: The columns every transaction log needs.
COLUMNS = ("customer_id", "date", "amount")


def as_date(name: str, value: Any) -> pd.Timestamp:
    """``value`` as a day (midnight), or a ValueError naming ``name``.

    Examples
    --------
    >>> as_date("calibration_end", "1997-09-30 17:00")
    Timestamp('1997-09-30 00:00:00')
    """
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a date; got {value!r}") from exc
    if pd.isna(ts):
        raise ValueError(f"{name} must be a date; got {value!r}")
    return ts.normalize()


def _first_bad(frame: pd.DataFrame, bad: np.ndarray, column: str, expected: str) -> None:
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(f"transactions column {column!r}, row {frame.index[i]!r} (position {i}): "
                         f"{expected}; got {frame[column].iloc[i]!r}")


def check_transactions(transactions: Any) -> pd.DataFrame:
    """Check a transaction log; return its three columns, dates normalised to days.

    Parameters
    ----------
    transactions : DataFrame
        Columns ``customer_id`` (not missing), ``date`` (dates, or text that
        parses as dates) and ``amount`` (finite, at least 0); other columns are
        ignored.

    Returns
    -------
    DataFrame
        A new frame with ``customer_id``, ``date`` (datetime64, midnight) and
        ``amount`` (float), in the input's order, with a fresh index.

    Raises
    ------
    ValueError
        Naming the column, the row and what was expected.
    """
    if not isinstance(transactions, pd.DataFrame):
        raise ValueError("transactions must be a pandas DataFrame with columns customer_id, "
                         f"date, amount; got {type(transactions).__name__}")
    for col in COLUMNS:
        if col not in transactions.columns:
            raise ValueError(f"transactions is missing column {col!r} (needs customer_id, "
                             "date, amount, as from csmlab.data.load_cdnow)")
    if len(transactions) == 0:
        raise ValueError("transactions is empty: it needs at least one row")
    tx = transactions[list(COLUMNS)]
    _first_bad(tx, tx["customer_id"].isna().to_numpy(), "customer_id", "must not be missing")
    dates = tx["date"]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        parsed = pd.to_datetime(dates, errors="coerce")
        _first_bad(tx, (parsed.isna() & dates.notna()).to_numpy(), "date", "must be a date")
        dates = parsed
    _first_bad(tx, dates.isna().to_numpy(), "date", "must not be missing")
    amount = pd.to_numeric(tx["amount"], errors="coerce").to_numpy(dtype=float)
    _first_bad(tx, ~np.isfinite(amount), "amount", "must be a finite number")
    _first_bad(tx, amount < 0, "amount", "must be at least 0")
    return pd.DataFrame({"customer_id": tx["customer_id"].to_numpy(),
                         "date": dates.dt.normalize().to_numpy(), "amount": amount})
