"""Charts for :mod:`csmlab.recovery`, and the recovery matrix of seed 002, slide 32.

Examples
--------
>>> from csmlab.recovery import restaurant_delay
>>> ax = satisfaction_chart(restaurant_delay().run())
>>> [round(float(p.get_height()), 2) for p in ax.patches]
[5.5, 5.05, 5.69]
>>> describe(recovery_matrix()).startswith("Recovery matrix")
True
"""

from __future__ import annotations

import textwrap

import matplotlib
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from csmlab.cases.complaints import RECOVERY_MATRIX
from csmlab.plots import (SMALL, NEGATIVE, NEUTRAL, PALETTE, POSITIVE, STYLE, bar, describe,  # noqa: F401 (doctest)
                          get_axes, line, register, style_axes)
from csmlab.recovery import (RecoveryResult, RecoveryScenario, compensation_curve,
                             optimal_compensation, phase_costs)

__all__ = ["satisfaction_chart", "justice_chart", "compensation_chart", "phase_cost_chart",
           "recovery_matrix"]


@register(RecoveryResult)
def satisfaction_chart(result: RecoveryResult, ax: Axes | None = None) -> Axes:
    """Bar chart: overall satisfaction with no failure, after a failure left alone, and
    after the recovery (1–7), titled with the outcome (paradox, worse than no recovery)."""
    values = [result.baseline_satisfaction, result.no_recovery_satisfaction,
              result.satisfaction]
    after = POSITIVE if result.paradox else (NEGATIVE if result.double_deviation else PALETTE[2])
    ax = bar(["no failure", "failure, no recovery", "after recovery"], values,
             colors=[NEUTRAL, NEGATIVE, after], ax=ax,
             title=f"Satisfaction after a failure:\n{result.outcome}",
             xlabel="State", ylabel="Overall satisfaction (1–7)",
             annotate=lambda x: f"{x:.2f}")
    ax.set_ylim(1, 7.4)
    ax.axhline(result.baseline_satisfaction, color="#333333", linewidth=0.8, linestyle="--",
               zorder=1)
    for label in ax.texts:   # bar labels on a white card, over the dashed line
        label.set_bbox({"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
        label.set_zorder(5)
    return ax


def justice_chart(result: RecoveryResult, ax: Axes | None = None) -> Axes:
    """Bar chart: the three justice perceptions and satisfaction with the recovery (1–7)."""
    ax = bar(["distributive", "procedural", "interactional", "recovery\nsatisfaction"],
             [result.distributive, result.procedural, result.interactional,
              result.recovery_satisfaction], colors=PALETTE[:4], ax=ax,
             title="Perceived justice of the recovery", xlabel="Justice dimension",
             ylabel="Rating (1–7)", annotate=lambda x: f"{x:.1f}")
    ax.set_ylim(1, 7.4)
    return ax


def compensation_chart(scenario: RecoveryScenario, ax: Axes | None = None) -> Axes:
    """Line chart: expected customer value net of recovery cost against compensation,
    with the profit-maximising multiple marked."""
    frame = compensation_curve(scenario)
    best = optimal_compensation(scenario)
    ax = line(frame.index, {"expected value net of cost": frame["expected value ($)"],
                            "recovery cost": frame["cost ($)"]}, ax=ax,
              title="Under- and over-compensating",
              xlabel="Compensation (multiple of the customer's loss)", ylabel="$")
    ax.axvline(best, color=NEUTRAL, linestyle="--", linewidth=1)
    # Above the curve's peak, on a white card: no line strikes through the label.
    top = float(frame["expected value ($)"].max())
    ax.annotate(f"best: {best:.2f}× the loss", (best, top), xytext=(0, 10),
                textcoords="offset points", ha="center", va="bottom", fontsize=SMALL, zorder=5,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"})
    ax.margins(y=0.18)
    return ax


def phase_cost_chart(scenario: RecoveryScenario, ax: Axes | None = None) -> Axes:
    """Bar chart: the total cost of this recovery when the firm recognises the failure itself,
    when a complaint tells it, and with a follow-up added ($)."""
    frame = phase_costs(scenario)
    labels = ["firm\nrecognises", "complaint", "complaint\n+ follow-up"]
    return bar(labels, frame["total ($)"].tolist(), colors=[POSITIVE, PALETTE[1], NEGATIVE],
               ax=ax, title="Cost of recovering, by phase", xlabel="How the recovery runs",
               ylabel="Cost per complaint ($)", annotate=lambda x: f"${x:,.0f}")


def recovery_matrix(ax: Axes | None = None, highlight: tuple[bool, bool] | None = (True, True),
                    title: str = "Recovery matrix: failure × complaint") -> Axes:
    """The 2×2 recovery matrix (seed 002, slide 32): was there a real failure by the firm,
    did the customer complain, and what the firm should do in each cell.

    Parameters
    ----------
    ax : Axes, optional
    highlight : (bool, bool) or None
        The cell ``(firm_failed, complained)`` to shade; ``None`` for none.
    title : str
    """
    ax = get_axes(ax)
    with matplotlib.rc_context(STYLE):
        for cell in RECOVERY_MATRIX:
            x, y = int(cell.complained), int(cell.firm_failed)
            lit = highlight == (cell.firm_failed, cell.complained)
            ax.add_patch(Rectangle((x, y), 1, 1, facecolor=PALETTE[5] if lit else "#f2f2f2",
                                   edgecolor="white", linewidth=3))
            ax.text(x + 0.5, y + 0.62, textwrap.fill(cell.situation, 26), ha="center",
                    va="center", fontsize=SMALL, color="#333333")
            ax.text(x + 0.5, y + 0.28, textwrap.fill(cell.action, 24), ha="center",
                    va="center", fontsize=9, fontweight="bold", color="#111111")
        ax.set_xlim(0, 2)
        ax.set_ylim(0, 2)
        ax.set_xticks([0.5, 1.5], ["stays silent", "complains"])
        ax.set_yticks([0.5, 1.5], ["no", "yes"])
        ax.grid(False)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(length=0)
    style_axes(ax, title, "The dissatisfied customer …", "A real failure by the firm?")
    parts = [f"{'failure' if c.firm_failed else 'no failure'} and "
             f"{'a complaint' if c.complained else 'silence'}: {c.action}"
             for c in RECOVERY_MATRIX]
    ax._csmlab_alt = ("Recovery matrix, a 2 by 2 grid of whether there was a real failure by "
                      "the firm against whether the customer complained. " + "; ".join(parts)
                      + ".")  # type: ignore[attr-defined]
    return ax
