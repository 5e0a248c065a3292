"""What the contact pages show, picked out of core values in the page's language. No rule is decided here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from xieshang.cases.labels import confidence_label
from xieshang.core.collection import Finding
from xieshang.core.contacts import ContactEntry
from xieshang.core.ledger import REDACTION, Entry, LedgerEntry
from xieshang.core.vocabulary import ReminderKind, label
from xieshang.view import Reminder

from .forms import CHANNEL_LABELS, DIRECTION_LABELS, FLAG_LABELS, PARTY_LABELS

BASIS_LABELS: dict[str, Promise] = {
    "log": _("按沟通记录的时间和次数"),
    "ticked": _("你勾选的行为"),
    "keyword": _("摘要中出现的词语，请核实"),
}


def english() -> bool:
    return (get_language() or "zh-hans").lower().startswith("en")


@dataclass(frozen=True)
class ReminderItem:
    date: date
    kind: str
    kind_label: str
    title: str
    amount: Decimal | None
    urgent: bool


URGENT = (
    ReminderKind.SILENCE,
    ReminderKind.PAYMENT_DUE,
    ReminderKind.AGREEMENT_LATE,
    ReminderKind.AGREEMENT_SHORTFALL,
)


def reminder_items(reminders: list[Reminder]) -> list[ReminderItem]:
    en = english()
    return [
        ReminderItem(
            date=r.date,
            kind=r.kind.value,
            kind_label=label(r.kind).get(get_language()),
            title=r.title_en if en else r.title_zh,
            amount=r.amount,
            urgent=r.kind in URGENT,
        )
        for r in reminders
    ]


@dataclass(frozen=True)
class ContactItem:
    entry: ContactEntry
    channel: str
    direction: str
    party: str
    flags: list[str]
    attachments: list[tuple[str, LedgerEntry | None]]  # (sha256, its ledger entry in this case, if any)
    finding_count: int
    agent_words: str = ""  # the words that make it look like a paid debt agency (the case view's scam guard)


def contact_items(
    entries: tuple[ContactEntry, ...],
    evidence: list[LedgerEntry],
    findings: tuple[Finding, ...],
    agents: Mapping[str, str] | None = None,
) -> list[ContactItem]:
    by_hash = {e.file_sha256: e for e in evidence}
    counts: dict[str, int] = {}
    for finding in findings:
        for cid in finding.contact_ids:
            counts[cid] = counts.get(cid, 0) + 1
    return [
        ContactItem(
            entry=c,
            channel=str(CHANNEL_LABELS[c.channel]),
            direction=str(DIRECTION_LABELS[c.direction]),
            party=str(PARTY_LABELS[c.party]),
            flags=[str(FLAG_LABELS[f]) for f in sorted(c.flags)],
            attachments=[(h, by_hash.get(h)) for h in c.attachments],
            finding_count=counts.get(c.id, 0),
            agent_words=(agents or {}).get(c.id, ""),
        )
        for c in entries
    ]


@dataclass(frozen=True)
class FindingItem:
    finding: Finding
    title: str
    confidence: str
    basis: str
    contacts: list[ContactEntry]
    evidence: list[tuple[str, LedgerEntry | None]]


def finding_items(
    findings: tuple[Finding, ...], contacts: tuple[ContactEntry, ...], evidence: list[LedgerEntry]
) -> list[FindingItem]:
    en = english()
    by_id = {c.id: c for c in contacts}
    by_hash = {e.file_sha256: e for e in evidence}
    return [
        FindingItem(
            finding=f,
            title=f.title_en if en else f.title_zh,
            confidence=confidence_label(f.confidence),
            basis=str(BASIS_LABELS.get(f.basis, f.basis)),
            contacts=[by_id[c] for c in f.contact_ids if c in by_id],
            evidence=[(h, by_hash.get(h)) for h in f.evidence],
        )
        for f in findings
    ]


@dataclass(frozen=True)
class EvidenceRow:
    entry: LedgerEntry
    debt: str  # the debt's name, when the file is attached to a debt
    recorded: str  # "2026-11-28 10:00"


def evidence_rows(entries: list[LedgerEntry], debts: dict[str, str]) -> list[EvidenceRow]:
    """Newest first, with the debt's name and the recording time as people read it."""
    return [
        EvidenceRow(e, debts.get(e.debt_id, e.debt_id), e.recorded_at[:16].replace("T", " "))
        for e in reversed(entries)
    ]


@dataclass(frozen=True)
class RedactionRow:
    seq: int  # the file entry withdrawn
    reason: str
    recorded: str


def redaction_rows(entries: Sequence[Entry]) -> list[RedactionRow]:
    """Files withdrawn from the ledger, newest first: which entry, why, when."""
    return [
        RedactionRow(e.redacts, e.reason, e.recorded_at[:16].replace("T", " "))
        for e in reversed(entries)
        if isinstance(e, LedgerEntry) and e.kind == REDACTION
    ]
