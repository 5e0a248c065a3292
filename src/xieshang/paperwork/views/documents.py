"""The negotiation documents (协商文书): the eight documents, per creditor where they are written to one, with a
preview in the browser, DOCX and PDF downloads, the creditor's negotiation package, the notes on what is still
missing (with links to where it is filled in) and the case history of everything generated.

Downloads are POSTs (they write the history); previews are GETs and write nothing. The ID number is masked
unless the person ticks "include the full ID number".
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from xieshang.audit.models import Action
from xieshang.cases import core_messages
from xieshang.cases.access import get_case_for_user
from xieshang.cases.models import Case
from xieshang.cases.routes import log
from xieshang.core.bilingual import Text
from xieshang.core.errors import ValidationError
from xieshang.documents.render import DOCUMENTS
from xieshang.jobs.runner import start

from .. import drafting
from ..jobs import KIND as PACKAGE_JOB
from ..jobs import make_package
from ..models import GeneratedDocument
from .materials import attachment

# A preview page is the document alone: no scripts, no network, nothing of the app's origin; only the app's own
# preview page may frame it.
PREVIEW_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


def _show_id(data: Any, request: HttpRequest | None = None, case: Case | None = None) -> bool:
    """Whether the person ticked "include the full ID number"; given the request, that reveal is audited."""
    shown = data.get("show_id") in ("1", "on", "true")
    if shown and request is not None and case is not None:
        log(request, Action.REVEAL, Text("文书中的完整身份证号", "full ID number in a document"), case)
    return shown


def _kind(name: str):  # type: ignore[no-untyped-def]
    kind = DOCUMENTS.get(name)
    if kind is None:
        raise Http404("no such document")
    return kind


@login_required
def documents(request: HttpRequest, pk: int) -> HttpResponse:
    """The page for one creditor at a time (chosen at the top; the first by default): its package, the eight
    documents (those written to all creditors too) and the history."""
    case = get_case_for_user(request, pk)
    show_id = _show_id(request.GET)
    ws = drafting.workspace(case, show_id, request)
    selected = _creditor(ws, request.GET.get("creditor")) or (ws.creditors[0] if ws.creditors else "")
    rows = [{"kind": kind, "target": selected if kind.per_creditor else ""} for kind in DOCUMENTS.values()]
    history = (
        GeneratedDocument.objects.filter(case=case, package__isnull=True)
        .annotate(files=Count("members"))
        .order_by("-created_at", "-id")[:200]
    )
    return render(
        request,
        "paperwork/documents.html",
        {
            "case": case,
            "ws": ws,
            "selected": selected,
            "selected_label": ws.label(selected),
            "rows": rows,
            "show_id": show_id,
            "history": history,
            "formats": tuple(drafting.FORMATS),
        },
    )


def _creditor(ws: drafting.Workspace, raw: str | None) -> str | None:
    try:
        return ws.creditor(raw)
    except ValidationError:
        raise Http404("no such creditor") from None


@login_required
def preview(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """The document inside the app's page: a sandboxed iframe of :func:`preview_page` (its own policy lets
    the document's inline styles apply there and nothing run; the app's page keeps its strict one)."""
    case = get_case_for_user(request, pk)
    kind = _kind(name)
    show_id = _show_id(request.GET, request, case)
    ws = drafting.workspace(case, show_id, request)
    creditor = _creditor(ws, request.GET.get("creditor"))
    try:
        html = drafting.preview(ws, name, creditor)
    except ValidationError as error:
        messages.error(request, core_messages.message(error.errors[0]) if error.errors else str(error))
        return redirect("paperwork:documents", pk=case.pk)
    return render(
        request,
        "paperwork/preview.html",
        {
            "case": case,
            "kind": kind,
            "creditor": creditor or "",
            "creditor_label": ws.label(creditor),
            "show_id": show_id,
            "html": html,
            "formats": tuple(drafting.FORMATS),
        },
    )


@login_required
@xframe_options_sameorigin
def preview_page(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """The document alone as a page (to print from the browser), under a sandboxing Content-Security-Policy."""
    case = get_case_for_user(request, pk)
    _kind(name)
    ws = drafting.workspace(case, _show_id(request.GET, request, case), request)
    creditor = _creditor(ws, request.GET.get("creditor"))
    try:
        html = drafting.preview(ws, name, creditor)
    except ValidationError:
        raise Http404("choose a creditor") from None
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = PREVIEW_CSP
    return response


def _file_response(file: drafting.File) -> HttpResponse:
    response = HttpResponse(file.data, content_type=file.content_type)
    response["Content-Disposition"] = attachment(file.filename)
    return response


def _back(case: Case) -> str:
    return reverse("paperwork:documents", args=[case.pk])


@login_required
@require_POST
def download(request: HttpRequest, pk: int, name: str, fmt: str) -> HttpResponse:
    case = get_case_for_user(request, pk)
    _kind(name)
    if fmt not in drafting.FORMATS:
        raise Http404("no such format")
    ws = drafting.workspace(case, _show_id(request.POST, request, case), request)
    creditor = _creditor(ws, request.POST.get("creditor"))
    try:
        file = drafting.generate(ws, name, creditor, fmt)
    except ValidationError as error:
        messages.error(request, core_messages.message(error.errors[0]) if error.errors else str(error))
        return redirect(_back(case))
    return _file_response(file)


@login_required
@require_POST
def package(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    ws = drafting.workspace(case, _show_id(request.POST, request, case), request)
    creditor = _creditor(ws, request.POST.get("creditor"))
    if creditor is None:
        raise Http404("choose a creditor")
    try:
        file = drafting.package(ws, creditor)
    except ValidationError as error:
        messages.error(request, core_messages.message(error.errors[0]) if error.errors else str(error))
        return redirect(_back(case))
    except Case.DoesNotExist:  # deleted (in another tab, by a colleague) while the package was being made
        messages.error(request, _("这个案件已经不存在了（可能刚被删除），材料包没有生成。"))
        return redirect("home")
    return _file_response(file)


@login_required
@require_POST
def package_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The creditor's package made by a worker: the job's page follows it and offers the file when done."""
    case = get_case_for_user(request, pk)
    creditor = request.POST.get("creditor", "")
    if not creditor:
        raise Http404("choose a creditor")
    job = start(
        make_package,
        kind=PACKAGE_JOB,
        owner=request.user,
        case=case,
        arguments={"creditor": creditor, "show_id": _show_id(request.POST)},
    )
    return redirect("jobs:job", pk=case.pk, job_id=job.pk)
