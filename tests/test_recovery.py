import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csmlab.recovery import (FAILURE_TYPES, HANDLERS, ILLUSTRATIVE_RANGES, PHASE_OPTIONS,
                             RECOGNISERS, RecoveryScenario, value_range,
                             compensation_curve, gift_formula, hotel_overbooking, missing_spoon,
                             optimal_compensation, phase_costs, restaurant_delay,
                             satisfaction_from_justice)

prob = st.floats(0, 1)
scenarios = st.builds(
    RecoveryScenario, failure_type=st.sampled_from(FAILURE_TYPES), severity=prob,
    service_value=st.floats(1, 2_000), compensation=st.floats(0, 5),
    response_hours=st.floats(0, 720), fixed=st.booleans(), apology=st.booleans(),
    explanation=st.booleans(), courtesy=prob, handled_by=st.sampled_from(HANDLERS),
    empowerment=prob, recognised_by=st.sampled_from(RECOGNISERS),
    recognition_hours=st.floats(0, 720), follow_up=st.booleans(),
    prior_failures=st.integers(0, 10), paradox_carryover=prob,
    baseline_satisfaction=st.floats(1, 7), customer_value=st.floats(0, 5_000))


def internal_recovery(r):
    """Recovery satisfaction back on the 0–1 scale."""
    return (r.recovery_satisfaction - 1) / 6


# ------------------------------------------------------------ paradox and double deviation

def test_presets_show_the_three_outcomes():
    assert restaurant_delay().run().outcome == "recovery paradox"
    assert hotel_overbooking().run().outcome == "partial recovery"
    spoon = missing_spoon().run()
    assert spoon.outcome == "worse than no recovery"
    assert spoon.repurchase < spoon.no_recovery_repurchase < spoon.baseline_repurchase
    assert gift_formula().run().outcome == "partial recovery"


@settings(max_examples=200, deadline=None)
@given(scenarios)
def test_paradox_only_where_the_evidence_allows(s):
    """Paradox only for a minor, first failure with an excellent recovery (magnini2007,
    maxham2002); in repurchase and word of mouth only as far as the stated assumption
    paradox_carryover lets it (0 by default, following dematos2007)."""
    r = s.run()
    if r.paradox:
        assert s.severity < s.minor_severity
        assert s.prior_failures == 0
        assert internal_recovery(r) > s.excellent_recovery - 1e-9
    excess = max(0.0, r.satisfaction - r.baseline_satisfaction)
    # the carried paradox, capped where it would repay more than the recovery's cost
    assert r.repurchase <= float(s.repurchase_at(
        min(r.satisfaction, r.baseline_satisfaction) + s.paradox_carryover * excess)) + 1e-12
    if s.paradox_carryover == 0:
        assert r.repurchase <= r.baseline_repurchase + 1e-12
        assert r.word_of_mouth <= (r.baseline_satisfaction - 4) / 3 + 1e-12
    assert 1 <= r.satisfaction <= 7 and 0 <= r.repurchase <= 1
    for j in (r.distributive, r.procedural, r.interactional, r.recovery_satisfaction):
        assert 1 - 1e-12 <= j <= 7 + 1e-12


@settings(max_examples=200, deadline=None)
@given(scenarios)
def test_double_deviation_exactly_when_the_recovery_fails(s):
    r = s.run()
    below = internal_recovery(r) < s.neutral_recovery - 1e-9
    if r.double_deviation:
        assert below
    clearly_below = internal_recovery(r) < s.neutral_recovery - 1e-6
    if clearly_below and r.no_recovery_satisfaction > 1 + 1e-6 and s.double_deviation > 0:
        assert r.double_deviation
    if below:
        assert r.satisfaction <= r.no_recovery_satisfaction
    assert not (r.paradox and r.double_deviation)


@pytest.mark.parametrize("change", [dict(severity=0.6), dict(prior_failures=1),
                                    dict(courtesy=0.3), dict(compensation=0.0)])
def test_paradox_disappears_outside_its_conditions(change):
    assert restaurant_delay().run().paradox
    assert not restaurant_delay().replace(**change).run().paradox


def test_no_recovery_attempt_is_not_a_double_deviation_but_a_broken_promise_is():
    spoon = missing_spoon()
    kept = spoon.replace(fixed=True).run()
    assert not kept.double_deviation
    assert spoon.run().satisfaction < kept.satisfaction


# ------------------------------------------------------------ monotonicity and calibration

