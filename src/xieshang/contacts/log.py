"""The contact log of a case, kept as the case file's ``contacts`` section (``Case.sections["contacts"]``).

Every write goes through the section's own rules: entries are written with ``contacts_to_dict`` and read back
with ``contacts_from_dict`` before anything is saved, so the exported case file always re-imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from xieshang.casefile.contacts import contacts_from_dict, contacts_to_dict
from xieshang.cases.convert import jsonable
from xieshang.cases.models import Case
from xieshang.cases.sections import update_section
from xieshang.core.contacts import ContactEntry, timeline

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


def _entries(data: object) -> tuple[ContactEntry, ...]:
    return timeline(contacts_from_dict(data))


def _data(entries: Iterable[ContactEntry]) -> object:
    return jsonable(contacts_to_dict(timeline(entries)))


def add_contact(case: Case, entry: ContactEntry) -> ContactEntry:
    """Append ``entry`` (its id must be new in the case) and save, in one transaction."""

    def append(current: object) -> object:
        entries = _entries(current)
        if any(e.id == entry.id for e in entries):
            raise ValueError(f"duplicate contact id {entry.id}")
        return _data((*entries, entry))

    update_section(case, SECTION, append)
    return entry


def remove_contact(case: Case, contact_id: str) -> bool:
    """Delete one contact from the log (its evidence files stay in the append-only store)."""
    removed = False

    def remove(current: object) -> object:
        nonlocal removed
        entries = _entries(current)
        kept = [e for e in entries if e.id != contact_id]
        removed = len(kept) != len(entries)
        return _data(kept)

    update_section(case, SECTION, remove)
    return removed


def attach_files(case: Case, contact_id: str, digests: Iterable[str]) -> None:
    """Add evidence hashes to one contact's attachments (already stored in the evidence store)."""

    def attach(current: object) -> object:
        return _data(
            replace(e, attachments=tuple(dict.fromkeys((*e.attachments, *digests))))
            if e.id == contact_id
            else e
            for e in _entries(current)
        )

    update_section(case, SECTION, attach)
