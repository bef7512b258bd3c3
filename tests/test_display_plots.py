import pandas as pd
import pytest

from csmlab import plots
from csmlab.display import FigureOutput, Table, Text, format_frame
from csmlab.value import example_offer


def test_figure_output_is_deterministic_and_has_alt():
    a = plots.show(plots.bar(["a", "b"], [1, 2], title="T"), alt="Two bars")
    b = plots.show(plots.bar(["a", "b"], [1, 2], title="T"), alt="Two bars")
    assert a.data == b.data
    html = a._repr_html_()
    assert 'alt="Two bars"' in html and "data:image/svg+xml;base64," in html
    assert repr(a) == "[Figure] Two bars"


def test_png_option_and_alt_required():
    _, ax = plots.new_axes()
    out = FigureOutput(ax.figure, "x", fmt="png")
    assert out.data.startswith(b"\x89PNG")
    with pytest.raises(ValueError, match="alt must be"):
        FigureOutput(ax.figure, " ")
    with pytest.raises(ValueError, match="fmt must be"):
        FigureOutput(ax.figure, "x", fmt="gif")


def test_figures_have_an_opaque_white_background():
    fig, _ = plots.new_axes()
    assert fig.get_facecolor()[:3] == (1.0, 1.0, 1.0) and fig.get_facecolor()[3] == 1.0


def test_default_plot_registry():
    result = example_offer().run()
    assert plots.default_plot(result).__name__ == "lever_effects"
    with pytest.raises(LookupError, match="no default chart"):
        plots.default_plot(object())


def test_describe_line_chart():
    ax = plots.line([1, 2], {"kept": [1, 2], "lost": [2, 1]}, title="Flows", xlabel="Year")
    text = plots.describe(ax)
    assert text.startswith("Flows. Line chart.") and "kept, lost" in text


def test_table_formatting():
    frame = pd.DataFrame({"n": [1234], "x": [0.125], "name": ["a"]})
    shown = format_frame(frame, digits=2)
    assert shown.loc[0, "n"] == "1,234" and shown.loc[0, "x"] == "0.12"
    assert "csmlab-table" in Table(frame, caption="Cap")._repr_html_()
    assert repr(Text("10.0%")) == "10.0%"


def test_palette_is_the_colour_blind_safe_one():
    assert plots.PALETTE[:3] == ["#0072B2", "#E69F00", "#009E73"]
