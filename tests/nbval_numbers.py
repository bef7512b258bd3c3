"""nbval, with numbers compared as a reader sees them (loaded by the root ``conftest.py``).

Why this exists
---------------
nbval compares each cell's fresh output with the stored one as text. A glued float is
stored as Python's full ``repr`` (``0.24259290920870097``), and the last of its 17 digits
depend on the BLAS kernel, the CPU, the thread count and the operating system: the same
fit on another machine stores ``0.24259290920870122``. No reader ever sees those digits
(the prose formats the value, e.g. ``:.3f``), yet plain nbval fails on them.

The rule
--------
Outputs are split into numbers and the text between them:

* the text between numbers must be equal, character for character;
* a number written with at most :data:`SHOWN_DIGITS` significant digits is one a reader
  sees (a table cell, a printed result, a chart label): it must be equal, digit for digit;
* a number written with more significant digits than that is a machine's full-precision
  ``repr``; it must agree within a relative tolerance of :data:`RELATIVE` (or
  :data:`ABSOLUTE` near zero). ``RELATIVE`` is far below any digit the prose shows
  (the finest format in the book shows 6 significant digits), so a change that a reader
  could see still fails, while a drift in the last bits passes.

When the numbers agree under this rule, the stored output stands in for the fresh one and
nbval's own comparison (and its report, which names the notebook and the cell) goes on as
usual; any other difference is reported by nbval exactly as before.

Why not round what ``glue`` stores? Rounding moves the problem to the rounding boundary
(a value that drifts across ``…5`` rounds differently), and it would hide the full value
from anyone reading the stored notebook. Why not a sanitizer regex? The same boundary
problem: a regex can only cut digits, not compare two values.
"""

from __future__ import annotations

import copy
import math
import re

#: Numbers with at most this many significant digits are compared exactly.
SHOWN_DIGITS = 12
#: Relative tolerance for numbers written with more significant digits than that.
RELATIVE = 1e-9
#: Absolute tolerance near zero (a value that is 0.0 on one machine and 3e-17 on another).
ABSOLUTE = 1e-12

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def significant_digits(token: str) -> int:
    """How many significant digits a number is written with (``"0.0250"`` → 3)."""
    mantissa = re.split(r"[eE]", token.lstrip("+-"))[0].replace(".", "").lstrip("0")
    return len(mantissa)


def numbers_agree(reference: str, fresh: str) -> bool:
    """True when two outputs differ at most in the last digits of full-precision numbers.

    >>> numbers_agree("r = 0.24259290920870097", "r = 0.24259290920870122")
    True
    >>> numbers_agree("4,160.6", "4,160.7")
    False
    >>> numbers_agree("0.24259290920870097", "0.24259290920870999")
    True
    >>> numbers_agree("0.2425929092087", "0.2426929092087")
    False
    >>> numbers_agree("0.0", "2.7755575615628914e-17")
    True
    """
    if reference == fresh:
        return True
    ref_tokens, fresh_tokens = NUMBER.split(reference), NUMBER.split(fresh)
    if ref_tokens != fresh_tokens:  # the text around the numbers differs
        return False
    ref_numbers, fresh_numbers = NUMBER.findall(reference), NUMBER.findall(fresh)
    if len(ref_numbers) != len(fresh_numbers):
        return False
    for a, b in zip(ref_numbers, fresh_numbers):
        if a == b:
            continue
        if max(significant_digits(a), significant_digits(b)) <= SHOWN_DIGITS:
            return False  # a number a reader sees changed
        try:
            x, y = float(a), float(b)
        except ValueError:
            return False
        if not math.isclose(x, y, rel_tol=RELATIVE, abs_tol=ABSOLUTE):
            return False
    return True


def align(reference_outputs: list, fresh_outputs: list) -> list:
    """The fresh outputs, with each string that agrees by :func:`numbers_agree` replaced by
    the stored one, so that nbval's exact comparison passes on it and fails on the rest."""
    if len(reference_outputs) != len(fresh_outputs):
        return fresh_outputs
    aligned = []
    for ref, out in zip(reference_outputs, fresh_outputs):
        out = copy.copy(out)  # keeps nbformat's NotebookNode, whose attributes nbval reads
        if ref.get("output_type") != out.get("output_type"):
            aligned.append(out)
            continue
        if "data" in out and "data" in ref:
            data = dict(out["data"])
            for key, value in data.items():
                stored = ref["data"].get(key)
                if isinstance(value, str) and isinstance(stored, str) \
                        and numbers_agree(stored, value):
                    data[key] = stored
            out["data"] = data
        if isinstance(out.get("text"), str) and isinstance(ref.get("text"), str) \
                and numbers_agree(ref["text"], out["text"]):
            out["text"] = ref["text"]
        aligned.append(out)
    return aligned


def pytest_configure(config) -> None:
    """Wrap nbval's output comparison (nbval 0.11) with :func:`align`."""
    try:
        from nbval.plugin import IPyNbCell
    except ImportError:  # nbval not installed: nothing to wrap
        return
    if getattr(IPyNbCell.compare_outputs, "_csmlab_numbers", False):
        return
    original = IPyNbCell.compare_outputs

    def compare_outputs(self, test, ref, skip_compare=None):
        return original(self, align(ref, test), ref, skip_compare)

    compare_outputs._csmlab_numbers = True
    IPyNbCell.compare_outputs = compare_outputs
