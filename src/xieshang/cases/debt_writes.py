"""Debts and payments through the one write path (:mod:`.writes`): lock the case, read, change only the rows
concerned.

A payment row keeps its identity: recording a payment inserts one row, deleting one deletes that row, and
storing a whole debt (an import, a confirmed debt from the bills) inserts and deletes only the payments that
differ. Nothing is deleted and re-inserted, so two people recording payments on one debt at the same moment
both keep theirs. Every check a write depends on (the debt's payments, a free debt number) is read after the
lock is taken.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.dispatch import Signal

from xieshang.casefile import parse_debt
from xieshang.core.errors import ValidationError
from xieshang.core.money import cents
from xieshang.core.terms import Loan
from xieshang.core.terms import Payment as CorePayment

from .convert import apply_loan, debt_mapping, payment_mapping
from .models import Case, Debt, Payment
from .writes import allocate_id, locked, require_locked, reserve_ids

AUTO_KEY = "debt-"  # numbered debts get this prefix (``debt-7``)

# Sent inside the locked transaction (``case`` is the locked row) when a payment with a public id is deleted, or a
# debt: receivers drop what refers to it (an agreed instalment's link to the payment, the debt's agreements). A
# receiver of ``payment_removed`` returns what it let go of (a JSON-safe mapping, or None), which an undo hands
# back through ``payment_restored`` (same arguments, plus ``links``) so the payment is linked again as it was.
payment_removed = Signal()
payment_restored = Signal()
debt_removed = Signal()


class DebtKeyTaken(Exception):
    """Another debt of the case already has this number."""


class PaymentsRefused(ValidationError):
    """The case file's rules refuse the debt with the new payments; ``stored`` payments came before them (so
    ``payments[stored + k]`` is the k-th new one)."""

    def __init__(self, error: ValidationError, stored: int) -> None:
        super().__init__(error.errors)
        self.stored = stored


PaymentKey = tuple[date, Decimal, str]
PAYMENT_PREFIX = "p"  # a payment's public id: ``p12``


def _key(day: date, amount: Decimal, note: str) -> PaymentKey:
    return (day, Decimal(amount).quantize(Decimal("0.01")), note or "")


def sync_payments(debt: Debt, wanted: Iterable[CorePayment], case_row: Case | None = None) -> None:
    """Make the debt's payment rows equal ``wanted``: insert the missing, delete the surplus, keep the rest.

    A wanted payment with an id keeps the row of that id (its date, amount or note updated if they changed), or
    gives its id to a row without one that has the same date, amount and note; a payment without an id keeps any
    row with the same date, amount and note (and that row's id, so an agreement's link to it stays).
    """
    require_locked()
    rows = list(debt.payments.all())
    kept: set[int] = set()
    create: list[Payment] = []
    by_id = {row.public_id: row for row in rows if row.public_id}
    loose: list[CorePayment] = []

    def free_row(payment: CorePayment, without_id: bool) -> Payment | None:
        key = _key(payment.date, payment.amount, payment.note)
        for row in rows:
            if row.pk not in kept and (not without_id or not row.public_id):
                if _key(row.date, row.amount, row.note) == key:
                    return row
        return None

    for payment in wanted:
        if not payment.id:
            loose.append(payment)
            continue
        row = by_id.get(payment.id) or free_row(payment, without_id=True)
        if row is None:
            create.append(_row(debt, payment))
            continue
        kept.add(row.pk)
        values = (payment.date, cents(payment.amount), payment.note or "", payment.id)
        if (row.date, row.amount, row.note, row.public_id) != values:
            row.date, row.amount, row.note, row.public_id = values
            row.save(update_fields=["date", "amount", "note", "public_id"])
    for payment in loose:
        row = free_row(payment, without_id=False)
        if row is None:
            create.append(_row(debt, payment))
        else:
            kept.add(row.pk)
    surplus = [r for r in rows if r.pk not in kept]
    if surplus:
        Payment.objects.filter(pk__in=[r.pk for r in surplus]).delete()
        for gone in surplus:
            if gone.public_id and case_row is not None:
                payment_removed.send(sender=Case, case=case_row, debt_key=debt.key, payment_id=gone.public_id)
    Payment.objects.bulk_create(create)


def _row(debt: Debt, payment: CorePayment) -> Payment:
    return Payment(
        debt=debt, date=payment.date, amount=payment.amount, note=payment.note or "", public_id=payment.id
    )


def store_loan(row: Case, loan: Loan, debt: Debt | None = None, status: str | None = None) -> Debt:
    """Store ``loan`` in the locked case ``row`` (a new debt, or ``debt`` updated) with exactly its payments."""
    require_locked()
    if debt is None:
        last = row.debts.order_by("-position").values_list("position", flat=True).first()
        debt = Debt(case=row, position=0 if last is None else last + 1)
    apply_loan(debt, loan)
    if status:
        debt.status = status
    debt.save()
    reserve_ids(row, [debt.key, *(p.id for p in loan.payments if p.id)])
    sync_payments(debt, loan.payments, row)
    return debt


def _free_key(row: Case) -> str:
    taken = set(row.debts.values_list("key", flat=True))
    while True:
        key = allocate_id(row, AUTO_KEY)
        if key not in taken:
            return key


def save_debt(
    case_pk: int, mapping: Mapping[str, Any], *, debt_pk: int | None = None, status: str | None = None
) -> Debt:
    """Add a debt (``debt_pk`` None) or change one from a form's case-file ``mapping`` (without payments); see
    :func:`store_mapping`. Raises ``Debt.DoesNotExist`` too."""
    with locked(case_pk) as row:
        debt = None if debt_pk is None else Debt.objects.get(pk=debt_pk, case=row)
        return store_mapping(row, mapping, debt, status)


def store_mapping(
    row: Case, mapping: Mapping[str, Any], debt: Debt | None = None, status: str | None = None
) -> Debt:
    """On the locked ``row``: store a debt from its case-file ``mapping`` (payments ignored).

    The payments are the debt's own, read under the lock, so a payment recorded while the form was open stays.
    An empty ``id`` gets the next free number. Raises :class:`DebtKeyTaken` or the case file's
    ``ValidationError`` (nothing is saved then).
    """
    require_locked()
    data = {k: v for k, v in mapping.items() if k != "payments"}
    if not data.get("id"):
        data["id"] = _free_key(row)
    others = Debt.objects.filter(case=row, key=data["id"])
    if debt is not None:
        others = others.exclude(pk=debt.pk)
    if others.exists():
        raise DebtKeyTaken(data["id"])
    if debt is not None:
        current = [payment_mapping(p) for p in debt.payments.all()]
        if current:
            data["payments"] = current
    return store_loan(row, parse_debt(data), debt, status)


def add_payments(case_pk: int, debt_pk: int, rows: Sequence[Mapping[str, Any]]) -> Loan:
    """Append ``rows`` (case-file payment mappings) to a debt after its rules accept the whole debt with them.

    Raises :class:`PaymentsRefused` (nothing is saved then).
    """
    with locked(case_pk) as row:
        return append_payments(row, Debt.objects.get(pk=debt_pk, case=row), rows)


def append_payments(row: Case, debt: Debt, rows: Sequence[Mapping[str, Any]]) -> Loan:
    """On the locked ``row``: :func:`add_payments`, each new payment given a public id (``p12``). Returns the
    debt with its payments; raises :class:`PaymentsRefused`."""
    require_locked()
    mapping = debt_mapping(debt)
    stored = list(mapping.get("payments", []))
    mapping["payments"] = [
        *stored,
        *({**r, "id": r.get("id") or allocate_id(row, PAYMENT_PREFIX)} for r in rows),
    ]
    try:
        loan = parse_debt(mapping)
    except ValidationError as error:
        raise PaymentsRefused(error, len(stored)) from None
    sync_payments(debt, loan.payments, row)
    return loan


@dataclass(frozen=True)
class DeletedPayment:
    """What a deleted payment was: enough to put it back (:func:`restore_payment`) with the same public id."""

    debt_pk: int
    date: date
    amount: Decimal
    note: str
    public_id: str
    links: Mapping[str, Any] = field(
        default_factory=dict
    )  # what referred to it (``payment_removed``'s answers)

    def as_dict(self) -> dict[str, Any]:
        return {
            "debt_pk": self.debt_pk,
            "date": self.date.isoformat(),
            "amount": f"{self.amount:.2f}",
            "note": self.note,
            "public_id": self.public_id,
            "links": dict(self.links),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DeletedPayment:
        return cls(
            int(data["debt_pk"]),
            date.fromisoformat(str(data["date"])),
            Decimal(str(data["amount"])),
            str(data.get("note", "")),
            str(data.get("public_id", "")),
            dict(links) if isinstance(links := data.get("links"), Mapping) else {},
        )


def delete_payment(case_pk: int, debt_pk: int, payment_pk: int) -> DeletedPayment | None:
    """Delete one payment; what it was (to undo the deletion), or None when there is no such payment."""
    with locked(case_pk) as row:
        found = Payment.objects.filter(pk=payment_pk, debt_id=debt_pk, debt__case=row).select_related("debt")
        payment = found.first()
        if payment is None:
            return None
        payment.delete()
        links: dict[str, Any] = {}
        if payment.public_id:
            answers = payment_removed.send(
                sender=Case, case=row, debt_key=payment.debt.key, payment_id=payment.public_id
            )
            for _receiver, answer in answers:
                links.update(answer or {})
    return DeletedPayment(debt_pk, payment.date, payment.amount, payment.note, payment.public_id, links)


def restore_payment(case_pk: int, deleted: DeletedPayment) -> bool:
    """Put a deleted payment back on its debt with its own public id (identifiers are never reused, so the id
    is still free unless the payment was already put back: then nothing is written and the answer is False).
    A payment that had no public id gets a new one. Raises :class:`PaymentsRefused` like any new payment."""
    with locked(case_pk) as row:
        debt = Debt.objects.filter(pk=deleted.debt_pk, case=row).first()
        if debt is None:
            return False
        if deleted.public_id and Payment.objects.filter(debt__case=row, public_id=deleted.public_id).exists():
            return False
        payment = {
            "date": deleted.date.isoformat(),
            "amount": f"{deleted.amount:.2f}",
            "id": deleted.public_id,
        }
        append_payments(row, debt, [{**payment, **({"note": deleted.note} if deleted.note else {})}])
        if deleted.public_id and deleted.links:
            payment_restored.send(
                sender=Case, case=row, debt_key=debt.key, payment_id=deleted.public_id, links=deleted.links
            )
    return True


def delete_debt(case_pk: int, debt_pk: int) -> bool:
    with locked(case_pk) as row:
        debt = Debt.objects.filter(pk=debt_pk, case=row).first()
        if debt is None:
            return False
        debt.delete()
        debt_removed.send(sender=Case, case=row, debt_key=debt.key)
    return True


def set_status(case_pk: int, debt_pk: int, status: str) -> Debt:
    with locked(case_pk) as row:
        debt = Debt.objects.get(pk=debt_pk, case=row)
        debt.status = status
        debt.save(update_fields=["status"])
    return debt
