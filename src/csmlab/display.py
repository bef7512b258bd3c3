"""How tables, figures and glued numbers appear in notebooks and on the static site.

* :class:`Table` shows a DataFrame with each column formatted from what it holds
  (money, counts, shares, ratios, scores), with readable labels, no index-name
  row and no ``0…n`` index column, and no random ids (unlike a pandas ``Styler``).
  Explorers use the same class, so their tables look like the chapter's.
* :class:`FigureOutput` shows a Matplotlib figure as an SVG (or PNG) inside an
  ``<img>`` tag that carries alt text, with the alt text as the plain-text
  fallback.
* :func:`glue` and :func:`glue_all` make computed numbers available to the prose
  (myst-nb's glue format, without needing myst-nb installed): glue the raw value
  once, format it where the sentence uses it, for example
  ``{glue:text}`hi_net:,.0f` `` or ``{glue:text}`hi_share:.0%` ``.

Examples
--------
>>> import pandas as pd
>>> print(Table(pd.DataFrame({"revenue ($)": [7_200_000.4], "customers": [4095.1]})))
revenue ($) customers
  7,200,000     4,095
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["Table", "FigureOutput", "frame_html", "format_frame", "format_value", "column_kind", "glue",
           "glue_facts",
           "glue_all", "Text", "humanise"]

#: Words in a column header that say what a column holds (checked in this order).
KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("share", ("share", "rate", "probability", "percent", "%", "p(alive)", "p_alive", "churn",
               "retention", "top box", "top-box", "proportion", "conversion", "repurchase",
               "intent", "intention", "chance", "likelihood", "returning")),
    ("money", ("$", "revenue", "cost", "profit", "price", "spend", "payout",
               "budget", "advertising", "amount", "clv", "ltv", "income", "sales",
               "savings", "loss", "gain", "fee", "compensation", "won", "₩")),
    ("count", ("customers", "people", "count", "respondents", "guests", "buyers", "members",
               "complainants", "number of", "nights", "records", "households")),
    ("ratio", ("ratio", "multiple", "elasticity", "×", "lift", "auc")),
)


def _words(header: str) -> str:
    return " " + str(header).lower().replace("_", " ") + " "


def column_kind(header: Any, values: pd.Series) -> str:
    """What a column holds: ``"money"``, ``"share"``, ``"count"``, ``"ratio"``, ``"number"``
    or ``"text"``, from its header and its values.

    A header word decides (``"revenue ($)"`` is money, ``"repurchase rate"`` a share)
    unless the values contradict it (a "share" column with a value above 1 is a
    number); integer columns are counts; other numbers are plain numbers.

    Examples
    --------
    >>> column_kind("repurchase rate", pd.Series([0.8, 0.2]))
    'share'
    >>> column_kind("amount ($)", pd.Series([1.5e6]))
    'money'
    >>> column_kind("rating (0-4)", pd.Series([3, 4]))
    'count'
    >>> column_kind("year", pd.Series([1981, 1999]))
    'year'
    """
    numeric = pd.to_numeric(values, errors="coerce")
    if values.dtype == bool or numeric.notna().sum() < values.notna().sum() or values.empty:
        return "text"
    text = _words(header)
    values_ok = numeric.dropna()
    if " year " in text and len(values_ok) and (values_ok.between(1000, 2999)).all() and (
            values_ok == values_ok.round()).all():
        return "year"
    for kind, words in KIND_WORDS:
        if any(w in text if not w.isalpha() else f" {w}" in text or f"({w}" in text
               for w in words):
            if kind == "share" and not ((numeric.dropna() >= 0) & (numeric.dropna() <= 1)).all():
                continue
            if kind == "share" and "rating" in text:
                continue
            return kind
    if pd.api.types.is_integer_dtype(values.dtype):
        return "count"
    return "number"


def _formatter(kind: str, numbers: np.ndarray) -> Any:
    if kind == "year":
        return lambda x: f"{x:.0f}"
    if kind in ("count", "person"):   # a person is counted whole, even an expected one
        return lambda x: f"{x:,.0f}"
    if kind == "money":
        finite = numbers[np.isfinite(numbers)]
        whole = finite.size == 0 or np.all(np.isclose(finite, np.round(finite)))
        big = finite.size and float(np.max(np.abs(finite))) >= 1000
        return (lambda x: f"{x:,.0f}") if whole or big else (lambda x: f"{x:,.2f}")
    if kind == "share":
        finite = numbers[np.isfinite(numbers)]
        small = np.abs(finite[(np.abs(finite) < 0.01) & (finite != 0)])
        if not small.size:
            return lambda x: f"{x:.0%}"
        # a share under 1% keeps two significant digits (0.46%, not 0.5%); the rest one decimal
        decimals = int(min(3, max(1, 1 - np.floor(np.log10(small.min() * 100)))))
        return lambda x: f"{x:.{decimals if abs(x) < 0.01 else 1}%}"
    if kind == "ratio":
        return lambda x: f"{x:,.2f}"
    if kind == "share1":  # a share its source prints with one decimal (5.4%, not 5%)
        return lambda x: f"{x:.1%}"
    if kind == "index":   # an index (base = 100): one decimal, so 110.0 and 111.1 differ
        return lambda x: f"{x:,.1f}"
    if kind == "change":  # a relative change, as a signed percentage with one decimal
        return lambda x: f"{x:+.1%}"
    return _column_numbers(numbers)


def _cell_decimals(x: float) -> int:
    """Decimals one cell needs: none for a whole number or from 100 up; otherwise as few as
    show it exactly (-0.2, not -0.200), at most 1 from 10, 2 from 1 and 3 below 1."""
    if np.isclose(x, round(x), rtol=0, atol=1e-9) or abs(x) >= 100:
        return 0
    most = 1 if abs(x) >= 10 else (2 if abs(x) >= 1 else 3)
    for d in range(1, most):
        if np.isclose(x, round(x, d), rtol=0, atol=1e-9):
            return d
    return most


def _column_numbers(numbers: np.ndarray) -> Any:
    """Plain numbers with one number of decimals for the whole column (the most any cell
    below 1,000 needs, at most three), so that 4.80 stands under 5.76, not 4.8; numbers from
    1,000 up never carry decimals."""
    small = [x for x in numbers if np.isfinite(x) and abs(x) < 1000]
    d = max((_cell_decimals(float(x)) for x in small), default=0)
    top = max((abs(float(x)) for x in small), default=0.0)
    d = min(d, 1 if top >= 100 else (2 if top >= 10 else 3))

    def fmt(x: float) -> str:
        if abs(x) >= 1000:
            return f"{x:,.0f}"
        if x != 0 and round(x, d) == 0:   # never show a number that is not zero as 0.0
            return f"{x:,.3f}" if abs(x) >= 0.0005 else f"{x:.1g}"
        return f"{x:,.{d}f}"

    return fmt


def format_value(value: Any, kind: str = "number", unit: str = "") -> str:
    """One value as a reader should see it, from what it is (a scenario field's kind and unit).

    Examples
    --------
    >>> format_value(0.02, "probability"), format_value(7_826_086.96, "real", "room-nights")
    ('2%', '7,826,087')
    >>> format_value(46.0, "real", "$ per night"), format_value(66.98, "real", "$")
    ('46', '66.98')
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(
            value, (int, float, np.integer, np.floating)):
        return str(_show(value, str))
    x = float(value)
    if kind in ("probability", "share") or unit.strip().lower() in ("share", "probability") or (
            "share" in unit.lower()):
        column = "share"
    elif kind in ("count", "integer"):
        column = "count"
    elif unit.strip().startswith("$"):
        column = "money"
    else:
        column = "number"
    return _formatter(column, np.array([x]))(x)


def _missing(x: Any) -> bool:
    return x is None or (isinstance(x, (float, np.floating)) and np.isnan(x))


def _show(x: Any, fmt: Any) -> Any:
    if x is None or (isinstance(x, (float, np.floating)) and np.isnan(x)):
        return "–"
    if isinstance(x, (bool, np.bool_)):
        return "yes" if x else "no"
    if isinstance(x, (int, float, np.integer, np.floating)):
        return _no_negative_zero(fmt(float(x)))
    return x


def _no_negative_zero(text: str) -> str:
    """A zero is shown without a sign: -0.0 (or −0.004 rounded) reads "0", not "-0".

    >>> _no_negative_zero("-0"), _no_negative_zero("-$0.00"), _no_negative_zero("-0.4")
    ('0', '$0.00', '-0.4')
    """
    if text[:1] in "-−" and not any(c in "123456789" for c in text):
        return text[1:]
    return text


def humanise(label: Any) -> Any:
    """A readable label for a snake_case name: ``"return_share"`` → ``"return share"``.

    Examples
    --------
    >>> humanise("guarantee_return_share"), humanise("Revenue ($)"), humanise(3)
    ('guarantee return share', 'Revenue ($)', 3)
    """
    if isinstance(label, str) and "_" in label and " " not in label:
        return label.replace("_", " ")
    return label


def format_frame(frame: pd.DataFrame, formats: dict[str, str] | None = None) -> pd.DataFrame:
    """Return a copy of ``frame`` with every cell a display string.

    Each column is formatted from what it holds (:func:`column_kind`), or from
    ``formats`` / ``frame.attrs["formats"]`` (``{"column": "money"}``), which
    override the guess. The index becomes an ordinary first column (unless it is
    a plain ``0…n`` range, which is dropped), and snake_case labels become words.

    Examples
    --------
    >>> format_frame(pd.DataFrame({"x": [1234.5, 0.25, 46.0]}))["x"].tolist()
    ['1,234', '0.25', '46.00']
    >>> format_frame(pd.DataFrame({"change": [10.0, 8.0, 4.8, 5.76]}))["change"].tolist()
    ['10.00', '8.00', '4.80', '5.76']
    >>> format_frame(pd.DataFrame({"share": [0.25, 0.5]}))["share"].tolist()
    ['25%', '50%']
    >>> format_frame(pd.DataFrame({"share": [0.02, 0.0046]}))["share"].tolist()
    ['2.0%', '0.46%']
    >>> format_frame(pd.DataFrame({"share": [0.054, 0.6]}), {"share": "share1"})["share"].tolist()
    ['5.4%', '60.0%']
    """
    given = {**frame.attrs.get("formats", {}), **(formats or {})}
    # A table whose rows are different inputs (a price, a share, a count) names the
    # columns that hold each row's input and the (kind, unit) of each row: those cells are
    # shown as the input itself is shown (:func:`format_value`), not with one column format.
    by_row = frame.attrs.get("row_units")
    if by_row:
        kinds = [by_row["rows"].get(i, ("real", "")) for i in frame.index]
        shown_cells = {col: [format_value(x, *k) if not _missing(x) else "–"
                             for x, k in zip(frame[col], kinds)] for col in by_row["columns"]}
        frame = frame.copy()
        frame.attrs = {}
        for col, cells in shown_cells.items():
            frame[col] = cells
    out = frame.copy()
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = [" ".join(str(c) for c in col if str(c)) for col in out.columns]
    index_is_range = isinstance(out.index, pd.RangeIndex) and out.index.name is None
    if not index_is_range:
        name = out.index.name if out.index.name is not None else ""
        out.index = [humanise(i) for i in out.index]
        out.index.name = name
        out = out.reset_index()
        out = out.rename(columns={out.columns[0]: humanise(name) if name else ""})
    else:
        out = out.reset_index(drop=True)
    cols = []
    for col in out.columns:
        values = out[col]
        kind = given.get(col) or column_kind(col, values)
        if kind == "text":
            # A column of words with some numbers (a table whose last row is a verdict): the
            # numbers get one precision for the column, as in a column of numbers.
            numeric = [float(x) for x in values if isinstance(x, (int, float, np.integer,
                       np.floating)) and not isinstance(x, (bool, np.bool_))]
            number_fmt = _column_numbers(np.array(numeric, dtype=float))
            out[col] = [humanise(x) if isinstance(x, str) and col == out.columns[0] else
                        _show(x, number_fmt) if not isinstance(x, str) else x for x in values]
        else:
            numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
            fmt = _formatter(kind, numbers)
            out[col] = [_show(x, fmt) for x in values]
        cols.append(humanise(col))
    out.columns = [str(c).strip("'\"") for c in cols]
    return out


def frame_html(frame: pd.DataFrame, formats: dict[str, str] | None = None) -> str:
    """The HTML table for ``frame``: formatted cells, no index-name row, numbers right-aligned."""
    shown = format_frame(frame, formats)
    numeric = _numeric_columns(frame, shown, formats)
    classes = []
    for i, col in enumerate(shown.columns):
        if numeric[i]:
            classes.append("num")
        else:
            cells = [str(x) for x in shown.iloc[:, i]]
            classes.append("short" if cells and max(map(len, cells)) <= SHORT_LABEL else "")
    head = "".join(f'<th{_cls(c)} scope="col">{html.escape(str(col))}</th>'
                   for col, c in zip(shown.columns, classes))
    rows = "".join("<tr>" + "".join(f"<td{_cls(c)}>{html.escape(str(x))}</td>"
                                    for x, c in zip(row, classes)) + "</tr>"
                   for row in shown.itertuples(index=False))
    return (f'<div class="csmlab-table-wrap" tabindex="0"><table class="dataframe csmlab-table">'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>")


#: Text cells up to this many characters are short labels, kept on one line.
SHORT_LABEL = 14


def _cls(name: str) -> str:
    return f' class="{name}"' if name else ""


def _numeric_columns(frame: pd.DataFrame, shown: pd.DataFrame,
                     formats: dict[str, str] | None) -> list[bool]:
    """Which shown columns hold numbers (right-aligned, with their header)."""
    out = []
    for i in range(shown.shape[1]):
        cells = [str(x) for x in shown.iloc[:, i]]
        out.append(bool(cells) and all(_NUMBER_CELL.match(c) for c in cells)
                   and any(ch.isdigit() for c in cells for ch in c))
    return out


_NUMBER_CELL = re.compile(r"^(?:[-+−]?[$₩€£]?[\d,]*\.?\d+(?:%|×|x|k|M|B)?|–|-|)$")


class Table:
    """A DataFrame shown with formatted numbers, in notebooks and on the site.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table to show. Columns are formatted from what they hold; see
        :func:`format_frame`.
    caption : str, optional
        A caption shown above the table.
    formats : dict, optional
        ``{"column": kind}`` for a column whose header does not say what it holds
        (kinds: ``"money"``, ``"share"``, ``"share1"`` (a share with one decimal, as its
        source prints it), ``"count"``, ``"person"``, ``"ratio"``, ``"index"``,
        ``"change"``, ``"number"``,
        ``"year"``, ``"text"``).
    """

    def __init__(self, frame: pd.DataFrame, caption: str | None = None,
                 formats: dict[str, str] | None = None):
        if isinstance(frame, pd.Series):
            frame = frame.to_frame()
        self.frame = frame
        self.caption = caption
        self.formats = formats

    def _repr_html_(self) -> str:
        body = frame_html(self.frame, self.formats)
        if self.caption:
            body = f"<p class=\"csmlab-caption\"><strong>{html.escape(self.caption)}</strong></p>{body}"
        return body

    def __str__(self) -> str:
        return format_frame(self.frame, self.formats).to_string(index=False)

    __repr__ = __str__


class FigureOutput:
    """A Matplotlib figure shown as an ``<img>`` with alt text.

    The image is rendered once, on construction, on an opaque white background
    so that it stays readable in the site's dark mode. SVG is the default (sharp,
    and fast enough for an explorer to redraw); use ``fmt="png"`` for charts
    with thousands of points.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to show.
    alt : str
        Alt text: what the figure shows, for readers who cannot see it.
    fmt : {"svg", "png"}
        Image format.
    dpi : int
        Resolution of a PNG.
    """

    def __init__(self, fig: Any, alt: str, fmt: str = "svg", dpi: int = 100):
        if not isinstance(alt, str) or not alt.strip():
            raise ValueError("alt must be a non-empty description of the figure")
        if fmt not in ("svg", "png"):
            raise ValueError(f"fmt must be one of 'svg', 'png'; got {fmt!r}")
        import matplotlib

        self.alt = alt.strip()
        self.fmt = fmt
        buf = io.BytesIO()
        # Text stays text in the SVG (fast to render, sharp at any zoom); ids and
        # metadata are fixed so that two runs give identical bytes.
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "csmlab"}):
            fig.savefig(buf, format=fmt, dpi=dpi, facecolor="white", transparent=False,
                        bbox_inches="tight", pad_inches=0.08,
                        metadata={"Date": None} if fmt == "svg" else {"Software": None})
        self.data = buf.getvalue()
        self.series = series_looks(fig)

    @property
    def mime(self) -> str:
        return "image/svg+xml" if self.fmt == "svg" else "image/png"

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.data).decode("ascii")
        looks = html.escape(json.dumps(self.series, separators=(",", ":")), quote=True)
        return (f'<img class="csmlab-figure" alt="{html.escape(self.alt, quote=True)}" '
                f'data-series="{looks}" src="data:{self.mime};base64,{data}"/>')

    def __repr__(self) -> str:
        return f"[Figure] {self.alt}"


