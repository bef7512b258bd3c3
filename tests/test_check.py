"""csmlab.check: a student's answer is right, near or not yet, and the key does not hold it."""

from __future__ import annotations

import base64
import json
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csmlab.check import Checker, describe, make_key

ANSWERS = {"ex-1": [(69_424.31, ",.0f", ""), (0.0089, ".2%", ""), (66.98, ",.2f", "$")],
           "ex-2": [("worth offering", "", ""), (5, "", "")]}


@pytest.fixture
def check():
    return Checker("07_service_guarantees", make_key("07_service_guarantees", ANSWERS))


def test_right_as_shown_or_to_three_figures(check):
    for answer in (69_424.31, "69,424", 69_400, "$66.98", 67.0, 0.0089, "0.89%", 0.89):
        assert check("ex-1", answer).status == "right", answer


def test_near_within_ten_percent_and_not_yet_beyond(check):
    assert check("ex-1", 72_000).status == "near"
    assert check("ex-1", 66_000).status == "near"
    assert check("ex-1", 90_000).status == "not yet"
    assert check("ex-1", -69_424).status == "not yet"
    assert check("ex-1", "no idea").status == "not yet"


def test_words_ignore_case_and_punctuation(check):
    assert check("ex-2", "Worth offering.").status == "right"
    assert check("ex-2", "not worth offering").status == "not yet"
    assert check("ex-2", 5).status == "right"


def test_help_and_unknown_exercise(check):
    assert str(check("ex-1")).startswith("The solution states 3 values: a whole number, "
                                         "a percentage and an amount in $.")
    assert check("ex-9", 1).status == "help" and "ex-1, ex-2" in str(check("ex-9", 1))


def test_key_holds_digests_not_values():
    key = make_key("salt", ANSWERS)
    decoded = json.loads(zlib.decompress(base64.b64decode(key)))
    text = json.dumps(decoded)
    for shown in ("69424", "69,424", "0.89", "66.98", "worth offering"):
        assert shown not in text
    assert make_key("salt", ANSWERS) == key, "the key is deterministic (identical notebooks)"
    assert make_key("other", ANSWERS) != key, "the salt changes every digest"


@given(st.floats(min_value=1e-6, max_value=1e9), st.floats(min_value=1 / 1.0499, max_value=1.0499))
def test_within_five_percent_either_way_is_near_or_right(value, factor):
    check = Checker("c", make_key("c", {"e": [(value, ".3g", "")]}))
    assert check("e", value).status == "right"
    assert check("e", value * factor).status in ("right", "near")
    assert check("e", value * 1.25).status == "not yet"


def test_describe():
    assert describe(",.0f", "", 3.0) == "a whole number"
    assert describe(".2f", "", 3.0) == "a number"
