"""Month-by-month projection: a hand-worked plan, the status quo, and invariants over random plans."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core.allocation import Strategy
from xieshang.core.options import (
    AsIs,
    DebtPosition,
    Deferral,
    InterestFreeze,
    Reinstalment,
    Settlement,
    Waiver,
    terms_for,
)
from xieshang.core.projection import project, status_quo
from xieshang.core.terms import LenderType
from xieshang.reference import plan_limits

D = Decimal
LIMITS = plan_limits()
START = date(2026, 12, 15)


def position(key: str, principal: str, rate: str = "0", monthly: str = "100", **more: object) -> DebtPosition:
    return DebtPosition(
        id=key,
        creditor=key,
        lender_type=LenderType.ONLINE_PLATFORM,
        principal=D(principal),
        monthly_rate=D(rate),
        contractual_monthly=D(monthly),
        **more,  # type: ignore[arg-type]
    )


def test_snowball_with_a_frozen_debt_by_hand() -> None:
    """A: 1,000 frozen over 10 months (停息挂账, level 100). B: 600 as it stands at 1 % a month, due 200.
    Budget 500, snowball, minimum 50.
    month 1: B accrues 6.00 → owes 606; both get 50, the other 400 goes to B (smallest): B 450, A 50.
             B owes 156.00, A 950.00.
    month 2: B accrues 1.56 → 157.56; 50 each, then B takes its last 107.56 (paid off); A's agreed schedule
             asks 100 and is paid no more (the 242.44 left is not spent): A owes 850.00.
    months 3–10: A 100 each → 50.00 left.   month 11: A pays 50.00 → debt-free in 2027-10.
    Total paid 1,607.56 = 1,000 + 600 + interest 7.56; A (frozen) accrued nothing."""
    a = terms_for(position("A", "1000"), InterestFreeze(10), LIMITS)
    b = terms_for(position("B", "600", "0.01", "200"), AsIs(), LIMITS)
    result = project([a, b], D(500), START, Strategy.SNOWBALL, D(50))
    assert [dict(r.payments) for r in result.rows] == [
        {"A": D("50.00"), "B": D("450.00")},
        {"A": D("100.00"), "B": D("157.56")},
        *[{"A": D("100.00")}] * 8,
        {"A": D("50.00")},
    ]
    assert result.rows[-1].month == "2027-10" and len(result.rows) == 11
    assert result.debt_free_month == "2027-10"
    assert result.total_paid == D("1607.56")
    assert result.total_interest == D("7.56")
    assert result.debt("A").interest == 0
    assert (result.debt("B").payoff_month, result.debt("A").payoff_month) == ("2027-01", "2027-10")
    assert result.monthly_max == D("500.00")


def test_status_quo_costs_more_than_a_freeze() -> None:
    """Same debt (6,000 at 2 % a month), same budget 300: frozen it takes 20 months and 6,000;
    as it stands 120 of each 300 goes to interest in month 1, so it costs more and takes longer."""
    debt = position("A", "6000", "0.02", "300")
    plan = project([terms_for(debt, InterestFreeze(20), LIMITS)], D(300), START)
    quo = status_quo([debt], D(300), START)
    assert (len(plan.rows), plan.total_paid) == (20, D("6000.00"))
    assert quo.total_paid > plan.total_paid and len(quo.rows) > 20
    assert quo.rows[0].interest["A"] == D("120.00")


def test_budget_below_interest_is_capped_and_flagged() -> None:
    """10,000 at 3 % a month grows by 300 a month; a budget of 200 never clears it: stop at the cap."""
    result = project(
        [terms_for(position("A", "10000", "0.03"), AsIs(), LIMITS)], D(200), START, max_months=60
    )
    assert result.capped and len(result.rows) == 60 and result.debt_free_month is None
    assert result.remaining > D("10000")


def test_negative_budget_projects_nothing_and_says_so() -> None:
    """Budget −50: no month is projected, nothing is paid, each creditor is offered a ¥1 token."""
    debts = [terms_for(position(k, "500"), AsIs(), LIMITS) for k in ("A", "B")]
    result = project(debts, D(-50), START)
    assert not result.affordable and result.rows == () and result.total_paid == 0
    assert dict(result.token) == {"A": D("1.00"), "B": D("1.00")}
    assert result.note


def test_deferral_grace_money_rolls_to_the_others() -> None:
    """A defers 2 months paying nothing; B (2,000, due 100) then takes the whole 400 budget in those months."""
    a = terms_for(position("A", "3000", "0", "300"), Deferral(2, 12, "nothing"), LIMITS)
    b = terms_for(position("B", "2000", "0", "100"), AsIs(), LIMITS)
    result = project([a, b], D(400), START)
    assert [dict(r.payments) for r in result.rows[:2]] == [{"A": D(0), "B": D("400.00")}] * 2


money = st.integers(0, 3_000_000).map(lambda c: Decimal(c) / 100)
rates = st.integers(0, 300).map(lambda r: Decimal(r) / 10000)
options = st.one_of(
    st.just(AsIs()),
    st.builds(Reinstalment, st.integers(3, 60)),
    st.builds(Deferral, st.integers(1, 6), st.integers(3, 36), st.sampled_from(["interest_only", "nothing"])),
    st.builds(InterestFreeze, st.integers(3, 60)),
    st.builds(Waiver, st.sampled_from(["penalties_and_fees", "above_legal_line"]), st.integers(1, 60)),
    st.builds(Settlement, st.integers(1, 100).map(lambda s: Decimal(s) / 100)),
)
debts = st.lists(st.tuples(money, money, money, rates, money, st.booleans(), options), min_size=1, max_size=6)


@settings(max_examples=120, deadline=None)
@given(
    debts,
    st.integers(1, 36),
    st.sampled_from(list(Strategy)),
    st.integers(0, 20_000).map(lambda c: Decimal(c) / 100),
)
def test_projection_invariants(raw, speed, strategy, minimum) -> None:  # type: ignore[no-untyped-def]
    """Budget = all interest a month + the balances over ``speed`` months + 1, so every plan ends.
    Then: no month pays more than the budget; every balance ends exactly 0.00; payments sum to what the plan
    clears (opening balances + interest); a frozen debt never accrues interest; no balance is negative."""
    terms = []
    for i, (principal, interest, penalty, rate, monthly, priority, option) in enumerate(raw):
        pos = position(
            f"d{i}",
            str(principal),
            str(rate),
            str(monthly),
            interest=interest,
            penalty=penalty,
            priority=priority,
            excess=penalty,
        )
        terms.append(terms_for(pos, option, LIMITS))
    interest_a_month = (
        sum(t.principal * t.rate for t in terms) * 2
    )  # 罚息 of a deferral that pays nothing grows it
    budget = (interest_a_month + sum(t.principal + t.charges for t in terms) / speed + 1).quantize(D("0.01"))
    result = project(terms, budget, START, strategy, minimum)
    assert not result.capped
    for row in result.rows:
        assert row.total <= budget
        assert all(b >= 0 for b in row.balances.values())
    assert all(result.rows[-1].balances[t.position.id] == D("0.00") for t in terms) if result.rows else True
    cleared = sum(t.principal + t.charges for t in terms) + result.total_interest
    assert sum(r.total for r in result.rows) == result.total_paid == cleared
    for t in terms:
        if t.frozen:
            assert all(r.interest.get(t.position.id, D(0)) == 0 for r in result.rows)