@settings(max_examples=200, deadline=None)
@given(scenarios, st.floats(0, 5), st.floats(0, 5))
def test_more_compensation_never_lowers_satisfaction(s, a, b):
    lo, hi = sorted((a, b))
    r_lo, r_hi = s.replace(compensation=lo).run(), s.replace(compensation=hi).run()
    assert r_hi.distributive >= r_lo.distributive - 1e-12
    assert r_hi.satisfaction >= r_lo.satisfaction - 1e-12
    assert r_hi.repurchase >= r_lo.repurchase - 1e-12
    assert r_hi.cost >= r_lo.cost - 1e-9


@settings(max_examples=200, deadline=None)
@given(scenarios, st.floats(0, 720), st.floats(0, 720))
def test_faster_never_lowers_satisfaction(s, a, b):
    fast, slow = sorted((a, b))
    r_fast, r_slow = s.replace(response_hours=fast).run(), s.replace(response_hours=slow).run()
    assert r_fast.procedural >= r_slow.procedural - 1e-12
    assert r_fast.satisfaction >= r_slow.satisfaction - 1e-12


def test_smith_bolton_wagner_directions():
    base = RecoveryScenario(compensation=0.0, apology=False)
    for kind in FAILURE_TYPES:
        assert base.replace(failure_type=kind, fixed=False).run().distributive == 1.0
        assert base.replace(failure_type=kind).run().distributive == pytest.approx(
            1 + 6 * base.fix_value * math.exp(-base.hours / base.fix_hours))
        assert base.replace(failure_type=kind, response_hours=0).run().distributive == \
            1 + 6 * base.fix_value
    comp = {k: base.replace(failure_type=k, compensation=1.0).run().distributive
            for k in FAILURE_TYPES}
    assert comp["outcome"] > comp["process"]             # compensation fits outcome failures
    gain = {k: base.replace(failure_type=k, apology=True).run().interactional
            - base.replace(failure_type=k).run().interactional for k in FAILURE_TYPES}
    assert gain["process"] > gain["outcome"] > 0         # apology fits process failures
    assert (base.replace(response_hours=0).run().procedural
            > base.replace(response_hours=48).run().procedural)
    # the same response is worth more after a bigger failure
    good = RecoveryScenario(compensation=1.0, courtesy=0.9)
    lift = [good.replace(severity=x).run() for x in (0.2, 0.8)]
    assert ((lift[1].satisfaction - lift[1].no_recovery_satisfaction)
            > (lift[0].satisfaction - lift[0].no_recovery_satisfaction) > 0)


def test_distributive_justice_weighs_most():
    s = RecoveryScenario()
    assert s.weight_distributive > max(s.weight_procedural, s.weight_interactional)
    assert (satisfaction_from_justice(7, 4, 4) > satisfaction_from_justice(4, 7, 4)
            and satisfaction_from_justice(7, 4, 4) > satisfaction_from_justice(4, 4, 7))
    r = s.run()
    assert math.isclose(r.recovery_satisfaction,
                        satisfaction_from_justice(r.distributive, r.procedural, r.interactional))


def test_compensation_has_diminishing_returns_and_an_interior_optimum():
    s = hotel_overbooking()
    f = compensation_curve(s, np.array([0.0, 0.5, 1.0, 1.5, 2.0]))
    steps = np.diff(f["distributive justice"].to_numpy())
    assert (np.diff(steps) < 0).all()                     # each extra half-loss adds less
    assert steps[-1] < 0.25 * steps[0]
    best = optimal_compensation(s)
    assert 0.2 < best < 1.5                               # at most about the loss

    def value(c):
        return s.replace(compensation=c).run().profit

    assert value(best) >= max(value(c) for c in np.linspace(0, 5, 101)) - 1e-6
    assert value(best) > value(0.0) and value(best) > value(3.0)
    # a more valuable customer is worth compensating more; a worthless one not at all
    assert optimal_compensation(s.replace(customer_value=5_000.0)) > best
    assert optimal_compensation(s.replace(customer_value=0.0)) == 0.0


