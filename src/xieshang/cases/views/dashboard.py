"""The list of a user's cases and one case's dashboard: the seven steps, totals, creditor cards."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..access import get_case_for_user
from ..extensions import panels_for, step_pages
from ..models import Case
from ..presenters import case_dashboard_context
from ..steps import STEPS


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Every case of the signed-in user (a counsellor may help many borrowers); empty → offer the demo."""
    cases = Case.objects.filter(owner_id=request.user.pk).annotate(debt_count=Count("debts"))
    return render(request, "cases/home.html", {"cases": cases})


@login_required
def case_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    step_links = [(step, step_pages(step.slug)) for step in STEPS]
    return render(
        request,
        "cases/dashboard.html",
        {
            "case": case,
            **case_dashboard_context(case, request),
            "step_links": step_links,
            "panels": panels_for(request, case),
        },
    )
