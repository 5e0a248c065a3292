"""The counsellor's desk: every case the counsellor may open, what needs doing in each, filtered and sorted;
and a new case made for a borrower (then invited to it from the case's sharing page)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xieshang.audit.models import Action
from xieshang.core.bilingual import Text

from ..access import access_to, accessible_cases
from ..case_form import CaseForm
from ..desk import NEEDS, SORTS, DeskRow, filtered, ordered, work_of
from ..models import OrganisationNote
from ..routes import log


def desk(request: HttpRequest) -> HttpResponse:
    need = request.GET.get("need", "")
    need = need if need in NEEDS else ""
    sort = request.GET.get("sort", "urgent")
    sort = sort if sort in SORTS else "urgent"
    query = request.GET.get("q", "")[:100]
    cases = list(accessible_cases(request.user).select_related("owner"))
    notes: dict[int, str] = {}
    rows = []
    for case in cases:
        access = access_to(request.user, case)
        rows.append(DeskRow(case, access.level, work_of(case, request)))
        if access.organisation_id is not None:
            notes.setdefault(access.organisation_id, "")
    if notes:
        found = OrganisationNote.objects.filter(case__in=cases, organisation_id__in=notes).values_list(
            "case_id", "text"
        )
        by_case = {case_id: text for case_id, text in found}
        rows = [DeskRow(r.case, r.level, r.work, by_case.get(r.case.pk, "")) for r in rows]
    shown = ordered(filtered(rows, need, query), sort)
    context = {
        "rows": shown,
        "total": len(rows),
        "need": need,
        "sort": sort,
        "q": query,
        "needs": NEEDS,
        "sorts": SORTS,
    }
    return render(request, "cases/desk.html", context)


def desk_new_case(request: HttpRequest) -> HttpResponse:
    """A case the counsellor makes for a borrower; it is the counsellor's until the borrower signs up."""
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = form.save(commit=False)
        case.owner = request.user
        case.save()
        log(request, Action.CREATE, Text("为借款人新建案件", "new case for a borrower"), case)
        messages.success(request, _("已创建案件。下一步：把注册链接发给借款人，注册后案件归借款人所有。"))
        return redirect("case-sharing", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": None, "for_borrower": True})
