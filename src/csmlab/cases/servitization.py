"""Figures for servitization (:mod:`csmlab.servitization`): ownership cost, GE and IBM.

All from seed 002, slides 16–19. Where the slide text cannot be read one way
only, the fact's ``status`` is ``"ambiguous"`` and its ``note`` says which
reading the course uses.
"""

from csmlab.cases import Fact, register

#: Yearly cost of ownership and the purchase's share of it (seed 002, slide 16),
#: per example: (yearly total, currency unit, purchase share).
OWNERSHIP_COST: dict[str, tuple[float, str, float]] = {
    "corporate PC": (6_259.0, "$ per PC per year", 1 / 5),
    "railway": (29_000.0, "$ million per year, whole company", 1 / 21),
    "household car": (6_064.0, "$ per household per year", 1 / 5),
}

#: What the rest of each year's cost is spent on, as the slide lists it (bottom to top
#: in its stacked bars; the sizes of the segments are not recoverable).
OWNERSHIP_SEGMENTS: dict[str, tuple[str, ...]] = {
    "corporate PC": ("PC hardware (purchase)", "network equipment repair and maintenance",
                     "technical support", "network management",
                     "staff time and lost opportunity when PCs are down", "other"),
    "railway": ("train purchase", "train-related services", "freight-train services",
                "rail infrastructure", "operations support staff",
                "track and yard operation and management", "inspection and maintenance"),
    "household car": ("new car purchase", "used-car purchase", "petrol", "car insurance",
                      "car loans"),
}

#: Whether the maker of the product can sell each non-purchase item of slide 16 as a
#: service, and why: (item, capturable, reason). The declaration is the course's; the
#: slide lists the items but says nothing about who can sell them.
OWNERSHIP_CAPTURABLE: dict[str, tuple[tuple[str, bool, str], ...]] = {
    "corporate PC": (
        ("network equipment repair and maintenance", True, "a repair and maintenance service"),
        ("technical support", True, "a support service"),
        ("network management", True, "a managed service"),
        ("staff time and lost opportunity when PCs are down", False,
         "the customer's own loss: a maker can reduce it, not sell it"),
        ("other", False, "contents unknown, so not counted"),
    ),
    "railway": (
        ("train-related services", True, "services on the trains the maker built"),
        ("freight-train services", False, "the railway's own freight business"),
        ("rail infrastructure", False, "track and structures, not the maker's product"),
        ("operations support staff", False, "the railway's own staff"),
        ("track and yard operation and management", False, "the railway's own operations"),
        ("inspection and maintenance", True,
         "read as maintenance of the rolling stock (the slide does not say)"),
    ),
    "household car": (
        ("used-car purchase", False, "the purchase of another car, not a service on this one"),
        ("petrol", False, "fuel, sold by oil companies"),
        ("car insurance", True, "can be sold through the maker's dealers or finance arm"),
        ("car loans", True, "can be sold through the maker's finance arm"),
    ),
}

_CAPTURABLE_NOTE = (
    "Which items a maker can sell is the course's declaration. The slide does not print the "
    "sizes of the segments, so the course gives each listed item an equal part of the "
    "non-purchase spend: the serviceable share is the number of capturable items over the "
    "number of items (3/5 for the PC, 2/6 for the railway, 2/4 for the car). That equal "
    "split is an assumption, not a reading of the slide.")


def serviceable_share(example: str) -> float:
    """Share of an example's non-purchase spend the maker can sell as service (course reading).

    Each item the slide lists is given an equal part of the non-purchase spend,
    and the items declared capturable in :data:`OWNERSHIP_CAPTURABLE` are summed.

    Examples
    --------
    >>> serviceable_share("corporate PC")
    0.6
    """
    items = OWNERSHIP_CAPTURABLE[example]
    return sum(1 for _, capturable, _ in items if capturable) / len(items)


_OWNERSHIP_NOTE = (
    "The slide prints three yearly totals and, under the three stacked bars, the shares "
    "1/5, 1/21 and 1/5 of 'product purchase cost'. The course assumes the shares follow "
    "the column order (PC, railway, car) and reads the purchase as a yearly amount, the "
    "purchase price spread over the product's life. Derived: about $1,252 a year for "
    "the PC, $1.38 billion for the railway and $1,213 for the car. The sizes of the "
    "other segments cannot be read from the text.")

#: GE's sales by business (% of sales) in 1981 and 1999, in the course's reading
#: (seed 002, slide 17), and total sales in $ billion.
GE_SHIFT: dict[int, dict[str, float]] = {
    1981: {"manufacturing": 51.0, "technology": 30.0, "services": 19.0, "sales": 27.24},
    1999: {"manufacturing": 15.0, "technology": 30.0, "services": 55.0, "sales": 111.63},
}

