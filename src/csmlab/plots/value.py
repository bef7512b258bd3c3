"""Charts for :mod:`csmlab.value`."""

from __future__ import annotations

from matplotlib.axes import Axes

from csmlab.plots import PALETTE, bar, register
from csmlab.value import ValueResult


@register(ValueResult)
def lever_effects(result: ValueResult, ax: Axes | None = None) -> Axes:
    """Bar chart: relative change in customer value from improving each lever alone."""
    frame = result.to_frame()
    changes = (frame["value change"] * 100).tolist()
    colors = [PALETTE[0], PALETTE[0], PALETTE[1], PALETTE[1]]
    k = round(result.improvement * 100)
    return bar(frame.index.tolist(), changes, colors=colors, ax=ax,
               title=f"Effect of a {k}% improvement in each lever",
               xlabel="Lever (quality and service up, price and time down)",
               ylabel="Change in customer value (%)",
               annotate=lambda v: f"+{v:.1f}%")
