"""Reminders of a stored case: payment due dates, follow-ups, silence warnings, progress reports due.

The core (:func:`xieshang.core.reminders.due_reminders`) decides; this module gathers its inputs from the
database (debts, the contact log, per-case settings, reports marked as sent) and gives the dashboard panel.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from xieshang.cases.convert import core_case, debts_with_payments
from xieshang.cases.models import Case, DebtStatus
from xieshang.cases.presenters import as_of_for
from xieshang.core.errors import XieshangError
from xieshang.core.reminders import Reminder, due_reminders

from .log import contacts_of
from .models import ContactSettings, ReportSent
from .presenters import reminder_items
from .store import settings_of

NEGOTIATING = (DebtStatus.NEGOTIATING, DebtStatus.AGREED, DebtStatus.PERFORMING)
PANEL_LIMIT = 6


def last_reports(case: Case) -> dict[str, date]:
    """When each debt's last progress report was sent."""
    found: dict[str, date] = {}
    for sent in ReportSent.objects.filter(case=case):
        found[sent.debt_key] = max(found.get(sent.debt_key, sent.sent_on), sent.sent_on)
    return found


def case_reminders(
    case: Case, as_of: date | None = None, options: ContactSettings | None = None
) -> list[Reminder]:
    """Every reminder due for ``case`` from ``as_of`` (default: the case's date) over its window."""
    rows = debts_with_payments(case)
    if not rows:
        return []
    options = options or settings_of(case)
    day = as_of or as_of_for(case)
    try:
        contacts = contacts_of(case)
    except XieshangError:
        contacts = ()
    return list(
        due_reminders(
            core_case(case, rows),
            day,
            contacts=contacts,
            days=options.window_days,
            silence_days=options.silence_days,
            negotiating={d.key for d in rows if d.status in NEGOTIATING},
            last_reports=last_reports(case),
        )
    )


def reminders_panel(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """The dashboard panel: the first reminders due and a link to all of them; hidden for a case without debts."""
    if not case.debts.exists():
        return None
    reminders = case_reminders(case)
    return {
        "reminders": reminder_items(reminders[:PANEL_LIMIT]),
        "more": max(len(reminders) - PANEL_LIMIT, 0),
        "stay_url": reverse("contacts:stay", args=[case.pk]),
        "log_url": reverse("contacts:contact-create", args=[case.pk]),
    }
