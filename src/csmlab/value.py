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
        Quality of the core product or service, a score above 0 and at most 10 (an
        offer of no quality has no value to improve, and the levers' changes would be 0/0).
    service : float
        Quality of the surrounding service, a score above 0 and at most 10.
    price : float
        What the customer pays (any currency unit; must be above 0).
    time : float
        Time the customer spends to get it, in minutes (must be above 0).
    improvement : float
        Relative change applied to each lever in turn (0.10 = 10%): quality and
        service go up by it, but not past 10, the top of their scale (an offer
        already at 10 cannot gain there); price and time go down by it.
    """

    quality: float = param(7.0, "Quality", low=0, low_open=True, high=10, unit="score 0–10",
                           step=0.5, slider=(0.5, 10),
                           doc="Quality of the core offer", source="seed 002, slide 36")
    service: float = param(7.0, "Service", low=0, low_open=True, high=10, unit="score 0–10",
                           step=0.5, slider=(0.5, 10),
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
        # two ratios, so that no valid input divides by zero (1e-300 × 1e-300 is 0 in floats)
        base = (self.quality / self.price) * (self.service / self.time)
        k = self.improvement
        factor = {"quality": min(10.0, self.quality * (1 + k)) / self.quality,
                  "service": min(10.0, self.service * (1 + k)) / self.service,
                  "price": 1 / (1 - k), "time": 1 / (1 - k)}
        return ValueResult(value=base, improved={lever: base * f for lever, f in factor.items()},
                           improvement=k, factor=factor)


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
    factor : dict
        What improving each lever multiplies value by (``1 + k`` up, at most to a
        score of 10; ``1 / (1 − k)`` down); the table's index and change come from it, so they hold even where the
        value itself is too small for floating point.
    """

    value: float
    improved: dict[str, float]
    improvement: float
    factor: dict[str, float]

    def to_frame(self) -> pd.DataFrame:
        """One row per lever: the new value as an index (the offer = 100) and its relative
        change. The index, not the raw ratio, because the ratio's units are arbitrary and its
        small values (0.049 → 0.054) hide the difference between the levers. The frame tells
        :class:`csmlab.display.Table` to show the index with one decimal (110.0 against
        111.1: whole numbers would make 110 and 111 look alike) and the change as a signed
        percentage (+10.0%, +11.1%), as shares are shown everywhere else in the course.

        Examples
        --------
        >>> from csmlab.display import format_frame
        >>> shown = format_frame(ValueScenario(quality=8, service=6, price=50, time=20)
        ...                      .run().to_frame())
        >>> shown[["lever", "value index (offer = 100)", "value change"]].values.tolist()[1:3]
        [['service', '110.0', '+10.0%'], ['price', '111.1', '+11.1%']]
        """
        rows = [{"lever": lever, "direction": "up" if lever in ("quality", "service") else "down",
                 "value index (offer = 100)": 100 * f, "value change": f - 1}
                for lever, f in self.factor.items()]
        frame = pd.DataFrame(rows).set_index("lever")
        frame.attrs["formats"] = {"value index (offer = 100)": "index", "value change": "change"}
        return frame


@preset
def example_offer() -> ValueScenario:
    """An illustrative offer (quality 7, service 7, price 50, 20 minutes); not from a source."""
    return ValueScenario()
