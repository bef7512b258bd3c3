"""Checking a fit on a later period, the way :cite:`fader2005` does (its Figures 1 and 4).

:func:`tracking` gives cumulative repeat purchases week by week, actual and
expected; :func:`holdout_by_frequency` compares each calibration frequency's
actual and expected holdout purchases. Split the data with
:func:`csmlab.customerbase.summaries.calibration_holdout`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from csmlab import validation as v
from csmlab.customerbase.bgnbd import BGNBD, fit_bgnbd
from csmlab.customerbase.summaries import CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, _daily, summary
from csmlab.transactions import as_date, check_transactions

__all__ = [
    "tracking", "holdout_by_frequency",
]


def tracking(transactions: pd.DataFrame, calibration_end: Any = CDNOW_CALIBRATION_END,
             holdout_end: Any = CDNOW_HOLDOUT_END, model: BGNBD | None = None) -> pd.DataFrame:
    """Cumulative repeat purchases week by week, actual and expected (the paper's Figure 1).

    The cohort is every customer whose first purchase is on or before
    ``calibration_end``; week 1 starts on the day of the earliest first
    purchase. The expected count at the end of week k is
    Σᵢ E[X(tᵢₖ)], tᵢₖ being the weeks from customer i's first purchase day to
    the last day of week k (the same convention as ``T`` in :func:`summary`).

    Parameters
    ----------
    transactions : DataFrame
        As in :func:`summary`.
    calibration_end, holdout_end : date-like
        End of the calibration period and of the whole window (default the
        paper's: 1997-09-30 and 1998-06-30, weeks 1–39 and 40–78).
    model : BGNBD, optional
        A model fitted in weeks; default: fitted on the calibration summary.

    Returns
    -------
    DataFrame
        Indexed by ``week`` (1, 2, …): ``actual`` and ``expected`` cumulative
        repeat purchases (days), and ``period`` ("calibration"/"holdout").

    Examples
    --------
    >>> from csmlab.data import load_cdnow_sample
    >>> t = tracking(load_cdnow_sample())
    >>> len(t), int(t.loc[39, "actual"]), int(t.loc[78, "actual"])
    (78, 2457, 4339)
    """
    end = as_date("calibration_end", calibration_end)
    hend = as_date("holdout_end", holdout_end)
    if hend <= end:
        raise ValueError(f"holdout_end ({hend.date()}) must be after calibration_end "
                         f"({end.date()})")
    cal = summary(transactions, end, unit="W")
    if model is None:
        model = fit_bgnbd(cal["frequency"], cal["recency"], cal["T"])
    tx = check_transactions(transactions)
    tx = tx.loc[tx["customer_id"].isin(cal.index) & (tx["date"] <= hend)]
    daily = _daily(tx)
    first = daily.groupby("customer_id")["date"].transform("min")
    start = daily["date"].min()
    weeks = int(math.ceil(((hend - start).days + 1) / 7))
    repeat_day = (daily.loc[daily["date"] > first, "date"] - start).dt.days.to_numpy()
    week_of = repeat_day // 7 + 1
    actual = np.cumsum(np.bincount(week_of, minlength=weeks + 1)[1:weeks + 1])
    first_day = (daily.groupby("customer_id")["date"].min() - start).dt.days.to_numpy()
    days, counts = np.unique(first_day, return_counts=True)
    week_end = 7 * np.arange(1, weeks + 1) - 1
    elapsed = np.clip((week_end[:, None] - days[None, :]) / 7, 0, None)
    expected = (model.expected_purchases(elapsed.ravel()).reshape(elapsed.shape) * counts).sum(1)
    cal_weeks = ((end - start).days + 1) / 7
    week = np.arange(1, weeks + 1)
    return pd.DataFrame({"actual": actual.astype("int64"), "expected": expected,
                         "period": np.where(week <= cal_weeks, "calibration", "holdout")},
                        index=pd.Index(week, name="week"))


def holdout_by_frequency(data: pd.DataFrame, model: BGNBD | None = None,
                         max_frequency: int = 7) -> pd.DataFrame:
    """Mean holdout purchases by calibration frequency, actual vs expected (the paper's Figure 4).

    Parameters
    ----------
    data : DataFrame
        As from :func:`calibration_holdout`.
    model : BGNBD, optional
        Default: fitted on ``data``'s calibration columns.
    max_frequency : int
        Customers with this many repeat days or more are pooled ("7+").

    Examples
    --------
    >>> from csmlab.customerbase import calibration_holdout
    >>> from csmlab.data import load_cdnow_sample
    >>> d = calibration_holdout(load_cdnow_sample(), CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END)
    >>> h = holdout_by_frequency(d)
    >>> int(h["customers"].sum()), round(float(h.loc["0", "actual"]), 3)
    (2357, 0.237)
    """
    max_frequency = v.integer("max_frequency", max_frequency, 1)
    if model is None:
        model = fit_bgnbd(data["frequency"], data["recency"], data["T"])
    expected = model.conditional_expected_purchases(data["holdout_duration"].to_numpy(),
                                                    data["frequency"], data["recency"],
                                                    data["T"])
    x = np.minimum(data["frequency"].to_numpy(), max_frequency)
    labels = [str(i) for i in range(max_frequency)] + [f"{max_frequency}+"]
    frame = pd.DataFrame({"group": np.asarray(labels)[x],
                          "actual": data["holdout_frequency"].to_numpy(dtype=float),
                          "expected": expected})
    out = frame.groupby("group").agg(customers=("actual", "size"), actual=("actual", "mean"),
                                     expected=("expected", "mean"))
    out = out.reindex([g for g in labels if g in out.index])
    out.index.name = "calibration frequency"
    return out
