"""The customer value formula: value = (quality × service) / (price × time).

Seed 002 (seed 002, slide 36) defines customer value (고객가치) as what the
customer perceives, quality and service, over what the customer pays, price and
time (delivery). The formula is a teaching device, not a measured index: its inputs
are scores and amounts in whatever units a class agrees on, and only ratios
between offers (or before and after a change) mean anything.

Its lesson is in the levers. Because the inputs multiply and divide, a 10%
better quality raises value by 10%, but a 10% lower price or shorter time
raises it by 1 / 0.9 − 1 ≈ 11.1%: the levers in the denominator pay slightly
more for the same relative change.

Examples
--------
>>> offer = ValueScenario(quality=8, service=6, price=50, time=20)
>>> round(offer.run().value, 4)
0.048
>>> r = offer.run()
>>> float(r.to_frame().loc["price", "value change"].round(4))
0.1111
"""

from __future__ import annotations

import math

from dataclasses import dataclass

import pandas as pd

from csmlab.scenario import Result, Scenario, param, preset

__all__ = ["ValueScenario", "ValueResult", "customer_value", "example_offer"]


def customer_value(quality: float, service: float, price: float, time: float) -> float:
    """(quality × service) / (price × time), with the inputs validated.

    Examples
    --------
    >>> customer_value(8, 6, 50, 20)
    0.048
    """
    return ValueScenario(quality=quality, service=service, price=price, time=time).run().value


@dataclass(frozen=True)
class ValueScenario(Scenario):
    """An offer described by the four terms of the customer value formula.

    Parameters
    ----------
    quality : float
        Quality of the core product or service, a score from 0 to 10.
    service : float
        Quality of the surrounding service, a score from 0 to 10.
    price : float
        What the customer pays (any currency unit; must be above 0).
    time : float
        Time the customer spends to get it, in minutes (must be above 0).
    improvement : float
        Relative change applied to each lever in turn (0.10 = 10%): quality and
        service go up by it, price and time go down by it.
    """

    quality: float = param(7.0, "Quality", low=0, high=10, unit="score 0–10", step=0.5,
                           doc="Quality of the core offer", source="seed 002, slide 36")
    service: float = param(7.0, "Service", low=0, high=10, unit="score 0–10", step=0.5,
                           doc="Quality of the service around it", source="seed 002, slide 36")
    price: float = param(50.0, "Price", low=0, low_open=True, unit="currency units",
                         slider=(5, 200), step=5, doc="What the customer pays",
                         source="seed 002, slide 36")
    time: float = param(20.0, "Time", low=0, low_open=True, unit="minutes", slider=(1, 120),
                        step=1, doc="Time the customer spends to get the offer",
                        source="seed 002, slide 36")
    improvement: float = param(0.10, "Change applied to each lever", low=0, high=0.9,
                               unit="share", step=0.01,
                               doc="Relative improvement tried on each lever")

    def run(self) -> "ValueResult":
        """Compute the offer's value and the value after improving each lever."""
        base = (self.quality * self.service) / (self.price * self.time)
        k = self.improvement
        after = {
            "quality": base * (1 + k),
            "service": base * (1 + k),
            "price": base / (1 - k),
            "time": base / (1 - k),
        }
        return ValueResult(value=base, improved=after, improvement=k)


@dataclass(frozen=True)
class ValueResult(Result):
    """The value of an offer and of the four improved offers.

    Attributes
    ----------
    value : float
        (quality × service) / (price × time).
    improved : dict
        The value after improving each lever by ``improvement`` alone.
    improvement : float
        The relative change that was applied.
    """

    value: float
    improved: dict[str, float]
    improvement: float

    def to_frame(self) -> pd.DataFrame:
        """One row per lever: the new value as an index (the offer = 100) and its relative
        change. The index, not the raw ratio, because the ratio's units are arbitrary and its
        small values (0.049 → 0.054) hide the difference between the levers. The frame tells
        :class:`csmlab.display.Table` to show the index with one decimal (110.0 against
        111.1: whole numbers would make 110 and 111 look alike) and the change as a signed
        percentage (+10.0%, +11.1%), as shares are shown everywhere else in the course.
        A price or time so close to 0 that the value itself overflows to infinity still gets
        finite cells: each lever's change is its own multiplier, 1 + improvement up or
        1 / (1 − improvement) down, never inf / inf.

        Examples
        --------
        >>> from csmlab.display import format_frame
        >>> shown = format_frame(ValueScenario(quality=8, service=6, price=50, time=20)
        ...                      .run().to_frame())
        >>> shown[["lever", "value index (offer = 100)", "value change"]].values.tolist()[1:3]
        [['service', '110.0', '+10.0%'], ['price', '111.1', '+11.1%']]
        """
        k = self.improvement
        rows = []
        for lever, new in self.improved.items():
            up = lever in ("quality", "service")
            if self.value and math.isfinite(self.value) and math.isfinite(new):
                ratio = new / self.value
            elif self.value:   # a price or time so near 0 that the value overflows: the
                ratio = (1 + k) if up else 1 / (1 - k)   # change is still the lever's own
            else:
                ratio = 1.0
            rows.append({"lever": lever, "direction": "up" if up else "down",
                         "value index (offer = 100)": 100 * ratio if self.value else 0.0,
                         "value change": ratio - 1})
        frame = pd.DataFrame(rows).set_index("lever")
        frame.attrs["formats"] = {"value index (offer = 100)": "index", "value change": "change"}
        return frame


@preset
def example_offer() -> ValueScenario:
    """An illustrative offer (quality 7, service 7, price 50, 20 minutes); not from a source."""
    return ValueScenario()
