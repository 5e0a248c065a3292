"""Monthly summary of imported transactions: income, spending by category, debt repayments, averages; and a
financial statement prefilled from the averages.

Repayments to known lenders are counted as repayments, never as spending; neutral rows (transfers, 余额宝)
are neither. Refunds reduce nothing here: ``merge`` has already netted those it could match.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .discovery import KnownLender, lender_matcher
from .money import ZERO, cents
from .statement import CATEGORY_GROUPS, Group, Household, Line, Statement
from .transactions import Direction, Transaction

UNCATEGORISED = "uncategorised"


@dataclass(frozen=True)
class MonthSummary:
    month: str
    income: Decimal
    expense: Decimal
    repayments: Decimal
    neutral: Decimal
    by_category: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Summary:
    months: tuple[MonthSummary, ...]
    income: Decimal
    expense: Decimal
    repayments: Decimal
    neutral: Decimal
    by_category: dict[str, Decimal]
    average_income: Decimal
    average_expense: Decimal
    average_repayments: Decimal
    average_by_category: dict[str, Decimal]


def summarise(transactions: Iterable[Transaction], lenders: Sequence[KnownLender] = ()) -> Summary:
    """One pass over the transactions (streams: fine for a million rows)."""
    sums = MonthSums(lenders)
    add = sums.add
    for t in transactions:
        add(t)
    return sums.summary()


class _Own:
    """The default of :meth:`MonthSums.add`: the transaction's own category (``None`` is a category: none)."""


OWN = _Own()


class MonthSums:
    """The running sums behind :func:`summarise`, one transaction at a time: a bill can be summarised as it is
    read (``importers.digest``), and a transaction taken back out again (a refund netted after its month was
    counted). Each sum keeps how many transactions it holds, so that a month or a category whose every
    transaction was taken back out is gone, as if it had never been added."""

    def __init__(self, lenders: Sequence[KnownLender] = ()) -> None:
        self.lender_of = lender_matcher(lenders) if lenders else None
        # (year × 100 + month, kind, category) → [amount, transactions]; kind: income, expense, repayments or
        # neutral, category only for expense
        self.sums: dict[tuple[int, str, str], list[Any]] = {}

    def bucket(self, t: Transaction, category: str | None) -> tuple[str, str]:
        """Where ``t`` counts with ``category``: (``repayments`` (a known lender), ``income``, ``neutral`` or
        ``expense``, and the category of spending)."""
        if self.lender_of is not None and self.lender_of(t) is not None:
            return "repayments", ""
        if t.direction is Direction.INCOME:
            return "income", ""
        if t.direction is Direction.EXPENSE:
            return "expense", category or UNCATEGORISED
        return "neutral", ""

    def add(self, t: Transaction, category: str | _Own | None = OWN) -> tuple[int, tuple[str, str]]:
        """Count ``t`` with ``category`` (default: its own); the month and bucket it went to."""
        time = t.time
        month = time.year * 100 + time.month
        where = self.bucket(t, t.category if isinstance(category, _Own) else category)
        self.put(month, where, t.amount, 1)
        return month, where

    def put(self, month: int, bucket: tuple[str, str], amount: Decimal, count: int) -> None:
        """Add ``amount`` (negative: take it out) to ``bucket`` of ``month``, and ``count`` to its transactions."""
        key = (month, *bucket)
        found = self.sums.get(key)
        if found is None:
            self.sums[key] = [amount, count]
        else:
            found[0] += amount
            found[1] += count

    @property
    def kept(self) -> int:
        """How many transactions the sums hold."""
        return sum(count for _amount, count in self.sums.values())

    def summary(self) -> Summary:
        months: dict[int, dict[str, Decimal]] = {}
        cats: dict[int, dict[str, Decimal]] = {}
        counted: dict[int, int] = {}
        for (month, kind, category), (amount, count) in self.sums.items():
            m = months.get(month)
            if m is None:
                m = months[month] = {"income": ZERO, "expense": ZERO, "repayments": ZERO, "neutral": ZERO}
                cats[month], counted[month] = {}, 0
            m[kind] += amount
            counted[month] += count
            if kind == "expense" and count:
                cats[month][category] = amount
        rows = tuple(
            MonthSummary(
                f"{k // 100:04d}-{k % 100:02d}",
                cents(v["income"]),
                cents(v["expense"]),
                cents(v["repayments"]),
                cents(v["neutral"]),
                {c: cents(a) for c, a in sorted(cats[k].items())},
            )
            for k, v in sorted(months.items())
            if counted[k]
        )
        return _summary(rows)


def _summary(rows: tuple[MonthSummary, ...]) -> Summary:
    n = len(rows)

    def total(name: str) -> Decimal:
        return cents(sum((getattr(r, name) for r in rows), ZERO))

    by_category: dict[str, Decimal] = {}
    for r in rows:
        for c, a in r.by_category.items():
            by_category[c] = by_category.get(c, ZERO) + a

    def avg(value: Decimal) -> Decimal:
        return cents(value / n) if n else ZERO

    income, expense, repayments = total("income"), total("expense"), total("repayments")
    return Summary(
        rows,
        income,
        expense,
        repayments,
        total("neutral"),
        dict(sorted(by_category.items())),
        avg(income),
        avg(expense),
        avg(repayments),
        {c: avg(a) for c, a in sorted(by_category.items())},
    )


def prefill_statement(summary: Summary, household: Household | None = None) -> Statement:
    """A statement with the monthly averages: income as ``other_income``, spending by its category.

    Uncategorised spending is left out (listed for review instead); each line notes where it came from.
    """
    note = f"按 {len(summary.months)} 个月账单平均"
    lines: list[Line] = []
    if summary.average_income > 0:
        lines.append(Line("other_income", summary.average_income, note))
    for category, amount in summary.average_by_category.items():
        if category in CATEGORY_GROUPS and CATEGORY_GROUPS[category] is not Group.INCOME and amount > 0:
            lines.append(Line(category, amount, note))
    return Statement(household or Household(), tuple(lines))
