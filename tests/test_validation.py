import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from csmlab import validation as v


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, "1", None, True, np.bool_(True),
                                 [0.5], complex(1, 0)])
def test_real_rejects_non_numbers(bad):
    with pytest.raises(ValueError, match="price"):
        v.real("price", bad)


@given(st.floats(min_value=0, max_value=1))
def test_probability_accepts_the_unit_interval(x):
    assert v.probability("p", x) == x


@given(st.floats(allow_nan=False).filter(lambda x: x < 0 or x > 1))
def test_probability_rejects_outside(x):
    with pytest.raises(ValueError, match=r"p must be a probability in \[0, 1\]"):
        v.probability("p", x)


def test_numpy_scalars_are_numbers():
    assert v.probability("p", np.float64(0.3)) == 0.3
    assert v.count("n", np.int64(7)) == 7


def test_open_bounds():
    with pytest.raises(ValueError, match=r"price must be a number in \(0, inf\)"):
        v.positive("price", 0)
    assert v.positive("price", 1e-9) == 1e-9


def test_count_and_integer():
    assert v.count("n", 3.0) == 3 and isinstance(v.count("n", 3.0), int)
    with pytest.raises(ValueError, match="n must be a whole number"):
        v.count("n", 3.5)
    with pytest.raises(ValueError, match=r"years must be a whole number in \[1, 50\]"):
        v.integer("years", 0, 1, 50)


def test_one_of():
    assert v.one_of("credit", "bad", ("good", "bad")) == "bad"
    with pytest.raises(ValueError, match="credit must be one of 'good', 'bad'"):
        v.one_of("credit", "ok", ("good", "bad"))


def test_array_checks():
    out = v.array("w", [[1, 2], [3, 4]], 0, 5, ndim=2)
    assert out.shape == (2, 2)
    with pytest.raises(ValueError, match=r"w must hold numbers in \[0, 5\]; element \(1, 0\)"):
        v.array("w", [[1, 2], [7, 4]], 0, 5)
    with pytest.raises(ValueError, match="w must have 1 dimension"):
        v.array("w", [[1]], ndim=1)
    with pytest.raises(ValueError, match="not numbers"):
        v.array("w", ["a", "b"])
    with pytest.raises(ValueError, match="at least 1"):
        v.array("w", [])
    with pytest.raises(ValueError, match="element 1 is nan"):
        v.array("w", [1, math.nan])
