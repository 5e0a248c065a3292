"""The credit disputes (征信异议) and progress notes (执行情况) of one stored case: read from the case file's
``disputes`` and ``progress_notes`` sections, and changed one entry at a time.

No rule lives here: what may be stored is judged by the sections' own loaders (``core.disputes``) inside
:func:`xieshang.cases.sections.update_section`, which reads, changes and writes the section on the locked case row
in one transaction; so the exported case file carries them and re-import round-trips. Entries are addressed by
their position in the section (a position that no longer exists is a :class:`Gone`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from xieshang.casefile.disputes import (
    disputes_from_dict,
    disputes_to_dict,
    progress_notes_from_dict,
    progress_notes_to_dict,
)
from xieshang.cases.models import Case
from xieshang.cases.sections import update_section
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
    read: Callable[[Any], tuple[T, ...]],
    write: Callable[[tuple[T, ...]], list[dict[str, Any]]],
    edit: Callable[[list[T]], None],
) -> None:
    def change(current: Any) -> list[dict[str, Any]]:
        items = list(read(current))
        edit(items)
        return write(tuple(items))

    update_section(case, name, change)


def _put(items: list[T], value: T, index: int | None) -> None:
    if index is None:
        items.append(value)
    elif 0 <= index < len(items):
        items[index] = value
    else:
        raise Gone(index)


def _drop(items: list[T], index: int) -> None:
    if not 0 <= index < len(items):
        raise Gone(index)
    del items[index]


def save_dispute(case: Case, dispute: CreditDispute, index: int | None = None) -> None:
    """Add ``dispute`` (``index`` None) or replace the one at ``index``; raises :class:`Gone` if there is none."""
    _change(case, DISPUTES, disputes_from_dict, disputes_to_dict, lambda items: _put(items, dispute, index))


def delete_dispute(case: Case, index: int) -> None:
    _change(case, DISPUTES, disputes_from_dict, disputes_to_dict, lambda items: _drop(items, index))


def save_note(case: Case, note: ProgressNote, index: int | None = None) -> None:
    _change(
        case, NOTES, progress_notes_from_dict, progress_notes_to_dict, lambda items: _put(items, note, index)
    )


def delete_note(case: Case, index: int) -> None:
    _change(case, NOTES, progress_notes_from_dict, progress_notes_to_dict, lambda items: _drop(items, index))
