"""Charts for :mod:`csmlab.complaints`."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from csmlab.complaints import Comparison, ComplaintResult, CycleResult, CycleScenario, tipping_point
from csmlab.plots import SMALL, NEGATIVE, NEUTRAL, POSITIVE, bar, line, register, style_axes

__all__ = ["retained_and_lost", "comparison_chart", "cycle_chart", "tipping_chart"]


@register(ComplaintResult)
def retained_and_lost(result: ComplaintResult, ax: Axes | None = None) -> Axes:
    """Bar chart: customers lost to the problem on each path (lost less those who would have
    left with no problem; negative where a path keeps more than no problem would)."""
    frame = result.to_frame()
    labels = ["silent", "not resolved", "resolved", "quickly"]
    return bar(labels, frame["lost to the problem"].tolist(), colors=NEGATIVE, ax=ax,
               title="Customers lost to the problem, by path",
               xlabel="What happened to the problem", ylabel="Customers lost (people)",
               annotate=lambda v: f"{v:,.0f}")


@register(Comparison)
def comparison_chart(result: Comparison, ax: Axes | None = None) -> Axes:
    """Bar chart: yearly cost of customers lost to problems (each counted once), base versus
    improved."""
    return bar(["base", "improved"], [result.base.total_cost, result.improved.total_cost],
               colors=[NEGATIVE, POSITIVE], ax=ax,
               title="Cost of customers lost to problems",
               xlabel="Complaint handling", ylabel="Cost per year ($)",
               annotate=lambda v: f"${v:,.0f}")


@register(CycleResult)
def cycle_chart(result: CycleResult, ax: Axes | None = None) -> Axes:
    """Line chart: the failure rate per period (in %), titled with the long-run outcome."""
    return line(result.period, {"failure rate": result.failure * 100}, ax=ax, markers=True,
                title=f"The complaint vicious cycle ({result.outcome})",
                xlabel="Period", ylabel="Failure rate (%)")


def tipping_chart(scenario: CycleScenario, ax: Axes | None = None, points: int = 81) -> Axes:
    """Line chart: long-run failure rate against the target budget, with the budget that
    handles every base-rate complaint marked.

    Examples
    --------
    >>> from csmlab.complaints import vicious_cycle
    >>> tipping_chart(vicious_cycle(), points=11).get_xlabel()
    'Target support budget ($)'
    """
    tip = tipping_point(scenario)
    budgets = np.linspace(0, 2 * tip, points)
    final = [scenario.replace(investment=float(b)).long_run()["failure"] * 100
             for b in budgets]
    ax = line(budgets, {"long-run failure rate": final}, ax=ax,
              title="Failure rate and the support budget",
              xlabel="Target support budget ($)",
              ylabel="Long-run failure rate (%)")
    ax.axvline(tip, color=NEUTRAL, linestyle="--", linewidth=1)
    ax.annotate(f"handles every complaint: ${tip:,.0f}", (tip, max(final)), xytext=(4, -12),
                textcoords="offset points", fontsize=SMALL)
    return style_axes(ax)
