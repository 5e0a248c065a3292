"""Reminders of a stored case: payment due dates (contract schedules and the negotiation plan), follow-ups,
silence warnings, progress reports due.

The case view (:meth:`xieshang.view.CaseView.reminders`, on ``core.reminders``) decides; this module gives it the
facts the contacts app keeps outside the case file (per-case settings, reports marked as sent) and the dashboard
panel.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from xieshang.cases.extensions import proposals_sent
from xieshang.cases.models import Case
from xieshang.cases.reading import case_view
from xieshang.view import Reminder

from .models import ContactSettings, MailState, ReminderMail, ReportSent
from .presenters import reminder_items
from .store import settings_of

PANEL_LIMIT = 6


def last_reports(case: Case) -> dict[str, date]:
    """When each debt's last progress report was sent."""
    found: dict[str, date] = {}
    for sent in ReportSent.objects.filter(case=case):
        found[sent.debt_key] = max(found.get(sent.debt_key, sent.sent_on), sent.sent_on)
    return found


def case_reminders(
    case: Case, request: HttpRequest | None = None, options: ContactSettings | None = None
) -> list[Reminder]:
    """Every reminder due for ``case`` from its day over the window of its settings."""
    view = case_view(case, request)
    if not view.case.debts:
        return []
    options = options or settings_of(case)
    return list(
        view.reminders(
            options.window_days,
            options.silence_days,
            last_reports=last_reports(case),
            sent=proposals_sent(case),
        )
    )


def reminder_facts(request: HttpRequest, case: Case) -> tuple[object, ...]:
    """What the reminders read beyond the case view: the case's reminder settings, reports sent and mail state."""
    options = settings_of(case)
    mail = tuple(sorted(mail_status(case, options).items()))
    return (options.window_days, options.silence_days, tuple(sorted(last_reports(case).items())), mail)


def reminders_panel(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """The dashboard panel: the first reminders due and a link to all of them; hidden for a case without debts."""
    if not case_view(case, request).case.debts:
        return None
    reminders = case_reminders(case, request)
    return {
        "reminders": reminder_items(reminders[:PANEL_LIMIT]),
        "more": max(len(reminders) - PANEL_LIMIT, 0),
        "stay_url": reverse("contacts:stay", args=[case.pk]),
        "log_url": reverse("contacts:contact-create", args=[case.pk]),
        "mail": mail_status(case),
    }


def mail_status(case: Case, options: ContactSettings | None = None) -> dict[str, Any]:
    """Whether the case's reminders are e-mailed, to where, and the last mail that failed (not sent since)."""
    options = options or settings_of(case)
    failed = ReminderMail.objects.filter(case=case, state=MailState.FAILED).order_by("-updated_at").first()
    if (
        failed is not None
        and ReminderMail.objects.filter(
            case=case, state=MailState.SENT, updated_at__gt=failed.updated_at
        ).exists()
    ):
        failed = None
    return {
        "on": options.email_reminders,
        "to": options.email_address or getattr(case.owner, "email", "") or "",
        "configured": bool(getattr(settings, "EMAIL_CONFIGURED", False)),
        "failed_on": failed.day if failed else None,
    }
