"""The dashboard's agreement panels: each agreement's state and next instalment with the warnings that need acting
on (a late instalment, a broken agreement, a month the statement cannot cover), and the scam guard."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from xieshang.cases.models import Case
from xieshang.cases.reading import case_view

from . import presenters


def agreements_panel(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """Hidden for a case without agreements."""
    view = case_view(case, request)
    if not view.case.agreements:
        return None
    month, needed = view.agreements_next_month
    short = view.available is not None and needed > view.available
    return {
        "items": [presenters.summary(view, a) for a in view.case.agreements],
        "month": month,
        "needed": needed,
        "available": view.available,
        "short": short,
        "shortfall": needed - view.available if short and view.available is not None else None,
        "list_url": reverse("agreements:list", args=[case.pk]),
    }


def guard_panel(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    return presenters.guard(case_view(case, request))
