"""The financial statement and the plan with its proposals, read from the case view (``view.statement``,
``view.available``, ``view.plan``, ``view.proposals``): the figures the budget page, the plan builder and the
letters show."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Status

from xieshang.cases import routes as R
from xieshang.cases.models import Debt
from xieshang.cases.reading import read_case
from xieshang.core.bilingual import Text
from xieshang.core.vocabulary import label

from .debts import FAILED, checked_case
from .routes import needs
from .schemas import PlanOut, StatementOut, maybe_money, money

router = Router(tags=["figures"])


@router.get("/cases/{int:pk}/statement/", response={200: StatementOut, **FAILED}, url_name="statement")
@needs(R.READ, Text("收支表（API）", "financial statement (API)"))
def statement(request: HttpRequest, pk: int) -> Any:
    """Income − essential spending − priority obligations = what is available for the unsecured debts."""
    view = read_case(checked_case(request), request).view
    lang = get_language()
    outcome = view.statement
    if outcome is None:
        return Status(
            200,
            {
                "exists": False,
                "note": Text("还没有填写收支表", "no financial statement yet").get(lang),
            },
        )
    return Status(
        200,
        {
            "exists": True,
            "income": money(outcome.income),
            "essential_spending": money(outcome.essential_spending),
            "priority": money(outcome.priority),
            "available": money(outcome.available),
            "shortfall": outcome.shortfall,
            "working": [
                {"label": step.label.get(lang), "amount": money(step.amount), "sign": step.sign}
                for step in outcome.working
            ],
            "note": view.budget_note.get(lang) if view.budget_note else "",
        },
    )


@router.get("/cases/{int:pk}/plan/", response={200: PlanOut, **FAILED}, url_name="plan")
@needs(R.READ, Text("还款方案（API）", "plan (API)"))
def plan(request: HttpRequest, pk: int) -> Any:
    """The stored plan built for the case's day, and each proposed creditor's months, payments and total:
    what every letter, spreadsheet and reminder states."""
    case = checked_case(request)
    view = read_case(case, request).view
    lang = get_language()
    if view.plan_spec is None:
        return Status(
            200, {"exists": False, "problem": Text("还没有保存还款方案", "no plan saved yet").get(lang)}
        )
    result = view.plan
    if result is None:
        problem = view.plan_problem
        return Status(
            200,
            {
                "exists": True,
                "problem": problem.get(lang) if problem else "",
                "available": maybe_money(view.available),
            },
        )
    pks = dict(Debt.objects.filter(case=case).values_list("key", "pk"))
    return Status(
        200,
        {
            "exists": True,
            "budget": money(result.budget),
            "available": maybe_money(view.available),
            "saving": money(result.saving),
            "proposals": [
                {
                    "debt_id": pks[debt_id],
                    "name": view.name(debt_id).get(lang),
                    "option": label(creditor.choice.option.kind).get(lang),
                    "months": creditor.months,
                    "first_payment": money(creditor.first_payment),
                    "total": money(creditor.total),
                    "waived": money(creditor.waived),
                    "affordable": creditor.affordable,
                    "rises": creditor.rises,
                    "falls": creditor.falls,
                    "schedule": [
                        {
                            "month": m.month,
                            "day": m.day,
                            "payment": money(m.payment),
                            "interest": money(m.interest),
                            "balance": money(m.balance),
                        }
                        for m in creditor.schedule
                    ],
                }
                for debt_id, creditor in view.proposals.items()
            ],
        },
    )