def test_costs_by_phase_and_handler():
    s = hotel_overbooking()
    f = phase_costs(s)
    assert list(f.index) == list(PHASE_OPTIONS)
    assert f["handling ($)"].tolist() == [15.0, 30.0, 60.0]
    assert f["fix ($)"].tolist() == [180.0] * 3
    assert f["total ($)"].is_monotonic_increasing
    r = s.run()
    assert math.isclose(r.compensation_cost, s.compensation * s.severity * s.service_value)
    esc = s.replace(handled_by="escalated")
    assert esc.run().handling_cost == 3 * r.handling_cost
    assert esc.hours == s.recognition_hours + s.response_hours + s.escalation_hours
    low = s.replace(empowerment=0.0)
    assert low.replace(handled_by="escalated").run().procedural > low.run().procedural - 1.0
    assert math.isclose(r.profit, r.repurchase * s.customer_value - r.cost)
    assert math.isclose(r.cost, s.fix_cost + r.compensation_cost + r.handling_cost)


def test_phase_table_shows_recovery_satisfaction_beside_the_ceiling():
    """Review s28 R2, ch06 item 1: two of the hotel's three ways showed the same overall
    satisfaction, 5.23, because both reach the most any recovery can restore after this
    failure. The table now shows satisfaction with the recovery beside it (which differs),
    and the ceiling is a named quantity. Dropping the column, or the ceiling, fails this."""
    s = hotel_overbooking()
    f = phase_costs(s)
    rec = f["satisfaction with recovery (1–7)"]
    overall = f["overall satisfaction (1–7)"]
    for name, change in PHASE_OPTIONS.items():
        r = s.replace(**change).run()
        assert rec[name] == r.recovery_satisfaction
        assert overall[name] == r.satisfaction
    at_ceiling = ["recognised by the firm", "complaint, then follow-up"]
    assert overall[at_ceiling].tolist() == pytest.approx([s.satisfaction_ceiling] * 2)
    assert rec[at_ceiling[0]] < rec[at_ceiling[1]]          # the recoveries differ ...
    assert round(s.satisfaction_ceiling, 2) == 5.23          # ... the ceiling does not
    assert overall["recognised from a complaint"] < s.satisfaction_ceiling
    lavish = s.replace(compensation=5.0, courtesy=1.0, recognised_by="the firm",
                       follow_up=True).run()
    assert lavish.satisfaction == pytest.approx(s.satisfaction_ceiling)


@settings(max_examples=200, deadline=None)
@given(scenarios)
def test_no_recovery_restores_more_than_the_ceiling(s):
    """Property: overall satisfaction after recovery never exceeds the ceiling, except by a
    minor first failure's paradox bonus; the ceiling lies between no recovery and no failure."""
    r = s.run()
    ceiling = s.satisfaction_ceiling
    assert r.no_recovery_satisfaction - 1e-9 <= ceiling <= r.baseline_satisfaction + 1e-9
    if not (0 < s.severity < s.minor_severity and s.prior_failures == 0):
        assert r.satisfaction <= ceiling + 1e-9


@settings(max_examples=100, deadline=None)
@given(scenarios, st.floats(0, 1_000))
def test_the_fix_costs_what_it_costs_when_it_comes(s, fix):
    """Putting the problem right is not free (review ch06-2): fix_cost is paid only when the
    problem is fixed, and lowers the expected value by exactly that."""
    a, b = s.replace(fix_cost=0.0).run(), s.replace(fix_cost=fix).run()
    assert b.fix_cost == (fix if s.fixed else 0.0)
    assert b.profit == pytest.approx(a.profit - b.fix_cost, abs=1e-9 * max(1.0, abs(a.profit)))
    assert b.satisfaction == a.satisfaction
    ca, cb = compensation_curve(s.replace(fix_cost=0.0)), compensation_curve(s.replace(fix_cost=fix))
    assert np.allclose(ca["expected value ($)"] - cb["expected value ($)"], b.fix_cost,
                       atol=1e-9 * max(1.0, abs(a.profit)))


@settings(max_examples=300, deadline=None)
@given(scenarios, st.floats(0, 100), st.floats(0, 1), st.floats(0, 3))
def test_no_input_makes_a_failure_worth_more_than_no_failure(s, fix, lasting, paradox):
    """However good the recovery and whatever the assumed carryover, the customer is never
    worth more to the firm after a failure than with none (review ch06-5)."""
    s = s.replace(fix_cost=fix, handling_cost=0.0, lasting_damage=lasting, paradox_max=paradox)
    r = s.run()
    no_failure = r.baseline_repurchase * s.customer_value
    assert r.profit <= no_failure + 1e-9 * max(1.0, no_failure)
    c = compensation_curve(s)
    assert (c["expected value ($)"] <= no_failure + 1e-9 * max(1.0, no_failure)).all()


