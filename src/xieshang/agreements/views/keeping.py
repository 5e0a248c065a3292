"""Keeping an agreement: its instalments (expected against what was paid, each one's status), recording a
payment with its receipt, attaching the signed copy or the call's recording."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from xieshang.cases import core_messages, evidence
from xieshang.cases.access import get_case_for_user
from xieshang.cases.debt_writes import PaymentsRefused
from xieshang.cases.limits import upload_limit
from xieshang.cases.models import Case
from xieshang.cases.reading import case_view
from xieshang.core.money import yuan
from xieshang.view import Agreement, CaseView

from .. import presenters
from ..forms import AgreementFilesForm, PaymentUnderAgreementForm
from ..store import attach, record_payment
from .agreements import _agreement


def _instalment_choices(view: CaseView, agreement: Agreement) -> list[tuple[str, str]]:
    state = view.agreement_state(agreement)
    return [
        (i.instalment.id, f"{i.number} · {i.due.isoformat()} · {yuan(i.remaining)}")
        for i in state.instalments
        if i.instalment.id and i.remaining > 0
    ]


def _renegotiate_url(case: Case, debt_id: str) -> str:
    try:
        return reverse("plans:builder", args=[case.pk]) + f"?renegotiate={debt_id}"
    except NoReverseMatch:
        return case.get_absolute_url()


def _page(
    request: HttpRequest,
    case: Case,
    view: CaseView,
    agreement: Agreement,
    payment_form: PaymentUnderAgreementForm | None = None,
    files_form: AgreementFilesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    state = view.agreement_state(agreement)
    choices = _instalment_choices(view, agreement)
    next_id = state.next.instalment.id if state.next else ""
    first_late = state.late[0].instalment.id if state.late else next_id
    context = {
        "case": case,
        **presenters.summary(view, agreement),
        "rows": presenters.instalment_rows(state),
        "waived": presenters.waived_rows(agreement),
        "payment_form": payment_form
        or PaymentUnderAgreementForm(
            instalments=choices, initial={"date": view.as_of, "instalment": first_late}
        ),
        "files_form": files_form or AgreementFilesForm(),
        "renegotiate_url": _renegotiate_url(case, agreement.debt_id),
        "debt_url": _debt_url(case, agreement.debt_id),
    }
    return render(request, "agreements/detail.html", context, status=status)


def _debt_url(case: Case, debt_id: str) -> str:
    debt = case.debts.filter(key=debt_id).first()
    return debt.get_absolute_url() if debt else case.get_absolute_url()


@login_required
def agreement_detail(request: HttpRequest, pk: int, agreement_id: str) -> HttpResponse:
    case = get_case_for_user(request, pk)
    view = case_view(case, request)
    return _page(request, case, view, _agreement(view, agreement_id))


@login_required
@upload_limit("evidence")
def payment_new(request: HttpRequest, pk: int, agreement_id: str) -> HttpResponse:
    case = get_case_for_user(request, pk)
    view = case_view(case, request)
    agreement = _agreement(view, agreement_id)
    if request.method != "POST":
        return redirect("agreements:detail", pk=case.pk, agreement_id=agreement.id)
    form = PaymentUnderAgreementForm(
        request.POST, request.FILES, instalments=_instalment_choices(view, agreement)
    )
    if form.is_valid():
        uploads, problems = evidence.read_checked(form.cleaned_data["receipts"])
        for problem in problems:
            form.add_error("receipts", problem)
        if not problems:
            values = {
                "date": form.cleaned_data["date"].isoformat(),
                "amount": form.cleaned_data["amount"].strip(),
                **({"note": form.cleaned_data["note"]} if form.cleaned_data.get("note") else {}),
            }
            try:
                record_payment(
                    case,
                    agreement.id,
                    values,
                    form.cleaned_data.get("instalment") or "",
                    evidence.stage(case, uploads),
                )
            except PaymentsRefused as error:
                for problem in error.errors:
                    field = (problem.path or "").rsplit(".", 1)[-1]
                    form.add_error(
                        field if field in ("date", "amount", "note") else None, core_messages.message(problem)
                    )
            except evidence.EvidenceRefused as error:
                form.add_error("receipts", core_messages.message(error.errors[0]))
            else:
                messages.success(request, _("已记录这笔还款。"))
                return redirect("agreements:detail", pk=case.pk, agreement_id=agreement.id)
    return _page(request, case, view, agreement, payment_form=form, status=400)


@login_required
@upload_limit("evidence")
def files_new(request: HttpRequest, pk: int, agreement_id: str) -> HttpResponse:
    case = get_case_for_user(request, pk)
    view = case_view(case, request)
    agreement = _agreement(view, agreement_id)
    if request.method != "POST":
        return redirect("agreements:detail", pk=case.pk, agreement_id=agreement.id)
    form = AgreementFilesForm(request.POST, request.FILES)
    if form.is_valid():
        uploads, problems = evidence.read_checked(form.cleaned_data["files"])
        for problem in problems:
            form.add_error("files", problem)
        if not problems:
            try:
                attach(
                    case,
                    agreement.id,
                    form.cleaned_data["kind"],
                    evidence.stage(case, uploads),
                    form.cleaned_data["note"],
                )
            except evidence.EvidenceRefused as error:
                form.add_error("files", core_messages.message(error.errors[0]))
            else:
                messages.success(request, _("已存入证据库。"))
                return redirect("agreements:detail", pk=case.pk, agreement_id=agreement.id)
    return _page(request, case, view, agreement, files_form=form, status=400)
