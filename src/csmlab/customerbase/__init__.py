"""Customer-base analysis: who is still a customer, how much will they buy, what are they worth.

A non-contractual customer (an online music store's buyer) never says goodbye:
the firm only sees purchases stop. The BG/NBD model (beta-geometric / negative
binomial distribution) of :cite:`fader2005` turns three numbers per customer
into a probability that the customer is still active (P(alive), 활동 확률) and a
forecast of future purchases; the Gamma-Gamma model of :cite:`fader2005rfm`
adds the spend per purchase, and together they give customer lifetime value
(CLV, 고객생애가치) from nothing but recency, frequency and monetary value.

The models of chapter 11, one module per step (the way lifetimes keeps its
fitters, its utilities and its plotting apart; the charts are in
:mod:`csmlab.plots.customerbase`):

==========================================  ====================================================
module                                      what it holds
==========================================  ====================================================
:mod:`csmlab.customerbase.summaries`        :func:`summary` turns a transaction log into one row
                                            per customer: ``frequency`` (repeat purchase days),
                                            ``recency``, ``T`` and ``monetary``;
                                            :func:`calibration_holdout` splits it in two periods
:mod:`csmlab.customerbase.bgnbd`            :func:`fit_bgnbd` and the fitted :class:`BGNBD`
                                            (P(alive), expected purchases)
:mod:`csmlab.customerbase.gammagamma`       :func:`fit_gamma_gamma`, :class:`GammaGamma`, and
                                            :func:`clv`, which combines the two models
:mod:`csmlab.customerbase.holdout`          :func:`tracking` and :func:`holdout_by_frequency`:
                                            a fit checked on a later period, as in the paper's
                                            Figures 1 and 4
:mod:`csmlab.customerbase.targeting`        :func:`rfm_holdout`, :func:`score_counts`,
                                            :func:`score_table` and :func:`gains_table` put
                                            RFM scoring to the same test;
                                            :func:`mailing_plan` prices a mailing;
                                            :func:`activity_model` fits a scikit-learn
                                            classifier of "buys again"
:mod:`csmlab.customerbase.customer`         :class:`CustomerScenario`: one customer's P(alive)
                                            and CLV, for the explorer
==========================================  ====================================================

Every name is also importable from :mod:`csmlab.customerbase` itself, as before
the package was split (``from csmlab.customerbase import fit_bgnbd``). The
transaction log is checked by :func:`csmlab.transactions.check_transactions`,
shared with :mod:`csmlab.crm`.

Examples
--------
>>> from csmlab.data import load_cdnow_sample_summary
>>> s = load_cdnow_sample_summary()
>>> m = fit_bgnbd(s["frequency"], s["recency"], s["T"])
>>> round(float(m.p_alive(2, 5.0, 38.86)), 2)
0.12
"""

from csmlab.customerbase.bgnbd import BGNBD, bgnbd_loglik, bgnbd_loglik_one, fit_bgnbd
from csmlab.customerbase.customer import (CustomerResult, CustomerScenario, cdnow_customer,
                                          cdnow_sample_models, published_comparison)
from csmlab.customerbase.gammagamma import (GammaGamma, clv, fit_gamma_gamma, gamma_gamma_loglik,
                                            gamma_gamma_loglik_one)
from csmlab.customerbase.holdout import holdout_by_frequency, tracking
from csmlab.customerbase.summaries import (CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, UNITS,
                                           calibration_holdout, summary)
from csmlab.customerbase.targeting import (ActivityResult, activity_model, gains_table,
                                           mailing_by_effect, mailing_plan, rfm_holdout,
                                           score_counts, score_table)

__all__ = [
    "UNITS", "summary", "calibration_holdout",
    "BGNBD", "fit_bgnbd", "bgnbd_loglik", "bgnbd_loglik_one",
    "GammaGamma", "fit_gamma_gamma", "gamma_gamma_loglik", "gamma_gamma_loglik_one", "clv",
    "tracking", "holdout_by_frequency",
    "rfm_holdout", "score_counts", "score_table", "gains_table", "mailing_plan", "mailing_by_effect",
    "ActivityResult",
    "activity_model",
    "CustomerScenario", "CustomerResult", "cdnow_sample_models", "cdnow_customer",
    "published_comparison",
    "CDNOW_CALIBRATION_END", "CDNOW_HOLDOUT_END",
]
