"""Input validation shared by every simulator.

Every check raises :class:`ValueError` whose message names the parameter and
the allowed range, so a student who types ``return_rate=45`` instead of
``0.45`` is told exactly what went wrong. Nothing is clipped or coerced
silently: a value is either accepted as it is or rejected.

Examples
--------
>>> from csmlab.validation import probability
>>> probability("return_rate", 0.45)
0.45
>>> probability("return_rate", 45)
Traceback (most recent call last):
...
ValueError: return_rate must be a probability in [0, 1]; got 45
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

__all__ = [
    "real",
    "probability",
    "nonnegative",
    "positive",
    "count",
    "integer",
    "one_of",
    "array",
    "format_range",
]


def format_range(low: float | None, high: float | None, *, low_open: bool = False,
                 high_open: bool = False) -> str:
    """Return a human-readable interval such as ``[0, 1]`` or ``(0, inf)``.

    Examples
    --------
    >>> format_range(0, None)
    '[0, inf)'
    >>> format_range(0, 1, low_open=True)
    '(0, 1]'
    """
    left = "(" if (low is None or low_open) else "["
    right = ")" if (high is None or high_open) else "]"
    lo = "-inf" if low is None else _num(low)
    hi = "inf" if high is None else _num(high)
    return f"{left}{lo}, {hi}{right}"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _is_real(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def real(name: str, value: Any, low: float | None = None, high: float | None = None, *,
         low_open: bool = False, high_open: bool = False, what: str = "a number") -> float:
    """Check that ``value`` is a finite real number inside an interval.

    Parameters
    ----------
    name : str
        The parameter's name, used in the error message.
    value : object
        The value to check. ``bool`` is rejected even though Python treats it
        as an integer: ``True`` is never a sensible price.
    low, high : float or None
        Bounds of the allowed interval; ``None`` means unbounded.
    low_open, high_open : bool
        Whether the bound itself is excluded.
    what : str
        How to describe the expected value in the message.

    Returns
    -------
    float
        The value, unchanged, as a Python ``float``.

    Raises
    ------
    ValueError
        If the value is not a real number, is NaN or infinite, or lies outside
        the interval. The message names ``name`` and the interval.

    Examples
    --------
    >>> real("price", 46.0, 0, None, low_open=True)
    46.0
    >>> real("price", float("nan"), 0, None)
    Traceback (most recent call last):
    ...
    ValueError: price must be a number in [0, inf); got nan
    """
    interval = format_range(low, high, low_open=low_open, high_open=high_open)
    message = f"{name} must be {what} in {interval}; got {value!r}"
    if not _is_real(value):
        raise ValueError(message + f" (type {type(value).__name__})")
    x = float(value)
    if math.isnan(x) or math.isinf(x):
        raise ValueError(message)
    if low is not None and (x < low or (low_open and x == low)):
        raise ValueError(message)
    if high is not None and (x > high or (high_open and x == high)):
        raise ValueError(message)
    return x


def probability(name: str, value: Any) -> float:
    """Check that ``value`` is a probability or share in [0, 1].

    Examples
    --------
    >>> probability("problem_rate", 0.25)
    0.25
    """
    return real(name, value, 0.0, 1.0, what="a probability")


def nonnegative(name: str, value: Any, high: float | None = None) -> float:
    """Check that ``value`` is a finite number at least 0 (and at most ``high``).

    Examples
    --------
    >>> nonnegative("advertising", 300_000)
    300000.0
    """
    return real(name, value, 0.0, high)


def positive(name: str, value: Any, high: float | None = None) -> float:
    """Check that ``value`` is a finite number greater than 0.

    Examples
    --------
    >>> positive("price", 46)
    46.0
    """
    return real(name, value, 0.0, high, low_open=True)


def integer(name: str, value: Any, low: int | None = None, high: int | None = None) -> int:
    """Check that ``value`` is a whole number inside ``[low, high]``.

    Floats that are whole (``100.0``) are accepted and returned as ``int``;
    ``100.5`` is rejected rather than rounded.

    Examples
    --------
    >>> integer("years", 10, 1, 100)
    10
    >>> integer("years", 2.5, 1, 100)
    Traceback (most recent call last):
    ...
    ValueError: years must be a whole number in [1, 100]; got 2.5
    """
    x = real(name, value, low, high, what="a whole number")
    if not x.is_integer():
        raise ValueError(f"{name} must be a whole number in {format_range(low, high)}; "
                         f"got {value!r}")
    return int(x)


def count(name: str, value: Any, high: int | None = None) -> int:
    """Check that ``value`` is a count: a whole number at least 0.

    Examples
    --------
    >>> count("customers", 1000)
    1000
    >>> count("customers", -1)
    Traceback (most recent call last):
    ...
    ValueError: customers must be a whole number in [0, inf); got -1
    """
    return integer(name, value, 0, high)


def instance(name: str, value: Any, kind: type) -> Any:
    """Check that ``value`` is a ``kind`` (a scenario passed to a function, say).

    Examples
    --------
    >>> from csmlab.value import ValueScenario
    >>> instance("scenario", 3, ValueScenario)
    Traceback (most recent call last):
    ...
    ValueError: scenario must be a ValueScenario; got int
    """
    if not isinstance(value, kind):
        raise ValueError(f"{name} must be a {kind.__name__}; got {type(value).__name__}")
    return value


def one_of(name: str, value: Any, options: Sequence[Any]) -> Any:
    """Check that ``value`` is one of ``options``.

    Examples
    --------
    >>> one_of("credit", "good", ["good", "bad"])
    'good'
    """
    if value not in options:
        allowed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {allowed}; got {value!r}")
    return value


def array(name: str, values: Any, low: float | None = None, high: float | None = None, *,
          ndim: int | Iterable[int] | None = None, min_size: int = 1,
          what: str = "numbers") -> np.ndarray:
    """Check an array of numbers: finite, inside ``[low, high]``, of the right shape.

    Parameters
    ----------
    name : str
        The parameter's name, used in the error message.
    values : array_like
        Anything :func:`numpy.asarray` accepts: a list, a NumPy array, a pandas
        Series or DataFrame.
    low, high : float or None
        Bounds of the allowed interval for every element.
    ndim : int or iterable of int, optional
        Allowed numbers of dimensions.
    min_size : int
        Smallest allowed number of elements.

    Returns
    -------
    numpy.ndarray
        A float array (a copy when the input was not already float).

    Examples
    --------
    >>> array("scores", [1, 5, 7], 1, 7)
    array([1., 5., 7.])
    >>> array("scores", [1, 9], 1, 7)
    Traceback (most recent call last):
    ...
    ValueError: scores must hold numbers in [1, 7]; element 1 is 9.0
    """
    interval = format_range(low, high)
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must hold {what} in {interval}; got values that are "
                         f"not numbers") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            raise ValueError(f"{name} must have {' or '.join(map(str, allowed))} "
                             f"dimension(s); got shape {arr.shape}")
    if arr.size < min_size:
        raise ValueError(f"{name} must hold at least {min_size} value(s); got {arr.size}")
    bad = ~np.isfinite(arr)
    if low is not None:
        bad |= arr < low
    if high is not None:
        bad |= arr > high
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        where = index[0] if len(index) == 1 else index
        raise ValueError(f"{name} must hold {what} in {interval}; element {where} is "
                         f"{float(arr[tuple(index)])!r}")
    return arr
