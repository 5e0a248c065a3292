"""Debts and payments: read from the case view, written through the pages' own forms and the one write path
(``cases.debt_writes``, ``cases.payment_input``: each takes the case's lock), so a value refused on a page
is refused here with the same located message."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import BeforeValidator

from xieshang.cases import debt_writes
from xieshang.cases import routes as R
from xieshang.cases.access import access_of
from xieshang.cases.forms import DebtForm, PaymentForm
from xieshang.cases.models import Case, Debt, DebtStatus
from xieshang.cases.payment_input import PaymentInputError, add_payments
from xieshang.cases.reading import read_case
from xieshang.core.bilingual import Text
from xieshang.core.vocabulary import label
from xieshang.view import CaseView, DebtAnalysis

from . import errors
from .errors import Errors
from .routes import needs
from .schemas import (
    DebtItem,
    DebtOut,
    DebtPage,
    PageQuery,
    PaymentPage,
    SchedulePage,
    maybe_money,
    money,
    page_of,
    percent,
)

router = Router(tags=["debts"])
FAILED = {400: Errors, 401: Errors, 403: Errors, 404: Errors}


def checked_case(request: HttpRequest, fresh: bool = False) -> Case:
    """The case the route's guard checked (``fresh``: re-read after this request's write)."""
    access = access_of(request)
    if access is None:  # only a route without the guard gets here
        raise RuntimeError("an API case operation must run behind api.routes.guard")
    if fresh:
        access.case.refresh_from_db()
    return access.case


def _debt(request: HttpRequest, pk: int, debt_pk: int) -> tuple[CaseView, Debt] | None:
    case = checked_case(request)
    debt = Debt.objects.filter(case=case, pk=debt_pk).first()
    if debt is None:
        return None
    return read_case(case, request).view, debt


def no_debt() -> Status[Any]:
    return Status(404, {"errors": [errors.problem(_("没有找到这笔债务。"), "path.debt_pk", _("债务编号"))]})


def item(view: CaseView, debt: Debt) -> dict[str, Any]:
    lang = get_language()
    analysis: DebtAnalysis = view.debt(debt.key)
    loan, overdue = analysis.loan, analysis.overdue
    return {
        "id": debt.pk,
        "name": view.name(debt.key).get(lang),
        "creditor": loan.creditor,
        "lender_type": str(loan.lender_type),
        "lender_type_label": label(loan.lender_type).get(lang),
        "method": str(loan.method),
        "method_label": label(loan.method).get(lang),
        "status": debt.status,
        "status_label": str(DebtStatus(debt.status).label),
        "principal": money(loan.principal),
        "outstanding": money(overdue.outstanding.total),
        "overdue": money(overdue.overdue_total),
        "days_overdue": overdue.days_overdue,
        "apr": percent(analysis.true_cost.apr) if analysis.true_cost else None,
    }


@router.get("/cases/{int:pk}/debts/", response={200: DebtPage, **FAILED}, url_name="debt-list")
@needs(R.PAGE, Text("债务（API）", "debts (API)"))
def debt_list(request: HttpRequest, pk: int, query: Query[PageQuery]) -> Any:
    """The case's debts with their figures on the case's day, in the order of the dashboard."""
    case = checked_case(request)
    reading = read_case(case, request)
    return Status(200, page_of([item(reading.view, debt) for debt in reading.rows], query))


def _as_text(value: object) -> object:
    """A JSON number sent for an amount, a rate or a count is read as the text a person would type."""
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


Typed = Annotated[str, BeforeValidator(_as_text)]


class DebtIn(Schema):
    """A new debt, in the fields of the page's form (amounts and dates as text: the case file's rules judge
    them, and refuse with the form's own located messages)."""

    creditor: str = Field("", max_length=200)
    lender_type: str
    method: str
    principal: Typed = ""
    received: Typed = ""
    start_date: str = Field("", description="YYYY-MM-DD")
    term_months: Typed = ""
    annual_rate: Typed = Field("", description="% a year, e.g. 18")
    daily_rate: Typed = ""
    period_fee_rate: Typed = ""
    periodic_fee: Typed = ""
    upfront_fee: Typed = ""
    payment_day: Typed = ""
    penalty_rate_multiplier: Typed = ""
    statement_day: Typed = ""
    due_day: Typed = ""
    statement_minimum: Typed = ""
    min_payment_rate: Typed = ""
    assisted_lending: str = ""
    notes: str = Field("", max_length=5000)
    status: str = DebtStatus.NOT_CONTACTED.value
    planned: bool = Field(False, description="a start date after today is meant (planned)")


