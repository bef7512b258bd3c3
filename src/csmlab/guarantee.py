"""What an unconditional service guarantee earns and costs in a year.

A service guarantee (서비스 보증) brings in revenue two ways and costs money two
ways. The account and Hampton Inn's figures are the seed's (seed 000, slide 19);
Hampton Inn's guarantee was launched in 1989, after :cite:`hart1988`, whose five
conditions the design scorecard below uses:

* **attracted revenue**: customers who chose the firm because of the guarantee,
  ``attracted_share × room_nights × price``;
* **retained revenue**: dissatisfied customers who invoked the guarantee and
  came back because of it, ``invocations × return_rate ×
  guarantee_return_share × return_nights × price``;
* **payouts**, ``(invocations + false_claims) × payout_nights × price``: the
  guarantee refunds nights, so a payout is a number of nights at the room price
  (``payout_per_invocation``); ``false_claims`` are invocations with no failure
  behind them, paid like any other but bringing no guest back; and the
  **advertising** that makes the guarantee known.

Retained revenue is revenue the guarantee *saves* from failures, not revenue that failures
create: the model's ``net`` compares the guarantee with no guarantee at the same failures.
A failure still costs the firm money with the guarantee in place: the payout, and the
guests a repaired failure still loses (``stay_return_rate``, the return rate after a stay
that did not fail, above the invokers' ``return_rate``). ``failure_cost`` counts both, and
``firm_net`` is the year's result against a year with neither guarantee nor failures, so
more failures always lower it (the course's reading; the size of the loss depends on the
illustrative ``stay_return_rate``). False claims are no failure and put no guest at risk:
they cost their payout in both accounts, so more of them always lower ``net`` and
``firm_net``.

The seed compares revenue with cost (``return_ratio``). With no cost at all (no
claims paid and no advertising) the ratio is undefined: ``return_ratio`` is ``inf``,
and every table and chart says "no cost: ratio undefined" instead of a number.
Revenue is not profit,
so the scenario also has a ``margin``, the share of revenue the firm keeps
after the variable cost of serving the guest; ``net = margin × revenue − cost``.
The default margin of 1 reproduces the seed's revenue-over-cost view.

Every term is linear in each input, so :func:`break_even` solves for the value
of one input at which ``net`` is zero exactly.

The module also scores a guarantee's design against Hart's five conditions
(:class:`GuaranteeDesign`) and checks when a guarantee is worth offering
(:class:`GuaranteeNeed`, seed 000, slide 15).

Examples
--------
>>> r = hampton_inn().run()
>>> round(r.attracted_revenue), round(r.retained_revenue)
(7200000, 1000000)
>>> round(r.return_ratio, 2)
10.25
>>> break_even(hampton_inn(), "payout_nights") > 20   # nights refunded per invocation
True
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from csmlab.cases import guarantees as facts
from csmlab import validation as v
from csmlab.scenario import Result, Scenario, param, preset

__all__ = [
    "GuaranteeScenario", "GuaranteeResult", "hampton_inn", "break_even", "break_even_table",
    "sensitivity", "HART_CONDITIONS", "GuaranteeDesign", "DesignResult", "hampton_inn_design",
    "bbbk_design", "fine_print_design", "compare_designs", "NEED_SITUATIONS", "GuaranteeNeed", "NeedResult",
    "hotel_need", "NO_COST",
]

_SEED = "seed 000, slide 19"
#: What a table or chart shows for revenue/cost when there is no cost (never inf or NaN).
NO_COST = "no cost: ratio undefined"
_DERIVED = "derived from seed 000, slide 19"


@dataclass(frozen=True)
class GuaranteeScenario(Scenario):
    """A year of an unconditional service guarantee.

    Parameters
    ----------
    price : float
        Revenue per unit of service (room-night), in $. Default $46 (seed 000,
        slide 19, "$46/day", read as the average room rate).
    room_nights : float
        Room-nights sold in a year, the base of ``attracted_share``. Default
        ≈ 7.83M, derived: $7.2M / $46 / 0.02.
    attracted_share : float
        Share of room-nights bought by guests who chose the firm because of the
        guarantee. Default 0.02 (seed 000, slide 19).
    invocations : int
        Dissatisfied customers who invoked the guarantee in the year. Default
        7,465 (seed 000, slide 19).
    return_rate : float
        Share of invokers who came back. Default 0.45 (seed 000, slide 19).
    guarantee_return_share : float
        Share of those who came back *because of the guarantee*. Default 0.61
        (seed 000, slide 19).
    return_nights : float
        Room-nights each guarantee-returner buys in the year. Default ≈ 10.6,
        derived: $1.0M / (7,465 × 0.45 × 0.61) / $46.
    payout_nights : float
        Average payout per invocation, in room-nights refunded (the guarantee
        refunds nights, so the payout moves with ``price``). Default ≈ 1.46,
        derived: $500,000 / 7,465 / $46 (≈ $66.98 per invocation).
    false_claims : int
        Invocations in the year with no failure behind them (cheating): each is
        paid like any other, brings no guest back and puts no guest at risk.
        Default 0 (the seed gives none; the course's illustration).
    advertising : float
        Yearly advertising that makes the guarantee known, in $. Default
        $300,000 (seed 000, slide 19).
    margin : float
        Share of revenue counted as gain (contribution margin). Default 1, the
        seed's revenue-over-cost view (seed 000, slide 19, which gives no margin).
    stay_return_rate : float
        Share of guests who return after a stay that did not fail. Default 0.6,
        illustrative (the seed gives none): above the invokers' 45%, because a
        repaired failure still leaves some guests unwilling to come back
        (chapter 06). It must be at least ``return_rate``: a failure, even
        repaid, does not make a guest more loyal than a good stay.
    """

    price: float = param(facts.PRICE, "Room price", low=0, low_open=True, unit="$ per night",
                         slider=(10, 200), step=1, doc="Revenue per room-night",
                         source=_SEED)
    room_nights: float = param(facts.ROOM_NIGHTS, "Room-nights a year", low=0,
                               unit="room-nights", slider=(0, 20_000_000), step=100_000,
                               doc="Room-nights sold in a year: the base of the attracted share",
                               source=_DERIVED)
    attracted_share: float = param(facts.ATTRACTED_SHARE, "Share attracted by the guarantee",
                                   kind="probability", unit="share", step=0.001,
                                   slider=(0, 0.1),
                                   doc="Share of room-nights from guests who chose the firm "
                                   "because of the guarantee", source=_SEED)
    invocations: int = param(facts.INVOCATIONS, "Invocations", kind="count", unit="guests",
                             slider=(0, 100_000), step=100,
                             doc="Dissatisfied guests who invoked the guarantee", source=_SEED)
    return_rate: float = param(facts.RETURN_RATE, "Invokers who return", kind="probability",
                               unit="share", step=0.01,
                               doc="Share of invokers who stayed again", source=_SEED)
    guarantee_return_share: float = param(facts.GUARANTEE_RETURN_SHARE,
                                          "Returners back because of the guarantee",
                                          kind="probability", unit="share", step=0.01,
                                          doc="Share of returning invokers who came back "
                                          "because of the guarantee", source=_SEED)
    return_nights: float = param(facts.RETURN_NIGHTS, "Nights per returner", low=0,
                                 unit="room-nights", slider=(0, 30), step=0.5,
                                 doc="Room-nights a guarantee-returner buys in the year",
                                 source=_DERIVED)
    payout_nights: float = param(facts.PAYOUT_NIGHTS, "Payout per invocation", low=0,
                                 unit="room-nights refunded", slider=(0, 5), step=0.1,
                                 doc="Average payout per invocation, in nights refunded at "
                                 "the room price", source=_DERIVED)
    advertising: float = param(facts.ADVERTISING, "Advertising", low=0, unit="$ per year",
                               slider=(0, 3_000_000), step=50_000,
                               doc="Advertising that makes the guarantee known", source=_SEED)
    margin: float = param(1.0, "Margin on revenue", low=0, high=1, low_open=True,
                          unit="share", step=0.05,
                          doc="Share of revenue kept after the variable cost of service "
                          "(1 = the seed's revenue view)",
                          source="revenue view of seed 000, slide 19")
    stay_return_rate: float = param(0.6, "Guests who return after a good stay",
                                    kind="probability", unit="share", step=0.01,
                                    doc="Return rate after a stay that did not fail; what a "
                                    "failure puts at risk", source="illustrative")

    false_claims: int = param(0, "False claims", kind="count", unit="claims",
                              slider=(0, 50_000), step=500,
                              doc="Invocations with no failure behind them: paid, but no "
                              "guest comes back", source="illustrative")

    explorer_fields = ("price", "attracted_share", "invocations", "return_rate",
                       "guarantee_return_share", "return_nights", "payout_nights",
                       "advertising", "margin", "stay_return_rate", "false_claims")

    def check(self) -> None:
        """Invocations cannot exceed the room-nights sold; invokers return no more often
        than guests whose stay did not fail."""
        if self.invocations + self.false_claims > self.room_nights:
            raise ValueError(f"invocations + false_claims ({self.invocations} + "
                             f"{self.false_claims}) must not exceed room_nights "
                             f"({self.room_nights:,.0f}): each claim is a stay")
        if self.return_rate > self.stay_return_rate:
            raise ValueError(f"return_rate ({self.return_rate:g}) must not exceed "
                             f"stay_return_rate ({self.stay_return_rate:g}): a failure, even "
                             "repaid, does not make a guest more likely to return than a good "
                             "stay")

    @property
    def payout_per_invocation(self) -> float:
        """Average payout per invocation ($): ``payout_nights × price``."""
        return self.payout_nights * self.price

    @property
    def failure_cost_per_invocation(self) -> float:
        """What one failure costs with the guarantee in place ($): the payout, plus the
        margin on the nights of the guests a repaired failure still loses."""
        lost = (self.stay_return_rate - self.return_rate) * self.return_nights * self.price
        return self.payout_per_invocation + self.margin * lost

    @property
    def returners(self) -> float:
        """Invokers who came back because of the guarantee."""
        return self.invocations * self.return_rate * self.guarantee_return_share

    def run(self) -> "GuaranteeResult":
        """The year's revenue, cost, net and return ratio.

        Examples
        --------
        >>> r = GuaranteeScenario(price=50, room_nights=1000, attracted_share=0.1,
        ...                       invocations=10, return_rate=0.5,
        ...                       guarantee_return_share=0.5, return_nights=4,
        ...                       payout_nights=1, advertising=500).run()
        >>> r.attracted_revenue, r.retained_revenue, r.cost, r.return_ratio
        (5000.0, 500.0, 1000.0, 5.5)
        >>> r.failure_cost, r.firm_net   # 10 failures: payouts, and guests still lost
        (700.0, 3800.0)
        """
        attracted = self.attracted_share * self.room_nights * self.price
        retained = self.returners * self.return_nights * self.price
        false_payouts = self.false_claims * self.payout_per_invocation
        payouts = self.invocations * self.payout_per_invocation + false_payouts
        revenue = attracted + retained
        cost = payouts + self.advertising
        ratio = revenue / cost if cost > 0 else math.inf
        return GuaranteeResult(
            attracted_revenue=attracted, retained_revenue=retained, payouts=payouts,
            advertising=float(self.advertising), revenue=revenue, cost=cost,
            net=self.margin * revenue - cost, return_ratio=ratio, margin=float(self.margin),
            returners=self.returners,
            invocation_rate=self.invocations / self.room_nights if self.room_nights else 0.0,
            failure_cost=self.invocations * self.failure_cost_per_invocation,
            false_claim_payouts=false_payouts)


@dataclass(frozen=True)
class GuaranteeResult(Result):
    """A guarantee's year in money.

    Attributes
    ----------
    attracted_revenue, retained_revenue : float
        Revenue from guests attracted by the guarantee and from invokers who came
        back because of it, in $.
    payouts, advertising : float
        The guarantee's two costs, in $ (payouts include those on false claims).
    revenue, cost : float
        Their sums, in $.
    net : float
        ``margin × revenue − cost``, in $ (revenue − cost when ``margin`` is 1).
    return_ratio : float
        ``revenue / cost`` (the seed's ">10×"); ``inf`` when cost is 0, which tables
        and charts show as :data:`NO_COST`, "no cost: ratio undefined".
    margin : float
        The margin used for ``net``.
    returners : float
        Invokers who came back because of the guarantee.
    invocation_rate : float
        Invocations per room-night sold.
    failure_cost : float
        What the year's failures cost the firm with the guarantee in place, against
        a year without them, in $: payouts plus the margin on guests still lost.
    false_claim_payouts : float
        Payouts on claims with no failure behind them, in $ (part of ``payouts``).
    """

    attracted_revenue: float
    retained_revenue: float
    payouts: float
    advertising: float
    revenue: float
    cost: float
    net: float
    return_ratio: float
    margin: float = 1.0
    returners: float = 0.0
    invocation_rate: float = 0.0
    failure_cost: float = 0.0
    false_claim_payouts: float = 0.0

    @property
    def firm_net(self) -> float:
        """The year against one with neither guarantee nor failures ($): the margin on
        attracted guests, less advertising, ``failure_cost`` and the payouts on false
        claims. More failures always lower it, while ``net`` (the guarantee against no
        guarantee at the same failures) can rise with them."""
        return (self.margin * self.attracted_revenue - self.advertising - self.failure_cost
                - self.false_claim_payouts)

    @property
    def profit_ratio(self) -> float:
        """``margin × revenue / cost``: the return ratio on kept revenue."""
        return self.margin * self.revenue / self.cost if self.cost > 0 else math.inf

    def to_frame(self) -> pd.DataFrame:
        """One row per line of the guarantee's account, in $ (costs negative), then the
        firm's view: what the year's failures cost and the firm's net against a year with
        neither guarantee nor failures.

        Examples
        --------
        >>> f = hampton_inn().run().to_frame()
        >>> f.index[-1]
        "Firm's net (against no guarantee and no failures)"
        """
        rows = [
            ("Revenue from guests attracted by the guarantee", self.attracted_revenue),
            ("Revenue from invokers who came back because of it", self.retained_revenue),
            ("Payouts" + (" (including false claims)" if self.false_claim_payouts else ""),
             -self.payouts),
            ("Advertising", -self.advertising),
            ("Revenue", self.revenue),
            ("Cost", -self.cost),
            ("Net (margin × revenue − cost)", self.net),
            ("Cost of the failures: payouts and guests still lost", -self.failure_cost),
            ("Firm's net (against no guarantee and no failures)", self.firm_net),
        ]
        frame = pd.DataFrame(rows, columns=["item", "amount ($)"]).set_index("item")
        return frame


@preset
def hampton_inn() -> GuaranteeScenario:
    """Hampton Inn's 100% satisfaction guarantee in one year (seed 000, slide 19).

    Stated inputs: $46 a night, 2% attracted, 7,465 invocations, 45% returned,
    61% of them because of the guarantee, $300,000 advertising. Derived inputs
    (see :mod:`csmlab.cases.guarantees`): ≈ 7.83M room-nights (the base of the
    2%), ≈ 10.6 nights per returner and ≈ 1.46 nights (≈ $66.98) per invocation,
    chosen so the model reproduces the seed's $7.2M, $1.0M and $500,000. No false
    claims.

    Examples
    --------
    >>> r = hampton_inn().run()
    >>> round(r.payouts), round(r.advertising), r.return_ratio > 10
    (500000, 300000, True)
    """
    return GuaranteeScenario()


# --------------------------------------------------------------------------- break-even

_NUMERIC = ("price", "room_nights", "attracted_share", "invocations", "return_rate",
            "guarantee_return_share", "return_nights", "payout_nights", "advertising",
            "margin", "false_claims")


def _net_at(scenario: GuaranteeScenario, field: str, x: float) -> float:
    """``net`` with one field set to ``x`` (no validation: used for the line through two points)."""
    values = {f.name: getattr(scenario, f.name) for f in dataclasses.fields(scenario)}
    values[field] = x
    s = values
    returners = s["invocations"] * s["return_rate"] * s["guarantee_return_share"]
    revenue = (s["attracted_share"] * s["room_nights"] * s["price"]
               + returners * s["return_nights"] * s["price"])
    cost = ((s["invocations"] + s["false_claims"]) * s["payout_nights"] * s["price"]
            + s["advertising"])
    return s["margin"] * revenue - cost


def break_even(scenario: GuaranteeScenario, field: str) -> float | None:
    """The value of one input at which the guarantee's ``net`` is exactly zero.

    ``net`` is linear in each input (the payout, nights × price, is linear in price
    too), so the break-even value is where the line through two evaluations crosses
    zero. Returns ``None`` when ``net`` does not
    depend on the input or the crossing lies outside the input's allowed range
    (the guarantee then pays, or fails to pay, whatever that input is).

    Parameters
    ----------
    scenario : GuaranteeScenario
    field : str
        One of the scenario's numeric fields.

    Examples
    --------
    >>> s = hampton_inn()
    >>> round(break_even(s, "advertising"))    # net is $7.4M, so $7.7M of advertising
    7700000
    >>> break_even(s, "invocations") is None   # each invoker brings more than they cost
    True
    >>> round(break_even(s.replace(margin=0.3), "invocations"))
    69424
    >>> round(break_even(s, "false_claims"))   # false claims only cost
    110482
    """
    v.instance("scenario", scenario, GuaranteeScenario)
    if field not in _NUMERIC:
        raise ValueError(f"field must be one of {', '.join(_NUMERIC)}; got {field!r}")
    x0 = float(getattr(scenario, field))
    n0 = _net_at(scenario, field, x0)
    slope = _net_at(scenario, field, x0 + 1.0) - n0
    if abs(slope) < 1e-12 * max(1.0, abs(n0)):
        return None
    x = x0 - n0 / slope
    spec = scenario.parameters()[field]
    low = 0.0 if spec.kind in ("count", "probability") else spec.low
    high = 1.0 if spec.kind == "probability" else spec.high
    outside = ((low is not None and (x < low or (spec.low_open and x <= low)))
               or (high is not None and (x > high or (spec.high_open and x >= high))))
    if outside or x < 0:
        return None
    return x


def break_even_table(scenario: GuaranteeScenario) -> pd.DataFrame:
    """For each input: its value, the break-even value and the room to spare.

    Examples
    --------
    >>> t = break_even_table(hampton_inn())
    >>> list(t.columns)
    ['label', 'value', 'break-even', 'break-even / value']
    """
    rows = []
    params = scenario.parameters()
    for name in _NUMERIC:
        value = float(getattr(scenario, name))
        be = break_even(scenario, name)
        rows.append({"input": name, "label": params[name].label, "value": value,
                     "break-even": math.nan if be is None else be,
                     "break-even / value": (math.nan if be is None or value == 0
                                            else be / value)})
    table = pd.DataFrame(rows).set_index("input")
    # each row's value and break-even are shown as that input is (a share in %, a price in $)
    table.attrs["row_units"] = {"columns": ["value", "break-even"],
                                "rows": {name: (params[name].kind, params[name].unit)
                                         for name in _NUMERIC}}
    table.attrs["formats"] = {"break-even / value": "ratio"}
    return table


# --------------------------------------------------------------------------- sensitivity

def _moved_input(scenario: GuaranteeScenario, name: str, x: float) -> tuple[float, str]:
    """``x`` held inside the range ``name`` may take in ``scenario``, and a note if it was cut.

    A share is capped at 1; the invokers' return rate at the good-stay return rate;
    invocations and false claims at the room-nights left by the other; room-nights
    kept at least the claims (``GuaranteeScenario.check``). The note says where the
    value was held and why, so a table never shows a bare NaN.
    """
    spec = scenario.parameters()[name]
    if spec.kind == "count":
        x = int(round(x))
    caps = []                                   # (edge, why): x must not exceed edge
    if spec.kind == "probability":
        caps.append((1.0, "capped at 1, a share's maximum"))
    if name == "return_rate":
        caps.append((scenario.stay_return_rate,
                      f"capped at the good-stay return rate ({scenario.stay_return_rate:g}): "
                      "invokers return no more often than guests whose stay did not fail"))
    if name in ("invocations", "false_claims"):
        other = scenario.false_claims if name == "invocations" else scenario.invocations
        room = int(math.floor(scenario.room_nights)) - other
        caps.append((room, f"capped at {room:,}, the room-nights sold less the other "
                     "claims: each claim is a stay"))
    for edge, why in sorted(caps, key=lambda c: c[0]):
        if x > edge:
            return edge, why
    if name == "room_nights":
        claims = scenario.invocations + scenario.false_claims
        if x < claims:
            return float(claims), (f"held at {claims:,}, the claims made: each claim is a stay")
    return x, ""


def sensitivity(scenario: GuaranteeScenario, change: float = 0.10) -> pd.DataFrame:
    """The return ratio after moving each input down and up by ``change`` (relative).

    Invocations are rounded to whole guests, and ``margin`` is left out because the
    return ratio does not depend on it. A moved input that would leave its allowed
    range is held at the range's edge, and the row's ``note`` says so: a share is
    capped at 1, the invokers' return rate at the good-stay return rate, claims at
    the room-nights sold, and room-nights kept at least the claims. Where a moved
    scenario has no cost at all (no claims paid, no advertising) its ratio is
    undefined: the cell, and the swing, read "no cost: ratio undefined"
    (:data:`NO_COST`) and the note says why. The table never shows NaN or inf.

    Parameters
    ----------
    scenario : GuaranteeScenario
    change : float
        Relative change in (0, 1); 0.10 moves each input by ±10%.

    Returns
    -------
    pandas.DataFrame
        Indexed by input: ``label``, ``low`` and ``high`` (return ratio after
        the fall and the rise), ``swing`` (high − low), and ``note`` (empty, or
        where a moved input was held at the edge of its range, or had no cost,
        and why). ``low``, ``high`` and ``swing`` are numbers, or :data:`NO_COST`
        where the ratio is undefined.

    Examples
    --------
    >>> t = sensitivity(hampton_inn())
    >>> t["swing"].abs().idxmax()      # the base of the attracted share, tied with the share
    'room_nights'
    >>> round(float(t.loc["price", "high"] - hampton_inn().run().return_ratio), 2)
    0.36
    >>> half = sensitivity(hampton_inn(), 0.5)     # 45% × 1.5 would pass the good-stay 60%
    >>> half.loc["return_rate", "note"]
    'high capped at the good-stay return rate (0.6): invokers return no more often than guests whose stay did not fail'
    >>> bool(half[["low", "high", "swing"]].isna().any().any())
    False
    >>> free = sensitivity(hampton_inn().replace(invocations=0, advertising=0))
    >>> free.loc["price", ["low", "high", "swing"]].tolist()
    ['no cost: ratio undefined', 'no cost: ratio undefined', 'no cost: ratio undefined']
    """
    v.instance("scenario", scenario, GuaranteeScenario)
    if isinstance(change, bool) or not isinstance(change, (int, float)) or not 0 < change < 1:
        raise ValueError(f"change must be a number in (0, 1); got {change!r}")
    params = scenario.parameters()
    rows = []
    for name in _NUMERIC:
        if name == "margin":
            continue
        ratios: list[float | str] = []
        notes = []
        for side, factor in (("low", 1 - change), ("high", 1 + change)):
            x, why = _moved_input(scenario, name, getattr(scenario, name) * factor)
            moved = scenario.replace(**{name: x}).run()
            if why:
                notes.append(f"{side} {why}")
            if moved.cost > 0:
                ratios.append(moved.return_ratio)
            else:
                ratios.append(NO_COST)
                notes.append(f"{side} has no cost (no claims paid, no advertising), so "
                             "revenue/cost is undefined")
        low, high = ratios
        swing = (high - low if isinstance(low, float) and isinstance(high, float)
                 else NO_COST)
        rows.append({"input": name, "label": params[name].label, "low": low,
                     "high": high, "swing": swing, "note": "; ".join(notes)})
    return pd.DataFrame(rows).set_index("input")


# --------------------------------------------------------------------------- Hart's conditions

#: Hart's (1988) five conditions for a good guarantee, with the seed's wording (seed 000, slide 16).
HART_CONDITIONS: dict[str, str] = {
    "unconditional": "Unconditional: no fine print, no exceptions (무조건적)",
    "easy_to_understand": "Easy to understand and communicate (이해하기 쉽고 설명하기 쉬움)",
    "meaningful": "Meaningful: covers what matters, with a payout that matters (중요하고 적정함)",
    "easy_to_invoke": "Easy to invoke: no forms, no arguing (이용하기 편함)",
    "easy_to_collect": "Easy and quick to collect; credible (신뢰성)",
}

_RATING = dict(kind="integer", low=0, high=4, step=1, source="hart1988")


@dataclass(frozen=True)
class GuaranteeDesign(Scenario):
    """A guarantee's design rated against Hart's five conditions.

    Each field is a rating from 0 (fails the condition) to 4 (meets it fully).
    The ratings of the presets are the course's judgement, for discussion.

    Examples
    --------
    >>> GuaranteeDesign(unconditional=4, easy_to_understand=4, meaningful=4,
    ...                 easy_to_invoke=4, easy_to_collect=4).run().verdict
    'strong'
    >>> fine_print_design().run().weakest
    'unconditional'
    """

    unconditional: int = param(2, "Unconditional", doc=HART_CONDITIONS["unconditional"],
                               **_RATING)
    easy_to_understand: int = param(2, "Easy to understand",
                                    doc=HART_CONDITIONS["easy_to_understand"], **_RATING)
    meaningful: int = param(2, "Meaningful", doc=HART_CONDITIONS["meaningful"], **_RATING)
    easy_to_invoke: int = param(2, "Easy to invoke", doc=HART_CONDITIONS["easy_to_invoke"],
                                **_RATING)
    easy_to_collect: int = param(2, "Easy to collect", doc=HART_CONDITIONS["easy_to_collect"],
                                 **_RATING)

    def run(self) -> "DesignResult":
        """Score the design: total, share of the maximum, weakest condition and verdict."""
        ratings = {name: getattr(self, name) for name in HART_CONDITIONS}
        weakest = min(ratings, key=lambda k: ratings[k])
        total = sum(ratings.values())
        if min(ratings.values()) == 0:
            verdict = "fails a condition"
        elif min(ratings.values()) >= 3:
            verdict = "strong"
        else:
            verdict = "needs work"
        return DesignResult(ratings=ratings, total=total, share=total / (4 * len(ratings)),
                            weakest=weakest, verdict=verdict)


@dataclass(frozen=True)
class DesignResult(Result):
    """Ratings of a guarantee design, 0–4 per condition.

    ``verdict`` is ``"strong"`` when every condition is rated 3 or more,
    ``"fails a condition"`` when any is 0, and ``"needs work"`` otherwise: a
    guarantee is as good as its weakest condition, so the verdict does not
    average.
    """

    ratings: dict[str, int]
    total: int
    share: float
    weakest: str
    verdict: str

    def to_frame(self) -> pd.DataFrame:
        """One row per condition: its description and rating."""
        rows = [{"condition": k, "description": HART_CONDITIONS[k], "rating (0-4)": v}
                for k, v in self.ratings.items()]
        return pd.DataFrame(rows).set_index("condition")


def compare_designs(designs: Mapping[str, GuaranteeDesign]) -> pd.DataFrame:
    """Several designs side by side: each condition's rating, the total (of 20) and the verdict.

    Examples
    --------
    >>> t = compare_designs({"Hampton Inn": hampton_inn_design(), "BBBK": bbbk_design()})
    >>> t.loc["total (of 20)"].tolist(), t.loc["verdict"].tolist()
    ([19, 17], ['strong', 'strong'])
    """
    results = {name: design.run() for name, design in designs.items()}
    return pd.DataFrame({name: {**r.ratings, "total (of 20)": r.total, "verdict": r.verdict}
                         for name, r in results.items()})


def _rated_by_the_course(design: GuaranteeDesign) -> GuaranteeDesign:
    """A design whose ratings are the course's judgement: Hart (1988) gives the conditions,
    not these scores, so the inputs table must not cite him for them."""
    return design.with_sources(**{name: "the course's rating on Hart's (1988) condition"
                                  for name in design.parameters()})


@preset
def hampton_inn_design() -> GuaranteeDesign:
    """Hampton Inn's '100% satisfaction or you don't pay' (ratings are the course's judgement)."""
    return _rated_by_the_course(GuaranteeDesign(unconditional=4, easy_to_understand=4, meaningful=3,
                           easy_to_invoke=4, easy_to_collect=4))


@preset
def bbbk_design() -> GuaranteeDesign:
    """Bugs Burger Bug Killers' guarantee (seed 000, slide 18); ratings are the course's view."""
    return _rated_by_the_course(GuaranteeDesign(unconditional=4, easy_to_understand=3, meaningful=4,
                           easy_to_invoke=3, easy_to_collect=3))


@preset
def fine_print_design() -> GuaranteeDesign:
    """An illustrative 'satisfaction guaranteed*' with conditions, a claim form and a voucher."""
    return _rated_by_the_course(GuaranteeDesign(unconditional=0, easy_to_understand=2, meaningful=1,
                           easy_to_invoke=1, easy_to_collect=2))


# --------------------------------------------------------------------------- when to offer

#: When a guarantee is worth offering (seed 000, slide 15).
NEED_SITUATIONS: dict[str, str] = {
    "high_price": "The service is expensive (상품 자체의 가격이 높은 경우)",
    "self_image": "The purchase touches the customer's self-image (자아이미지)",
    "serious_harm": "A failure would harm the customer seriously (피해가 심각)",
    "bad_industry_image": "The industry has a poor reputation (부정적 이미지)",
    "repeat_purchase": "Repeat purchase matters (반복구매가 중요)",
    "word_of_mouth": "The business depends on word of mouth (구전)",
    "buyer_resistance": "Buyers hesitate to try it (구매자의 저항이 큰 경우)",
}

_SITUATION = dict(kind="bool", source="seed 000, slide 15")


@dataclass(frozen=True)
class GuaranteeNeed(Scenario):
    """The seed's checklist of situations in which a guarantee is worth offering.

    Examples
    --------
    >>> r = hotel_need().run()
    >>> r.count, r.recommendation
    (3, 'worth offering')
    >>> GuaranteeNeed().run().recommendation
    'probably not needed'
    """

    high_price: bool = param(False, "High price", doc=NEED_SITUATIONS["high_price"],
                             **_SITUATION)
    self_image: bool = param(False, "Self-image", doc=NEED_SITUATIONS["self_image"],
                             **_SITUATION)
    serious_harm: bool = param(False, "Serious harm", doc=NEED_SITUATIONS["serious_harm"],
                               **_SITUATION)
    bad_industry_image: bool = param(False, "Poor industry image",
                                     doc=NEED_SITUATIONS["bad_industry_image"], **_SITUATION)
    repeat_purchase: bool = param(False, "Repeat purchase",
                                  doc=NEED_SITUATIONS["repeat_purchase"], **_SITUATION)
    word_of_mouth: bool = param(False, "Word of mouth", doc=NEED_SITUATIONS["word_of_mouth"],
                                **_SITUATION)
    buyer_resistance: bool = param(False, "Buyer resistance",
                                   doc=NEED_SITUATIONS["buyer_resistance"], **_SITUATION)

    def run(self) -> "NeedResult":
        """Count the situations that apply and recommend (threshold: the course's rule of thumb)."""
        applies = {k: getattr(self, k) for k in NEED_SITUATIONS}
        n = sum(applies.values())
        if n >= 3:
            rec = "worth offering"
        elif n >= 1:
            rec = "worth considering"
        else:
            rec = "probably not needed"
        return NeedResult(applies=applies, count=n, recommendation=rec)


@dataclass(frozen=True)
class NeedResult(Result):
    """Which of the seven situations apply, how many, and a recommendation.

    The seed lists the situations without a threshold; the course's rule of
    thumb is three or more: "worth offering", one or two: "worth considering".
    """

    applies: dict[str, bool]
    count: int
    recommendation: str

    def to_frame(self) -> pd.DataFrame:
        """One row per situation: its description and whether it applies."""
        rows = [{"situation": k, "description": NEED_SITUATIONS[k], "applies": "yes" if v else "no"}
                for k, v in self.applies.items()]
        return pd.DataFrame(rows).set_index("situation")


@preset
def hotel_need() -> GuaranteeNeed:
    """A mid-price hotel chain: repeat stays, word of mouth and hesitant first-time guests."""
    return GuaranteeNeed(repeat_purchase=True, word_of_mouth=True,
                         buyer_resistance=True).with_sources(**{
        name: "the course's judgement of a mid-price hotel (the situations: seed 000, slide 15)"
        for name in ("repeat_purchase", "word_of_mouth", "buyer_resistance")})
