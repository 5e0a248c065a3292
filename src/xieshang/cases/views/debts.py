"""One debt: create, edit, delete, its page (schedule, payments, overdue, true cost, legal lines), status."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xieshang.core.errors import ValidationError as CoreValidationError
from xieshang.view import LruCache

from .. import debt_writes
from ..access import get_case_for_user, get_debt_for_user
from ..convert import debt_mapping
from ..forms import DebtForm
from ..models import Debt, DebtStatus
from ..presenters import debt_page
from ..reading import read_case
from .payments import undo_notice


def _save(form: DebtForm, case_pk: int, debt_pk: int | None = None) -> Debt | None:
    """The form's debt through the write path; ``None`` with the form's errors set when it is refused."""
    try:
        return debt_writes.save_debt(
            case_pk, form.mapping, debt_pk=debt_pk, status=form.cleaned_data["status"]
        )
    except debt_writes.DebtKeyTaken:
        form.add_error("key", _("这个编号在本案件中已经用过，请换一个。"))
    except CoreValidationError as error:
        form.apply_errors(error)
    return None


@login_required
def debt_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    form = DebtForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid() and form.loan is not None:
        debt = _save(form, case.pk)
        if debt is not None:
            messages.success(request, _("已添加债务“%(name)s”。") % {"name": debt})
            return redirect("case", pk=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/debt_form.html", {"form": form, "case": case, "debt": None}, status=status)


@login_required
def debt_edit(request: HttpRequest, pk: int, debt_pk: int) -> HttpResponse:
    case, debt = get_debt_for_user(request, pk, debt_pk)
    if request.method == "POST":
        form = DebtForm(request.POST, case=case, debt=debt)
        if form.is_valid() and form.loan is not None and _save(form, case.pk, debt.pk) is not None:
            messages.success(request, _("已保存。"))
            return redirect(debt.get_absolute_url())
        return render(request, "cases/debt_form.html", {"form": form, "case": case, "debt": debt}, status=400)
    form = DebtForm(initial=DebtForm.initial_from(debt_mapping(debt), debt.status), case=case, debt=debt)
    return render(request, "cases/debt_form.html", {"form": form, "case": case, "debt": debt})


@login_required
def debt_delete(request: HttpRequest, pk: int, debt_pk: int) -> HttpResponse:
    case, debt = get_debt_for_user(request, pk, debt_pk)
    if request.method == "POST":
        name = str(debt)
        debt_writes.delete_debt(case.pk, debt.pk)
        messages.success(request, _("已删除债务“%(name)s”。") % {"name": name})
        return redirect("case", pk=case.pk)
    return render(
        request,
        "cases/confirm_delete.html",
        {"case": case, "what": str(debt), "cancel_url": debt.get_absolute_url()},
    )


# Rendered debt pages, kept while the case view, the page's language and the browser stay the same.
BODIES: LruCache[tuple[str, str]] = LruCache(64)


@login_required
def debt_detail(request: HttpRequest, pk: int, debt_pk: int) -> HttpResponse:
    case, debt = get_debt_for_user(request, pk, debt_pk)

    def render_body() -> tuple[str, str]:
        context = {"case": case, "debt": debt, **debt_page(case, debt, request)}
        return context["name"], render_to_string("cases/_debt_body.html", context, request)

    get_token(request)  # the payment forms carry the browser's token: the key holds its secret
    key = (read_case(case, request).key, debt.pk, get_language(), request.META.get("CSRF_COOKIE", ""))
    name, body = BODIES.get(key, render_body)
    undo = undo_notice(request, case.pk, debt.pk)  # outside the cached body: shown once, to this browser
    context = {"case": case, "debt": debt, "name": name, "body": mark_safe(body), "undo": undo}
    return render(request, "cases/debt_detail.html", context)


@login_required
@require_POST
def debt_status(request: HttpRequest, pk: int, debt_pk: int) -> HttpResponse:
    """Change the negotiation status (a select on the dashboard card; htmx swaps the card's badge)."""
    case, debt = get_debt_for_user(request, pk, debt_pk)
    status = request.POST.get("status", "")
    if status not in DebtStatus.values:
        return HttpResponse(_("未知的状态"), status=400)
    try:
        debt = debt_writes.set_status(case.pk, debt.pk, status)
    except Debt.DoesNotExist:
        raise Http404("no such debt") from None
    if request.htmx:
        return render(request, "cases/_status_badge.html", {"debt": debt})
    messages.success(request, _("已更新状态。"))
    return redirect("case", pk=case.pk)
