"""The customer-centric organisation: the service-profit chain and the levels of empowerment.

The models of chapter 01:

* :class:`ServiceProfitChainScenario` — the service-profit chain (Heskett et
  al., 1994) as a small chain of elasticities: employee satisfaction to service
  value, customer satisfaction, loyalty and profit.
* :func:`empowerment_level` — the level of empowerment a service situation
  calls for, from Bowen and Lawler's (1992) five contingencies.

Examples
--------
>>> empowerment_level({"strategy": 5, "customer_tie": 5, "technology": 4,
...                    "environment": 4, "people": 4})
(22, 'high involvement')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from csmlab import validation as v
from csmlab.scenario import Result, Scenario, param, preset

__all__ = [
    "ServiceProfitChainScenario", "ServiceProfitChainResult", "service_profit_chain",
    "EMPOWERMENT_FACTORS", "EMPOWERMENT_LEVELS", "empowerment_level",
]


# ---------------------------------------------------------------- service-profit chain

@dataclass(frozen=True)
class ServiceProfitChainResult(Result):
    """Each link of the chain after a change in employee satisfaction.

    Attributes
    ----------
    links : dict
        Relative change (share) of each quantity along the chain.
    profit_change : float
        Relative change in profit.
    """

    links: dict[str, float]
    profit_change: float

    def to_frame(self) -> pd.DataFrame:
        """One row per link, in chain order, with the relative change in percent."""
        frame = pd.DataFrame({"change (%)": {k: x * 100 for k, x in self.links.items()}})
        frame.index.name = "link"
        return frame


@dataclass(frozen=True)
class ServiceProfitChainScenario(Scenario):
    """The service-profit chain as a chain of elasticities (Heskett et al., 1994).

    A relative change in employee satisfaction passes down the chain:
    employee satisfaction → employee retention and productivity → service
    value → customer satisfaction → customer loyalty → revenue → profit. Each
    link multiplies the relative change by its elasticity. Of the extra
    revenue, the share ``contribution`` becomes extra profit (the rest is
    variable cost); the programme that raised employee
    satisfaction costs ``programme_cost`` (a share of revenue). Relative to
    today's profit (``margin`` × revenue) the change in profit is

        (Δrevenue × contribution − programme_cost) / margin,

    so a thin margin magnifies both the gain and the cost (operating leverage).
    The elasticities are illustrative: Heskett et al. describe the links, not
    these numbers.

    Parameters
    ----------
    employee_change : float
        Relative change in employee satisfaction (0.10 = 10% higher).
    e_employee, e_value, e_satisfaction, e_loyalty, e_revenue : float
        Elasticity of each link (the relative change passed on per unit of
        relative change received).
    contribution : float
        Share of extra revenue that is extra profit (1 − variable cost share).
    programme_cost : float
        Yearly cost of the employee programme, as a share of revenue.
    margin : float
        Today's profit margin on revenue (0–1, above 0).

    Examples
    --------
    >>> r = ServiceProfitChainScenario().run()
    >>> round(r.links["revenue"], 5), round(r.profit_change, 4)
    (0.05184, 0.1074)
    """

    employee_change: float = param(0.10, "Change in employee satisfaction", low=-0.5, high=0.5,
                                   unit="share", step=0.01, source="illustrative")
    e_employee: float = param(0.8, "Retention and productivity per employee satisfaction",
                              low=0, high=2, unit="elasticity", step=0.05,
                              source="illustrative; link described in heskett1994")
    e_value: float = param(0.75, "Service value per retention and productivity", low=0, high=2,
                           unit="elasticity", step=0.05, source="illustrative")
    e_satisfaction: float = param(0.8, "Customer satisfaction per service value", low=0,
                                  high=2, unit="elasticity", step=0.05, source="illustrative")
    e_loyalty: float = param(1.2, "Loyalty per customer satisfaction", low=0, high=3,
                             unit="elasticity", step=0.05,
                             source="illustrative; non-linear link in jones1995")
    e_revenue: float = param(0.9, "Revenue per loyalty", low=0, high=2, unit="elasticity",
                             step=0.05, source="illustrative")
    contribution: float = param(0.4, "Contribution on extra revenue", kind="probability",
                                unit="share", step=0.05, source="illustrative")
    programme_cost: float = param(0.01, "Programme cost", low=0, high=0.5, unit="share of revenue",
                                  slider=(0, 0.1), step=0.005, source="illustrative")
    margin: float = param(0.10, "Profit margin", low=0, high=1, low_open=True, unit="share",
                          slider=(0.02, 0.5), step=0.01, source="illustrative")

    explorer_fields = ("employee_change", "e_employee", "e_loyalty", "contribution",
                       "programme_cost", "margin")

    def run(self) -> ServiceProfitChainResult:
        """Pass the change down the chain."""
        links = {"employee satisfaction": self.employee_change}
        x = self.employee_change
        for name, e in (("employee retention and productivity", self.e_employee),
                        ("service value", self.e_value),
                        ("customer satisfaction", self.e_satisfaction),
                        ("customer loyalty", self.e_loyalty), ("revenue", self.e_revenue)):
            x = x * e
            links[name] = x
        profit = (x * self.contribution - self.programme_cost) / self.margin
        links["profit"] = profit
        return ServiceProfitChainResult(links=links, profit_change=profit)


@preset
def service_profit_chain() -> ServiceProfitChainScenario:
    """A 10% rise in employee satisfaction through illustrative elasticities (not from a source)."""
    return ServiceProfitChainScenario()


# ---------------------------------------------------------------- levels of empowerment

#: Bowen & Lawler's (1992) five contingencies of empowerment, each rated 1–5: 1 favours
#: control (the production-line approach), 5 favours empowerment.
EMPOWERMENT_FACTORS: dict[str, str] = {
    "strategy": "1 = low cost, high volume; 5 = differentiated, customised, personal",
    "customer_tie": "1 = single transactions, short; 5 = a relationship, long",
    "technology": "1 = routine and simple; 5 = non-routine and complex",
    "environment": "1 = predictable, few surprises; 5 = unpredictable, many surprises",
    "people": "1 = managers who control, staff with low growth and social needs; "
              "5 = managers who trust, staff with high growth needs and strong "
              "interpersonal skills",
}

#: The levels of involvement, from none to most (Bowen & Lawler, 1992), with the lowest
#: total rating (of 5–25) at which the course recommends each (a course assumption).
EMPOWERMENT_LEVELS: dict[str, int] = {
    "production line": 5,
    "suggestion involvement": 10,
    "job involvement": 15,
    "high involvement": 20,
}


def empowerment_level(ratings: Mapping[str, Any]) -> tuple[int, str]:
    """The level of empowerment a service situation calls for (Bowen & Lawler, 1992).

    Bowen and Lawler rate five contingencies from 1 (control fits) to 5
    (empowerment fits): the business strategy, the tie to the customer, the
    technology, the environment and the people. The higher the total, the more
    the situation favours empowerment. The cut-offs that turn the total (5–25)
    into a level are a course assumption (:data:`EMPOWERMENT_LEVELS`): 5–9
    production line, 10–14 suggestion involvement, 15–19 job involvement,
    20–25 high involvement.

    Parameters
    ----------
    ratings : mapping
        One integer rating 1–5 for each of :data:`EMPOWERMENT_FACTORS`.

    Returns
    -------
    (int, str)
        The total rating and the recommended level.

    Examples
    --------
    >>> empowerment_level({"strategy": 1, "customer_tie": 1, "technology": 2,
    ...                    "environment": 2, "people": 3})
    (9, 'production line')
    >>> empowerment_level({"strategy": 5, "customer_tie": 5, "technology": 4,
    ...                    "environment": 4, "people": 4})
    (22, 'high involvement')
    """
    if not isinstance(ratings, Mapping):
        raise ValueError("ratings must be a mapping of factor to rating")
    names = set(ratings)
    missing = [f for f in EMPOWERMENT_FACTORS if f not in names]
    extra = sorted(names - set(EMPOWERMENT_FACTORS))
    if missing or extra:
        raise ValueError(f"ratings must rate exactly {', '.join(EMPOWERMENT_FACTORS)}; "
                         f"missing {missing}, unknown {extra}")
    total = sum(v.integer(f"ratings[{f!r}]", ratings[f], 1, 5) for f in EMPOWERMENT_FACTORS)
    level = [name for name, low in EMPOWERMENT_LEVELS.items() if total >= low][-1]
    return total, level
