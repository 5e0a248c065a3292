"""Transactions read from bills: one immutable value per row a platform or bank exported.

Importers (``xieshang.importers``) turn bytes into these; categories, debt discovery and the monthly summary
read them. Amounts are positive ``Decimal``; which way the money went is ``direction``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .card_bills import CardBill
from .money import ZERO


class Direction(StrEnum):
    """Which way the money went, as the budget sees it."""

    INCOME = "income"  # 收入
    EXPENSE = "expense"  # 支出
    NEUTRAL = (
        "neutral"  # 不计收支 / 中性交易: transfers between one's own accounts, 余额宝, 零钱通, 提现, 还款
    )


@dataclass(frozen=True, slots=True)
class Transaction:
    """One row of a bill.

    ``time`` is naive local time (China, UTC+8) as the export shows it (for a card, the day of the purchase);
    ``posted`` is the day the bank booked it (记账日/入账日) where the bill gives both dates. ``row`` is the
    physical row in the file (1-based) so a person can find it. ``refund_of`` is the original's order id when
    this row refunds it.
    """

    source: str
    order_id: str
    time: datetime
    amount: Decimal
    direction: Direction
    counterparty: str = ""
    description: str = ""
    platform_category: str = ""
    category: str | None = None
    payment_method: str = ""
    status: str = ""
    row: int = 0
    refund_of: str = ""
    posted: date | None = None

    @property
    def month(self) -> str:
        """``2023-01`` for any time in January 2023."""
        return f"{self.time.year:04d}-{self.time.month:02d}"

    @property
    def text(self) -> str:
        """Counterparty, description and platform category together, for keyword rules."""
        return f"{self.counterparty} {self.description} {self.platform_category}"

    def with_category(self, category: str | None) -> Transaction:
        """This transaction with ``category`` (field by field: ``dataclasses.replace`` costs twice as much, and
        ``categorise`` makes one for each row of a bill)."""
        return Transaction(
            self.source,
            self.order_id,
            self.time,
            self.amount,
            self.direction,
            self.counterparty,
            self.description,
            self.platform_category,
            category,
            self.payment_method,
            self.status,
            self.row,
            self.refund_of,
            self.posted,
        )


# Each field's slot, set directly: a frozen dataclass's ``__init__`` goes through ``object.__setattr__`` field by
# field, twice the cost of the whole row's other work in a million-row import.
_SLOTS: tuple[Any, ...] = tuple(getattr(Transaction, f.name).__set__ for f in fields(Transaction))
_new = object.__new__
(s_source, s_order, s_time, s_amount, s_direction, s_party, s_desc, s_platform, s_category, s_method,
 s_status, s_row, s_refund, s_posted) = _SLOTS  # fmt: skip


def row_transaction(
    source: str,
    order_id: str,
    time: datetime,
    amount: Decimal,
    direction: Direction,
    counterparty: str,
    description: str,
    platform_category: str,
    payment_method: str,
    status: str,
    row: int,
    refund_of: str,
) -> Transaction:
    """``Transaction(source, …, refund_of)`` with no category and no posting day, made at half the cost (for
    importers, one per row of a bill). ``tests/core/test_transactions.py`` checks it equals the constructor's."""
    t = _new(Transaction)
    s_source(t, source)
    s_order(t, order_id)
    s_time(t, time)
    s_amount(t, amount)
    s_direction(t, direction)
    s_party(t, counterparty)
    s_desc(t, description)
    s_platform(t, platform_category)
    s_category(t, None)
    s_method(t, payment_method)
    s_status(t, status)
    s_row(t, row)
    s_refund(t, refund_of)
    s_posted(t, None)
    return t


@dataclass(frozen=True)
class PreambleTotals:
    """What a bill's own summary says (共N笔记录, 收入: N笔 X元 …); ``None`` where it says nothing."""

    count: int | None = None
    income_count: int | None = None
    income: Decimal | None = None
    expense_count: int | None = None
    expense: Decimal | None = None
    neutral_count: int | None = None
    neutral: Decimal | None = None


@dataclass(frozen=True)
class ImportResult:
    """What one file gave: its format, the transactions, the rows left out (with why) and warnings; for a
    credit-card statement, ``card`` holds the statement's own figures (balance, minimum, due date …)."""

    format: str
    transactions: tuple[Transaction, ...]
    skipped: tuple[tuple[int, str], ...] = ()
    warnings: tuple[str, ...] = ()
    preamble_totals: PreambleTotals = field(default_factory=PreambleTotals)
    card: CardBill | None = None


@dataclass(frozen=True)
class Totals:
    """Sums by direction with counts."""

    income: Decimal = ZERO
    expense: Decimal = ZERO
    neutral: Decimal = ZERO
    income_count: int = 0
    expense_count: int = 0
    neutral_count: int = 0


def totals(transactions: Iterable[Transaction]) -> Totals:
    """Sum amounts by direction.

    >>> from datetime import datetime as dt
    >>> t = totals([Transaction("x", "1", dt(2024, 1, 1), Decimal("2.50"), Direction.EXPENSE)])
    >>> t.expense, t.expense_count
    (Decimal('2.50'), 1)
    """
    sums = {d: ZERO for d in Direction}
    counts = dict.fromkeys(Direction, 0)
    for t in transactions:
        sums[t.direction] += t.amount
        counts[t.direction] += 1
    return Totals(
        income=sums[Direction.INCOME],
        expense=sums[Direction.EXPENSE],
        neutral=sums[Direction.NEUTRAL],
        income_count=counts[Direction.INCOME],
        expense_count=counts[Direction.EXPENSE],
        neutral_count=counts[Direction.NEUTRAL],
    )
