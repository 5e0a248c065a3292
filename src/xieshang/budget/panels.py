"""The dashboard panel: the monthly amount available for unsecured debts, or a prompt to fill the statement."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from xieshang.cases.models import Case
from xieshang.core.errors import ValidationError
from xieshang.core.statement import evaluate

from .store import counted_count, stored_statement


def budget_panel(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    try:
        statement = stored_statement(case)
    except ValidationError:
        statement = None
    return {
        "outcome": evaluate(statement) if statement is not None else None,
        "bill_count": counted_count(case),
    }
