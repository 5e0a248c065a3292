"""The contact log of a case, kept as the case file's ``contacts`` section (``Case.sections["contacts"]``).

Every write goes through the section's own rules: entries are written with ``contacts_to_dict`` and read back
with ``contacts_from_dict`` before anything is saved, so the exported case file always re-imports. A new
contact's id comes from the case's counter under the lock (``c17``: never given twice, so a deleted contact's
evidence can never be linked to a later one), and its files enter the case's ledger in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from xieshang.casefile.contacts import contacts_from_dict, contacts_to_dict
from xieshang.cases import evidence
from xieshang.cases.convert import jsonable
from xieshang.cases.models import Case
from xieshang.cases.sections import change_section, update_section
from xieshang.cases.writes import allocate_id, locked
from xieshang.core.contacts import ContactEntry, timeline
from xieshang.core.errors import ValidationError
from xieshang.core.ledger import LedgerEntry
from xieshang.evidence.bundle import export_bundle
from xieshang.evidence.index import notes_from_contacts

SECTION = "contacts"
DRAFT_ID = "c0"  # a form's contact before it is saved (allocate_id starts at 1)


def contacts_of(case: Case) -> tuple[ContactEntry, ...]:
    """The case's contacts in time order (a malformed stored section raises ``ValidationError``)."""
    return timeline(contacts_from_dict(case.sections.get(SECTION)))


def _entries(data: object) -> tuple[ContactEntry, ...]:
    return timeline(contacts_from_dict(data))


def _data(entries: Iterable[ContactEntry]) -> object:
    return jsonable(contacts_to_dict(timeline(entries)))


def append_contact(
    row: Case, draft: ContactEntry, files: Sequence[evidence.Staged] = (), description: str = ""
) -> ContactEntry:
    """On the locked ``row``: give ``draft`` a new id, record its files in the ledger, add it to the log."""
    contact_id = allocate_id(row, "c")
    added = evidence.record(row, files, description=description, debt_id=draft.debt_id, contact_id=contact_id)
    entry = replace(
        draft,
        id=contact_id,
        attachments=tuple(dict.fromkeys((*draft.attachments, *(e.file_sha256 for e in added)))),
    )
    change_section(row, SECTION, lambda current: _data((*_entries(current), entry)))
    return entry


def add_contact(
    case: Case, draft: ContactEntry, files: Sequence[evidence.Staged] = (), description: str = ""
) -> ContactEntry:
    """Save ``draft`` (its id is replaced by a new one) with its staged files, in one transaction."""
    with locked(case.pk) as row:
        entry = append_contact(row, draft, files, description)
    case.sections, case.revision = row.sections, row.revision
    return entry


def remove_contact(case: Case, contact_id: str) -> bool:
    """Delete one contact from the log (its evidence stays in the case's ledger)."""
    removed = False

    def remove(current: object) -> object:
        nonlocal removed
        entries = _entries(current)
        kept = [e for e in entries if e.id != contact_id]
        removed = len(kept) != len(entries)
        return _data(kept)

    update_section(case, SECTION, remove)
    return removed


def add_evidence(
    case: Case, files: Sequence[evidence.Staged], *, description: str, debt_id: str = "", contact_id: str = ""
) -> list[LedgerEntry]:
    """Record staged files in the case's ledger, listed under contact ``contact_id`` if given; one transaction."""
    with locked(case.pk) as row:
        contacts = {e.id: e for e in _entries(row.sections.get(SECTION))}
        if contact_id and contact_id not in contacts:
            contact_id = ""  # deleted meanwhile: the files stay the case's
        if contact_id:
            debt_id = contacts[contact_id].debt_id
        added = evidence.record(row, files, description=description, debt_id=debt_id, contact_id=contact_id)
        if contact_id and added:
            digests = [e.file_sha256 for e in added]
            change_section(
                row,
                SECTION,
                lambda current: _data(
                    replace(e, attachments=tuple(dict.fromkeys((*e.attachments, *digests))))
                    if e.id == contact_id
                    else e
                    for e in _entries(current)
                ),
            )
    case.sections, case.revision = row.sections, row.revision
    return added


def drop_attachment(row: Case, sha256: str) -> None:
    """On the locked ``row``: take a withdrawn file off every contact's attachments."""
    entries = _entries(row.sections.get(SECTION))
    if any(sha256 in e.attachments for e in entries):
        change_section(
            row,
            SECTION,
            lambda current: _data(
                replace(e, attachments=tuple(a for a in e.attachments if a != sha256))
                for e in _entries(current)
            ),
        )


def bundle_bytes(case: Case, title: str) -> bytes:
    """The case's evidence bundle (zip): every file in force, the whole ledger, the numbered 证据目录 with each
    file's contact; ValidationError when the ledger does not verify against its anchor."""
    store = evidence.store_of(case)
    notes = notes_from_contacts(evidence.live_entries(case), contacts_of(case))
    return export_bundle(store, anchor=evidence.anchor_of(case), notes=notes, title=title)


def bundle_or_none(case: Case) -> bytes | None:
    """The bundle for "download everything" (None for a case without evidence; a ledger that does not verify
    gives none either, and the case's verify page says why)."""
    if case.evidence_entries == 0:
        return None
    try:
        return bundle_bytes(case, f"证据目录（{case.borrower_name}）")
    except ValidationError:
        return None
