"""Charts for :mod:`csmlab.customerbase`: tracking, P(alive), holdout checks, gains.

Examples
--------
>>> from csmlab.customerbase import cdnow_sample_models
>>> model, _ = cdnow_sample_models()
>>> ax = p_alive_curve(model, T=38.86, frequencies=(1, 2, 5))
>>> [t.get_text() for t in ax.get_legend().get_texts()]
['1 repeat purchase', '2 repeat purchases', '5 repeat purchases']
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from csmlab.customerbase import BGNBD, CustomerResult
from csmlab.plots import NEUTRAL, PALETTE, get_axes, register, style_axes, thousands

__all__ = ["tracking", "holdout_by_frequency", "p_alive_curve", "p_alive_heatmap", "gains",
           "customer_outlook"]


def tracking(frame: pd.DataFrame, ax: Axes | None = None, *, incremental: bool = False) -> Axes:
    """Lines: cumulative (or weekly) repeat purchases, actual and BG/NBD expected.

    Parameters
    ----------
    frame : DataFrame
        As from :func:`csmlab.customerbase.tracking`.
    incremental : bool
        Plot purchases per week instead of the running total.
    """
    ax = get_axes(ax)
    week = frame.index.to_numpy()
    actual = frame["actual"].to_numpy(dtype=float)
    expected = frame["expected"].to_numpy(dtype=float)
    if incremental:
        actual, expected = np.diff(actual, prepend=0), np.diff(expected, prepend=0)
    ax.plot(week, actual, color=PALETTE[0], label="actual")
    ax.plot(week, expected, color=PALETTE[1], linestyle="--", label="BG/NBD expected")
    cal = frame.index[frame["period"] == "calibration"]
    if len(cal) and len(cal) < len(frame):
        ax.axvline(cal.max() + 0.5, color=NEUTRAL, linewidth=1, label="end of calibration")
    thousands(ax.yaxis)
    ax.legend(loc="upper left" if not incremental else "upper right")
    what = "per week" if incremental else "cumulative"
    return style_axes(ax, f"Repeat purchases, {what}: actual vs BG/NBD", "Week",
                      f"Repeat purchases ({what})")


def holdout_by_frequency(frame: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Lines: mean holdout purchases by calibration frequency, actual and expected.

    ``frame`` is :func:`csmlab.customerbase.holdout_by_frequency`'s output.
    """
    ax = get_axes(ax)
    x = np.arange(len(frame))
    ax.plot(x, frame["actual"], color=PALETTE[0], marker="o", label="actual")
    ax.plot(x, frame["expected"], color=PALETTE[1], marker="s", linestyle="--",
            label="BG/NBD conditional expectation")
    ax.set_xticks(x, list(frame.index))
    ax.legend(loc="upper left")
    return style_axes(ax, "Holdout purchases by calibration frequency",
                      "Repeat purchase days in the calibration period",
                      "Mean purchase days in the holdout")


def p_alive_curve(model: BGNBD, T: float, frequencies: Sequence[int] = (1, 2, 5, 10),
                  ax: Axes | None = None) -> Axes:
    """Lines: P(alive) against recency, one line per frequency, for customers of age ``T``."""
    ax = get_axes(ax)
    recency = np.linspace(0, T, 121)
    for i, x in enumerate(frequencies):
        label = f"{x} repeat purchase{'s' if x != 1 else ''}"
        ax.plot(recency, model.p_alive(np.full_like(recency, x), recency, np.full_like(recency, T)),
                color=PALETTE[i % len(PALETTE)], label=label)
    ax.set_ylim(0, 1.02)
    ax.legend(loc="upper left")
    return style_axes(ax, f"P(alive) after {T:.0f} weeks as a customer",
                      "Recency: week of the last purchase after the first",
                      "Probability still active")


def p_alive_heatmap(model: BGNBD, T: float, max_frequency: int = 20,
                    ax: Axes | None = None) -> Axes:
    """Heat map: P(alive) over recency (columns) and frequency (rows), with a colour bar."""
    ax = get_axes(ax)
    recency = np.linspace(0, T, 80)
    freq = np.arange(0, max_frequency + 1)
    grid = model.p_alive(freq[:, None] + 0 * recency[None, :], recency[None, :] + 0 * freq[:, None],
                         np.full((len(freq), len(recency)), T))
    image = ax.imshow(grid, origin="lower", aspect="auto", cmap="viridis", vmin=0, vmax=1,
                      extent=(0, T, -0.5, max_frequency + 0.5))
    ax.figure.colorbar(image, ax=ax, label="P(alive)")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(False)
    return style_axes(ax, f"P(alive) after {T:.0f} weeks as a customer",
                      "Recency: week of the last purchase after the first",
                      "Repeat purchases (frequency)")


def gains(frame: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Lines: share of holdout purchases captured by the top share of customers, per ranking.

    ``frame`` is :func:`csmlab.customerbase.gains_table`'s output (ideally
    with many shares, e.g. ``np.linspace(0, 1, 51)``).
    """
    ax = get_axes(ax)
    x = frame.index.to_numpy() * 100
    for i, col in enumerate(frame.columns):
        style = {"random": ":", "perfect": "-."}.get(col, "-")
        colour = NEUTRAL if col == "random" else PALETTE[i % len(PALETTE)]
        ax.plot(x, frame[col] * 100, color=colour, linestyle=style, label=col)
    ax.legend(loc="lower right")
    return style_axes(ax, "Gains: holdout purchases captured",
                      "Top customers by ranking (%)", "Share of holdout purchases (%)")


@register(CustomerResult)
def customer_outlook(result: CustomerResult, ax: Axes | None = None) -> Axes:
    """Line: P(alive) against recency at this customer's frequency and T; a dot for the customer."""
    ax = get_axes(ax)
    T = result.T
    recency = np.linspace(0, T, 121)
    x = result.frequency
    ax.plot(recency, result.model.p_alive(np.full_like(recency, x), recency,
                                          np.full_like(recency, T)),
            color=PALETTE[0], label=f"{x} repeat purchase{'s' if x != 1 else ''}, any recency")
    ax.plot([result.recency], [result.p_alive], "o", color=PALETTE[3], markersize=8,
            label=f"this customer: P(alive) = {result.p_alive:.2f}")
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower right")
    return style_axes(ax, f"P(alive) after {T:.0f} weeks as a customer",
                      "Recency: week of the last purchase after the first",
                      "Probability still active")
