"""Customer-base analysis: who is still a customer, how much will they buy, what are they worth.

A non-contractual customer (an online music store's buyer) never says goodbye:
the firm only sees purchases stop. The BG/NBD model (beta-geometric / negative
binomial distribution) of :cite:`fader2005` turns three numbers per customer
into a probability that the customer is still active (P(alive), 활동 확률) and a
forecast of future purchases; the Gamma-Gamma model of :cite:`fader2005rfm`
adds the spend per purchase, and together they give customer lifetime value
(CLV, 고객생애가치) from nothing but recency, frequency and monetary value:

* :func:`summary` turns a transaction log into one row per customer:
  ``frequency`` (repeat purchase days), ``recency`` (time of the last purchase
  after the first), ``T`` (time since the first purchase) and ``monetary``
  (mean spend per repeat day), as in :cite:`fader2005`;
* :func:`fit_bgnbd` and :func:`fit_gamma_gamma` fit the two models by maximum
  likelihood; :func:`clv` combines them;
* :func:`calibration_holdout`, :func:`tracking` and
  :func:`holdout_by_frequency` check a fit on a later period, the way the paper
  does (its Figures 1 and 4);
* :func:`rfm_holdout` and :func:`gains_table` put RFM scoring to the same test,
  and :func:`activity_model` fits a scikit-learn classifier of "buys again";
* :class:`CustomerScenario` is one customer's P(alive) and CLV, for the explorer.

Conventions: the published models are in weeks (``unit="W"``); a purchase
*day* counts once however many orders the customer placed that day (the CDNOW
file has 2,068 same-day duplicate rows); only repeat days count in
``frequency``, because the first purchase only starts the customer's clock.

Examples
--------
>>> from csmlab.data import load_cdnow_sample_summary
>>> s = load_cdnow_sample_summary()
>>> m = fit_bgnbd(s["frequency"], s["recency"], s["T"])
>>> round(m.r, 3), round(m.alpha, 3), round(m.a, 3), round(m.b, 3), round(m.loglik, 1)
(0.243, 4.414, 0.793, 2.426, -9582.4)
>>> round(float(m.p_alive(0, 0, 38.86)), 2), round(float(m.p_alive(2, 5.0, 38.86)), 2)
(1.0, 0.12)
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize, special

from csmlab import validation as v
from csmlab.scenario import Result, Scenario, param, preset

__all__ = [
    "UNITS", "summary", "calibration_holdout",
    "BGNBD", "fit_bgnbd", "bgnbd_loglik", "bgnbd_loglik_one",
    "GammaGamma", "fit_gamma_gamma", "gamma_gamma_loglik", "gamma_gamma_loglik_one", "clv",
    "tracking", "holdout_by_frequency",
    "rfm_holdout", "score_table", "gains_table", "ActivityResult", "activity_model",
    "CustomerScenario", "CustomerResult", "cdnow_sample_models", "cdnow_customer",
    "published_comparison",
    "CDNOW_CALIBRATION_END", "CDNOW_HOLDOUT_END",
]

#: Length of a time unit in days: day, week, month (a twelfth of 365.25 days).
UNITS: dict[str, float] = {"D": 1.0, "W": 7.0, "M": 365.25 / 12}

#: End of the 39-week calibration period of :cite:`fader2005` (CDNOW starts 1997-01-01).
CDNOW_CALIBRATION_END = pd.Timestamp("1997-09-30")
#: End of the CDNOW window: weeks 40–78 are the holdout period.
CDNOW_HOLDOUT_END = pd.Timestamp("1998-06-30")

_COLUMNS = ("customer_id", "date", "amount")


# ---------------------------------------------------------------------------
# From transactions to the (x, t_x, T, m) summary
# ---------------------------------------------------------------------------

def _unit_days(unit: str) -> float:
    return UNITS[v.one_of("unit", unit, tuple(UNITS))]


def _date(name: str, value: Any) -> pd.Timestamp:
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


def _check_transactions(transactions: Any) -> pd.DataFrame:
    """Check columns customer_id, date, amount; return them (dates normalised to days)."""
    if not isinstance(transactions, pd.DataFrame):
        raise ValueError("transactions must be a pandas DataFrame with columns customer_id, "
                         f"date, amount; got {type(transactions).__name__}")
    for col in _COLUMNS:
        if col not in transactions.columns:
            raise ValueError(f"transactions is missing column {col!r} (needs customer_id, "
                             "date, amount, as from csmlab.data.load_cdnow)")
    if len(transactions) == 0:
        raise ValueError("transactions is empty: it needs at least one row")
    tx = transactions[list(_COLUMNS)]
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
    tx = _check_transactions(transactions)
    end = _date("calibration_end", calibration_end)
    dates = tx["date"].to_numpy()
    keep = dates <= np.datetime64(end)
    if observation_start is not None:
        start = _date("observation_start", observation_start)
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
    end = _date("calibration_end", calibration_end)
    hend = _date("holdout_end", holdout_end)
    if hend <= end:
        raise ValueError(f"holdout_end ({hend.date()}) must be after calibration_end "
                         f"({end.date()})")
    tx = _check_transactions(transactions)
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


# ---------------------------------------------------------------------------
# BG/NBD
# ---------------------------------------------------------------------------

def bgnbd_loglik_one(r: float, alpha: float, a: float, b: float, x: int, t_x: float,
                     T: float) -> float:
    """One customer's BG/NBD log-likelihood, written out term by term (the reference).

    From :cite:`fader2005`, equation (6): L = A1 · A2 · (A3 + δ(x > 0) A4) with
    A1 = Γ(r + x) α^r / Γ(r), A2 = Γ(a + b) Γ(b + x) / (Γ(b) Γ(a + b + x)),
    A3 = (α + T)^−(r + x) and A4 = a / (b + x − 1) · (α + t_x)^−(r + x).

    Examples
    --------
    >>> round(bgnbd_loglik_one(0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86), 4)
    -9.4586
    """
    log_a1 = math.lgamma(r + x) - math.lgamma(r) + r * math.log(alpha)
    log_a2 = math.lgamma(a + b) + math.lgamma(b + x) - math.lgamma(b) - math.lgamma(a + b + x)
    a3 = (alpha + T) ** -(r + x)
    a4 = a / (b + x - 1) * (alpha + t_x) ** -(r + x) if x > 0 else 0.0
    return log_a1 + log_a2 + math.log(a3 + a4)


def _bgnbd_terms(params: np.ndarray, x: np.ndarray, tx: np.ndarray, t: np.ndarray,
                 grad: bool = False) -> Any:
    r, alpha, a, b = params
    pos = x > 0
    bx1 = np.where(pos, b + x - 1, 1.0)
    log_a3 = -(r + x) * np.log(alpha + t)
    log_a4 = np.where(pos, np.log(a) - np.log(bx1) - (r + x) * np.log(alpha + tx), -np.inf)
    mix = np.logaddexp(log_a3, log_a4)
    ll = (special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
          + special.gammaln(a + b) + special.gammaln(b + x) - special.gammaln(b)
          - special.gammaln(a + b + x) + mix)
    if not grad:
        return ll
    w4 = np.exp(log_a4 - mix)
    w3 = 1 - w4
    dr = (special.digamma(r + x) - special.digamma(r) + np.log(alpha)
          - w3 * np.log(alpha + t) - w4 * np.log(alpha + tx))
    dalpha = r / alpha - (r + x) * (w3 / (alpha + t) + w4 / (alpha + tx))
    da = special.digamma(a + b) - special.digamma(a + b + x) + w4 / a
    db = (special.digamma(a + b) + special.digamma(b + x) - special.digamma(b)
          - special.digamma(a + b + x) - w4 / bx1)
    return ll, np.stack([dr, dalpha, da, db])


def bgnbd_loglik(r: float, alpha: float, a: float, b: float, frequency: Any, recency: Any,
                 T: Any) -> np.ndarray:
    """Each customer's BG/NBD log-likelihood, vectorised (sum it for the total).

    Examples
    --------
    >>> bgnbd_loglik(0.243, 4.414, 0.793, 2.426, [2, 0], [30.43, 0], [38.86, 38.86]).round(4)
    array([-9.4586, -0.5547])
    """
    x, tx, t = _rfm_arrays(frequency, recency, T)
    params = np.array([v.positive(n, p) for n, p in
                       (("r", r), ("alpha", alpha), ("a", a), ("b", b))])
    return _bgnbd_terms(params, x, tx, t)


def _group(*columns: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Unique rows of the stacked columns and how often each occurs."""
    stacked = np.column_stack(columns)
    unique, counts = np.unique(stacked, axis=0, return_counts=True)
    return [unique[:, i] for i in range(unique.shape[1])], counts.astype(float)


