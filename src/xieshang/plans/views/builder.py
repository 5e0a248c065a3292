"""The plan builder (协商方案): budget, strategy, minimum and the option per creditor; the projection updates as the
person types (htmx swaps the results and the field messages), and a normal submit does the same without JS.
Saving writes the case file's plan section; nothing is saved while any field is wrong.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from xieshang.cases.access import Need, check, get_case_for_user
from xieshang.core.errors import ValidationError
from xieshang.core.vocabulary import OptionKind
from xieshang.view import DebtPosition, PlanResult

from .. import planning
from ..forms import CreditorForm, PlanForm, add_errors, bound_forms, initial_forms, spec_from_forms
from ..presenters import limit_notes, results_context


def try_build(
    ws: planning.Workspace, plan_form: PlanForm, creditor_forms: list[CreditorForm]
) -> PlanResult | None:
    """The plan the bound forms describe; None with the messages put at the fields if anything is wrong."""
    spec = spec_from_forms(plan_form, creditor_forms)
    if spec is None:
        return None
    try:
        return planning.build(ws, spec)
    except ValidationError as error:
        add_errors(plan_form, creditor_forms, error.errors)
        return None


def page_context(
    ws: planning.Workspace,
    plan_form: PlanForm,
    creditor_forms: list[CreditorForm],
    result: PlanResult | None,
) -> dict[str, Any]:
    invalid = plan_form.is_bound and (
        bool(plan_form.errors) or any(bool(form.errors) for form in creditor_forms)
    )
    english = (get_language() or "").startswith("en")
    results = results_context(result, {k: n.get(get_language()) for k, n in ws.view.names.items()})
    rows = {row.position.id: row for row in results.get("creditor_rows", ())}  # type: ignore[attr-defined]
    return {
        "case": ws.case,
        "ws": ws,
        "form": plan_form,
        "creditor_forms": creditor_forms,
        "invalid": invalid,
        "limit_notes": limit_notes(ws.positions, english),
        "budget_url": _budget_url(ws),
        "budget_note": ws.budget_note,
        **results,
        # each creditor's card: its options (the form) and, folded with them, what the plan gives it
        "creditor_cards": [(form, rows.get(form.position.id)) for form in creditor_forms],
    }


@login_required
def builder(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    ws = planning.workspace(case, request)
    if request.method == "POST":
        plan_form, creditor_forms = bound_forms(request.POST, ws.positions)
        result = try_build(ws, plan_form, creditor_forms)
        if result is not None and request.POST.get("action") == "save":
            check(request, case.pk, Need.WRITE)  # trying a plan reads the case; saving one changes it
            try:
                planning.check_saveable(ws, result.spec)
            except ValidationError as error:
                add_errors(plan_form, creditor_forms, error.errors)
            else:
                planning.save_spec(case, result.spec)
                messages.success(request, _("已保存协商方案。导出的案件文件会包含它。"))
                return redirect("plans:builder", pk=case.pk)
        context = page_context(ws, plan_form, creditor_forms, result)
        if request.htmx:
            return render(request, "plans/_update.html", context)
        return render(request, "plans/builder.html", context, status=400 if result is None else 200)
    default = f"{ws.view.available:.2f}" if ws.view.available is not None else ""
    plan_form, creditor_forms = initial_forms(ws.positions, ws.saved, default)
    renegotiate = _renegotiating(creditor_forms, request.GET.get("renegotiate", ""))
    result = None
    if ws.positions:
        bound_plan, bound_creditors = bound_forms(_as_data(plan_form, creditor_forms), ws.positions)
        result = try_build(ws, bound_plan, bound_creditors)
        if result is None and ws.saved is not None:  # say at the fields why the saved plan no longer works
            plan_form, creditor_forms = bound_plan, bound_creditors
    context = page_context(ws, plan_form, creditor_forms, result)
    return render(request, "plans/builder.html", {**context, "renegotiate": renegotiate})


def _renegotiating(creditor_forms: list[CreditorForm], debt_id: str) -> DebtPosition | None:
    """``?renegotiate=ID`` (from an agreement's page): that creditor's option starts as a re-instalment to
    propose, worked out on today's balance (what is left under its agreement)."""
    for form in creditor_forms:
        if debt_id and form.position.id == debt_id:
            form.initial = {**form.initial, "option": OptionKind.REINSTALMENT.value, "proposed": True}
            return form.position
    return None


def _budget_url(ws: planning.Workspace) -> str:
    """The budget statement's page (the budget app's), or the case page if that app is not installed."""
    try:
        return reverse("budget:statement", args=[ws.case.pk])
    except NoReverseMatch:
        return ws.case.get_absolute_url()


def _as_data(plan_form: PlanForm, creditor_forms: list[CreditorForm]) -> dict[str, Any]:
    """The unbound forms' initial values as POST-like data, so the first view shows the stored plan's figures."""
    data: dict[str, Any] = {}
    every: list[Form] = [plan_form, *creditor_forms]
    for form in every:
        for name, field in form.fields.items():
            value = form.get_initial_for_field(field, name)
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif value is not None:
                data[form.add_prefix(name)] = str(value)
    return data
