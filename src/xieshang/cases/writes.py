"""The one write path of a case: lock before reading, change only the rows concerned, never reuse an id.

Every change a person makes to a case goes through :func:`locked` (see docs/architecture.md, "Writes, reads
and identifiers")::

    with locked(case.pk) as row:
        contact_id = allocate_id(row, "c")
        ...read what the change depends on, then insert / update / delete the rows concerned...

``locked`` opens a transaction and takes the case row's lock before anything else is read: on PostgreSQL
``SELECT … FOR UPDATE``; on SQLite the connection's ``IMMEDIATE`` transaction mode takes the database's
write lock at ``BEGIN``. On a clean exit it bumps ``Case.revision`` (the cache key of everything derived from
the case) and saves the counter of :func:`allocate_id` in the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.db.models import F

from .models import Case

_NUMBERED = re.compile(r"^[A-Za-z_-]*?(\d{1,18})$")


@contextmanager
def locked(case_pk: int) -> Iterator[Case]:
    """The case row, locked for this transaction; ``Case.DoesNotExist`` if it is gone."""
    with transaction.atomic():
        row = Case.objects.select_for_update().get(pk=case_pk)
        start_serial = row.next_serial
        yield row
        fields: dict[str, Any] = {"revision": F("revision") + 1}
        if row.next_serial != start_serial:
            fields["next_serial"] = row.next_serial
        if Case.objects.filter(pk=case_pk).update(**fields):  # 0: the write deleted the case
            row.refresh_from_db(fields=["revision", "next_serial", "updated_at"])


def require_locked() -> None:
    """Fail loudly when a write helper meant for the inside of :func:`locked` is called outside it."""
    if not connection.in_atomic_block:
        raise RuntimeError("this write must run inside cases.writes.locked(case_pk)")


def allocate_id(row: Case, prefix: str) -> str:
    """A new identifier for an item of the locked case (``c17``): never given before in this case."""
    number = row.next_serial
    row.next_serial = number + 1
    return f"{prefix}{number}"


def highest_number(ids: Iterable[str]) -> int:
    """The largest number that ends any of ``ids`` (``c12`` → 12; ids without a number are ignored)."""
    best = 0
    for value in ids:
        found = _NUMBERED.match(str(value))
        if found:
            best = max(best, int(found.group(1)))
    return best


def ids_in(data: Any) -> Iterator[str]:
    """Every ``id`` value anywhere in plain case-file data (sections, lists of entries)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, (str, int)) and not isinstance(value, bool):
                yield str(value)
            else:
                yield from ids_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from ids_in(value)


def reserve_ids(row: Case, ids: Iterable[str]) -> None:
    """Move the locked case's counter past every number in ``ids`` (after importing a case file)."""
    row.next_serial = max(row.next_serial, highest_number(ids) + 1)
