"""Monthly summary of imported transactions: income, spending by category, debt repayments, averages; and a
financial statement prefilled from the averages.

Repayments to known lenders are counted as repayments, never as spending; neutral rows (transfers, 余额宝)
are neither. Refunds reduce nothing here: ``merge`` has already netted those it could match.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .discovery import KnownLender, lender_of
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
    months: dict[str, dict[str, Decimal]] = {}
    cats: dict[str, dict[str, Decimal]] = {}
    for t in transactions:
        key = t.month
        m = months.get(key)
        if m is None:
            m = months[key] = {"income": ZERO, "expense": ZERO, "repayments": ZERO, "neutral": ZERO}
            cats[key] = {}
        if lenders and lender_of(t, lenders) is not None:
            m["repayments"] += t.amount
        elif t.direction is Direction.INCOME:
            m["income"] += t.amount
        elif t.direction is Direction.EXPENSE:
            m["expense"] += t.amount
            category = t.category or UNCATEGORISED
            cats[key][category] = cats[key].get(category, ZERO) + t.amount
        else:
            m["neutral"] += t.amount
    rows = tuple(
        MonthSummary(
            k,
            cents(v["income"]),
            cents(v["expense"]),
            cents(v["repayments"]),
            cents(v["neutral"]),
            {c: cents(a) for c, a in sorted(cats[k].items())},
        )
        for k, v in sorted(months.items())
    )
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
