"""The contact log (沟通记录): every call, message, letter and visit between the borrower's side and a creditor.

Entries are immutable values read from the case file's ``contacts:`` section by
:mod:`xieshang.casefile.contacts`. Times are local wall-clock times as the borrower saw them
(naive ``datetime``): the collection rules (22:00–08:00) are about the borrower's local time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from . import vocabulary
from .vocabulary import Channel as Channel
from .vocabulary import ContactDirection as ContactDirection
from .vocabulary import Flag as Flag
from .vocabulary import Party as Party

Direction = ContactDirection  # which way a contact went (the name the contact log has always used)


def label(value: StrEnum, lang: str = "zh") -> str:
    """What people call a channel, direction, party or flag (see :mod:`xieshang.core.vocabulary`)."""
    return vocabulary.label(value).get(lang)


@dataclass(frozen=True)
class ContactEntry:
    """One contact. ``connected`` matters for calls (answered or not); ``number`` is the counterpart's number,
    ``called_number`` the number they called (the borrower's, or a family member's) when known."""

    id: str
    debt_id: str
    when: datetime
    channel: Channel
    direction: Direction
    creditor: str = ""
    agency: str = ""  # the collection agency acting for the creditor, if it named itself
    connected: bool = True
    counterpart_name: str = ""
    staff_id: str = ""
    number: str = ""
    called_number: str = ""
    party: Party = Party.BORROWER
    borrower_reachable: bool = True
    summary: str = ""
    their_promises: str = ""
    our_promises: str = ""
    follow_up: date | None = None
    flags: frozenset[Flag] = frozenset()
    attachments: tuple[str, ...] = ()  # SHA-256 of evidence files in the store

    @property
    def institution(self) -> str:
        """Who is behind the contact: the creditor (its agencies count with it), else the debt."""
        return self.creditor or self.debt_id

    @property
    def third_party(self) -> bool:
        return self.party is not Party.BORROWER


def timeline(
    entries: Iterable[ContactEntry], *, creditor: str | None = None, debt_id: str | None = None
) -> tuple[ContactEntry, ...]:
    """Entries in time order, optionally only one creditor's or one debt's (per case: no filter)."""
    chosen = (
        e
        for e in entries
        if (creditor is None or e.institution == creditor) and (debt_id is None or e.debt_id == debt_id)
    )
    return tuple(sorted(chosen, key=lambda e: (e.when, e.id)))


def timelines_by_creditor(entries: Iterable[ContactEntry]) -> dict[str, tuple[ContactEntry, ...]]:
    """One time-ordered timeline per creditor, creditors in order of their first contact."""
    groups: dict[str, list[ContactEntry]] = {}
    for entry in timeline(entries):
        groups.setdefault(entry.institution, []).append(entry)
    return {name: tuple(group) for name, group in groups.items()}


def last_contact(entries: Iterable[ContactEntry], debt_id: str) -> datetime | None:
    """When the debt's creditor and the borrower were last in touch (either direction)."""
    times = [e.when for e in entries if e.debt_id == debt_id]
    return max(times) if times else None
