"""Due dates made when first read (``MonthlyDueDates``) are the dates ``add_months`` gives, one by one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from xieshang.core.dates import MonthlyDueDates, add_months, monthly_due_dates
from xieshang.core.loans import build_schedule
from xieshang.core.terms import Loan, Method


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)),
    st.integers(min_value=0, max_value=400),
    st.one_of(st.none(), st.integers(min_value=1, max_value=31)),
)
def test_the_lazy_dates_are_add_months_of_each_period(start: date, count: int, day: int | None) -> None:
    lazy = MonthlyDueDates(start, count, day)
    assert len(lazy) == count
    expected = [add_months(start, k, day) for k in range(1, count + 1)]
    assert list(lazy) == expected == monthly_due_dates(start, count, day)
    assert lazy == expected
    if count:
        assert lazy[-1] == expected[-1] and lazy[: count // 2] == expected[: count // 2]


def test_the_end_of_a_month_falls_on_the_shorter_months_last_day() -> None:
    # by hand: from 31 Jan 2028 (a leap year), monthly on the 31st
    assert list(MonthlyDueDates(date(2028, 1, 31), 3)) == [
        date(2028, 2, 29),
        date(2028, 3, 31),
        date(2028, 4, 30),
    ]


def test_a_schedule_paid_off_early_has_a_date_for_each_of_its_periods() -> None:
    # 等额本息 at 0 %: ¥0.02 over 3 months rounds the instalment ¥0.00667 up to ¥0.01, which repays it in 2
    loan = Loan("x", Decimal("0.02"), date(2026, 1, 15), 3, Method.EQUAL_INSTALLMENT, Decimal(0))
    periods = build_schedule(loan).periods
    assert [p.due_date for p in periods] == [date(2026, 2, 15), date(2026, 3, 15)]
    assert [p.balance for p in periods] == [Decimal("0.01"), Decimal(0)]
    assert len(periods.due_dates) == len(periods)  # type: ignore[attr-defined]