def test_a_failure_that_costs_nothing_earns_no_paradox():
    """The reviewer's case: the slow main course at severity 0 was a 'recovery paradox'
    (5.72 against 5.50). Now no loss means no paradox, and a tiny loss a tiny one."""
    d = restaurant_delay()
    assert d.run().paradox
    zero = d.replace(severity=0.0).run()
    assert not zero.paradox and zero.satisfaction <= zero.baseline_satisfaction
    tiny = d.replace(severity=0.01).run()
    assert tiny.satisfaction - tiny.baseline_satisfaction < 0.05
    assert tiny.satisfaction - tiny.baseline_satisfaction < (
        d.run().satisfaction - d.run().baseline_satisfaction)


def test_a_generous_recovery_with_full_carryover_still_does_not_beat_no_failure():
    """The reviewer's case: a valuable customer, all of the paradox carried into repurchase."""
    d = restaurant_delay().replace(paradox_carryover=1.0, customer_value=5_000.0)
    r = d.run()
    assert r.paradox and r.profit <= r.baseline_repurchase * 5_000.0 + 1e-9


@settings(max_examples=200, deadline=None)
@given(scenarios)
def test_the_paradox_vanishes_as_the_failure_vanishes(s):
    """No loss, no paradox: the bonus goes to zero with severity (review ch06-5), and is
    never above paradox_max × 4 × severity / minor_severity."""
    zero = s.replace(severity=0.0).run()
    assert not zero.paradox
    assert zero.satisfaction <= s.baseline_satisfaction + 1e-12
    assert float(s.replace(severity=0.0)._evaluate()["bonus"]) == 0.0
    bonus = float(s._evaluate()["bonus"])
    assert bonus <= s.paradox_max * 4 * s.severity / s.minor_severity + 1e-12


@settings(max_examples=200, deadline=None)
@given(scenarios)
def test_a_severe_failure_is_never_fully_undone(s):
    """Part of a failure's damage stays (lasting_damage, the course's assumption): beyond the
    minor range no recovery brings satisfaction back to the no-failure level (review ch06-9)."""
    r = s.run()
    damage = s.max_damage * s.severity * (1 + s.repeat_penalty * s.prior_failures)
    floor = s.lasting_damage * s.severity * damage
    if s.severity >= s.minor_severity and floor > 1e-9 and r.baseline_satisfaction - floor > 1:
        assert r.satisfaction <= r.baseline_satisfaction - floor + 1e-9


def test_the_repurchase_cap_is_a_labelled_assumption():
    """The paradox reaches repurchase only through paradox_carryover (default 0, the
    meta-analysis); with carryover 1, satisfaction above the no-failure level raises
    repurchase above it. Hard-coding the cap again fails this."""
    d = restaurant_delay()
    assert d.paradox_carryover == 0.0
    capped, carried = d.run(), d.replace(paradox_carryover=1.0).run()
    assert capped.paradox and capped.repurchase == pytest.approx(capped.baseline_repurchase)
    assert carried.repurchase > carried.baseline_repurchase
    assert carried.repurchase == pytest.approx(float(d.repurchase_at(carried.satisfaction)))
    assert carried.word_of_mouth > (carried.baseline_satisfaction - 4) / 3
    half = d.replace(paradox_carryover=0.5).run()
    assert capped.repurchase < half.repurchase < carried.repurchase
    assert "dematos2007" in RecoveryScenario.parameters()["paradox_carryover"].source


def test_follow_up_is_an_add_on_after_the_immediate_recovery():
    """Seed 003, block 4: the follow-up adds psychological and tangible compensation after
    the concrete recovery if something is missing. It never lowers recovery satisfaction,
    does most where the immediate recovery fell short, and costs extra handling."""
    for s in (hotel_overbooking(), missing_spoon(), gift_formula(), restaurant_delay()):
        base, more = s.run(), s.replace(follow_up=True).run()
        assert more.recovery_satisfaction >= base.recovery_satisfaction
        assert more.handling_cost == pytest.approx(base.handling_cost + 2 * s.handling_cost)
        gap = 7 - base.recovery_satisfaction
        assert more.recovery_satisfaction - base.recovery_satisfaction == pytest.approx(
            s.follow_up_share * gap)
    weak = hotel_overbooking().replace(courtesy=0.2, compensation=0.0)
    gain_weak = (weak.replace(follow_up=True).run().recovery_satisfaction
                 - weak.run().recovery_satisfaction)
    gain_good = (hotel_overbooking().replace(follow_up=True).run().recovery_satisfaction
                 - hotel_overbooking().run().recovery_satisfaction)
    assert gain_weak > gain_good > 0


