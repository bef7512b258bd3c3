"""One plotting style for every figure in the course.

* A colour-blind-safe palette (Okabe & Ito) in a fixed order.
* Opaque white figure backgrounds with dark text, so figures stay readable in
  the site's dark mode.
* Figures are made with :func:`new_axes`, not ``pyplot``, so no global figure
  state builds up while an explorer redraws.
* Every plot function takes ``ax=None`` and returns the axes; :func:`show`
  turns the axes' figure into an output with alt text (written by hand, or
  made by :func:`describe` from the title, axis labels and bar values).

Topic charts live beside this module, one file per simulator module
(``csmlab.plots.guarantee`` for ``csmlab.guarantee``), and register the chart an
explorer draws by default with :func:`register`.

Examples
--------
>>> from csmlab import plots
>>> ax = plots.bar(["A", "B"], [3, 5], title="Two bars", ylabel="Count")
>>> plots.describe(ax)
'Two bars. Bar chart. Vertical axis: Count. Values: A 3, B 5.'
"""

from __future__ import annotations

import importlib
import pkgutil
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.figure import Figure

from csmlab.display import FigureOutput

__all__ = [
    "PALETTE", "POSITIVE", "NEGATIVE", "NEUTRAL", "SMALL", "MARKERS", "DASHES", "series_style",
    "STYLE", "new_axes", "get_axes", "style_axes",
    "show", "describe", "finish", "thousands", "wrap_labels",
    "bar", "line", "barh_signed", "register", "default_plot", "money",
]

#: Okabe & Ito's colour-blind-safe palette (black omitted), in the order used.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
           "#999999"]
POSITIVE = "#0072B2"   # gains, revenue, kept customers
NEGATIVE = "#D55E00"   # losses, costs, lost customers
NEUTRAL = "#999999"

#: Smallest text a chart may carry, in points. With the course's figure width a chart scaled to
#: a 390 px phone's column sets it at about 8 px, and at about 12 px on a laptop.
SMALL = 9

#: How the n-th series of a chart is drawn: a colour AND a marker AND a dash from three
#: cycles, so that no two series look alike in colour, in grey or to a reader with a common
#: colour-vision deficiency.
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
DASHES = ["-", "--", "-.", ":", (0, (5, 1.5, 1, 1.5, 1, 1.5)), (0, (8, 2)), "-", "--"]


def series_style(i: int) -> dict[str, Any]:
    """Colour, marker and line style of the ``i``-th series (cycling after eight).

    Examples
    --------
    >>> series_style(0)["color"], series_style(1)["marker"], series_style(1)["linestyle"]
    ('#0072B2', 's', '--')
    """
    i = i % len(PALETTE)
    return {"color": PALETTE[i], "marker": MARKERS[i], "linestyle": DASHES[i]}

#: Matplotlib settings every course figure uses.
STYLE: dict[str, Any] = {
    "figure.figsize": (5.4, 3.5),
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "axes.edgecolor": "#333333",
    "axes.labelcolor": "#111111",
    "text.color": "#111111",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "axes.titlesize": 11.5,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "xtick.labelsize": 9.5,
    "ytick.labelsize": 9.5,
    "legend.fontsize": 9.5,
    "font.size": 10,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "font.family": "DejaVu Sans",
    "svg.hashsalt": "csmlab",
}


def new_axes(nrows: int = 1, ncols: int = 1, figsize: tuple[float, float] | None = None,
             **kwargs: Any) -> tuple[Figure, Any]:
    """Make a figure in the course style and return ``(figure, axes)``.

    The figure is not registered with ``pyplot``: it is freed when no longer
    referenced.
    """
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=figsize or STYLE["figure.figsize"])
        # Fixed margins rather than a layout engine: an explorer redraws on every
        # slider move, and constrained layout costs more than the chart itself.
        fig.subplots_adjust(left=0.14, right=0.97, top=0.87, bottom=0.17,
                            hspace=0.45, wspace=0.3)
        axes = fig.subplots(nrows, ncols, **kwargs)
    return fig, axes


