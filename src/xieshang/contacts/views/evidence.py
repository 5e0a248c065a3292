"""The case's evidence: files with their hashes, upload, download, withdrawing a file uploaded by mistake, the
ledger check, and the bundle (zip)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xieshang.cases import core_messages, evidence
from xieshang.cases.access import get_case_for_user
from xieshang.cases.limits import upload_limit
from xieshang.core import ledger
from xieshang.core.errors import ValidationError
from xieshang.evidence.bundle import export_bundle
from xieshang.evidence.index import notes_from_contacts
from xieshang.evidence.media import EXTENSIONS

from ..forms import EvidenceForm, RedactForm
from ..log import add_evidence, contacts_of
from ..presenters import evidence_rows, redaction_rows


@login_required
@upload_limit("evidence")
def evidence_list(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    contacts = contacts_of(case)
    initial = {"contact": request.GET.get("contact", "")}
    form = EvidenceForm(
        request.POST or None, request.FILES or None, case=case, contacts=contacts, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        uploads, problems = evidence.read_checked(form.cleaned_data["files"])
        for problem in problems:
            form.add_error("files", problem)
        if not problems:
            try:
                added = add_evidence(
                    case,
                    evidence.stage(case, uploads),
                    description=form.cleaned_data["description"],
                    debt_id=form.cleaned_data["debt"],
                    contact_id=form.cleaned_data["contact"],
                )
            except evidence.EvidenceRefused as error:
                form.add_error(None, core_messages.message(error.errors[0]))
            else:
                messages.success(request, _("已存入证据库 %(count)d 个文件。") % {"count": len(added)})
                return redirect("contacts:evidence", pk=case.pk)
    debts = {d.key: str(d) for d in case.debts.all()}
    entries = evidence.entries_of(case)
    context = {
        "case": case,
        "form": form,
        "rows": evidence_rows(ledger.live_files(entries), debts),
        "redactions": redaction_rows(entries),
        "redact_form": RedactForm(),
    }
    return render(request, "contacts/evidence.html", context, status=400 if request.method == "POST" else 200)


@login_required
def evidence_file(request: HttpRequest, pk: int, sha256: str) -> HttpResponse:
    """One stored file, only if this case recorded it; always as a download (never rendered by the browser)."""
    case = get_case_for_user(request, pk)
    entry = next((e for e in evidence.live_entries(case) if e.file_sha256 == sha256), None)
    if entry is None:
        raise Http404("no such evidence in this case")
    try:
        data = evidence.store_of(case).read(sha256)
    except OSError:
        raise Http404("the stored file is missing; run the evidence check") from None
    name = f"evidence-{entry.seq:03d}-{sha256[:12]}.{EXTENSIONS.get(entry.media_type, 'bin')}"
    response = HttpResponse(data, content_type=entry.media_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def evidence_redact(request: HttpRequest, pk: int, seq: int) -> HttpResponse:
    """Withdraw a file uploaded by mistake: the ledger gets a redaction entry (which file, why, when); the file
    is deleted and taken off its contact."""
    case = get_case_for_user(request, pk)
    form = RedactForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请写明删除的原因（例如：传错了文件）。"))
        return redirect("contacts:evidence", pk=case.pk)
    try:
        evidence.redact(case.pk, seq, form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(
            request, _("没有删除：%(reason)s") % {"reason": core_messages.message(error.errors[0])}
        )
    else:
        messages.success(
            request,
            _("已删除第 %(seq)d 条证据的文件。账本里追加了一条删除记录，写明了原因和时间。") % {"seq": seq},
        )
    return redirect("contacts:evidence", pk=case.pk)


@login_required
def evidence_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """The ledger check: the chain, every stored file, and the head against the anchor in the database."""
    case = get_case_for_user(request, pk)
    store = evidence.store_of(case)
    context = {
        "case": case,
        "report": evidence.verify(case),
        "exists": store.has_ledger() or case.evidence_entries > 0,
        "anchor": evidence.anchor_of(case),
        "checked_at": timezone.localtime(),
    }
    return render(request, "contacts/verify.html", context, status=200)


@login_required
def evidence_bundle(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's evidence as one zip: files, manifest, the whole ledger and the numbered 证据目录."""
    case = get_case_for_user(request, pk)
    store = evidence.store_of(case)
    try:
        notes = notes_from_contacts(evidence.live_entries(case), contacts_of(case))
        data = export_bundle(
            store,
            anchor=evidence.anchor_of(case),
            notes=notes,
            title=_("证据目录（%(name)s）") % {"name": case.borrower_name},
        )
    except ValidationError as error:
        messages.error(
            request, _("无法导出证据包：%(reason)s") % {"reason": core_messages.message(error.errors[0])}
        )
        return redirect("contacts:evidence", pk=case.pk)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="evidence-{case.pk}-{stamp}.zip"'
    return response
