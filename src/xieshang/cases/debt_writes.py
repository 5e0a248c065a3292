"""Debts and payments through the one write path (:mod:`.writes`): lock the case, read, change only the rows
concerned.

A payment row keeps its identity: recording a payment inserts one row, deleting one deletes that row, and
storing a whole debt (an import, a confirmed debt from the bills) inserts and deletes only the payments that
differ. Nothing is deleted and re-inserted, so two people recording payments on one debt at the same moment
both keep theirs. Every check a write depends on (the debt's payments, a free debt number) is read after the
lock is taken.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from xieshang.casefile import parse_debt
from xieshang.core.errors import ValidationError
from xieshang.core.terms import Loan
from xieshang.core.terms import Payment as CorePayment

from .convert import apply_loan, debt_mapping, payment_mapping
from .models import Case, Debt, Payment
from .writes import allocate_id, locked, require_locked, reserve_ids

AUTO_KEY = "debt-"  # numbered debts get this prefix (``debt-7``)


class DebtKeyTaken(Exception):
    """Another debt of the case already has this number."""


class PaymentsRefused(ValidationError):
    """The case file's rules refuse the debt with the new payments; ``stored`` payments came before them (so
    ``payments[stored + k]`` is the k-th new one)."""

    def __init__(self, error: ValidationError, stored: int) -> None:
        super().__init__(error.errors)
        self.stored = stored


PaymentKey = tuple[date, Decimal, str]


def _key(day: date, amount: Decimal, note: str) -> PaymentKey:
    return (day, Decimal(amount).quantize(Decimal("0.01")), note or "")


def sync_payments(debt: Debt, wanted: Iterable[CorePayment]) -> None:
    """Make the debt's payment rows equal ``wanted``: insert the missing, delete the surplus, keep the rest."""
    require_locked()
    need = Counter(_key(p.date, p.amount, p.note) for p in wanted)
    surplus: list[int] = []
    for row in debt.payments.all():
        key = _key(row.date, row.amount, row.note)
        if need[key] > 0:
            need[key] -= 1
        else:
            surplus.append(row.pk)
    if surplus:
        Payment.objects.filter(pk__in=surplus).delete()
    Payment.objects.bulk_create(
        Payment(debt=debt, date=day, amount=amount, note=note)
        for (day, amount, note), count in need.items()
        for _ in range(count)
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
    reserve_ids(row, [debt.key])
    sync_payments(debt, loan.payments)
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
        debt = Debt.objects.get(pk=debt_pk, case=row)
        mapping = debt_mapping(debt)
        stored = list(mapping.get("payments", []))
        mapping["payments"] = [*stored, *(dict(r) for r in rows)]
        try:
            loan = parse_debt(mapping)
        except ValidationError as error:
            raise PaymentsRefused(error, len(stored)) from None
        sync_payments(debt, loan.payments)
        return loan


def delete_payment(case_pk: int, debt_pk: int, payment_pk: int) -> bool:
    with locked(case_pk) as row:
        deleted, _ = Payment.objects.filter(pk=payment_pk, debt_id=debt_pk, debt__case=row).delete()
    return bool(deleted)


def delete_debt(case_pk: int, debt_pk: int) -> bool:
    with locked(case_pk) as row:
        deleted, _ = Debt.objects.filter(pk=debt_pk, case=row).delete()
    return bool(deleted)


def set_status(case_pk: int, debt_pk: int, status: str) -> Debt:
    with locked(case_pk) as row:
        debt = Debt.objects.get(pk=debt_pk, case=row)
        debt.status = status
        debt.save(update_fields=["status"])
    return debt
