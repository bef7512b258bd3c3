"""Tests for csmlab.plots.diagrams: each diagram draws, describes itself, stays in its figure."""

from __future__ import annotations

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from csmlab import moments as m
from csmlab.cases.processes import AS_IS, TO_BE, ProcessMap, Step
from csmlab.plots import describe, show
from csmlab.plots import diagrams as d
from csmlab.plots.measurement import cycle_chart, qfd_chart
from csmlab.plots.servitization import lifecycle_profit, ownership_cost_chart
from csmlab.servitization import corporate_pc, railway


def _drawn_text_artists(fig) -> list[Text]:
    """The texts a draw puts on the page (tick labels only where the axes are shown)."""
    out: list[Text] = list(fig.texts)
    for a in fig.axes:
        out += list(a.texts) + [a.title, a._left_title, a._right_title]
        if a.get_legend() is not None:
            out += list(a.get_legend().get_texts())
        if a.axison:
            out += [a.xaxis.label, a.yaxis.label]
            # only the tick labels matplotlib draws: a locator also returns ticks just beyond
            # the view limits, whose labels exist but are never drawn
            for axis in (a.xaxis, a.yaxis):
                lo, hi = sorted(axis.get_view_interval())
                out += [t.label1 for t in axis.get_major_ticks()
                        if lo - 1e-9 * max(1, abs(hi)) <= t.get_loc() <= hi + 1e-9 * max(1, abs(hi))]
    return out


def texts_outside(ax) -> list[str]:
    """Every visible, non-empty text whose drawn extent leaves the figure."""
    fig = ax.figure
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    box = fig.bbox
    bad = []
    for t in _drawn_text_artists(fig):
        if not t.get_visible() or not t.get_text().strip():
            continue
        e = t.get_window_extent(renderer)
        if e.x0 < box.x0 - 1 or e.y0 < box.y0 - 1 or e.x1 > box.x1 + 1 or e.y1 > box.y1 + 1:
            bad.append(t.get_text())
    return bad


def drawn_texts(ax) -> str:
    return " ".join(t.get_text().replace("\n", " ") for t in _drawn_text_artists(ax.figure))


DIAGRAMS = {
    "pyramid": lambda: d.inverted_pyramid(),
    "pyramid alone": lambda: d.inverted_pyramid(compare=False),
    "mot circle": lambda: d.mot_circle(),
    "mot circle scored": lambda: d.mot_circle(m.convention_centre_cycle().run()),
    "as-is": lambda: d.swimlane(AS_IS),
    "to-be": lambda: d.swimlane(TO_BE),
    "strategy map": lambda: d.strategy_map(),
    "strategy map example": lambda: d.strategy_map(**d.EXAMPLE_STRATEGY_MAP),
    "cycle chart": lambda: cycle_chart(m.convention_centre_cycle().run()),
    "qfd chart": lambda: qfd_chart(m.session_room_qfd()),
    "ownership cost": lambda: ownership_cost_chart(),
    "lifecycle": lambda: lifecycle_profit(corporate_pc().run()),
    "lifecycle railway": lambda: lifecycle_profit(railway().run()),
}


@pytest.mark.parametrize("name", list(DIAGRAMS))
def test_no_text_leaves_the_figure(name):
    ax = DIAGRAMS[name]()
    assert texts_outside(ax) == []


@pytest.mark.parametrize("name", list(DIAGRAMS))
def test_diagram_writes_its_own_alt_text(name):
    ax = DIAGRAMS[name]()
    alt = show(ax).alt
    assert alt == describe(ax) == ax._csmlab_alt
    assert len(alt) > 60


def test_pyramid_alt_text_names_the_layers_in_order():
    ax = d.inverted_pyramid()
    alt = describe(ax)
    layers = ["Customers", "Front line", "Support departments", "Top management"]
    positions = [alt.index(x) for x in layers]
    assert positions == sorted(positions)
    assert "Middle managers" in alt and "Middle managers" in drawn_texts(ax)
    alone = d.inverted_pyramid(compare=False)
    assert "Middle managers" not in describe(alone)
    assert "Middle managers" not in drawn_texts(alone)


