"""One generic explorer for every scenario: sliders, a results table and a chart.

:func:`explore` reads a scenario's field metadata (label, unit, range, step) and
builds a control for each field. Displaying the explorer shows three outputs:

1. the controls (an ipywidgets panel; it needs a running Python kernel);
2. the results table for the current values;
3. the chart for the current values.

The table and chart are ordinary outputs (HTML with an ``<img>``), so the
course site shows the default scenario's numbers and chart with no JavaScript
and no kernel. When a control moves, the explorer recomputes and replaces
those same two outputs in place (IPython display handles). A value the
scenario rejects (for example a share above 1 after another change) is shown as
a message under the controls; the last valid results stay on screen.

Examples
--------
>>> from csmlab.value import example_offer
>>> ex = explore(example_offer())
>>> sorted(ex.controls)[:2]
['improvement', 'price']
>>> table, fig = ex.update(price=80.0)
>>> ex.scenario.price
80.0
"""

from __future__ import annotations

import dataclasses
import html
import importlib
import json
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w
import pandas as pd
from IPython.display import display

from csmlab import plots
from csmlab.display import FigureOutput, Table
from csmlab.scenario import Param, Scenario

__all__ = ["explore", "Explorer", "control_for", "explorer_from_spec"]

#: What the explorer shows before the reason when a change is rejected (the site shows the same).
NOT_APPLIED = "Not applied: "

STATIC_NOTE = ("Interactive explorer: its sliders need a running Python kernel. "
               "Open this chapter in Colab or Binder (the rocket icon at the top of the page) "
               "or locally with make lab to move them. Shown here: the default values.")

STATIC_NOTE_HTML = (
    '<div class="csmlab-explorer-note" role="note"{attrs}><strong>Interactive explorer.</strong> '
    "Its sliders need a running Python kernel: open this chapter in Colab or Binder (the "
    "rocket icon at the top of the page) or locally with <code>make lab</code> to move them. "
    "{shown}</div>")


class _Panel(w.VBox):
    """The controls. Where no kernel runs (the static site), it shows a short note instead,
    as HTML that wraps on a phone; notebooks with a kernel show the widget."""

    shown_note = "Shown here: the default values."
    #: The explorer's spec (:meth:`Explorer.spec`) as JSON, carried by the note in a data
    #: attribute so that the site's build can compute the explorer's states (csmlab.live).
    spec_json = ""

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/plain"] = STATIC_NOTE
        attrs = (f' data-csmlab-explorer="{html.escape(self.spec_json, quote=True)}"'
                 if self.spec_json else "")
        data["text/html"] = STATIC_NOTE_HTML.format(shown=html.escape(self.shown_note),
                                                    attrs=attrs)
        return bundle


def control_for(name: str, spec: Param, value: Any) -> w.Widget:
    """Make the ipywidgets control for one scenario field from its metadata."""
    label = spec.label + (f" ({spec.unit})" if spec.unit else "")
    common = dict(description=label, value=value, continuous_update=False,
                  style={"description_width": "initial"}, layout=w.Layout(width="98%"),
                  tooltip=spec.doc or None)
    if spec.kind == "bool":
        return w.Checkbox(description=label, value=value, tooltip=spec.doc or None)
    if spec.kind == "choice":
        return w.Dropdown(description=label, value=value, options=list(spec.options),
                          style={"description_width": "initial"})
    lo, hi = spec.slider_range()
    step = spec.slider_step()
    if spec.kind in ("count", "integer"):
        return w.IntSlider(min=min(int(lo), value), max=max(int(hi), value),
                           step=max(1, int(step)), **common)
    readout = ".3f" if step < 0.01 else (".2f" if step < 1 else ",.0f")
    return w.FloatSlider(min=min(lo, value), max=max(hi, value), step=step,
                         readout_format=readout, **common)


