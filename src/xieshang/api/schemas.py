"""What the API answers: money as strings with two decimals (``"1234.50"``), days as ISO dates, names and
labels in the person's language, pages of lists with their count.

Every figure is read from the case view (``cases.reading.read_case``), the object the pages read, so an API
figure is the page's figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import QuerySet
from ninja import Field, Schema

from xieshang.core.money import cents

MONEY_PATTERN = r"^-?\d+\.\d{2}$"
Money = Annotated[str, Field(pattern=MONEY_PATTERN, examples=["1234.50"], description="元，两位小数 / yuan")]
Rate = Annotated[
    str, Field(pattern=r"^-?\d+\.\d{2}$", examples=["24.00"], description="% a year, 2 decimals")
]


def money(amount: Decimal) -> str:
    """``Decimal("1234.5")`` → ``"1234.50"`` (rounded to the 分 by the one rounding, ``core.money.cents``)."""
    return f"{cents(amount):.2f}"


def maybe_money(amount: Decimal | None) -> str | None:
    return None if amount is None else money(amount)


def percent(rate: Decimal | None) -> str | None:
    """A rate (``Decimal("0.2412")``) as the percent a page shows (``"24.12"``)."""
    return None if rate is None else money(rate * 100)


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="第几页，从 1 开始 / 1-based")
    page_size: int = Field(50, ge=1, le=200, description="每页条数 / items per page")


def page_of(items: Sequence[Any] | QuerySet[Any], query: PageQuery) -> dict[str, Any]:
    """One page of ``items``: ``{"count", "page", "pages", "items"}`` (a page past the end is empty)."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    start = (query.page - 1) * query.page_size
    return {
        "count": count,
        "page": query.page,
        "pages": max(1, math.ceil(count / query.page_size)),
        "items": list(items[start : start + query.page_size]),
    }


class PageInfo(Schema):
    count: int
    page: int
    pages: int


class CaseItem(Schema):
    id: int
    borrower_name: str
    as_of: date | None
    revision: int
    url: str


class CasePage(PageInfo):
    items: list[CaseItem]


class Totals(Schema):
    outstanding: Money  # 共欠
    overdue: Money  # 已逾期
    excess: Money  # 超出法律参考线
    credit: Money  # 多还的钱


class CaseOut(Schema):
    id: int
    borrower_name: str
    as_of: date = Field(description="计算日期 / the day the figures are for")
    revision: int
    debt_count: int
    totals: Totals | None
    available: Money | None = Field(description="每月可用于还款的金额 / the one monthly amount")


class DebtItem(Schema):
    id: int
    name: str  # the debt as people name it (its creditor)
    creditor: str
    lender_type: str
    lender_type_label: str
    method: str
    method_label: str
    status: str
    status_label: str
    principal: Money
    outstanding: Money
    overdue: Money
    days_overdue: int
    apr: Rate | None


class DebtPage(PageInfo):
    items: list[DebtItem]


class OutstandingOut(Schema):
    principal: Money
    interest: Money
    penalty: Money
    fees: Money
    total: Money


class DebtOut(DebtItem):
    start_date: date
    term_months: int
    received: Money
    paid: Money  # counted payments (dated on or before as_of)
    due: Money  # what fell due on or before as_of
    outstanding_parts: OutstandingOut
    ear: Rate | None
    cost_note: str  # why there is no true cost ("" when there is one)
    next_due_date: date | None
    next_due_amount: Money | None
    legal_lines_exceeded: int
    warnings: list[str]


class PeriodOut(Schema):
    period: int
    due_date: date
    principal: Money
    interest: Money
    fee: Money
    payment: Money
    balance: Money
    overdue: bool


class SchedulePage(PageInfo):
    items: list[PeriodOut]


class PaymentOut(Schema):
    id: int
    date: date
    amount: Money
    note: str
    counted: bool  # False for a payment dated after the figures' day


class PaymentPage(PageInfo):
    items: list[PaymentOut]


class StepOut(Schema):
    label: str
    amount: Money
    sign: int  # +1 added, −1 subtracted, 0 the result


class StatementOut(Schema):
    exists: bool
    income: Money | None = None
    essential_spending: Money | None = None
    priority: Money | None = None
    available: Money | None = None
    shortfall: bool = False
    working: list[StepOut] = Field(default_factory=list)
    note: str = ""


class MonthOut(Schema):
    month: int
    day: date
    payment: Money
    interest: Money
    balance: Money


class ProposalOut(Schema):
    debt_id: int
    name: str
    option: str  # the option in people's words
    months: int
    first_payment: Money
    total: Money
    waived: Money
    affordable: bool
    rises: bool
    falls: bool
    schedule: list[MonthOut]


class PlanOut(Schema):
    exists: bool
    problem: str = ""
    budget: Money | None = None
    available: Money | None = None
    saving: Money | None = None
    proposals: list[ProposalOut] = Field(default_factory=list)


class ContactOut(Schema):
    id: str  # the contact's id in the case (never reused)
    debt_id: int | None  # the debt it is about (its number in the API), if still in the case
    when: datetime
    channel: str
    channel_label: str
    direction: str
    direction_label: str
    creditor: str
    agency: str
    connected: bool
    counterpart_name: str
    summary: str
    their_promises: str
    our_promises: str
    follow_up: date | None
    attachments: list[str]  # the evidence files' SHA-256


class ContactPage(PageInfo):
    items: list[ContactOut]


class EvidenceOut(Schema):
    seq: int  # the entry's place in the case's evidence ledger
    sha256: str
    size: int
    media_type: str
    recorded_at: str
    description: str
    name: str  # the file's original name
    debt_id: int | None
    contact_id: str
    download: str  # the API address of the file


class EvidencePage(PageInfo):
    items: list[EvidenceOut]


class DocumentKindOut(Schema):
    name: str  # for the download address
    title: str
    per_creditor: bool


class CreditorOut(Schema):
    value: str  # what to send as ``creditor``
    label: str


class GeneratedOut(Schema):
    document: str
    title: str
    creditor: str
    format: str
    filename: str
    sha256: str
    size: int | None
    created_at: datetime


class DocumentsOut(Schema):
    kinds: list[DocumentKindOut]
    formats: list[str]
    creditors: list[CreditorOut]
    notes: list[str]  # what is still missing before the documents are complete
    history: list[GeneratedOut]
