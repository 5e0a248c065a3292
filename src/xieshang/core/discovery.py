"""Debts the bills reveal: repayments to known lenders (``data/known_lenders.yaml``) and regular monthly
outflows to the same counterparty (three months or more, similar amounts). The user confirms them into the
debt list; nothing here decides that a payment is a debt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from .errors import FieldError, ValidationError
from .money import ZERO, cents
from .terms import LenderType
from .transactions import Direction, Transaction

MIN_MONTHS = 3
SIMILAR = Decimal("0.20")  # amounts within ±20 % of their median count as similar


@dataclass(frozen=True)
class KnownLender:
    id: str
    name: str
    match: tuple[str, ...]
    lender_type: LenderType
    needs: tuple[str, ...] = ()

    def matches(self, t: Transaction) -> bool:
        text = f"{t.counterparty} {t.description}"
        return any(m in text for m in self.match) and (not self.needs or any(n in text for n in self.needs))


@dataclass(frozen=True)
class PossibleDebt:
    counterparty: str
    reason: str  # "known_lender" | "regular"
    count: int
    total: Decimal
    months: tuple[str, ...]
    monthly_average: Decimal
    first: datetime
    last: datetime
    lender_id: str = ""
    lender_type: LenderType | None = None


def lenders_from_dict(data: Mapping[str, Any]) -> tuple[KnownLender, ...]:
    errors: list[FieldError] = []
    lenders: list[KnownLender] = []
    for index, item in enumerate(data.get("lenders") or []):
        try:
            lenders.append(
                KnownLender(
                    str(item["id"]),
                    str(item["name"]),
                    tuple(item["match"]),
                    LenderType(item["lender_type"]),
                    tuple(item.get("needs") or ()),
                )
            )
        except (KeyError, ValueError, TypeError) as error:
            errors.append(FieldError(f"lenders[{index}]", f"格式不对：{error}"))
    if errors:
        raise ValidationError(errors)
    return tuple(lenders)


def is_outflow(t: Transaction) -> bool:
    """Money leaving: spending, or a neutral row that is not money coming back (refunds, 收益)."""
    return t.direction is Direction.EXPENSE or (t.direction is Direction.NEUTRAL and not t.refund_of)


def lender_of(t: Transaction, lenders: Sequence[KnownLender]) -> KnownLender | None:
    """The known lender this transaction repays, if any."""
    if not is_outflow(t):
        return None
    for lender in lenders:
        if lender.matches(t):
            return lender
    return None


def lender_matcher(lenders: Sequence[KnownLender]) -> Callable[[Transaction], KnownLender | None]:
    """``lender_of(t, lenders)`` for many transactions: every lender's words are looked for in one search first,
    so the rows that name none (most of a bill) are passed over without trying each lender in turn."""
    words = sorted({word for lender in lenders for word in lender.match}, key=len, reverse=True)
    if not words:
        return lambda _t: None
    named = re.compile("|".join(map(re.escape, words))).search

    def match(t: Transaction) -> KnownLender | None:
        if not is_outflow(t) or named(f"{t.counterparty} {t.description}") is None:
            return None
        return lender_of(t, lenders)

    return match


def _debt(
    name: str, reason: str, items: list[Transaction], lender: KnownLender | None = None
) -> PossibleDebt:
    total = cents(sum((t.amount for t in items), ZERO))
    months = tuple(sorted({t.month for t in items}))
    return PossibleDebt(
        counterparty=name,
        reason=reason,
        count=len(items),
        total=total,
        months=months,
        monthly_average=cents(total / len(months)),
        first=min(t.time for t in items),
        last=max(t.time for t in items),
        lender_id=lender.id if lender else "",
        lender_type=lender.lender_type if lender else None,
    )


def discover(transactions: Iterable[Transaction], lenders: Sequence[KnownLender]) -> tuple[PossibleDebt, ...]:
    """Known-lender repayments first (largest total first), then regular monthly outflows."""
    by_lender: dict[str, tuple[KnownLender, list[Transaction]]] = {}
    by_party: dict[str, list[Transaction]] = {}
    lender_for = lender_matcher(lenders)
    for t in transactions:
        lender = lender_for(t)
        if lender is not None:
            by_lender.setdefault(lender.id, (lender, []))[1].append(t)
        elif t.direction is Direction.EXPENSE and t.counterparty:
            by_party.setdefault(t.counterparty, []).append(t)
    found = [_debt(lender.name, "known_lender", items, lender) for lender, items in by_lender.values()]
    found.sort(key=lambda d: -d.total)
    regular = [_debt(party, "regular", items) for party, items in by_party.items() if _regular(items)]
    regular.sort(key=lambda d: -d.total)
    return (*found, *regular)


def _regular(items: list[Transaction]) -> bool:
    """Paid in at least three distinct months, every payment within ±20 % of the median payment."""
    if len({t.month for t in items}) < MIN_MONTHS:
        return False
    amounts = sorted(t.amount for t in items)
    median = amounts[len(amounts) // 2]
    return median > 0 and all(abs(a - median) <= median * SIMILAR for a in amounts)
