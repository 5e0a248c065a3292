"""The review list of imported transactions (a card per transaction; tapping one opens its category form,
``categorise``): filters (month, direction, category, uncategorised only),
paginated for big imports; and the Excel export of the statement with the transactions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from xieshang.cases.access import get_case_for_user
from xieshang.cases.reading import case_view
from xieshang.core.statement import Household, Statement
from xieshang.documents.statement_xlsx import export_statement

from ..forms import FilterForm
from ..labels import category_label, direction_label
from ..models import ImportedTransaction
from ..store import BILL_TZ, core_transactions
from .categorise import card_anchor

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def transactions(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    rows = ImportedTransaction.objects.filter(case=case).counted()
    months = sorted(set(rows.values_list("month", flat=True)), reverse=True)
    form = FilterForm(request.GET or None, months=months)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("month"):
            rows = rows.filter(month=data["month"])
        if data.get("direction"):
            rows = rows.filter(direction=data["direction"])
        if data.get("category") == "none":
            rows = rows.filter(category="")
        elif data.get("category"):
            rows = rows.filter(category=data["category"])
        if data.get("uncategorised"):
            rows = rows.filter(category="", direction="expense")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    items = [
        {
            "t": t,
            "when": timezone.localtime(t.occurred_at, BILL_TZ),  # the bill's own date, not UTC's
            "category": category_label(t.category),
            "direction": direction_label(t.direction),
            "anchor": card_anchor(t.key),
        }
        for t in page.object_list
    ]
    context = {
        "case": case,
        "form": form,
        "page": page,
        "items": items,
        "query": query.urlencode(),
        "total": ImportedTransaction.objects.filter(case=case).counted().count(),
    }
    return render(request, "budget/transactions.html", context)


@login_required
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The statement (empty if none yet) and every imported transaction, as one workbook."""
    case = get_case_for_user(request, pk)
    statement = case_view(case, request).case.budget or Statement(Household(), ())
    data = export_statement(statement, core_transactions(case))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="xieshang-budget-{case.pk}.xlsx"'
    return response
