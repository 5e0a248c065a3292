"""What each document shows, as plain data: strings, lists and dicts read off the case view (no decisions).

:func:`build_context` turns :class:`DocumentInputs` — the case view (:class:`xieshang.view.CaseView`) and what
the documents need beyond the case (who may see the full ID number, the evidence index, progress paragraphs,
where a complaint goes) — into the dict a template prints. Every figure is the view's: the plan's proposals,
the one available amount, the analysis of each debt; every amount is given in figures and, where a letter
states a sum, in Chinese capitals; every date in Chinese form; every debt is named as people name it. Whatever
is not known yet is said in the document ("（尚未制定还款方案）") instead of being invented.

User text is cleaned of characters XML cannot hold and split into paragraphs; escaping for HTML and Word XML is
the templates' job (autoescape in both), so ``<b>``, ``{{ x }}`` or ``]]>`` typed by a user appear literally.
The parts live one subject a module: :mod:`.debts`, :mod:`.proposal`, :mod:`.statement`, :mod:`.notes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from xieshang.core.case import Case
from xieshang.core.chinese_dates import capital_date, chinese_date
from xieshang.core.collection import Finding as CollectionFinding
from xieshang.core.disputes import about, letter_basis
from xieshang.core.masking import Disclosure, shown_email, shown_id_number, shown_phone
from xieshang.core.materials import Status
from xieshang.core.money import ZERO
from xieshang.core.terms import Loan
from xieshang.core.vocabulary import confidence_label, label
from xieshang.view import CaseView

from .debts import (
    credit_lines,
    creditor_debts,
    creditor_label,
    creditors,
    debt_rows,
    overdue_lines,
    remaining_lines,
)
from .notes import DISPUTE_REQUEST, Dispute, dispute_letter, progress_paragraphs
from .proposal import plan_context, requests
from .statement import statement_context
from .text import BLANK, NOT_GIVEN, NOTE, capitals, clean, money, paragraphs

__all__ = [
    "DocumentInputs",
    "EvidenceRow",
    "build_context",
    "clean",
    "creditor_debts",
    "creditor_label",
    "creditors",
    "dispute_letter",
    "money",
    "paragraphs",
]

REGULATOR_CHANNEL = "nfra-12378"
# How a letter speaks of its proofs: attached, to follow, or to be renewed.
_PROOF_STATUS = {Status.READY: "已附", Status.MISSING: "待补充", Status.EXPIRED: "待更新"}
COMPLAINT_REQUESTS = (
    "1. 请责令被投诉机构及其委托的催收机构立即停止上述违规催收行为；",
    "2. 请对上述行为进行核查，并依法依规处理；",
    "3. 请将处理结果书面告知投诉人。",
)


@dataclass(frozen=True)
class EvidenceRow:
    number: int
    name: str
    source: str
    formed_at: str
    proves: str
    file: str


@dataclass(frozen=True)
class DocumentInputs:
    """A document's inputs: the case view, and what the documents know beyond the case."""

    view: CaseView
    disclosure: Disclosure = field(default_factory=Disclosure)
    evidence: Sequence[EvidenceRow] = ()
    progress: Sequence[str] = ()  # paragraphs for every creditor, before the progress notes
    complaint_to: str = "institution"  # or "regulator" (12378)

    @property
    def case(self) -> Case:
        return self.view.case

    @property
    def as_of(self) -> date:
        return self.view.as_of


def _finding_rows(
    findings: Sequence[CollectionFinding], debts: Sequence[Loan] | None
) -> list[dict[str, str]]:
    """The complaint's facts: every finding, or (for a letter about one creditor) those attributed to it and
    those whose institution is not known."""
    names = None if debts is None else {d.creditor for d in debts} | {d.id for d in debts}
    shown = [f for f in findings if names is None or not f.institution or f.institution in names]
    return [
        {
            "number": str(n),
            "when": chinese_date(f.day),
            "conduct": clean(f.detail_zh),
            "rule": clean(f"{f.title_zh}（{f.source}；{confidence_label(f.confidence, short=True).zh}）"),
        }
        for n, f in enumerate(shown, start=1)
    ]


def _proofs(view: CaseView, debts: Sequence[Loan]) -> tuple[list[dict[str, str]], list[str]]:
    checklist = view.checklist_for(debts)
    listed = [e for e in checklist.entries if e.required or e.status is Status.READY]
    proofs = [
        {
            "number": str(number),
            "name": entry.item.name,
            "status": _PROOF_STATUS[entry.status],
            "remark": "；".join(entry.warnings),
        }
        for number, entry in enumerate(listed, start=1)
    ]
    ready = [e for e in checklist.entries if e.status is Status.READY]
    return proofs, [f"{n}. {e.item.name}" for n, e in enumerate(ready, start=1)]


def _dispute(view: CaseView, debts: Sequence[Loan], one: bool) -> Dispute | None:
    names = {d.creditor for d in debts} | {d.id for d in debts}
    disputes = about(view.case.disputes, names) if one else view.case.disputes
    return dispute_letter(disputes, view.reference.catalog, letter_basis(view.reference.credit_rules))


