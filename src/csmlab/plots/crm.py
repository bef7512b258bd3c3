"""Charts for :mod:`csmlab.crm`."""

from __future__ import annotations

from matplotlib.axes import Axes

from csmlab.crm import LTVResult, RFMResult, TierResult, WhaleResult
from csmlab.plots import PALETTE, get_axes, bar, line, register, style_axes


@register(RFMResult)
def segment_shares(result: RFMResult, ax: Axes | None = None) -> Axes:
    """Bars: each segment's share of customers (%), labelled with its strategy."""
    frame = result.to_frame()
    labels = [f"{s}\n({frame.loc[s, 'strategy']})" for s in frame.index]
    ax = bar(labels, (frame["share of customers"] * 100).tolist(), ax=ax,
             colors=PALETTE[:len(labels)],
             title=f"CDNOW customers by segment, as of {result.as_of}",
             xlabel="Segment (database-marketing strategy)", ylabel="Share of customers (%)",
             annotate=lambda v: f"{v:.0f}%")
    ax.tick_params(axis="x", labelsize=7)
    return ax


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