def _look(handle: Any) -> list[str]:
    """Colour, marker and dash of a legend handle, as a reader tells series apart."""
    from matplotlib.colors import to_hex

    def hexed(c: Any) -> str:
        try:
            return to_hex(c, keep_alpha=False)
        except (ValueError, TypeError):
            return str(c)

    if hasattr(handle, "get_marker") and hasattr(handle, "get_linestyle"):   # a line
        marker = handle.get_marker()
        marker = "" if marker in (None, "None", "", " ") else str(marker)
        dash = handle.get_linestyle() if handle.get_linewidth() else ""
        return [hexed(handle.get_color()), marker, "" if dash in ("None", " ", "") else str(dash)]
    if hasattr(handle, "get_facecolor"):                                     # bars, patches
        face = handle.get_facecolor()
        face = face[0] if getattr(face, "ndim", 1) == 2 and len(face) else face
        hatch = handle.get_hatch() if hasattr(handle, "get_hatch") else ""
        paths = handle.get_paths() if hasattr(handle, "get_paths") else []
        marker = ""
        if len(paths):   # a scatter's marker: its outline, as a short fingerprint
            import hashlib

            outline = np.round(np.asarray(paths[0].vertices, dtype=float), 2).tobytes()
            marker = "path-" + hashlib.sha1(outline).hexdigest()[:8]
        return [hexed(face), marker or "", hatch or ""]
    return [type(handle).__name__, "", ""]


