"""Credit-card statements in the database ↔ core values: kept per card, lined up into the card's payment history,
and turned — once the person confirms — into the card's revolving debt.

- An uploaded statement is kept once per (bank, card, statement date): the same statement again adds nothing.
- A card's debt is the case's debt confirmed for that card before (its case-file ``extra`` names bank and card),
  else a credit-card debt whose creditor names the bank, else a new one; the person can pick another.
- Confirming writes the debt through ``cases.debt_writes.store_loan`` inside ``cases.writes.locked`` (the one write
  path of docs/architecture.md: the case row is locked before the statements and the debt are read), and marks
  the card's statements as applied. Nothing is parsed inside that transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from xieshang.cases.convert import loan_of
from xieshang.cases.debt_writes import store_loan
from xieshang.cases.models import Case, Debt
from xieshang.cases.writes import locked
from xieshang.core.card_bills import BANK_NAMES, CardBill, LateFeeRule
from xieshang.core.card_history import HistoryMonth, Repayment, payment_history
from xieshang.core.card_update import CardProposal, card_of, propose
from xieshang.core.terms import LenderType, Method
from xieshang.core.transactions import Direction, ImportResult

from .models import CardStatement, ImportBatch


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def record_statements(case: Case, read: Sequence[tuple[ImportBatch, ImportResult]]) -> list[CardStatement]:
    """Keep each card statement of an upload (inside its transaction); one already kept is not kept again."""
    kept = []
    for batch, result in read:
        bill = result.card
        if bill is None:
            continue
        if CardStatement.objects.filter(
            case=case, bank=bill.bank, card=bill.card, statement_date=bill.statement_date
        ).exists():
            continue
        fee = bill.late_fee
        kept.append(
            CardStatement.objects.create(
                case=case,
                batch=batch,
                bank=bill.bank,
                card=bill.card,
                statement_date=bill.statement_date,
                due_date=bill.due_date,
                cycle_start=bill.cycle_start,
                balance=bill.balance,
                minimum=bill.minimum,
                credit_limit=bill.credit_limit,
                daily_rate=bill.daily_rate,
                late_fee={}
                if fee is None
                else {
                    "rate": str(fee.rate) if fee.rate is not None else None,
                    "minimum": _money(fee.minimum),
                    "maximum": _money(fee.maximum),
                    "text": fee.text,
                },
                figures={
                    "previous_balance": _money(bill.previous_balance),
                    "payments": _money(bill.payments),
                    "new_charges": _money(bill.new_charges),
                    "interest": _money(bill.interest),
                },
                repayments=[
                    [(t.posted or t.time.date()).isoformat(), f"{t.amount:.2f}"]
                    for t in result.transactions
                    if t.direction is Direction.NEUTRAL
                ],
            )
        )
    return kept


def _decimal(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def bill_of(record: CardStatement) -> CardBill:
    fee = record.late_fee or {}
    figures = record.figures or {}
    return CardBill(
        bank=record.bank,
        card=record.card,
        statement_date=record.statement_date,
        due_date=record.due_date,
        balance=record.balance,
        minimum=record.minimum,
        credit_limit=record.credit_limit,
        cycle_start=record.cycle_start,
        daily_rate=record.daily_rate.normalize() if record.daily_rate is not None else None,
        late_fee=LateFeeRule(
            _decimal(fee.get("rate")),
            _decimal(fee.get("minimum")),
            _decimal(fee.get("maximum")),
            fee.get("text", ""),
        )
        if fee
        else None,
        previous_balance=_decimal(figures.get("previous_balance")),
        payments=_decimal(figures.get("payments")),
        new_charges=_decimal(figures.get("new_charges")),
        interest=_decimal(figures.get("interest")),
    )


@dataclass(frozen=True)
class CardGroup:
    """One card: its statements oldest first, its payment history, the latest statement."""

    bank: str
    card: str
    records: tuple[CardStatement, ...]
    history: tuple[HistoryMonth, ...]

    @property
    def latest(self) -> CardBill:
        return bill_of(self.records[-1])

    @property
    def key(self) -> str:
        return f"{self.bank}-{self.card or 'account'}"

    @property
    def missed(self) -> int:
        return sum(1 for m in self.history if m.missed)


def card_groups(case: Case) -> list[CardGroup]:
    groups: dict[tuple[str, str], list[CardStatement]] = {}
    for record in CardStatement.objects.filter(case=case).order_by("statement_date", "id"):
        groups.setdefault((record.bank, record.card), []).append(record)
    out = []
    for (bank, card), records in groups.items():
        repayments = [Repayment(date.fromisoformat(d), Decimal(a)) for r in records for d, a in r.repayments]
        history = payment_history([bill_of(r) for r in records], repayments)
        out.append(CardGroup(bank, card, tuple(records), history))
    return out


def group_of(case: Case, key: str) -> CardGroup | None:
    return next((g for g in card_groups(case) if g.key == key), None)


def card_debts(case: Case) -> list[Debt]:
    """The case's debts a card statement can update: revolving debts and credit-card debts."""
    return list(
        case.debts.prefetch_related("payments").filter(lender_type=LenderType.CREDIT_CARD.value)
        | case.debts.prefetch_related("payments").filter(method=Method.REVOLVING.value)
    )


def matching_debt(case: Case, group: CardGroup) -> Debt | None:
    """The debt confirmed for this card before, else a card debt whose creditor names the bank."""
    debts = card_debts(case)
    for debt in debts:
        if card_of(loan_of(debt)) == (group.bank, group.card):
            return debt
    name = BANK_NAMES.get(group.bank, "").removesuffix("银行")
    return next((d for d in debts if name and name in d.creditor), None)


def _free_key(case: Case, group: CardGroup) -> str:
    base = f"card-{group.bank}-{group.card or 'account'}"
    taken = set(case.debts.values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def proposal(case: Case, group: CardGroup, debt: Debt | None) -> CardProposal:
    current = loan_of(debt) if debt is not None else None
    return propose(group.latest, current, _free_key(case, group), group.latest.label)


def apply(case: Case, key: str, debt_pk: int | None) -> Debt | None:
    """Write the latest statement of card ``key`` into the debt ``debt_pk`` (or a new debt), reading the
    statements and the debt after the case row is locked."""
    with locked(case.pk) as row:
        group = group_of(row, key)
        if group is None:
            return None
        debt = row.debts.filter(pk=debt_pk).first() if debt_pk else None
        found = proposal(row, group, debt)
        if found.loan is None:
            return None
        saved = store_loan(row, found.loan, debt=debt, status=None if debt else "not_contacted")
        CardStatement.objects.filter(pk__in=[r.pk for r in group.records]).update(
            debt=saved, applied_at=timezone.now()
        )
    return saved
