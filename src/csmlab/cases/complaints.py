"""Figures and worksheet lists for complaints and service recovery.

The figures feed :mod:`csmlab.complaints`; the lists feed the chapters'
worksheets: what complainers want (seed 002, slide 33), the staff behaviours
that turn a complainer into an activist (seed 002, slide 29), the eight steps
of the gift formula (seed 002, slides 30 and 107) and the cells of the
recovery matrix (seed 002, slide 32). Items are English paraphrases, each
with a Korean key word and the slide it comes from.

Examples
--------
>>> len(COMPLAINER_WANTS), len(ACTIVIST_TRIGGERS)
(10, 10)
>>> COMPLAINER_WANTS[0].text
'A full refund'
>>> worksheet(COMPLAINER_WANTS).columns.tolist()
['want', 'Korean', 'rule and training', 'rule only', 'nothing']
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from csmlab.cases import Fact, register

__all__ = ["WorksheetItem", "COMPLAINER_WANTS", "ACTIVIST_TRIGGERS", "GIFT_FORMULA",
           "RESPONSE_LEVELS",
           "MatrixCell", "RECOVERY_MATRIX", "worksheet"]

_TARP = "TARP for the U.S. Office of Consumer Affairs (1979, updated 1986), as widely reported"

register(
    Fact("tarp.minor.silent", 0.37, "share", "Repurchase, minor problem, did not complain",
         _TARP, "tarp1986", "reported"),
    Fact("tarp.minor.unresolved", 0.46, "share",
         "Repurchase, minor problem, complained, not resolved", _TARP, "tarp1986", "reported"),
    Fact("tarp.minor.resolved", 0.70, "share", "Repurchase, minor problem, complained, resolved",
         _TARP, "tarp1986", "reported"),
    Fact("tarp.minor.quick", 0.95, "share",
         "Repurchase, minor problem, complained, resolved quickly", _TARP, "tarp1986", "reported"),
    Fact("tarp.major.silent", 0.09, "share", "Repurchase, major problem, did not complain",
         _TARP, "tarp1986", "reported"),
    Fact("tarp.major.unresolved", 0.19, "share",
         "Repurchase, major problem, complained, not resolved", _TARP, "tarp1986", "reported",
         "One secondary source gives 14%; the others agree on 19%."),
    Fact("tarp.major.resolved", 0.54, "share", "Repurchase, major problem, complained, resolved",
         _TARP, "tarp1986", "reported"),
    Fact("tarp.major.quick", 0.82, "share",
         "Repurchase, major problem, complained, resolved quickly", _TARP, "tarp1986", "reported"),
    Fact("tarp.complain_share", 1 / 27, "share",
         "Customers with a problem who complain (about 1 in 27)", _TARP, "tarp1986", "reported"),
    Fact("tarp.told_bad", 9.5, "people", "People a dissatisfied customer tells (9–10)",
         _TARP, "tarp1986", "reported", "Midpoint of the reported 9–10."),
    Fact("seed.told_bad", 9.0, "people", "People a dissatisfied customer tells (8 to 10)",
         "seed 002, slide 23", "", "ambiguous",
         "The seed gives a range, 8 to 10; the course uses the midpoint 9. "
         "Seed 004, post 1 says 10."),
    Fact("seed.told_good", 5.0, "people", "People a satisfied customer tells",
         "seed 004, post 1", "", "stated"),
    Fact("seed.acquisition_multiple", 5.0, "times",
         "Cost of winning a new customer over keeping one (at least 5×)", "seed 004, post 6",
         "", "ambiguous", "Seed 002, slide 23 says 6×; the course uses the lower 5×."),
    Fact("seed.stay_quick", 0.70, "share", "Complainers who stay if handled quickly",
         "seed 002, slide 23", "", "stated"),
    Fact("seed.good_again_resolved", 0.74, "share",
         "Dissatisfied retail customers who become good customers again if solved well",
         "seed 002, slide 32", "", "stated"),
    Fact("seed.stay_resolved", 0.80, "share", "Dissatisfied customers who stay when resolved",
         "seed 004, post 6", "", "ambiguous",
         "May measure 'stay' rather than 'buy again' (compare the 54% on the same slide)."),
    Fact("seed.buy_again_resolved", 0.54, "share",
         "Customers who buy again when their complaint is resolved satisfactorily",
         "seed 004, post 6", "", "ambiguous", "Equals TARP's major-problem 'resolved' figure."),
    Fact("seed.silent_return", 1 / 3, "share", "Silent non-complainers who come back",
         "seed 004, post 6", "", "stated"),
    Fact("seed.tarp_silent_endure", 0.55, "share",
         "Airline, hotel and car-rental customers who silently put up with problems (TARP)",
         "seed 002, slide 26", "", "ambiguous",
         "Placed in the Irate description, but 'silently endure' fits the Passives."),
)


# --------------------------------------------------------------------------- worksheets


@dataclass(frozen=True)
class WorksheetItem:
    """One line of a worksheet list.

    Attributes
    ----------
    number : int
        Position in the seed's list (1-based).
    text : str
        English paraphrase.
    korean : str
        The Korean key word.
    source : str
        The seed slide, for example ``"seed 002, slide 33"``.
    """

    number: int
    text: str
    korean: str
    source: str


_WANTS = "seed 002, slide 33"
_TRIGGERS = "seed 002, slide 29"

#: What a complaining customer may want: the ten types of seed 002, slide 33.
COMPLAINER_WANTS: tuple[WorksheetItem, ...] = tuple(
    WorksheetItem(i, text, ko, _WANTS) for i, (text, ko) in enumerate([
        ("A full refund", "환불"),
        ("A discount of a set amount", "가격할인"),
        ("A free product or a gift by way of compensation", "보상선물"),
        ("A discount coupon for a later event", "할인 쿠폰"),
        ("A sincere apology", "사과"),
        ("To be recognised as a regular customer, and to let off steam", "단골 고객, 화풀이"),
        ("Internal action against the staff member (discipline)", "징계"),
        ("To take the complaint to a manager in person", "책임자와의 면담"),
        ("Steps so that it does not happen again", "재발 방지"),
        ("Other: customers acting in bad faith", "나쁜 의도를 가진 고객"),
    ], start=1))

#: The eight steps of the complaint-is-a-gift script (선물공식, C = G), in the order of
#: seed 002, slide 30. Slide 107 lists them again with the promise and the
#: information-gathering before the fix (thank, explain, apologise, promise a quick
#: solution, gather information, correct quickly, confirm, prevent) and warns against
#: apologising before hearing the customer out and against interrogating the customer.
#: The course follows slide 30: fix at once what can be fixed, then promise the rest.
GIFT_FORMULA: tuple[WorksheetItem, ...] = tuple(
    WorksheetItem(i, text, ko, "seed 002, slide 30") for i, (text, ko) in enumerate([
        ("Say thank you (slide 107 adds: not 'sorry')", "감사"),
        ("Explain why you are grateful for the complaint", "감사하는 이유"),
        ("Apologise for what went wrong", "사과"),
        ("Put right at once what can be put right", "즉시 시정"),
        ("Promise a solution and a time", "해결방법과 기간 약속"),
        ("Gather the information you need", "정보 수집"),
        ("Check that the customer is satisfied", "만족 확인"),
        ("Make sure it does not happen again", "재발 방지"),
    ], start=1))

#: How ready the firm is for each want (the slide's three columns): a rule with
#: ongoing training, a rule without training, or nothing.
RESPONSE_LEVELS: tuple[str, ...] = ("rule and training", "rule only", "nothing")

#: Staff responses that push a complainer towards activism (seed 002, slide 29).
ACTIVIST_TRIGGERS: tuple[WorksheetItem, ...] = tuple(
    WorksheetItem(i, text, ko, _TRIGGERS) for i, (text, ko) in enumerate([
        ("Apologising only as a formality", "형식적인 사과"),
        ("Shifting the blame onto the customer", "책임 전가"),
        ("Making promises that plainly will not be kept", "지키지 못할 약속"),
        ("Not responding at all", "무반응"),
        ("Being rude", "무례"),
        ("Passing the customer on to someone else", "떠넘기기"),
        ("Avoiding personal responsibility", "책임 회피"),
        ("Refusing without saying so", "암묵적 거절"),
        ("Interrogating the customer", "고객 인터뷰"),
        ("Treating the customer with suspicion", "고객 의심"),
    ], start=1))


@dataclass(frozen=True)
class MatrixCell:
    """One cell of the recovery matrix (seed 002, slide 32).

    Attributes
    ----------
    firm_failed : bool
        Whether there was a real product or service failure by the firm.
    complained : bool
        Whether the dissatisfied customer complained.
    situation : str
        What the cell describes.
    action : str
        What the firm should do.
    korean : str
        The action's Korean key word (not drawn: the figure font has no Hangul).
    source : str
        The seed slide.
    """

    firm_failed: bool
    complained: bool
    situation: str
    action: str
    korean: str
    source: str = "seed 002, slide 32"


#: The four cells, described by content: the slide's cell letters cannot be
#: matched to cells reliably, so none are used.
RECOVERY_MATRIX: tuple[MatrixCell, ...] = (
    MatrixCell(False, False, "No failure and no complaint",
               "Beware of complacency", "자만"),
    MatrixCell(False, True, "No failure, but a dissatisfied customer complains",
               "Educate customers in advance", "사전 고객 교육"),
    MatrixCell(True, False, "A real failure, but the customer says nothing",
               "Make it easy to complain", "항의 유도"),
    MatrixCell(True, True, "A real failure and the customer complains",
               "Recover the service", "서비스 회복"),
)


_WORKSHEETS = {_WANTS: ("want", RESPONSE_LEVELS),
               _TRIGGERS: ("behaviour", ("seen here", "rule against it")),
               "seed 002, slide 30": ("step", ("always", "sometimes", "never"))}


def worksheet(items: tuple[WorksheetItem, ...], levels: tuple[str, ...] | None = None
              ) -> pd.DataFrame:
    """A worksheet table: one row per item, with empty tick columns for the firm to fill.

    Parameters
    ----------
    items : tuple of WorksheetItem
        :data:`COMPLAINER_WANTS`, :data:`ACTIVIST_TRIGGERS` or :data:`GIFT_FORMULA`.
    levels : tuple of str, optional
        Tick columns; default :data:`RESPONSE_LEVELS` for the wants,
        ``("seen here", "rule against it")`` for the triggers and
        ``("always", "sometimes", "never")`` for the gift formula.

    Examples
    --------
    >>> worksheet(ACTIVIST_TRIGGERS).loc[9, "behaviour"]
    'Interrogating the customer'
    """
    if not items or not all(isinstance(i, WorksheetItem) for i in items):
        raise ValueError("items must be a non-empty tuple of WorksheetItem "
                         "(COMPLAINER_WANTS, ACTIVIST_TRIGGERS or GIFT_FORMULA)")
    label, default = _WORKSHEETS.get(items[0].source, ("item", ("yes", "no")))
    if levels is None:
        levels = default
    # The source goes in a column only where the items come from different slides; otherwise
    # the caption names it once.
    one_source = len({i.source for i in items}) == 1
    rows = [{"no.": i.number, label: i.text, "Korean": i.korean,
             **({} if one_source else {"source": i.source}),
             **{lev: "" for lev in levels}} for i in items]
    return pd.DataFrame(rows).set_index("no.")
