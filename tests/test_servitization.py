"""Tests for csmlab.servitization and its cases."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csmlab import servitization as sv
from csmlab.cases import fact, value
from csmlab.cases.servitization import (GE_SHIFT, IBM_SHIFT, OWNERSHIP_CAPTURABLE,
                                        OWNERSHIP_COST, OWNERSHIP_SEGMENTS, serviceable_share)


def explicit(s: sv.LifecycleScenario) -> tuple[float, float]:
    """Product and service profit by an explicit loop over the years."""
    product = s.product_margin * s.purchase_price
    service = 0.0
    for year in range(1, s.life_years + 1):
        spend = s.yearly_cost_multiple * s.purchase_price * s.serviceable_share
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


def test_profit_shares_are_undefined_without_a_lifetime_profit():
    """Review s28 R2, ch04 item 1: at a loss the table showed product 100%, services 0% and
    total 100% although services earned a profit (and total 0% at zero profit). With no
    lifetime profit there is nothing to share: the shares are nan (shown "–") and the
    header says why. Reverting to the old 0/1 fill, or to the 0.0 share, fails this."""
    from csmlab.display import Table

    loss = sv.corporate_pc().replace(product_margin=-0.5, service_capture=0.05).run()
    assert loss.product_profit + loss.service_profit < 0 < loss.service_profit
    assert math.isnan(loss.service_profit_share)
    frame = loss.to_frame()
    assert frame.columns[-1] == sv.UNDEFINED_SHARE
    assert frame[sv.UNDEFINED_SHARE].isna().all()
    shown = str(Table(frame))
    assert "100%" not in shown and "0%" not in shown and "–" in shown
    zero = sv.corporate_pc().replace(product_margin=0.0, service_capture=0.0).run()
    assert zero.product_profit + zero.service_profit == 0
    assert math.isnan(zero.service_profit_share)
    assert zero.to_frame()[sv.UNDEFINED_SHARE].isna().all()
    table = sv.compare_lifecycles({"loss": sv.corporate_pc().replace(product_margin=-0.5)})
    assert math.isnan(table.loc["loss", "services' share of profit"])


def test_profit_shares_just_above_zero_profit_say_one_side_loses():
    """Review s28 R2, ch04 item 1: just above zero the shares are right but extreme (product
    -94%, services 194%); the header says one side is at a loss, and they still add to 100%."""
    from csmlab.display import Table

    r = sv.corporate_pc().replace(product_margin=-0.05).run()
    assert 0 < r.product_profit + r.service_profit
    frame = r.to_frame()
    assert frame.columns[-1] == sv.LOSS_SHARE
    shares = frame[sv.LOSS_SHARE]
    assert shares["product"] == pytest.approx(-0.94, abs=0.005)
    assert shares["services"] == pytest.approx(1.94, abs=0.005)
    assert shares["product"] + shares["services"] == pytest.approx(1)
    assert shares["total"] == 1.0
    assert Table(frame).__str__().split("\n")[1].rstrip().endswith("-94%")


@settings(max_examples=100, deadline=None)
@given(st.floats(-1, 1), st.floats(0, 1), st.floats(0, 1), st.integers(1, 40))
def test_profit_shares_are_defined_exactly_when_there_is_a_profit(margin, capture, s_margin,
                                                                  life):
    """Property: the shares are defined iff lifetime profit is positive; then they add to 1,
    and lie in [0, 1] unless one side loses money."""
    r = sv.corporate_pc().replace(product_margin=margin, service_capture=capture,
                                  service_margin=s_margin, life_years=life).run()
    total = r.product_profit + r.service_profit
    frame = r.to_frame()
    shares = frame.iloc[:, -1]
    if total <= 0:
        assert math.isnan(r.service_profit_share) and shares.isna().all()
        assert frame.columns[-1] == sv.UNDEFINED_SHARE
    else:
        assert shares.iloc[:2].sum() == pytest.approx(1) and shares["total"] == 1.0
        if min(r.product_profit, r.service_profit) >= 0:
            assert frame.columns[-1] == "share of profit"
            assert 0 <= r.service_profit_share <= 1
        else:
            assert frame.columns[-1] == sv.LOSS_SHARE


@pytest.mark.pins("the ownership-cost cases'", "cases/servitization.py")
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


def test_parity_capture_equalises_product_and_service_profit():
    s = sv.corporate_pc()
    r = s.run()
    even = s.replace(service_capture=r.parity_capture).run()
    assert even.service_profit == pytest.approx(even.product_profit)
    assert r.breakeven_capture == 0.0          # the product alone does not lose money
    none = s.replace(yearly_cost_multiple=0.0).run()
    assert none.service_profit == 0 and math.isinf(none.parity_capture)
    assert none.service_profit_share == 0


def test_a_product_sold_at_a_loss_to_win_the_service():
    """Review item 11: a printer or razor maker sells the product below cost. The margin may be
    negative; the break-even capture then brings lifetime profit to zero, and parity is 0
    (services out-earn a loss at any capture). Reverting the margin's range to [0, 1] or
    the break-even to the parity formula fails this."""
    s = sv.corporate_pc().replace(product_margin=-0.2)
    r = s.run()
    assert r.product_profit < 0 and r.parity_capture == 0.0
    even = s.replace(service_capture=r.breakeven_capture).run()
    assert even.product_profit + even.service_profit == pytest.approx(0, abs=1e-6)
    gained = s.replace(service_capture=0.5).run()   # services more than cover the loss
    assert gained.product_profit + gained.service_profit > 0
    assert gained.service_profit_share > 1          # services earn more than the whole profit
    with pytest.raises(ValueError, match="product_margin"):
        sv.corporate_pc().replace(product_margin=-1.5)
    with pytest.raises(ValueError, match="product_margin"):
        sv.corporate_pc().replace(product_margin=1.5)
    none = s.replace(yearly_cost_multiple=0.0).run()
    assert math.isinf(none.breakeven_capture) and none.parity_capture == 0.0


@settings(max_examples=100, deadline=None)
@given(st.floats(-1, 1), st.floats(0.01, 1), st.floats(0, 0.5), st.integers(1, 50),
       st.floats(0.01, 3))
def test_breakeven_and_parity_captures(margin, service_margin, rate, life, multiple):
    """Property: at the break-even capture lifetime profit is zero (when the product loses
    money), at the parity capture service profit equals product profit (when it earns)."""
    s = sv.corporate_pc().replace(product_margin=margin, service_margin=service_margin,
                                  discount_rate=rate, life_years=life,
                                  yearly_cost_multiple=multiple)
    r = s.run()
    assert r.parity_capture >= 0 and r.breakeven_capture >= 0
    assert min(r.parity_capture, r.breakeven_capture) == 0.0
    if margin < 0:
        at = s.replace(service_capture=min(1.0, r.breakeven_capture)).run()
        if r.breakeven_capture <= 1:
            assert at.product_profit + at.service_profit == pytest.approx(
                0, abs=1e-6 * s.purchase_price)
    elif margin > 0 and r.parity_capture <= 1:
        at = s.replace(service_capture=r.parity_capture).run()
        assert at.service_profit == pytest.approx(at.product_profit)


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
        assert t.loc[name, "parity capture share"] == pytest.approx(r.parity_capture)
    with pytest.raises(ValueError, match="scenarios"):
        sv.compare_lifecycles({})
    with pytest.raises(ValueError, match="'x'"):
        sv.compare_lifecycles({"x": 3})


def test_capture_is_only_of_the_spend_a_maker_can_sell():
    """The downtime, petrol, used cars and track are not a maker's to capture (issue 20)."""
    # every non-purchase item the slide lists is declared capturable or not, with a reason
    for name, segments in OWNERSHIP_SEGMENTS.items():
        declared = [item for item, _, _ in OWNERSHIP_CAPTURABLE[name]]
        assert declared == list(segments[1:])
        assert all(reason for _, _, reason in OWNERSHIP_CAPTURABLE[name])
    not_capturable = {item for items in OWNERSHIP_CAPTURABLE.values()
                      for item, ok, _ in items if not ok}
    assert {"staff time and lost opportunity when PCs are down", "petrol", "used-car purchase",
            "rail infrastructure", "track and yard operation and management"} <= not_capturable
    assert fact("servitization.capturable_items").status == "illustrative"
    for preset, name in ((sv.corporate_pc, "corporate PC"), (sv.railway, "railway"),
                         (sv.household_car, "household car")):
        s = preset()
        assert s.serviceable_share == serviceable_share(name) < 1
        r = s.run()
        # full capture earns the serviceable spend, never the whole downstream spend
        full = s.replace(service_capture=1.0).run()
        assert full.years["service revenue"].sum() == pytest.approx(
            s.serviceable_share * full.years["downstream"].sum())
        # so parity is higher than if all downstream spend were capturable
        everything = s.replace(serviceable_share=1.0).run()
        assert r.parity_capture == pytest.approx(
            everything.parity_capture / s.serviceable_share)
        assert r.parity_capture > everything.parity_capture
    assert serviceable_share("corporate PC") == pytest.approx(3 / 5)
    assert serviceable_share("railway") == pytest.approx(2 / 6)
    assert serviceable_share("household car") == pytest.approx(2 / 4)


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1), st.floats(0, 3), st.integers(1, 40))
def test_service_revenue_never_exceeds_the_serviceable_spend(share, capture, rate, multiple, life):
    s = sv.LifecycleScenario(serviceable_share=share, service_capture=capture,
                             discount_rate=rate / 2, yearly_cost_multiple=multiple,
                             life_years=life)
    y = s.run().years
    assert (y["service revenue"] <= y["serviceable"] + 1e-9).all()
    assert (y["serviceable"] <= y["downstream"] + 1e-9).all()
    none = s.replace(serviceable_share=0.0).run()
    assert none.service_profit == 0 and math.isinf(none.parity_capture)
