"""Reminders of a stored case: payment due dates (contract schedules and the negotiation plan), follow-ups,
silence warnings, progress reports due.

The core (:func:`xieshang.core.reminders.due_reminders`) decides; this module gathers its inputs from the
database (debts, the contact log, per-case settings, reports marked as sent) and gives the dashboard panel.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from xieshang import reference
from xieshang.casefile.plan import plan_from_dict
from xieshang.cases.convert import core_case, debts_with_payments
from xieshang.cases.models import Case, DebtStatus
from xieshang.cases.presenters import as_of_for
from xieshang.core.case import Case as CoreCase
from xieshang.core.dates import add_months
from xieshang.core.errors import XieshangError
from xieshang.core.plan import build_plan
from xieshang.core.positions import positions_from_case
from xieshang.core.reminders import DueItem, Reminder, due_reminders

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


def plan_due_items(
    case: Case, core: CoreCase, as_of: date, until: date, negotiating: Collection[str]
) -> list[DueItem]:
    """The plan's monthly payments to creditors whose option is proposed and who are in negotiation.

    The plan (the case file's ``plan`` section) is built by the core exactly as the plan page shows it; a plan
    that cannot be built (no budget yet, a debt removed) gives no reminders here — its own page says why.
    """
    data = case.sections.get("plan")
    if not data or not negotiating:
        return []
    try:
        spec = plan_from_dict(data)
        if spec.budget is None:
            return []
        positions = positions_from_case(core, as_of, reference.legal_lines(), reference.lpr_series())
        result = build_plan(positions, spec, as_of, reference.plan_limits())
    except (XieshangError, KeyError):
        return []
    proposed = {c.debt_id for c in spec.choices if c.proposed} & set(negotiating)
    items = []
    for row in result.projection.rows:
        day = add_months(result.projection.start, row.index - 1)
        if day > until:
            break
        for debt_id, amount in row.payments.items():
            if debt_id in proposed and amount > 0:
                items.append(DueItem(day, debt_id, amount, source_zh="还款计划", source_en="plan"))
    return items


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
    core = core_case(case, rows)
    negotiating = {d.key for d in rows if d.status in NEGOTIATING}
    return list(
        due_reminders(
            core,
            day,
            contacts=contacts,
            days=options.window_days,
            silence_days=options.silence_days,
            extra_due=plan_due_items(case, core, day, day + timedelta(days=options.window_days), negotiating),
            negotiating=negotiating,
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