class Explorer:
    """Sliders for a scenario's fields with a table and a chart that follow them.

    Use :func:`explore` to make one. ``update(**changes)`` applies changes the
    way a slider would and returns the new table and figure, which is what the
    benchmark times.
    """

    def __init__(self, scenario: Scenario, *, fields: Sequence[str] | None = None,
                 run: Callable[[Scenario], Any] | None = None,
                 table: Callable[[Any], pd.DataFrame] | None = None,
                 plot: Callable[..., Any] | None = None,
                 alt: Callable[[Any], str] | str | None = None,
                 title: str | None = None, show: Sequence[str] = ("table", "chart")):
        if not isinstance(scenario, Scenario):
            raise ValueError(f"scenario must be a csmlab Scenario; got {type(scenario).__name__}")
        self.scenario = scenario
        self._given = {"run": run, "table": table, "plot": plot, "alt": alt}
        self._title = title
        self._run = run or (lambda s: s.run())
        self._table = table or (lambda r: r.to_frame())
        self._plot = plot
        self._alt = alt
        unknown_show = [x for x in show if x not in ("table", "chart")]
        if unknown_show or not show:
            raise ValueError(f"show must name 'table' and/or 'chart'; got {tuple(show)!r}")
        self.show = tuple(show)
        params = scenario.parameters()
        if fields is None:
            fields = scenario.explorer_fields or [n for n, p in params.items() if p.interactive]
        unknown = [f for f in fields if f not in params]
        if unknown:
            raise ValueError(f"fields must name fields of {type(scenario).__name__}; "
                             f"unknown: {', '.join(unknown)}")
        self.controls: dict[str, w.Widget] = {
            name: control_for(name, params[name], getattr(scenario, name)) for name in fields}
        for name, control in self.controls.items():
            control.observe(self._on_change(name), names="value")
        self.message = w.HTML(value="")
        heading = title or f"Explore: {type(scenario).__name__}"
        self.panel = _Panel(children=[w.HTML(f"<strong>{html.escape(heading)}</strong>"),
                                      *self.controls.values(), self.message],
                            layout=w.Layout(width="100%", max_width="720px"))
        shown = " and ".join(self.show)
        self.panel.shown_note = (f"Below: the {shown} for the default values."
                                 + ("" if "chart" in self.show else
                                    " (The chart for the default values is the one above.)"))
        self._handles: tuple[Any, Any] | None = None
        self.result = self._run(self.scenario)
        self.panel.spec_json = json.dumps(self.spec(), sort_keys=True)

    # -- computing ---------------------------------------------------------
    def render(self) -> tuple[Table, FigureOutput]:
        """The table and the chart (rendered to PNG) for the current scenario."""
        frame = self._table(self.result)
        plot = self._plot or plots.default_plot(self.result)
        _, ax = plots.new_axes()
        plot(self.result, ax=ax)
        if callable(self._alt):
            alt = self._alt(self.result)
        else:
            alt = self._alt or plots.describe(ax)
        plots.finish(ax.figure)
        return Table(frame), FigureOutput(ax.figure, alt)

    def compute(self, **changes: Any) -> tuple[Scenario, Any]:
        """The scenario with ``changes`` applied and its result; raises :class:`ValueError`
        for a change the scenario rejects. Nothing on the explorer changes."""
        candidate = self.scenario.replace(**changes)
        return candidate, self._run(candidate)

    def update(self, **changes: Any) -> tuple[Table, FigureOutput]:
        """Apply changes as the controls would, recompute, and return (table, figure).

        A change the scenario rejects leaves the scenario as it was, shows the
        reason under the controls and raises nothing (a student is mid-way
        through moving sliders); call ``scenario.replace`` directly to get the
        :class:`ValueError`.
        """
        try:
            candidate, result = self.compute(**changes)
        except ValueError as err:
            self.message.value = (f"<span style='color:#D55E00'>{NOT_APPLIED}"
                                  f"{html.escape(str(err))}</span>")
            return self.render()
        self.message.value = ""
        self.scenario, self.result = candidate, result
        return self.render()

    def spec(self) -> dict[str, Any]:
        """What it takes to build this explorer again, as plain JSON-ready data.

        ``scenario`` names the scenario's class (``"module:Class"``) and ``values`` holds
        its fields; ``run``, ``table``, ``plot`` and ``alt`` name the functions given to
        :func:`explore` as ``{"import": "module:function"}`` (``None`` for the defaults; an
        ``alt`` text is kept as text). A function that cannot be imported by
        name (a lambda, a local function) makes the spec ``"portable": False``: the site
        then cannot compute the explorer's states (:mod:`csmlab.live`).

        Examples
        --------
        >>> from csmlab.value import example_offer
        >>> spec = explore(example_offer(), fields=["price"]).spec()
        >>> spec["scenario"], spec["fields"], spec["portable"]
        ('csmlab.value:ValueScenario', ['price'], True)
        """
        cls = type(self.scenario)
        spec: dict[str, Any] = {
            "scenario": f"{cls.__module__}:{cls.__qualname__}",
            "values": {f.name: getattr(self.scenario, f.name)
                       for f in dataclasses.fields(self.scenario) if f.init},  # type: ignore[arg-type]
            "fields": list(self.controls), "title": self._title, "show": list(self.show),
            "portable": True}
        for name, given in self._given.items():
            if given is None or isinstance(given, str):
                spec[name] = given
                continue
            module, qualname = getattr(given, "__module__", None), getattr(given, "__qualname__", "")
            if not module or module == "__main__" or "<" in qualname:
                spec[name], spec["portable"] = repr(given), False
            else:
                spec[name] = {"import": f"{module}:{qualname}"}
        try:
            json.dumps(spec)
        except TypeError:
            spec["values"] = {k: repr(x) for k, x in spec["values"].items()}
            spec["portable"] = False
        return spec

    # -- display -------------------------------------------------------------
    def _on_change(self, name: str) -> Callable[[dict[str, Any]], None]:
        def handler(change: dict[str, Any]) -> None:
            table, figure = self.update(**{name: change["new"]})
            if self._handles is not None:
                self._handles[0].update(table)
                self._handles[1].update(figure)
        return handler

    def _ipython_display_(self) -> None:
        display(self.panel)
        table, figure = self.render()
        handles = []
        for name, output in (("table", table), ("chart", figure)):
            # An output not shown for the default values is an empty placeholder: the static
            # page shows nothing there, and the first slider move fills it in a live notebook.
            handles.append(display(output if name in self.show else _Empty(), display_id=True))
        self._handles = (handles[0], handles[1])


