"""不要失联: the reminders of a case, their settings, the .ics download and the secret calendar URL.

The calendar feed (:func:`calendar_feed`) is the one view without a session: a calendar app fetches it with the
user's secret token in the URL, which the user can regenerate (the old URL stops working) or revoke.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xieshang.cases.access import Need, access_to, get_case_for_user
from xieshang.cases.models import Case
from xieshang.documents.ics import reminders_ics

from ..forms import ReminderSettingsForm
from ..models import CalendarToken, new_calendar_token
from ..presenters import reminder_items
from ..reminding import case_reminders, mail_status
from ..store import save_settings, settings_of

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _ics_response(request: HttpRequest, case: Case, filename: str) -> HttpResponse:
    data = reminders_ics(case_reminders(case, request), name=f"协商提醒 · {case.borrower_name}")
    response = HttpResponse(data, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def stay(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    options = settings_of(case)
    owner_email = getattr(case.owner, "email", "") or ""
    form = ReminderSettingsForm(
        request.POST or None,
        owner_email=owner_email,
        initial={
            "silence_days": options.silence_days,
            "window_days": options.window_days,
            "email_reminders": options.email_reminders,
            "email_address": options.email_address,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        save_settings(
            case,
            data["silence_days"],
            data["window_days"],
            email_reminders=data["email_reminders"],
            email_address=data["email_address"],
            email_language=translation.get_language() or "zh-hans",
        )
        messages.success(request, _("已保存提醒设置。"))
        return redirect("contacts:stay", pk=case.pk)
    token = CalendarToken.objects.filter(user_id=request.user.pk).first()
    feed_url = (
        request.build_absolute_uri(reverse("contacts:calendar-feed", args=[case.pk, token.token]))
        if token
        else ""
    )
    context = {
        "case": case,
        "form": form,
        "items": reminder_items(case_reminders(case, request, options=options)),
        "options": options,
        "feed_url": feed_url,
        "mail": mail_status(case, options),
    }
    return render(request, "contacts/stay.html", context, status=400 if request.method == "POST" else 200)


@login_required
def reminders_download(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    return _ics_response(request, case, f"xieshang-reminders-{case.pk}.ics")


@login_required
@require_POST
def calendar_token(request: HttpRequest, pk: int) -> HttpResponse:
    """``action=regenerate`` gives a new secret URL (the old one stops working); ``action=revoke`` ends it."""
    case = get_case_for_user(request, pk)
    if request.POST.get("action") == "revoke":
        CalendarToken.objects.filter(user_id=request.user.pk).delete()
        messages.success(request, _("已停用日历订阅地址。"))
    else:
        CalendarToken.objects.update_or_create(
            user_id=request.user.pk, defaults={"token": new_calendar_token()}
        )
        messages.success(request, _("已生成新的日历订阅地址，旧地址不再有效。"))
    return redirect(reverse("contacts:stay", args=[case.pk]) + "#calendar")


@require_GET
def calendar_feed(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """The subscribable calendar: no session, the secret token identifies the user; anything else is 404."""
    found = CalendarToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if found is None or not secrets.compare_digest(found.token, token):
        raise Http404("no such calendar")
    case = Case.objects.filter(pk=pk).first()
    if case is None or not access_to(found.user, case).allows(Need.READ):  # a revoked share ends the feed too
        raise Http404("no such calendar")
    response = _ics_response(request, case, f"xieshang-{case.pk}.ics")
    response["Cache-Control"] = "private, max-age=900"
    return response