def build_context(inputs: DocumentInputs, creditor: str | None = None) -> dict[str, Any]:
    """The data every template can use; ``creditor`` (a name or a debt id) narrows it to one creditor."""
    view, shown = inputs.view, inputs.disclosure
    case, as_of, one = view.case, view.as_of, creditor is not None
    debts = creditor_debts(view, creditor)
    borrower, hardship = case.borrower, case.materials.hardship
    name = creditor_label(view, creditor) if one and debts else ""
    principal = sum((d.principal for d in debts), ZERO)
    proofs, attachments = _proofs(view, debts)
    plan, proposals = plan_context(view, debts)
    payments = sorted(
        ((loan, payment) for loan in debts for payment in loan.payments if payment.date <= as_of),
        key=lambda item: item[1].date,
    )
    paid_total = sum((p.amount for _, p in payments), ZERO)
    names = {d.creditor for d in debts} | {d.id for d in debts}
    notes = about(case.progress_notes, names) if one else case.progress_notes
    progress = [line for text in inputs.progress for line in paragraphs(text)] + progress_paragraphs(notes)
    dispute = _dispute(view, debts, one)
    regulator = view.reference.help_channel(REGULATOR_CHANNEL)
    to_regulator = inputs.complaint_to == "regulator"
    addressee = f"{regulator.name_zh}（{regulator.number}）" if to_regulator else name
    return {
        "note": NOTE,
        "doc": {
            "date": chinese_date(as_of),
            "date_capital": capital_date(as_of),
            "as_of": chinese_date(as_of),
        },
        "case_title": f"{clean(borrower.name)}的债务协商" + (f"（{name}）" if name else ""),
        "borrower": {
            "name": clean(borrower.name) or NOT_GIVEN,
            "id_number": clean(shown_id_number(borrower.id_number, shown)) or BLANK,
            "phone": clean(shown_phone(borrower.phone, shown)) or BLANK,
            "email": clean(shown_email(borrower.email, shown)) or BLANK,
            "address": clean(borrower.address) or BLANK,
        },
        "creditor": {"name": name or "各债权人"},
        "debts": debt_rows(view, debts),
        "totals": {
            "count": str(len(debts)),
            "principal": money(principal),
            "principal_capitals": capitals(principal),
            "received": money(sum((d.cash_received for d in debts), ZERO)),
        },
        "overdue": overdue_lines(view, debts, to_creditor=one) + credit_lines(view, debts, to_creditor=one),
        "hardship": {
            "given": bool(hardship.reasons or hardship.description),
            "reasons": "、".join(label(r).zh for r in hardship.reasons) or NOT_GIVEN,
            "since": chinese_date(hardship.since) if hardship.since else "",
            "paragraphs": paragraphs(hardship.description),
            "missing": "（尚未填写困难情况）",
        },
        "proofs": proofs,
        "attachments": attachments,
        "attachments_missing": "（尚未备齐证明材料）",
        "plan": plan,
        "requests": requests(proposals),
        "payments": [
            {
                "number": str(n),
                "debt": clean(view.name(loan.id).zh),
                "date": chinese_date(p.date),
                "amount": money(p.amount),
                "note": clean(p.note),
            }
            for n, (loan, p) in enumerate(payments, start=1)
        ],
        "paid": {"total": money(paid_total), "total_capitals": capitals(paid_total)},
        "remaining": remaining_lines(view, debts, to_creditor=one)
        + credit_lines(view, debts, to_creditor=one),
        "progress": {
            "given": bool(progress),
            "paragraphs": progress,
            "missing": "（尚未填写还款协议执行情况）",
        },
        "statement": statement_context(view),
        "recipient": {
            "name": clean(addressee) or "各债权人",
            "note": clean(regulator.note_zh) if to_regulator else "",
        },
        "findings": _finding_rows(view.findings, debts if one else None),
        "findings_missing": "（沟通记录中尚未发现或记录违规催收行为）",
        "complaint_requests": list(COMPLAINT_REQUESTS),
        "evidence": [
            {
                "number": str(e.number),
                "name": clean(e.name),
                "source": clean(e.source),
                "formed_at": clean(e.formed_at),
                "proves": clean(e.proves),
                "file": clean(e.file),
            }
            for e in inputs.evidence
        ],
        "evidence_missing": "（证据库中尚无证据）",
        "dispute": {
            "given": dispute is not None and bool(dispute.facts),
            "facts": [line for text in (dispute.facts if dispute else ()) for line in paragraphs(text)],
            "requests": [clean(r) for r in dispute.requests]
            if dispute and dispute.requests
            else [DISPUTE_REQUEST],
            "proofs": [clean(p) for p in dispute.proofs] if dispute else [],
            "missing": "（尚未填写异议事项：请写明有误的记录、正确的情况和理由）",
            "recipient": (clean(dispute.recipient) if dispute else "") or name or "各债权人",
        },
    }
