"""Recording what the borrower paid: one payment by hand, or many from a CSV file (date,amount[,note]); deleting
one, with an undo.

Undo: the deletion leaves a signed note of what the payment was in the session; the debt page shows it once as
"已删除 · 撤销", whose button sends the note back to :func:`payment_restore` (good for 15 minutes). Restoring goes
through the write path with the payment's own public id, so an agreement that names it can name it again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import get_debt_for_user
from ..debt_writes import DeletedPayment, PaymentsRefused, delete_payment, restore_payment
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


UNDO = "payment-undo"  # the session key of the last deletion's signed note
UNDO_SALT = "xieshang.payment-undo"
UNDO_SECONDS = 15 * 60


@login_required
@require_POST
def payment_delete(request: HttpRequest, pk: int, debt_pk: int, payment_pk: int) -> HttpResponse:
    case, debt = get_debt_for_user(request, pk, debt_pk)
    deleted = delete_payment(case.pk, debt.pk, payment_pk)
    if deleted is None:
        messages.info(request, _("这笔还款记录已经删除了。"))
    else:
        request.session[UNDO] = signing.dumps({"case": case.pk, **deleted.as_dict()}, salt=UNDO_SALT)
    return redirect(debt.get_absolute_url())


def undo_notice(request: HttpRequest, case_pk: int, debt_pk: int) -> dict[str, object] | None:
    """The deletion to offer undoing on this debt's page (once: it leaves the session as it is shown)."""
    token = request.session.get(UNDO)
    if not token:
        return None
    try:
        note = signing.loads(token, salt=UNDO_SALT, max_age=UNDO_SECONDS)
    except signing.BadSignature:
        request.session.pop(UNDO, None)
        return None
    if note.get("case") != case_pk or note.get("debt_pk") != debt_pk:
        return None
    request.session.pop(UNDO, None)
    return {"token": token, "payment": DeletedPayment.from_dict(note)}


@login_required
@require_POST
def payment_restore(request: HttpRequest, pk: int, debt_pk: int) -> HttpResponse:
    case, debt = get_debt_for_user(request, pk, debt_pk)
    try:
        note = signing.loads(request.POST.get("undo", ""), salt=UNDO_SALT, max_age=UNDO_SECONDS)
    except signing.SignatureExpired:
        messages.error(request, _("撤销的时限（15 分钟）已过：请重新记录这笔还款。"))
        return redirect(debt.get_absolute_url())
    except signing.BadSignature:
        messages.error(request, _("无法撤销：这个撤销链接无效。"))
        return redirect(debt.get_absolute_url())
    if note.get("case") != case.pk or note.get("debt_pk") != debt.pk:
        messages.error(request, _("无法撤销：这个撤销链接无效。"))
        return redirect(debt.get_absolute_url())
    try:
        restored = restore_payment(case.pk, DeletedPayment.from_dict(note))
    except PaymentsRefused as error:
        reason = error.errors[0].get(get_language()) if error.errors else ""
        messages.error(request, _("无法恢复这笔还款：%(reason)s") % {"reason": reason})
        return redirect(debt.get_absolute_url())
    if restored:
        messages.success(request, _("已恢复这笔还款记录。"))
    else:
        messages.info(request, _("这笔还款记录已经恢复过了。"))
    return redirect(debt.get_absolute_url())
