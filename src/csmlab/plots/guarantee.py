"""Charts for :mod:`csmlab.guarantee`."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes

from csmlab.guarantee import (NO_COST, DesignResult, GuaranteeResult, GuaranteeScenario,
                              NeedResult, sensitivity)
from csmlab.plots import (PALETTE, bar, barh_signed, get_axes, line, money, register,
                          style_axes)

__all__ = ["guarantee_account", "sensitivity_chart", "design_ratings", "ratio_curve",
           "need_checklist"]


@register(GuaranteeResult)
def guarantee_account(result: GuaranteeResult, ax: Axes | None = None) -> Axes:
    """Signed bars: the guarantee's account (two revenues, two costs, its net) and the
    firm's view (what the failures cost, and the firm's net against a year with neither
    guarantee nor failures), so that a chart never shows failures as a gain. With no
    cost at all the title says "no cost: ratio undefined" rather than a ratio.

    Examples
    --------
    >>> from csmlab.guarantee import hampton_inn
    >>> ax = guarantee_account(hampton_inn().run())
    >>> len(ax.patches)
    7
    >>> [t.get_text() for t in ax.get_yticklabels()][-2:]
    ["Failures' cost", "Firm's net"]
    """
    labels = ["Attracted guests", "Returning invokers", "Payouts", "Advertising",
              "Guarantee's net", "Failures' cost", "Firm's net"]
    values = [result.attracted_revenue, result.retained_revenue, -result.payouts,
              -result.advertising, result.net, -result.failure_cost, result.firm_net]
    ax = barh_signed(labels, [v / 1e6 for v in values], ax=ax,
                     title=f"A year of the guarantee{_ratio(result)}",
                     xlabel="Amount ($ million; costs negative)",
                     annotate=lambda v: money(v * 1e6))
    lo, hi = ax.get_xlim()
    ax.set_xlim(lo - 0.15 * (hi - lo), hi + 0.15 * (hi - lo))
    return ax


def _ratio(result: GuaranteeResult) -> str:
    """The title's end: ``": revenue/cost = 10.2×"``, or ``" (no cost: ratio undefined)"``."""
    if result.cost > 0 and math.isfinite(result.return_ratio):
        return f": revenue/cost = {result.return_ratio:.1f}×"
    return f" ({NO_COST})"


def sensitivity_chart(scenario: GuaranteeScenario, change: float = 0.10,
                      ax: Axes | None = None) -> Axes:
    """Tornado chart: change in the return ratio when each input rises by ``change``.

    An input whose rise would leave its allowed range is held at the range's edge,
    and its bar is labelled "(capped)". A scenario with no cost at all has no
    ratio to move: the chart then draws no bars and says "no cost: ratio undefined".

    Examples
    --------
    >>> from csmlab.guarantee import hampton_inn
    >>> ax = sensitivity_chart(hampton_inn())
    >>> len(ax.patches)
    10
    """
    k = round(change * 100)
    title = f"Return ratio after a {k}% rise in each input"
    if not scenario.run().cost > 0:
        # No cost: a rise of any input leaves the cost at 0, so there is no ratio to compare.
        ax = get_axes(ax)
        words = "No claims paid and no advertising:\nrevenue/cost is undefined"
        ax.text(0.5, 0.5, words, transform=ax.transAxes, ha="center", va="center")
        ax.set_xticks([])
        ax.set_yticks([])
        ax._csmlab_alt = f"{title} ({NO_COST}). {words.replace(chr(10), ' ')}; no bars are drawn."
        return style_axes(ax, f"{title}\n({NO_COST})")
    table = sensitivity(scenario, change)
    base = scenario.run().return_ratio
    delta = table["high"].astype(float) - base
    order = delta.abs().sort_values(ascending=False).index
    # an input whose rise would leave its range is held at the edge (see ``sensitivity``)
    labels = [label + (" (capped)" if "high capped" in note else "")
              for label, note in zip(table.loc[order, "label"], table.loc[order, "note"])]
    return barh_signed(labels, delta[order].tolist(), ax=ax,
                       title=f"Return ratio after a {k}% rise in each input",
                       xlabel=f"Change in revenue/cost (from {base:.2f}×)",
                       annotate=lambda v: f"{v:+.2f}")


