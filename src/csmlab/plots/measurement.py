"""Charts for :mod:`csmlab.measurement`, :mod:`csmlab.organisation` and :mod:`csmlab.moments`."""

from __future__ import annotations

import matplotlib
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from csmlab.measurement import ImprovementResult, ServqualResult
from csmlab.moments import AwardResult, MomentsResult, MotCycleResult, QfdResult
from csmlab.organisation import ServiceProfitChainResult
from csmlab.plots import (SMALL, NEGATIVE, NEUTRAL, PALETTE, POSITIVE, STYLE, bar, barh_signed,
                          get_axes, register, style_axes, wrap_labels)


@register(ServqualResult)
def servqual_gaps_chart(result: ServqualResult, ax: Axes | None = None) -> Axes:
    """Horizontal bars: the mean gap (perception − expectation) per dimension."""
    gaps = result.gaps
    return barh_signed([d.capitalize() for d in gaps.index], gaps.tolist(), ax=ax,
                       title="SERVQUAL gaps by dimension",
                       xlabel="Perception − expectation (scale points, 1–7 scale)",
                       annotate=lambda v: f"{v:+.2f}")


@register(ImprovementResult)
def improvement_chart(result: ImprovementResult, ax: Axes | None = None) -> Axes:
    """Horizontal bars: the gap per dimension after the improvement, CSI in the title."""
    gaps = result.after["gap"]
    ax = barh_signed([d.capitalize() for d in gaps.index], gaps.tolist(), ax=ax,
                     title=f"Gaps after the change (CSI {result.csi_before:.1f} → "
                           f"{result.csi_after:.1f} of 100)",
                     xlabel="Perception − expectation (scale points, 1–7 scale)",
                     annotate=lambda v: f"{v:+.2f}")
    return ax


@register(AwardResult)
def award_chart(result: AwardResult, ax: Axes | None = None) -> Axes:
    """Stacked horizontal bars: points earned and missed per criterion."""
    frame = result.to_frame()
    ax = get_axes(ax)
    with matplotlib.rc_context(STYLE):
        labels = frame.index.tolist()
        labels = wrap_labels(labels, 24)
        ax.barh(labels, frame["earned"], color=POSITIVE, label="earned")
        ax.barh(labels, frame["missed"], left=frame["earned"], color=NEUTRAL, label="missed")
        ax.invert_yaxis()
        # Below the bars, not over them: the longest criterion reaches the right edge.
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2)
        ax.grid(axis="y", visible=False)
    return style_axes(ax, f"Award sheet: {result.total:,.0f} of 1,000 points", "Points", "")


@register(MomentsResult)
def moments_chart(result: MomentsResult, ax: Axes | None = None) -> Axes:
    """Bars: the encounter's impression under each rule (0–100)."""
    frame = result.to_frame()
    return bar(["average", "product", "product, no bad moment"],
               frame["score 0–100"].tolist(), ax=ax,
               colors=[NEUTRAL, NEGATIVE, POSITIVE],
               title=f"One bad moment in {len(result.scores)}",
               xlabel="How the moments combine", ylabel="Overall impression (0–100)",
               annotate=lambda v: f"{v:.0f}")


@register(ServiceProfitChainResult)
def chain_chart(result: ServiceProfitChainResult, ax: Axes | None = None) -> Axes:
    """Horizontal bars: relative change of each link in the service-profit chain."""
    frame = result.to_frame()
    return barh_signed([s.capitalize() for s in frame.index], frame["change (%)"].tolist(),
                       ax=ax, title="The service-profit chain",
                       xlabel="Change (%)", annotate=lambda v: f"{v:+.1f}%")


def ipa_grid(ipa: pd.DataFrame, ax: Axes | None = None,
             title: str = "Importance–performance grid",
             xlabel: str = "Performance", ylabel: str = "Importance") -> Axes:
    """Scatter of attributes on the importance–performance grid, with cross-hairs and labels.

    ``ipa`` is a frame from :func:`csmlab.measurement.importance_performance`.
    """
    ax = get_axes(ax)
    ci, cp = ipa.attrs.get("cut", (ipa["importance"].mean(), ipa["performance"].mean()))
    # Each quadrant its own colour AND marker (no two oranges): vermilion circles, blue
    # squares, grey triangles, reddish-purple diamonds.
    looks = {"Concentrate here": (NEGATIVE, "o"), "Keep up the good work": (POSITIVE, "s"),
             "Low priority": (NEUTRAL, "^"), "Possible overkill": (PALETTE[4], "D")}
    with matplotlib.rc_context(STYLE):
        for quadrant, group in ipa.groupby("quadrant", sort=False):
            colour, marker = looks[quadrant]
            ax.scatter(group["performance"], group["importance"], s=50, marker=marker,
                       color=colour, label=quadrant, zorder=3)
        for name, row in ipa.iterrows():
            ax.annotate(str(name), (row["performance"], row["importance"]),
                        textcoords="offset points", xytext=(5, 4), fontsize=SMALL)
        ax.margins(0.12)   # room for the labels of the outermost points
        ax.axvline(cp, color="#333333", linewidth=0.8, linestyle="--")
        ax.axhline(ci, color="#333333", linewidth=0.8, linestyle="--")
        ax.legend(loc="best", fontsize=SMALL)
    return style_axes(ax, title, xlabel, ylabel)