def test_pre_recovery_ends_when_the_provider_recognises_the_failure():
    """Seed 003, block 4: the pre-recovery phase lasts until the provider recognises the
    failure. A longer phase delays the fix; recognising the failure itself (not from a
    complaint) is cheaper and counts as firm-initiated."""
    s = hotel_overbooking()
    late = s.replace(recognition_hours=12.0)
    assert late.hours == s.hours + 12.0
    assert late.run().procedural < s.run().procedural
    own = s.replace(recognised_by="the firm")
    assert own.run().handling_cost == s.run().handling_cost / 2
    assert own.run().interactional > s.run().interactional


def test_to_frame_has_the_three_states():
    frame = restaurant_delay().run().to_frame()
    assert list(frame.columns) == ["no failure", "failure, no recovery", "after recovery"]
    assert frame.loc["overall satisfaction (1–7)", "no failure"] == 5.5
    assert frame.loc["repurchase probability"].max() == pytest.approx(
        frame.loc["repurchase probability", "no failure"])


# ------------------------------------------------------------ bad input

@pytest.mark.parametrize("field,bad,allowed", [
    ("compensation", -0.5, "[0, 5]"), ("compensation", 6.0, "[0, 5]"),
    ("compensation", float("nan"), "[0, 5]"), ("response_hours", -1.0, "[0, 720]"),
    ("response_hours", float("inf"), "[0, 720]"), ("courtesy", 1.2, "[0, 1]"),
    ("empowerment", -0.1, "[0, 1]"), ("severity", 2.0, "[0, 1]"),
    ("prior_failures", 11, "[0, 10]"), ("baseline_satisfaction", 8.0, "[1, 7]"),
    ("compensation", True, "[0, 5]"), ("apology", 1, "True, False")])
def test_bad_response_inputs_name_field_and_range(field, bad, allowed):
    with pytest.raises(ValueError) as info:
        RecoveryScenario(**{field: bad})
    assert field in str(info.value)
    if allowed != "True, False":
        assert allowed in str(info.value)


def test_missing_baseline_says_which():
    with pytest.raises(ValueError, match=r"baseline_satisfaction.*\[1, 7\].*None"):
        RecoveryScenario(baseline_satisfaction=None)
    with pytest.raises(ValueError, match="baseline_satisfaction"):
        dataclasses.replace(hotel_overbooking(), baseline_satisfaction=None)


def test_weights_that_do_not_add_up_say_which():
    with pytest.raises(ValueError) as info:
        RecoveryScenario(weight_distributive=0.5)
    msg = str(info.value)
    for name in ("weight_distributive", "weight_procedural", "weight_interactional"):
        assert name in msg
    assert "add up to 1" in msg and "1.05" in msg
    RecoveryScenario(weight_distributive=0.5, weight_procedural=0.2)   # 0.5 + 0.2 + 0.3


def test_thresholds_must_be_ordered():
    with pytest.raises(ValueError, match="neutral_recovery.*excellent_recovery"):
        RecoveryScenario(neutral_recovery=0.9)


@pytest.mark.parametrize("args,name", [((8, 4, 4), "distributive"), ((4, 0, 4), "procedural"),
                                       ((4, 4, float("nan")), "interactional"),
                                       ((4, 4, "7"), "interactional")])
def test_justice_inputs_validated(args, name):
    with pytest.raises(ValueError, match=rf"{name} must be a justice rating in \[1, 7\]"):
        satisfaction_from_justice(*args)


def test_justice_weights_validated():
    with pytest.raises(ValueError, match="add up to 1"):
        satisfaction_from_justice(4, 4, 4, weights=(0.5, 0.5, 0.5))
    with pytest.raises(ValueError, match=r"weights\[0\]"):
        satisfaction_from_justice(4, 4, 4, weights=(-0.5, 0.5, 1.0))
    with pytest.raises(ValueError, match="three shares"):
        satisfaction_from_justice(4, 4, 4, weights=(1.0,))