def _maximise(objective: Any, start: np.ndarray, names: Sequence[str], model: str) -> Any:
    res = optimize.minimize(objective, start, jac=True, method="L-BFGS-B",
                            options={"maxiter": 2000, "ftol": 1e-14, "gtol": 1e-9})
    if not np.all(np.isfinite(res.x)) or np.any(np.abs(res.x) > 12):
        raise ValueError(f"the {model} estimates diverge ({', '.join(names)} = "
                         f"{', '.join(f'{math.exp(p):.3g}' for p in res.x)}): this sample "
                         "does not identify the model (too few customers or too little "
                         "variation); use a larger sample")
    if not res.success and np.max(np.abs(res.jac)) > 1e-4:
        raise ValueError(f"the {model} fit did not converge: {res.message}")
    return res


@dataclass(frozen=True)
class BGNBD:
    """A fitted BG/NBD model (:cite:`fader2005`), with time in the summary's unit.

    Attributes
    ----------
    r, alpha : float
        Shape and scale of the gamma distribution of purchase rates while
        active (λ has mean r/α purchases per unit of time).
    a, b : float
        Parameters of the beta distribution of the drop-out probability p after
        each purchase (mean a/(a + b)).
    loglik : float
        Total log-likelihood at the estimates.
    customers : int
        Customers in the fit.
    """

    r: float
    alpha: float
    a: float
    b: float
    loglik: float
    customers: int

    def params(self) -> dict[str, float]:
        """The four parameters by name."""
        return {"r": self.r, "alpha": self.alpha, "a": self.a, "b": self.b}

    def p_alive(self, frequency: Any, recency: Any, T: Any) -> Any:
        """Probability that a customer with history (x, t_x, T) is still active.

        P(alive) = 1 / (1 + δ(x > 0) · a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)).
        A customer with no repeat purchase has P(alive) = 1: in the BG/NBD a
        customer can only drop out right after a purchase.
        """
        x, tx, t = _rfm_arrays(frequency, recency, T)
        pos = x > 0
        bx1 = np.where(pos, self.b + x - 1, 1.0)
        log_odds = (math.log(self.a) - np.log(bx1)
                    + (self.r + x) * (np.log(self.alpha + t) - np.log(self.alpha + tx)))
        out = np.where(pos, special.expit(-log_odds), 1.0)
        return out if out.ndim else float(out)

    def expected_purchases(self, t: Any) -> Any:
        """E[X(t)]: expected purchases in the first ``t`` time units of a new customer.

        (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r · ₂F₁(r, b; a + b − 1; t/(α + t))]
        (:cite:`fader2005`, equation 9). Undefined at exactly a = 1.
        """
        t = v.array("t", t, low=0)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        z = t / (alpha + t)
        out = (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r
                                       * special.hyp2f1(r, b, a + b - 1, z))
        return out if out.ndim else float(out)

    def conditional_expected_purchases(self, t: Any, frequency: Any, recency: Any,
                                       T: Any) -> Any:
        """E[Y(t) | x, t_x, T]: expected purchases in the next ``t`` time units.

        :cite:`fader2005`, equation (10): (a + b + x − 1)/(a − 1) ·
        [1 − ((α + T)/(α + T + t))^(r + x) · ₂F₁(r + x, b + x; a + b + x − 1;
        t/(α + T + t))] · P(alive). ``t`` may be a scalar or broadcast against
        the customers.
        """
        x, tx, T_ = _rfm_arrays(frequency, recency, T)
        t = v.array("t", t, low=0)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        z = t / (alpha + T_ + t)
        part = ((a + b + x - 1) / (a - 1)
                * (1 - ((alpha + T_) / (alpha + T_ + t)) ** (r + x)
                   * special.hyp2f1(r + x, b + x, a + b + x - 1, z)))
        out = np.asarray(part * self.p_alive(x, tx, T_))
        return out if out.ndim else float(out)

    def to_frame(self) -> pd.DataFrame:
        """The estimates and the log-likelihood as a one-column table."""
        return pd.DataFrame({"value": [self.r, self.alpha, self.a, self.b, self.loglik,
                                       self.customers]},
                            index=pd.Index(["r", "alpha", "a", "b", "log-likelihood",
                                            "customers"], name="parameter"))


