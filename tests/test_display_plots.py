import pandas as pd
import pytest

from csmlab import plots
from csmlab.display import FigureOutput, Table, Text, column_kind, format_frame
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
    shown = format_frame(frame)
    assert shown.loc[0, "n"] == "1,234" and shown.loc[0, "x"] == "0.125"
    assert "csmlab-table" in Table(frame, caption="Cap")._repr_html_()
    assert repr(Text("10.0%")) == "10.0%"


def test_columns_are_formatted_from_what_they_hold():
    frame = pd.DataFrame({
        "customers": [4095.1, 12.0],             # people: whole
        "amount ($)": [7_826_086.957, 1_000_000.0],  # money: whole dollars when large
        "repurchase rate": [0.82, 0.5],           # a share: percent
        "score": [46.0, 3.28],                     # plain numbers: one precision per column
        "lift": [2.345, 1.0],
    })
    shown = format_frame(frame)
    assert shown["customers"].tolist() == ["4,095", "12"]
    assert shown["amount ($)"].tolist() == ["7,826,087", "1,000,000"]
    assert shown["repurchase rate"].tolist() == ["82%", "50%"]
    assert shown["score"].tolist() == ["46.00", "3.28"]
    assert format_frame(pd.DataFrame({"n": [46.0, 12.0]}))["n"].tolist() == ["46", "12"]
    assert format_frame(pd.DataFrame({"year": [1981, 2003]}))["year"].tolist() == ["1981", "2003"]
    assert format_frame(pd.DataFrame({"sales ($ billion)": [27.24, 111.63]}))[
        "sales ($ billion)"].tolist() == ["27.24", "111.63"]
    assert shown["lift"].tolist() == ["2.35", "1.00"]
    # a "share" column that is not a share (values above 1) is a plain number
    assert column_kind("share of wallet index", pd.Series([120.0])) == "number"


def test_no_index_name_row_no_range_index_and_readable_labels():
    frame = pd.DataFrame({"value": [1.5, 2.0]},
                         index=pd.Index(["guarantee_return_share", "price"], name="parameter"))
    html = Table(frame)._repr_html_()
    assert html.count("<tr") == 3, "one header row and two body rows"
    assert "guarantee return share" in html and "guarantee_return_share" not in html
    plain = Table(pd.DataFrame({"a": [1, 2]}))._repr_html_()
    assert "<th>0</th>" not in plain and ">0<" not in plain.replace("<td>", "")
    quoted = Table(pd.DataFrame({"'customers'": [1]}))._repr_html_()
    assert "'customers'" not in quoted


def test_glue_values_are_plain_python():
    import numpy as np

    from csmlab.display import _fields, _plain
    assert type(_plain(np.float64(0.5))) is float and type(_plain(np.int64(3))) is int
    assert repr(_plain("a b")) == "a b"
    fields = _fields(example_offer().run())
    assert all(not k.startswith("_") for k in fields)


def test_palette_is_the_colour_blind_safe_one():
    assert plots.PALETTE[:3] == ["#0072B2", "#E69F00", "#009E73"]


# ---------------------------------------------------------------------------------------
# Issue 21: series a reader can tell apart, tables a reader can scan, numbers as they are

def test_series_styles_differ_in_colour_marker_and_dash():
    from csmlab.plots import series_style

    looks = [series_style(i) for i in range(8)]
    for key in ("color", "marker", "linestyle"):
        values = [str(s[key]) for s in looks]
        assert len(set(values)) >= 6, (key, values)
    assert len({(s["color"], s["marker"], str(s["linestyle"])) for s in looks}) == 8


def test_a_second_line_call_on_the_same_axes_continues_the_style_cycle():
    """Chapter 09's uplift chart: two presets drawn by two calls were both blue circles."""
    from csmlab import plots
    from csmlab.display import series_looks

    ax = plots.line([1, 2, 3], {"long ramp": [3, 2, 1]}, markers=True)
    plots.line([1, 2, 3], {"short ramp": [1, 1, 1]}, ax=ax, markers=True)
    ax.legend()
    (_, _, c1, m1, d1), (_, _, c2, m2, d2) = series_looks(ax.figure)
    assert c1 != c2 and m1 != m2 and d1 != d2


