"""Cases: the list an account may read, and one case's totals (the dashboard's figures)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from xieshang.accounts.routes import Site
from xieshang.cases import routes as R
from xieshang.cases.access import accessible_cases
from xieshang.cases.reading import read_case
from xieshang.core.bilingual import Text

from .debts import FAILED, checked_case
from .errors import Errors
from .routes import needs
from .schemas import CaseOut, CasePage, PageQuery, maybe_money, money, page_of

router = Router(tags=["cases"])


@router.get("/cases/", response={200: CasePage, 401: Errors}, url_name="case-list")
@needs(Site.SIGNED_IN)
def case_list(request: HttpRequest, query: Query[PageQuery]) -> Any:
    """Every case this account may read (its own, and those shared with it or its organisation)."""
    cases = accessible_cases(request.user).order_by("-updated_at", "-id")
    found = page_of(cases, query)
    found["items"] = [
        {
            "id": case.pk,
            "borrower_name": case.borrower_name,
            "as_of": case.as_of,
            "revision": case.revision,
            "url": request.build_absolute_uri(f"{case.pk}/"),
        }
        for case in found["items"]
    ]
    return Status(200, found)


@router.get("/cases/{int:pk}/", response={200: CaseOut, **FAILED}, url_name="case-detail")
@needs(R.READ, Text("案件概况（API）", "case (API)"))
def case_detail(request: HttpRequest, pk: int) -> Any:
    """The case's totals on its day: what the dashboard shows at the top, and the one monthly amount."""
    case = checked_case(request)
    reading = read_case(case, request)
    view = reading.view
    totals = view.totals if reading.rows else None
    return Status(
        200,
        {
            "id": case.pk,
            "borrower_name": case.borrower_name,
            "as_of": view.as_of,
            "revision": case.revision,
            "debt_count": len(reading.rows),
            "totals": None
            if totals is None
            else {
                "outstanding": money(totals.outstanding),
                "overdue": money(totals.overdue),
                "excess": money(totals.excess),
                "credit": money(totals.credit),
            },
            "available": maybe_money(view.available),
        },
    )
