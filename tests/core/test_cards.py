"""Revolving credit-card balances: statements, minimum payments, daily interest and 违约金, worked by hand.

Card used below: 10,000 on 2026-01-05 (statement 0), statement day 5, due day 25, 0.05 % a day,
minimum 10 % (at least 100), 违约金 5 % of the unpaid minimum.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from xieshang.core.cards import (
    card_daily_rate,
    late_fee,
    minimum_payment,
    next_on_day,
    revolving_schedule,
    revolving_statements,
)
from xieshang.core.terms import Loan, Method, Payment, RevolvingTerms

CARD = Loan("c", Decimal(10000), date(2026, 1, 5), 0, Method.REVOLVING, revolving=RevolvingTerms())
TERMS = RevolvingTerms()


def D(text: str) -> Decimal:
    return Decimal(text)


def paying(*payments: tuple[date, str]) -> Loan:
    return replace(CARD, payments=tuple(Payment(d, Decimal(a)) for d, a in payments))


def test_due_date_follows_the_statement() -> None:
    """Due day after statement day: same month; before it: the next month; the 31st clamps to month end."""
    assert next_on_day(date(2026, 1, 5), 25) == date(2026, 1, 25)
    assert next_on_day(date(2026, 1, 20), 8) == date(2026, 2, 8)
    assert next_on_day(date(2026, 1, 31), 31) == date(2026, 2, 28)
    assert next_on_day(date(2026, 2, 28), 31) == date(2026, 3, 31)


def test_minimum_payment() -> None:
    """10 % of 5,000 = 500; 10 % of 800 = 80 < floor 100 → 100; a 60 balance → the whole 60."""
    assert [minimum_payment(D(b), TERMS) for b in ("5000", "800", "60", "0")] == [
        D("500"),
        D("100"),
        D("60"),
        0,
    ]


def test_late_fee_is_clamped() -> None:
    """5 % of 100 unpaid = 5.00, raised to a 20 minimum; 5 % of 1,000 = 50 capped at 30."""
    terms = RevolvingTerms(late_fee_min=D("20"), late_fee_max=D("30"))
    assert (late_fee(D("100"), terms), late_fee(D("1000"), terms), late_fee(D("100"), TERMS)) == (
        D("20"),
        D("30"),
        D("5.00"),
    )


def test_daily_rate_defaults() -> None:
    """Stated daily rate wins; else annual / 360 (18 % → 0.05 %); else 0.05 % a day."""
    assert card_daily_rate(replace(CARD, daily_rate=D("0.0004"))) == D("0.0004")
    assert card_daily_rate(replace(CARD, annual_rate=D("0.18"))) == D("0.0005")
    assert card_daily_rate(CARD) == D("0.0005")


def test_statements_replay_payments() -> None:
    """500 paid Jan 25, 2,000 paid Mar 1, statements to 2026-03-05.

    Jan 5: 10,000, minimum 1,000 due Jan 25. Only 500 paid → 违约金 5 % × 500 = 25.00 on Jan 26.
    Feb 5: interest 10,000 × 20 d × 0.0005 + 9,500 × 11 d × 0.0005 = 100 + 52.25 = 152.25;
           closing 10,000 + 152.25 + 25 − 500 = 9,677.25; minimum 967.73 due Feb 25; nothing paid →
           违约金 5 % × 967.73 = 48.39 on Feb 26.
    Mar 1: 2,000 pays 违约金 25 + 48.39, interest 152.25, principal 1,774.36 → principal 7,725.64.
    Mar 5: interest (9,500 + 152.25) × 24 d × 0.0005 + 7,725.64 × 4 d × 0.0005 = 115.827 + 15.451 = 131.28;
           closing 9,677.25 + 131.28 + 48.39 − 2,000 = 7,856.92; minimum 785.69.
    """
    statements = revolving_statements(
        paying((date(2026, 1, 25), "500"), (date(2026, 3, 1), "2000")), date(2026, 3, 5)
    )
    assert [
        (s.statement_date, s.interest, s.late_fee, s.payments, s.closing_balance, s.minimum_payment)
        for s in statements
    ] == [
        (date(2026, 1, 5), 0, 0, 0, D("10000"), D("1000")),
        (date(2026, 2, 5), D("152.25"), D("25.00"), D("500"), D("9677.25"), D("967.73")),
        (date(2026, 3, 5), D("131.28"), D("48.39"), D("2000"), D("7856.92"), D("785.69")),
    ]
    assert statements[1].opening_balance == D("10000") and statements[2].due_date == date(2026, 3, 25)


def test_statement_paid_in_full_bears_no_interest() -> None:
    """All 10,000 paid on Jan 20, before the Jan 25 due date: the Feb 5 statement has no interest and is 0."""
    (_, february) = revolving_statements(paying((date(2026, 1, 20), "10000")), date(2026, 2, 5))
    assert (february.interest, february.late_fee, february.closing_balance) == (0, 0, 0)


def test_interest_is_not_charged_on_fees() -> None:
    """Nothing paid: Feb 5 interest is on 10,000 only: 31 days × 10,000 × 0.0005 = 155.00 (the 50.00 违约金
    charged Jan 26 bears none).
    """
    (_, february) = revolving_statements(CARD, date(2026, 2, 5))
    assert (february.interest, february.late_fee) == (D("155.00"), D("50.00"))


def test_minimum_payment_projection() -> None:
    """Paying only the minimum: Jan 25 pays 1,000 of principal (no interest on statement 0 yet).

    Feb 5 statement: interest 10,000 × 20 × 0.0005 + 9,000 × 11 × 0.0005 = 149.50; balance 9,149.50;
    minimum 914.95 = 149.50 interest + 765.45 principal, paid Feb 25. Continues until nothing is left.
    """
    schedule = revolving_schedule(CARD)
    first, second = schedule.periods[:2]
    assert (first.due_date, first.principal, first.interest, first.balance) == (
        date(2026, 1, 25),
        D("1000"),
        0,
        D("9000"),
    )
    assert (second.due_date, second.principal, second.interest) == (
        date(2026, 2, 25),
        D("765.45"),
        D("149.50"),
    )
    assert schedule.total_principal == D("10000")
    assert schedule.periods[-1].balance == 0
    assert all(p.payment >= D("100") for p in schedule.periods[:-1])