def series_looks(fig: Any) -> list[list[Any]]:
    """Each legend entry of ``fig`` as ``[axes, label, colour, marker, dash]``: what the reader
    tests check for two series drawn alike (tests/test_reader.py)."""
    out: list[list[Any]] = []
    for n, ax in enumerate(fig.axes):
        legend = ax.get_legend()
        if legend is None:
            continue
        handles = getattr(legend, "legend_handles", None) or getattr(legend, "legendHandles", [])
        for handle, text in zip(handles, legend.get_texts()):
            if handle is None:
                continue
            out.append([n, text.get_text(), *_look(handle)])
    return out


class Text:
    """A string that shows as itself, without quotes (for glued words and formatted numbers).

    Examples
    --------
    >>> Text("10.0%")
    10.0%
    """

    def __init__(self, text: str):
        self.text = str(text)

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


GLUE_PREFIX = "application/papermill.record/"


def _plain(value: Any) -> Any:
    """Python numbers for NumPy scalars (their repr would reach the prose), text unquoted."""
    if isinstance(value, (bool, np.bool_)):
        return Text("yes" if value else "no")
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, str):
        return Text(value)
    return value


def glue(name: str, value: Any, display: bool = False) -> None:
    """Store a value for the prose in myst-nb's glue format (myst-nb itself is not needed).

    Glue the raw number and format it where the prose uses it:
    ``glue("net", 7_400_000.0)`` in a code cell, then ``${glue:text}`net:,.0f` ``
    in the text gives $7,400,000. Strings show as themselves, without quotes;
    NumPy scalars are stored as Python numbers, so a format spec works on them.
    """
    from IPython.core.formatters import format_display_data
    from IPython.display import display as ipy_display

    bundle, metadata = format_display_data(_plain(value))
    prefix = "" if display else GLUE_PREFIX
    metadata["scrapbook"] = dict(name=name, mime_prefix=prefix)
    ipy_display({prefix + k: v for k, v in bundle.items()}, raw=True, metadata=metadata)