def get_axes(ax: Axes | None) -> Axes:
    """Return ``ax``, or new course-style axes when it is ``None`` (for ``ax=None`` plot functions)."""
    if ax is not None:
        return ax
    return new_axes()[1]


def style_axes(ax: Axes, title: str = "", xlabel: str = "", ylabel: str = "") -> Axes:
    """Apply the course's title and label style to ``ax`` (for axes not made here)."""
    with matplotlib.rc_context(STYLE):
        if title:
            ax.set_title(title, fontsize=STYLE["axes.titlesize"],
                         fontweight=STYLE["axes.titleweight"], loc="left")
        if xlabel:
            ax.set_xlabel(xlabel, fontsize=STYLE["axes.labelsize"])
        if ylabel:
            ax.set_ylabel(ylabel, fontsize=STYLE["axes.labelsize"])
    return ax


def money(x: float, unit: str = "$") -> str:
    """Short money label: ``money(7_200_000)`` gives ``'$7.2M'``.

    Examples
    --------
    >>> money(7_200_000), money(488.2), money(-1500), money(-500_000), money(0)
    ('$7.2M', '$488', '-$1.5k', '-$500k', '$0')
    """
    sign = "-" if x < 0 and round(abs(x)) != 0 else ""
    x = abs(x)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if round(x, -int(np.log10(limit)) + 2) >= limit:
            short = f"{x / limit:.1f}".removesuffix(".0")
            return f"{sign}{unit}{short}{suffix}"
    return f"{sign}{unit}{x:,.0f}"


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 or float(x).is_integer() else f"{x:,.3g}"


def describe(ax: Axes) -> str:
    """Write alt text for ``ax`` from its title, axis labels and bar values.

    Good enough for a chart whose message is in its bars or lines; write alt
    text by hand when the figure's point needs a sentence. A plot function that
    writes its own alt text (a diagram) stores it as ``ax._csmlab_alt``, and that
    text is returned as is.
    """
    own = getattr(ax, "_csmlab_alt", None)
    if own:
        return str(own)
    parts = []
    title = ax.get_title(loc="left") or ax.get_title()
    if title:
        parts.append(title.rstrip(".") + ".")
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    kind = "Bar chart" if bars else ("Line chart" if ax.get_lines() else "Chart")
    parts.append(kind + ".")
    if ax.get_xlabel():
        parts.append(f"Horizontal axis: {ax.get_xlabel()}.")
    if ax.get_ylabel():
        parts.append(f"Vertical axis: {ax.get_ylabel()}.")
    if len(bars) == 1:
        container = bars[0]
        horizontal = container.orientation == "horizontal"
        ticks = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
        labels = [t.get_text() for t in ticks]
        values = [p.get_width() if horizontal else p.get_height() for p in container.patches]
        if len(labels) == len(values) and len(values) <= 12:
            parts.append("Values: " + ", ".join(f"{lab} {_fmt(val)}"
                                                  for lab, val in zip(labels, values)) + ".")
    elif ax.get_lines():
        names = [ln.get_label() for ln in ax.get_lines() if not ln.get_label().startswith("_")]
        if names:
            parts.append("Lines: " + ", ".join(names) + ".")
    return " ".join(parts)


def _thousands(value: float, _pos: Any = None) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 or float(value).is_integer() else f"{value:,.2g}"


def thousands(axis: Any) -> Any:
    """Label a count or money axis with thousands separators (``1,200,000``, not ``1.2e6``).

    Examples
    --------
    >>> ax = bar(["a"], [4339])
    >>> thousands(ax.yaxis).get_major_formatter()(4339, 0)
    '4,339'
    """
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(_thousands))
    return axis


