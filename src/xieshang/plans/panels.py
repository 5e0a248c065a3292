"""The dashboard panel: the saved plan's monthly total and debt-free month (hidden when there is no plan)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from xieshang.cases.models import Case

from . import planning


def plan_panel(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    if planning.SECTION not in case.sections:
        return None
    result = planning.saved_result(case, request)
    if result is None:
        return {"plan": None, "proposals": 0}
    return {"plan": result.projection, "budget": result.budget, "proposals": len(result.proposals)}
