"""Charts for :mod:`csmlab.loyalty`."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from csmlab.loyalty import CurveResult, LadderResult, StoreResult
from csmlab.plots import SMALL, PALETTE, STYLE, get_axes, line, register, style_axes

__all__ = ["curve", "stores", "ladder", "grid"]

_ZONE_COLOURS = {"defection": "#D55E00", "indifference": "#999999", "affection": "#0072B2"}


@register(CurveResult)
def curve(result: CurveResult, ax: Axes | None = None) -> Axes:
    """The satisfaction–loyalty curve with its three zones shaded."""
    ax = get_axes(ax)
    with matplotlib.rc_context(STYLE):
        for zone, colour in _ZONE_COLOURS.items():
            xs = result.scores[result.zones == zone]
            if len(xs):
                ax.axvspan(xs.min(), xs.max(), color=colour, alpha=0.12, label=f"zone of {zone}")
        ax.plot(result.scores, result.loyalty * 100, color=PALETTE[0], linewidth=2,
                label="repurchase")
        ax.set_ylim(0, 100)
        ax.legend(fontsize=SMALL, loc="upper left")
    return style_axes(ax, "Satisfaction and loyalty", "Satisfaction score (1–5)",
                      "Chance of buying again (%)")


@register(StoreResult)
def stores(result: StoreResult, ax: Axes | None = None) -> Axes:
    """Grouped bars: top-box share, predicted and stated repurchase for stores X and Y."""
    ax = get_axes(ax)
    frame = result.to_frame()
    cols = ["top box", "predicted repurchase", "stated repurchase"]
    x = np.arange(len(frame))
    width = 0.26
    with matplotlib.rc_context(STYLE):
        for i, col in enumerate(cols):
            vals = frame[col].to_numpy() * 100
            bars = ax.bar(x + (i - 1) * width, vals, width, color=PALETTE[i], label=col)
            ax.bar_label(bars, labels=[f"{v:.0f}%" for v in vals], padding=2, fontsize=SMALL)
        ax.set_xticks(x, [f"store {s}" for s in frame.index])
        ax.set_ylim(0, 70)
        ax.legend(fontsize=SMALL)
        ax.grid(axis="x", visible=False)
    return style_axes(ax, "Same satisfaction index, different repurchase", "Store",
                      "Share of customers (%)")


@register(LadderResult)
def ladder(result: LadderResult, ax: Axes | None = None) -> Axes:
    """Lines: customers on each rung of the ladder by year."""
    from csmlab.loyalty import RUNGS

    d = result.distribution
    series = {name: d[:, i + 1] for i, name in enumerate(RUNGS[1:])}
    return line(np.arange(len(d)), series, ax=ax, title="Customers on each rung",
                xlabel="Year", ylabel="People")


def grid(customers: pd.DataFrame, ax: Axes | None = None, attachment_cut: float = 0.5,
         repeat_cut: float = 0.5) -> Axes:
    """Scatter of classified customers on Griffin's grid (repeat purchase × attachment)."""
    ax = get_axes(ax)
    colours = {"premium": PALETTE[0], "latent": PALETTE[2], "inertia": PALETTE[1],
               "no loyalty": "#999999"}
    with matplotlib.rc_context(STYLE):
        for kind, colour in colours.items():
            sub = customers[customers["loyalty"] == kind]
            ax.scatter(sub["repeat"], sub["attachment"], s=10, color=colour,
                       label=f"{kind} ({len(sub)})")
        ax.axvline(repeat_cut, color="#333333", linewidth=0.8)
        ax.axhline(attachment_cut, color="#333333", linewidth=0.8)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.legend(fontsize=SMALL, loc="lower right")
    return style_axes(ax, "Griffin's loyalty grid", "Repeat purchase (score 0–1)",
                      "Relative attachment (score 0–1)")
