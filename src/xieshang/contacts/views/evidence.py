"""The case's evidence: files with their hashes, upload, download, the ledger check, and the bundle (zip)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from xieshang.cases.access import get_case_for_user
from xieshang.core.errors import ValidationError
from xieshang.evidence.bundle import export_bundle, notes_from_contacts
from xieshang.evidence.media import EXTENSIONS

from ..forms import EvidenceForm
from ..log import attach_files, contacts_of
from ..presenters import evidence_rows
from ..store import add_uploads, case_entries, check_uploads, evidence_key, evidence_store


@login_required
def evidence_list(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    contacts = contacts_of(case)
    initial = {"contact": request.GET.get("contact", "")}
    form = EvidenceForm(
        request.POST or None, request.FILES or None, case=case, contacts=contacts, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        uploads, problems = check_uploads(form.cleaned_data["files"])
        for problem in problems:
            form.add_error("files", problem)
        if not problems:
            contact_id = form.cleaned_data["contact"]
            added = add_uploads(
                case,
                uploads,
                description=form.cleaned_data["description"],
                debt_id=form.cleaned_data["debt"],
                contact_id=contact_id,
            )
            if contact_id:
                attach_files(case, contact_id, [e.file_sha256 for e in added])
            messages.success(request, _("已存入证据库 %(count)d 个文件。") % {"count": len(added)})
            return redirect("contacts:evidence", pk=case.pk)
    debts = {d.key: str(d) for d in case.debts.all()}
    context = {"case": case, "form": form, "rows": evidence_rows(case_entries(case), debts)}
    return render(request, "contacts/evidence.html", context, status=400 if request.method == "POST" else 200)


@login_required
def evidence_file(request: HttpRequest, pk: int, sha256: str) -> HttpResponse:
    """One stored file, only if this case recorded it; always as a download (never rendered by the browser)."""
    case = get_case_for_user(request, pk)
    entry = next((e for e in case_entries(case) if e.file_sha256 == sha256), None)
    if entry is None:
        raise Http404("no such evidence in this case")
    try:
        data = evidence_store().read(sha256)
    except OSError:
        raise Http404("the stored file is missing; run the evidence check") from None
    name = f"evidence-{entry.seq:03d}-{sha256[:12]}.{EXTENSIONS.get(entry.media_type, 'bin')}"
    response = HttpResponse(data, content_type=entry.media_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def evidence_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """The ledger check: the chain and every stored file (the whole ledger: it is one chain for all cases)."""
    case = get_case_for_user(request, pk)
    store = evidence_store()
    report = store.verify()
    mine = {e.seq for e in case_entries(case, store)}
    context = {
        "case": case,
        "report": report,
        "exists": store.ledger_path.exists(),
        "mine": mine,
        "checked_at": timezone.localtime(),
    }
    return render(request, "contacts/verify.html", context, status=200)


@login_required
def evidence_bundle(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's evidence as one zip: files, manifest, ledger extract and the numbered 证据目录."""
    case = get_case_for_user(request, pk)
    store = evidence_store()
    key = evidence_key(case)
    try:
        notes = notes_from_contacts(store.entries(), contacts_of(case))
        data = export_bundle(
            store,
            case_id=key,
            notes=notes,
            title=_("证据目录（%(name)s）") % {"name": case.borrower_name},
        )
    except ValidationError as error:
        messages.error(request, _("无法导出证据包：%(reason)s") % {"reason": error.errors[0].message})
        return redirect("contacts:evidence", pk=case.pk)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="evidence-{case.pk}-{stamp}.zip"'
    return response
