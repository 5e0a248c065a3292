"""Writing and reading the audit log.

:func:`record` appends one event; it is called by the case routes (every view of a case page at most once a
quarter of an hour per browser, every change, every export: ``xieshang.cases.routes``) and by the actions that
are events of their own (sharing, revealing a number, deleting a case). Nothing else writes the log, and
nothing changes it. :func:`for_owner` and :func:`for_organisation` are what the case's owner and the
organisation's admin may read; :func:`csv_bytes` is the export.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from xieshang import deferred
from xieshang.core.bilingual import Text
from xieshang.core.formulas import csv_field as safe_cell

from .models import Action, AuditEvent


@dataclass(frozen=True)
class Subject:
    """The case an event is about, by number: its id, its owner and the organisations helping with it."""

    case_id: int
    owner_id: int
    organisations: Sequence[int] = ()


def record(
    actor: object,
    action: Action,
    what: Text,
    subject: Subject | None = None,
    *,
    organisation_id: int | None = None,
    address: str = "",
) -> None:
    """Append one event: ``actor`` (an account) did ``action`` to ``what`` of ``subject``'s case, now. A page
    that only reads does not wait for SQLite's write lock to log its view (:mod:`xieshang.deferred`)."""
    orgs = sorted(set(subject.organisations)) if subject else []
    event = AuditEvent(
        at=timezone.now(),
        actor_id=getattr(actor, "pk", None),
        actor_name=str(getattr(actor, "username", "") or "")[:150],
        organisation_id=organisation_id,
        case_id=subject.case_id if subject else None,
        case_owner_id=subject.owner_id if subject else None,
        case_organisations="".join(f",{o}" for o in orgs) + ("," if orgs else ""),
        action=action,
        what_zh=what.zh[:200],
        what_en=what.en[:200],
        address=address[:64],
    )
    deferred.write(event.save)


def for_case(case_id: int) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(case_id=case_id)


def for_owner(user_id: int) -> QuerySet[AuditEvent]:
    """Every event about the cases ``user_id`` owned when it happened."""
    return AuditEvent.objects.filter(case_owner_id=user_id)


def for_organisation(organisation_id: int) -> QuerySet[AuditEvent]:
    """Every event by the organisation's people, or about a case the organisation was helping with then."""
    return AuditEvent.objects.filter(
        Q(organisation_id=organisation_id) | Q(case_organisations__contains=f",{organisation_id},")
    )


HEADER_ZH = ("时间", "操作人", "案件编号", "操作", "内容", "网络地址")
HEADER_EN = ("Time", "By", "Case number", "Action", "What", "Address")


def csv_bytes(events: Iterable[AuditEvent], english: bool = False) -> bytes:
    """The events as a CSV file (UTF-8 with BOM for Excel/WPS; no cell starts a formula)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER_EN if english else HEADER_ZH)
    labels = {a.value: a.label for a in Action}
    for event in events:
        writer.writerow(
            [
                safe_cell(timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S")),
                safe_cell(event.actor_name),
                "" if event.case_id is None else str(event.case_id),
                safe_cell(str(labels.get(event.action, event.action))),
                safe_cell(event.what_en if english else event.what_zh),
                safe_cell(event.address),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
