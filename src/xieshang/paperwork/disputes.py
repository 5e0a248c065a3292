"""The credit disputes (征信异议) and progress notes (执行情况) of one stored case: read from the case file's
``disputes`` and ``progress_notes`` sections, and changed one entry at a time.

No rule lives here: what may be stored is judged by the sections' own loaders (``casefile.disputes``) inside
:func:`xieshang.cases.sections.update_section`, which reads, changes and writes the section on the locked case row
in one transaction; so the exported case file carries them and re-import round-trips. Entries are addressed by
their id, given under the lock from the case's counter (``d7``, ``n8``: never reused, so editing or deleting
one never hits another that took its place); an entry without an id (a case file written by hand) gets one at
the section's next write. An id that is not (or no longer) there is a :class:`Gone`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from xieshang.casefile.disputes import (
    disputes_from_dict,
    disputes_to_dict,
    progress_notes_from_dict,
    progress_notes_to_dict,
)
from xieshang.cases.models import Case
from xieshang.cases.sections import change_section
from xieshang.cases.writes import allocate_id, locked
from xieshang.core.disputes import CreditDispute, ProgressNote
from xieshang.core.errors import ValidationError

DISPUTES = "disputes"
NOTES = "progress_notes"
T = TypeVar("T", CreditDispute, ProgressNote)


class Gone(LookupError):
    """The entry asked for is not (or no longer) in the section."""


@dataclass(frozen=True)
class Stored:
    disputes: tuple[CreditDispute, ...]
    notes: tuple[ProgressNote, ...]
    problem: str  # why a stored section could not be read ("" if fine)


def _first(error: ValidationError) -> str:
    first = error.errors[0] if error.errors else None
    return f"{first.path}: {first.message}" if first else str(error)


def stored(case: Case) -> Stored:
    """Both sections as core values; a section that cannot be read comes back empty with its first problem."""
    problems: list[str] = []
    disputes: tuple[CreditDispute, ...] = ()
    notes: tuple[ProgressNote, ...] = ()
    try:
        disputes = disputes_from_dict(case.sections.get(DISPUTES))
    except ValidationError as error:
        problems.append(_first(error))
    try:
        notes = progress_notes_from_dict(case.sections.get(NOTES))
    except ValidationError as error:
        problems.append(_first(error))
    return Stored(disputes, notes, "；".join(problems))


def _change(
    case: Case,
    name: str,
    prefix: str,
    read: Callable[[Any], tuple[T, ...]],
    write: Callable[[tuple[T, ...]], list[dict[str, Any]]],
    edit: Callable[[list[T], Case], None],
) -> None:
    with locked(case.pk) as row:

        def change(current: Any) -> list[dict[str, Any]]:
            items = [
                item if item.id else replace(item, id=allocate_id(row, prefix)) for item in read(current)
            ]
            edit(items, row)
            return write(tuple(items))

        change_section(row, name, change)
    case.sections, case.revision = row.sections, row.revision


def _put(prefix: str, value: T, item_id: str | None) -> Callable[[list[T], Case], None]:
    def edit(items: list[T], row: Case) -> None:
        if item_id is None:
            items.append(replace(value, id=allocate_id(row, prefix)))
            return
        at = next((i for i, item in enumerate(items) if item.id == item_id), None)
        if at is None:
            raise Gone(item_id)
        items[at] = replace(value, id=item_id)

    return edit


def _drop(item_id: str) -> Callable[[list[T], Case], None]:
    def edit(items: list[T], row: Case) -> None:
        at = next((i for i, item in enumerate(items) if item.id == item_id), None)
        if at is None:
            raise Gone(item_id)
        del items[at]

    return edit


def save_dispute(case: Case, dispute: CreditDispute, item_id: str | None = None) -> None:
    """Add ``dispute`` (``item_id`` None) or replace the one with ``item_id``; :class:`Gone` if there is none."""
    _change(case, DISPUTES, "d", disputes_from_dict, disputes_to_dict, _put("d", dispute, item_id))


def delete_dispute(case: Case, item_id: str) -> None:
    _change(case, DISPUTES, "d", disputes_from_dict, disputes_to_dict, _drop(item_id))


def save_note(case: Case, note: ProgressNote, item_id: str | None = None) -> None:
    _change(case, NOTES, "n", progress_notes_from_dict, progress_notes_to_dict, _put("n", note, item_id))


def delete_note(case: Case, item_id: str) -> None:
    _change(case, NOTES, "n", progress_notes_from_dict, progress_notes_to_dict, _drop(item_id))
