"""还款情况汇报: per creditor and period, the SMS text (≤ 300 characters), the .eml with receipts, mark as sent."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xieshang.cases.access import get_case_for_user
from xieshang.cases.models import Case
from xieshang.cases.presenters import as_of_for
from xieshang.core.contacts import Channel
from xieshang.core.errors import XieshangError
from xieshang.core.progress import SMS_LIMIT, ProgressReport, email_body, email_subject, sms_text

from ..forms import REPORT_CHANNELS, ReportForm
from ..reporting import build_report, default_period, mark_sent, report_eml
from ..store import case_entries


def _form_and_report(
    request: HttpRequest, case: Case, data: object
) -> tuple[ReportForm, ProgressReport | None]:
    entries = case_entries(case)
    receipts = [(e.file_sha256, f"{e.description} · {e.recorded_at[:10]}") for e in entries]
    start, end = default_period(as_of_for(case))
    first = case.debts.first()
    initial = {"period_start": start, "period_end": end, "debt": first.key if first else ""}
    form = ReportForm(data or None, case=case, receipts=receipts, initial=initial)
    if not data or not form.is_valid():
        return form, None
    try:
        return form, build_report(case, form.cleaned_data, entries, request)
    except XieshangError as error:
        form.add_error(None, str(error))
        return form, None


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    if not case.debts.exists():
        messages.error(request, _("先添加债务，再写还款情况汇报。"))
        return redirect(case.get_absolute_url())
    form, made = _form_and_report(request, case, request.GET if "debt" in request.GET else None)
    context = {
        "case": case,
        "form": form,
        "report": made,
        "sms": sms_text(made) if made else "",
        "sms_limit": SMS_LIMIT,
        "subject": email_subject(made) if made else "",
        "body": email_body(made) if made else "",
        "query": request.GET.urlencode(),
        "channels": list(REPORT_CHANNELS.items()),
    }
    return render(request, "contacts/report.html", context, status=400 if form.errors else 200)


@login_required
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The report as an .eml file with the chosen receipts attached (open it in a mail program to send)."""
    case = get_case_for_user(request, pk)
    form, made = _form_and_report(request, case, request.GET)
    if made is None:
        return redirect(reverse("contacts:report", args=[case.pk]) + "?" + request.GET.urlencode())
    data = report_eml(case, made, to=form.cleaned_data.get("to") or "")
    response = HttpResponse(data, content_type="message/rfc822")
    name = f"progress-{made.debt_id}-{made.period_end:%Y%m%d}.eml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def report_sent(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the report as sent: an outgoing contact in the log, and the next report falls due a month later."""
    case = get_case_for_user(request, pk)
    _form, made = _form_and_report(request, case, request.POST)
    channel = request.POST.get("channel", Channel.EMAIL)
    if made is None or channel not in REPORT_CHANNELS:
        messages.error(request, _("汇报内容有误，未记录。请检查后再试。"))
        return redirect(reverse("contacts:report", args=[case.pk]))
    entry = mark_sent(case, made, Channel(channel))
    messages.success(request, _("已记录：汇报已发送给 %(creditor)s。") % {"creditor": made.creditor})
    return redirect(reverse("contacts:log", args=[case.pk]) + f"#contact-{entry.id}")
