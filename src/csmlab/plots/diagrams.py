"""Diagrams drawn from data: the inverted pyramid, the MOT circle, swim lanes, the strategy map.

Each function takes ``ax=None`` (a new course-style figure is made when it is
``None``), draws everything inside the axes, writes its own alt text from what
it drew (stored as ``ax._csmlab_alt``, which :func:`csmlab.plots.show` uses),
and returns the axes. Text sizes are 9–11 pt on figures about 7 inches wide, so
the labels stay readable when a phone shrinks the figure to its width.

Examples
--------
>>> from csmlab.plots import describe
>>> ax = inverted_pyramid()
>>> describe(ax).startswith("Inverted pyramid")
True
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch, Polygon

from csmlab.plots import NEGATIVE, PALETTE, SMALL, STYLE, new_axes

__all__ = ["inverted_pyramid", "mot_circle", "swimlane", "strategy_map", "COMPONENT_COLOURS",
           "SEED_STRATEGY_MAP", "EXAMPLE_STRATEGY_MAP", "PERSPECTIVES"]

#: Colours of the three MOT components (seed 002, slide 38).
COMPONENT_COLOURS = {"hardware": PALETTE[0], "software": PALETTE[1], "human": PALETTE[2]}

#: The balanced scorecard's four perspectives, top to bottom (seed 002, slides 49–50).
PERSPECTIVES: tuple[str, ...] = ("financial", "customer", "internal process",
                                 "learning and growth")

#: The strategy map of seed 002, slide 50: one objective per perspective, a chain from
#: employee skills up to sales growth.
SEED_STRATEGY_MAP: dict[str, Any] = {
    "objectives": {"financial": ["Sales growth"], "customer": ["Customer satisfaction"],
                   "internal process": ["Service quality"],
                   "learning and growth": ["Employee skills"]},
    "links": [("Employee skills", "Service quality"), ("Service quality", "Customer satisfaction"),
              ("Customer satisfaction", "Sales growth")],
}

#: A fuller, illustrative strategy map for the course's convention centre.
EXAMPLE_STRATEGY_MAP: dict[str, Any] = {
    "objectives": {
        "financial": ["Repeat bookings", "Revenue growth"],
        "customer": ["Completely satisfied delegates", "Organisers recommend us"],
        "internal process": ["Flawless moments of truth", "Complaints fixed at the desk"],
        "learning and growth": ["Employee skills", "VOC database", "Front-line authority"],
    },
    "links": [("Employee skills", "Flawless moments of truth"),
              ("Front-line authority", "Complaints fixed at the desk"),
              ("VOC database", "Flawless moments of truth"),
              ("Flawless moments of truth", "Completely satisfied delegates"),
              ("Complaints fixed at the desk", "Completely satisfied delegates"),
              ("Completely satisfied delegates", "Organisers recommend us"),
              ("Completely satisfied delegates", "Repeat bookings"),
              ("Organisers recommend us", "Revenue growth"),
              ("Repeat bookings", "Revenue growth")],
}


def _canvas(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """Blank axes for a diagram: no ticks, spines or grid; a new figure if ``ax`` is None."""
    if ax is None:
        fig, ax = new_axes(figsize=figsize)
        fig.subplots_adjust(left=0.02, right=0.98, top=0.9, bottom=0.02)
    ax.set_axis_off()
    return ax


def _title(ax: Axes, title: str) -> None:
    with matplotlib.rc_context(STYLE):
        ax.set_title(title, loc="left", fontsize=STYLE["axes.titlesize"],
                     fontweight=STYLE["axes.titleweight"])


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


# ---------------------------------------------------------------- inverted pyramid

def inverted_pyramid(ax: Axes | None = None, compare: bool = True,
                     title: str = "Turn the pyramid upside down") -> Axes:
    """The inverted pyramid (역피라미드): customers on top, top management at the base.

    Seed 000, slide 3: the customer-centric service firm puts customers at the
    top, then the service front line (서비스 접점), then support departments,
    with top management at the base supporting them all. With ``compare`` the
    traditional pyramid (top management on top, customers at the bottom) is
    drawn beside it.

    Parameters
    ----------
    ax : Axes, optional
    compare : bool
        Draw the traditional pyramid on the left as well.
    title : str
    """
    ax = _canvas(ax, (7.0, 4.2) if compare else (4.6, 4.2))
    inverted = ["Customers", "Front line", "Support departments", "Top management"]
    traditional = ["Top management", "Middle managers", "Front line", "Customers"]
    colours = {"Customers": PALETTE[1], "Front line": PALETTE[2],
               "Support departments": PALETTE[5], "Middle managers": PALETTE[5],
               "Top management": PALETTE[0]}

    def draw(cx: float, width: float, layers: list[str], apex_up: bool, heading: str,
             side: int) -> None:
        n = len(layers)
        height = 3.2
        base_y = 0.2
        for i, name in enumerate(layers):
            # i = 0 is the top band
            y_top = base_y + height * (1 - i / n)
            y_bot = base_y + height * (1 - (i + 1) / n)

            def half(y: float) -> float:
                frac = (y - base_y) / height      # 0 at the bottom, 1 at the top
                return width / 2 * ((1 - frac) if apex_up else frac)

            poly = Polygon([(cx - half(y_bot), y_bot), (cx + half(y_bot), y_bot),
                            (cx + half(y_top), y_top), (cx - half(y_top), y_top)],
                           closed=True, facecolor=colours[name], edgecolor="white",
                           linewidth=2)
            ax.add_patch(poly)
            mid = (y_top + y_bot) / 2
            room = 2 * half(mid)
            inside = room > 0.16 * len(name) + 0.3
            ax.text(cx if inside else cx + side * (half(mid) + 0.12), mid,
                    name if inside else _wrap(name, 11),
                    ha="center" if inside else ("left" if side > 0 else "right"),
                    va="center", fontsize=10,
                    color="white" if inside and name != "Customers" else "#111111",
                    fontweight="bold" if name == "Customers" else "normal")
        ax.text(cx, base_y + height + 0.25, heading, ha="center", va="bottom", fontsize=10,
                fontweight="bold")

    if compare:
        draw(3.0, 3.4, traditional, True, "Traditional", -1)
        draw(7.6, 4.2, inverted, False, "Customer-centric", 1)
        ax.add_patch(FancyArrowPatch((4.75, 1.8), (5.45, 1.8), arrowstyle="-|>",
                                     mutation_scale=18, color="#333333", linewidth=1.5))
        ax.text(5.1, 1.95, "invert", ha="center", va="bottom", fontsize=9)
        ax.set_xlim(0, 11)
    else:
        draw(2.6, 4.2, inverted, False, "Customer-centric", 1)
        ax.set_xlim(0, 6.2)
    ax.set_ylim(0, 4.1)
    _title(ax, title)
    alt = ("Inverted pyramid of the customer-centric service firm, top to bottom: "
           + ", ".join(inverted) + "; customers sit on the widest band at the top and top "
           "management at the narrow base, supporting the rest.")
    if compare:
        alt += (" Beside it, the traditional pyramid, top to bottom: " + ", ".join(traditional)
                + ", with an arrow labelled invert between the two.")
    ax._csmlab_alt = alt  # type: ignore[attr-defined]
    return ax


# ---------------------------------------------------------------- MOT circle

def _moments(cycle: Any) -> list[tuple[str, str, float | None]]:
    if cycle is None:
        from csmlab.moments import CONVENTION_CENTRE_CYCLE
        return [(n, c, None) for n, c, _ in CONVENTION_CENTRE_CYCLE]
    if hasattr(cycle, "moments") and hasattr(cycle, "whole_cycle"):  # MotCycleResult
        f = cycle.moments
        return [(str(n), str(c), float(p)) for n, c, p in
                zip(f.index, f["component"], f["success"])]
    out = []
    for item in cycle:
        name, comp, *rest = item
        if comp not in COMPONENT_COLOURS:
            raise ValueError(f"cycle: component of {name!r} must be one of "
                             f"{', '.join(COMPONENT_COLOURS)}; got {comp!r}")
        out.append((str(name), str(comp), float(rest[0]) if rest else None))
    if len(out) < 2:
        raise ValueError("cycle must hold at least 2 moments")
    return out


def mot_circle(cycle: Any = None, ax: Axes | None = None, centre: str = "A delegate's day",
               title: str = "The cycle of service (MOT circle)") -> Axes:
    """The MOT circle: moments of truth in order around a circle, coloured by component.

    For services the customer visits, seed 002 (slide 40) maps contacts with an
    MOT circle, from arrival to departure; each moment's main component is
    hardware, software or human (slide 38).

    Parameters
    ----------
    cycle : MotCycleResult or sequence of (name, component[, chance]), optional
        The moments in order. Default: the course's convention-centre cycle
        (:data:`csmlab.moments.CONVENTION_CENTRE_CYCLE`, names and components).
        With chances (a result, or triples), each label shows its chance of
        going right, and the weakest moment (every one, if several tie) is ringed.
    ax : Axes, optional
    centre : str
        Text in the middle of the circle.
    title : str
    """
    moments = _moments(cycle)
    ax = _canvas(ax, (6.4, 5.6))
    n = len(moments)
    r = 1.0
    ax.set_aspect("equal")
    with matplotlib.rc_context(STYLE):
        # arrows between consecutive moments, clockwise from the top
        angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]
        for i in range(n):
            a0, a1 = angles[i], angles[(i + 1) % n]
            p0 = (r * math.cos(a0), r * math.sin(a0))
            p1 = (r * math.cos(a1), r * math.sin(a1))
            ax.add_patch(FancyArrowPatch(p0, p1, connectionstyle="arc3,rad=-0.2",
                                         arrowstyle="-|>", mutation_scale=10, color="#999999",
                                         shrinkA=9, shrinkB=9, linewidth=1.2))
        chances = [p for _, _, p in moments]
        known = all(p is not None for p in chances)
        low = min(chances) if known else None            # ring every moment tied at the lowest
        weakest = [i for i in range(n) if known and chances[i] == low]
        for i, (name, comp, p) in enumerate(moments):
            a = angles[i]
            x, y = r * math.cos(a), r * math.sin(a)
            ax.plot([x], [y], marker="o", markersize=18, color=COMPONENT_COLOURS[comp],
                    markeredgecolor="white", zorder=3)
            ax.text(x, y, str(i + 1), ha="center", va="center", fontsize=SMALL, color="white",
                    fontweight="bold", zorder=4)
            if i in weakest:
                ax.plot([x], [y], marker="o", markersize=26, markerfacecolor="none",
                        markeredgecolor=NEGATIVE, markeredgewidth=2, zorder=2)
            label = name if p is None else f"{name}\n{p:.0%}"
            lx, ly = 1.22 * math.cos(a), 1.22 * math.sin(a)
            ha = "center" if abs(math.cos(a)) < 0.3 else ("left" if math.cos(a) > 0 else "right")
            va = "center" if abs(math.sin(a)) < 0.5 else ("bottom" if math.sin(a) > 0 else "top")
            ax.text(lx, ly, label, ha=ha, va=va, fontsize=10)
        ax.text(0, 0, _wrap(centre, 14), ha="center", va="center", fontsize=11,
                fontweight="bold", color="#333333")
        used = [c for c in COMPONENT_COLOURS if any(m[1] == c for m in moments)]
        ax.legend(handles=[Patch(color=COMPONENT_COLOURS[c], label=c) for c in used],
                  loc="lower left", bbox_to_anchor=(0.0, 0.0), fontsize=9, ncols=1)
    ax.set_xlim(-2.1, 2.1)
    ax.set_ylim(-1.75, 1.6)
    _title(ax, title)
    parts = [f"{i + 1} {name} ({comp}{'' if p is None else f', {p:.0%}'})"
             for i, (name, comp, p) in enumerate(moments)]
    alt = (f"MOT circle of {n} moments of truth, clockwise from the top: " + "; ".join(parts)
           + f". Each moment is a dot coloured by its main component ({', '.join(used)}); "
           f"arrows lead from one moment to the next and back to the first. Centre: {centre}.")
    if len(weakest) == 1:
        alt += f" The weakest moment, {moments[weakest[0]][0]}, is ringed in red."
    elif weakest:
        alt += (" The weakest moments, tied at the lowest chance, are ringed in red: "
                + ", ".join(moments[i][0] for i in weakest) + ".")
    ax._csmlab_alt = alt  # type: ignore[attr-defined]
    return ax


# ---------------------------------------------------------------- swim lanes

_KIND_STYLE = {"start": dict(boxstyle="round,pad=0.02,rounding_size=0.18"),
               "end": dict(boxstyle="round,pad=0.02,rounding_size=0.18"),
               "action": dict(boxstyle="square,pad=0.02"),
               "decision": dict(boxstyle="round4,pad=0.02,rounding_size=0.12"),
               "system": dict(boxstyle="sawtooth,pad=0.02,tooth_size=0.04")}


def swimlane(process: Any, ax: Axes | None = None, title: str | None = None) -> Axes:
    """A swim-lane process map from a :class:`csmlab.cases.processes.ProcessMap`.

    One horizontal lane per actor, steps in time order from left to right,
    arrows for the flows; a flow that crosses lanes is a handoff. Steps with a
    barrier get a red outline and a numbered flag, and the barriers are listed
    under the map (the barrier analysis of seed 002, slide 67). Start and end
    steps are rounded, decisions have bevelled corners and computer steps a
    serrated edge, after the workshop legend (slides 63, 66).

    Parameters
    ----------
    process : ProcessMap
        For example :data:`csmlab.cases.processes.AS_IS` or ``TO_BE``.
    ax : Axes, optional
    title : str, optional
        Default: the process's name and its handoff count.
    """
    lanes = list(process.lanes)
    steps = list(process.steps)
    barriers = process.barriers()
    ncol = len(steps)
    ax = _canvas(ax, (8.0, 1.1 * len(lanes) + 0.45 * len(barriers) + 0.9))
    lane_h = 1.0
    label_w = 1.45
    col_w = 1.5
    notes_h = 0.42 * len(barriers) + (0.15 if barriers else 0)
    top = len(lanes) * lane_h
    width = label_w + ncol * col_w
    pos: dict[str, tuple[float, float]] = {}
    # inches per data unit across, to wrap each label to its box
    in_per_unit = ax.get_position().width * ax.figure.get_figwidth() / width
    with matplotlib.rc_context(STYLE):
        for j, lane in enumerate(lanes):
            y0 = top - (j + 1) * lane_h
            ax.add_patch(Polygon([(0, y0), (width, y0), (width, y0 + lane_h), (0, y0 + lane_h)],
                                 closed=True, facecolor="#f2f2f2" if j % 2 == 0 else "white",
                                 edgecolor="#bbbbbb", linewidth=0.8))
            ax.text(0.08, y0 + lane_h / 2, _wrap(lane, 10), ha="left", va="center",
                    fontsize=10, fontweight="bold")
        flags = {s.key: k + 1 for k, s in enumerate(barriers)}
        for i, s in enumerate(steps):
            j = lanes.index(s.lane)
            x = label_w + (i + 0.5) * col_w
            y = top - (j + 0.5) * lane_h
            pos[s.key] = (x, y)
            bw, bh = col_w * 0.88, lane_h * 0.76
            face = {"start": PALETTE[5], "end": PALETTE[5], "system": "#fff3c4"}.get(s.kind,
                                                                                 "white")
            ax.add_patch(FancyBboxPatch((x - bw / 2, y - bh / 2), bw, bh,
                                        facecolor=face,
                                        edgecolor=NEGATIVE if s.barrier else "#333333",
                                        linewidth=2.2 if s.barrier else 1.0,
                                        mutation_aspect=1, **_KIND_STYLE[s.kind]))
            # about 0.085 in per character at the course's smallest text, with room to spare
            chars = max(6, int(bw * in_per_unit / 0.085))
            ax.text(x, y, _wrap(s.label, chars), ha="center", va="center", fontsize=SMALL)
            if s.barrier:   # a badge on the box's top-right corner, clear of the label
                ax.text(x + bw / 2, y + bh / 2, f"!{flags[s.key]}", ha="center",
                        va="center", fontsize=SMALL, fontweight="bold", color="white", zorder=6,
                        bbox={"boxstyle": "round,pad=0.18", "facecolor": NEGATIVE,
                              "edgecolor": "white", "linewidth": 1})
        for a, b in process.flows:
            (xa, ya), (xb, yb) = pos[a], pos[b]
            cross = process.step(a).lane != process.step(b).lane
            ax.add_patch(FancyArrowPatch((xa, ya), (xb, yb), arrowstyle="-|>", mutation_scale=11,
                                         color=NEGATIVE if cross else "#333333",
                                         linestyle="--" if cross else "-",
                                         shrinkA=22, shrinkB=22, linewidth=1.1, zorder=5))
        for k, s in enumerate(barriers):
            ax.text(0.08, -0.3 - 0.42 * k, f"!{k + 1}  {s.label}: {s.barrier}", ha="left",
                    va="center", fontsize=9, color=NEGATIVE)
    ax.set_xlim(0, width)
    ax.set_ylim(-notes_h, top)
    handoffs = process.handoffs()
    _title(ax, title if title is not None else f"{process.name} ({handoffs} handoffs)")
    order = "; ".join(f"{i + 1} {s.lane}: {s.label}" + (" (barrier)" if s.barrier else "")
                      for i, s in enumerate(steps))
    alt = (f"Swim-lane process map, {process.name}. Lanes from top to bottom: "
           f"{', '.join(lanes)}. Steps in time order, left to right: {order}. "
           f"{len(process.flows)} arrows join the steps; {handoffs} cross from one lane to "
           f"another (handoffs, dashed red).")
    if barriers:
        alt += (" Barriers, outlined in red and listed under the map: "
                + "; ".join(f"{s.label}: {s.barrier}" for s in barriers) + ".")
    ax._csmlab_alt = alt  # type: ignore[attr-defined]
    return ax


# ---------------------------------------------------------------- strategy map

def strategy_map(objectives: Mapping[str, Sequence[str]] | None = None,
                 links: Sequence[tuple[str, str]] | None = None, ax: Axes | None = None,
                 title: str = "Strategy map: four perspectives") -> Axes:
    """A balanced-scorecard strategy map: four perspectives, objectives and cause-effect arrows.

    Seed 002, slides 49–50: the financial, customer, internal process and
    learning-and-growth perspectives, with the chain employee skills → service
    quality → customer satisfaction → sales growth (Kaplan & Norton's
    balanced scorecard). Default: that chain (:data:`SEED_STRATEGY_MAP`);
    :data:`EXAMPLE_STRATEGY_MAP` is a fuller illustrative map.

    Parameters
    ----------
    objectives : mapping, optional
        Perspective (one of :data:`PERSPECTIVES`) → its objectives, left to right.
    links : sequence of (cause, effect), optional
        Arrows between objectives, by name.
    ax : Axes, optional
    title : str
    """
    if objectives is None:
        objectives = SEED_STRATEGY_MAP["objectives"]
        links = SEED_STRATEGY_MAP["links"] if links is None else links
    links = list(links or [])
    unknown = [p for p in objectives if p not in PERSPECTIVES]
    if unknown:
        raise ValueError(f"objectives: perspectives must be among {', '.join(PERSPECTIVES)}; "
                         f"got {unknown}")
    names = [o for p in PERSPECTIVES for o in objectives.get(p, [])]
    if len(set(names)) != len(names):
        raise ValueError("objectives: every objective needs a unique name")
    for a, b in links:
        for o in (a, b):
            if o not in names:
                raise ValueError(f"links: {o!r} is not an objective")
    ax = _canvas(ax, (7.0, 5.0))
    band_h = 1.0
    label_w = 1.7
    width = 8.0
    pos: dict[str, tuple[float, float]] = {}
    with matplotlib.rc_context(STYLE):
        for j, p in enumerate(PERSPECTIVES):
            y0 = (len(PERSPECTIVES) - 1 - j) * band_h
            ax.add_patch(Polygon([(0, y0), (width, y0), (width, y0 + band_h), (0, y0 + band_h)],
                                 closed=True, facecolor="#f2f2f2" if j % 2 == 0 else "white",
                                 edgecolor="#bbbbbb", linewidth=0.8))
            ax.text(0.08, y0 + band_h / 2, _wrap(p.capitalize(), 12), ha="left", va="center",
                    fontsize=10, fontweight="bold", color="#111111")
            objs = list(objectives.get(p, []))
            k = len(objs)
            for i, o in enumerate(objs):
                x = label_w + (width - label_w) * (i + 0.5) / max(k, 1)
                y = y0 + band_h / 2
                bw = min(1.9, (width - label_w) / max(k, 1) * 0.82)
                pos[o] = (x, y, bw)
                ax.add_patch(FancyBboxPatch((x - bw / 2, y - 0.27), bw, 0.54,
                                            boxstyle="round,pad=0.02,rounding_size=0.12",
                                            facecolor="white", edgecolor=PALETTE[j],
                                            linewidth=1.6))
                ax.text(x, y, _wrap(o, max(10, int(bw * 8))), ha="center", va="center",
                        fontsize=9)
        for a, b in links:
            (xa, ya, wa), (xb, yb, wb) = pos[a], pos[b]
            if abs(ya - yb) < 1e-9:      # same perspective: side to side
                sign = 1 if xb > xa else -1
                start, end = (xa + sign * wa / 2, ya), (xb - sign * wb / 2, yb)
            else:                         # edge of one box to the facing edge of the other
                sign = 1 if yb > ya else -1
                start, end = (xa, ya + sign * 0.29), (xb, yb - sign * 0.29)
            ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12,
                                         color="#333333", linewidth=1.1, shrinkA=1, shrinkB=1,
                                         zorder=5))
    ax.set_xlim(0, width)
    ax.set_ylim(0, len(PERSPECTIVES) * band_h)
    _title(ax, title)
    alt = ("Strategy map with four perspectives, top to bottom: "
           + "; ".join(f"{p}: {', '.join(objectives.get(p, [])) or 'no objective'}"
                       for p in PERSPECTIVES) + ".")
    if links:
        alt += " Cause-and-effect arrows: " + "; ".join(f"{a} → {b}" for a, b in links) + "."
    ax._csmlab_alt = alt  # type: ignore[attr-defined]
    return ax
