import ipywidgets as w
import pytest

from csmlab.display import FigureOutput, Table
from csmlab.value import ValueScenario, example_offer
from csmlab.widgets import STATIC_NOTE, Explorer, control_for, explore


def test_controls_follow_metadata():
    ex = explore(example_offer())
    assert set(ex.controls) == set(ValueScenario.parameters())
    price = ex.controls["price"]
    assert isinstance(price, w.FloatSlider)
    assert (price.min, price.max, price.step) == (5, 200, 5)
    assert price.value == 50.0
    assert "Price (currency units)" == price.description


def test_update_recomputes_table_and_figure():
    ex = explore(example_offer())
    table, figure = ex.update(price=100.0)
    assert isinstance(table, Table) and isinstance(figure, FigureOutput)
    assert ex.scenario.price == 100.0
    assert ex.result.value == pytest.approx(7 * 7 / (100 * 20))
    assert figure.alt.startswith("Effect of a 10% improvement")


def test_slider_move_updates_the_scenario():
    ex = explore(example_offer())
    ex.controls["quality"].value = 9.0
    assert ex.scenario.quality == 9.0


def test_rejected_change_keeps_last_valid_state():
    ex = explore(example_offer())
    ex.update(price=0.0)
    assert ex.scenario.price == 50.0
    assert "price must be a number in (0, inf)" in ex.message.value
    ex.update(price=60.0)
    assert ex.message.value == ""


def test_fields_subset_and_unknown_field():
    ex = explore(example_offer(), fields=["price"])
    assert list(ex.controls) == ["price"]
    with pytest.raises(ValueError, match="unknown: colour"):
        explore(example_offer(), fields=["colour"])


def test_explore_requires_a_scenario():
    with pytest.raises(ValueError, match="scenario must be a csmlab Scenario"):
        Explorer({"price": 1})


def test_static_fallback_text():
    ex = explore(example_offer())
    bundle = ex.panel._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data["text/plain"] == STATIC_NOTE
    assert "application/vnd.jupyter.widget-view+json" in data


def test_control_kinds():
    from csmlab.scenario import Param

    assert isinstance(control_for("n", Param("N", kind="count", slider=(0, 10)), 3), w.IntSlider)
    assert isinstance(control_for("c", Param("C", kind="choice", options=("a", "b")), "a"),
                      w.Dropdown)
    assert isinstance(control_for("b", Param("B", kind="bool"), True), w.Checkbox)
    with pytest.raises(ValueError, match="needs slider"):
        control_for("x", Param("X", low=0), 1.0)


def test_show_table_only_keeps_a_live_chart_placeholder():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()
    ex = explore(example_offer(), show=("table",))
    with capture_output() as captured:
        ex._ipython_display_()
    htmls = [o.data.get("text/html", "") for o in captured.outputs]
    assert sum("csmlab-figure" in h for h in htmls) == 0, "the default chart must not be shown"
    assert any("csmlab-table" in h for h in htmls)
    assert "chart for the default values is the one above" in htmls[0]
    with pytest.raises(ValueError, match="show must name"):
        explore(example_offer(), show=("map",))


def test_static_note_is_html_that_wraps():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()
    with capture_output() as captured:
        explore(example_offer())._ipython_display_()
    first = captured.outputs[0].data
    assert "csmlab-explorer-note" in first["text/html"] and "Colab" in first["text/html"]
    assert sum("csmlab-figure" in o.data.get("text/html", "") for o in captured.outputs) == 1
