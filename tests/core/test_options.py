"""Options on one debt: hand-worked schedules, limits from the data file, savings and the creditor's view."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core.errors import ValidationError
from xieshang.core.limits import plan_limits_from_dict
from xieshang.core.loans import annuity_payment
from xieshang.core.options import (
    AsIs,
    DebtPosition,
    Deferral,
    InterestFreeze,
    Reinstalment,
    Settlement,
    Waiver,
    evaluate,
    terms_for,
)
from xieshang.core.terms import LenderType
from xieshang.reference import plan_limits

D = Decimal
LIMITS = plan_limits()


def card(**changes: object) -> DebtPosition:
    """A card debt: principal 10,000, interest 500, fees 100, penalty 400 → balance 11,000;
    1.5 % a month as things stand (overdue), 1 % a month under the contract."""
    values: dict[str, object] = {
        "id": "card",
        "creditor": "招商银行信用卡",
        "lender_type": LenderType.CREDIT_CARD,
        "principal": D("10000.00"),
        "interest": D("500.00"),
        "fees": D("100.00"),
        "penalty": D("400.00"),
        "monthly_rate": D("0.015"),
        "contract_rate": D("0.01"),
        "contractual_monthly": D("1000.00"),
    }
    values.update(changes)
    return DebtPosition(**values)  # type: ignore[arg-type]


def test_interest_freeze_repays_the_frozen_balance_in_equal_parts() -> None:
    """停息挂账 over 36 months: 11,000 / 36 = 305.555… → 305.56 a month; 35 × 305.56 = 10,694.60,
    so the 36th payment is 11,000 − 10,694.60 = 305.40. No interest: total 11,000.00 exactly."""
    outcome = evaluate(card(), InterestFreeze(36), LIMITS)
    assert outcome.monthly == D("305.56")
    assert outcome.months == 36
    assert [r.payment for r in outcome.rows[-2:]] == [D("305.56"), D("305.40")]
    assert outcome.total_paid == D("11000.00")
    assert outcome.interest == 0
    assert outcome.rows[-1].balance == D("0.00")


def test_settlement_saving_against_the_status_quo() -> None:
    """一次性结清 at 50 %: 5,500 at once. Status quo = the same 5,500 a month on the debt as it stands
    (1.5 % a month on principal, charges first):
    month 1: interest 150.00 → charges 1,150; pay 5,500 → principal 10,000 − 4,350 = 5,650;
    month 2: interest 5,650 × 1.5 % = 84.75; pay 5,500 → principal 5,650 − 5,415.25 = 234.75;
    month 3: interest 3.52 (3.52125) → pay 238.27. Status quo costs 11,238.27; saving 5,738.27.
    The creditor recovers 5,500 in month 1 (50 % of the balance) against nothing if the borrower cannot pay."""
    outcome = evaluate(card(), Settlement(D("0.5")), LIMITS)
    assert (outcome.monthly, outcome.months, outcome.total_paid) == (D("5500.00"), 1, D("5500.00"))
    assert outcome.waived == D("5500.00")
    assert outcome.status_quo_cost == D("11238.27")
    assert outcome.status_quo_months == 3
    assert outcome.saving == D("5738.27")
    assert outcome.creditor.recovered == D("5500.00")
    assert outcome.creditor.share_of_balance == D("0.5")
    assert outcome.creditor.status_quo_recovered == 0


def test_waiver_of_penalties_and_fees() -> None:
    """Waiving the penalty (400) and fees (100) leaves 10,500 (principal 10,000 + interest 500), repaid in
    one payment (months=1, interest-free via freeze): month 1 pays 10,500.00."""
    outcome = evaluate(card(), Waiver("penalties_and_fees", months=1, freeze=True), LIMITS)
    assert outcome.waived == D("500.00")
    assert outcome.total_paid == D("10500.00")
    assert outcome.months == 1


def test_waiver_above_the_legal_line_never_touches_principal() -> None:
    """Excess 300 above a legal line is waived; an excess of 5,000 is more than all charges (1,000),
    so only the 1,000 of charges can go: principal is never waived."""
    assert terms_for(card(excess=D(300)), Waiver("above_legal_line"), LIMITS).waived == D("300.00")
    assert terms_for(card(excess=D(5000)), Waiver("above_legal_line"), LIMITS).waived == D("1000.00")


def clears_by_hand(principal: D, charges: D, rate: D, months: int, level: D) -> bool:
    """The month model written out: interest on principal only, rounded to the 分; charges paid first."""
    for _ in range(months):
        charges += (principal * rate).quantize(D("0.01"))
        paid = min(level, principal + charges)
        principal -= paid - min(paid, charges)
        charges -= min(paid, charges)
    return principal + charges <= 0


def test_reinstalment_at_the_contract_rate() -> None:
    """重新分期 over 24 months at the contract's 1 %: the 1,000 of charges bear no interest, so the 等额本息
    payment on the whole 11,000 (annuity = 517.81) would clear it before month 24. The level is the least
    amount that clears it in exactly 24 payments: 517.00 (516.99 leaves a balance), the last one 516.93."""
    outcome = evaluate(card(), Reinstalment(24), LIMITS)
    assert annuity_payment(D("11000.00"), D("0.01"), 24) == D("517.81")
    assert outcome.monthly == D("517.00")
    assert clears_by_hand(D("10000"), D("1000"), D("0.01"), 24, D("517.00"))
    assert not clears_by_hand(D("10000"), D("1000"), D("0.01"), 24, D("516.99"))
    assert outcome.months == 24 and {r.payment for r in outcome.rows[:-1]} == {D("517.00")}
    assert outcome.rows[-1].payment == D("516.93") and outcome.rows[-1].balance == 0
    assert outcome.total_paid == D("11000.00") + outcome.interest


def test_deferral_paying_nothing_then_instalments() -> None:
    """Three months paying nothing at 1 %: interest 100.00 a month on the 10,000 principal (not on charges)
    → charges 1,300, balance 11,300 after the grace; then the least level clearing it in 12 payments:
    1,002.51 (1,002.50 does not; annuity(11,300, 1 %, 12) = 1,003.99 would clear early)."""
    outcome = evaluate(card(), Deferral(3, 12, "nothing"), LIMITS)
    assert [r.payment for r in outcome.rows[:3]] == [D(0)] * 3
    assert [r.interest for r in outcome.rows[:3]] == [D("100.00")] * 3
    assert outcome.monthly == D("1002.51")
    assert clears_by_hand(D("10000"), D("1300"), D("0.01"), 12, D("1002.51"))
    assert not clears_by_hand(D("10000"), D("1300"), D("0.01"), 12, D("1002.50"))
    assert outcome.months == 15


def test_deferral_paying_interest_only() -> None:
    """Interest only in the grace: 100.00 a month (1 % on 10,000), so the balance stays 11,000."""
    outcome = evaluate(card(), Deferral(2, 12, "interest_only"), LIMITS)
    assert [(r.payment, r.balance) for r in outcome.rows[:2]] == [(D("100.00"), D("11000.00"))] * 2


def test_card_reinstalment_is_capped_at_five_years_by_rule() -> None:
    """银监会令2011年第2号 Art. 70: individual card instalments at most 5 years (60 months)."""
    rule = LIMITS.rule(LenderType.CREDIT_CARD)
    assert (rule.max_months, rule.confidence) == (60, "text")
    assert "第七十条" in rule.article
    evaluate(card(), Reinstalment(60), LIMITS)
    with pytest.raises(ValidationError) as caught:
        terms_for(card(), Reinstalment(61), LIMITS, "plan.creditors[0]")
    assert caught.value.errors[0].path == "plan.creditors[0].months"
    with pytest.raises(ValidationError):
        terms_for(card(), Reinstalment(2), LIMITS)


def test_every_lender_type_has_a_documented_limit() -> None:
    for lender in LenderType:
        rule = LIMITS.rule(lender)
        assert rule.source and rule.confidence in ("text", "press", "unverified")


def test_malformed_limits_are_located() -> None:
    with pytest.raises(ValidationError) as caught:
        plan_limits_from_dict({"limits": [{"lender_type": "bank", "min_months": 9, "max_months": 3}]})
    assert caught.value.errors[0].path == "limits[0]"


def test_bad_parameters_are_located() -> None:
    with pytest.raises(ValidationError) as caught:
        terms_for(card(), Settlement(D("1.5")), LIMITS, "p")
    assert caught.value.errors[0].path == "p.share_percent"
    with pytest.raises(ValidationError) as caught:
        terms_for(card(), Deferral(0, 12), LIMITS, "p")
    assert caught.value.errors[0].path == "p.grace_months"


def test_as_is_saves_nothing() -> None:
    """The status quo against itself: saving 0."""
    assert evaluate(card(), AsIs(), LIMITS).saving == 0


amounts = st.integers(0, 5_000_000).map(lambda c: Decimal(c) / 100)
options = st.one_of(
    st.builds(
        Reinstalment, st.integers(3, 60), st.none() | st.integers(0, 300).map(lambda r: Decimal(r) / 10000)
    ),
    st.builds(
        Deferral, st.integers(1, 12), st.integers(3, 48), st.sampled_from(["interest_only", "nothing"])
    ),
    st.builds(InterestFreeze, st.integers(3, 60)),
    st.builds(Waiver, st.sampled_from(["penalties_and_fees", "above_legal_line"]), st.integers(1, 60)),
    st.builds(Settlement, st.integers(1, 100).map(lambda s: Decimal(s) / 100), st.integers(1, 12)),
)


@settings(max_examples=150, deadline=None)
@given(amounts, amounts, amounts, st.integers(0, 300).map(lambda r: Decimal(r) / 10000), options)
def test_option_schedules_are_exact(principal, interest, penalty, rate, option) -> None:  # type: ignore[no-untyped-def]
    """Payments sum to what the option clears (opening balance + interest), the balance ends at 0.00,
    a frozen option accrues nothing, and the creditor never recovers more than is paid."""
    position = card(
        principal=principal,
        interest=interest,
        fees=D(0),
        penalty=penalty,
        monthly_rate=rate,
        contract_rate=rate,
        excess=penalty,
    )
    outcome = evaluate(position, option, LIMITS)
    terms = terms_for(position, option, LIMITS)
    assert (
        sum(r.payment for r in outcome.rows)
        == outcome.total_paid
        == terms.principal + terms.charges + outcome.interest
    )
    assert not outcome.rows or outcome.rows[-1].balance == 0
    assert outcome.total_paid + outcome.waived == position.balance + outcome.interest
    if terms.frozen:
        assert outcome.interest == 0
    for row in outcome.rows:
        assert row.payment == row.payment.quantize(D("0.01")) and row.payment >= 0