@register(MotCycleResult)
def cycle_chart(result: MotCycleResult, ax: Axes | None = None) -> Axes:
    """Bars: each moment's chance of going right; line: the chance that all so far went right."""
    frame = result.to_frame()
    own = ax is None
    ax = get_axes(ax)
    if own:  # room for the slanted moment names
        ax.figure.subplots_adjust(bottom=0.3)
    colours = {"hardware": PALETTE[0], "software": PALETTE[1], "human": PALETTE[2], "": NEUTRAL}
    with matplotlib.rc_context(STYLE):
        x = range(len(frame))
        ax.bar(x, frame["success"] * 100, color=[colours[c] for c in frame["component"]])
        ax.plot(x, frame["cumulative"] * 100, color=NEGATIVE, marker="o", linewidth=2,
                label="everything so far went right")
        ax.set_xticks(list(x), frame.index.tolist(), rotation=45, ha="right", fontsize=SMALL)
        ax.set_ylim(0, 150)   # room above the bars for the two-row legend
        ax.set_yticks([0, 20, 40, 60, 80, 100])
        handles = [Patch(color=colours[c], label=c) for c in ("hardware", "software", "human")
                   if c in set(frame["component"])]
        ax.legend(handles=[*handles, *ax.get_legend_handles_labels()[0]], loc="upper left",
                  fontsize=SMALL, ncols=2, handlelength=1.2, columnspacing=0.8)
        ax.grid(axis="x", visible=False)
    ax = style_axes(ax, f"A flawless visit: {result.whole_cycle:.0%} (average moment "
                        f"{result.average:.0%})", "", "Chance (%)")
    comps = sorted({c for c in frame["component"] if c})
    ax._csmlab_alt = (  # type: ignore[attr-defined]
        f"Cycle of service, {len(frame)} moments of truth in order: "
        + ", ".join(f"{name} {p:.0%} ({c})" for name, p, c in
                    zip(frame.index, frame["success"], frame["component"]))
        + f". Bars are each moment's chance of going right, coloured by component "
          f"({', '.join(comps)}); the line falls to {result.whole_cycle:.0%}, the chance that "
          f"every moment goes right, against an average moment of {result.average:.0%}. "
        + (f"Fixing {result.weakest} helps most." if len(result.tied) <= 1 else
           f"Fixing any one of {', '.join(result.tied)} helps most (a tie)."))
    return ax


def return_intent_chart(returning: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Bars: the share intending to return at each overall score, the top box picked out.

    ``returning`` is :func:`csmlab.measurement.return_by_score`'s table.

    Examples
    --------
    >>> from csmlab.data import load_survey
    >>> from csmlab.measurement import return_by_score
    >>> ax = return_intent_chart(return_by_score(load_survey()))
    >>> len(ax.patches), ax.get_xlabel()
    (7, 'Overall satisfaction (1–7)')
    """
    scores = returning.index.tolist()
    top = max(scores)
    return bar([str(s) for s in scores], returning["return intent"].tolist(), ax=ax,
               colors=[POSITIVE if s == top else NEUTRAL for s in scores],
               annotate=lambda x: f"{x:.0%}",
               title="Intention to return by overall satisfaction",
               xlabel=f"Overall satisfaction ({min(scores)}–{top})",
               ylabel="Share intending to return")


@register(QfdResult)
def qfd_chart(result: QfdResult, ax: Axes | None = None) -> Axes:
    """Heat map of a service QFD: relationship strengths, with each response's priority below.

    Rows are the customer requirements (importance in brackets), columns the
    technical responses; the darker a cell, the stronger the relationship
    (0, 1, 3, 9). The column labels carry each response's technical priority.
    """
    from matplotlib.colors import LinearSegmentedColormap

    m = result.matrix
    own = ax is None
    ax = get_axes(ax)
    if own:
        ax.figure.set_size_inches(6.4, 5.2)
        ax.figure.subplots_adjust(left=0.34, bottom=0.36, right=0.97, top=0.9)
    cmap = LinearSegmentedColormap.from_list("qfd", ["#FFFFFF", POSITIVE])
    with matplotlib.rc_context(STYLE):
        ax.imshow(m.to_numpy(dtype=float), cmap=cmap, vmin=0, vmax=9, aspect="auto")
        for i in range(m.shape[0]):
            for j in range(m.shape[1]):
                x = int(m.iat[i, j])
                if x:
                    ax.text(j, i, str(x), ha="center", va="center", fontsize=SMALL,
                            color="white" if x >= 9 else "#222222")
        cols = [f"{c} ({result.priority[c]:.0f})" for c in m.columns]
        rows = [f"{r} ({result.importance[r]:.0f})" for r in m.index]
        ax.set_xticks(range(m.shape[1]), wrap_labels(cols, 16), rotation=45, ha="right",
                      fontsize=SMALL)
        ax.set_yticks(range(m.shape[0]), wrap_labels(rows, 18), fontsize=SMALL)
        ax.grid(False)
    ax = style_axes(ax, "Service QFD (house of quality)", "", "")
    ax._csmlab_alt = (  # type: ignore[attr-defined]
        f"House of quality with {m.shape[0]} customer requirements (rows, importance in "
        f"brackets: " + ", ".join(rows) + f") and {m.shape[1]} technical responses (columns, "
        "technical priority in brackets: " + ", ".join(cols) + "). Darker cells are stronger "
        "relationships on the 0-1-3-9 scale; " + (
            f"{result.top} has the highest priority." if len(result.tied) <= 1 else
            " and ".join(result.tied) + " tie for the highest priority."))
    return ax
