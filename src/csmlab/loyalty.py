"""Satisfaction and loyalty: the non-linear link, Griffin's grid and the relationship ladder.

* :class:`LoyaltyCurve`: the chance of buying again as a function of a
  satisfaction score on a 1–5 scale, rising slowly through the zone of
  defection and the zone of indifference and steeply in the zone of affection
  (Jones & Sasser 1995). The curve is
  ``floor + (ceiling − floor) × (w x + (1 − w) x ** convexity)`` with
  ``x = (s − 1) / 4`` and ``w = steady_share``: a share of the rise spread evenly
  over the answers, the rest coming late. Jones and Sasser give no figure for
  the slope below the top, so it is an assumption with its own parameter;
  :func:`calibrate_curve` solves the convexity that keeps their Xerox ratio
  for any floor, ceiling and steady share.
  Jones and Sasser found the shape depends on competition: where customers
  have few alternatives or high switching costs even dissatisfied ones stay.
  The floor carries that moderator (:func:`low_competition_curve`).
* :class:`StoreScenario`: the department stores of seed 002, slide 103, both
  with a satisfaction index of 87 but repurchase rates of 52.4% and 19.2%,
  rebuilt from the seed's readable shares (see :func:`store_shares` for the
  reading and its ambiguities).
* :func:`loyalty_grid` / :func:`classify`: the grid of relative attachment ×
  repeat purchase of Dick & Basu (1994), in Griffin's (1997) names: premium,
  latent, inertia and no loyalty.
* :class:`LadderScenario`: the relationship ladder (prospect → first-time
  customer → regular → advocate → partner) as a Markov chain with defection.

Examples
--------
>>> curve = jones_sasser_curve()
>>> [round(float(x), 3) for x in curve.loyalty([1, 2, 3, 4, 5])]
[0.1, 0.111, 0.121, 0.157, 0.95]
>>> round(float(curve.loyalty(5) / curve.loyalty(4)), 1)  # Xerox: about six times
6.0
>>> res = department_stores().run()
>>> float(res.to_frame().loc["X", "top box"])
0.335
>>> loyalty_grid([0.9, 0.9, 0.1, 0.1], [0.9, 0.1, 0.9, 0.1]).tolist()
['premium', 'latent', 'inertia', 'no loyalty']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from csmlab import validation as v
from csmlab.scenario import Result, Scenario, param, preset

__all__ = [
    "SCORES", "CATEGORIES", "LoyaltyCurve", "CurveResult", "StoreScenario", "StoreResult",
    "store_shares", "fit_store_curve", "loyalty_grid", "classify", "grid_counts",
    "sample_customers",
    "LadderScenario", "LadderResult", "RUNGS", "jones_sasser_curve", "department_stores",
    "example_ladder", "low_competition_curve", "calibrate_curve",
]

#: The five answer categories of the seed's survey, scored 1–5.
CATEGORIES = ("completely dissatisfied", "dissatisfied", "neutral", "satisfied",
              "completely satisfied")
SCORES = np.arange(1, 6)


@dataclass(frozen=True)
class LoyaltyCurve(Scenario):
    """Repurchase probability as a function of satisfaction (1–5 scale).

    ``loyalty(s) = floor + (ceiling − floor) × (w x + (1 − w) x ** convexity)`` with
    ``x = (s − 1) / 4`` and ``w = steady_share``: a share ``w`` of the rise spread
    evenly over the scale, and the rest a convex rise that comes late when
    ``convexity`` is large.

    Parameters
    ----------
    floor : float
        Chance of buying again at score 1 (completely dissatisfied).
    ceiling : float
        Chance of buying again at score 5 (completely satisfied); at least ``floor``.
    convexity : float
        Exponent of the convex part: 1 is a straight line, large values put
        its rise at the top of the scale.
    steady_share : float
        Share of the rise from floor to ceiling spread evenly over the answers,
        in [0, 1]: each answer step adds ``steady_share × (ceiling − floor) / 4``.
        0 makes the curve flat below the top, so that scores 1–3 hardly
        differ; 1 makes it a straight line.
    defection_upper : float
        Scores below this are the zone of defection.
    affection_lower : float
        Scores at or above this are the zone of affection; the zone of
        indifference lies between.

    Notes
    -----
    Jones & Sasser (1995) drew the curve from data but published no formula;
    this family is illustrative. They report one ratio to hold it to: at Xerox,
    customers who gave the top score (5) were about six times as likely to
    repurchase as those who gave 4. They give no figure for how much
    repurchase differs between the lower answers, so the default steady share
    of 5% (about one percentage point per answer step) is an assumption, there
    only so that the zones of defection and indifference are not identical.
    With floor 0.10, ceiling 0.95 and that share, a convexity of 12 gives
    0.95 / 0.157 ≈ 6.0 (:func:`calibrate_curve` solves it exactly for any
    share). Whatever the shape below the top, the ratio puts the chance at 4
    at ``ceiling / 6``, so a move from 1 to 4 can never add more than a sixth
    of the ceiling.

    Examples
    --------
    >>> LoyaltyCurve(floor=0.5, ceiling=0.2)
    Traceback (most recent call last):
    ...
    ValueError: floor and ceiling: floor (0.5) must not exceed ceiling (0.2)
    >>> LoyaltyCurve(steady_share=1.2)
    Traceback (most recent call last):
    ...
    ValueError: steady_share must be a probability in [0, 1]; got 1.2
    """

    floor: float = param(0.10, "Repurchase when completely dissatisfied", kind="probability",
                         step=0.01, doc="Chance of buying again at score 1",
                         source="illustrative (shape: jones1995)")
    ceiling: float = param(0.95, "Repurchase when completely satisfied", kind="probability",
                           step=0.01, doc="Chance of buying again at score 5",
                           source="illustrative (shape: jones1995)")
    convexity: float = param(12.0, "Convexity", low=0, low_open=True, high=100, slider=(0.5, 30),
                             step=0.5, doc="Exponent: 1 linear, large = all the rise at the top",
                             source="calibrated: repurchase at 5 ≈ 6 × at 4 (jones1995, Xerox)")
    defection_upper: float = param(2.0, "Zone of defection ends at", low=1, high=5, step=0.1,
                                   unit="score", doc="Upper end of the zone of defection",
                                   source="jones1995", interactive=False)
    affection_lower: float = param(4.5, "Zone of affection starts at", low=1, high=5, step=0.1,
                                   unit="score", doc="Lower end of the zone of affection",
                                   source="jones1995", interactive=False)
    steady_share: float = param(0.05, "Share of the rise that is steady", kind="probability",
                                step=0.01, doc="Share of the rise spread evenly over the "
                                "answers: 0 = flat below the top, 1 = a straight line",
                                source="illustrative assumption (jones1995 give no figure)")

    explorer_fields = ("floor", "ceiling", "steady_share", "convexity")

    def check(self) -> None:
        if self.floor > self.ceiling:
            raise ValueError(f"floor and ceiling: floor ({self.floor}) must not exceed "
                             f"ceiling ({self.ceiling})")
        if self.defection_upper > self.affection_lower:
            raise ValueError("defection_upper and affection_lower: the zone of defection must "
                             f"end ({self.defection_upper}) before the zone of affection "
                             f"starts ({self.affection_lower})")

    def loyalty(self, scores: object) -> np.ndarray:
        """Repurchase probability at each score (array-like, each in [1, 5])."""
        s = v.array("scores", scores, low=1, high=5)
        x, w = (s - 1) / 4, self.steady_share
        return self.floor + (self.ceiling - self.floor) * (w * x + (1 - w) * x ** self.convexity)

    def zone(self, scores: object) -> np.ndarray:
        """'defection', 'indifference' or 'affection' for each score."""
        s = v.array("scores", scores, low=1, high=5)
        return np.where(s < self.defection_upper, "defection",
                        np.where(s >= self.affection_lower, "affection", "indifference"))

    def run(self) -> "CurveResult":
        """The curve on a grid of scores from 1 to 5."""
        grid = np.linspace(1, 5, 41)
        return CurveResult(scores=grid, loyalty=self.loyalty(grid), zones=self.zone(grid),
                           at_categories=self.loyalty(SCORES))


@dataclass(frozen=True)
class CurveResult(Result):
    """A loyalty curve evaluated on a grid of scores.

    Attributes
    ----------
    scores, loyalty, zones : numpy.ndarray
        The grid, the repurchase probability and the zone at each point.
    at_categories : numpy.ndarray
        Repurchase probability at the five answer categories (scores 1–5).
    """

    scores: np.ndarray
    loyalty: np.ndarray
    zones: np.ndarray
    at_categories: np.ndarray

    def to_frame(self) -> pd.DataFrame:
        """Repurchase probability at each of the five answer categories."""
        return pd.DataFrame({"score": SCORES, "repurchase": self.at_categories},
                            index=pd.Index(CATEGORIES, name="answer"))


def calibrate_curve(floor: float = 0.10, ceiling: float = 0.95, steady_share: float = 0.0,
                    ratio: float = 6.0) -> LoyaltyCurve:
    """The curve whose completely satisfied customers buy again ``ratio`` times as often as satisfied ones.

    Solves the convexity in closed form. The chance at 4 must be ``ceiling / ratio``;
    with ``a = (ceiling / ratio − floor) / (ceiling − floor)`` and ``w = steady_share``,
    ``0.75 ** convexity = (a − 0.75 w) / (1 − w)``. Use it to see which conclusions
    depend on the assumed shape below the top (``steady_share``, ``floor``) once the
    Xerox ratio of Jones & Sasser (1995) is kept.

    Parameters
    ----------
    floor, ceiling, steady_share : float
        As in :class:`LoyaltyCurve`; ``floor`` below ``ceiling / ratio``.
    ratio : float
        Repurchase at 5 over repurchase at 4, above 1 (Xerox: about 6).

    Raises
    ------
    ValueError
        If no curve of the family has that ratio: the steady part alone must not
        already lift the chance at 4 above ``ceiling / ratio``.

    Examples
    --------
    >>> c = calibrate_curve(steady_share=0.05)
    >>> round(float(c.loyalty(5) / c.loyalty(4)), 6), round(c.convexity, 2)
    (6.0, 11.88)
    >>> calibrate_curve(steady_share=0.1)
    Traceback (most recent call last):
    ...
    ValueError: steady_share: with floor 0.1, ceiling 0.95 and ratio 6, a steady share of 0.1 alone lifts the chance at 4 above ceiling / ratio (0.158); use a share below 0.0915
    """
    f = v.probability("floor", floor)
    c = v.probability("ceiling", ceiling)
    w = v.probability("steady_share", steady_share)
    q = v.real("ratio", ratio, 1, None, low_open=True)
    at4 = c / q
    if not at4 > f:
        raise ValueError(f"floor: with ceiling {c:g} and ratio {q:g} the chance at 4 is "
                         f"{at4:.3g}, so the floor ({f:g}) must lie below it")
    a = (at4 - f) / (c - f)
    if not a > 0.75 * w or w >= 1:
        raise ValueError(f"steady_share: with floor {f:g}, ceiling {c:g} and ratio {q:g}, a "
                         f"steady share of {w:g} alone lifts the chance at 4 above ceiling / "
                         f"ratio ({at4:.3g}); use a share below {a / 0.75:.3g}")
    k = float(np.log((a - 0.75 * w) / (1 - w)) / np.log(0.75))
    if not 0 < k <= 100:
        raise ValueError(f"ratio: a ratio of {q:g} needs a convexity of {k:.3g}, outside "
                         "(0, 100]; choose a ratio or steady share nearer the defaults")
    return LoyaltyCurve(floor=f, ceiling=c, steady_share=w, convexity=k)


def store_shares(missing: str = "rescale") -> pd.DataFrame:
    """The seed's two department stores as shares of the five answers (seed 002, slide 103).

    The course's reading of the jumbled slide: store X = 15 / 19.5 / 21.8 / 10.2 / 33.5%
    (completely dissatisfied → completely satisfied; the unlabelled 10.2% fills
    X's one missing "satisfied" slot) and store Y = 15 / 15 / 31.6 / 28.4 / 5.5%.
    X sums to 100%, Y to 95.5%.

    Parameters
    ----------
    missing : {"rescale", "neutral"}
        What to do with Y's missing 4.5 points: spread them in proportion
        (default) or add them to "neutral".

    Examples
    --------
    >>> store_shares().sum().round(6).tolist()
    [1.0, 1.0]
    """
    from csmlab.cases import fact

    missing = v.one_of("missing", missing, ("rescale", "neutral"))
    x = np.array(fact("loyalty.store_x_shares").value, dtype=float) / 100
    y = np.array(fact("loyalty.store_y_shares").value, dtype=float) / 100
    gap = 1 - y.sum()
    if missing == "rescale":
        y = y / y.sum()
    else:
        y[2] += gap
    frame = pd.DataFrame({"X": x, "Y": y}, index=pd.Index(CATEGORIES, name="answer"))
    frame.attrs["formats"] = {"X": "share", "Y": "share"}
    return frame


@dataclass(frozen=True)
class StoreScenario(LoyaltyCurve):
    """The seed's two department stores seen through a loyalty curve.

    Parameters
    ----------
    floor, ceiling, convexity, steady_share, defection_upper, affection_lower
        As in :class:`LoyaltyCurve` (the fitted preset has no steady share).
    missing : {"rescale", "neutral"}
        Reading of store Y's missing 4.5 points (see :func:`store_shares`).
    """

    missing: str = param("rescale", "Store Y's missing 4.5 points", kind="choice",
                         options=("rescale", "neutral"), interactive=False,
                         doc="Spread in proportion, or counted as neutral",
                         source="reading of seed 002, slide 103")

    def run(self) -> "StoreResult":  # type: ignore[override]
        """Mean score, share completely satisfied and predicted repurchase of each store."""
        from csmlab.cases import fact

        shares = store_shares(self.missing)
        at = self.loyalty(SCORES)
        stated = fact("loyalty.store_repurchase").value
        return StoreResult(shares=shares, mean_score=SCORES @ shares.to_numpy(),
                           top_box=shares.loc["completely satisfied"].to_numpy(),
                           predicted=at @ shares.to_numpy(),
                           stated=np.array([stated[0], stated[1]], dtype=float) / 100,
                           at_categories=at)


@dataclass(frozen=True)
class StoreResult(Result):
    """Both stores: shares, mean score, top-box share, predicted and stated repurchase."""

    shares: pd.DataFrame
    mean_score: np.ndarray
    top_box: np.ndarray
    predicted: np.ndarray
    stated: np.ndarray
    at_categories: np.ndarray

    def to_frame(self) -> pd.DataFrame:
        """One row per store."""
        return pd.DataFrame({"mean score (1–5)": self.mean_score, "top box": self.top_box,
                             "predicted repurchase": self.predicted,
                             "stated repurchase": self.stated},
                            index=pd.Index(["X", "Y"], name="store"))

    def contributions(self) -> pd.DataFrame:
        """Share of customers × repurchase probability, by answer and store."""
        return self.shares.mul(self.at_categories, axis=0)


def fit_store_curve(ceiling: float = 1.0, missing: str = "rescale") -> StoreScenario:
    """The curve (floor and convexity, ceiling fixed) that best reproduces both stores.

    Least squares over the two stated repurchase rates. With the seed's shares
    no increasing curve fits both exactly: store Y has many more satisfied and
    neutral customers than X, so the best fit pushes all the curve's rise into
    the "completely satisfied" answer.

    Examples
    --------
    >>> s = fit_store_curve()
    >>> s.convexity > 20
    True
    """
    from scipy.optimize import least_squares

    c = v.probability("ceiling", ceiling)
    base = StoreScenario(ceiling=c, floor=0.0, steady_share=0.0, missing=missing)
    stated = base.run().stated

    def resid(p: np.ndarray) -> np.ndarray:
        return base.replace(floor=float(p[0]), convexity=float(p[1])).run().predicted - stated

    fit = least_squares(resid, x0=[0.1, 3.0], bounds=([0.0, 0.5], [c, 100.0]))
    return base.replace(floor=round(float(fit.x[0]), 3), convexity=round(float(fit.x[1]), 1))


# -- Griffin's loyalty grid ---------------------------------------------------

GRID = {(True, True): "premium", (True, False): "latent", (False, True): "inertia",
        (False, False): "no loyalty"}


def loyalty_grid(attachment: object, repeat: object, attachment_cut: float = 0.5,
                 repeat_cut: float = 0.5) -> np.ndarray:
    """Griffin's (1997) loyalty type from relative attachment and repeat purchase.

    Parameters
    ----------
    attachment, repeat : array-like
        Scores in [0, 1] (attachment: how strongly the customer prefers the
        firm over others; repeat: how often they buy again, for example the
        share of their category purchases made here).
    attachment_cut, repeat_cut : float
        A score at or above the cut counts as high.

    Returns
    -------
    numpy.ndarray of str
        'premium' (high, high), 'latent' (high attachment, low repeat),
        'inertia' (low attachment, high repeat) or 'no loyalty'.

    Examples
    --------
    >>> loyalty_grid([0.5], [0.49]).tolist()
    ['latent']
    >>> loyalty_grid([1.2], [0.5])
    Traceback (most recent call last):
    ...
    ValueError: attachment must hold numbers in [0, 1]; element 0 is 1.2
    """
    a = v.array("attachment", attachment, low=0, high=1)
    r = v.array("repeat", repeat, low=0, high=1)
    if a.shape != r.shape:
        raise ValueError(f"attachment and repeat must have the same shape; got {a.shape} "
                         f"and {r.shape}")
    ca = v.probability("attachment_cut", attachment_cut)
    cr = v.probability("repeat_cut", repeat_cut)
    hi_a, hi_r = a >= ca, r >= cr
    out = np.where(hi_a, np.where(hi_r, "premium", "latent"),
                   np.where(hi_r, "inertia", "no loyalty"))
    return out.astype(object)


def classify(customers: pd.DataFrame, attachment: str = "attachment", repeat: str = "repeat",
             attachment_cut: float = 0.5, repeat_cut: float = 0.5) -> pd.DataFrame:
    """Add a ``loyalty`` column (Griffin's type) to a table of customer records.

    Examples
    --------
    >>> df = pd.DataFrame({"attachment": [0.8, 0.2], "repeat": [0.3, 0.7]})
    >>> classify(df)["loyalty"].tolist()
    ['latent', 'inertia']
    """
    if not isinstance(customers, pd.DataFrame):
        raise ValueError(f"customers must be a pandas DataFrame; got {type(customers).__name__}")
    for col, role in ((attachment, "attachment"), (repeat, "repeat")):
        if col not in customers.columns:
            raise ValueError(f"{role} must name a column of customers; {col!r} is not one")
    out = customers.copy()
    out["loyalty"] = loyalty_grid(customers[attachment].to_numpy(), customers[repeat].to_numpy(),
                                  attachment_cut, repeat_cut)
    return out


def grid_counts(customers: pd.DataFrame) -> pd.DataFrame:
    """How many customers of each loyalty type, and their mean spend.

    ``customers`` is :func:`classify`'s output with a ``spend`` column (as from
    :func:`sample_customers`). Every one of the four types has a row, in
    alphabetical order, even when no customer has it: its count is 0 and its mean
    spend says "no customers" in words (an average of nobody is not a number), so
    ``t.loc["inertia", "customers"]`` works for any sample.

    Examples
    --------
    >>> t = grid_counts(classify(sample_customers(400, seed=7)))
    >>> int(t["customers"].sum()), list(t.columns)
    (400, ['customers', 'mean_spend'])
    >>> grid_counts(classify(sample_customers(1, seed=1)))["customers"].tolist()
    [1, 0, 0, 0]
    """
    got = customers.groupby("loyalty").agg(customers=("spend", "size"),
                                           mean_spend=("spend", "mean"))
    types = sorted(("premium", "latent", "inertia", "no loyalty"))
    counts = got["customers"].reindex(types, fill_value=0).astype(int)
    spend = [got.loc[t, "mean_spend"] if counts[t] > 0 else "no customers" for t in types]
    out = pd.DataFrame({"customers": counts.to_numpy(), "mean_spend": spend},
                       index=pd.Index(types, name="loyalty"))
    if (counts > 0).all():
        out["mean_spend"] = out["mean_spend"].astype(float)
    return out


def sample_customers(n: int = 400, seed: int = 0) -> pd.DataFrame:
    """Synthetic customer records with attachment, repeat share and yearly spend (illustrative).

    Attachment and repeat purchase are correlated but far from equal, so all
    four cells of the grid are occupied.

    Examples
    --------
    >>> sample_customers(5).shape
    (5, 3)
    """
    n = v.count("n", n)
    rng = np.random.default_rng(v.count("seed", seed))
    z = rng.multivariate_normal([0, 0], [[1, 0.5], [0.5, 1]], size=n)
    att = 1 / (1 + np.exp(-z[:, 0] * 1.5))
    rep = 1 / (1 + np.exp(-z[:, 1] * 1.5))
    spend = np.round(200 + 800 * rep + rng.gamma(2.0, 60.0, n), 0)
    return pd.DataFrame({"attachment": att, "repeat": rep, "spend": spend},
                        index=pd.RangeIndex(1, n + 1, name="customer"))


# -- The relationship ladder ----------------------------------------------------

RUNGS = ("prospect", "first-time customer", "regular", "advocate", "partner")
STATES = RUNGS + ("defected",)


@dataclass(frozen=True)
class LadderScenario(Scenario):
    """The relationship ladder as a yearly Markov chain with defection.

    Each year a prospect becomes a first-time customer with probability
    ``convert`` or is lost with ``prospect_loss``; a customer on each rung
    moves up one rung with ``up_*``, defects with ``defect_*`` or stays. A
    defected customer never returns. Customers earn ``profit_*`` in each year
    they spend on a rung (prospects earn nothing).

    A person's value follows the course's lifetime-value convention (the
    ``"course"`` timing of :func:`csmlab.retention.clv`): the profit of the year
    they are now on a rung is certain and arrives at the end of that year, so
    it is discounted once, and each later year's profit arrives at the end of
    that year if they are still there. The values solve
    ``V = β (m + Q V)`` with ``β = 1 / (1 + discount)``, ``m`` the profits and
    ``Q`` the moves between the rungs. A rung nobody climbs from, left with
    probability ``q`` a year, is worth ``m / (1 + discount − (1 − q))``:
    a partner is worth ``clv(profit_partner, 1 − defect_partner, discount)``.

    All figures are illustrative: the seeds name the rungs (seed 004, post 7) but
    give no rates.

    Examples
    --------
    >>> r = example_ladder().run()
    >>> float(r.to_frame()["year 0"].sum())
    1000.0
    >>> round(float(r.values[-1]), 2)   # a partner: clv(160, 0.95, 0.10) = 160 / 0.15
    1066.67
    >>> LadderScenario(up_regular=0.8, defect_regular=0.3)
    Traceback (most recent call last):
    ...
    ValueError: up_regular and defect_regular: their sum (1.1) must not exceed 1
    """

    prospects: int = param(1000, "Prospects at the start", kind="count", unit="people",
                           slider=(100, 10000), step=100, interactive=False,
                           doc="Size of the starting group", source="illustrative")
    convert: float = param(0.30, "Prospect → first-time", kind="probability", step=0.01,
                           doc="Yearly chance a prospect buys for the first time",
                           source="illustrative")
    prospect_loss: float = param(0.30, "Prospect lost", kind="probability", step=0.01,
                                 doc="Yearly chance a prospect is lost for good",
                                 source="illustrative")
    up_first: float = param(0.35, "First-time → regular", kind="probability", step=0.01,
                            doc="Yearly chance a first-time customer becomes a regular",
                            source="illustrative")
    defect_first: float = param(0.40, "First-time defects", kind="probability", step=0.01,
                                doc="Yearly chance a first-time customer defects",
                                source="illustrative")
    up_regular: float = param(0.15, "Regular → advocate", kind="probability", step=0.01,
                              doc="Yearly chance a regular becomes an advocate",
                              source="illustrative")
    defect_regular: float = param(0.15, "Regular defects", kind="probability", step=0.01,
                                  doc="Yearly chance a regular defects", source="illustrative")
    up_advocate: float = param(0.10, "Advocate → partner", kind="probability", step=0.01,
                               doc="Yearly chance an advocate becomes a partner",
                               source="illustrative")
    defect_advocate: float = param(0.08, "Advocate defects", kind="probability", step=0.01,
                                   doc="Yearly chance an advocate defects", source="illustrative")
    defect_partner: float = param(0.05, "Partner defects", kind="probability", step=0.01,
                                  doc="Yearly chance a partner defects", source="illustrative")
    profit_first: float = param(20.0, "Profit of a first-time customer", unit="$/year",
                                slider=(-100, 500), step=10, interactive=False,
                                doc="Yearly profit on the first rung", source="illustrative")
    profit_regular: float = param(80.0, "Profit of a regular", unit="$/year", slider=(-100, 500),
                                  step=10, interactive=False, doc="Yearly profit of a regular",
                                  source="illustrative")
    profit_advocate: float = param(120.0, "Profit of an advocate", unit="$/year",
                                   slider=(-100, 500), step=10, interactive=False,
                                   doc="Yearly profit of an advocate, referrals included",
                                   source="illustrative")
    profit_partner: float = param(160.0, "Profit of a partner", unit="$/year",
                                  slider=(-100, 500), step=10, interactive=False,
                                  doc="Yearly profit of a partner", source="illustrative")
    discount: float = param(0.10, "Discount rate", low=0, low_open=True, high=1,
                            unit="share/year", slider=(0.01, 0.3), step=0.01,
                            doc="Yearly discount rate for customer values", source="illustrative")
    years: int = param(10, "Years", kind="integer", low=1, high=100, unit="years",
                       slider=(1, 30), doc="Years followed", source="illustrative")

    explorer_fields = ("convert", "up_first", "defect_first", "up_regular", "defect_regular",
                       "years")

    _PAIRS = (("convert", "prospect_loss"), ("up_first", "defect_first"),
              ("up_regular", "defect_regular"), ("up_advocate", "defect_advocate"))

    def check(self) -> None:
        for a, b in self._PAIRS:
            total = getattr(self, a) + getattr(self, b)
            if total > 1 + 1e-12:
                raise ValueError(f"{a} and {b}: their sum ({total:.3g}) must not exceed 1")

    def matrix(self) -> np.ndarray:
        """The yearly transition matrix over prospect, the four rungs and 'defected'."""
        p = np.zeros((6, 6))
        ups = [self.convert, self.up_first, self.up_regular, self.up_advocate]
        outs = [self.prospect_loss, self.defect_first, self.defect_regular, self.defect_advocate]
        for i, (u, d) in enumerate(zip(ups, outs)):
            p[i, i + 1], p[i, 5], p[i, i] = u, d, 1 - u - d
        p[4, 5], p[4, 4] = self.defect_partner, 1 - self.defect_partner
        p[5, 5] = 1.0
        return p

    def run(self) -> "LadderResult":
        """Where customers are each year, and the value of a customer on each rung."""
        p = self.matrix()
        dist = np.zeros((self.years + 1, 6))
        dist[0, 0] = self.prospects
        for t in range(self.years):
            dist[t + 1] = dist[t] @ p
        q = p[:5, :5]
        m = np.array([0.0, self.profit_first, self.profit_regular, self.profit_advocate,
                      self.profit_partner])
        beta = 1 / (1 + self.discount)
        # the course's convention: V = β (m + Q V), this year's profit paid at its end
        values = np.linalg.solve(np.eye(5) - beta * q, beta * m)
        try:   # singular when some rung can never be left (e.g. partners never defect)
            expected = np.linalg.inv(np.eye(5) - q)[0]
        except np.linalg.LinAlgError:
            expected = None
        return LadderResult(distribution=dist, values=values, expected_years=expected)


@dataclass(frozen=True)
class LadderResult(Result):
    """The ladder followed over time.

    Attributes
    ----------
    distribution : numpy.ndarray
        People in each state (prospect, four rungs, defected) by year, shape (years + 1, 6).
    values : numpy.ndarray
        Expected discounted profit of a person now on each of the five rungs,
        infinite horizon, each year's profit paid at the end of that year (the
        course's convention: this year's profit is certain and discounted once).
    expected_years : numpy.ndarray or None
        Expected years a prospect spends on each rung before leaving
        (``None`` if some rung can never be left, e.g. partners never defect).
    """

    distribution: np.ndarray
    values: np.ndarray
    expected_years: np.ndarray | None

    def to_frame(self) -> pd.DataFrame:
        """People in each state at the start, mid-way and at the end."""
        n = len(self.distribution) - 1
        cols = sorted({0, n // 2, n})
        frame = pd.DataFrame({f"year {t}": self.distribution[t] for t in cols},
                             index=pd.Index(STATES, name="state"))
        frame.attrs["formats"] = {c: "person" for c in frame.columns}  # shown as whole people
        return frame

    def rung_values(self) -> pd.DataFrame:
        """Value of a person on each rung and the gain from moving them up one rung."""
        gain = np.append(np.diff(self.values), np.nan)
        return pd.DataFrame({"value ($)": self.values, "gain from one rung up ($)": gain},
                            index=pd.Index(RUNGS, name="rung"))


@preset
def jones_sasser_curve() -> LoyaltyCurve:
    """A curve with the shape Jones & Sasser (1995) describe, calibrated to their Xerox ratio.

    Completely satisfied customers (5) repurchase about six times as often as
    satisfied ones (4); floor and ceiling are illustrative.

    Examples
    --------
    >>> c = jones_sasser_curve().run().at_categories
    >>> round(float(c[4] / c[3]), 1)
    6.0
    """
    return LoyaltyCurve()


@preset
def low_competition_curve() -> LoyaltyCurve:
    """The Jones & Sasser shape in a market with few alternatives (illustrative floor).

    Jones & Sasser (1995) found that where competition is weak or switching is
    costly, even dissatisfied customers keep buying; the floor of 0.6 is
    illustrative, the rest is :func:`jones_sasser_curve`. Completely satisfied
    customers then buy again only about 1.5 times as often as satisfied ones.

    Examples
    --------
    >>> c = low_competition_curve().run().at_categories
    >>> round(float(c[4] / c[3]), 2)
    1.52
    """
    return LoyaltyCurve(floor=0.6)


@preset
def department_stores() -> StoreScenario:
    """The stores X and Y of seed 002, slide 103, with a near-step curve.

    Floor and convexity are the least-squares fit of :func:`fit_store_curve`
    (ceiling 1, no steady share), rounded; recomputed in the tests.
    """
    fit = "least-squares fit to stores X and Y of seed 002, slide 103 (fit_store_curve)"
    held = "held fixed in that fit (course assumption)"
    return StoreScenario(floor=0.19, ceiling=1.0, convexity=57.2, steady_share=0.0).with_sources(
        floor=fit, convexity=fit, ceiling=held, steady_share=held)


@preset
def example_ladder() -> LadderScenario:
    """An illustrative ladder: 1,000 prospects followed for 10 years."""
    return LadderScenario()
