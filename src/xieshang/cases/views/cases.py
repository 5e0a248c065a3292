"""Creating, editing and deleting a case (one borrower's situation)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xieshang.audit.models import Action
from xieshang.core.bilingual import Text

from ..access import get_case_for_user
from ..case_writes import delete_case, update_case
from ..forms import CaseForm
from ..routes import log


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = form.save(commit=False)
        case.owner = request.user
        case.save()
        log(request, Action.CREATE, Text("新建案件", "new case"), case)
        messages.success(request, _("已创建案件。下一步：添加第一笔债务。"))
        return redirect("case", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": None})


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        update_case(case.pk, form.kept_numbers())  # only these columns, on the locked row
        messages.success(request, _("已保存。"))
        return redirect("case", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": case})


@login_required
def case_delete(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    if request.method == "POST":
        name = case.borrower_name
        log(request, Action.DELETE, Text("删除案件", "the case deleted"), case)
        request.audit_done = True  # type: ignore[attr-defined]
        delete_case(case.pk)  # rows, evidence files and ledger; then the database is compacted
        messages.success(request, _("已删除案件“%(name)s”。") % {"name": name})
        return redirect("home")
    return render(
        request,
        "cases/confirm_delete.html",
        {"case": case, "what": case.borrower_name, "cancel_url": case.get_absolute_url()},
    )
