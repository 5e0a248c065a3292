"""The contact log of a case, kept as the case file's ``contacts`` section (``Case.sections["contacts"]``).

Every write goes through the section's own rules: entries are written with ``contacts_to_dict`` and read back
with ``contacts_from_dict`` before anything is saved, so the exported case file always re-imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.db import transaction

from xieshang.cases.convert import jsonable
from xieshang.cases.models import Case
from xieshang.core.contacts import ContactEntry, contacts_from_dict, contacts_to_dict, timeline

SECTION = "contacts"


def contacts_of(case: Case) -> tuple[ContactEntry, ...]:
    """The case's contacts in time order (a malformed stored section raises ``ValidationError``)."""
    return timeline(contacts_from_dict(case.sections.get(SECTION)))


def next_contact_id(entries: Iterable[ContactEntry]) -> str:
    taken = {e.id for e in entries}
    n = len(taken) + 1
    while f"c{n}" in taken:
        n += 1
    return f"c{n}"


def _store(case: Case, entries: Iterable[ContactEntry]) -> None:
    data = jsonable(contacts_to_dict(timeline(entries)))
    contacts_from_dict(data)  # the section's own rules judge what is stored
    case.sections = {**case.sections, SECTION: data}
    case.save(update_fields=["sections", "updated_at"])


def _locked(case: Case) -> Case:
    """The case row, locked for this transaction, so concurrent edits of other sections are not lost."""
    return Case.objects.select_for_update().get(pk=case.pk)


def add_contact(case: Case, entry: ContactEntry) -> ContactEntry:
    """Append ``entry`` (its id must be new in the case) and save, in one transaction."""
    with transaction.atomic():
        fresh = _locked(case)
        entries = contacts_of(fresh)
        if any(e.id == entry.id for e in entries):
            raise ValueError(f"duplicate contact id {entry.id}")
        _store(fresh, (*entries, entry))
    case.sections = fresh.sections
    return entry


def remove_contact(case: Case, contact_id: str) -> bool:
    """Delete one contact from the log (its evidence files stay in the append-only store)."""
    with transaction.atomic():
        fresh = _locked(case)
        entries = contacts_of(fresh)
        kept = [e for e in entries if e.id != contact_id]
        if len(kept) == len(entries):
            return False
        _store(fresh, kept)
    case.sections = fresh.sections
    return True


def attach_files(case: Case, contact_id: str, digests: Iterable[str]) -> None:
    """Add evidence hashes to one contact's attachments (already stored in the evidence store)."""
    with transaction.atomic():
        fresh = _locked(case)
        entries = contacts_of(fresh)
        updated = [
            replace(e, attachments=tuple(dict.fromkeys((*e.attachments, *digests))))
            if e.id == contact_id
            else e
            for e in entries
        ]
        _store(fresh, updated)
    case.sections = fresh.sections
