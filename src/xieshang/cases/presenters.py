"""What the pages show, assembled from core results. No rule is decided here: the engine
(``xieshang.core``) computes every figure; this module picks them out and orders them for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from xieshang import reference
from xieshang.core.analysis import DebtAnalysis, analyze_case, analyze_debt
from xieshang.core.money import ZERO
from xieshang.core.schedule import Period
from xieshang.core.terms import Loan

from .convert import core_case, debts_with_payments, loan_of
from .labels import confidence_label, lender_label, method_label
from .models import Case, Debt, DebtStatus
from .steps import STEPS, current_step


def as_of_for(case: Case) -> date:
    """The day the figures are computed for: the case's own date if set, else today (Asia/Shanghai)."""
    return case.as_of or timezone.localdate()


@dataclass(frozen=True)
class Card:
    """One creditor's card on the dashboard."""

    debt: Debt
    loan: Loan
    analysis: DebtAnalysis
    next_due: Period | None

    @property
    def method_label(self) -> str:
        return method_label(self.loan.method)

    @property
    def lender_label(self) -> str:
        return lender_label(self.loan.lender_type)


@dataclass(frozen=True)
class Action:
    day: date
    text: str
    url: str
    urgent: bool


def _next_due(analysis: DebtAnalysis, as_of: date) -> Period | None:
    for period in analysis.schedule.periods:
        if period.due_date > as_of:
            return period
    return None


def _actions(cards: list[Card], as_of: date) -> list[Action]:
    """What to do about each creditor now: overdue ones first, then the ones not yet contacted."""
    actions: list[Action] = []
    for card in cards:
        name = str(card.debt)
        url = card.debt.get_absolute_url()
        days = card.analysis.overdue.days_overdue
        if days > 0:
            actions.append(
                Action(
                    as_of,
                    _("%(name)s 已逾期 %(days)d 天：尽快联系，说明情况并提出还款方案")
                    % {"name": name, "days": days},
                    url,
                    True,
                )
            )
        elif card.debt.status == "not_contacted":
            actions.append(
                Action(as_of, _("联系 %(name)s，确认欠款金额和还款账户") % {"name": name}, url, False)
            )
        # Instalments falling due are not repeated here: each creditor card shows its next payment, and the
        # reminders panel lists every due date with its amount.
    actions.sort(key=lambda a: (a.day, not a.urgent))
    return actions[:8]


def case_dashboard_context(case: Case) -> dict[str, Any]:
    as_of = as_of_for(case)
    rows = debts_with_payments(case)
    problems: list[str] = []
    cards: list[Card] = []
    totals: Any = None
    if rows:
        analysis = analyze_case(core_case(case, rows), as_of, reference.legal_lines(), reference.lpr_series())
        totals = analysis.totals
        by_id = {a.loan.id: a for a in analysis.debts}
        for debt in rows:
            item = by_id[debt.key]
            cards.append(Card(debt=debt, loan=item.loan, analysis=item, next_due=_next_due(item, as_of)))
    step = current_step(d.status for d in rows)
    return {
        "as_of": as_of,
        "cards": cards,
        "totals": totals,
        "steps": STEPS,
        "current_step": step,
        "actions": _actions(cards, as_of),
        "problems": problems,
        "status_choices": DebtStatus.choices,
    }


def debt_page(case: Case, debt: Debt) -> dict[str, Any]:
    as_of = as_of_for(case)
    payments = list(debt.payments.all())
    loan = loan_of(debt, payments)
    analysis = analyze_debt(loan, as_of, reference.legal_lines(), reference.lpr_series())
    schedule = analysis.schedule
    due = schedule.due_on_or_before(as_of)
    due_total = sum((p.payment for p in due), ZERO)
    paid_total = analysis.overdue.paid_total  # payments dated after as_of are listed but not counted
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
    channels = [
        c for c in reference.help_channels() if c.id in ("nfra-12378", "legal-aid-12348", "pboc-12363")
    ]
    return {
        "as_of": as_of,
        "loan": loan,
        "analysis": analysis,
        "method_label": method_label(loan.method),
        "lender_label": lender_label(loan.lender_type),
        "rows": rows,
        "payments": payments,
        "due_total": due_total,
        "paid_total": paid_total,
        "paid_vs_due": paid_total - due_total,
        "lines": lines,
        "channels": channels,
        "cost_problem": analysis.true_cost_note_text,
    }