def finish(fig: Figure) -> Figure:
    """Make a finished chart readable before it is saved.

    * Long titles and axis labels wrap instead of running off the figure.
    * A numeric axis whose values reach 1,000 gets thousands separators
      (``1,200,000``, never ``1.2e6`` with an offset label).
    * An axis of whole things (years, people, purchases, by its label) gets whole-number
      ticks: 2, 4, 6, never 2.5, 5.0, 7.5.
    * Every axis keeps the same formatter across redraws, so an explorer's
      chart does not jump between styles.

    :func:`show` and the explorer call it; the figure is then saved with a tight
    bounding box, so no text is clipped at the figure's edge.
    """
    from matplotlib.ticker import AutoLocator, MaxNLocator, ScalarFormatter

    width_in = fig.get_figwidth()
    for ax in fig.axes:
        for loc in ("left", "center"):
            title = ax.get_title(loc=loc)
            chars = int(width_in * 9.5)
            if title and len(title) > chars and "\n" not in title:
                ax.set_title(textwrap.fill(title, chars), loc=loc)
        for label, chars in ((ax.xaxis.label, int(width_in * 11)), (ax.yaxis.label, 40)):
            text = label.get_text()
            if text and len(text) > chars and "\n" not in text:
                label.set_text(textwrap.fill(text, chars))
        for axis, lims in ((ax.yaxis, ax.get_ylim()), (ax.xaxis, ax.get_xlim())):
            if isinstance(axis.get_major_formatter(), ScalarFormatter) and axis.get_scale() == "linear":
                if max(abs(lims[0]), abs(lims[1])) >= 1000:
                    thousands(axis)
                if _whole_units(axis.label.get_text()) and isinstance(
                        axis.get_major_locator(), AutoLocator):
                    axis.set_major_locator(MaxNLocator(integer=True))
    return fig


def _whole_units(label: str) -> bool:
    """Whether an axis counts whole things (years, people, purchases): ticks 1, 2, 3, never 2.5."""
    words = f" {label.lower()} "
    if "%" in words or any(w in words for w in ("share", " rate", " per ", "ratio", "mean ",
                                                "average", "expected")):
        return False  # "Share of customers (%)" counts no whole things
    return any(w in words for w in (" year", "years", " people", "customers", " purchases",
                                    "number of", " count"))


def wrap_labels(labels: Sequence[Any], width: int = 16) -> list[str]:
    """Category labels wrapped onto several lines, so that long names fit beside a bar
    (a label that already has its own line breaks keeps them).

    Examples
    --------
    >>> print(wrap_labels(["Customer and market focus"], 12)[0])
    Customer and
    market focus
    """
    return [str(x) if "\n" in str(x) else textwrap.fill(str(x), width) for x in labels]


def show(ax_or_fig: Axes | Figure, context: str | None = None, *, alt: str | None = None,
         fmt: str = "svg") -> FigureOutput:
    """Turn a chart into a notebook output whose alt text the chart writes itself.

    Parameters
    ----------
    ax_or_fig : Axes or Figure
        The chart (any axes of the figure will do).
    context : str, optional
        At most a sentence of context that the data cannot say (for example
        what the reader should notice); it goes before the alt text that
        :func:`describe` composes from what was drawn.
    alt : str, optional
        Replace the composed alt text entirely (rarely needed).
    fmt : {"svg", "png"}
        Image format; PNG for charts with many points.
    """
    fig = ax_or_fig if isinstance(ax_or_fig, Figure) else ax_or_fig.figure
    finish(fig)
    if alt is None:
        alt = " ".join(describe(a) for a in fig.axes if a.get_visible())
        if context:
            alt = context.strip().rstrip(".") + ". " + alt
    return FigureOutput(fig, alt, fmt=fmt)


def bar(labels: Sequence[str], values: Sequence[float], *, title: str = "", xlabel: str = "",
        ylabel: str = "", colors: Sequence[str] | str | None = None, ax: Axes | None = None,
        annotate: Callable[[float], str] | None = None) -> Axes:
    """A vertical bar chart in the course style; ``annotate`` labels each bar.

    Examples
    --------
    >>> ax = bar(["kept", "lost"], [70, 30], title="Customers", ylabel="People")
    >>> [round(p.get_height()) for p in ax.patches]
    [70, 30]
    """
    ax = get_axes(ax)
    with matplotlib.rc_context(STYLE):
        container = ax.bar(wrap_labels(labels, 14), list(values),
                           color=colors if colors is not None else PALETTE[0])
        if annotate is not None:
            ax.bar_label(container, labels=[annotate(v) for v in values], padding=2, fontsize=SMALL)
            ax.margins(y=0.12)  # room above the tallest bar for its label
        ax.grid(axis="x", visible=False)
    return style_axes(ax, title, xlabel, ylabel)