def _fields(obj: Any) -> dict[str, Any]:
    import dataclasses

    if isinstance(obj, dict):
        return dict(obj)
    if isinstance(obj, pd.Series):
        return obj.to_dict()
    out: dict[str, Any] = {}
    if dataclasses.is_dataclass(obj):
        out.update({f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)})
    for name, attr in vars(type(obj)).items():
        if isinstance(attr, property) and not name.startswith("_"):
            try:
                out[name] = getattr(obj, name)
            except Exception:  # a property that cannot be computed is simply not glued
                continue
    return out


def glue_all(prefix: str, *objects: Any) -> Any:
    """Glue every number and short text of one or more results under ``prefix_<field>``.

    One line makes a whole result available to the prose: ``glue_all("hi", result)``
    glues ``hi_net``, ``hi_revenue`` and so on (dataclass fields, public properties,
    dict keys or Series labels); the prose formats them, for example
    ``${glue:text}`hi_net:,.0f` ``. Returns the first object, so a cell can read
    ``result = glue_all("hi", hampton_inn().run())``.
    """
    for obj in objects:
        for key, value in _fields(obj).items():
            if isinstance(value, (bool, np.bool_, int, float, np.integer, np.floating)) or (
                    isinstance(value, str) and len(value) <= 200):
                if isinstance(value, (float, np.floating)) and not np.isfinite(value):
                    continue
                glue(f"{prefix}_{str(key).replace(' ', '_')}", value)
    return objects[0] if objects else None