@router.post("/cases/{int:pk}/debts/", response={201: DebtOut, 400: Errors, **FAILED}, url_name="debt-create")
@needs(R.PAGE)
def debt_create(request: HttpRequest, pk: int, payload: DebtIn) -> Any:
    """Add a debt (what the page's "add a debt" form does)."""
    case = checked_case(request)
    form = DebtForm({k: v for k, v in payload.dict().items() if v not in ("", False)}, case=case)
    if not (form.is_valid() and form.loan is not None):
        return Status(400, {"errors": errors.form_problems(form)})
    try:
        debt = debt_writes.save_debt(case.pk, form.mapping, status=form.cleaned_data["status"])
    except debt_writes.DebtKeyTaken:
        return Status(400, {"errors": [errors.problem(_("这个编号在本案件中已经用过，请换一个。"))]})
    return Status(201, detail(read_case(checked_case(request, fresh=True), request).view, debt))


def detail(view: CaseView, debt: Debt) -> dict[str, Any]:
    lang = get_language()
    analysis = view.debt(debt.key)
    overdue, as_of = analysis.overdue, view.as_of
    parts = overdue.outstanding
    due = sum((p.payment for p in analysis.schedule.due_on_or_before(as_of)), 0)
    following = view.next_due(debt.key)
    return {
        **item(view, debt),
        "start_date": analysis.loan.start_date,
        "term_months": analysis.loan.term_months,
        "received": money(analysis.loan.cash_received),
        "paid": money(overdue.paid_total),
        "due": money(due),
        "outstanding_parts": {
            "principal": money(parts.principal),
            "interest": money(parts.interest),
            "penalty": money(parts.penalty),
            "fees": money(parts.fees),
            "total": money(parts.total),
        },
        "ear": percent(analysis.true_cost.ear) if analysis.true_cost else None,
        "cost_note": "" if analysis.true_cost else analysis.true_cost_note_text.get(lang),
        "next_due_date": following.due_date if following else None,
        "next_due_amount": maybe_money(following.payment) if following else None,
        "legal_lines_exceeded": sum(1 for r in analysis.lines if r.exceeded),
        "warnings": [w.get(lang) for w in analysis.warnings],
    }


@router.get("/cases/{int:pk}/debts/{int:debt_pk}/", response={200: DebtOut, **FAILED}, url_name="debt-detail")
@needs(R.PAGE, Text("债务（API）", "a debt (API)"))
def debt_detail(request: HttpRequest, pk: int, debt_pk: int) -> Any:
    """One debt's figures: what its page shows at the top (owed, overdue, true cost) and their parts."""
    found = _debt(request, pk, debt_pk)
    if found is None:
        return no_debt()
    return Status(200, detail(*found))


@router.delete("/cases/{int:pk}/debts/{int:debt_pk}/", response={204: None, **FAILED}, url_name="debt-delete")
@needs(R.PAGE)
def debt_delete(request: HttpRequest, pk: int, debt_pk: int) -> Any:
    """Delete a debt and its payments."""
    if not debt_writes.delete_debt(pk, debt_pk):
        return no_debt()
    return Status(204, None)


class StatusIn(Schema):
    status: str = Field(
        description="not_contacted, contacted, negotiating, agreed, performing, settled, broken_down"
    )


@router.post(
    "/cases/{int:pk}/debts/{int:debt_pk}/status/",
    response={200: DebtItem, 400: Errors, **FAILED},
    url_name="debt-status-set",
)
@needs(R.WRITE, Text("协商状态（API）", "negotiation status (API)"))
def debt_status(request: HttpRequest, pk: int, debt_pk: int, payload: StatusIn) -> Any:
    """Record where the negotiation with this creditor stands."""
    if payload.status not in DebtStatus.values:
        choices = "、".join(str(s.label) for s in DebtStatus)
        message = _("协商状态：请从这些中选择一个：%(choices)s") % {"choices": choices}
        return Status(400, {"errors": [errors.problem(message, "body.status", _("协商状态"))]})
    try:
        debt = debt_writes.set_status(pk, debt_pk, payload.status)
    except Debt.DoesNotExist:
        return no_debt()
    return Status(200, item(read_case(checked_case(request, fresh=True), request).view, debt))