#: IBM's services share of revenue (%) and revenue ($ billion) (seed 002, slide 18).
#: 1992 and 1998 are actuals, 2003 a forecast.
IBM_SHIFT: dict[int, dict[str, float]] = {
    1992: {"services": 12.0, "sales": 65.0},
    1998: {"services": 29.0, "sales": 82.0},
    2003: {"services": 46.0, "sales": 129.0},
}

#: The customer's life-cycle value chain (LTV chain) a solution firm serves (seed 002, slide 19).
LTV_CHAIN: tuple[str, ...] = ("specify", "search", "buy", "use", "maintain", "upgrade",
                              "dispose")

register(
    Fact("servitization.pc_yearly_cost", 6_259, "$ per PC per year",
         "Yearly spending per corporate PC, all costs of owning and running it",
         "seed 002, slide 16", cite="wise1999", status="reported",
         note="The slide cites 'Go Downstream: The New Profit Imperative in "
              "Manufacturing' in the Korean edition of the Harvard Business Review (Dec. "
              "2000), naming Peter Baumgartner; the original is Wise & Baumgartner (1999)."),
    Fact("servitization.rail_yearly_cost", 29_000_000_000, "$ per year",
         "Yearly total cost of a railway company ($290억 on the slide)", "seed 002, slide 16",
         cite="wise1999", status="reported"),
    Fact("servitization.car_yearly_cost", 6_064, "$ per household per year",
         "Yearly spending per household on its car", "seed 002, slide 16",
         cite="wise1999", status="reported"),
    Fact("servitization.purchase_shares", (1 / 5, 1 / 21, 1 / 5), "share",
         "Purchase cost as a share of the yearly cost of ownership: PC, railway, car",
         "seed 002, slide 16", status="ambiguous", note=_OWNERSHIP_NOTE),
    Fact("servitization.ownership_cost", OWNERSHIP_COST, "table",
         "Yearly cost of ownership and the purchase's share, per example",
         "seed 002, slide 16", status="ambiguous", note=_OWNERSHIP_NOTE),
    Fact("servitization.capturable_items", OWNERSHIP_CAPTURABLE, "table",
         "Which non-purchase items of slide 16 a maker can sell as service, per example",
         "seed 002, slide 16 (items); course declaration (capturable or not)",
         status="illustrative", note=_CAPTURABLE_NOTE),
    Fact("servitization.ge_sales", (27.24, 111.63), "$ billion",
         "GE's sales in 1981 and 1999", "seed 002, slide 17"),
    Fact("servitization.ge_manufacturing_share", (51, 15), "% of sales",
         "GE's core manufacturing (lamps, appliances, power systems, transport) as a share "
         "of sales, 1981 and 1999", "seed 002, slide 17"),
    Fact("servitization.ge_shift", GE_SHIFT, "% of sales",
         "GE's sales by business, 1981 and 1999: manufacturing, technology (medical "
         "systems, plastics, aircraft engines), services (financial services, real estate, "
         "NBC, nuclear and maintenance services)", "seed 002, slide 17", status="ambiguous",
         note="The slide prints 51, 15, 30, 55, 30 and 19. Only {51, 30, 19} and "
              "{15, 30, 55} make two years that each sum to 100, and 51 → 15 sits next to "
              "manufacturing. Which of 30 and 55 is technology and which services in 1999 "
              "is not printed unambiguously: the course reads technology 30 → 30 and "
              "services 19 → 55, which fits the slide's message; the order '30 55 "
              "technology' in the text would allow technology 30 → 55 and services "
              "19 → 30. Either way services grow and manufacturing shrinks."),
    Fact("servitization.ibm_sales", (65, 82, 129), "$ billion",
         "IBM's revenue in 1992, 1998 and (forecast) 2003", "seed 002, slide 18",
         note="The slide cites D. Kirkpatrick, Fortune, 26 April 1999; 2003 is a forecast."),
    Fact("servitization.ibm_services_share", (12, 29, 46), "% of revenue",
         "IBM's services share of revenue, 1992, 1998 and 2003 (forecast)",
         "seed 002, slide 18", status="ambiguous",
         note="The text prints 46%, 29% and 12% beside 'services' without tying each to a "
              "year; the course reads them as rising over time, as the slide's title "
              "(change in IBM's business weight) implies."),
    Fact("servitization.ltv_chain", LTV_CHAIN, "stages",
         "The customer's life-cycle value chain a solution firm serves: specify, search, "
         "buy, use, maintain, upgrade, dispose", "seed 002, slide 19"),
)
