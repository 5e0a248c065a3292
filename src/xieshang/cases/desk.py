"""The counsellor's desk: every case the counsellor may open, with what needs doing in each.

Each row is read off the case's own view and reminders (``cases.reading`` and the reminders the contacts app
registers, ``cases.extensions.reminders_of``): overdue instalments, silence warnings, follow-ups due, progress
reports due (the reviews a negotiation owes its creditor each month) and the next date, the figures the case's
own pages show. Nothing is recomputed here. A row is kept in a cache under the case view's key (case, revision,
day, reference data), so a desk of many cases costs one lookup a case once each has been read that day; a row
is made again after any write to its case.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.http import HttpRequest

from xieshang.core.codes import ReminderKind
from xieshang.core.money import ZERO
from xieshang.view import LruCache

from .access import Level
from .extensions import reminders_of
from .models import Case
from .reading import read_case, view_key

NEEDS = ("overdue", "silence", "follow_up", "review", "payment")
SORTS = ("urgent", "name", "updated", "overdue", "next")


@dataclass(frozen=True)
class Work:
    """What needs doing in one case on its day."""

    debts: int = 0
    outstanding: Decimal = ZERO
    overdue_debts: int = 0
    overdue: Decimal = ZERO
    silence: int = 0
    follow_ups: int = 0
    follow_ups_late: int = 0
    reviews: int = 0
    payments: int = 0
    next_date: date | None = None
    as_of: date | None = None

    def has(self, need: str) -> bool:
        return {
            "overdue": self.overdue_debts > 0,
            "silence": self.silence > 0,
            "follow_up": self.follow_ups > 0,
            "review": self.reviews > 0,
            "payment": self.payments > 0,
        }.get(need, True)

    @property
    def urgency(self) -> int:
        """For sorting: late follow-ups and silence first, then overdue debts, then anything due."""
        return (
            4 * self.follow_ups_late
            + 3 * self.silence
            + 2 * self.overdue_debts
            + self.reviews
            + self.follow_ups
            + self.payments
        )


@dataclass(frozen=True)
class DeskRow:
    case: Case
    level: Level
    work: Work
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)


WORK: LruCache[Work] = LruCache(1024)


def work_of(case: Case, request: HttpRequest | None = None) -> Work:
    """What needs doing in ``case`` (kept under its view's key)."""
    key: Hashable = ("desk", view_key(case))
    return WORK.get(key, lambda: _work(case, request))


def _work(case: Case, request: HttpRequest | None) -> Work:
    view = read_case(case, request).view
    if not view.case.debts:
        return Work(as_of=view.as_of)
    late = [d for d in view.analysis.debts if d.overdue.overdue_total > 0]
    reminders = reminders_of(case, request)
    kinds = [r.kind for r in reminders]
    return Work(
        debts=len(view.case.debts),
        outstanding=view.totals.outstanding,
        overdue_debts=len(late),
        overdue=view.totals.overdue,
        silence=kinds.count(ReminderKind.SILENCE),
        follow_ups=kinds.count(ReminderKind.FOLLOW_UP),
        follow_ups_late=sum(1 for r in reminders if r.kind == ReminderKind.FOLLOW_UP and r.date < view.as_of),
        reviews=kinds.count(ReminderKind.PROGRESS_REPORT),
        payments=kinds.count(ReminderKind.PAYMENT_DUE),
        next_date=min((r.date for r in reminders), default=None),
        as_of=view.as_of,
    )


def filtered(rows: Iterable[DeskRow], need: str = "", query: str = "") -> list[DeskRow]:
    query = query.strip().lower()
    return [
        r
        for r in rows
        if (not need or r.work.has(need)) and (not query or query in r.case.borrower_name.lower())
    ]


def ordered(rows: Sequence[DeskRow], sort: str) -> list[DeskRow]:
    if sort == "name":
        return sorted(rows, key=lambda r: r.case.borrower_name)
    if sort == "updated":
        return sorted(rows, key=lambda r: r.case.updated_at, reverse=True)
    if sort == "overdue":
        return sorted(rows, key=lambda r: r.work.overdue, reverse=True)
    if sort == "next":
        return sorted(rows, key=lambda r: (r.work.next_date is None, r.work.next_date or date.max))
    return sorted(rows, key=lambda r: (-r.work.urgency, r.case.borrower_name))
