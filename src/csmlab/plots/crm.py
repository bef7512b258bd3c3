"""Charts for :mod:`csmlab.crm`."""

from __future__ import annotations

import textwrap
from typing import Any

import matplotlib
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from csmlab import crm
from csmlab.crm import (CUSTOMISATION_FACES, STRATEGY_GRID, LTVResult, RFMResult, TierResult,
                        ValueGrowthResult, WhaleResult)
from csmlab.plots import (SMALL, PALETTE, STYLE, bar, barh_signed, get_axes, line, new_axes, register,
                          style_axes)
from csmlab.plots.diagrams import _title


def _wrap(text: str, width: int) -> str:
    """Wrap at spaces only: a word longer than ``width`` keeps its line, never broken
    ("(reactivation)" stays whole, not "reactivatio" over "n").

    >>> _wrap("(reactivation)", 12)
    '(reactivation)'
    >>> _wrap("frequent, low spend", 12).splitlines()
    ['frequent,', 'low spend']
    """
    return textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)


@register(RFMResult)
def segment_shares(result: RFMResult, ax: Axes | None = None) -> Axes:
    """Horizontal bars: each segment's share of customers (%), labelled with its strategy.

    Horizontal, so that each label ("lapsed" over "(reactivation)") has the width of the
    chart's left margin instead of one bar's width: no label is broken or runs into the next.
    """
    frame = result.to_frame()
    labels = [_wrap(str(s), 22) + "\n" + _wrap(f"({frame.loc[s, 'strategy']})", 22)
              for s in frame.index]
    values = (frame["share of customers"] * 100).tolist()
    ax = get_axes(ax)
    with matplotlib.rc_context(STYLE):
        bars = ax.barh(labels, values, color=PALETTE[:len(labels)])
        ax.invert_yaxis()
        ax.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=3, fontsize=SMALL)
        ax.set_xlim(0, max(values + [1.0]) * 1.15)
        ax.grid(axis="y", visible=False)
    return style_axes(ax, f"CDNOW customers by segment, as of {result.as_of}",
                      "Share of customers (%)", "")


@register(TierResult)
def tier_shares(result: TierResult, ax: Axes | None = None) -> Axes:
    """Bars: each tier's share of customers and of spend (%)."""
    frame = result.to_frame()
    ax = get_axes(ax)
    x = range(len(frame))
    ax.bar([i - 0.2 for i in x], frame["share of customers"] * 100, width=0.4,
           color=PALETTE[0], label="customers")
    ax.bar([i + 0.2 for i in x], frame["share of spend"] * 100, width=0.4,
           color=PALETTE[1], label="spend")
    ax.set_xticks(list(x), list(frame.index))
    ax.legend()
    return style_axes(ax, "CDNOW tiers: share of customers and of 1997 spend", "Tier",
                      "Share (%)")