def ratio_curve(scenario: GuaranteeScenario, field: str, values: np.ndarray | None = None,
                ax: Axes | None = None) -> Axes:
    """Line chart of revenue/cost and margin × revenue/cost as one input varies.

    A dashed line marks a ratio of 1, where the guarantee stops paying. A value at
    which the guarantee has no cost at all has no ratio, and is left out.

    Examples
    --------
    >>> from csmlab.guarantee import hampton_inn
    >>> ax = ratio_curve(hampton_inn(), "invocations")
    >>> len(ax.get_lines())
    3
    """
    params = scenario.parameters()
    if field not in params:
        raise ValueError(f"field must name a field of GuaranteeScenario; got {field!r}")
    spec = params[field]
    if values is None:
        lo, hi = spec.slider_range()
        values = np.linspace(lo, hi, 41)
    xs, ratio, kept = [], [], []
    for x in np.asarray(values, dtype=float):
        x = int(round(x)) if spec.kind == "count" else float(x)
        try:
            r = scenario.replace(**{field: x}).run()
        except ValueError:
            continue
        if not r.cost > 0:      # no cost: the ratio is undefined, so there is no point
            continue
        xs.append(x)
        ratio.append(r.return_ratio)
        kept.append(r.profit_ratio)
    series = {"revenue / cost": ratio}
    if scenario.margin < 1:
        series[f"{scenario.margin:.0%} margin × revenue / cost"] = kept
    ax = line(xs, series, ax=ax, title=f"Return ratio as {spec.label.lower()} varies",
              xlabel=f"{spec.label} ({spec.unit})" if spec.unit else spec.label,
              ylabel="Ratio (times)")
    ax.axhline(1.0, color="#333333", linestyle="--", linewidth=1, label="_break-even")
    ax.axvline(float(getattr(scenario, field)), color=PALETTE[7], linewidth=1,
               label="_current")
    ax.set_ylim(bottom=0)
    return ax


@register(DesignResult)
def design_ratings(result: DesignResult, ax: Axes | None = None) -> Axes:
    """Bars of the design's rating (0–4) on each of Hart's five conditions.

    Examples
    --------
    >>> from csmlab.guarantee import bbbk_design
    >>> [float(p.get_height()) for p in design_ratings(bbbk_design().run()).patches]
    [4.0, 3.0, 4.0, 3.0, 3.0]
    """
    labels = ["Uncond-\nitional", "Easy to\nunderstand", "Meaning-\nful", "Easy to\ninvoke",
              "Easy to\ncollect"]
    values = list(result.ratings.values())
    colors = [PALETTE[0] if v >= 3 else PALETTE[3] for v in values]
    ax = bar(labels, values, colors=colors, ax=ax,
             title=f"Hart's five conditions: {result.verdict}",
             ylabel="Rating (0 = fails, 4 = fully met)", annotate=lambda v: f"{v:.0f}")
    ax.set_ylim(0, 4.6)
    return style_axes(ax)


@register(NeedResult)
def need_checklist(result: NeedResult, ax: Axes | None = None) -> Axes:
    """Horizontal bars: which of the seed's seven situations apply (1) or not (0).

    Examples
    --------
    >>> from csmlab.guarantee import hotel_need
    >>> [float(p.get_width()) for p in need_checklist(hotel_need().run()).patches]
    [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0]
    """
    labels = ["High price", "Self-image", "Serious harm", "Poor industry image",
              "Repeat purchase", "Word of mouth", "Buyer resistance"]
    values = [1 if v else 0 for v in result.applies.values()]
    ax = barh_signed(labels, values, ax=ax,
                     title=f"{result.count} of 7 situations apply: {result.recommendation}",
                     xlabel="Applies (1 = yes, 0 = no)")
    ax.set_xlim(0, 1.1)
    ax.set_xticks([0, 1])
    return ax
