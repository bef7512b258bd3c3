"""Charts for :mod:`csmlab.complaints`."""

from __future__ import annotations

from matplotlib.axes import Axes

from csmlab.complaints import Comparison, ComplaintResult, CycleResult
from csmlab.plots import NEGATIVE, POSITIVE, bar, line, register


@register(ComplaintResult)
def retained_and_lost(result: ComplaintResult, ax: Axes | None = None) -> Axes:
    """Bar chart: customers lost on each path after a problem."""
    frame = result.to_frame()
    labels = ["silent", "not resolved", "resolved", "quickly"]
    return bar(labels, frame["lost"].tolist(), colors=NEGATIVE, ax=ax,
               title="Customers lost after a problem, by path",
               xlabel="What happened to the problem", ylabel="Customers lost (people)",
               annotate=lambda v: f"{v:,.0f}")


@register(Comparison)
def comparison_chart(result: Comparison, ax: Axes | None = None) -> Axes:
    """Bar chart: total yearly cost of lost customers, base versus improved handling."""
    return bar(["base", "improved"], [result.base.total_cost, result.improved.total_cost],
               colors=[NEGATIVE, POSITIVE], ax=ax,
               title="Cost of lost customers: margin plus replacement",
               xlabel="Complaint handling", ylabel="Cost per year ($)",
               annotate=lambda v: f"${v:,.0f}")


@register(CycleResult)
def cycle_chart(result: CycleResult, ax: Axes | None = None) -> Axes:
    """Line chart: the failure rate per period (in %)."""
    return line(result.period, {"failure rate": result.failure * 100}, ax=ax, markers=True,
                title="The complaint vicious cycle" + (" (tipped)" if result.tipped else ""),
                xlabel="Period", ylabel="Failure rate (%)")