@register(WhaleResult)
def whale(result: WhaleResult, ax: Axes | None = None) -> Axes:
    """Line: the whale curve (cumulative profit share against customers ranked by profit)."""
    x, y = result.curve
    step = max(1, len(x) // 400)
    ax = line((x[::step] * 100).tolist(), {"cumulative profit": (y[::step] * 100).tolist()},
              ax=ax, title="Whale curve of CDNOW customers",
              xlabel="Customers ranked by profit, best first (%)",
              ylabel="Cumulative share of total profit (%)")
    ax.axhline(100, color="#333333", linewidth=0.8)
    return ax


@register(LTVResult)
def value_bars(result: LTVResult, ax: Axes | None = None) -> Axes:
    """Bars: historical margin per customer and projected margin per active customer (US$)."""
    return bar(["historical, per customer", "projected, per active customer"],
               [result.historical, result.projected], ax=ax, colors=PALETTE[:2],
               title="CDNOW customer value (margin, US$)", xlabel="Measure",
               ylabel="Margin per customer (US$)", annotate=lambda v: f"${v:,.0f}")


@register(ValueGrowthResult)
def value_growth(result: ValueGrowthResult, ax: Axes | None = None) -> Axes:
    """Horizontal bars: the gain in one customer's value from each lever and from all four."""
    frame = result.to_frame().drop(index="current")
    return barh_signed(list(frame.index), frame["gain (US$)"].tolist(), ax=ax,
                       title="Gain in customer value by lever (US$)",
                       xlabel="Gain in lifetime value over today's (US$)",
                       annotate=lambda v: f"${v:,.0f}")


def _grid_cells(ax: Axes, cells: list[tuple[int, int, str, str, str]], xticks: list[str],
                yticks: list[str], title: str, xlabel: str, ylabel: str) -> Axes:
    """Draw a 2×2 grid of shaded cells, each with a bold name and a wrapped note."""
    with matplotlib.rc_context(STYLE):
        for x, y, name, note, colour in cells:
            ax.add_patch(Rectangle((x, y), 1, 1, facecolor=colour, edgecolor="white",
                                   linewidth=3, alpha=0.35))
            ax.text(x + 0.5, y + 0.72, name, ha="center", va="center", fontsize=11,
                    fontweight="bold", color="#111111")
            ax.text(x + 0.5, y + 0.35, textwrap.fill(note, 30), ha="center", va="center",
                    fontsize=SMALL, color="#333333")
        ax.set_xlim(0, 2)
        ax.set_ylim(0, 2)
        ax.set_xticks([0.5, 1.5], xticks)
        ax.set_yticks([0.5, 1.5], yticks)
        ax.grid(False)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(length=0)
    return style_axes(ax, title, xlabel, ylabel)


def strategy_grid(ax: Axes | None = None) -> Axes:
    """The 2×2 CRM strategy grid: profitability against relationship length (:cite:`reinartz2002`).

    Examples
    --------
    >>> ax = strategy_grid()
    >>> sorted(t.get_text() for t in ax.texts if t.get_fontweight() == "bold")
    ['barnacles', 'butterflies', 'strangers', 'true friends']
    """
    ax = get_axes(ax)
    cells = [(0 if length == "short" else 1, 1 if profit == "high" else 0, name, note,
              PALETTE[i]) for i, (profit, length, name, note) in enumerate(STRATEGY_GRID)]
    _grid_cells(ax, cells, ["short", "long"], ["low", "high"],
                "CRM strategy grid: profitability × relationship length",
                "Length of the relationship", "Customer profitability")
    ax._csmlab_alt = ("A 2 by 2 grid of customer profitability against relationship length. "
                      + " ".join(f"{profit.capitalize()} profit, {length} relationship: "
                                 f"{name}. {note}"
                                 for profit, length, name, note in STRATEGY_GRID)
                      )  # type: ignore[attr-defined]
    return ax


def customisation_faces(ax: Axes | None = None) -> Axes:
    """The four faces of mass customisation as a 2×2 grid (:cite:`gilmore1997`).

    Examples
    --------
    >>> ax = customisation_faces()
    >>> sorted(t.get_text().split()[0] for t in ax.texts if t.get_fontweight() == "bold")
    ['adaptive', 'collaborative', 'cosmetic', 'transparent']
    """
    ax = get_axes(ax)
    cells = [(int(rep), int(prod), face, example, PALETTE[i])
             for i, (face, _korean, prod, rep, example) in enumerate(CUSTOMISATION_FACES)]
    _grid_cells(ax, cells, ["no change", "change"], ["no change", "change"],
                "Four faces of mass customisation", "Representation (how it is presented)",
                "The product itself")
    ax._csmlab_alt = ("A 2 by 2 grid: the product changed or not against its representation "
                      "changed or not. " + " ".join(
                          f"{face.capitalize()}: product {'changed' if prod else 'unchanged'}, "
                          f"representation {'changed' if rep else 'unchanged'} ({example})."
                          for face, _, prod, rep, example in CUSTOMISATION_FACES)
                      )  # type: ignore[attr-defined]
    return ax


def profit_groups(frame: pd.DataFrame | None = None, ax: Axes | None = None) -> Axes:
    """Bars: each customer group's share of profit, labelled with its share of customers.

    ``frame`` is :func:`csmlab.crm.profit_groups` (the seed's slide 78) by default.

    Examples
    --------
    >>> ax = profit_groups()
    >>> [round(p.get_width()) for p in ax.patches]
    [80, 25, 16, 2, -22]
    """
    frame = crm.profit_groups() if frame is None else frame
    labels = [f"{g} ({c:.0%} of customers)" for g, c in
              zip(frame.index, frame["share of customers"])]
    return barh_signed(labels, (frame["share of profit"] * 100).tolist(), ax=ax,
                       title="Share of profit by customer group",
                       xlabel="Share of total profit (%)", annotate=lambda v: f"{v:+.0f}%")


def churn_fishbone(causes: Any = None, ax: Axes | None = None) -> Axes:
    """A fishbone (cause-and-effect) diagram of customer churn (seed 002, slide 85).

    ``causes`` is a sequence of (branch, causes) pairs, by default the fact
    ``crm.churn_causes``: the first half of the branches go above the spine,
    the rest below.

    Examples
    --------
    >>> ax = churn_fishbone()
    >>> [t.get_text() for t in ax.texts if "leave" in t.get_text()]
    ['Customers\\nleave']
    """
    from csmlab.cases import value

    causes = value("crm.churn_causes") if causes is None else causes
    if ax is None:
        fig, ax = new_axes(figsize=(8.4, 5.2))
        fig.subplots_adjust(left=0.01, right=0.99, top=0.9, bottom=0.02)
    ax.set_axis_off()
    n_top = (len(causes) + 1) // 2
    with matplotlib.rc_context(STYLE):
        ax.set_xlim(0, 10.6)
        ax.set_ylim(-5, 5)
        ax.annotate("", xy=(9.0, 0), xytext=(1.0, 0),
                    arrowprops={"arrowstyle": "-|>", "color": "#333333", "linewidth": 2})
        ax.text(9.1, 0, "Customers\nleave", ha="left", va="center", fontsize=10,
                fontweight="bold", bbox={"boxstyle": "round", "facecolor": PALETTE[3],
                                         "alpha": 0.3, "edgecolor": "none"})
        for i, (branch, items) in enumerate(causes):
            top = i < n_top
            slot = i if top else i - n_top
            x_end = 3.3 + 2.6 * slot
            sign = 1 if top else -1
            x_start, y_start = x_end - 1.3, sign * 4.2
            ax.plot([x_start, x_end], [y_start, 0], color=PALETTE[i % len(PALETTE)],
                    linewidth=2)
            ax.text(x_start, y_start + sign * 0.35, branch, ha="center",
                    va="bottom" if top else "top", fontsize=9, fontweight="bold",
                    color="#111111")
            for j, item in enumerate(items):
                frac = (j + 0.6) / (len(items) + 0.4)
                y = y_start * (1 - frac)
                x = x_start + (x_end - x_start) * frac
                ax.text(x - 0.08, y, item, ha="right", va="center", fontsize=SMALL,
                        color="#333333")
    _title(ax, "Why customers leave: a fishbone of churn causes")
    ax._csmlab_alt = ("Fishbone diagram with the effect 'customers leave' at the head. "
                      + " ".join(f"{branch.capitalize()}: {', '.join(items)}."
                                 for branch, items in causes))  # type: ignore[attr-defined]
    return ax