def glue_facts(topic: str) -> None:
    """Glue every number of a case's registered facts, so the prose states them, never types them.

    ``glue_facts("hampton_inn")`` glues ``hampton_inn_price`` (46.0),
    ``hampton_inn_invocations`` (7465) and so on, one name per fact key with its dots
    as underscores; the prose writes ``${glue:text}`hampton_inn_price:,.0f` ``. A change
    to a case's figure in ``csmlab.cases`` then changes every sentence that states it
    (``tests/test_typed_inputs.py`` fails on a case figure typed in a chapter's prose).

    Parameters
    ----------
    topic : str
        The part of the fact keys before the first dot, e.g. ``"hampton_inn"``.
    """
    from csmlab.cases import catalogue

    table = catalogue(topic + ".")
    if table.empty:
        raise ValueError(f"topic must name a case with registered facts; {topic!r} has none")
    for key, value in table["value"].items():
        if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
                value, (bool, np.bool_)) and np.isfinite(value):
            glue(str(key).replace(".", "_"), value)


__all__ += ["fraction_words"]

_ORDINALS = {2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters"),
             5: ("fifth", "fifths"), 6: ("sixth", "sixths"), 7: ("seventh", "sevenths"),
             8: ("eighth", "eighths"), 9: ("ninth", "ninths"), 10: ("tenth", "tenths")}
_CARDINALS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def fraction_words(x: float, max_denominator: int = 10) -> str:
    """A share in words, in lowest terms, for the prose: 0.6 → "three fifths", 2/6 → "a third".

    For glueing a computed share that the prose states as a fraction
    (``glue("pc_words", fraction_words(share), display=False)``). The share is
    rounded to the nearest fraction with a denominator up to ``max_denominator``.

    Examples
    --------
    >>> fraction_words(0.6), fraction_words(2 / 6), fraction_words(0.5), fraction_words(0.8)
    ('three fifths', 'a third', 'half', 'four fifths')
    """
    from fractions import Fraction

    f = Fraction(float(x)).limit_denominator(max_denominator)
    if not 0 < f < 1:
        raise ValueError(f"x must be a share strictly between 0 and 1; got {x!r}")
    if f.denominator == 2:
        return "half"
    single, plural = _ORDINALS[f.denominator]
    return f"a {single}" if f.numerator == 1 else f"{_CARDINALS[f.numerator]} {plural}"
