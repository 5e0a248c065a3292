"""The plan as an Excel workbook (协商还款计划.xlsx): POST exports what the builder's form shows now; GET exports
the saved plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from xieshang.cases.access import get_case_for_user
from xieshang.cases.reading import case_view
from xieshang.documents.plan_xlsx import plan_workbook
from xieshang.view import CaseView, PlanResult

from .. import planning
from ..forms import bound_forms
from .builder import page_context, try_build

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_response(view: CaseView, result: PlanResult, case_pk: int) -> HttpResponse:
    names = {key: name.get(get_language()) for key, name in view.names.items()}
    response = HttpResponse(plan_workbook(result, names), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="xieshang-plan-{case_pk}.xlsx"'
    return response


@login_required
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    if request.method == "POST":
        ws = planning.workspace(case, request)
        plan_form, creditor_forms = bound_forms(request.POST, ws.positions)
        result = try_build(ws, plan_form, creditor_forms)
        if result is None:
            context = page_context(ws, plan_form, creditor_forms, None)
            return render(request, "plans/builder.html", context, status=400)
        return workbook_response(ws.view, result, case.pk)
    view = case_view(case, request)
    if view.plan is None:
        messages.error(request, _("还没有保存的协商方案，请先在这里制定并保存。"))
        return redirect("plans:builder", pk=case.pk)
    return workbook_response(view, view.plan, case.pk)
