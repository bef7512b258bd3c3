"""The Gamma-Gamma spend model of :cite:`fader2005rfm`, and customer lifetime value.

:func:`fit_gamma_gamma` fits the spend per purchase of repeat buyers; the
fitted :class:`GammaGamma` gives each customer's expected spend, and
:func:`clv` combines it with a :class:`~csmlab.customerbase.bgnbd.BGNBD` fit
into the expected discounted margin over a horizon (CLV, 고객생애가치).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import special

from csmlab import validation as v
from csmlab.customerbase.bgnbd import BGNBD, _group, _maximise
from csmlab.customerbase.summaries import UNITS, _rfm_arrays, _unit_days

__all__ = [
    "GammaGamma", "fit_gamma_gamma", "gamma_gamma_loglik", "gamma_gamma_loglik_one", "clv",
]


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

    With the default 12 monthly periods this is a customer's *12-month value*,
    not a lifetime value: chapters 08–09's lifetime value (:func:`csmlab.retention.clv`)
    runs to an infinite horizon. A long ``horizon`` (say 600 months) gives the
    model's lifetime figure under the same conventions.

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
        Number of future periods counted, 1 to 1200. For very frequent buyers
        (e.g. 200 repeat purchases) a long horizon makes the BG/NBD's
        hypergeometric term overflow; that raises ValueError rather than
        returning NaN.
    period : {"M", "W", "D"}
        Length of one period: a month (365.25/12 days), week or day.
    discount_rate : float
        Yearly discount rate (0.10 is a course assumption).
    margin : float
        Share of spend kept as margin (0.30 is a course assumption, as in
        :class:`csmlab.crm.ltv.LTVScenario`).
    unit : {"W", "D", "M"}
        Time unit the BG/NBD was fitted in (the summary's ``unit``).

    Examples
    --------
    >>> from csmlab.customerbase import cdnow_sample_models
    >>> m, gg = cdnow_sample_models()
    >>> round(float(clv(m, gg, 2, 30.43, 38.86, 22.35)), 2)
    11.02
    >>> clv(m, gg, 200, 38.0, 38.86, 20.0, horizon=600)
    Traceback (most recent call last):
    ...
    ValueError: horizon 600 is too long for these customers: ...
    """
    horizon = v.integer("horizon", horizon, 1, 1200)
    discount_rate = v.real("discount_rate", discount_rate, 0, 1)
    margin = v.probability("margin", margin)
    step = UNITS[v.one_of("period", period, tuple(UNITS))] / _unit_days(unit)
    x, tx, t = _rfm_arrays(frequency, recency, T)
    spend = gg.conditional_expected_spend(x, monetary)
    k = np.arange(horizon + 1, dtype=float).reshape((-1,) + (1,) * np.ndim(x))
    try:
        cum = bgnbd.conditional_expected_purchases(k * step, x, tx, t)
    except ValueError as err:
        if "too long" not in str(err):
            raise
        raise ValueError(
            f"horizon {horizon} is too long for these customers: the BG/NBD forecast "
            f"overflows (Gauss hypergeometric term) at frequency up to {np.max(x):g}; "
            f"use a shorter horizon (allowed range 1..1200, less for very frequent buyers)"
        ) from None
    per_period = np.diff(cum, axis=0)
    years = UNITS[period] / 365.25
    discount = (1 + discount_rate) ** (-years * k[1:])
    out = np.asarray(margin * spend * (per_period * discount).sum(axis=0))
    return out if out.ndim else float(out)
