"""What the dashboard and the debt page show, picked out of the case view and ordered for people.

No rule is decided here: every figure, status and next action is the case view's (``xieshang.view``), computed
once for the request; this module only pairs them with the rows they belong to (for links) and the page's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language

from xieshang.core.money import ZERO
from xieshang.core.vocabulary import ActionKind, label
from xieshang.view import CaseView, CreditorStatus, DebtAnalysis, NextAction, day_for

from .choices import status_choices
from .extensions import proposals_sent
from .labels import confidence_label
from .models import Case, Debt
from .reading import read_case
from .steps import STEPS


@dataclass(frozen=True)
class Card:
    """One creditor's card on the dashboard."""

    debt: Debt
    name: str
    analysis: DebtAnalysis
    next_due: Any  # the next schedule period, or None
    state: CreditorStatus

    @property
    def loan(self) -> Any:
        return self.analysis.loan


@dataclass(frozen=True)
class Action:
    day: date
    text: str
    url: str
    urgent: bool


def _action_url(case: Case, action: NextAction, debt: Debt) -> str:
    """Where each kind of next action is done (the debt's page when the app for it is not installed)."""
    names = {
        ActionKind.CHOOSE_OPTION: "plans:builder",
        ActionKind.SEND_PROPOSAL: "paperwork:documents",
        ActionKind.KEEP_AGREEMENT: "contacts:report",
        ActionKind.PAY_LATE_INSTALMENT: "agreements:list",
        ActionKind.RENEGOTIATE: "agreements:list",
    }
    name = names.get(action.kind)
    if name is not None:
        try:
            return reverse(name, args=[case.pk])
        except NoReverseMatch:
            pass
    return debt.get_absolute_url()


def case_dashboard_context(case: Case, request: HttpRequest | None = None) -> dict[str, Any]:
    reading = read_case(case, request)
    view = reading.view
    lang = get_language()
    negotiation = view.negotiation(proposals_sent(case))
    cards = [
        Card(
            debt,
            view.name(debt.key).get(lang),
            view.debt(debt.key),
            view.next_due(debt.key),
            negotiation.of(debt.key),
        )
        for debt in reading.rows
    ]
    by_key = {debt.key: debt for debt in reading.rows}
    actions = [
        Action(view.as_of, a.text.get(lang), _action_url(case, a, by_key[a.debt_id]), a.urgent)
        for a in negotiation.actions
    ]
    return {
        "view": view,
        "as_of": view.as_of,
        "cards": cards,
        "card_count": len(cards),
        "totals": view.totals if reading.rows else None,
        "steps": STEPS,
        "current_step": negotiation.step,
        "actions": actions,
        "problems": [],
        "status_choices": status_choices(),
    }


def debt_page(case: Case, debt: Debt, request: HttpRequest | None = None) -> dict[str, Any]:
    view: CaseView = read_case(case, request).view
    analysis = view.debt(debt.key)
    loan, as_of = analysis.loan, view.as_of
    schedule = analysis.schedule
    due_total = sum((p.payment for p in schedule.due_on_or_before(as_of)), ZERO)
    paid_total = analysis.overdue.paid_total  # payments dated after as_of are listed but not counted
    if analysis.agreement is not None and analysis.agreement.in_force:  # the schedule is the agreement's
        paid_total = analysis.agreement.paid + analysis.agreement.credit
    overdue_ids = {p.period for p in analysis.overdue.overdue_periods}
    rows = [
        {"period": p, "overdue": p.period in overdue_ids, "due": p.due_date <= as_of}
        for p in schedule.periods
    ]
    lines = [
        {
            "result": r,
            "title": r.title_text,  # Text: the template picks the page's language with |lang
            "reason": r.reason_text,
            "confidence": confidence_label(r.confidence),
            "reported": r.confidence != "text",
        }
        for r in analysis.lines
    ]
    state = analysis.agreement
    wanted = ("nfra-12378", "legal-aid-12348", "pboc-12363")
    channels = [c for c in view.reference.help_channels if c.id in wanted]
    return {
        "as_of": as_of,
        "loan": loan,
        "analysis": analysis,
        "name": view.name(debt.key).get(get_language()),
        "method_label": label(loan.method).get(get_language()),
        "lender_label": label(loan.lender_type).get(get_language()),
        "rows": rows,
        "payments": list(debt.payments.all()),
        "due_total": due_total,
        "paid_total": paid_total,
        "paid_vs_due": paid_total - due_total,
        "lines": [item for item in lines if item["result"].applies],  # the ones that apply come first
        "other_lines": [item for item in lines if not item["result"].applies],  # folded away, still cited
        "channels": channels,
        "cost_problem": analysis.true_cost_note_text,
        "agreement": state,
        "agreement_url": _agreement_url(case, state.agreement.id) if state is not None else "",
    }


def _agreement_url(case: Case, agreement_id: str) -> str:
    """The agreement's page (the agreements app's), or the case page if that app is not installed."""
    try:
        return reverse("agreements:detail", args=[case.pk, agreement_id])
    except NoReverseMatch:
        return case.get_absolute_url()


def as_of_for(case: Case) -> date:
    """The day the figures are computed for (the one rule: ``xieshang.view.day_for``)."""
    return day_for(case.as_of)
