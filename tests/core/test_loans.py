"""Repayment schedules of every method, worked by hand on small numbers, plus the published vectors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core.dates import add_months
from xieshang.core.errors import ValidationError
from xieshang.core.loans import annuity_payment, build_schedule
from xieshang.core.money import cents
from xieshang.core.terms import Loan, Method, RevolvingTerms


def loan(method: Method, principal: str = "1200", term: int = 3, rate: str = "0.12", **kw: object) -> Loan:
    return Loan(
        "t",
        Decimal(principal),
        kw.pop("start", date(2026, 1, 15)),  # type: ignore[arg-type]
        term,
        method,
        Decimal(rate),
        **kw,  # type: ignore[arg-type]
    )


def rows(schedule_loan: Loan) -> list[tuple[str, str, str, str]]:
    return [
        (f"{p.principal:.2f}", f"{p.interest:.2f}", f"{p.fee:.2f}", f"{p.balance:.2f}")
        for p in build_schedule(schedule_loan).periods
    ]


def test_equal_installment_by_hand() -> None:
    """1,200 over 3 months at 12 % a year, r = 1 % a month.

    A = 1200 × 0.01 × 1.01³ / (1.01³ − 1) = 12.36361 / 0.030301 = 408.0264 → 408.03.
    1: interest 1200 × 1 % = 12.00, principal 396.03, balance 803.97
    2: interest 8.0397 → 8.04, principal 399.99, balance 403.98
    3: interest 4.0398 → 4.04, principal = the rest 403.98 (payment 408.02), balance 0
    """
    assert annuity_payment(Decimal(1200), Decimal("0.01"), 3) == Decimal("408.03")
    assert rows(loan(Method.EQUAL_INSTALLMENT)) == [
        ("396.03", "12.00", "0.00", "803.97"),
        ("399.99", "8.04", "0.00", "403.98"),
        ("403.98", "4.04", "0.00", "0.00"),
    ]


def test_equal_installment_zero_rate() -> None:
    """1,000 over 3 months at 0 %: A = 1000/3 = 333.33; the last period takes the rest, 333.34."""
    assert rows(loan(Method.EQUAL_INSTALLMENT, "1000", rate="0")) == [
        ("333.33", "0.00", "0.00", "666.67"),
        ("333.33", "0.00", "0.00", "333.34"),
        ("333.34", "0.00", "0.00", "0.00"),
    ]


def test_equal_principal_by_hand() -> None:
    """1,200 over 3 at 12 %: principal 400 a month; interest 1 % of the balance: 12, 8, 4 → 412, 408, 404."""
    schedule = build_schedule(loan(Method.EQUAL_PRINCIPAL))
    assert [str(p.payment) for p in schedule.periods] == ["412.00", "408.00", "404.00"]
    assert [str(p.interest) for p in schedule.periods] == ["12.00", "8.00", "4.00"]


def test_equal_principal_spreads_the_rounding() -> None:
    """1,000 over 3 at 0 %: cumulative principal cents(1000/3) = 333.33, cents(2000/3) = 666.67, 1000.

    So the periods repay 333.33, 333.34, 333.33 — each within 0.01 of P/n, summing to 1,000 exactly.
    """
    assert [r[0] for r in rows(loan(Method.EQUAL_PRINCIPAL, "1000", rate="0"))] == [
        "333.33",
        "333.34",
        "333.33",
    ]


def test_interest_only_by_hand() -> None:
    """先息后本 1,200 at 12 %: 12.00 interest every month, the 1,200 principal with the last one."""
    assert rows(loan(Method.INTEREST_ONLY)) == [
        ("0.00", "12.00", "0.00", "1200.00"),
        ("0.00", "12.00", "0.00", "1200.00"),
        ("1200.00", "12.00", "0.00", "0.00"),
    ]


def test_bullet_by_hand() -> None:
    """一次性还本付息 10,000 at 3.65 % from 2026-01-10 for 6 months → due 2026-07-10.

    Days: Jan 21 + Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 10 = 181; 10000 × 0.0365 × 181/365 = 181.00.
    With the contract day on the 20th the due date is 2026-07-20: 191 days → 191.00.
    On a 360-day basis: 10000 × 0.0365 × 181/360 = 183.5139 → 183.51.
    """
    base = loan(Method.BULLET, "10000", 6, "0.0365", start=date(2026, 1, 10))
    (period,) = build_schedule(base).periods
    assert (period.due_date, period.principal, period.interest) == (
        date(2026, 7, 10),
        Decimal(10000),
        Decimal("181.00"),
    )
    (later,) = build_schedule(replace(base, payment_day=20)).periods
    assert (later.due_date, later.interest) == (date(2026, 7, 20), Decimal("191.00"))
    (basis360,) = build_schedule(replace(base, day_count=360)).periods
    assert basis360.interest == Decimal("183.51")


def test_daily_by_hand() -> None:
    """按日计息 3,000 at 0.05 % a day from 2026-01-15, 3 months, 1,000 principal a month.

    Jan 15 → Feb 15: 31 days × 3000 × 0.0005 = 46.50
    Feb 15 → Mar 15: 28 days × 2000 × 0.0005 = 28.00
    Mar 15 → Apr 15: 31 days × 1000 × 0.0005 = 15.50
    The same daily rate follows from 18.25 % a year on 365 days when no daily rate is stated.
    """
    stated = loan(Method.DAILY, "3000", rate="0", daily_rate=Decimal("0.0005"))
    assert rows(stated) == [
        ("1000.00", "46.50", "0.00", "2000.00"),
        ("1000.00", "28.00", "0.00", "1000.00"),
        ("1000.00", "15.50", "0.00", "0.00"),
    ]
    assert rows(loan(Method.DAILY, "3000", rate="0.1825")) == rows(stated)


def test_card_instalment_by_hand() -> None:
    """信用卡分期 12,000 in 12 at 0.6 % a period: 1,000 principal + 72.00 fee (on the original 12,000), no interest.

    A periodic service fee of 5.00 is added to the fee: 77.00.
    """
    base = loan(Method.CARD_INSTALMENT, "12000", 12, "0", period_fee_rate=Decimal("0.006"))
    schedule = build_schedule(base)
    assert {(p.principal, p.interest, p.fee) for p in schedule.periods} == {
        (Decimal("1000.00"), Decimal("0.00"), Decimal("72.00"))
    }
    assert schedule.total_fees == Decimal("864.00")
    with_fee = build_schedule(replace(base, periodic_fee=Decimal(5)))
    assert {p.fee for p in with_fee.periods} == {Decimal("77.00")}


def test_periodic_fee_is_added_to_every_period() -> None:
    """The 1,200 / 12 % / 3 annuity with a 10.00 service fee: fee 10.00 each month, principal unchanged."""
    schedule = build_schedule(loan(Method.EQUAL_INSTALLMENT, periodic_fee=Decimal(10)))
    assert [str(p.payment) for p in schedule.periods] == ["418.03", "418.03", "418.02"]
    assert schedule.total_fees == Decimal("30.00")


def test_an_instalment_rounded_up_that_repays_early_ends_the_schedule_without_fee_only_periods() -> None:
    """¥0.20 等额本息 at 0 % over 36 months with a ¥5.00 fee a month: A = cents(0.20 / 36 = 0.00556) = 0.01.
    Twenty instalments of 0.01 repay the 0.20; the schedule ends there. Before, months 21–36 still charged
    the ¥5.00 fee on a loan already paid off (3 of 1,500 random loans hit this, e.g. the second case below).
    """
    tiny = loan(Method.EQUAL_INSTALLMENT, "0.20", 36, "0", periodic_fee=Decimal("5.00"))
    periods = build_schedule(tiny).periods
    assert len(periods) == 20 and periods[-1].balance == 0
    assert {p.principal for p in periods} == {Decimal("0.01")}
    real = loan(Method.EQUAL_INSTALLMENT, "917485.73", 455, "0.32631", periodic_fee=Decimal("47.97"))
    periods = build_schedule(real).periods
    assert len(periods) == 454 and periods[-1].balance == 0 and periods[-1].principal > 0
    assert sum((p.principal for p in periods), Decimal(0)) == Decimal("917485.73")
    assert all(p.principal > 0 or p.interest > 0 for p in periods)


def test_31st_due_dates_fall_on_month_end() -> None:
    """Start 2026-01-31: due Feb 28, Mar 31, Apr 30, May 31. Contract day 31 from the 15th: the same dates."""
    expected = [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)]
    from_31st = build_schedule(loan(Method.EQUAL_INSTALLMENT, term=4, start=date(2026, 1, 31)))
    assert [p.due_date for p in from_31st.periods] == expected
    day_31 = build_schedule(loan(Method.EQUAL_PRINCIPAL, term=4, payment_day=31))
    assert [p.due_date for p in day_31.periods] == expected


def test_published_equal_installment_vector() -> None:
    """1,000,000 at 4.9 % over 360 months: payment 5,307.27; interest ≈ 910,616.19; after 12 ≈ 984,978.41."""
    schedule = build_schedule(loan(Method.EQUAL_INSTALLMENT, "1000000", 360, "0.049"))
    assert schedule.periods[0].payment == Decimal("5307.27")
    assert abs(schedule.total_interest - Decimal("910616.19")) <= Decimal("2.00")
    assert abs(schedule.periods[11].balance - Decimal("984978.41")) <= Decimal("0.05")
    assert schedule.total_principal == Decimal(1000000)


def test_published_equal_principal_vector() -> None:
    """Same loan, 等额本金: first 6,861.11, falls by 11.34 a month, last 2,789.12, interest 737,041.67."""
    schedule = build_schedule(loan(Method.EQUAL_PRINCIPAL, "1000000", 360, "0.049"))
    payments = [p.payment for p in schedule.periods]
    assert payments[0] == Decimal("6861.11")
    assert payments[0] - payments[1] == Decimal("11.34")
    assert payments[-1] == Decimal("2789.12")
    assert abs(schedule.total_interest - Decimal("737041.67")) <= Decimal("1.00")


def test_revolving_delegates_to_the_minimum_payment_projection() -> None:
    """A 10,000 card balance paid at the minimum until gone: principal repaid exactly, interest charged."""
    schedule = build_schedule(loan(Method.REVOLVING, "10000", 0, "0"))
    assert schedule.total_principal == Decimal(10000)
    assert schedule.periods[0].payment == Decimal("1000.00")  # 10 % of the first statement
    assert schedule.periods[-1].balance == 0


def test_revolving_minimum_that_never_repays_is_an_error() -> None:
    """A 1 % minimum (floor 100) on 10,000 at 0.05 % a day: ~1.5 % interest a month > 1 % repaid, never ends."""
    never = loan(
        Method.REVOLVING, "10000", 0, "0", revolving=RevolvingTerms(min_payment_rate=Decimal("0.01"))
    )
    with pytest.raises(ValidationError) as caught:
        build_schedule(never)
    assert caught.value.errors[0].path == "revolving.min_payment_rate"


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"principal": Decimal(0)}, "principal"),
        ({"principal": Decimal(-5)}, "principal"),
        ({"term_months": 0}, "term_months"),
        ({"annual_rate": Decimal("-0.01")}, "annual_rate"),
        ({"method": Method.DAILY, "daily_rate": Decimal("-0.001")}, "daily_rate"),
        ({"method": Method.CARD_INSTALMENT}, "period_fee_rate"),
        ({"day_count": 366}, "day_count"),
        ({"payment_day": 32}, "payment_day"),
    ],
)
def test_invalid_terms_are_located(changes: dict[str, object], path: str) -> None:
    with pytest.raises(ValidationError) as caught:
        build_schedule(replace(loan(Method.EQUAL_INSTALLMENT), **changes))  # type: ignore[arg-type]
    assert [e.path for e in caught.value.errors] == [path]


def test_every_problem_is_reported_at_once() -> None:
    bad = replace(loan(Method.EQUAL_INSTALLMENT), principal=Decimal(0), term_months=0)
    with pytest.raises(ValidationError) as caught:
        build_schedule(bad)
    assert [e.path for e in caught.value.errors] == ["principal", "term_months"]
    assert "本金" in str(caught.value)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(100_00, 2_000_000_00).map(lambda c: Decimal(c) / 100),
    st.dates(date(2015, 1, 1), date(2035, 12, 31)),
    st.integers(1, 120),
    st.none() | st.integers(1, 31),
    st.integers(0, 90).map(lambda x: Decimal(x) / 10000),
    st.integers(0, 10_000).map(lambda c: Decimal(c) / 100),
)
def test_card_instalment_is_equal_principal_with_a_flat_fee_and_no_interest(
    principal: Decimal, start: date, term: int, day: int | None, fee_rate: Decimal, periodic: Decimal
) -> None:
    """Same principal split and due dates as 等额本金; fee cents(P × rate) + the periodic fee; dates on the day."""
    card = Loan(
        "c",
        principal,
        start,
        term,
        Method.CARD_INSTALMENT,
        payment_day=day,
        period_fee_rate=fee_rate,
        periodic_fee=periodic,
    )
    plain = replace(card, method=Method.EQUAL_PRINCIPAL, annual_rate=Decimal(0))
    fee = cents(principal * fee_rate) + cents(periodic)
    card_periods, plain_periods = build_schedule(card).periods, build_schedule(plain).periods
    assert [(p.period, p.due_date, p.principal, p.balance) for p in card_periods] == [
        (p.period, p.due_date, p.principal, p.balance) for p in plain_periods
    ]
    assert all(p.interest == 0 and p.fee == fee for p in card_periods)
    assert [p.due_date for p in card_periods] == [
        add_months(start, k, day or start.day) for k in range(1, term + 1)
    ]
