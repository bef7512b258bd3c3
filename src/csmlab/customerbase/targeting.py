"""Which customers to target: RFM scores and a classifier put to the same holdout test.

:func:`rfm_holdout` scores every customer by recency, frequency and monetary
value at the end of the calibration period and records what each bought in the
holdout; :func:`score_table` and :func:`gains_table` show how well each score
(and the BG/NBD forecast) finds the buyers; :func:`mailing_plan` turns a ranking into a
mailing decision made with what was known on the scoring day; and
:func:`activity_model` fits a scikit-learn classifier of "buys again" for
comparison.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from csmlab import validation as v
from csmlab.crm.rfm import _score, cdnow
from csmlab.customerbase.bgnbd import BGNBD, fit_bgnbd
from csmlab.customerbase.gammagamma import GammaGamma, fit_gamma_gamma
from csmlab.customerbase.summaries import (CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END,
                                           calibration_holdout)
from csmlab.scenario import Result
from csmlab.transactions import as_date, check_transactions

__all__ = [
    "rfm_holdout", "score_counts", "score_table", "gains_table", "mailing_plan",
    "mailing_by_effect", "ActivityResult", "activity_model",
]


def _quintile(values: np.ndarray) -> np.ndarray:
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
        What M scores. "average" (default) is the customer's average spend
        per purchase day in the calibration period, the first purchase
        included (calibration spend / (``frequency`` + 1), to the cent): the average order
        value of RFM practice, which every buyer has, so every customer is
        ranked on M and the five M scores hold near-equal numbers of customers
        (up to ties on identical amounts). It is average, not total, spend
        because total spend is roughly frequency × average spend, so scoring
        it would count frequency twice; :cite:`fader2005rfm` found average
        spend nearly independent of frequency, which makes it the part of "M"
        that F does not already carry. "total" is the calibration spend, all
        days included. (The Gamma-Gamma model's ``monetary``, the average over
        *repeat* days only, is kept unchanged in its own column.)
    model : BGNBD, optional
        Default: fitted on the calibration summary.

    Returns
    -------
    DataFrame
        Per customer: the calibration summary, ``days_since_last`` (days from
        the last purchase to ``calibration_end``), ``M_value`` (what M scored,
        US$),
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
    monetary = v.one_of("monetary", monetary, ("average", "total"))
    tx = cdnow() if transactions is None else transactions
    data = calibration_holdout(tx, calibration_end, holdout_end, unit="W")
    if model is None:
        model = fit_bgnbd(data["frequency"], data["recency"], data["T"])
    days_since = np.round((data["T"] - data["recency"]) * 7).astype("int64")
    data.insert(4, "days_since_last", days_since)
    clean = check_transactions(tx)
    end = as_date("calibration_end", calibration_end)
    spend = (clean.loc[clean["date"] <= end].groupby("customer_id")["amount"].sum()
             .reindex(data.index).to_numpy(dtype=float))
    if monetary == "average":
        # to the cent, so that customers with the same average tie exactly
        spend = np.round(spend / (data["frequency"].to_numpy(dtype=float) + 1), 2)
    data.insert(5, "M_value", spend)
    data["R"] = _score(data["days_since_last"].to_numpy(dtype=float), higher_is_better=False)
    data["F"] = _score(data["frequency"].to_numpy(dtype=float))
    data["M"] = _score(data["M_value"].to_numpy(dtype=float))
    data["RFM"] = data["R"].astype(str) + data["F"].astype(str) + data["M"].astype(str)
    data["bgnbd_expected"] = model.conditional_expected_purchases(
        data["holdout_duration"].to_numpy(), data["frequency"], data["recency"], data["T"])
    return data


def score_counts(data: pd.DataFrame) -> pd.DataFrame:
    """How many customers got each R, F and M score: one row per score 1–5, one column each.

    ``data`` is :func:`rfm_holdout`'s output (or any frame with columns R, F, M);
    a score nobody got counts 0.

    Examples
    --------
    >>> score_counts(pd.DataFrame({"R": [1, 1, 5], "F": [2, 2, 2], "M": [3, 4, 5]}))["R"].tolist()
    [2, 0, 0, 0, 1]
    """
    counts = pd.DataFrame({m: data[m].value_counts() for m in "RFM"})
    counts = counts.reindex(range(1, 6)).fillna(0).astype(int)
    counts.index.name = "score"
    return counts


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
        three independent quintile scores read as a number, R first),
        "R, then frequency" (R quintile, then the raw number of repeat
        purchases, then the raw days since the last purchase: a nested
        ranking in the spirit of Hughes's sorting within recency groups,
        which breaks the code's ties), "R + F + M" (the sum of the scores)
        and "BG/NBD" (expected holdout purchases). Tied customers are split
        pro rata.

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
    # lexicographic: R quintile, then raw frequency, then fewer days since the last purchase
    within = pd.Series(list(zip(frame["frequency"], -frame["days_since_last"])),
                       index=frame.index).rank(method="dense")
    frame["_nested"] = frame["R"] * (len(frame) + 1) + within
    if rankings is None:
        rankings = {"RFM code": "_code", "R, then frequency": "_nested", "R + F + M": "_sum",
                    "BG/NBD": "bgnbd_expected"}
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


def mailing_plan(data: pd.DataFrame, shares: Sequence[float] = (0.05, 0.1, 0.2, 0.3, 0.5), *,
                 spend_model: GammaGamma | None = None, response_lift: float = 0.10,
                 cost: float = 1.50, margin: float = 0.30, propensity_share: float = 1.0,
                 basis: str = "expected") -> pd.DataFrame:
    """Profit of mailing the top k% of customers ranked by expected value, per depth k.

    Customers are ranked by what was known on the scoring day: expected
    holdout purchases (BG/NBD, ``bgnbd_expected``) × expected spend per
    purchase (Gamma-Gamma). A mailing costs ``cost`` per customer and adds a
    share ``response_lift`` to what a mailed customer buys; each dollar of
    spend brings ``margin`` of margin. A depth k mails whole customers, the
    top ⌊k × n⌋ of the n ranked (5% of 23,570 is 1,178, not 1,178.5), and
    costs are priced on that count. Ties in the ranking are split pro rata.

    **Whom does a mailing change?** The default assumes the extra buying is
    proportional to what each customer would have bought anyway
    (``propensity_share=1``): then ranking by expected value is the best
    possible targeting, by construction. Nothing in the calibration data
    says so. A mailing's effect is the difference between what a customer
    does when mailed and when not (its *uplift*, or incrementality), and a
    likely buyer may buy anyway. ``propensity_share`` k sets how the effect
    on a customer with expected value v relates to it, around the mean μ:
    effect ∝ μ + k (v − μ), the total over all customers the same for every
    k. 1 = proportional to the customer's expected value; 0 = the same
    effect for every customer, whatever their propensity, so that ranking
    does not matter at all (neutral, not the worst case); negative = the
    effect falls as propensity rises, so the top-ranked customers, who would
    buy anyway, are moved least, and at −1 those well above the mean are put
    off (a negative effect), the case Radcliffe and Surry (1999) warn of.
    Only a randomised
    test (a mailed and an unmailed group at each depth) measures where a
    firm is; uplift modelling (Radcliffe and Surry 1999; Lo 2002) targets
    the customers the mailing changes, which the default model cannot see.

    Parameters
    ----------
    data : DataFrame
        As from :func:`rfm_holdout` (needs ``frequency``, ``monetary``,
        ``bgnbd_expected``, and for ``basis="realised"`` ``holdout_spend``).
    shares : sequence of float
        Depths: top shares of customers mailed (0–1).
    spend_model : GammaGamma, optional
        Default: fitted on ``data``'s repeat buyers (free repeat purchases
        left out).
    response_lift : float
        Extra buying caused by the mailing, as a share (0–10; 0.10 = 10%).
    cost : float
        Cost per customer mailed (US$, ≥ 0).
    margin : float
        Share of spend kept as margin (0–1).
    propensity_share : float
        How the mailing's effect follows the customer's expected value
        (−1 to 1), as above.
    basis : {"expected", "realised"}
        "expected" (default): the extra margin is computed from the expected
        value, what a manager could know on the scoring day. "realised": from
        what the customers actually spent in the holdout, a hindsight check
        of the same ranking (the ranking itself is always the expected one).

    Returns
    -------
    DataFrame
        Indexed by the depth (``top share of customers``): ``customers
        mailed`` (a whole number), ``extra margin (US$)``, ``cost (US$)`` and
        ``profit (US$)``.

    Examples
    --------
    >>> from csmlab.data import load_cdnow_sample
    >>> plan = mailing_plan(rfm_holdout(load_cdnow_sample()))
    >>> list(plan.columns)
    ['customers mailed', 'extra margin (US$)', 'cost (US$)', 'profit (US$)']
    >>> flat = mailing_plan(rfm_holdout(load_cdnow_sample()), propensity_share=0.0)
    >>> per_customer = flat["extra margin (US$)"] / flat["customers mailed"]
    >>> bool(np.allclose(per_customer, per_customer.iloc[0]))
    True
    >>> worst = mailing_plan(rfm_holdout(load_cdnow_sample()), [0.1], propensity_share=-1.0)
    >>> bool(worst["extra margin (US$)"].iloc[0] < flat["extra margin (US$)"].iloc[1])
    True
    """
    shares = v.array("shares", shares, 0, 1, ndim=1)
    response_lift = v.real("response_lift", response_lift, 0, 10)
    cost = v.nonnegative("cost", cost)
    margin = v.probability("margin", margin)
    propensity_share = v.real("propensity_share", propensity_share, -1, 1)
    basis = v.one_of("basis", basis, ("expected", "realised"))
    needed = ["frequency", "monetary", "bgnbd_expected"] + (
        ["holdout_spend"] if basis == "realised" else [])
    missing = [c for c in needed if c not in data.columns]
    if missing:
        raise ValueError(f"data is missing column(s) {', '.join(missing)}; use rfm_holdout()")
    if spend_model is None:
        spend_model = fit_gamma_gamma(data["frequency"], data["monetary"], drop_zero=True)
    spend = np.asarray(spend_model.conditional_expected_spend(
        data["frequency"].to_numpy(dtype=float), data["monetary"].to_numpy(dtype=float)))
    expected = data["bgnbd_expected"].to_numpy(dtype=float) * spend
    value = expected if basis == "expected" else data["holdout_spend"].to_numpy(dtype=float)
    n = len(value)
    total = float(value.sum())
    # whole customers: the top floor(share × n) of the ranking (rounded first, so that
    # 0.29 × 100 is 29, not 28.999…)
    mailed = np.floor(np.round(shares * n, 9))
    captured = _captured(expected, value, mailed / n) * total if total > 0 else 0 * shares
    # effect_i ∝ mean + k (value_i − mean), summed over the mailed customers
    extra = margin * response_lift * (propensity_share * captured
                                      + (1 - propensity_share) * mailed * total / n)
    frame = pd.DataFrame({"customers mailed": mailed.astype(int), "extra margin (US$)": extra,
                          "cost (US$)": cost * mailed, "profit (US$)": extra - cost * mailed},
                         index=pd.Index(shares, name="top share of customers"))
    return frame


def mailing_by_effect(data: pd.DataFrame, propensity_shares: Sequence[float] = (1.0, 0.5, 0.0),
                      shares: Sequence[float] = (0.05, 0.1, 0.2, 0.3, 0.5),
                      **inputs: Any) -> pd.DataFrame:
    """Expected profit per depth under several assumptions about whom the mailing changes.

    One column per ``propensity_share`` of :func:`mailing_plan` (the other
    ``inputs`` are passed on), so that the reader sees how the best depth and
    the profit depend on an assumption the calibration data cannot check.

    Examples
    --------
    >>> from csmlab.data import load_cdnow_sample
    >>> t = mailing_by_effect(rfm_holdout(load_cdnow_sample()))
    >>> list(t.columns)
    ['profit, effect 100% as propensity (US$)', 'profit, effect 50% as propensity (US$)', \
'profit, effect 0% as propensity (US$)']
    """
    propensity_shares = v.array("propensity_shares", propensity_shares, -1, 1, ndim=1)
    frame = pd.DataFrame({
        f"profit, effect {k:.0%} as propensity (US$)":
            mailing_plan(data, shares, propensity_share=float(k), **inputs)["profit (US$)"]
        for k in propensity_shares})
    frame.attrs["formats"] = dict.fromkeys(frame.columns, "money")
    return frame


# ---------------------------------------------------------------------------
# A classifier of "buys again"
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ActivityResult(Result):
    """A classifier of "buys in the next quarter", trained only on what was known.

    The classifier is trained inside the calibration period: features as of
    ``horizon_weeks`` before its end, label = any purchase in its last
    ``horizon_weeks``. It is then applied to every customer's features as of
    the end of the calibration period (the decision date) to predict a
    purchase in the first ``horizon_weeks`` of the holdout. ``predicted_rate``
    and ``top_decile_predicted`` are known on the decision date; every other
    rate, the AUCs, the confusion matrix and the lift are hindsight, measured
    against what customers then did.

    Attributes
    ----------
    train, test : int
        Customers the classifier was trained on, and customers it scored on
        the decision date.
    horizon_weeks : int
        Length of the label window, in training and in the holdout check.
    predicted_rate : float
        Mean predicted probability of buying, over scored customers (known on
        the decision date).
    top_decile_predicted : float
        Mean predicted probability among the top 10% by prediction (known on
        the decision date).
    base_rate : float
        Share of scored customers who did buy in the window (hindsight).
    auc, auc_p_alive, auc_bgnbd : float
        Area under the ROC curve of the classifier, of BG/NBD P(alive) alone
        and of BG/NBD expected purchases in the window alone (hindsight).
    confusion : tuple of int
        (true negatives, false positives, false negatives, true positives) at a
        predicted probability of 0.5 (hindsight).
    top_decile_lift : float
        Buyers' share among the top 10% by predicted probability, over the
        base rate (hindsight).
    features : tuple of str
        The features used.
    coefficients : tuple of float
        Logistic-regression coefficients on the standardised features.
    """

    train: int
    test: int
    horizon_weeks: int
    predicted_rate: float
    top_decile_predicted: float
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
        rows = {"customers trained on (inside calibration)": self.train,
                "customers scored on decision date": self.test,
                "mean predicted probability (known then)": self.predicted_rate,
                "mean predicted, top decile (known then)": self.top_decile_predicted,
                "share who did buy (hindsight)": self.base_rate,
                "AUC, classifier": self.auc, "AUC, BG/NBD P(alive) alone": self.auc_p_alive,
                "AUC, BG/NBD expected purchases alone": self.auc_bgnbd,
                "accuracy at 0.5": (tn + tp) / self.test,
                "top-decile lift": self.top_decile_lift}
        return pd.DataFrame({"value": list(rows.values())},
                            index=pd.Index(list(rows), name="measure"))


def _activity_features(data: pd.DataFrame, horizon: float) -> pd.DataFrame:
    model = fit_bgnbd(data["frequency"], data["recency"], data["T"])
    x, rec, T = data["frequency"], data["recency"], data["T"]
    return pd.DataFrame({
        "frequency": x.to_numpy(dtype=float), "recency": rec.to_numpy(), "T": T.to_numpy(),
        "log(1 + monetary)": np.log1p(data["monetary"].to_numpy()),
        "P(alive)": model.p_alive(x, rec, T),
        "BG/NBD expected": model.conditional_expected_purchases(
            np.full(len(data), horizon), x, rec, T)})


def activity_model(transactions: pd.DataFrame | None = None,
                   calibration_end: Any = CDNOW_CALIBRATION_END,
                   holdout_end: Any = CDNOW_HOLDOUT_END, *,
                   horizon_weeks: int = 13) -> ActivityResult:
    """Train a classifier of "buys in the next quarter" on the past, score it on the decision date.

    Time-respecting design: the logistic regression is trained on features as
    of ``calibration_end`` minus ``horizon_weeks`` (frequency, recency, T in
    weeks, log(1 + monetary), and P(alive) and expected purchases from a
    BG/NBD fitted on those data), with the label "bought at least once in the
    last ``horizon_weeks`` of the calibration period". It is then applied to
    the same features as of ``calibration_end`` (BG/NBD refitted on the whole
    calibration period), which is all a manager had on the decision date.
    The predictions are checked, in hindsight, against purchases in the first
    ``horizon_weeks`` after ``calibration_end``. Needs scikit-learn.

    Parameters
    ----------
    transactions : DataFrame, optional
        Transactions (default: the full CDNOW file).
    calibration_end, holdout_end : date-like
        The decision date and the end of the data.
    horizon_weeks : int
        Label window in weeks, at least 1; the window before the decision
        date must leave a training period, and the one after it must end by
        ``holdout_end``.

    Returns
    -------
    ActivityResult

    Examples
    --------
    >>> from csmlab.data import load_cdnow_sample
    >>> r = activity_model(load_cdnow_sample())
    >>> r.test, r.horizon_weeks, r.auc > 0.7
    (2357, 13, True)
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import confusion_matrix, roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    horizon_weeks = v.integer("horizon_weeks", horizon_weeks, 1)
    tx = cdnow() if transactions is None else transactions
    end = as_date("calibration_end", calibration_end)
    hend = as_date("holdout_end", holdout_end)
    step = pd.Timedelta(weeks=horizon_weeks)
    if end + step > hend:
        raise ValueError(f"horizon_weeks must be at most the weeks from calibration_end to "
                         f"holdout_end ({(hend - end).days // 7}), got {horizon_weeks}")
    first = pd.to_datetime(tx["date"]).min()
    if end - step <= first:
        raise ValueError(f"horizon_weeks must leave a training period before calibration_end "
                         f"(fewer than {(end - first).days / 7:.0f} weeks), got {horizon_weeks}")
    past = calibration_holdout(tx, end - step, end, unit="W")
    now = calibration_holdout(tx, end, end + step, unit="W")
    horizon = float(horizon_weeks)
    x_past, x_now = _activity_features(past, horizon), _activity_features(now, horizon)
    y_past = past["holdout_frequency"].to_numpy() > 0
    if y_past.all() or not y_past.any():
        raise ValueError("the training window has only one outcome (all buy or none buys)")
    clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    clf.fit(x_past, y_past)
    prob = clf.predict_proba(x_now)[:, 1]
    yt = now["holdout_frequency"].to_numpy() > 0
    tn, fp, fn, tp = (int(c) for c in confusion_matrix(yt, prob >= 0.5, labels=[False, True])
                      .ravel())
    top = _captured(prob, yt.astype(float), np.array([0.1]))[0] / 0.1 if yt.any() else math.nan
    top_pred = float(np.sort(prob)[::-1][:max(1, int(round(0.1 * len(prob))))].mean())
    one_class = yt.all() or not yt.any()

    def auc(score: np.ndarray) -> float:
        return math.nan if one_class else float(roc_auc_score(yt, score))

    return ActivityResult(
        train=len(past), test=len(now), horizon_weeks=horizon_weeks,
        predicted_rate=float(prob.mean()), top_decile_predicted=top_pred,
        base_rate=float(yt.mean()),
        auc=auc(prob), auc_p_alive=auc(x_now["P(alive)"].to_numpy()),
        auc_bgnbd=auc(x_now["BG/NBD expected"].to_numpy()),
        confusion=(tn, fp, fn, tp), top_decile_lift=float(top),
        features=tuple(x_now.columns),
        coefficients=tuple(float(c) for c in clf[-1].coef_[0]))
