"""Tests for csmlab.servitization and its cases."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csmlab import servitization as sv
from csmlab.cases import fact, value
from csmlab.cases.servitization import GE_SHIFT, IBM_SHIFT, OWNERSHIP_COST


def explicit(s: sv.LifecycleScenario) -> tuple[float, float]:
    """Product and service profit by an explicit loop over the years."""
    product = s.product_margin * s.purchase_price
    service = 0.0
    for year in range(1, s.life_years + 1):
        spend = s.yearly_cost_multiple * s.purchase_price
        service += s.service_margin * s.service_capture * spend / (1 + s.discount_rate) ** year
    return product, service


def test_lifecycle_matches_an_explicit_loop():
    for s in (sv.corporate_pc(), sv.railway(), sv.household_car(),
              sv.LifecycleScenario(discount_rate=0.2, life_years=7)):
        r = s.run()
        product, service = explicit(s)
        assert r.product_profit == pytest.approx(product)
        assert r.service_profit == pytest.approx(service)
        assert r.years["cumulative service profit"].iloc[-1] == pytest.approx(service)
        frame = r.to_frame()
        assert frame.loc["total", "profit (PV)"] == pytest.approx(product + service)
        assert frame["share of profit"].iloc[:2].sum() == pytest.approx(1)


def test_seed_presets_reproduce_the_purchase_shares():
    for preset, name in ((sv.corporate_pc, "corporate PC"), (sv.railway, "railway"),
                         (sv.household_car, "household car")):
        total, _, share = OWNERSHIP_COST[name]
        s = preset()
        r = s.run()
        # the purchase's share of the customer's undiscounted lifetime cost is the seed's share
        assert r.purchase_share == pytest.approx(share)
        # and the yearly downstream spend is the rest of the seed's yearly total
        assert s.yearly_cost_multiple * s.purchase_price == pytest.approx(total * (1 - share))
    assert value("servitization.purchase_shares") == (1 / 5, 1 / 21, 1 / 5)
    assert fact("servitization.purchase_shares").status == "ambiguous"


def test_breakeven_capture_equalises_product_and_service_profit():
    s = sv.corporate_pc()
    r = s.run()
    even = s.replace(service_capture=r.breakeven_capture).run()
    assert even.service_profit == pytest.approx(even.product_profit)
    none = s.replace(yearly_cost_multiple=0.0).run()
    assert none.service_profit == 0 and math.isinf(none.breakeven_capture)
    assert none.service_profit_share == 0


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 3), st.integers(1, 40), st.floats(0, 0.5))
def test_more_capture_never_lowers_service_profit(a, b, multiple, life, rate):
    lo, hi = sorted((a, b))
    s = sv.LifecycleScenario(yearly_cost_multiple=multiple, life_years=life, discount_rate=rate)
    r_lo = s.replace(service_capture=lo).run()
    r_hi = s.replace(service_capture=hi).run()
    assert r_hi.service_profit >= r_lo.service_profit - 1e-9
    assert 0 <= r_hi.service_profit_share <= 1
    assert 0 < r_hi.purchase_share <= 1


@pytest.mark.parametrize("kwargs,name", [
    ({"yearly_total": 0}, "yearly_total"), ({"purchase_share": 0}, "purchase_share"),
    ({"purchase_share": 1.5}, "purchase_share"), ({"life_years": 0}, "life_years"),
    ({"life_years": math.nan}, "life_years"),
])
def test_from_ownership_cost_rejects_bad_inputs(kwargs, name):
    args = {"yearly_total": 6259, "purchase_share": 0.2, "life_years": 3}
    args.update(kwargs)
    with pytest.raises(ValueError, match=name):
        sv.from_ownership_cost(**args)


def test_ownership_table_and_cases():
    t = sv.ownership_cost_table()
    assert t.loc["railway", "purchase per year"] == pytest.approx(29_000 / 21)
    assert (t["purchase per year"] + t["everything else per year"]).tolist() == pytest.approx(
        t["yearly cost"].tolist())
    for year in GE_SHIFT:
        assert sum(GE_SHIFT[year][k] for k in ("manufacturing", "technology", "services")) == 100
    assert GE_SHIFT[1981]["manufacturing"] == 51 and GE_SHIFT[1999]["manufacturing"] == 15
    assert [IBM_SHIFT[y]["services"] for y in sorted(IBM_SHIFT)] == [12, 29, 46]
    assert value("servitization.ge_sales") == (27.24, 111.63)
    assert fact("servitization.ge_shift").status == "ambiguous"
    assert len(value("servitization.ltv_chain")) == 7


def test_services_shift_follows_the_slides_and_both_readings():
    t = sv.services_shift()
    assert t["company"].tolist() == ["GE", "GE", "IBM", "IBM", "IBM"]
    assert t["services share"].tolist() == pytest.approx([0.19, 0.55, 0.12, 0.29, 0.46])
    assert t["services revenue ($ billion)"].tolist() == pytest.approx(
        [27.24 * 0.19, 111.63 * 0.55, 65 * 0.12, 82 * 0.29, 129 * 0.46])
    assert t["year"].iloc[-1] == "2003 (forecast)"
    other = sv.services_shift("technology")
    assert other.loc[1, "services share"] == pytest.approx(0.30)
    assert other.drop(index=1).equals(t.drop(index=1))
    # services grow under either reading
    for frame in (t, other):
        assert frame.loc[1, "services revenue ($ billion)"] > frame.loc[0, "services revenue ($ billion)"]
    with pytest.raises(ValueError, match="ge_reading"):
        sv.services_shift("manufacturing")


def test_compare_lifecycles_reports_each_result_in_shares():
    scenarios = {"PC": sv.corporate_pc(), "rail": sv.railway(),
                 "car": sv.household_car().replace(service_capture=0.4)}
    t = sv.compare_lifecycles(scenarios)
    assert t.index.tolist() == ["PC", "rail", "car"]
    for name, s in scenarios.items():
        r = s.run()
        assert t.loc[name, "purchase share of lifetime cost"] == pytest.approx(r.purchase_share)
        assert t.loc[name, "capture share"] == s.service_capture
        assert t.loc[name, "services' share of profit"] == pytest.approx(r.service_profit_share)
        assert t.loc[name, "break-even capture share"] == pytest.approx(r.breakeven_capture)
    with pytest.raises(ValueError, match="scenarios"):
        sv.compare_lifecycles({})
    with pytest.raises(ValueError, match="'x'"):
        sv.compare_lifecycles({"x": 3})
