"""Recording what the borrower paid: one payment by hand, or many from a CSV file (date,amount[,note])."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import get_debt_for_user
from ..debt_writes import delete_payment
from ..forms import CsvImportForm, PaymentForm, future_rows
from ..limits import upload_limit
from ..payment_input import PaymentInputError, add_payments, read_payment_csv


@login_required
def payment_create(request: HttpRequest, pk: int, debt_pk: int) -> HttpResponse:
    case, debt = get_debt_for_user(request, pk, debt_pk)
    form = PaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row = {k: form.cleaned_data[k] for k in ("date", "amount", "note") if form.cleaned_data.get(k)}
        try:
            count = add_payments(debt, [row])
        except PaymentInputError as error:
            for field, message in error.field_messages(first_row=0):
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("已记录 %(count)d 笔还款。") % {"count": count})
            return redirect(debt.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request, "cases/payment_form.html", {"form": form, "case": case, "debt": debt}, status=status
    )


@login_required
@upload_limit("payments")
def payment_import(request: HttpRequest, pk: int, debt_pk: int) -> HttpResponse:
    case, debt = get_debt_for_user(request, pk, debt_pk)
    form = CsvImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = read_payment_csv(form.cleaned_data["file"].read())
            problems = future_rows(
                [(r.line, r.values) for r in rows], form.cleaned_data.get("planned", False)
            )
            count = (
                0 if problems else add_payments(debt, [r.values for r in rows], lines=[r.line for r in rows])
            )
        except PaymentInputError as error:
            problems = error.lines()
        if not problems:
            messages.success(request, _("已导入 %(count)d 笔还款。") % {"count": count})
            return redirect(debt.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "case": case, "debt": debt, "problems": problems}
    return render(request, "cases/payment_import.html", context, status=status)


@login_required
@require_POST
def payment_delete(request: HttpRequest, pk: int, debt_pk: int, payment_pk: int) -> HttpResponse:
    case, debt = get_debt_for_user(request, pk, debt_pk)
    delete_payment(case.pk, debt.pk, payment_pk)
    messages.success(request, _("已删除这笔还款记录。"))
    return redirect(debt.get_absolute_url())
