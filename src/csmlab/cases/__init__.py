"""The figures the course uses, each with its source and how sure it is.

A figure lives here once; presets and chapters read it from here, so a number
and its source cannot drift apart. Figures are grouped by topic, one module per
topic (``csmlab.cases.guarantees`` for the Hampton Inn and BBBK figures), and
all of them are reachable through :func:`fact` and :func:`catalogue`.

``status`` says how a figure reached the course:

* ``"stated"``: printed in the source as used;
* ``"derived"``: our arithmetic on stated figures (the derivation is in ``note``);
* ``"ambiguous"``: the source can be read more than one way; ``note`` says
  which reading the course uses and why;
* ``"reported"``: from a secondary copy of a published study
  ("as reported in").

Examples
--------
>>> from csmlab.cases import fact
>>> f = fact("value.formula_source")
>>> f.source
'seed 002, slide 36'
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

__all__ = ["Fact", "register", "fact", "value", "catalogue"]

Status = Literal["stated", "derived", "ambiguous", "reported", "illustrative"]


@dataclass(frozen=True)
class Fact:
    """One figure with its provenance.

    Attributes
    ----------
    key : str
        ``"topic.name"``, for example ``"hampton_inn.invocations"``.
    value : object
        The number (or small tuple or table) itself, in the unit given.
    unit : str
        ``"$"``, ``"share"`` (0–1), ``"people"``, ``"times"`` …
    meaning : str
        One sentence on what the figure measures.
    source : str
        Where it is printed: ``"seed 000, slide 19"`` or a reference key.
    cite : str
        BibTeX key in ``book/references.bib`` (empty for the seeds).
    status : str
        ``"stated"``, ``"derived"``, ``"ambiguous"``, ``"reported"`` or
        ``"illustrative"``.
    note : str
        Derivation, reading or caveat.
    """

    key: str
    value: Any
    unit: str
    meaning: str
    source: str
    cite: str = ""
    status: Status = "stated"
    note: str = ""


_FACTS: dict[str, Fact] = {}


def register(*facts: Fact) -> None:
    """Add facts to the catalogue; a key may be registered only once."""
    for f in facts:
        if f.key in _FACTS and _FACTS[f.key] != f:
            raise ValueError(f"fact key {f.key!r} is registered twice with different contents")
        _FACTS[f.key] = f


def _load() -> None:
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")


def fact(key: str) -> Fact:
    """The :class:`Fact` registered under ``key``.

    Raises
    ------
    ValueError
        If no fact has that key (the message lists close matches).
    """
    _load()
    try:
        return _FACTS[key]
    except KeyError:
        prefix = key.split(".")[0]
        near = [k for k in _FACTS if k.startswith(prefix)]
        raise ValueError(f"key must name a registered fact; {key!r} is not one"
                         + (f" (same topic: {', '.join(sorted(near))})" if near else "")) from None


def value(key: str) -> Any:
    """Shortcut for ``fact(key).value``.

    Examples
    --------
    >>> value("value.formula_source")
    '(quality × service) / (price × time)'
    """
    return fact(key).value


def catalogue(prefix: str = "") -> pd.DataFrame:
    """All facts whose key starts with ``prefix``, as a table (for the book).

    Examples
    --------
    >>> "value.formula_source" in catalogue("value").index
    True
    """
    _load()
    rows = [{"key": f.key, "value": f.value, "unit": f.unit, "meaning": f.meaning,
             "source": f.source, "status": f.status, "note": f.note}
            for k, f in sorted(_FACTS.items()) if k.startswith(prefix)]
    return pd.DataFrame(rows, columns=["key", "value", "unit", "meaning", "source", "status",
                                       "note"]).set_index("key")
