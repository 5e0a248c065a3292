"""A card's payment history from its statements (core/card_history.py): hand-worked months."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from xieshang.core.card_bills import CardBill
from xieshang.core.card_history import MonthStatus, Repayment, payment_history

D = Decimal


def bill(statement: date, due: date, balance: str, minimum: str, start: date | None = None) -> CardBill:
    return CardBill("bocom", "7449", statement, due, D(balance), D(minimum), cycle_start=start)


DEC = bill(date(2022, 12, 31), date(2023, 1, 28), "3000.00", "150.00", date(2022, 12, 1))
JAN = bill(date(2023, 1, 31), date(2023, 2, 28), "2976.40", "148.82", date(2023, 1, 1))
FEB = bill(date(2023, 2, 28), date(2023, 3, 28), "3013.11", "150.66", date(2023, 2, 1))
PAID = [
    Repayment(date(2022, 12, 5), D("200.00")),  # towards November's statement (not in the list)
    Repayment(date(2023, 1, 20), D("150.00")),  # December's minimum 150.00, by 28 January: paid
    Repayment(date(2023, 2, 20), D("100.00")),  # January's minimum 148.82, by 28 February: 48.82 short
]


def test_three_months_minimum_paid_missed_and_not_yet_known() -> None:
    """December: 150.00 paid by its due date covers the 150.00 minimum. January: 100.00 by 28 February against a
    148.82 minimum, 48.82 short (the month a bank charges 违约金). February: no later statement yet."""
    months = payment_history([FEB, DEC, JAN], PAID)  # any order
    assert [m.bill.month for m in months] == ["2022-12", "2023-01", "2023-02"]
    assert [m.status for m in months] == [
        MonthStatus.MINIMUM_PAID,
        MonthStatus.MINIMUM_MISSED,
        MonthStatus.UNKNOWN,
    ]
    assert (months[0].paid_by_due, months[1].paid_by_due, months[1].shortfall) == (
        D("150.00"),
        D("100.00"),
        D("48.82"),
    )
    assert months[2].paid_by_due is None


def test_paid_in_full_and_late_money() -> None:
    """3,000.00 paid on the due date is the whole balance; 500 paid two days after January's due date is late."""
    full = payment_history([DEC, JAN], [Repayment(date(2023, 1, 28), D("3000.00"))])
    assert full[0].status is MonthStatus.PAID_IN_FULL
    late = payment_history([DEC, JAN], [Repayment(date(2023, 1, 30), D("500.00"))])
    assert (late[0].status, late[0].paid_late, late[0].shortfall) == (
        MonthStatus.MINIMUM_MISSED,
        D("500.00"),
        D("150.00"),
    )


def test_a_missing_month_is_not_judged() -> None:
    """With January's statement missing, December cannot be judged from February's rows."""
    months = payment_history([DEC, FEB], PAID)
    assert [m.status for m in months] == [MonthStatus.UNKNOWN, MonthStatus.UNKNOWN]


def test_nothing_owed_and_the_same_statement_twice() -> None:
    credit = bill(date(2023, 1, 31), date(2023, 2, 28), "-12.00", "0.00", date(2023, 1, 1))
    months = payment_history([DEC, credit, credit], [Repayment(date(2023, 1, 20), D("3012.00"))])
    assert [m.status for m in months] == [MonthStatus.PAID_IN_FULL, MonthStatus.NOTHING_DUE]
