"""Charts for :mod:`csmlab.retention`."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from csmlab.plots import SMALL, PALETTE, STYLE, get_axes, bar, line, register, style_axes
from csmlab.retention import AcquisitionResult, RetentionResult

__all__ = ["tenure_profit", "base_and_profit", "industries", "uplift", "acquisition"]


def tenure_profit(profile: pd.DataFrame, ax: Axes | None = None, title: str = "") -> Axes:
    """Stacked bars: one customer's profit by year of tenure, by Reichheld's parts."""
    ax = get_axes(ax)
    years = profile.index.to_numpy()
    with matplotlib.rc_context(STYLE):
        ax.bar(years, profile["acquisition"], color=PALETTE[1], label="acquisition cost")
        bottom = np.zeros(len(years))
        for i, name in enumerate(["base profit", "revenue growth", "cost savings", "referrals",
                                  "price premium"]):
            vals = profile[name].to_numpy()
            ax.bar(years, vals, bottom=bottom, color=PALETTE[(i + 2) % len(PALETTE)]
                   if i else PALETTE[0], label=name)
            bottom = bottom + vals
        ax.axhline(0, color="#333333", linewidth=0.8)
        ax.legend(fontsize=SMALL, ncols=2)
        ax.grid(axis="x", visible=False)
    return style_axes(ax, title or "One customer's profit by year of tenure",
                      "Year of tenure (0 = acquisition)", "Profit ($ per year)")


@register(RetentionResult)
def base_and_profit(result: RetentionResult, ax: Axes | None = None) -> Axes:
    """Line chart: the firm's profit by calendar year (thousands of $)."""
    frame = result.to_frame()
    return line(frame.index, {"profit": frame["profit"] / 1000}, ax=ax, markers=True,
                title=f"Firm profit with {result.retention:.0%} retention "
                      f"(customer NPV ${result.customer_npv:,.0f})",
                xlabel="Year", ylabel="Profit (thousand $)")


def industries(frame: pd.DataFrame, reported_range: tuple[float, float] | None = None,
               ax: Axes | None = None) -> Axes:
    """Horizontal bars: Reichheld & Sasser's NPV increase by industry.

    ``reported_range`` (low, high), as shares, shades the range the article
    reports across all the industries it studied.
    """
    ax = get_axes(ax)
    frame = frame.sort_values("npv_increase")
    with matplotlib.rc_context(STYLE):
        if reported_range is not None:
            lo, hi = reported_range
            ax.axvspan(lo * 100, hi * 100, color=PALETTE[5], alpha=0.25,
                       label=f"range reported across industries ({lo:.0%}–{hi:.0%})")
        container = ax.barh(frame.index.tolist(), (frame["npv_increase"] * 100).tolist(),
                            color=PALETTE[0], label="industry named in the article")
        ax.bar_label(container, labels=[f"{v:.0%}" for v in frame["npv_increase"]], padding=2,
                     fontsize=SMALL)
        ax.grid(axis="y", visible=False)
        ax.set_xlim(0, 100)
        # Below the axes, so that the legend covers no bar or label.
        ax.legend(fontsize=SMALL, loc="upper left", bbox_to_anchor=(0.0, -0.22), ncols=1)
    ax.set_title("")
    return style_axes(ax, "Increase in customer NPV from 5 points less defection",
                      "Increase in customer net present value (%)", "")


def uplift(curve: pd.DataFrame, points: float, ax: Axes | None = None,
           label: str = "uplift") -> Axes:
    """Line chart: relative gain from ``points`` more retention against the starting rate."""
    return line(curve.index * 100, {label: curve["uplift"] * 100}, ax=ax, markers=True,
                title=f"Gain from {points:g} more points of retention",
                xlabel="Starting retention rate (%)", ylabel="Increase (%)")


@register(AcquisitionResult)
def acquisition(result: AcquisitionResult, ax: Axes | None = None) -> Axes:
    """Bars: sales one budget buys from new and from existing customers, both ways."""
    labels = ["new (by cost)", "existing (by cost)", "new (by odds)", "existing (by odds)"]
    vals = [result.sales_new, result.sales_existing, result.contact_sales_new,
            result.contact_sales_existing]
    return bar(labels, vals, colors=[PALETTE[1], PALETTE[0], PALETTE[1], PALETTE[0]], ax=ax,
               title="Sales one budget buys", xlabel="Spent on",
               ylabel="Sales (number)", annotate=lambda x: f"{x:,.0f}")
