"""One customer's P(alive) and expected value over a horizon (12 months by default), for the explorer.

:class:`CustomerScenario` takes one customer's frequency, recency, T and mean
spend and runs the BG/NBD and Gamma-Gamma models fitted on the CDNOW sample
(:func:`cdnow_sample_models`); :func:`published_comparison` sets those fits
beside the published estimates.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from csmlab.customerbase.bgnbd import BGNBD, fit_bgnbd
from csmlab.customerbase.gammagamma import GammaGamma, clv, fit_gamma_gamma
from csmlab.customerbase.summaries import UNITS
from csmlab.scenario import Result, Scenario, param, preset

__all__ = [
    "CustomerScenario", "CustomerResult", "cdnow_sample_models", "cdnow_customer",
    "published_comparison",
]


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
    estimates printed by :cite:`fader2013gg` (p, q, γ).

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
    CDNOW sample over 39 weeks (:cite:`fader2005`, :cite:`fader2005rfm`). Recency
    is the time from the first purchase to the last, so a customer with no
    repeat purchase (frequency 0) has recency 0: any other recency with
    frequency 0 describes no possible history and is rejected (P(alive) is 1
    until a first repeat).
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
        """The last purchase cannot be after today (recency ≤ T), a customer with no repeat
        purchase has recency 0, and the horizon must be short enough for the forecast to stay
        finite."""
        if self.frequency == 0 and self.recency != 0:
            raise ValueError(f"recency ({self.recency:g} weeks) must be 0 when frequency is 0: "
                             "with no repeat purchase the last purchase is the first, so "
                             "recency (first to last purchase) is 0")
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
        # a very frequent buyer over a long horizon overflows the BG/NBD forecast: say so
        # here, naming the horizon, before any computation can warn
        m, _ = cdnow_sample_models()
        try:
            m.conditional_expected_purchases(self.horizon_months * UNITS["M"] / 7,
                                             self.frequency, self.recency, self.T)
        except ValueError:
            raise ValueError(
                f"horizon_months ({self.horizon_months}) is too long for a customer with "
                f"{self.frequency} repeat purchases: the model's forecast overflows; use a "
                "shorter horizon (allowed range 1..600, less for very frequent buyers)") from None

    def run(self) -> "CustomerResult":
        """P(alive), expected purchases and spend over the horizon, and the value over it."""
        m, gg = cdnow_sample_models()
        x, rec = self.frequency, self.recency
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
        The inputs (recency is 0 when frequency is 0).
    p_alive : float
        Probability the customer is still active.
    expected_purchases : float
        Expected purchase days over the horizon.
    expected_spend : float
        Expected spend per purchase (US$).
    clv : float
        Discounted expected margin over the horizon (US$): the customer's
        value over ``horizon_months``, shown as "value, next 12 months". It
        is a lifetime value only as the horizon grows long; chapters 08–09's
        lifetime value sums to an infinite horizon.
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
                f"value, next {self.horizon_months} months (US$ margin)": self.clv}
        return pd.DataFrame({"value": list(rows.values())},
                            index=pd.Index(list(rows), name="measure"))


@preset
def cdnow_customer() -> CustomerScenario:
    """CDNOW sample customer 1: 2 repeat days, the last at week 30.4 of 38.9."""
    return CustomerScenario()
