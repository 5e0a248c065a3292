"""Splitting a month's budget: worked examples per strategy, then invariants."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core.allocation import Claim, Strategy, allocate

D = Decimal
BIG = D("1000000.00")


def test_pro_rata_by_contractual_payment_with_minimum() -> None:
    """Budget ¥400; contractual payments A 600, B 300, C 100; minimum ¥50.

    Exact shares 400 × 600/1000 = 240, 120, 40: C is below the minimum, so C is fixed at 50.
    The other 350 is split 600 : 300 → 233.333…, 116.666…; rounded down 233.33 + 116.66 = 349.99,
    the one 分 left goes to the larger remainder (B's .00666 > A's .00333): A 233.33, B 116.67, C 50.00.
    """
    claims = [Claim("A", D(600), BIG), Claim("B", D(300), BIG), Claim("C", D(100), BIG)]
    result = allocate(D(400), claims, Strategy.PRO_RATA, D(50))
    assert dict(result.shares) == {"A": D("233.33"), "B": D("116.67"), "C": D("50.00")}
    assert result.total == D("400.00")
    assert result.minimums_met


def test_by_balance() -> None:
    """Budget ¥300; balances A 2000, B 1000, C 500; minimum ¥50.

    300 × 2000/3500 = 171.43, 85.71, 42.86: C below 50 → 50; 250 split 2 : 1 → 166.666…, 83.333…;
    rounded down 166.66 + 83.33 = 249.99, the 分 goes to A (remainder .00666 > .00333): 166.67, 83.33, 50.00.
    """
    claims = [
        Claim("A", D(10), D(2000), balance=D(2000)),
        Claim("B", D(10), D(1000), balance=D(1000)),
        Claim("C", D(10), D(500), balance=D(500)),
    ]
    result = allocate(D(300), claims, Strategy.BALANCE, D(50))
    assert dict(result.shares) == {"A": D("166.67"), "B": D("83.33"), "C": D("50.00")}


def _three() -> list[Claim]:
    return [
        Claim("A", D(200), D(5000), balance=D(5000), apr=D("0.36")),
        Claim("B", D(100), D(300), balance=D(300), apr=D("0.24")),
        Claim("C", D(150), D(2000), balance=D(2000), apr=D("0.18")),
    ]


def test_avalanche_highest_rate_first() -> None:
    """Budget ¥1000, minimum ¥50: each gets 50 (150), the other 850 goes to A (36 %, the highest rate),
    which can take up to its 5000 → A 900, B 50, C 50."""
    result = allocate(D(1000), _three(), Strategy.AVALANCHE, D(50))
    assert dict(result.shares) == {"A": D("900.00"), "B": D("50.00"), "C": D("50.00")}


def test_snowball_smallest_balance_first() -> None:
    """Budget ¥1000, minimum ¥50: each gets 50, 850 left. B (balance 300) is topped up to 300 (+250),
    600 left go to C (2000, the next smallest): C 650. A keeps its 50. Total 300 + 650 + 50 = 1000."""
    result = allocate(D(1000), _three(), Strategy.SNOWBALL, D(50))
    assert dict(result.shares) == {"A": D("50.00"), "B": D("300.00"), "C": D("650.00")}


def test_negative_budget_is_a_token_plan_not_an_error() -> None:
    """Income ¥200 below essential spending: budget −200. Nothing is allocated (0 each, total 0 ≤ budget is
    impossible, so nothing is paid at all) and the result says so, suggesting ¥1 a creditor (B owes only
    ¥0.50, so its token is 0.50)."""
    claims = [Claim("A", D(200), D(5000)), Claim("B", D(100), D("0.50"))]
    result = allocate(D(-200), claims)
    assert not result.affordable
    assert result.total == 0
    assert dict(result.token) == {"A": D("1.00"), "B": D("0.50")}
    assert "1元" in result.note


def test_priority_paid_first_then_the_rest_pro_rata() -> None:
    """Budget ¥1000; a court judgment P (due 700) has priority: it gets 700 first. The other 300 splits
    between A (due 400) and B (due 200) after the ¥50 minimum: 300 × 2/3 = 200, 300 × 1/3 = 100."""
    claims = [Claim("A", D(400), BIG), Claim("P", D(700), BIG, priority=True), Claim("B", D(200), BIG)]
    result = allocate(D(1000), claims, Strategy.PRO_RATA, D(50))
    assert dict(result.shares) == {"A": D("200.00"), "P": D("700.00"), "B": D("100.00")}


def test_short_of_minimums_shares_pro_rata_by_due() -> None:
    """Budget ¥60 for three creditors cannot give each ¥50: it is split by what each is due (1 : 1 : 4)
    → 10, 10, 40 and the result says the minimums were not met."""
    claims = [Claim("A", D(100), BIG), Claim("B", D(100), BIG), Claim("C", D(400), BIG)]
    result = allocate(D(60), claims, Strategy.AVALANCHE, D(50))
    assert dict(result.shares) == {"A": D("10.00"), "B": D("10.00"), "C": D("40.00")}
    assert not result.minimums_met


def test_money_left_over_when_every_creditor_is_paid_off() -> None:
    """Budget ¥1000 but only ¥130 owed in all: each gets what it owes, no more."""
    claims = [Claim("A", D(500), D(100)), Claim("B", D(500), D(30))]
    assert dict(allocate(D(1000), claims).shares) == {"A": D("100.00"), "B": D("30.00")}


money = st.integers(min_value=0, max_value=5_000_000).map(lambda c: Decimal(c) / 100)
claim_lists = st.lists(
    st.tuples(money, st.integers(1, 10_000_000).map(lambda c: Decimal(c) / 100), money, st.booleans()),
    min_size=1,
    max_size=8,
)


def _claims(raw: list[tuple[Decimal, Decimal, Decimal, bool]], with_priority: bool = True) -> list[Claim]:
    return [
        Claim(f"c{i}", due, cap, balance=cap, apr=apr / 1000, priority=prio and with_priority)
        for i, (due, cap, apr, prio) in enumerate(raw)
    ]


@settings(max_examples=200, deadline=None)
@given(
    claim_lists,
    st.integers(-100_000, 2_000_000).map(lambda c: Decimal(c) / 100),
    st.sampled_from(list(Strategy)),
    money,
)
def test_never_more_than_the_budget_nor_a_cap(raw, budget, strategy, minimum) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(raw)
    result = allocate(budget, claims, strategy, minimum)
    assert result.total <= max(budget, D(0))
    for claim in claims:
        share = result.shares[claim.id]
        assert D(0) <= share <= claim.cap
        assert share == share.quantize(D("0.01"))
    if budget > 0:  # all the budget is spent unless every creditor is paid in full
        assert result.total == min(budget, sum(c.cap for c in claims))


@settings(max_examples=200, deadline=None)
@given(
    claim_lists,
    st.integers(0, 2_000_000).map(lambda c: Decimal(c) / 100),
    st.sampled_from(list(Strategy)),
    money,
)
def test_everyone_gets_the_minimum_when_the_budget_covers_it(raw, budget, strategy, minimum) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(raw)
    needed = sum(min(max(c.due, minimum), c.cap) for c in claims if c.priority)
    needed += sum(min(minimum, c.cap) for c in claims if not c.priority)
    result = allocate(budget, claims, strategy, minimum)
    if budget > 0 and budget >= needed:
        for claim in claims:
            assert result.shares[claim.id] >= min(minimum, claim.cap)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(1, 1_000_000).map(lambda c: Decimal(c) / 100), min_size=1, max_size=8),
    st.integers(1, 5_000_000).map(lambda c: Decimal(c) / 100),
)
def test_pro_rata_shares_are_proportional_to_their_basis(dues, budget) -> None:  # type: ignore[no-untyped-def]
    claims = [Claim(f"c{i}", due, BIG * 100) for i, due in enumerate(dues)]
    result = allocate(budget, claims, Strategy.PRO_RATA, D(0))
    basis = sum(dues)
    for claim in claims:
        assert abs(result.shares[claim.id] - budget * claim.due / basis) <= D("0.01")
