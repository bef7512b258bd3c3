"""Charts for :mod:`csmlab.servitization`."""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from csmlab.plots import NEGATIVE, NEUTRAL, POSITIVE, STYLE, get_axes, register, style_axes
from csmlab.servitization import LifecycleResult, ownership_cost_table


@register(LifecycleResult)
def lifecycle_profit(result: LifecycleResult, ax: Axes | None = None) -> Axes:
    """Lines: the maker's cumulative discounted profit from the product and from services."""
    years = result.years
    ax = get_axes(ax)
    with matplotlib.rc_context(STYLE):
        ax.step(years.index, years["cumulative product profit"], where="post", color=NEUTRAL,
                linewidth=2, label="product")
        ax.plot(years.index, years["cumulative service profit"], color=POSITIVE, linewidth=2,
                marker="o" if len(years) <= 15 else None, label="services")
        ax.legend(loc="upper left")
        ax.set_xlim(0, max(1, years.index[-1]))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    share = result.service_profit_share
    title = ("No lifetime profit to share" if np.isnan(share)
             else f"Services earn {share:.0%} of lifetime profit")
    ax = style_axes(ax, title,
                    "Year of the product's life", "Cumulative profit (PV, currency units)")
    ax._csmlab_alt = (  # type: ignore[attr-defined]
        f"Line chart of the maker's cumulative discounted profit over a "
        f"{len(years) - 1}-year product life. Product profit, "
        f"{result.product_profit:,.0f}, is earned at the sale in year 0 and stays flat; "
        f"service profit rises every year to {result.service_profit:,.0f}, "
        + ("so there is no lifetime profit to share. " if np.isnan(share)
           else f"{share:.0%} of the total. ")
        + "The purchase is "
        f"{result.purchase_share:.0%} of the customer's lifetime cost; services match the "
        f"product's profit once the maker captures {result.parity_capture:.0%} of the "
        f"spend it can sell as service.")
    return ax


def ownership_cost_chart(ax: Axes | None = None) -> Axes:
    """Stacked bars: the purchase's share of the yearly cost of ownership (seed 002, slide 16)."""
    table = ownership_cost_table()
    own = ax is None
    ax = get_axes(ax)
    if own:  # room for the example names
        ax.figure.subplots_adjust(left=0.24)
    names = table.index.tolist()
    share = (table["purchase share"] * 100).tolist()
    with matplotlib.rc_context(STYLE):
        ax.barh(names, share, color=NEGATIVE, label="purchase")
        ax.barh(names, [100 - s for s in share], left=share, color=POSITIVE,
                label="running, support and everything else")
        for i, s in enumerate(share):
            ax.text(s + 1.5, i, f"purchase 1/{100 / s:.0f} ({s:.0f}%), the rest "
                    f"{100 - s:.0f}%", va="center", fontsize=9, color="white")
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.grid(axis="y", visible=False)
    ax = style_axes(ax, "The purchase is a small part of owning", "Share of yearly cost (%)", "")
    ax._csmlab_alt = (  # type: ignore[attr-defined]
        "Stacked bars of the yearly cost of ownership: " + "; ".join(
            f"{name}, purchase 1/{100 / s:.0f} ({s:.0f}%) and everything else {100 - s:.0f}%"
            for name, s in zip(names, share)) + ".")
    return ax
