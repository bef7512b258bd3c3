"""Figures for service guarantees (:mod:`csmlab.guarantee`): Hampton Inn and BBBK.

Every figure the Hampton Inn preset uses is registered here once. Four inputs
the seed does not state (the base of the 2%, the nights a returning guest
stays, the payout per invocation and the contribution margin) are *derived*
from stated figures; each derivation is in the fact's ``note``.

Examples
--------
These examples pin Hampton Inn's published figures: change them with the case.

>>> from csmlab.cases import fact
>>> fact("hampton_inn.invocations").value
7465
>>> round(fact("hampton_inn.room_nights").value)
7826087
"""

from csmlab.cases import Fact, register

_SEED = "seed 000, slide 19"
#: BBBK's size is printed in the teaching case, not in Hart (1988), which gives the
#: guarantee's terms. The case's authors, number and year could not be checked, so it
#: has no bibliography entry: the book names it in words.
_BBBK_CASE = "the Harvard Business School case 'Bugs Burger Bug Killers Inc. (A)'"
_BBBK_NOTE = ("Approximate, as reported in the case (the firm's size when the case was "
              "written; other reports of other years differ); not in the seeds.")

#: Stated figures of the Hampton Inn case (seed 000, slide 19).
PRICE = 46.0
ATTRACTED_SHARE = 0.02
ATTRACTED_REVENUE = 7_200_000.0
INVOCATIONS = 7465
RETURN_RATE = 0.45
GUARANTEE_RETURN_SHARE = 0.61
RETAINED_REVENUE = 1_000_000.0
PAYOUTS = 500_000.0
ADVERTISING = 300_000.0

#: Derived: the room-nights the 2% is a share of, so that 2% × nights × $46 = $7.2M.
ROOM_NIGHTS = ATTRACTED_REVENUE / (ATTRACTED_SHARE * PRICE)
#: Derived: guests who came back because of the guarantee.
RETURNERS = INVOCATIONS * RETURN_RATE * GUARANTEE_RETURN_SHARE
#: Derived: nights a returning guest stays in the year, so that returners × nights × $46 = $1.0M.
RETURN_NIGHTS = RETAINED_REVENUE / (RETURNERS * PRICE)
#: Derived: average payout per invocation, $500,000 / 7,465.
PAYOUT_PER_INVOCATION = PAYOUTS / INVOCATIONS
#: Derived: the same payout in nights refunded at the room price, $66.98 / $46.
PAYOUT_NIGHTS = PAYOUT_PER_INVOCATION / PRICE

