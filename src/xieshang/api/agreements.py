"""The repayment agreements of a case (还款协议), read from the case view: each agreement's terms as recorded,
where it stands on the case's day (status, paid, remaining, what is late and until when it can still be paid)
and every agreed instalment with what was applied to it — the figures the agreement pages, the reminders and
the progress report show. Recording and changing agreements is on the pages only (docs/api.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Query, Router, Schema, Status

from xieshang.cases import routes as R
from xieshang.cases.models import Debt
from xieshang.cases.reading import read_case
from xieshang.core.bilingual import Text
from xieshang.core.vocabulary import label
from xieshang.view import AgreementState

from .debts import FAILED, checked_case
from .routes import needs
from .schemas import PageInfo, PageQuery, maybe_money, money, page_of

router = Router(tags=["agreements"])


class InstalmentOut(Schema):
    number: int  # 1-based, in due-date order
    due: date
    amount: str
    paid: str
    remaining: str
    paid_on: date | None  # the day it was paid in full
    status: str
    status_label: str


class AgreementOut(Schema):
    id: str  # the agreement's id in the case (never reused)
    debt_id: int | None  # the debt it settles (its number in the API)
    creditor: str  # the debt's name as the pages give it
    made: str
    made_label: str
    agreed_on: date
    starts: date
    creditor_party: str
    total: str
    waived: str
    fees: str
    status: str
    status_label: str
    in_force: bool
    paid: str
    remaining: str
    late_amount: str
    breaks_on: date | None  # the last day a late instalment keeps the agreement
    next_due: date | None
    next_amount: str | None
    instalments: list[InstalmentOut]


class AgreementPage(PageInfo):
    items: list[AgreementOut]


def _agreement(state: AgreementState, debt_id: int | None, creditor: str, lang: str) -> dict[str, Any]:
    agreement, upcoming = state.agreement, state.next
    return {
        "id": agreement.id,
        "debt_id": debt_id,
        "creditor": creditor,
        "made": str(agreement.made),
        "made_label": label(agreement.made).get(lang),
        "agreed_on": agreement.agreed_on,
        "starts": agreement.starts,
        "creditor_party": agreement.creditor_party,
        "total": money(agreement.total),
        "waived": money(agreement.waived.total),
        "fees": money(agreement.fees),
        "status": str(state.status),
        "status_label": label(state.status).get(lang),
        "in_force": state.in_force,
        "paid": money(state.paid),
        "remaining": money(state.remaining),
        "late_amount": money(state.late_amount),
        "breaks_on": state.breaks_on,
        "next_due": None if upcoming is None else upcoming.due,
        "next_amount": None if upcoming is None else maybe_money(upcoming.remaining),
        "instalments": [
            {
                "number": i.number,
                "due": i.due,
                "amount": money(i.amount),
                "paid": money(i.paid),
                "remaining": money(i.remaining),
                "paid_on": i.paid_on,
                "status": str(i.status),
                "status_label": label(i.status).get(lang),
            }
            for i in state.instalments
        ],
    }


@router.get("/cases/{int:pk}/agreements/", response={200: AgreementPage, **FAILED}, url_name="agreement-list")
@needs(R.READ, Text("还款协议（API）", "repayment agreements (API)"))
def agreement_list(request: HttpRequest, pk: int, query: Query[PageQuery]) -> Any:
    """Every recorded agreement, in the order of the case file, as it stands on the case's day."""
    case = checked_case(request)
    view = read_case(case, request).view
    lang, numbers = get_language(), dict(Debt.objects.filter(case=case).values_list("key", "pk"))
    rows = [
        _agreement(view.agreement_state(a), numbers.get(a.debt_id), view.name(a.debt_id).get(lang), lang)
        for a in view.case.agreements
        if a.debt_id in numbers
    ]
    return Status(200, page_of(rows, query))
