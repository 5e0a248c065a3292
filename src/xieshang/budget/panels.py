"""The dashboard panel: the monthly amount available for unsecured debts, or a prompt to fill the statement."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from xieshang.cases.models import Case
from xieshang.cases.reading import case_view

from .store import counted_count


def budget_facts(request: HttpRequest, case: Case) -> int:
    """Beyond the case view the panel shows how many imported bills count."""
    return counted_count(case)


def budget_panel(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """The statement's working from the case view (the dashboard's own figures) and how many bills count."""
    return {"outcome": case_view(case, request).statement, "bill_count": counted_count(case)}
