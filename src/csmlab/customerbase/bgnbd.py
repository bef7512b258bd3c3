"""The BG/NBD model of :cite:`fader2005`: who is still a customer, and how often will they buy.

:func:`fit_bgnbd` fits the model by maximum likelihood to the frequency,
recency and T of :func:`csmlab.customerbase.summaries.summary`; the fitted
:class:`BGNBD` gives each customer's probability of being alive and expected
purchases. :func:`bgnbd_loglik_one` is the likelihood written out term by term,
the reference the vectorised :func:`bgnbd_loglik` is tested against.

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

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize, special

from csmlab import validation as v
from csmlab.customerbase.summaries import _rfm_arrays

__all__ = [
    "BGNBD", "fit_bgnbd", "bgnbd_loglik", "bgnbd_loglik_one",
]


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

        For a very frequent buyer over a long ``t`` (say 200 repeat purchases
        over 50 years) the hypergeometric term overflows in floating point; that
        raises ValueError naming ``t``, with no RuntimeWarning before it.
        """
        x, tx, T_ = _rfm_arrays(frequency, recency, T)
        t = v.array("t", t, low=0)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        z = t / (alpha + T_ + t)
        with np.errstate(over="ignore", invalid="ignore"):
            part = ((a + b + x - 1) / (a - 1)
                    * (1 - ((alpha + T_) / (alpha + T_ + t)) ** (r + x)
                       * special.hyp2f1(r + x, b + x, a + b + x - 1, z)))
        if not np.isfinite(part).all():
            raise ValueError(
                f"t (up to {np.max(t):g}) is too long for these customers: the BG/NBD forecast "
                f"overflows (Gauss hypergeometric term) at frequency up to {np.max(x):g}; "
                "use a shorter t (less for very frequent buyers)")
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