def test_helpers_reject_other_scenarios():
    from csmlab.complaints import tarp_major
    for f in (optimal_compensation, compensation_curve):
        with pytest.raises(ValueError, match="scenario"):
            f(tarp_major())
    with pytest.raises(ValueError, match="high"):
        optimal_compensation(hotel_overbooking(), high=0)
    with pytest.raises(ValueError, match="multiples"):
        compensation_curve(hotel_overbooking(), np.array([-1.0]))


# ------------------------------------------------------------ charts and explorer

def test_charts_draw_and_describe_themselves():
    from csmlab.plots import default_plot, describe
    from csmlab.plots.recovery import (compensation_chart, justice_chart, phase_cost_chart,
                                       recovery_matrix, satisfaction_chart)
    r = missing_spoon().run()
    assert default_plot(r) is satisfaction_chart
    ax = satisfaction_chart(r)
    assert "worse than no recovery" in ax.get_title(loc="left")
    assert len(ax.patches) == 3
    assert len(justice_chart(r).patches) == 4
    assert len(phase_cost_chart(hotel_overbooking()).patches) == 3
    assert compensation_chart(hotel_overbooking()).get_xlabel().startswith("Compensation")
    m = recovery_matrix()
    assert len(m.patches) == 4
    texts = " ".join(t.get_text() for t in m.texts)
    assert "Recover the service" in texts and "complacency" in texts
    assert "Recover the service" in describe(m)


def test_explorer_updates():
    from csmlab.widgets import explore
    ex = explore(hotel_overbooking())
    assert {"compensation", "response_hours", "apology"} <= set(ex.controls)
    table, figure = ex.update(compensation=2.0)
    assert ex.scenario.compensation == 2.0 and figure.alt
    ex.update(compensation=9.0)                      # rejected, shown as a message
    assert ex.scenario.compensation == 2.0 and "compensation" in ex.message.value


# ------------------------------------------------------------ compare_recoveries

def test_compare_recoveries_matches_each_run():
    from csmlab.recovery import compare_recoveries
    cases = {"hotel": hotel_overbooking(), "delay": restaurant_delay(), "spoon": missing_spoon()}
    frame = compare_recoveries(cases)
    assert list(frame.index) == list(cases)
    for name, scenario in cases.items():
        r = scenario.run()
        assert frame.loc[name, "outcome"] == r.outcome
        assert frame.loc[name, "after recovery (1–7)"] == pytest.approx(r.satisfaction)
        assert frame.loc[name, "value gained ($)"] == pytest.approx(
            r.profit - r.no_recovery_profit)


@pytest.mark.parametrize("bad", [{}, [], {"x": 1}, {"x": None}])
def test_compare_recoveries_rejects_bad_input(bad):
    from csmlab.recovery import compare_recoveries
    with pytest.raises(ValueError, match="cases"):
        compare_recoveries(bad)


def test_value_range_moves_each_illustrative_curve_in_both_scenarios():
    h = hotel_overbooking()
    slow = h.replace(response_hours=24.0)
    t = value_range(slow, h)
    assert list(t.index) == ["as modelled", *ILLUSTRATIVE_RANGES]
    assert t.loc["as modelled", "low"] == pytest.approx(h.run().profit - slow.run().profit)
    lo, hi = ILLUSTRATIVE_RANGES["speed_hours"]
    assert t.loc["speed_hours", "low"] == pytest.approx(
        h.replace(speed_hours=lo).run().profit - slow.replace(speed_hours=lo).run().profit)
    assert t.loc["speed_hours", "value"] == h.speed_hours
    with pytest.raises(ValueError, match="ranges"):
        value_range(slow, h, {"colour": (1, 2)})
    with pytest.raises(ValueError, match="base"):
        value_range("slow", h)
    with pytest.raises(ValueError, match="speed_hours"):
        value_range(slow, h, {"speed_hours": (-1.0, 2.0)})


@settings(max_examples=100, deadline=None)
@given(scenarios, st.floats(0, 720), st.floats(0, 720))
def test_a_late_fix_is_worth_less(s, a, b):
    """A fix that comes later is worth less to the customer (review ch06-19): distributive
    justice never rises, and falls when the fix comes, as the wait grows."""
    lo, hi = sorted((a, b))
    early, late = s.replace(response_hours=lo), s.replace(response_hours=hi)
    assert late.run().distributive <= early.run().distributive + 1e-12
    if s.fixed and s.compensation == 0 and hi - lo > 1:
        assert late.run().distributive < early.run().distributive