def test_ipa_quadrants_differ_in_colour_and_marker():
    from csmlab.display import series_looks
    from csmlab.measurement import importance_performance
    from csmlab.plots.measurement import ipa_grid

    frame = pd.DataFrame({"importance": [0.9, 0.8, 0.2, 0.1], "performance": [0.2, 0.9, 0.1, 0.8]},
                         index=["a", "b", "c", "d"])
    try:
        ipa = importance_performance(frame["importance"], frame["performance"])
    except TypeError:
        pytest.skip("importance_performance signature differs")
    looks = series_looks(ipa_grid(ipa).figure)
    # every quadrant its own colour and its own marker (two near-identical oranges both drawn
    # as circles was the defect)
    assert len({c for _, _, c, _, _ in looks}) == len(looks)
    assert len({m for _, _, _, m, _ in looks}) == len(looks)


def test_table_html_right_aligns_numbers_and_marks_short_labels():
    from csmlab.display import frame_html

    html = frame_html(pd.DataFrame({"store": ["A", "Store / X"], "revenue ($)": [4855.0, 14119.0],
                                    "note": ["a long sentence that may wrap in its cell", "x"]}))
    assert '<th class="num" scope="col">revenue ($)</th>' in html
    assert '<td class="num">4,855</td>' in html
    assert '<td class="short">Store / X</td>' in html
    assert '<td>a long sentence that may wrap in its cell</td>' in html


def test_numbers_in_the_precision_their_kind_needs():
    from csmlab.display import format_frame
    from csmlab.plots import money

    assert money(-500_000) == "-$500k" and money(7_200_000) == "$7.2M"
    # a column of words with a few numbers (Hart's ratings with a verdict row): 4, not 4.0
    ratings = pd.DataFrame({"Hampton Inn": [4.0, 3.0, 19.0, "strong"]})
    assert format_frame(ratings)["Hampton Inn"].tolist() == ["4", "3", "19", "strong"]
    # a small number is never shown as 0.0
    shown = format_frame(pd.DataFrame({"break-even": [15.0, 0.0046, 180.2]}))["break-even"]
    assert "0.0" not in shown.tolist() and shown.tolist()[1] != "0"
    # exact decimals, not padded: -0.2 rather than -0.200
    assert format_frame(pd.DataFrame({"gap": [1.2, -0.2]}))["gap"].tolist() == ["1.2", "-0.2"]


def test_whole_number_ticks_only_for_axes_that_count_whole_things():
    from csmlab.plots import _whole_units

    assert _whole_units("Customers") and _whole_units("Years after acquisition")
    assert not _whole_units("Share of customers (%)")
    assert not _whole_units("Expected purchases per customer")
    assert not _whole_units("Retention rate of customers")


def test_index_and_change_kinds_separate_close_values():
    """Chapter 00's lever table: an index of 110.0 against 111.1 and changes of +10.0% and
    +11.1%, not 110 / 111 and 0.1 / 0.111."""
    from csmlab.display import format_frame
    from csmlab.value import example_offer
    shown = format_frame(example_offer().run().to_frame()).set_index("lever")
    index = shown["value index (offer = 100)"]
    change = shown["value change"]
    assert index["quality"] == "110.0" and index["price"] == "111.1"
    assert change["quality"] == "+10.0%" and change["time"] == "+11.1%"
    assert index["quality"] != index["price"] and change["service"] != change["price"]


def test_a_zero_never_shows_a_minus_sign():
    # the guarantee with no cost showed Payouts, Advertising and Cost as "-0" (review s28 V2 07-N1)
    import pandas as pd

    from csmlab.display import format_frame

    shown = format_frame(pd.DataFrame({"amount ($)": [-0.0, -0.004, -0.4]}, index=list("abc")))
    cells = list(shown["amount ($)"])
    assert not any(c.startswith(("-", "−")) for c in cells[:2]), cells
    assert cells[2].startswith(("-", "−")), cells
