"""What the agreement form starts with: the plan's proposal to the creditor (its total, its months as dated
instalments on the debt's payment day, what it waives, the balance it was worked out from), or the agreement
being edited, or only the debt and today's date.

Nothing is decided here: the proposal's figures are the case view's (``view.proposals``), the same the letters
state; the waiver is split the way the plan counts it (罚息 first, then fees, interest, principal).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from xieshang.core.agreements import Agreement
from xieshang.core.dates import add_months
from xieshang.core.money import ZERO
from xieshang.view import CaseView, CreditorPlan

from .forms import schedule_text


def split_waiver(plan: CreditorPlan) -> dict[str, Decimal]:
    """The proposal's waiver as the parts of the debt it comes out of (罚息, fees, interest, then principal)."""
    left, position = plan.waived, plan.position
    parts: dict[str, Decimal] = {}
    for key, owed in (
        ("penalty", position.penalty),
        ("fees", position.fees),
        ("interest", position.interest),
        ("principal", position.principal),
    ):
        taken = min(left, owed)
        if taken > 0:
            parts[key] = taken
            left -= taken
    return parts


def from_proposal(view: CaseView, debt_id: str) -> dict[str, Any] | None:
    """The form's initial values from the plan's proposal to ``debt_id`` (None: no proposal for it)."""
    plan = view.proposals.get(debt_id)
    if plan is None:
        return None
    day = view.case.debt(debt_id).due_day
    instalments = [(add_months(m.day, 0, day=day), m.payment) for m in plan.schedule if m.payment > 0]
    total = sum((amount for _day, amount in instalments), ZERO)
    balance = plan.position.balance
    waived = split_waiver(plan)
    interest = total - (balance - plan.waived)
    initial: dict[str, Any] = {
        **blank(view, debt_id),
        "balance": f"{balance:.2f}",
        "principal_in_balance": f"{plan.position.principal:.2f}",
        "total": f"{total:.2f}",
        "interest": f"{interest:.2f}" if interest > 0 else "",
        "schedule": schedule_text(instalments),
        **{f"waived_{k}": f"{v:.2f}" for k, v in waived.items()},
    }
    if instalments:
        initial.update(first_due=instalments[0][0], months=len(instalments))
    return initial


def blank(view: CaseView, debt_id: str) -> dict[str, Any]:
    """A new agreement with ``debt_id``, agreed today, its terms not stated yet."""
    return {
        "debt": debt_id,
        "made": "written",
        "agreed_on": view.as_of,
        "on_default": "unstated",
        "credit_reporting": "unstated",
        "payee": "creditor",
        "available_at_signing": f"{view.available:.2f}" if view.available is not None else "",
    }


def from_agreement(agreement: Agreement) -> dict[str, Any]:
    """The form's values for a recorded agreement (to edit it)."""
    a = agreement

    def money(value: Decimal | None) -> str:
        return "" if value is None or (value == 0) else f"{value:.2f}"

    def tri(value: bool | None) -> str:
        return "" if value is None else ("yes" if value else "no")

    items = sorted(a.instalments, key=lambda i: i.due)
    return {
        "debt": a.debt_id,
        "made": a.made.value,
        "agreed_on": a.agreed_on,
        "start": a.start,
        "creditor_party": a.creditor_party,
        "balance": money(a.balance),
        "principal_in_balance": money(a.principal_in_balance),
        "total": f"{a.total:.2f}",
        **{f"waived_{k}": money(getattr(a.waived, k)) for k in ("penalty", "fees", "interest", "principal")},
        "interest": money(a.interest),
        "schedule": schedule_text([(i.due, i.amount) for i in items]),
        "first_due": items[0].due if items else None,
        "months": len(items) or None,
        "grace_days": a.grace_days,
        "on_default": a.on_default.value,
        "collection_stops": tri(a.collection_stops),
        "credit_reporting": a.credit_reporting.value,
        "charges_continue": tri(a.charges_continue),
        "no_new_card": tri(a.no_new_card),
        "payee": a.payee.value,
        "account": a.account,
        "fees": money(a.fees),
        "fee_payee": a.fee_payee,
        "clauses": a.clauses,
        "blanks": a.blanks,
        "confirmation_requested": a.confirmation_requested,
        "confirmed": a.confirmed,
        "signed": not a.draft,
        "notes": a.notes,
        "available_at_signing": money(a.available_at_signing),
    }


def as_data(initial: dict[str, Any]) -> dict[str, Any]:
    """Initial values as the form posts them (dates as ISO text, booleans as "on")."""
    data: dict[str, Any] = {}
    for key, value in initial.items():
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, date):
            data[key] = value.isoformat()
        elif value is not None:
            data[key] = str(value)
    return data
