"""How tables and figures appear in notebooks and on the static site.

Two small wrappers make every output deterministic and readable without a
kernel:

* :class:`Table` shows a DataFrame with thousands separators and a fixed number
  of decimals (no random ids, unlike a pandas ``Styler``).
* :class:`FigureOutput` shows a Matplotlib figure as an SVG (or PNG) inside an
  ``<img>`` tag that carries alt text, with the alt text as the plain-text
  fallback.

Examples
--------
>>> import pandas as pd
>>> print(Table(pd.DataFrame({"revenue": [7_200_000.0]}), digits=0))
     revenue
0  7,200,000
"""

from __future__ import annotations

import base64
import html
import io
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["Table", "FigureOutput", "frame_html", "format_frame", "glue", "Text"]


def _format_value(x: Any, digits: int) -> Any:
    if isinstance(x, (bool, np.bool_)):
        return x
    if isinstance(x, (int, np.integer)):
        return f"{int(x):,}"
    if isinstance(x, (float, np.floating)):
        if np.isnan(x):
            return "–"
        if float(x).is_integer() and abs(x) >= 1000:
            return f"{x:,.0f}"
        return f"{x:,.{digits}f}"
    return x


def format_frame(frame: pd.DataFrame, digits: int = 2) -> pd.DataFrame:
    """Return a copy of ``frame`` with numbers turned into formatted strings.

    Examples
    --------
    >>> format_frame(pd.DataFrame({"x": [1234.5, 0.25]}), digits=1)["x"].tolist()
    ['1,234.5', '0.2']
    """
    out = frame.copy()
    for col in out.columns:
        out[col] = [_format_value(x, digits) for x in out[col]]
    return out


def frame_html(frame: pd.DataFrame, digits: int = 2) -> str:
    """The HTML table for ``frame`` with formatted numbers."""
    return format_frame(frame, digits).to_html(classes="csmlab-table", border=0)


class Table:
    """A DataFrame shown with formatted numbers, in notebooks and on the site.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table to show.
    digits : int
        Decimals for non-integer numbers.
    caption : str, optional
        A caption shown above the table.
    """

    def __init__(self, frame: pd.DataFrame, digits: int = 2, caption: str | None = None):
        self.frame = frame
        self.digits = digits
        self.caption = caption

    def _repr_html_(self) -> str:
        body = frame_html(self.frame, self.digits)
        if self.caption:
            body = f"<p class=\"csmlab-caption\"><strong>{html.escape(self.caption)}</strong></p>{body}"
        return body

    def __str__(self) -> str:
        return format_frame(self.frame, self.digits).to_string()

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
                        metadata={"Date": None} if fmt == "svg" else {"Software": None})
        self.data = buf.getvalue()

    @property
    def mime(self) -> str:
        return "image/svg+xml" if self.fmt == "svg" else "image/png"

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.data).decode("ascii")
        return (f'<img class="csmlab-figure" alt="{html.escape(self.alt, quote=True)}" '
                f'src="data:{self.mime};base64,{data}"/>')

    def __repr__(self) -> str:
        return f"[Figure] {self.alt}"


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


def glue(name: str, value: Any, display: bool = False) -> None:
    """Store a value for the prose, as myst-nb's ``glue`` does, with strings shown unquoted.

    Use it exactly like ``myst_nb.glue``: ``glue("net", f"${net:,.0f}")`` in a code
    cell, then ``{glue:}`net``` in the text. myst-nb's own ``glue`` would show a
    string with its Python quotes (``'$7,400,000'``); this one shows
    ``$7,400,000``. Numbers and other objects are passed through unchanged.
    """
    from myst_nb import glue as _glue

    _glue(name, Text(value) if isinstance(value, str) else value, display=display)