def fit_bgnbd(frequency: Any, recency: Any, T: Any) -> BGNBD:
    """Fit the BG/NBD model by maximum likelihood.

    The four parameters are estimated on the log scale (so they stay positive)
    with L-BFGS-B and the analytic gradient; customers with identical
    (x, t_x, T) are grouped and weighted, so the cost grows with the number of
    distinct histories, not customers.

    Parameters
    ----------
    frequency, recency, T : array-like
        As from :func:`summary` (repeat purchase days, time of the last
        purchase after the first, time since the first purchase). ``recency``
        is not used for a customer with frequency 0.

    Returns
    -------
    BGNBD

    Raises
    ------
    ValueError
        For a non-finite or negative value, a fractional frequency, recency
        above T, fewer than two customers, no repeat purchase at all (then a
        and b are not identified), or estimates that diverge.

    Examples
    --------
    >>> from csmlab.data import load_cdnow_sample_summary
    >>> s = load_cdnow_sample_summary().iloc[:500]
    >>> m = fit_bgnbd(s["frequency"], s["recency"], s["T"])
    >>> m.customers, round(m.r, 2), round(float(m.p_alive(1, 2.0, 30.0)), 2)
    (500, 0.24, 0.26)
    """
    x, tx, t = (np.ravel(c) for c in _rfm_arrays(frequency, recency, T))
    if x.size < 2:
        raise ValueError(f"fit_bgnbd needs at least 2 customers; got {x.size}")
    if not (x > 0).any():
        raise ValueError("every customer has frequency 0 (nobody bought twice): the drop-out "
                         "parameters a and b cannot be estimated from such a sample")
    tx = np.where(x > 0, tx, 0.0)
    (gx, gtx, gt), w = _group(x, tx, t)
    n = w.sum()

    def objective(logp: np.ndarray) -> tuple[float, np.ndarray]:
        p = np.exp(logp)
        ll, g = _bgnbd_terms(p, gx, gtx, gt, grad=True)
        return -float(w @ ll) / n, -(g @ w) * p / n

    start = np.log([1.0, max(float(t.mean()), 1e-3), 1.0, 1.0])
    res = _maximise(objective, start, ("r", "alpha", "a", "b"), "BG/NBD")
    r, alpha, a, b = (float(p) for p in np.exp(res.x))
    return BGNBD(r=r, alpha=alpha, a=a, b=b, loglik=float(-res.fun * n), customers=int(n))


# ---------------------------------------------------------------------------
# Gamma-Gamma spend model
# ---------------------------------------------------------------------------

def gamma_gamma_loglik_one(p: float, q: float, gamma: float, x: int, m: float) -> float:
    """One customer's Gamma-Gamma log-likelihood of mean spend ``m`` over ``x`` purchases.

    Spend per purchase is gamma(p, ν) with ν ~ gamma(q, γ) across customers
    (:cite:`fader2005rfm`); the mean of x purchases then has density
    Γ(px + q) / (Γ(px) Γ(q)) · γ^q · m^(px − 1) · x^(px) / (γ + m x)^(px + q).

    Examples
    --------
    >>> round(gamma_gamma_loglik_one(6.25, 3.74, 15.44, 2, 22.35), 4)
    -3.5513
    """
    return (math.lgamma(p * x + q) - math.lgamma(p * x) - math.lgamma(q) + q * math.log(gamma)
            + (p * x - 1) * math.log(m) + p * x * math.log(x)
            - (p * x + q) * math.log(gamma + m * x))


def _gg_terms(params: np.ndarray, x: np.ndarray, m: np.ndarray, grad: bool = False) -> Any:
    p, q, g = params
    px = p * x
    log_gm = np.log(g + m * x)
    ll = (special.gammaln(px + q) - special.gammaln(px) - special.gammaln(q) + q * np.log(g)
          + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * log_gm)
    if not grad:
        return ll
    dig = special.digamma(px + q)
    dp = x * (dig - special.digamma(px) + np.log(m) + np.log(x) - log_gm)
    dq = dig - special.digamma(q) + np.log(g) - log_gm
    dg = q / g - (px + q) / (g + m * x)
    return ll, np.stack([dp, dq, dg])


def _spend_arrays(frequency: Any, monetary: Any) -> tuple[np.ndarray, np.ndarray]:
    x = v.array("frequency", frequency, low=0)
    m = v.array("monetary", monetary, low=0)
    try:
        x, m = np.broadcast_arrays(x, m)
    except ValueError:
        raise ValueError(f"frequency and monetary must have the same length; got {x.size} "
                         f"and {m.size}") from None
    return x, m


