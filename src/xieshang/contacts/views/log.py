"""The contact log: a timeline per case and per creditor, and the form that logs one contact with its files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xieshang.cases import core_messages, evidence
from xieshang.cases.access import get_case_for_user
from xieshang.cases.limits import upload_limit
from xieshang.cases.reading import case_view
from xieshang.core.contacts import timeline, timelines_by_creditor
from xieshang.core.errors import ValidationError

from ..forms import CHANNEL_LABELS, ContactForm
from ..log import DRAFT_ID, add_contact, remove_contact
from ..presenters import contact_items
from ..store import case_entries


@login_required
def contact_log(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    view = case_view(case, request)
    entries = timeline(view.case.contacts)
    creditor = request.GET.get("creditor") or None
    shown = timeline(entries, creditor=creditor) if creditor else entries
    findings = view.findings
    agents = {f.contact_id: "、".join(f.words) for f in view.agent_contacts}
    context = {
        "case": case,
        "items": list(reversed(contact_items(shown, case_entries(case), findings, agents))),
        "creditors": list(timelines_by_creditor(entries)),
        "creditor": creditor,
        "finding_count": len(findings),
        "has_debts": bool(view.case.debts),
    }
    return render(request, "contacts/log.html", context)


@login_required
@upload_limit("evidence")
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    if not case.debts.exists():
        messages.error(request, _("先添加债务，再记录与债权人的沟通。"))
        return redirect(case.get_absolute_url())
    initial = {"when": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "debt": request.GET.get("debt", "")}
    form = ContactForm(
        request.POST or None, request.FILES or None, case=case, contact_id=DRAFT_ID, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        uploads, problems = evidence.read_checked(form.cleaned_data["files"])
        for problem in problems:
            form.add_error("files", problem)
        if not problems:
            assert form.entry is not None
            description = _("%(when)s %(channel)s 沟通记录附件（%(creditor)s）") % {
                "when": form.entry.when.strftime("%Y-%m-%d %H:%M"),
                "channel": CHANNEL_LABELS[form.entry.channel],
                "creditor": form.entry.institution,
            }
            try:
                entry = add_contact(case, form.entry, evidence.stage(case, uploads), description)
            except evidence.EvidenceRefused as error:
                form.add_error(None, core_messages.message(error.errors[0]))
            else:
                messages.success(
                    request, _("已记录沟通，附件 %(count)d 个已存入证据库。") % {"count": len(uploads)}
                )
                return redirect(reverse("contacts:log", args=[case.pk]) + f"#contact-{entry.id}")
    status = 400 if request.method == "POST" else 200
    return render(request, "contacts/contact_form.html", {"case": case, "form": form}, status=status)


@login_required
@require_POST
def contact_delete(request: HttpRequest, pk: int, contact_id: str) -> HttpResponse:
    case = get_case_for_user(request, pk)
    try:
        removed = remove_contact(case, contact_id)
    except ValidationError:
        removed = False
    if removed:
        messages.success(request, _("已删除这条沟通记录；它的附件仍保留在证据库中。"))
    return redirect("contacts:log", pk=case.pk)
