"""Reading the audit log: one case's (its owner, and the admin of an organisation helping with it), an
account's own cases' (deleted ones included), the organisation's (its admins); each also as a CSV file.
Nothing here or anywhere else changes the log."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from xieshang.accounts.users import standing_of
from xieshang.audit.log import csv_bytes, for_case, for_organisation, for_owner
from xieshang.audit.models import AuditEvent
from xieshang.core.bilingual import is_english

from ..access import get_case_for_user
from ..models import Case

SHOWN = 500


def _rows(events: QuerySet[AuditEvent]) -> list[dict[str, object]]:
    english = is_english(get_language())
    events = list(events[:SHOWN])
    names = dict(
        Case.objects.filter(pk__in={e.case_id for e in events if e.case_id}).values_list(
            "pk", "borrower_name"
        )
    )
    return [
        {
            "event": e,
            "what": e.what_en if english else e.what_zh,
            "case_name": names.get(e.case_id, ""),
        }
        for e in events
    ]


def _csv(events: QuerySet[AuditEvent], name: str) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(
        csv_bytes(events, english=is_english(get_language())), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response


@require_safe  # the log is only read: no page takes anything that could change it
def case_audit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    context = {"case": case, "rows": _rows(for_case(case.pk)), "shown": SHOWN, "csv_url": "case-audit-csv"}
    return render(request, "cases/audit.html", context)


@require_safe
def case_audit_csv(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    return _csv(for_case(case.pk), f"audit-case-{case.pk}")


@require_safe
def my_audit(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "cases/audit.html",
        {"case": None, "rows": _rows(for_owner(request.user.pk)), "shown": SHOWN, "scope": "mine"},
    )


@require_safe
def my_audit_csv(request: HttpRequest) -> HttpResponse:
    return _csv(for_owner(request.user.pk), "audit-my-cases")


def _org(request: HttpRequest) -> int:
    standing = standing_of(request.user)
    assert standing is not None and standing.organisation_id is not None  # the route is for admins only
    return standing.organisation_id


@require_safe
def organisation_audit(request: HttpRequest) -> HttpResponse:
    rows = _rows(for_organisation(_org(request)))
    return render(
        request, "cases/audit.html", {"case": None, "rows": rows, "shown": SHOWN, "scope": "organisation"}
    )


@require_safe
def organisation_audit_csv(request: HttpRequest) -> HttpResponse:
    return _csv(for_organisation(_org(request)), "audit-organisation")