def gamma_gamma_loglik(p: float, q: float, gamma: float, frequency: Any,
                       monetary: Any) -> np.ndarray:
    """Each customer's Gamma-Gamma log-likelihood, vectorised (frequency > 0, monetary > 0).

    Examples
    --------
    >>> gamma_gamma_loglik(6.25, 3.74, 15.44, [2, 1], [22.35, 11.77]).round(4)
    array([-3.5513, -3.7377])
    """
    x, m = _spend_arrays(frequency, monetary)
    if np.any(x <= 0) or np.any(m <= 0):
        raise ValueError("gamma_gamma_loglik needs frequency > 0 and monetary > 0 for every "
                         "customer")
    params = np.array([v.positive(n, c) for n, c in (("p", p), ("q", q), ("gamma", gamma))])
    return _gg_terms(params, x, m)


@dataclass(frozen=True)
class GammaGamma:
    """A fitted Gamma-Gamma model of spend per purchase (:cite:`fader2005rfm`).

    Attributes
    ----------
    p : float
        Shape of the gamma distribution of one purchase's spend.
    q, gamma : float
        Shape and scale of the gamma distribution of the spend rate ν across
        customers; the mean spend per purchase in the population is
        p γ / (q − 1) (finite only for q > 1).
    loglik : float
        Total log-likelihood at the estimates.
    customers : int
        Customers in the fit (those with frequency > 0).
    dropped : int
        Repeat buyers left out because their monetary value was 0.
    """

    p: float
    q: float
    gamma: float
    loglik: float
    customers: int
    dropped: int = 0

    def population_mean(self) -> float:
        """Mean spend per purchase across customers, p γ / (q − 1) (inf when q ≤ 1)."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else math.inf

    def conditional_expected_spend(self, frequency: Any, monetary: Any) -> Any:
        """Expected spend per purchase given x purchases with mean spend m.

        (p (γ + m x)) / (p x + q − 1): a weighted average of the population
        mean and the customer's own mean, the weight on the customer growing
        with x. A customer with frequency 0 gets the population mean.
        """
        x, m = _spend_arrays(frequency, monetary)
        if self.q <= 1:
            raise ValueError(f"q is {self.q:.3g} ≤ 1: the population mean spend is infinite, "
                             "so the conditional expectation is undefined")
        out = self.p * (self.gamma + m * x) / (self.p * x + self.q - 1)
        return out if out.ndim else float(out)

    def to_frame(self) -> pd.DataFrame:
        """The estimates and the log-likelihood as a one-column table."""
        return pd.DataFrame({"value": [self.p, self.q, self.gamma, self.loglik,
                                       self.customers]},
                            index=pd.Index(["p", "q", "gamma", "log-likelihood", "customers"],
                                           name="parameter"))


def fit_gamma_gamma(frequency: Any, monetary: Any, *, drop_zero: bool = False) -> GammaGamma:
    """Fit the Gamma-Gamma spend model on the customers with frequency > 0.

    Parameters
    ----------
    frequency, monetary : array-like
        Repeat purchase days and mean spend per repeat day (:func:`summary`).
        Customers with frequency 0 are left out (they have no repeat spend);
        the rest must have monetary > 0.
    drop_zero : bool
        Leave out repeat buyers whose repeat purchases were all free
        (monetary 0; the full CDNOW file has some) instead of raising. How
        many were left out is in :attr:`GammaGamma.dropped`.

    Raises
    ------
    ValueError
        For bad values, fewer than two repeat buyers, a repeat buyer with
        monetary 0 (unless ``drop_zero``), or estimates that diverge.

    Examples
    --------
    >>> from csmlab.data import load_cdnow_sample_summary
    >>> s = load_cdnow_sample_summary()
    >>> gg = fit_gamma_gamma(s["frequency"], s["monetary"])
    >>> round(gg.p, 2), round(gg.q, 2), round(gg.gamma, 2), gg.customers
    (6.25, 3.74, 15.45, 946)
    """
    x, m = (np.ravel(c) for c in _spend_arrays(frequency, monetary))
    keep = x > 0
    if keep.sum() < 2:
        raise ValueError(f"fit_gamma_gamma needs at least 2 customers with frequency > 0; got "
                         f"{int(keep.sum())}")
    zero = keep & (m <= 0)
    if zero.any() and not drop_zero:
        i = int(np.argmax(zero))
        raise ValueError(f"monetary must be above 0 for a customer with frequency > 0; element "
                         f"{i} has frequency {x[i]:g} and monetary {float(m[i])!r} (pass "
                         "drop_zero=True to leave such customers out)")
    keep &= ~zero
    if keep.sum() < 2:
        raise ValueError(f"fit_gamma_gamma needs at least 2 customers with frequency > 0 and "
                         f"monetary > 0; got {int(keep.sum())}")
    (gx, gm), w = _group(x[keep], m[keep])
    n = w.sum()

    def objective(logp: np.ndarray) -> tuple[float, np.ndarray]:
        p = np.exp(logp)
        ll, g = _gg_terms(p, gx, gm, grad=True)
        return -float(w @ ll) / n, -(g @ w) * p / n

    start = np.log([1.0, 1.0, max(float(np.mean(gm)), 1e-3)])
    res = _maximise(objective, start, ("p", "q", "gamma"), "Gamma-Gamma")
    p, q, g = (float(c) for c in np.exp(res.x))
    return GammaGamma(p=p, q=q, gamma=g, loglik=float(-res.fun * n), customers=int(n),
                      dropped=int(zero.sum()))


# ---------------------------------------------------------------------------
# Customer lifetime value
# ---------------------------------------------------------------------------

def clv(bgnbd: BGNBD, gg: GammaGamma, frequency: Any, recency: Any, T: Any, monetary: Any, *,
        horizon: int = 12, period: str = "M", discount_rate: float = 0.10,
        margin: float = 0.30, unit: str = "W") -> Any:
    """Expected discounted margin from each customer over the next ``horizon`` periods.

    CLV = Σₖ E[purchases in period k] × E[spend per purchase] × margin /
    (1 + d)^k, k = 1…horizon. Conventions: periods are discrete (months by
    default); the margin of a period arrives at its end; the yearly discount
    rate is converted to the period, d = (1 + discount_rate)^(period length in
    years) − 1. Expected purchases in period k are differences of
    :meth:`BGNBD.conditional_expected_purchases`; expected spend is
    :meth:`GammaGamma.conditional_expected_spend`. Spend is assumed
    independent of the purchase process, as both papers assume.

    Parameters
    ----------
    bgnbd, gg : BGNBD, GammaGamma
        Fitted models, with the BG/NBD's time in ``unit``.
    frequency, recency, T, monetary : array-like
        The customers' summary (:func:`summary`).
    horizon : int
        Number of future periods counted.
    period : {"M", "W", "D"}
        Length of one period: a month (365.25/12 days), week or day.
    discount_rate : float
        Yearly discount rate (0.10 is a course assumption).
    margin : float
        Share of spend kept as margin (0.30 is a course assumption, as in
        :class:`csmlab.crm.LTVScenario`).
    unit : {"W", "D", "M"}
        Time unit the BG/NBD was fitted in (the summary's ``unit``).

    Examples
    --------
    >>> m, gg = cdnow_sample_models()
    >>> round(float(clv(m, gg, 2, 30.43, 38.86, 22.35)), 2)
    11.02
    """
    horizon = v.integer("horizon", horizon, 1, 1200)
    discount_rate = v.real("discount_rate", discount_rate, 0, 1)
    margin = v.probability("margin", margin)
    step = UNITS[v.one_of("period", period, tuple(UNITS))] / _unit_days(unit)
    x, tx, t = _rfm_arrays(frequency, recency, T)
    spend = gg.conditional_expected_spend(x, monetary)
    k = np.arange(horizon + 1, dtype=float).reshape((-1,) + (1,) * np.ndim(x))
    cum = bgnbd.conditional_expected_purchases(k * step, x, tx, t)
    per_period = np.diff(cum, axis=0)
    years = UNITS[period] / 365.25
    discount = (1 + discount_rate) ** (-years * k[1:])
    out = np.asarray(margin * spend * (per_period * discount).sum(axis=0))
    return out if out.ndim else float(out)


# ---------------------------------------------------------------------------
# Checking a fit on the holdout period
# ---------------------------------------------------------------------------

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
    end = _date("calibration_end", calibration_end)
    hend = _date("holdout_end", holdout_end)
    if hend <= end:
        raise ValueError(f"holdout_end ({hend.date()}) must be after calibration_end "
                         f"({end.date()})")
    cal = summary(transactions, end, unit="W")
    if model is None:
        model = fit_bgnbd(cal["frequency"], cal["recency"], cal["T"])
    tx = _check_transactions(transactions)
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


# ---------------------------------------------------------------------------
# RFM scores put to the test
# ---------------------------------------------------------------------------

def _quintile(values: np.ndarray) -> np.ndarray:
    from csmlab.crm import _score

    return _score(values)


def rfm_holdout(transactions: pd.DataFrame | None = None,
                calibration_end: Any = CDNOW_CALIBRATION_END,
                holdout_end: Any = CDNOW_HOLDOUT_END, monetary: str = "average",
                model: BGNBD | None = None) -> pd.DataFrame:
    """Score customers R, F, M at the end of a calibration period; add what they did next.

    Parameters
    ----------
    transactions : DataFrame, optional
        As in :func:`summary`; default the full CDNOW file (23,570 customers).
    calibration_end, holdout_end : date-like
        Scoring day and end of the holdout (default 1997-09-30 and 1998-06-30).
    monetary : {"average", "total"}
        What M scores. "average" (default) is the mean spend per repeat
        purchase day, as in :func:`summary`: total spend is roughly frequency ×
        average spend, so scoring it would count frequency twice, and
        :cite:`fader2005rfm` found average spend nearly independent of
        frequency, which makes it the part of "M" that F does not already
        carry. Customers with no repeat day have average 0 and share the
        lowest M score. "total" is the calibration spend, all days included.
    model : BGNBD, optional
        Default: fitted on the calibration summary.

    Returns
    -------
    DataFrame
        Per customer: the calibration summary, ``days_since_last`` (days from
        the last purchase to ``calibration_end``), ``M_value`` (what M scored),
        scores ``R``, ``F``, ``M`` (1–5 quintiles, 5 best, ties sharing the
        lower score), ``RFM`` (the code, e.g. "545"), ``holdout_frequency``
        (purchase days in the holdout), ``holdout_spend`` and ``bgnbd_expected``
        (BG/NBD expected holdout purchases).

    Examples
    --------
    >>> from csmlab.data import load_cdnow_sample
    >>> d = rfm_holdout(load_cdnow_sample())
    >>> len(d), sorted(d["R"].unique().tolist())
    (2357, [1, 2, 3, 4, 5])
    """
    from csmlab import crm

    monetary = v.one_of("monetary", monetary, ("average", "total"))
    tx = crm.cdnow() if transactions is None else transactions
    data = calibration_holdout(tx, calibration_end, holdout_end, unit="W")
    if model is None:
        model = fit_bgnbd(data["frequency"], data["recency"], data["T"])
    days_since = np.round((data["T"] - data["recency"]) * 7).astype("int64")
    data.insert(4, "days_since_last", days_since)
    if monetary == "total":
        clean = _check_transactions(tx)
        end = _date("calibration_end", calibration_end)
        spend = clean.loc[clean["date"] <= end].groupby("customer_id")["amount"].sum()
        data.insert(5, "M_value", spend.reindex(data.index).to_numpy())
    else:
        data.insert(5, "M_value", data["monetary"].to_numpy())
    data["R"] = crm._score(data["days_since_last"].to_numpy(dtype=float), higher_is_better=False)
    data["F"] = crm._score(data["frequency"].to_numpy(dtype=float))
    data["M"] = crm._score(data["M_value"].to_numpy(dtype=float))
    data["RFM"] = data["R"].astype(str) + data["F"].astype(str) + data["M"].astype(str)
    data["bgnbd_expected"] = model.conditional_expected_purchases(
        data["holdout_duration"].to_numpy(), data["frequency"], data["recency"], data["T"])
    return data


def score_table(data: pd.DataFrame, by: str = "R") -> pd.DataFrame:
    """Customers and holdout buying per score (1–5) of R, F or M.

    A score no customer holds (ties can leave one empty) has 0 customers and
    0 share of purchases, and no buying rate (NaN): there is nobody to average.

    Examples
    --------
    >>> from csmlab.data import load_cdnow_sample
    >>> t = score_table(rfm_holdout(load_cdnow_sample()), "F")
    >>> t.index.name, int(t["customers"].sum())
    ('F score', 2357)
    >>> list(t.columns)[:2]
    ['customers', 'share buying in holdout']
    >>> int(t.loc[2, "customers"]), bool(np.isnan(t.loc[2, "share buying in holdout"]))
    (0, True)
    """
    by = v.one_of("by", by, ("R", "F", "M"))
    g = data.groupby(by)
    out = pd.DataFrame({
        "customers": g.size(),
        "share buying in holdout": g["holdout_frequency"].apply(lambda s: float((s > 0).mean())),
        "holdout purchases per customer": g["holdout_frequency"].mean(),
        "share of holdout purchases": g["holdout_frequency"].sum()
        / data["holdout_frequency"].sum(),
    }).reindex(range(1, 6))
    out["customers"] = out["customers"].fillna(0).astype("int64")
    out["share of holdout purchases"] = out["share of holdout purchases"].fillna(0.0)
    out.index.name = f"{by} score"
    return out


def _captured(score: np.ndarray, outcome: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Share of the outcome captured by the top ``shares`` of customers ranked by score.

    Ties are split pro rata (the expectation under random tie-breaking), so the
    answer does not depend on row order.
    """
    s = pd.DataFrame({"score": score, "y": outcome}).groupby("score", sort=True).agg(
        n=("y", "size"), y=("y", "sum")).iloc[::-1]
    cum_n = np.r_[0, np.cumsum(s["n"].to_numpy())] / len(score)
    cum_y = np.r_[0, np.cumsum(s["y"].to_numpy())] / outcome.sum()
    return np.interp(shares, cum_n, cum_y)


def gains_table(data: pd.DataFrame, shares: Sequence[float] = (0.05, 0.1, 0.2, 0.3, 0.5),
                rankings: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Share of holdout purchases captured by the top k% of customers, per ranking.

    Parameters
    ----------
    data : DataFrame
        As from :func:`rfm_holdout`.
    shares : sequence of float
        The top shares of customers (0–1).
    rankings : mapping, optional
        Name → column to rank by (higher is better). Default: "RFM code" (the
        three scores read as a number, R first: the classic cell ranking),
        "R + F + M" (the sum of the scores) and "BG/NBD" (expected holdout
        purchases). Tied customers are split pro rata.

    Returns
    -------
    DataFrame
        Indexed by the top share; one column per ranking, plus "random" (the
        share itself) and "perfect" (ranking by the actual holdout purchases).
        The lift of a ranking is its column divided by "random".

    Examples
    --------
    >>> from csmlab.data import load_cdnow_sample
    >>> g = gains_table(rfm_holdout(load_cdnow_sample()))
    >>> bool((g["BG/NBD"] >= g["random"]).all())
    True
    """
    shares = v.array("shares", shares, 0, 1, ndim=1)
    frame = data.copy()
    frame["_code"] = 100 * frame["R"] + 10 * frame["F"] + frame["M"]
    frame["_sum"] = frame["R"] + frame["F"] + frame["M"]
    if rankings is None:
        rankings = {"RFM code": "_code", "R + F + M": "_sum", "BG/NBD": "bgnbd_expected"}
    y = frame["holdout_frequency"].to_numpy(dtype=float)
    if y.sum() <= 0:
        raise ValueError("nobody bought in the holdout period: gains are undefined")
    out = {name: _captured(frame[col].to_numpy(dtype=float), y, shares)
           for name, col in rankings.items()}
    out["random"] = shares
    out["perfect"] = _captured(y, y, shares)
    frame = pd.DataFrame(out, index=pd.Index(shares, name="top share of customers"))
    frame.attrs["formats"] = dict.fromkeys(frame.columns, "share")
    return frame


# ---------------------------------------------------------------------------
# A classifier of "buys again"
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ActivityResult(Result):
    """How well a classifier predicts any purchase in the holdout, on held-out customers.

    Attributes
    ----------
    train, test : int
        Customers in each half.
    base_rate : float
        Share of test customers who bought in the holdout period.
    auc, auc_p_alive, auc_bgnbd : float
        Area under the ROC curve of the classifier, of BG/NBD P(alive) alone
        and of BG/NBD expected holdout purchases alone.
    confusion : tuple of int
        (true negatives, false positives, false negatives, true positives) at a
        predicted probability of 0.5.
    top_decile_lift : float
        Buyers' share among the top 10% of test customers by predicted
        probability, over the base rate.
    features : tuple of str
        The features used.
    coefficients : tuple of float
        Logistic-regression coefficients on the standardised features.
    """

    train: int
    test: int
    base_rate: float
    auc: float
    auc_p_alive: float
    auc_bgnbd: float
    confusion: tuple[int, int, int, int]
    top_decile_lift: float
    features: tuple[str, ...]
    coefficients: tuple[float, ...]

    def confusion_frame(self) -> pd.DataFrame:
        """The confusion matrix: rows actual, columns predicted."""
        tn, fp, fn, tp = self.confusion
        return pd.DataFrame([[tn, fp], [fn, tp]],
                            index=pd.Index(["no purchase", "purchase"], name="actual"),
                            columns=pd.Index(["no purchase", "purchase"], name="predicted"))

    def to_frame(self) -> pd.DataFrame:
        """The named numbers as a one-column table."""
        tn, fp, fn, tp = self.confusion
        rows = {"customers in training half": self.train, "customers in test half": self.test,
                "share buying in holdout (test)": self.base_rate,
                "AUC, classifier": self.auc, "AUC, BG/NBD P(alive) alone": self.auc_p_alive,
                "AUC, BG/NBD expected purchases alone": self.auc_bgnbd,
                "accuracy at 0.5": (tn + tp) / self.test,
                "top-decile lift": self.top_decile_lift}
        return pd.DataFrame({"value": list(rows.values())},
                            index=pd.Index(list(rows), name="measure"))


def activity_model(transactions: pd.DataFrame | None = None,
                   calibration_end: Any = CDNOW_CALIBRATION_END,
                   holdout_end: Any = CDNOW_HOLDOUT_END, *, seed: int = 0,
                   train_share: float = 0.5) -> ActivityResult:
    """Fit a logistic regression of "buys in the holdout" and score it on other customers.

    Features from the calibration period: frequency, recency, T (weeks),
    log(1 + monetary), and BG/NBD P(alive) and expected holdout purchases from
    a BG/NBD fitted on the training customers only. Target: at least one
    purchase in the holdout. Customers are split at random (seeded) into a
    training share and a test rest; everything reported is on the test
    customers. Needs scikit-learn.

    Examples
    --------
    >>> from csmlab.data import load_cdnow_sample
    >>> r = activity_model(load_cdnow_sample())
    >>> r.test, r.auc > 0.75
    (1179, True)
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import confusion_matrix, roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from csmlab import crm

    seed = v.integer("seed", seed, 0)
    train_share = v.real("train_share", train_share, 0, 1, low_open=True, high_open=True)
    tx = crm.cdnow() if transactions is None else transactions
    data = calibration_holdout(tx, calibration_end, holdout_end, unit="W")
    rng = np.random.default_rng(seed)
    n = len(data)
    is_train = np.zeros(n, dtype=bool)
    is_train[rng.permutation(n)[:int(round(train_share * n))]] = True
    if is_train.sum() < 2 or (~is_train).sum() < 2:
        raise ValueError(f"train_share {train_share} leaves fewer than 2 customers in a half")
    tr = data.loc[is_train]
    model = fit_bgnbd(tr["frequency"], tr["recency"], tr["T"])
    x, rec, T = data["frequency"], data["recency"], data["T"]
    features = pd.DataFrame({
        "frequency": x.to_numpy(dtype=float), "recency": rec.to_numpy(), "T": T.to_numpy(),
        "log(1 + monetary)": np.log1p(data["monetary"].to_numpy()),
        "P(alive)": model.p_alive(x, rec, T),
        "BG/NBD expected": model.conditional_expected_purchases(
            data["holdout_duration"].to_numpy(), x, rec, T)})
    y = (data["holdout_frequency"].to_numpy() > 0)
    if y[is_train].all() or not y[is_train].any():
        raise ValueError("the training half has only one outcome (all buy or none buys)")
    clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    clf.fit(features[is_train], y[is_train])
    test = ~is_train
    prob = clf.predict_proba(features[test])[:, 1]
    yt = y[test]
    tn, fp, fn, tp = (int(c) for c in confusion_matrix(yt, prob >= 0.5, labels=[False, True])
                      .ravel())
    top = _captured(prob, yt.astype(float), np.array([0.1]))[0] / 0.1 if yt.any() else math.nan
    one_class = yt.all() or not yt.any()
    auc = (lambda s: math.nan if one_class else float(roc_auc_score(yt, s)))
    return ActivityResult(
        train=int(is_train.sum()), test=int(test.sum()), base_rate=float(yt.mean()),
        auc=auc(prob), auc_p_alive=auc(features["P(alive)"].to_numpy()[test]),
        auc_bgnbd=auc(features["BG/NBD expected"].to_numpy()[test]),
        confusion=(tn, fp, fn, tp), top_decile_lift=float(top),
        features=tuple(features.columns),
        coefficients=tuple(float(c) for c in clf[-1].coef_[0]))


# ---------------------------------------------------------------------------
# One customer, for the explorer
# ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def cdnow_sample_models() -> tuple[BGNBD, GammaGamma]:
    """BG/NBD and Gamma-Gamma fitted on the 2,357-customer CDNOW sample (39 weeks), cached.

    Examples
    --------
    >>> m, gg = cdnow_sample_models()
    >>> round(m.r, 3), round(gg.q, 2)
    (0.243, 3.74)
    """
    from csmlab.data import load_cdnow_sample_summary

    s = load_cdnow_sample_summary()
    return (fit_bgnbd(s["frequency"], s["recency"], s["T"]),
            fit_gamma_gamma(s["frequency"], s["monetary"]))


def published_comparison(bgnbd: BGNBD, gg: GammaGamma | None = None) -> pd.DataFrame:
    """A fit's estimates beside the published CDNOW-sample estimates.

    The published values are the BG/NBD estimates of :cite:`fader2005` (r,
    α, a, b and the log-likelihood) and, if ``gg`` is given, the Gamma-Gamma
    estimates of :cite:`fader2005rfm` (p, q, γ).

    Returns
    -------
    DataFrame
        Indexed by ``parameter``: ``published``, ``this fit`` and
        ``difference`` (this fit − published).

    Examples
    --------
    >>> m, gg = cdnow_sample_models()
    >>> t = published_comparison(m, gg)
    >>> list(t.index)
    ['r', 'alpha', 'a', 'b', 'log-likelihood', 'p', 'q', 'gamma']
    >>> bool((t.loc[["r", "alpha", "a", "b"], "difference"].abs() < 0.0005).all())
    True
    """
    from csmlab.cases import value

    published = dict(value("crm.bgnbd_cdnow_sample"))
    ours = {"r": bgnbd.r, "alpha": bgnbd.alpha, "a": bgnbd.a, "b": bgnbd.b,
            "log-likelihood": bgnbd.loglik}
    if gg is not None:
        published.update(dict(value("crm.gamma_gamma_cdnow_sample")))
        ours.update({"p": gg.p, "q": gg.q, "gamma": gg.gamma})
    names = list(published)
    frame = pd.DataFrame({"published": [published[n] for n in names],
                          "this fit": [ours[n] for n in names]},
                         index=pd.Index(names, name="parameter"))
    frame["difference"] = frame["this fit"] - frame["published"]
    return frame


@dataclass(frozen=True)
class CustomerScenario(Scenario):
    """One customer's chance of still being active and expected value, under the CDNOW fit.

    The models are the BG/NBD and Gamma-Gamma fitted to the 2,357-customer
    CDNOW sample over 39 weeks (:cite:`fader2005`, :cite:`fader2005rfm`). With
    frequency 0 the recency is not used (P(alive) is 1 until a first repeat).
    """

    frequency: int = param(2, "Repeat purchases", kind="count", unit="days", slider=(0, 30),
                           doc="Repeat purchase days in the calibration period",
                           source="CDNOW sample, customer 1")
    recency: float = param(30.43, "Last purchase at", low=0, unit="weeks after the first",
                           slider=(0, 78), step=0.5,
                           doc="Time from the first purchase to the last",
                           source="CDNOW sample, customer 1")
    T: float = param(38.86, "Customer for", low=0, low_open=True, unit="weeks",
                     slider=(1, 78), step=0.5,
                     doc="Time from the first purchase to today",
                     source="CDNOW sample, customer 1")
    monetary: float = param(22.35, "Mean spend per repeat day", low=0, unit="US$",
                            slider=(0, 300), step=1,
                            doc="Mean spend on the repeat purchase days",
                            source="CDNOW sample, customer 1")
    horizon_months: int = param(12, "Horizon", kind="integer", low=1, high=600, unit="months",
                                slider=(1, 60), doc="Months of future purchases counted")
    discount_rate: float = param(0.10, "Discount rate", low=0, high=1, unit="per year",
                                 step=0.01, doc="Yearly discount rate (course assumption)")
    margin: float = param(0.30, "Gross margin", kind="probability", unit="share of spend",
                          step=0.01, doc="Share of spend kept (course assumption)")

    explorer_fields = ("frequency", "recency", "T", "monetary", "horizon_months")

    def check(self) -> None:
        """The last purchase cannot be after today: recency ≤ T."""
        if self.recency > self.T:
            raise ValueError(f"recency ({self.recency:g} weeks) must not exceed T "
                             f"({self.T:g} weeks)")
        if self.frequency > 7 * self.recency:
            raise ValueError(f"frequency ({self.frequency} repeat purchase days) must not exceed "
                             f"the days between the first and the last purchase (7 × recency = "
                             f"{7 * self.recency:g})")
        if self.frequency > 0 and self.monetary <= 0:
            raise ValueError("monetary must be above 0 for a customer with repeat purchases "
                             "(frequency > 0)")

    def run(self) -> "CustomerResult":
        """P(alive), expected purchases and spend over the horizon, and CLV."""
        m, gg = cdnow_sample_models()
        x, rec = self.frequency, (self.recency if self.frequency else 0.0)
        weeks = self.horizon_months * UNITS["M"] / 7
        return CustomerResult(
            frequency=x, recency=rec, T=self.T, horizon_months=self.horizon_months,
            p_alive=float(m.p_alive(x, rec, self.T)),
            expected_purchases=float(m.conditional_expected_purchases(weeks, x, rec, self.T)),
            expected_spend=float(gg.conditional_expected_spend(x, self.monetary)),
            clv=float(clv(m, gg, x, rec, self.T, self.monetary, horizon=self.horizon_months,
                          discount_rate=self.discount_rate, margin=self.margin)),
            model=m)


@dataclass(frozen=True)
class CustomerResult(Result):
    """One customer's outlook under the fitted models.

    Attributes
    ----------
    frequency, recency, T, horizon_months
        The inputs (recency 0 when frequency is 0).
    p_alive : float
        Probability the customer is still active.
    expected_purchases : float
        Expected purchase days over the horizon.
    expected_spend : float
        Expected spend per purchase (US$).
    clv : float
        Discounted expected margin over the horizon (US$).
    model : BGNBD
        The fitted model used (for charts).
    """

    frequency: int
    recency: float
    T: float
    horizon_months: int
    p_alive: float
    expected_purchases: float
    expected_spend: float
    clv: float
    model: BGNBD

    def to_frame(self) -> pd.DataFrame:
        """The named numbers as a one-column table."""
        rows = {"P(alive)": self.p_alive,
                f"expected purchases, next {self.horizon_months} months": self.expected_purchases,
                "expected spend per purchase (US$)": self.expected_spend,
                f"CLV, next {self.horizon_months} months (US$ margin)": self.clv}
        return pd.DataFrame({"value": list(rows.values())},
                            index=pd.Index(list(rows), name="measure"))


@preset
def cdnow_customer() -> CustomerScenario:
    """CDNOW sample customer 1: 2 repeat days, the last at week 30.4 of 38.9."""
    return CustomerScenario()
