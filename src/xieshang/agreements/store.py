"""The agreements of a case, kept as the case file's ``agreements`` section (``Case.sections["agreements"]``), and
the payments and files recorded under them, all through the one write path (``cases.writes.locked``).

Every write reads the section under the case's lock, changes the one agreement concerned and stores it back
through the section's own loader (``casefile.agreements``), so the exported case file always re-imports.
Identifiers come from the case's counter and are never reused: agreements ``a7``, instalments ``i8`` (an edited
schedule keeps the id, and the payments, of each instalment whose due date it keeps), payments ``p12``. A payment
recorded under an agreement is the debt's own payment (the analysis counts it) and its instalment names it; its
receipt and the signed copy go into the case's evidence ledger in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.dispatch import receiver

from xieshang.casefile.agreements import agreements_from_dict, agreements_to_dict
from xieshang.cases import evidence
from xieshang.cases.convert import jsonable
from xieshang.cases.debt_writes import (
    PAYMENT_PREFIX,
    append_payments,
    debt_removed,
    payment_removed,
    payment_restored,
)
from xieshang.cases.models import Case, Debt
from xieshang.cases.sections import change_section
from xieshang.cases.writes import allocate_id, locked
from xieshang.core.agreements import AgreedInstalment, Agreement, Receipt

SECTION = "agreements"
KINDS = {"signed_copy": "还款协议（签字或确认的版本）", "recording": "达成协议的通话录音"}


class AgreementGone(Exception):
    """The agreement was deleted meanwhile (another tab, another person)."""


def agreements_of(case: Case) -> tuple[Agreement, ...]:
    """The case's agreements as stored (a malformed section raises ``ValidationError``)."""
    return agreements_from_dict(case.sections.get(SECTION))


def _stored(row: Case) -> list[Agreement]:
    return list(agreements_from_dict(row.sections.get(SECTION)))


def _store(row: Case, items: Sequence[Agreement]) -> None:
    change_section(row, SECTION, lambda _current: jsonable(agreements_to_dict(items)))


def _numbered(row: Case, agreement: Agreement, before: Agreement | None) -> Agreement:
    """Ids for the agreement and every instalment: kept where the due date is kept, new ones otherwise."""
    kept = {i.due: i for i in before.instalments} if before is not None else {}
    items = []
    for item in agreement.instalments:
        old = kept.pop(item.due, None)
        if old is not None:
            items.append(replace(item, id=old.id, payments=old.payments))
        else:
            items.append(replace(item, id=allocate_id(row, "i"), payments=()))
    keep = {} if before is None else {f: getattr(before, f) for f in ("signed_copy", "recording", "receipts")}
    return replace(
        agreement,
        id=before.id if before is not None else allocate_id(row, "a"),
        instalments=tuple(items),
        **keep,
    )


def save_agreement(case: Case, draft: Agreement, agreement_id: str = "") -> Agreement:
    """Store ``draft`` as a new agreement (``agreement_id`` empty) or over the one with that id; one transaction.
    Its files and the payments linked to instalments whose dates stay are kept."""
    with locked(case.pk) as row:
        items = _stored(row)
        before = next((a for a in items if a.id == agreement_id), None) if agreement_id else None
        if agreement_id and before is None:
            raise AgreementGone(agreement_id)
        saved = _numbered(row, draft, before)
        items = [saved if a.id == agreement_id else a for a in items] if before else [*items, saved]
        _store(row, items)
    case.sections, case.revision = row.sections, row.revision
    return saved


def _change(case: Case, agreement_id: str, change: Any) -> Agreement:
    """Apply ``change(row, agreement) -> agreement`` to one stored agreement under the lock."""
    with locked(case.pk) as row:
        items = _stored(row)
        found = next((a for a in items if a.id == agreement_id), None)
        if found is None:
            raise AgreementGone(agreement_id)
        changed = change(row, found)
        _store(row, [changed if a.id == agreement_id else a for a in items])
    case.sections, case.revision = row.sections, row.revision
    return changed


def mark_agreed(case: Case, agreement_id: str) -> Agreement:
    """The agreement was signed (or confirmed): from its start date it replaces the contract."""
    return _change(case, agreement_id, lambda row, a: replace(a, draft=False))


def delete_agreement(case: Case, agreement_id: str) -> bool:
    """Remove one agreement (the payments stay the debt's; its files stay in the evidence ledger)."""
    with locked(case.pk) as row:
        items = _stored(row)
        kept = [a for a in items if a.id != agreement_id]
        if len(kept) != len(items):
            _store(row, kept)
    case.sections, case.revision = row.sections, row.revision
    return len(kept) != len(items)


def attach(
    case: Case, agreement_id: str, kind: str, staged: Sequence[evidence.Staged], note: str = ""
) -> Agreement:
    """Put files (``kind``: ``signed_copy`` or ``recording``) in the case's evidence and on the agreement."""

    def change(row: Case, agreement: Agreement) -> Agreement:
        description = f"{KINDS[kind]}{('：' + note) if note else ''}"
        added = evidence.record(row, staged, description=description, debt_id=agreement.debt_id)
        digests = tuple(dict.fromkeys((*getattr(agreement, kind), *(e.file_sha256 for e in added))))
        return replace(agreement, **{kind: digests})

    return _change(case, agreement_id, change)