def barh_signed(labels: Sequence[str], values: Sequence[float], *, title: str = "",
                xlabel: str = "", ax: Axes | None = None,
                annotate: Callable[[float], str] | None = None) -> Axes:
    """Horizontal bars coloured by sign (gains blue, losses vermilion): for
    sensitivity charts and profit contributions."""
    own_figure = ax is None
    ax = get_axes(ax)
    values = list(values)
    with matplotlib.rc_context(STYLE):
        colors = [POSITIVE if v >= 0 else NEGATIVE for v in values]
        wrapped = wrap_labels(labels, 22)
        if own_figure:
            # Tall enough that wrapped category names never touch their neighbours.
            lines = sum(str(w).count("\n") + 1 for w in wrapped)
            fig = ax.figure
            width, height = fig.get_size_inches()
            fig.set_size_inches(width, max(height, 0.26 * lines + 1.3))
        container = ax.barh(wrapped, values, color=colors)
        ax.axvline(0, color="#333333", linewidth=0.8)
        ax.invert_yaxis()
        if annotate is not None:
            ax.bar_label(container, labels=[annotate(v) for v in values], padding=2, fontsize=SMALL)
            # Room beyond the longest bars for their labels, so that a label on a negative bar
            # does not run into the category names.
            lo, hi = min(0.0, *values), max(0.0, *values)
            span = (hi - lo) or 1.0
            ax.set_xlim(lo - (0.16 * span if lo < 0 else 0), hi + (0.16 * span if hi > 0 else 0))
        ax.grid(axis="y", visible=False)
    return style_axes(ax, title, xlabel, "")


def line(x: Sequence[float], series: dict[str, Sequence[float]], *, title: str = "",
         xlabel: str = "", ylabel: str = "", ax: Axes | None = None,
         markers: bool = False) -> Axes:
    """One line per named series against a shared ``x``, with a legend; each series has its own
    colour and dash (and marker, with ``markers=True``) from :func:`series_style`."""
    ax = get_axes(ax)
    with matplotlib.rc_context(STYLE):
        # A second call on the same axes continues the style cycle, so that its series never
        # repeats the first one's colour, marker and dash.
        start = sum(1 for ln in ax.get_lines() if not ln.get_label().startswith("_"))
        for i, (name, ys) in enumerate(series.items(), start=start):
            style = series_style(i)
            if not markers:
                style["marker"] = None
            ax.plot(list(x), list(ys), label=name, linewidth=2, markersize=6, **style)
        if start + len(series) > 1:
            ax.legend()
    return style_axes(ax, title, xlabel, ylabel)


_DEFAULT_PLOTS: dict[type, Callable[..., Axes]] = {}


def register(result_type: type) -> Callable[[Callable[..., Axes]], Callable[..., Axes]]:
    """Register the chart an explorer draws by default for ``result_type``.

    The function is called as ``func(result, ax=ax)`` and returns the axes.
    """
    def decorator(func: Callable[..., Axes]) -> Callable[..., Axes]:
        _DEFAULT_PLOTS[result_type] = func
        return func

    return decorator


def default_plot(result: Any) -> Callable[..., Axes]:
    """The registered default chart for ``result``'s type (searching its bases)."""
    _import_topic_plots()
    for cls in type(result).__mro__:
        if cls in _DEFAULT_PLOTS:
            return _DEFAULT_PLOTS[cls]
    raise LookupError(f"no default chart is registered for {type(result).__name__}; pass "
                      "plot=... to explore() or register one in csmlab.plots")


def _import_topic_plots() -> None:
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