class _Empty:
    """An output with nothing in it (a placeholder the explorer fills once a slider moves)."""

    def _repr_html_(self) -> str:
        return ""

    def __repr__(self) -> str:
        return ""


def explore(scenario: Scenario, *, fields: Sequence[str] | None = None,
            run: Callable[[Scenario], Any] | None = None,
            table: Callable[[Any], pd.DataFrame] | None = None,
            plot: Callable[..., Any] | None = None,
            alt: Callable[[Any], str] | str | None = None, title: str | None = None,
            show: Sequence[str] = ("table", "chart")) -> Explorer:
    """Build an interactive explorer for any scenario.

    Parameters
    ----------
    scenario : Scenario
        The starting point, usually a preset such as ``hampton_inn()``.
    fields : sequence of str, optional
        Which fields get a control (default: the scenario's ``explorer_fields``,
        or every interactive field).
    run : callable, optional
        ``run(scenario) -> result``; default ``scenario.run()``. Use it to
        explore a derived quantity, for example a comparison with a base case.
    table : callable, optional
        ``table(result) -> DataFrame``; default ``result.to_frame()``.
    plot : callable, optional
        ``plot(result, ax=ax)``; default the chart registered for the result's
        type in :mod:`csmlab.plots`.
    alt : str or callable, optional
        Alt text for the chart, or ``alt(result) -> str``; default
        :func:`csmlab.plots.describe`.
    title : str, optional
        Heading shown above the controls.
    show : sequence of {"table", "chart"}
        Which outputs are shown for the default values. A chapter that has just
        drawn the same chart passes ``show=("table",)``, so that no chart
        appears twice on the page; in a live notebook the chart still appears
        as soon as a slider moves. Tables are formatted like the chapter's
        (:class:`csmlab.display.Table`).

    Returns
    -------
    Explorer
        Display it (make it the last expression of a cell) to show the
        controls, the table and the chart.
    """
    return Explorer(scenario, fields=fields, run=run, table=table, plot=plot, alt=alt,
                    title=title, show=show)


def _import(dotted: str) -> Any:
    module, _, qualname = dotted.partition(":")
    obj: Any = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


def explorer_from_spec(spec: dict[str, Any]) -> Explorer:
    """Build the explorer that :meth:`Explorer.spec` describes.

    Examples
    --------
    >>> from csmlab.value import example_offer
    >>> again = explorer_from_spec(explore(example_offer(), title="Value").spec())
    >>> again.scenario == example_offer(), again._title
    (True, 'Value')
    """
    if not spec.get("portable", False):
        raise ValueError("spec is not portable: its explorer uses a function that cannot be "
                         "imported by name (give explore() module-level functions)")
    scenario = _import(spec["scenario"])(**spec["values"])
    given = {name: (_import(spec[name]["import"]) if isinstance(spec.get(name), dict)
                    else spec.get(name)) for name in ("run", "table", "plot", "alt")}
    return Explorer(scenario, fields=spec["fields"], title=spec.get("title"),
                    show=tuple(spec["show"]), **given)
