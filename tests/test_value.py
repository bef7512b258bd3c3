import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csmlab.value import ValueScenario, customer_value, example_offer

scores = st.floats(min_value=0, max_value=10, exclude_min=True)
amounts = st.floats(min_value=0.01, max_value=1e6)


@given(scores, scores, amounts, amounts)
def test_formula(q, s, p, t):
    # subnormal results (below 1e-300) carry only a few significant bits either way
    assert math.isclose(customer_value(q, s, p, t), q * s / (p * t), rel_tol=1e-12, abs_tol=1e-300)


@given(st.floats(min_value=0.01, max_value=0.9))
def test_denominator_levers_pay_more(k):
    frame = example_offer().replace(improvement=k).run().to_frame()
    assert frame.loc["price", "value change"] > frame.loc["quality", "value change"]
    # quality rises by k, but not past 10, the top of its scale (the example offer is at 7)
    assert math.isclose(frame.loc["quality", "value change"], min(10, 7 * (1 + k)) / 7 - 1,
                        rel_tol=1e-9)
    assert math.isclose(frame.loc["time", "value change"], 1 / (1 - k) - 1, rel_tol=1e-9)


def test_zero_price_is_rejected():
    with pytest.raises(ValueError, match=r"price must be a number in \(0, inf\)"):
        ValueScenario(price=0)


def test_the_table_separates_the_levers_a_reader_compares():
    """The ratio itself (0.049 → 0.054) shows the same digits for every lever; the index does not."""
    frame = example_offer().run().to_frame()
    index = frame["value index (offer = 100)"]
    assert index["quality"] == pytest.approx(110.0)
    assert index["price"] == pytest.approx(100 / 0.9)
    assert round(index["price"], 1) != round(index["quality"], 1)


@pytest.mark.parametrize("lever", ["quality", "service"])
def test_an_offer_of_no_quality_is_refused_naming_the_lever_and_its_range(lever: str) -> None:
    # at 0 the value is 0 and every lever's change would be 0/0; the table once showed
    # "value index (offer = 100)" as 0 for every lever
    with pytest.raises(ValueError, match=rf"{lever} must be a number in \(0, 10\]"):
        example_offer().replace(**{lever: 0})


@given(scores, scores)
def test_the_levers_table_is_finite_for_every_valid_offer(q: float, s: float) -> None:
    # a value too small for floating point (1e-300 × 1e-300) must not turn the index into 0/0
    frame = example_offer().replace(quality=q, service=s).run().to_frame()
    assert frame.select_dtypes("number").map(math.isfinite).all().all()
    assert frame.loc["price", "value index (offer = 100)"] == pytest.approx(100 / 0.9)


# -- review s28 R3 08/09-4 (edge sweep of tables): a value that overflows still gives finite cells ----

@pytest.mark.parametrize("field", ["price", "time"])
def test_the_lever_table_is_finite_when_the_value_overflows(field):
    from csmlab.value import example_offer

    res = example_offer().replace(**{field: 5e-324}).run()
    assert res.value == float("inf")
    frame = res.to_frame()
    assert frame["value index (offer = 100)"].tolist() == pytest.approx(
        [110.0, 110.0, 100 / 0.9, 100 / 0.9])
    assert frame["value change"].tolist() == pytest.approx([0.1, 0.1, 1 / 0.9 - 1, 1 / 0.9 - 1])


def test_tiny_prices_and_times_never_divide_by_zero():
    # 1e-300 × 1e-300 is 0 in floating point; the value is (q / p) × (s / t)
    assert customer_value(10, 10, 1e-300, 1e-300) == float("inf")
    frame = example_offer().replace(price=1e-300, time=1e-300).run().to_frame()
    assert frame.loc["price", "value index (offer = 100)"] == pytest.approx(100 / 0.9)


@given(st.floats(min_value=0.5, max_value=10), st.floats(min_value=0.01, max_value=0.9))
def test_a_lever_never_pushes_a_score_past_the_top_of_its_scale(q, k):
    frame = example_offer().replace(quality=q, improvement=k).run().to_frame()
    assert q * frame.loc["quality", "value index (offer = 100)"] / 100 <= 10 + 1e-9
    top = example_offer().replace(quality=10, improvement=k).run().to_frame()
    assert top.loc["quality", "value change"] == 0
