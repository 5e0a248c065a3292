"""The financial statement (收支表): edit it, prefill it from the imported bills, see the monthly amount
available for unsecured debts with its working; Excel template download and import.

The statement is the case file's ``budget`` section: validated by ``statement_from_dict`` before it is stored
as ``statement_to_dict`` gives it, so the exported case file carries it and re-import round-trips.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from xieshang.casefile.budget import statement_from_dict, statement_to_dict
from xieshang.cases import core_messages
from xieshang.cases.access import get_case_for_user
from xieshang.cases.limits import upload_limit
from xieshang.cases.reading import case_view
from xieshang.core.bill_drift import bill_drift, from_bills, refill, settle
from xieshang.core.errors import ValidationError as CoreValidationError
from xieshang.core.statement import Outcome, Statement
from xieshang.core.summary import prefill_statement, summarise
from xieshang.core.transactions import Transaction
from xieshang.documents.statement_xlsx import budget_template, import_budget
from xieshang.importers.reference import known_lenders

from ..forms import BudgetImportForm, StatementForm
from ..labels import category_label
from ..statement_store import save_statement
from ..store import core_transactions
from .transactions import XLSX


def outcome_context(outcome: Outcome) -> dict[str, Any]:
    signs = {1: "+", -1: "−", 0: "="}
    return {
        "outcome": outcome,
        "working": [
            {
                "label": s.label.get(get_language()),
                "amount": s.amount,
                "sign": signs[s.sign],
                "result": s.sign == 0,
            }
            for s in outcome.working
        ],
    }


def _from_bills(items: list[Transaction]) -> Statement:
    return prefill_statement(summarise(items, known_lenders()))


def _settled(case: Any, budget: dict[str, Any], stored: Statement | None) -> dict[str, Any]:
    """The form's statement with the prefill's note dropped from every figure the person changed after it."""
    typed = statement_from_dict(budget)
    if not any(from_bills(line) for line in typed.lines):
        return budget
    return statement_to_dict(settle(typed, _from_bills(core_transactions(case)), stored))


def drift_rows(stored: Statement, fresh: Statement) -> list[dict[str, Any]]:
    """The saved statement's bill figures that today's bills no longer give, for the page (people's names)."""
    return [
        {"label": category_label(d.category), "saved": d.saved, "now": d.now}
        for d in bill_drift(stored, fresh)
    ]


@login_required
def statement(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    view = case_view(case, request)
    stored = view.case.budget
    prefilled = False
    if request.method == "POST":
        form = StatementForm(request.POST)
        if form.is_valid():
            save_statement(case, _settled(case, form.budget, stored))
            messages.success(request, _("已保存收支表。"))
            return redirect("budget:statement", pk=case.pk)
    elif request.GET.get("prefill"):
        items = core_transactions(case)
        form = StatementForm(statement=refill(stored, _from_bills(items)))
        prefilled = bool(items)
    else:
        form = StatementForm(statement=stored)
    context: dict[str, Any] = {
        "case": case,
        "form": form,
        "stored": stored,
        "prefilled": prefilled,
        "has_bills": case.bill_transactions.counted().exists(),
        "import_form": BudgetImportForm(),
    }
    if view.statement is not None:
        context.update(outcome_context(view.statement))
    if stored is not None and not prefilled and any(from_bills(line) for line in stored.lines):
        context["drift"] = drift_rows(stored, _from_bills(core_transactions(case)))
    status = 400 if request.method == "POST" else 200
    return render(request, "budget/statement.html", context, status=status)


@login_required
def template_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    get_case_for_user(request, pk)
    response = HttpResponse(budget_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="xieshang-budget-template.xlsx"'
    return response


@login_required
@upload_limit("budget")
def import_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """A filled template replaces the statement; every problem names its cell, nothing saved on error."""
    case = get_case_for_user(request, pk)
    form = BudgetImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            parsed = import_budget(form.cleaned_data["file"].read())
            save_statement(case, statement_to_dict(parsed))
        except CoreValidationError as error:
            problems = [
                f"{e.path}: {core_messages.message(e)}" if e.path else core_messages.message(e)
                for e in error.errors
            ]
        else:
            messages.success(request, _("已从 Excel 导入收支表。"))
            return redirect("budget:statement", pk=case.pk)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "form": form, "problems": problems}
    return render(request, "budget/statement_import.html", context, status=status)
