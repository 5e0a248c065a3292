"""还款协议: the case's agreements, recording one (from the plan's proposal or from scratch), editing it, reading
it before signing (the review), marking it signed, and deleting it.

Every view begins with the per-case access check; every write goes through :mod:`..store` (the one write path).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xieshang.cases.access import get_case_for_user
from xieshang.cases.models import Case
from xieshang.cases.reading import case_view
from xieshang.view import Agreement, CaseView

from .. import drafting, presenters
from ..forms import AgreementEditForm
from ..store import AgreementGone, delete_agreement, mark_agreed, save_agreement


def _agreement(view: CaseView, agreement_id: str) -> Agreement:
    try:
        return view.case.agreement(agreement_id)
    except KeyError:
        raise Http404("no such agreement") from None


def _debts(view: CaseView) -> list[tuple[str, str]]:
    return [(d.id, presenters.page_text(view.name(d.id))) for d in view.case.debts]


@login_required
def agreement_list(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    view = case_view(case, request)
    recorded = [presenters.summary(view, a) for a in view.case.agreements]
    agreed = {a.debt_id for a in view.case.agreements}
    proposals = [
        (debt_id, presenters.page_text(view.name(debt_id)))
        for debt_id in view.proposals
        if debt_id not in agreed
    ]
    context = {
        "case": case,
        "recorded": recorded,
        "proposals": proposals,
        "debts": _debts(view),
        "guard": presenters.guard(view),
    }
    return render(request, "agreements/list.html", context)


def _form_page(
    request: HttpRequest, case: Case, view: CaseView, initial: dict[str, Any], agreement_id: str = ""
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = AgreementEditForm(data, initial=initial, debts=_debts(view))
    action = request.POST.get("action", "save")
    if request.method == "POST" and action == "generate":
        form.generate()
    elif request.method == "POST":
        draft = form.agreement()
        if draft is not None:
            try:
                saved = save_agreement(case, draft, agreement_id)
            except AgreementGone:
                raise Http404("no such agreement") from None
            messages.success(request, _("已保存还款协议。下面是签字前的检查结果。"))
            return redirect("agreements:review", pk=case.pk, agreement_id=saved.id)
    context = {
        "case": case,
        "form": form,
        "agreement_id": agreement_id,
        "from_plan": request.GET.get("from") == "plan",
        "guard": presenters.guard(view),
    }
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "agreements/form.html", context, status=status)


@login_required
def agreement_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A new agreement; ``?debt=ID&from=plan`` starts from the plan's proposal to that creditor."""
    case = get_case_for_user(request, pk)
    view = case_view(case, request)
    debt_id = request.GET.get("debt") or (view.case.debts[0].id if view.case.debts else "")
    if not view.case.debts:
        messages.error(request, _("先添加债务，再记录还款协议。"))
        return redirect(case.get_absolute_url())
    if debt_id not in {d.id for d in view.case.debts}:
        raise Http404("no such debt")
    initial = None
    if request.GET.get("from") == "plan":
        initial = drafting.from_proposal(view, debt_id)
    return _form_page(request, case, view, initial or drafting.blank(view, debt_id))


@login_required
def agreement_edit(request: HttpRequest, pk: int, agreement_id: str) -> HttpResponse:
    case = get_case_for_user(request, pk)
    view = case_view(case, request)
    agreement = _agreement(view, agreement_id)
    return _form_page(request, case, view, drafting.from_agreement(agreement), agreement.id)


@login_required
def agreement_review(request: HttpRequest, pk: int, agreement_id: str) -> HttpResponse:
    """Reading the agreement before signing: every finding, the ready text for an oral one, the scam guard."""
    case = get_case_for_user(request, pk)
    view = case_view(case, request)
    agreement = _agreement(view, agreement_id)
    findings = presenters.finding_items(view.review(agreement))
    message = next((f.message for f in findings if f.message), "")
    context = {
        "case": case,
        **presenters.summary(view, agreement),
        "findings": findings,
        "red": sum(1 for f in findings if f.severity == "red"),
        "message": message,
        "terms": presenters.terms(agreement),
        "waived": presenters.waived_rows(agreement),
        "guard": presenters.guard(view),
    }
    return render(request, "agreements/review.html", context)


@login_required
@require_POST
def agreement_agree(request: HttpRequest, pk: int, agreement_id: str) -> HttpResponse:
    case = get_case_for_user(request, pk)
    try:
        mark_agreed(case, agreement_id)
    except AgreementGone:
        raise Http404("no such agreement") from None
    messages.success(request, _("已记录：协议已签字或确认，从开始日起按协议计算。"))
    return redirect("agreements:detail", pk=case.pk, agreement_id=agreement_id)


@login_required
def agreement_delete(request: HttpRequest, pk: int, agreement_id: str) -> HttpResponse:
    case = get_case_for_user(request, pk)
    view = case_view(case, request)
    agreement = _agreement(view, agreement_id)
    if request.method == "POST":
        delete_agreement(case, agreement.id)
        messages.success(request, _("已删除这份还款协议的记录；还款记录和证据文件都保留。"))
        return redirect(reverse("agreements:list", args=[case.pk]))
    context = {"case": case, **presenters.summary(view, agreement)}
    return render(request, "agreements/confirm_delete.html", context)
