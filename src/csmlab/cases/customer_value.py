"""Figures for the customer value formula (:mod:`csmlab.value`)."""

from csmlab.cases import Fact, register

register(
    Fact("value.formula_source", "(quality × service) / (price × time)", "formula",
         "Customer value as what the customer gets over what it costs in money and time",
         "seed 002, slide 36"),
)
