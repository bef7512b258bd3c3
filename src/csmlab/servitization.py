"""Servitization (산업의 서비스화): the share of a product's lifetime cost a maker can earn.

Seed 002 (slides 16–19) argues that for many products the purchase is a small
part of what owning them costs: for a corporate PC, a railway and a household
car the purchase is about 1/5, 1/21 and 1/5 of the yearly cost of ownership
(slide 16, after Wise & Baumgartner, 1999), so profit moves "downstream" into
services, as GE's and IBM's shift shows (slides 17–18; the figures are in
:mod:`csmlab.cases.servitization`).

:class:`LifecycleScenario` turns that into a product life cycle. The customer
pays the purchase price once (year 0) and then, every year of the product's
life, a yearly "downstream" spend on running, maintaining and supporting it,
given as a multiple of the purchase price. Only part of that spend is
something the maker can sell as a service: a PC's repair, support and network
management are; the staff time lost when PCs are down, the railway's own track
and staff, a household's petrol and its next used car are not. The
``serviceable_share`` is that part (for the presets, the course's declaration
in :data:`csmlab.cases.servitization.OWNERSHIP_CAPTURABLE`). The maker sells the
product at the product margin and captures a share of the *serviceable* spend
as service revenue at the service margin. Money is discounted to year 0. The result splits the
maker's revenue and profit into product and services and finds two capture
shares: the *parity* capture, at which services earn as much as the product,
and the *break-even* capture, at which the maker's lifetime profit reaches zero
(above 0 only when the product is sold at a loss to win the service, as with
printers and razors: ``product_margin`` may be negative). Services' share of
the lifetime profit is undefined (``nan``, shown "–") when that profit is zero
or negative: there is no profit to share, and a share of a loss would read as
nonsense (services "0%" of a loss they reduce). When the product loses money
and services more than cover it, the share is above 100% and the product's is
negative; the result's table says so in its header.

:func:`from_ownership_cost` builds a scenario from the seed's way of putting it
(a yearly cost of ownership and the purchase's share of it), reading the
purchase as the price spread evenly over the product's life. That reading is
the course's: the slide does not say how the purchase was annualised, and the
assignment of the three shares to the three columns is assumed from their
order. Which items are serviceable, and the equal split of the non-purchase
spend among the listed items, are the course's too. Product lives, capture
shares, margins and the discount rate are illustrative.

Examples
--------
>>> r = corporate_pc().run()
>>> round(r.purchase_share, 3)          # of the lifetime cost, undiscounted
0.2
>>> round(r.service_profit_share, 2)
0.51
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from csmlab import validation as v
from csmlab.cases.servitization import (GE_SHIFT, IBM_SHIFT, OWNERSHIP_CAPTURABLE,
                                        OWNERSHIP_COST, serviceable_share)
from csmlab.scenario import Result, Scenario, param, preset

__all__ = ["LifecycleScenario", "LifecycleResult", "from_ownership_cost", "corporate_pc",
           "railway", "household_car", "ownership_cost_table", "capturable_items", "services_shift",
           "compare_lifecycles"]

_SRC16 = "seed 002, slide 16 (course reading)"

#: The header of the profit-share column when there is no lifetime profit to share.
UNDEFINED_SHARE = "share of profit (undefined: no lifetime profit)"
#: Its header when one source loses money: the other's share is then above 100%.
LOSS_SHARE = "share of profit (one side at a loss)"


@dataclass(frozen=True)
class LifecycleResult(Result):
    """Revenue and profit from the product and from services over one product's life.

    Attributes
    ----------
    years : pandas.DataFrame
        One row per year (0 = purchase): the customer's ``purchase`` and
        ``downstream`` spend and the ``serviceable`` part of it, the maker's ``product revenue``, ``service revenue``,
        ``product profit`` and ``service profit``, the ``discount factor``, and
        the discounted cumulative profits ``cumulative product profit`` and
        ``cumulative service profit``.
    lifetime_cost : float
        The customer's undiscounted cost of ownership: price plus downstream spend.
    purchase_share : float
        The purchase price as a share of ``lifetime_cost``.
    product_revenue, service_revenue : float
        The maker's revenue, discounted to year 0.
    product_profit, service_profit : float
        The maker's profit, discounted to year 0.
    service_profit_share : float
        Services' share of the maker's lifetime profit: above 1 when the
        product is sold at a loss and services more than cover it; ``nan``
        (undefined, shown "–") when the lifetime profit is zero or negative,
        since there is then no profit to share.
    parity_capture : float
        The share of the serviceable spend the maker must capture for service
        profit to equal product profit (0 if the product is sold at a loss;
        ``inf`` if services earn nothing whatever the capture while the product
        earns something; above 1 if even all of it is not enough).
    breakeven_capture : float
        The share of the serviceable spend the maker must capture for its
        lifetime profit, product and services together, to reach zero (0 if
        the product alone does not lose money; ``inf`` if services earn nothing
        to cover a loss on the product).
    """

    years: pd.DataFrame
    lifetime_cost: float
    purchase_share: float
    product_revenue: float
    service_revenue: float
    product_profit: float
    service_profit: float
    service_profit_share: float
    parity_capture: float
    breakeven_capture: float

    def to_frame(self) -> pd.DataFrame:
        """Product, services and total: revenue and profit, discounted, and profit shares.

        The shares are undefined (``nan``, shown "–") when the lifetime profit is zero
        or negative, and the column's header then says so; when one source loses money
        and the total is positive, the header says that the other's share is above 100%.

        Examples
        --------
        >>> corporate_pc().replace(product_margin=-0.5).run().to_frame().columns[-1]
        'share of profit (undefined: no lifetime profit)'
        """
        total_profit = self.product_profit + self.service_profit
        share = self.service_profit_share
        if np.isnan(share):
            header, shares = UNDEFINED_SHARE, [np.nan] * 3
        else:
            header = (LOSS_SHARE if min(self.product_profit, self.service_profit) < 0
                      else "share of profit")
            shares = [1 - share, share, 1.0]
        frame = pd.DataFrame({
            "revenue (PV)": [self.product_revenue, self.service_revenue,
                             self.product_revenue + self.service_revenue],
            "profit (PV)": [self.product_profit, self.service_profit, total_profit],
            header: shares,
        }, index=pd.Index(["product", "services", "total"], name="source"))
        frame.attrs["formats"] = {header: "share"}   # shown in % even beyond 100%
        return frame


@dataclass(frozen=True)
class LifecycleScenario(Scenario):
    """One product over its life: the purchase, the downstream spend, and what the maker captures.

    Parameters
    ----------
    purchase_price : float
        Price of the product (any currency unit; every money result is in it).
    life_years : int
        Years the product is used (1–50).
    yearly_cost_multiple : float
        The customer's yearly downstream spend (running, maintenance, support,
        insurance, financing, but also the customer's own staff and fuel…) as a
        multiple of the purchase price.
    serviceable_share : float
        Share of the downstream spend that a maker can sell as a service (0–1).
    service_capture : float
        Share of the serviceable spend the maker earns as service revenue (0–1).
    product_margin : float
        Profit per unit of revenue on the product (−1 to 1): below 0 when the
        product is sold at a loss to win the service (printers, razors).
    service_margin : float
        Profit per unit of revenue on services (0–1).
    discount_rate : float
        Yearly discount rate (0–0.5).

    Examples
    --------
    >>> r = LifecycleScenario(purchase_price=1000, life_years=2, yearly_cost_multiple=1,
    ...                       serviceable_share=1, service_capture=0.5, product_margin=0.1,
    ...                       service_margin=0.2, discount_rate=0).run()
    >>> r.lifetime_cost, r.product_profit, r.service_profit
    (3000.0, 100.0, 200.0)
    >>> r.parity_capture, r.breakeven_capture
    (0.25, 0.0)
    >>> loss = LifecycleScenario(purchase_price=1000, life_years=2, yearly_cost_multiple=1,
    ...                          serviceable_share=1, service_capture=0.5, product_margin=-0.1,
    ...                          service_margin=0.2, discount_rate=0).run()
    >>> loss.product_profit, loss.parity_capture, loss.breakeven_capture
    (-100.0, 0.0, 0.25)
    """

    purchase_price: float = param(3_755.0, "Purchase price", low=0, low_open=True,
                                  unit="currency units", slider=(100, 50_000), step=100,
                                  source=_SRC16)
    life_years: int = param(3, "Product life", kind="integer", low=1, high=50, unit="years",
                            source="illustrative")
    yearly_cost_multiple: float = param(4 / 3, "Yearly downstream spend", low=0, high=20,
                                        unit="× purchase price", slider=(0, 3), step=0.05,
                                        source=_SRC16)
    serviceable_share: float = param(0.6, "Serviceable share of downstream spend",
                                     kind="probability", unit="share", step=0.05,
                                     source="course declaration (seed 002, slide 16's items)")
    service_capture: float = param(0.2, "Share of serviceable spend captured", kind="probability",
                                   unit="share", step=0.01, source="illustrative")
    product_margin: float = param(0.10, "Product margin", low=-1, high=1, unit="share",
                                  step=0.01, slider=(-0.5, 0.5),
                                  doc="Below 0: the product is sold at a loss to win the "
                                  "service", source="illustrative")
    service_margin: float = param(0.25, "Service margin", kind="probability", unit="share",
                                  step=0.01, source="illustrative")
    discount_rate: float = param(0.08, "Discount rate", low=0, high=0.5, unit="per year",
                                 step=0.01, source="illustrative")

    explorer_fields = ("yearly_cost_multiple", "serviceable_share", "service_capture", "product_margin",
                       "service_margin", "life_years")

    def run(self) -> LifecycleResult:
        """Year-by-year revenue and profit, discounted totals, the parity and break-even
        captures."""
        n = self.life_years
        t = np.arange(n + 1)
        purchase = np.where(t == 0, self.purchase_price, 0.0)
        downstream = np.where(t == 0, 0.0, self.yearly_cost_multiple * self.purchase_price)
        serviceable = self.serviceable_share * downstream
        service_rev = self.service_capture * serviceable
        product_profit = self.product_margin * purchase
        service_profit = self.service_margin * service_rev
        disc = (1 + self.discount_rate) ** -t.astype(float)
        years = pd.DataFrame({
            "purchase": purchase, "downstream": downstream, "serviceable": serviceable,
            "product revenue": purchase, "service revenue": service_rev,
            "product profit": product_profit, "service profit": service_profit,
            "discount factor": disc,
            "cumulative product profit": np.cumsum(product_profit * disc),
            "cumulative service profit": np.cumsum(service_profit * disc),
        }, index=pd.Index(t, name="year"))
        lifetime = float(purchase.sum() + downstream.sum())
        pp = float((product_profit * disc).sum())
        sp = float((service_profit * disc).sum())
        pv_serviceable = float((serviceable * disc).sum())
        per_capture = self.service_margin * pv_serviceable

        def needed(profit: float) -> float:   # capture at which service profit reaches it
            if profit <= 0:
                return 0.0
            return profit / per_capture if per_capture > 0 else float("inf")
        return LifecycleResult(
            years=years, lifetime_cost=lifetime, purchase_share=self.purchase_price / lifetime,
            product_revenue=float((purchase * disc).sum()),
            service_revenue=float((service_rev * disc).sum()),
            product_profit=pp, service_profit=sp,
            service_profit_share=sp / (pp + sp) if pp + sp > 0 else float("nan"),
            parity_capture=needed(pp), breakeven_capture=needed(-pp))


def from_ownership_cost(yearly_total: float, purchase_share: float, life_years: int,
                        **others: Any) -> LifecycleScenario:
    """A life cycle from a yearly cost of ownership and the purchase's share of it.

    The purchase is read as the price spread evenly over the product's life:
    price = yearly_total × purchase_share × life_years, and the rest of each
    year's cost, yearly_total × (1 − purchase_share), is the downstream spend.

    Parameters
    ----------
    yearly_total : float
        Yearly cost of owning and running the product (above 0).
    purchase_share : float
        The purchase's share of that yearly cost (above 0, at most 1).
    life_years : int
        Product life in years.
    **others
        Other :class:`LifecycleScenario` fields (capture, margins, discount rate).

    Examples
    --------
    >>> s = from_ownership_cost(6_259, 1 / 5, 3)
    >>> round(s.purchase_price), round(s.yearly_cost_multiple, 3)
    (3755, 1.333)
    """
    total = v.real("yearly_total", yearly_total, 0, None, low_open=True)
    share = v.real("purchase_share", purchase_share, 0, 1, low_open=True)
    life = v.integer("life_years", life_years, 1, 50)
    price = total * share * life
    how = (f"from a yearly cost of {total:,.0f} of which the purchase is {share:.3g}, over "
           f"{life} years (course reading of seed 002, slide 16)")
    return LifecycleScenario(purchase_price=price, life_years=life,
                             yearly_cost_multiple=(1 - share) / (share * life),
                             **others).with_sources(purchase_price=how, yearly_cost_multiple=how)


def ownership_cost_table() -> pd.DataFrame:
    """The seed's three examples: yearly cost of ownership, purchase share, purchase per year.

    Examples
    --------
    >>> t = ownership_cost_table()
    >>> t["purchase per year"].round(0).tolist()
    [1252.0, 1381.0, 1213.0]
    """
    rows = {name: {"yearly cost": total, "unit": unit, "purchase share": share,
                   "purchase per year": total * share, "everything else per year":
                   total * (1 - share)}
            for name, (total, unit, share) in OWNERSHIP_COST.items()}
    frame = pd.DataFrame(rows).T
    for col in ("yearly cost", "purchase share", "purchase per year", "everything else per year"):
        frame[col] = frame[col].astype(float)
    frame.index.name = "example"
    return frame


def capturable_items() -> pd.DataFrame:
    """Each non-purchase item of slide 16, whether a maker can sell it as service, and why.

    The items are the slide's; the declaration is the course's. Each example's
    serviceable share (the presets' ``serviceable_share``) is its capturable
    items over all its items, an equal split the slide does not print.

    Examples
    --------
    >>> t = capturable_items()
    >>> t.groupby("example", sort=False)["capturable"].mean().round(3).tolist()
    [0.6, 0.333, 0.5]
    """
    rows = [(name, item, capturable, reason)
            for name, items in OWNERSHIP_CAPTURABLE.items()
            for item, capturable, reason in items]
    return pd.DataFrame(rows, columns=["example", "item", "capturable", "why"])


def compare_lifecycles(scenarios: Mapping[str, LifecycleScenario]) -> pd.DataFrame:
    """Several life cycles side by side, in shares (so different currency units compare).

    Parameters
    ----------
    scenarios : mapping
        Name → :class:`LifecycleScenario`.

    Returns
    -------
    pandas.DataFrame
        One row per scenario: ``purchase share of lifetime cost``, ``capture share``,
        ``serviceable share``, ``services' share of profit`` (``nan``, shown "–",
        for a scenario with no lifetime profit to share) and ``parity capture
        share`` (the share of the serviceable spend at which services earn as much
        as the product).

    Examples
    --------
    >>> t = compare_lifecycles({"PC": corporate_pc(), "car": household_car()})
    >>> t["parity capture share"].round(3).tolist()
    [0.194, 0.298]
    """
    if not isinstance(scenarios, Mapping) or not scenarios:
        raise ValueError("scenarios must be a non-empty mapping of name to LifecycleScenario")
    rows = {}
    for name, scenario in scenarios.items():
        v.instance(f"scenarios[{name!r}]", scenario, LifecycleScenario)
        r = scenario.run()
        rows[str(name)] = {"purchase share of lifetime cost": r.purchase_share,
                           "serviceable share": scenario.serviceable_share,
                           "capture share": scenario.service_capture,
                           "services' share of profit": r.service_profit_share,
                           "parity capture share": r.parity_capture}
    frame = pd.DataFrame(rows).T.astype(float)
    frame.index.name = "product"
    return frame


def services_shift(ge_reading: str = "services") -> pd.DataFrame:
    """GE's and IBM's services share of sales and the services revenue it implies.

    Seed 002, slides 17–18. GE's slide leaves open which of the 1999 shares
    30% and 55% is services: ``ge_reading="services"`` (the course's reading)
    gives services 19% → 55%, ``"technology"`` the other reading, services
    19% → 30% (technology 30% → 55%). IBM's 2003 figure was a forecast.
    Services revenue is share × sales (derived).

    Parameters
    ----------
    ge_reading : {"services", "technology"}
        Which GE business the slide's 55% in 1999 belongs to.

    Returns
    -------
    pandas.DataFrame
        One row per company and year: ``sales ($ billion)``, ``services share``
        and ``services revenue ($ billion)``.

    Examples
    --------
    >>> t = services_shift()
    >>> t["services revenue ($ billion)"].round(1).tolist()
    [5.2, 61.4, 7.8, 23.8, 59.3]
    >>> round(float(services_shift("technology").loc[1, "services revenue ($ billion)"]), 1)
    33.5
    """
    v.one_of("ge_reading", ge_reading, ["services", "technology"])
    rows = []
    for year, row in GE_SHIFT.items():
        share = row["services"]
        if ge_reading == "technology" and year == 1999:
            share = row["technology"]
        rows.append(("GE", str(year), row["sales"], share / 100))
    for year, row in IBM_SHIFT.items():
        label = f"{year} (forecast)" if year == 2003 else str(year)
        rows.append(("IBM", label, row["sales"], row["services"] / 100))
    frame = pd.DataFrame(rows, columns=["company", "year", "sales ($ billion)",
                                        "services share"])
    frame["services revenue ($ billion)"] = frame["sales ($ billion)"] * frame["services share"]
    return frame


def _seed(name: str, life: int) -> LifecycleScenario:
    total, _, share = OWNERSHIP_COST[name]
    return from_ownership_cost(total, share, life, serviceable_share=serviceable_share(name))


@preset
def corporate_pc() -> LifecycleScenario:
    """A corporate PC: $6,259 a year, the purchase 1/5 of it (seed 002, slide 16); 3-year life.

    Three of the five non-purchase items are serviceable (course declaration). The product life, capture share, margins and discount rate are illustrative.
    """
    return _seed("corporate PC", 3)


@preset
def railway() -> LifecycleScenario:
    """A railway, in $ million: $29 billion a year, trains 1/21 of it (seed 002, slide 16).

    Two of the six non-purchase items are serviceable (course declaration).
    Trains last 30 years here; that, the capture share, margins and discount
    rate are illustrative. The railway is read as buying one fleet in year 0
    that lasts all 30 years, so the "price" is 30 years of train purchases
    ($41.4 billion) and the product profit is earned at once; a real railway
    buys trains continuously, which would spread that profit over the years.
    """
    return _seed("railway", 30)


@preset
def household_car() -> LifecycleScenario:
    """A household car: $6,064 a year, the purchase 1/5 of it (seed 002, slide 16); 10-year life.

    Two of the four non-purchase items (insurance, loans) are serviceable (course
    declaration). The product life, capture share, margins and discount rate are illustrative.
    """
    return _seed("household car", 10)