def test_mot_circle_mentions_every_moment_and_rings_the_weakest():
    r = m.convention_centre_cycle().run()
    ax = d.mot_circle(r)
    alt = describe(ax)
    drawn = drawn_texts(ax)
    for name in r.moments.index:
        assert name in alt and name in drawn
    assert "weakest moments, tied at the lowest chance, are ringed in red: arrival, wi-fi" in alt
    one = d.mot_circle([("call", "human", 0.9), ("visit", "hardware", 0.5)])
    assert "weakest moment, visit, is ringed" in describe(one)
    plain = describe(d.mot_circle([("call", "human"), ("visit", "hardware")]))
    assert "call (human)" in plain and "weakest" not in plain
    with pytest.raises(ValueError, match="component"):
        d.mot_circle([("call", "people"), ("visit", "hardware")])
    with pytest.raises(ValueError, match="at least 2"):
        d.mot_circle([("call", "human")])


def test_swimlane_alt_text_lists_lanes_steps_handoffs_and_barriers():
    ax = d.swimlane(AS_IS)
    alt = describe(ax)
    for lane in AS_IS.lanes:
        assert lane in alt
    for step in AS_IS.steps:
        assert step.label in alt
    assert f"{AS_IS.handoffs()} cross from one lane" in alt
    for step in AS_IS.barriers():
        assert step.barrier in alt and step.barrier in drawn_texts(ax)
    assert "Barriers" not in describe(d.swimlane(TO_BE))


def test_process_map_counts_handoffs_and_checks_itself():
    assert AS_IS.handoffs() == 7 and TO_BE.handoffs() == 5
    assert len(AS_IS.barriers()) == 4 and not TO_BE.barriers()
    assert list(AS_IS.to_frame()["order"]) == list(range(1, len(AS_IS.steps) + 1))
    lanes = ("A", "B")
    with pytest.raises(ValueError, match="lane must be one of"):
        ProcessMap("x", lanes, (Step("s", "C", "do"),), ())
    with pytest.raises(ValueError, match="kind must be one of"):
        ProcessMap("x", lanes, (Step("s", "A", "do", "loop"),), ())
    with pytest.raises(ValueError, match="not a step"):
        ProcessMap("x", lanes, (Step("s", "A", "do"),), (("s", "t"),))
    with pytest.raises(ValueError, match="unique keys"):
        ProcessMap("x", lanes, (Step("s", "A", "do"), Step("s", "B", "do")), ())


def test_strategy_map_draws_the_four_perspectives_and_the_seed_chain():
    ax = d.strategy_map()
    alt = describe(ax)
    for p in d.PERSPECTIVES:
        assert p in alt
    assert "Employee skills → Service quality" in alt
    assert "Customer satisfaction → Sales growth" in alt
    assert sum(isinstance(p, matplotlib.patches.FancyArrowPatch) for p in ax.patches) == 3
    with pytest.raises(ValueError, match="perspectives"):
        d.strategy_map({"marketing": ["x"]})
    with pytest.raises(ValueError, match="not an objective"):
        d.strategy_map({"financial": ["x"]}, [("x", "y")])


def test_diagrams_draw_on_given_axes():
    from csmlab.plots import new_axes
    fig, axes = new_axes(1, 2, figsize=(12, 5))
    assert d.strategy_map(ax=axes[0]) is axes[0]
    assert d.mot_circle(ax=axes[1]) is axes[1]


def test_cycle_chart_reports_a_tie_for_the_moment_to_fix():
    alt = describe(cycle_chart(m.convention_centre_cycle().run()))
    assert "Fixing any one of arrival, wi-fi helps most (a tie)." in alt
    alone = describe(cycle_chart(m.cycle_of_service(["a", "b"], [0.9, 0.5])))
    assert "Fixing b helps most." in alone
