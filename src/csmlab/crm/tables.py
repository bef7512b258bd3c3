"""The seeds' CRM tables, as data frames: who makes the profit, and how to treat them.

:func:`supermarket_table` and :func:`phone_table` (seed 002, slide 89) and
:func:`profit_groups` (slide 78) show how unevenly profit is spread over
customers; :data:`STRATEGY_GRID` is the loyalty–profitability grid of
:cite:`reinartz2002` (slide 79) and :data:`CUSTOMISATION_FACES` Gilmore and
Pine's four faces of mass customisation (slide 98).
"""

from __future__ import annotations


import pandas as pd


__all__ = [
    "h_store_table", "supermarket_table", "profit_groups", "phone_table", "STRATEGY_GRID", "CUSTOMISATION_FACES",
]


def h_store_table() -> pd.DataFrame:
    """The seed's H department store tiers (slide 90): the thresholds and each tier's share.

    The shares are shown with the slide's one decimal (5.4%, not 5%), so the table
    and the prose that quotes it (glued from this table) read the same.

    Examples
    --------
    >>> t = h_store_table()
    >>> t.index.tolist(), round(float(t["share of customers"].sum()), 3)
    (['top', 'good', 'regular', 'general'], 1.0)
    >>> from csmlab.display import format_frame
    >>> format_frame(t)["share of customers"].tolist()
    ['5.4%', '15.6%', '19.0%', '60.0%']
    """
    from csmlab.cases import value

    table = pd.DataFrame(value("crm.h_store_tiers"),
                         columns=["tier", "purchases per year from", "spend per year from (KRW)",
                                  "share of customers"]).set_index("tier")
    table.attrs["formats"] = {"share of customers": "share1"}
    return table


def supermarket_table() -> pd.DataFrame:
    """The seed's supermarket table (slide 89), with yearly spend recomputed.

    Yearly spend = spend per visit × visits per week × 52 weeks. Shares of
    spend assume the 20/60/20 tiers hold 20, 60 and 20 of every 100 customers.

    Examples
    --------
    >>> t = supermarket_table()
    >>> t["per year (computed)"].tolist()
    [46.8, 353.6, 2730.0]
    >>> round(float(t.loc["top 20%", "share of spend"]), 3)
    0.711
    """
    from csmlab.cases import value

    rows = value("crm.supermarket")
    frame = pd.DataFrame(rows, columns=["tier", "customers per 100", "per visit",
                                        "per year (stated)", "visits per week"]).set_index("tier")
    frame["per year (computed)"] = (frame["per visit"] * frame["visits per week"] * 52).round(1)
    spend = frame["per year (computed)"] * frame["customers per 100"]
    frame["share of spend"] = spend / spend.sum()
    return frame


def profit_groups() -> pd.DataFrame:
    """The seed's profit contribution by customer group (slide 78), with the totals.

    The customer shares sum to 98% and the profit shares to 101%; the table
    keeps the printed values and reports the sums, so the ambiguity stays in
    view.

    Examples
    --------
    >>> t = profit_groups()
    >>> round(float(t["share of customers"].sum()), 2), round(float(t["share of profit"].sum()), 2)
    (0.98, 1.01)
    >>> round(float(t.loc["loss-making", "cumulative share of profit"]), 2)
    1.01
    """
    from csmlab.cases import value

    frame = pd.DataFrame(value("crm.profit_groups"),
                         columns=["group", "share of customers", "share of profit"]
                         ).set_index("group")
    frame["cumulative share of customers"] = frame["share of customers"].cumsum()
    frame["cumulative share of profit"] = frame["share of profit"].cumsum()
    return frame


def phone_table() -> pd.DataFrame:
    """The seed's long-distance phone customers (slide 89) under two readings of its revenue shares.

    Reading a gives group 4 (the top 4% of customers) 53% of revenue; reading
    b gives it 47%. The last row holds each column's sum: only reading b adds
    up to 100%, and only reading a explains the printed 89%.

    Examples
    --------
    >>> t = phone_table()
    >>> [round(float(x), 2) for x in t.loc["sum", ["revenue share, reading a",
    ...                                            "revenue share, reading b"]]]
    [1.06, 1.0]
    """
    from csmlab.cases import value

    frame = pd.DataFrame(value("crm.phone_groups"),
                         columns=["group", "usage band", "share of customers",
                                  "revenue share, reading a", "revenue share, reading b"]
                         ).set_index("group")
    total = frame.drop(columns="usage band").sum()
    frame.loc["sum"] = ["", *total.tolist()]
    frame.attrs["formats"] = {"revenue share, reading a": "share",
                              "revenue share, reading b": "share"}
    return frame


#: The loyalty–profitability grid of :cite:`reinartz2002` (seed 002, slide 79
#: draws its two axes): (profitability, relationship, name, strategy).
STRATEGY_GRID: tuple[tuple[str, str, str, str], ...] = (
    ("high", "short", "butterflies",
     "Enjoy them while they last: sell hard during the transaction, then stop investing."),
    ("high", "long", "true friends",
     "Reward and defend them: steady, not too frequent contact; build attitudinal loyalty."),
    ("low", "short", "strangers",
     "Make a profit on every transaction; invest nothing in the relationship."),
    ("low", "long", "barnacles",
     "Measure their wallet: cross- and up-sell if it is large, cut service cost if small."),
)

#: Gilmore and Pine's four faces of mass customisation :cite:`gilmore1997`
#: (seed 002, slide 98): (face, Korean term, product changed?, representation
#: changed?, example from the article).
CUSTOMISATION_FACES: tuple[tuple[str, str, bool, bool, str], ...] = (
    ("collaborative", "협동형", True, True, "Paris Miki designs each customer's glasses"),
    ("adaptive", "적응형", False, False, "Lutron lights that users set themselves"),
    ("cosmetic", "장식형", False, True, "Planters packs the same nuts per retailer"),
    ("transparent", "관찰형", True, False, "ChemStation tunes soap by observed use"),
)
