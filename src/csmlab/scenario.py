"""The pattern every simulator follows: a frozen, validated scenario and a plain result.

A *scenario* is a frozen dataclass whose fields are declared with :func:`param`.
Each field carries its label, unit, allowed range and slider settings as
metadata. The base class :class:`Scenario` validates every such field when the
scenario is constructed, so ``dataclasses.replace(scenario, field=bad)`` raises
:class:`ValueError` just as the constructor does. The same metadata drives the
generic explorer in :mod:`csmlab.widgets` and the parameter tables in the book.

A scenario's ``run()`` returns a :class:`Result`: named numbers plus
``to_frame()`` for a pandas table. Results never print or plot; plotting lives
in :mod:`csmlab.plots`.

Examples
--------
>>> from dataclasses import dataclass
>>> from csmlab.scenario import Scenario, Result, param
>>> @dataclass(frozen=True)
... class Shop(Scenario):
...     customers: int = param(100, "Customers", kind="count", slider=(0, 1000))
...     churn: float = param(0.2, "Yearly churn", kind="probability")
...     def run(self):
...         return self.customers * (1 - self.churn)
>>> Shop().run()
80.0
>>> Shop(churn=1.5)
Traceback (most recent call last):
...
ValueError: churn must be a probability in [0, 1]; got 1.5
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, TypeVar

import pandas as pd

from csmlab import validation as v

__all__ = ["Param", "param", "Scenario", "Result", "preset", "presets", "scenario_classes"]

Kind = Literal["real", "probability", "count", "integer", "choice", "bool"]

METADATA_KEY = "csmlab"


@dataclass(frozen=True)
class Param:
    """What a scenario field means and which values it accepts.

    Parameters
    ----------
    label : str
        Short label for sliders and tables, for example ``"Room price"``.
    kind : {"real", "probability", "count", "integer", "choice", "bool"}
        How the value is checked and which widget the explorer uses.
    low, high : float or None
        The allowed interval (``None`` is unbounded). Probabilities are always
        ``[0, 1]`` and counts start at 0.
    low_open, high_open : bool
        Whether a bound is excluded (for example a price must be above 0).
    unit : str
        Unit shown beside the label (``"$"``, ``"people"``, ``"share"``).
    step : float or None
        Slider step; a sensible default is chosen from the range when omitted.
    slider : tuple of (float, float), optional
        Slider range when the allowed range is unbounded or too wide to slide
        over. ``None`` for a field with a bounded range uses that range.
    options : tuple
        Allowed values for ``kind="choice"``.
    doc : str
        One sentence on what the field means.
    source : str
        Where the default value comes from (a seed slide or a reference key).
    interactive : bool
        Whether the explorer makes a control for this field by default.
    cites_default : bool
        Whether ``source`` vouches for the default value only (a study's figure):
        then :meth:`Scenario.describe` cites it only while the field holds the
        default, and reads "set here (default …: source)" for any other value a
        preset or a reader sets without stating its own source (see
        :meth:`Scenario.with_sources`).
    """

    label: str
    kind: Kind = "real"
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    unit: str = ""
    step: float | None = None
    slider: tuple[float, float] | None = None
    options: tuple[Any, ...] = ()
    doc: str = ""
    source: str = ""
    interactive: bool = True
    cites_default: bool = False

    def validate(self, name: str, value: Any) -> Any:
        """Return ``value`` checked (and normalised to ``float`` or ``int``), or raise.

        Examples
        --------
        >>> Param("Share", kind="probability").validate("share", 0.5)
        0.5
        """
        if self.kind == "probability":
            return v.probability(name, value)
        if self.kind == "count":
            return v.count(name, value, None if self.high is None else int(self.high))
        if self.kind == "integer":
            return v.integer(name, value, self.low, self.high)
        if self.kind == "choice":
            return v.one_of(name, value, self.options)
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ValueError(f"{name} must be True or False; got {value!r}")
            return value
        return v.real(name, value, self.low, self.high, low_open=self.low_open,
                      high_open=self.high_open)

    @property
    def allowed(self) -> str:
        """The allowed values as text, for tables and error messages."""
        if self.kind == "probability":
            return "[0, 1]"
        if self.kind == "count":
            return v.format_range(0, self.high) + " whole"
        if self.kind == "integer":
            return v.format_range(self.low, self.high) + " whole"
        if self.kind == "choice":
            return ", ".join(map(repr, self.options))
        if self.kind == "bool":
            return "True, False"
        return v.format_range(self.low, self.high, low_open=self.low_open,
                              high_open=self.high_open)

    @property
    def allowed_words(self) -> str:
        """The allowed values in words, for a reader's table of inputs.

        Shares read as percentages, like their values; an open bound reads "above",
        an unbounded one "or more".

        Examples
        --------
        >>> Param("Price", low=0, low_open=True, unit="$").allowed_words
        'above 0'
        >>> Param("Share", kind="probability").allowed_words
        '0% to 100%'
        >>> Param("Years", kind="integer", low=1, high=50).allowed_words
        'whole, 1 to 50'
        >>> Param("Cut", low=0, high=0.9, unit="share").allowed_words
        '0% to 90%'
        """
        from csmlab.display import format_value

        if self.kind == "choice":
            return ", ".join(map(str, self.options))
        if self.kind == "bool":
            return "yes or no"
        unit = self.unit.strip().lower()
        share = self.kind == "probability" or "share" in unit or unit == "probability"
        # the rule format_value shows a field's value by
        low, high = (0.0, 1.0) if self.kind == "probability" else (self.low, self.high)
        if self.kind == "count":
            low = 0 if low is None else low

        def show(x: float) -> str:
            return format_value(x, "probability" if share else "real")

        if low is None and high is None:
            words = "any number"
        elif high is None:
            words = f"above {show(low)}" if self.low_open else f"{show(low)} or more"
        elif low is None:
            words = f"below {show(high)}" if self.high_open else f"{show(high)} or less"
        else:
            lo = f"above {show(low)}" if self.low_open else show(low)
            hi = f"below {show(high)}" if self.high_open else show(high)
            words = f"{lo} to {hi}" if not self.low_open else f"{lo}, {hi if self.high_open else 'up to ' + hi}"
        return f"whole, {words}" if self.kind in ("count", "integer") else words

    def slider_range(self) -> tuple[float, float]:
        """The range an explorer's slider covers."""
        if self.slider is not None:
            return self.slider
        if self.kind == "probability":
            return (0.0, 1.0)
        if self.low is None or self.high is None:
            raise ValueError(f"a field labelled {self.label!r} with an unbounded range needs "
                             "slider=(low, high)")
        return (self.low, self.high)

    def slider_step(self) -> float:
        """The step an explorer's slider moves by."""
        if self.step is not None:
            return self.step
        if self.kind in ("count", "integer"):
            return 1
        lo, hi = self.slider_range()
        return (hi - lo) / 100


def param(default: Any, label: str, *, kind: Kind = "real", low: float | None = None,
          high: float | None = None, low_open: bool = False, high_open: bool = False,
          unit: str = "", step: float | None = None, slider: tuple[float, float] | None = None,
          options: tuple[Any, ...] = (), doc: str = "", source: str = "",
          interactive: bool = True, cites_default: bool = False) -> Any:
    """Declare a validated scenario field.

    Returns a :func:`dataclasses.field` whose metadata holds a :class:`Param`.
    The default value itself is validated, so a preset cannot start from a bad
    value.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Hotel(Scenario):
    ...     price: float = param(46.0, "Room price", low=0, low_open=True, unit="$",
    ...                          slider=(10, 200))
    >>> Hotel().price
    46.0
    """
    spec = Param(label=label, kind=kind, low=low, high=high, low_open=low_open,
                 high_open=high_open, unit=unit, step=step, slider=slider,
                 options=tuple(options), doc=doc, source=source, interactive=interactive,
                 cites_default=cites_default)
    spec.validate(f"default of {label!r}", default)
    return dataclasses.field(default=default, metadata={METADATA_KEY: spec})


S = TypeVar("S", bound="Scenario")


class Scenario:
    """Base class for simulator inputs.

    Subclasses are ``@dataclass(frozen=True)`` with fields declared by
    :func:`param`. Construction validates every declared field and then calls
    :meth:`check` for constraints that involve several fields.

    A field's ``source`` (declared with :func:`param`) says where its *default*
    comes from. A preset that sets a field to another value states where that
    value comes from with :meth:`with_sources`; :meth:`describe` cites it.
    """

    #: Fields shown first (and by default only) in an explorer; ``None`` means all.
    explorer_fields: ClassVar[tuple[str, ...] | None] = None

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            spec = f.metadata.get(METADATA_KEY)
            if spec is not None:
                object.__setattr__(self, f.name, spec.validate(f.name, getattr(self, f.name)))
        self.check()

    def check(self) -> None:
        """Check constraints between fields; raise :class:`ValueError` naming them.

        The base implementation accepts everything; subclasses override it.
        """

    def run(self) -> Any:  # pragma: no cover - every subclass overrides it
        """Evaluate the scenario and return a :class:`Result`."""
        raise NotImplementedError

    def replace(self: S, **changes: Any) -> S:
        """Return a copy with some fields changed (validated like the constructor).

        Examples
        --------
        >>> from csmlab.value import ValueScenario
        >>> ValueScenario().replace(price=80.0).price
        80.0
        """
        new = dataclasses.replace(self, **changes)  # type: ignore[type-var]
        kept = {k: t for k, t in self.stated_sources.items() if k not in changes}
        return new._with_stated(kept) if kept else new

    @property
    def stated_sources(self) -> dict[str, str]:
        """Sources stated for this scenario's own values (:meth:`with_sources`), by field."""
        return dict(self.__dict__.get("_stated_sources", {}))

    def _with_stated(self: S, stated: dict[str, str]) -> S:
        new = dataclasses.replace(self)  # type: ignore[type-var]
        object.__setattr__(new, "_stated_sources", dict(stated))
        return new

    def with_sources(self: S, **sources: str) -> S:
        """Return a copy that states where some of its values come from.

        A preset that sets a field away from its default states the value's own
        source here, so that :meth:`describe` does not cite the default's
        source (a study's figure) beside a value the study never gave. A stated
        source belongs to the value: :meth:`replace` keeps it for the fields it
        does not change and drops it for those it does. Stated sources do not
        take part in equality.

        Examples
        --------
        >>> from csmlab.complaints import ComplaintScenario
        >>> s = ComplaintScenario(complaint_rate=0.4).with_sources(complaint_rate="illustrative")
        >>> s.describe().loc["Complained", "source"]
        'illustrative'
        >>> s.replace(customers=500).describe().loc["Complained", "source"]
        'illustrative'
        >>> s.replace(complaint_rate=0.3).describe().loc["Complained", "source"][:8]
        'set here'
        """
        fields = self.parameters()
        for name, text in sources.items():
            if name not in fields:
                raise ValueError(f"with_sources: {name!r} is not an input of "
                                 f"{type(self).__name__}")
            if not (isinstance(text, str) and text.strip()):
                raise ValueError(f"with_sources: the source of {name} must be non-empty text; "
                                 f"got {text!r}")
        return self._with_stated({**self.stated_sources, **sources})

    @classmethod
    def parameters(cls) -> dict[str, Param]:
        """The declared fields and their :class:`Param` metadata, in order."""
        return {f.name: f.metadata[METADATA_KEY] for f in dataclasses.fields(cls)  # type: ignore[arg-type]
                if METADATA_KEY in f.metadata}

    def describe(self) -> pd.DataFrame:
        """A table of the inputs, one row per field: its label, value (formatted from the
        field's kind and unit: shares as percentages, counts whole), unit, allowed range and
        source. Rows are indexed by the field's label, the words a reader sees.

        The source is the one stated for this value (:meth:`with_sources`) if any,
        else the field's declared source. A field whose declared source vouches
        for its default only (``cites_default``) and holds another value reads
        "set here (default …: source)".

        Examples
        --------
        >>> from csmlab.value import ValueScenario
        >>> list(ValueScenario().describe().columns)
        ['value', 'unit', 'allowed', 'source']
        """
        from csmlab.citations import cite
        from csmlab.display import format_value

        stated = self.stated_sources
        defaults = {f.name: f.default for f in dataclasses.fields(self)}  # type: ignore[arg-type]
        rows = []
        for name, spec in self.parameters().items():
            unit = "" if spec.kind == "probability" else spec.unit
            value = getattr(self, name)
            source = cite(spec.source)
            if name in stated:
                source = cite(stated[name])
            elif spec.cites_default and value != defaults[name]:
                shown = format_value(defaults[name], spec.kind, spec.unit)
                source = f"set here (default {shown}: {source})"
            rows.append({"input": spec.label,
                         "value": format_value(value, spec.kind, spec.unit),
                         "unit": unit, "allowed": spec.allowed_words, "source": source})
        return pd.DataFrame(rows).set_index("input")


class Result:
    """Base class for what ``Scenario.run()`` returns.

    Subclasses are frozen dataclasses of named numbers that implement
    :meth:`to_frame`. A result shows itself as that table in a notebook.
    """

    def to_frame(self) -> pd.DataFrame:  # pragma: no cover - every subclass overrides it
        """The result as a pandas table."""
        raise NotImplementedError

    def _repr_html_(self) -> str:
        from csmlab.display import frame_html

        return frame_html(self.to_frame())

    def __str__(self) -> str:
        return self.to_frame().to_string()


_PRESETS: dict[str, Callable[[], Scenario]] = {}


def preset(func: Callable[[], S]) -> Callable[[], S]:
    """Register a preset (a function returning a ready scenario).

    Registered presets are what the benchmark times and what the generic tests
    feed with bad values, so every new simulator is covered by both.
    """
    _PRESETS[f"{func.__module__}.{func.__qualname__}"] = func
    return func


def _import_all() -> None:
    import csmlab

    for info in pkgutil.iter_modules(csmlab.__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"csmlab.{info.name}")


def presets() -> Mapping[str, Callable[[], Scenario]]:
    """All registered presets, by qualified name, after importing every csmlab module.

    Examples
    --------
    >>> "csmlab.value.example_offer" in presets()
    True
    """
    _import_all()
    return dict(sorted(_PRESETS.items()))


def scenario_classes() -> list[type[Scenario]]:
    """Every scenario class defined in csmlab (for the generic validation tests)."""
    _import_all()
    found: list[type[Scenario]] = []
    stack = list(Scenario.__subclasses__())
    while stack:
        cls = stack.pop()
        if cls.__module__.startswith("csmlab.") and dataclasses.is_dataclass(cls):
            found.append(cls)
        stack.extend(cls.__subclasses__())
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")
