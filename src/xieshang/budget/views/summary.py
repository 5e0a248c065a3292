"""The monthly summary of the imported bills, with its two charts (inline SVG, tables as text alternative)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from xieshang.cases.access import get_case_for_user
from xieshang.core.summary import summarise
from xieshang.importers.reference import known_lenders

from ..charts import category_chart, monthly_chart
from ..labels import category_label
from ..store import core_transactions


@login_required
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    result = summarise(core_transactions(case), known_lenders())
    categories = [(category_label(c), amount) for c, amount in result.by_category.items()]
    categories.sort(key=lambda r: -r[1])
    averages = {category_label(c): a for c, a in result.average_by_category.items()}
    context = {
        "case": case,
        "summary": result,
        "categories": [(label, amount, averages.get(label)) for label, amount in categories],
        "category_chart": category_chart(categories),
        "monthly_chart": monthly_chart(result),
    }
    return render(request, "budget/summary.html", context)
