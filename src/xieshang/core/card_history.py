"""A card's payment history from its monthly statements: for each statement, what was paid towards it by its
due date, and whether that covered the minimum (the months a bank charges 违约金 and reports as late).

What was paid towards statement *n* is read from the repayments the statements themselves list: those booked
after statement *n*'s date and no later than its due date. They appear on statement *n + 1*, so a month can only
be judged when the next statement is there and follows on without a gap; the latest month is "not yet known".

>>> from datetime import date
>>> jan = CardBill("bocom", "7449", date(2023, 1, 31), date(2023, 2, 28), Decimal("2976.40"), Decimal("148.82"))
>>> feb = CardBill("bocom", "7449", date(2023, 2, 28), date(2023, 3, 28), Decimal("3013.11"), Decimal("150.66"),
...                cycle_start=date(2023, 2, 1))
>>> [m.status.value for m in payment_history([jan, feb], [Repayment(date(2023, 2, 20), Decimal("100.00"))])]
['minimum_missed', 'unknown']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from .card_bills import CardBill
from .money import ZERO

MAX_GAP_DAYS = 3  # the next statement's cycle must start within this many days after the previous one closed


class MonthStatus(StrEnum):
    PAID_IN_FULL = "paid_in_full"  # 全额还款
    MINIMUM_PAID = "minimum_paid"  # 还了最低还款额（或更多），未全额
    MINIMUM_MISSED = "minimum_missed"  # 到期还款日前未还足最低还款额
    NOTHING_DUE = "nothing_due"  # 本期无欠款
    UNKNOWN = "unknown"  # 还没有下期账单，尚不能判断


@dataclass(frozen=True)
class Repayment:
    """Money paid to the card, as a statement lists it (the day the bank booked it)."""

    day: date
    amount: Decimal


@dataclass(frozen=True)
class HistoryMonth:
    bill: CardBill
    status: MonthStatus
    paid_by_due: Decimal | None  # None when not known
    paid_late: Decimal | None  # after the due date, before the next statement
    shortfall: Decimal  # minimum − paid by the due date, when the minimum was missed

    @property
    def missed(self) -> bool:
        return self.status is MonthStatus.MINIMUM_MISSED


def _follows(previous: CardBill, following: CardBill) -> bool:
    """Whether ``following`` is the very next statement (its cycle starts right after ``previous`` closed)."""
    start = following.cycle_start or following.statement_date - timedelta(days=31)
    return (
        previous.statement_date < following.statement_date
        and (start - previous.statement_date).days <= MAX_GAP_DAYS
    )


def latest_per_month(bills: Iterable[CardBill]) -> list[CardBill]:
    """One statement per statement date (a statement imported twice counts once), oldest first."""
    by_date: dict[date, CardBill] = {}
    for bill in bills:
        by_date[bill.statement_date] = bill
    return [by_date[d] for d in sorted(by_date)]


def payment_history(bills: Sequence[CardBill], repayments: Iterable[Repayment]) -> tuple[HistoryMonth, ...]:
    """Each statement of one card with what was paid towards it (see the module docstring)."""
    ordered = latest_per_month(bills)
    paid = sorted(repayments, key=lambda r: r.day)
    months = []
    for index, bill in enumerate(ordered):
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        if bill.balance <= 0:
            months.append(HistoryMonth(bill, MonthStatus.NOTHING_DUE, None, None, ZERO))
            continue
        if following is None or not _follows(bill, following) or following.statement_date < bill.due_date:
            months.append(HistoryMonth(bill, MonthStatus.UNKNOWN, None, None, ZERO))
            continue
        by_due = sum((r.amount for r in paid if bill.statement_date < r.day <= bill.due_date), ZERO)
        late = sum((r.amount for r in paid if bill.due_date < r.day <= following.statement_date), ZERO)
        minimum = bill.minimum if bill.minimum is not None else ZERO
        if by_due >= bill.balance:
            status, short = MonthStatus.PAID_IN_FULL, ZERO
        elif by_due >= minimum:
            status, short = MonthStatus.MINIMUM_PAID, ZERO
        else:
            status, short = MonthStatus.MINIMUM_MISSED, minimum - by_due
        months.append(HistoryMonth(bill, status, by_due, late, short))
    return tuple(months)