register(
    Fact("hampton_inn.guarantee", 1.0, "share",
         "Hampton Inn offered an unconditional 100% satisfaction guarantee", _SEED),
    Fact("hampton_inn.price", PRICE, "$ per room-night",
         "Room rate paid by guests who chose the hotel because of the guarantee", _SEED,
         status="ambiguous", note="Printed as '$46/day'; read as the average room rate per "
         "night."),
    Fact("hampton_inn.attracted_share", ATTRACTED_SHARE, "share",
         "Share of guests who chose Hampton Inn because of the guarantee", _SEED,
         status="ambiguous", note="The seed does not say what the 2% is a share of; the course "
         "reads it as a share of the year's room-nights (see hampton_inn.room_nights)."),
    Fact("hampton_inn.attracted_revenue", ATTRACTED_REVENUE, "$ per year",
         "Revenue from guests who chose the hotel because of the guarantee", _SEED),
    Fact("hampton_inn.room_nights", ROOM_NIGHTS, "room-nights per year",
         "Room-nights the 2% is taken of", _SEED, status="derived",
         note="$7,200,000 / $46 = 156,522 room-nights bought by attracted guests; these are "
         "2% of 156,522 / 0.02 ≈ 7.83M room-nights a year."),
    Fact("hampton_inn.invocations", INVOCATIONS, "guests per year",
         "Dissatisfied guests who invoked the guarantee", _SEED),
    Fact("hampton_inn.return_rate", RETURN_RATE, "share",
         "Share of invokers who stayed at Hampton Inn again", _SEED),
    Fact("hampton_inn.guarantee_return_share", GUARANTEE_RETURN_SHARE, "share",
         "Share of returning invokers who came back because of the guarantee", _SEED),
    Fact("hampton_inn.retained_revenue", RETAINED_REVENUE, "$ per year",
         "Revenue from invokers who came back because of the guarantee", _SEED),
    Fact("hampton_inn.returners", RETURNERS, "guests per year",
         "Invokers who came back because of the guarantee", _SEED, status="derived",
         note="7,465 × 0.45 × 0.61 ≈ 2,049 guests."),
    Fact("hampton_inn.return_nights", RETURN_NIGHTS, "room-nights per returner per year",
         "Nights a guest who came back because of the guarantee stays in the year", _SEED,
         status="derived", note="$1,000,000 / 2,049 guests ≈ $488 each, or ≈ 10.6 nights "
         "at $46. The seed does not state it."),
    Fact("hampton_inn.payouts", PAYOUTS, "$ per year", "Money paid out under the guarantee",
         _SEED),
    Fact("hampton_inn.payout_per_invocation", PAYOUT_PER_INVOCATION, "$ per invocation",
         "Average payout per invocation", _SEED, status="derived",
         note="$500,000 / 7,465 ≈ $66.98, about 1.5 nights at $46."),
    Fact("hampton_inn.payout_nights", PAYOUT_NIGHTS, "room-nights per invocation",
         "Average payout per invocation in nights refunded", _SEED, status="derived",
         note="$66.98 / $46 ≈ 1.46 nights: the guarantee refunds nights, so the course "
         "models the payout as nights × price."),
    Fact("hampton_inn.advertising", ADVERTISING, "$ per year",
         "Advertising that made the guarantee known", _SEED),
    Fact("hampton_inn.return_multiple", 10.0, "times",
         "The year's revenue from the guarantee was more than 10 times its cost", _SEED,
         note="Stated as '>10×'. ($7.2M + $1.0M) / ($0.5M + $0.3M) = 10.25."),
    Fact("hampton_inn.employee_pride", 0.66, "share",
         "Employees reporting more pride in their work after the guarantee", "seed 000, slide 20",
         status="ambiguous", note="Slide 20 names no company; it follows the Hampton Inn slide "
         "and most likely refers to Hampton Inn."),
    Fact("hampton_inn.employee_satisfaction", 0.75, "share",
         "Employees reporting more job satisfaction", "seed 000, slide 20", status="ambiguous",
         note="As hampton_inn.employee_pride."),
    Fact("hampton_inn.employee_motivation", 0.85, "share",
         "Employees reporting more motivation", "seed 000, slide 20", status="ambiguous",
         note="As hampton_inn.employee_pride."),
    Fact("hampton_inn.rollout_cost_split", (0.5, 0.5), "share (head office, branch)",
         "Head office and branches split payout costs 50:50 and share advertising costs",
         "seed 000, slide 20"),
    Fact("hampton_inn.rollout_survey_months", 6, "months",
         "Customers are surveyed after six months of running the guarantee", "seed 000, slide 20"),
    Fact("bbbk.return_multiple", 10.0, "times",
         "BBBK's revenue is about 10 times the cost of its guarantee", "seed 000, slide 19"),
    Fact("bbbk.refund_months", 12, "months",
         "On cancellation BBBK refunds up to a year's fees and pays a new exterminator for a year",
         "seed 000, slide 18", cite="hart1988"),
    Fact("bbbk.closure_penalty", 5_000.0, "$",
         "Paid if a client's facility is closed down, on top of fines and lost profits",
         "seed 000, slide 18", cite="hart1988"),
    Fact("bbbk.clients", 15_000, "clients", "BBBK's approximate number of clients",
         _BBBK_CASE, status="reported", note=_BBBK_NOTE),
    Fact("bbbk.revenue", 33_000_000.0, "$ per year", "BBBK's approximate yearly revenue",
         _BBBK_CASE, status="reported", note=_BBBK_NOTE),
)