def record_payment(
    case: Case,
    agreement_id: str,
    payment: Mapping[str, Any],
    instalment_id: str = "",
    receipts: Sequence[evidence.Staged] = (),
) -> str:
    """Record one payment (``{date, amount, note}``) under an agreement: the debt's payment with a new id, named by
    ``instalment_id`` (empty: it settles the oldest instalment not yet paid), its receipts in the evidence ledger;
    one transaction. Returns the payment's id; raises ``PaymentsRefused`` for a payment the debt's rules refuse."""
    payment_id = ""

    def change(row: Case, agreement: Agreement) -> Agreement:
        nonlocal payment_id
        debt = Debt.objects.get(case=row, key=agreement.debt_id)
        payment_id = allocate_id(row, PAYMENT_PREFIX)
        append_payments(row, debt, [{**payment, "id": payment_id}])
        day = payment.get("date", "")
        added = evidence.record(
            row, receipts, description=f"还款凭证 {day} {payment.get('amount', '')}", debt_id=debt.key
        )
        items = tuple(
            replace(i, payments=(*i.payments, payment_id)) if i.id and i.id == instalment_id else i
            for i in agreement.instalments
        )
        found = tuple(Receipt(payment_id, e.file_sha256) for e in added)
        return replace(agreement, instalments=items, receipts=(*agreement.receipts, *found))

    _change(case, agreement_id, change)
    return payment_id


def _rewrite(row: Case, change: Any) -> None:
    """On the locked ``row``: every agreement through ``change(agreement) -> agreement | None`` (None drops it)."""
    items = _stored(row) if row.sections.get(SECTION) else []
    changed = [c for c in (change(a) for a in items) if c is not None]
    if changed != items:
        _store(row, changed)


@receiver(payment_removed, dispatch_uid="agreements-drop-deleted-payment")
def _payment_gone(
    sender: object, case: Case, debt_key: str, payment_id: str, **kwargs: object
) -> dict[str, list[dict[str, Any]]] | None:
    """Unlink the payment from its agreements; what was unlinked, for an undo (``_payment_back``)."""
    let_go: list[dict[str, Any]] = []

    def unlink(a: Agreement) -> Agreement:
        if a.debt_id != debt_key:
            return a
        named = [i.id for i in a.instalments if payment_id in i.payments]
        receipts = [r.sha256 for r in a.receipts if r.payment == payment_id]
        if not named and not receipts:
            return a
        let_go.append({"agreement": a.id, "instalments": named, "receipts": receipts})
        items = tuple(
            AgreedInstalment(i.due, i.amount, i.id, tuple(p for p in i.payments if p != payment_id))
            for i in a.instalments
        )
        return replace(a, instalments=items, receipts=tuple(r for r in a.receipts if r.payment != payment_id))

    _rewrite(case, unlink)
    return {"agreements": let_go} if let_go else None


@receiver(payment_restored, dispatch_uid="agreements-relink-restored-payment")
def _payment_back(
    sender: object, case: Case, debt_key: str, payment_id: str, links: Mapping[str, Any], **kwargs: object
) -> None:
    """An undone deletion: the payment settles the instalments it settled and keeps its receipts again, as far as
    they are still there (an instalment dropped by an edited schedule, or a receipt withdrawn from the evidence
    meanwhile, stays gone)."""
    wanted = {
        str(item.get("agreement")): item for item in links.get("agreements", ()) if isinstance(item, Mapping)
    }
    if not wanted:
        return
    live = {e.file_sha256 for e in evidence.live_entries(case)}

    def relink(a: Agreement) -> Agreement:
        item = wanted.get(a.id)
        if item is None or a.debt_id != debt_key:
            return a
        named = set(item.get("instalments", ()))
        items = tuple(
            replace(i, payments=(*i.payments, payment_id))
            if i.id in named and payment_id not in i.payments
            else i
            for i in a.instalments
        )
        have = {(r.payment, r.sha256) for r in a.receipts}
        back = tuple(
            Receipt(payment_id, sha)
            for sha in dict.fromkeys(item.get("receipts", ()))
            if sha in live and (payment_id, sha) not in have
        )
        return replace(a, instalments=items, receipts=(*a.receipts, *back))

    _rewrite(case, relink)


@receiver(debt_removed, dispatch_uid="agreements-drop-deleted-debt")
def _debt_gone(sender: object, case: Case, debt_key: str, **kwargs: object) -> None:
    _rewrite(case, lambda a: None if a.debt_id == debt_key else a)


@receiver(evidence.evidence_redacted, dispatch_uid="agreements-drop-withdrawn-file")
def _file_gone(sender: object, case: Case, seq: int, sha256: str, **kwargs: object) -> None:
    def drop(a: Agreement) -> Agreement:
        return replace(
            a,
            signed_copy=tuple(d for d in a.signed_copy if d != sha256),
            recording=tuple(d for d in a.recording if d != sha256),
            receipts=tuple(r for r in a.receipts if r.sha256 != sha256),
        )

    _rewrite(case, drop)
