"""Reading and writing one part of the case file (``budget``, ``plan``, ``contacts``, ``materials``) on a case.

Feature apps keep their case-file section in ``Case.sections`` as the same plain data the case file holds,
so export and import carry it. The section's own loader (listed in :mod:`xieshang.casefile.sections`) judges
what may be stored; every write happens on the locked case row in one transaction, so two pages saving
different sections at once never lose each other's work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xieshang.casefile import section as case_file_section

from .models import Case
from .writes import locked, require_locked


def load_section(case: Case, name: str) -> Any | None:
    """The section as its core value, or ``None`` when the case has none (raises ValidationError if unreadable)."""
    raw = case.sections.get(name)
    if raw is None:
        return None
    return case_file_section(name).load(raw, name)


def update_section(case: Case, name: str, change: Callable[[Any | None], Any]) -> Any:
    """Replace section ``name`` with ``change(current plain data or None)``; validated, locked, one transaction.

    Returns the stored plain data. ``case`` is refreshed with the stored sections.
    """
    with locked(case.pk) as fresh:
        data = change_section(fresh, name, change)
    case.sections = fresh.sections
    case.revision = fresh.revision
    return data


def change_section(row: Case, name: str, change: Callable[[Any | None], Any]) -> Any:
    """:func:`update_section` on a case row already locked by the caller (one write of several)."""
    require_locked()
    data = change(row.sections.get(name))
    case_file_section(name).load(
        data, name
    )  # the case file's loader is the judge: what is stored must load back
    row.sections = {**row.sections, name: data}
    row.save(update_fields=["sections", "updated_at"])
    return data


def save_section(case: Case, name: str, data: Any) -> Any:
    """Store ``data`` (plain case-file data) as section ``name``; see :func:`update_section`."""
    return update_section(case, name, lambda _current: data)