@router.get(
    "/cases/{int:pk}/debts/{int:debt_pk}/schedule/",
    response={200: SchedulePage, **FAILED},
    url_name="debt-schedule",
)
@needs(R.READ, Text("还款计划表（API）", "schedule (API)"))
def debt_schedule(request: HttpRequest, pk: int, debt_pk: int, query: Query[PageQuery]) -> Any:
    """The contract's schedule, period by period, with which periods are overdue on the case's day."""
    found = _debt(request, pk, debt_pk)
    if found is None:
        return no_debt()
    view, debt = found
    analysis = view.debt(debt.key)
    late = {p.period for p in analysis.overdue.overdue_periods}
    rows = [
        {
            "period": p.period,
            "due_date": p.due_date,
            "principal": money(p.principal),
            "interest": money(p.interest),
            "fee": money(p.fee),
            "payment": money(p.payment),
            "balance": money(p.balance),
            "overdue": p.period in late,
        }
        for p in analysis.schedule.periods
    ]
    return Status(200, page_of(rows, query))


@router.get(
    "/cases/{int:pk}/debts/{int:debt_pk}/payments/",
    response={200: PaymentPage, **FAILED},
    url_name="payment-list",
)
@needs(R.PAGE, Text("还款记录（API）", "payments (API)"))
def payment_list(request: HttpRequest, pk: int, debt_pk: int, query: Query[PageQuery]) -> Any:
    """What the borrower paid on this debt, oldest first."""
    found = _debt(request, pk, debt_pk)
    if found is None:
        return no_debt()
    return Status(200, page_of(payments(*found), query))


def payments(view: CaseView, debt: Debt) -> list[dict[str, Any]]:
    return [
        {
            "id": p.pk,
            "date": p.date,
            "amount": money(p.amount),
            "note": p.note,
            "counted": p.date <= view.as_of,
        }
        for p in debt.payments.all()
    ]


class PaymentIn(Schema):
    date: str = Field(description="YYYY-MM-DD")
    amount: Typed = Field(description="元, e.g. 1200.50")
    note: str = Field("", max_length=200)
    planned: bool = Field(False, description="a date after today is meant (a planned payment)")


@router.post(
    "/cases/{int:pk}/debts/{int:debt_pk}/payments/",
    response={201: PaymentPage, 400: Errors, **FAILED},
    url_name="payment-create",
)
@needs(R.PAGE)
def payment_create(request: HttpRequest, pk: int, debt_pk: int, payload: PaymentIn) -> Any:
    """Record one payment (what the page's payment form does); answers the debt's payments."""
    found = _debt(request, pk, debt_pk)
    if found is None:
        return no_debt()
    _view, debt = found
    form = PaymentForm({k: v for k, v in payload.dict().items() if v not in ("", False)})
    if not form.is_valid():
        return Status(400, {"errors": errors.form_problems(form)})
    row = {k: form.cleaned_data[k] for k in ("date", "amount", "note") if form.cleaned_data.get(k)}
    try:
        add_payments(debt, [row])
    except PaymentInputError as error:
        for field, message in error.field_messages(first_row=0):
            form.add_error(field if field in form.fields else None, message)
        return Status(400, {"errors": errors.form_problems(form)})
    view = read_case(checked_case(request, fresh=True), request).view
    return Status(201, page_of(payments(view, debt), PageQuery(page=1, page_size=200)))


@router.delete(
    "/cases/{int:pk}/debts/{int:debt_pk}/payments/{int:payment_pk}/",
    response={204: None, **FAILED},
    url_name="payment-delete",
)
@needs(R.WRITE, Text("还款记录（API）", "a payment (API)"))
def payment_delete(request: HttpRequest, pk: int, debt_pk: int, payment_pk: int) -> Any:
    """Delete one payment record."""
    if not debt_writes.delete_payment(pk, debt_pk, payment_pk):
        return Status(
            404,
            {"errors": [errors.problem(_("没有找到这笔还款记录。"), "path.payment_pk", _("还款记录编号"))]},
        )
    return Status(204, None)
