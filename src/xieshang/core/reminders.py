"""Reminders (提醒): what needs doing soon so the borrower never goes silent.

Four kinds, all computed from values (no clock: ``as_of`` is a parameter):

- ``payment_due``: instalments falling due from ``as_of`` to ``as_of + days`` (from each debt's schedule; plans
  and agreements pass their own instalments as :class:`DueItem` values);
- ``follow_up``: follow-up dates promised in the contact log, in the window, and earlier ones nobody followed up
  (no contact on that debt on or after the date);
- ``silence``: an overdue debt whose creditor has not been contacted for ``silence_days`` days (default 7);
- ``progress_report``: monthly progress report (还款情况汇报) for each debt in negotiation, one month after
  the last one (due at once when none was sent).

Every reminder is titled in Chinese (``title_zh``) and says the same in English (``title_en``): the creditor's
name and the promise the person wrote in the contact log stay as written.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .bilingual import Text
from .case import Case
from .contacts import ContactEntry
from .dates import add_months
from .errors import XieshangError
from .loans import build_schedule
from .money import ZERO, yuan
from .overdue import OverdueStatus, overdue_status
from .schedule import Schedule
from .terms import Loan
from .vocabulary import ReminderKind as ReminderKind

DEFAULT_SILENCE_DAYS = 7
DEFAULT_WINDOW_DAYS = 14


@dataclass(frozen=True)
class DueItem:
    """An instalment of a plan or agreement (passed in by whoever holds them)."""

    date: date
    debt_id: str
    amount: Decimal
    source_zh: str = "还款计划"  # e.g. 还款协议 for an agreement
    source_en: str = "plan"
    warn_days: int = 0  # a calendar warns this many days before, too


@dataclass(frozen=True)
class Reminder:
    """One thing to do on ``date``; ``key`` is stable across runs (calendar UIDs are made from it)."""

    date: date
    kind: ReminderKind
    debt_id: str
    title_zh: str
    title_en: str
    creditor: str = ""
    amount: Decimal | None = None
    detail_zh: str = ""
    key: str = ""
    warn_days: int = 0  # a calendar also warns this many days before (an agreed instalment: 3)

    @property
    def title_text(self) -> Text:
        return Text(self.title_zh, self.title_en)


def _creditor(loan: Loan) -> str:
    return loan.creditor or loan.id


def _payment_reminders(
    case: Case, start: date, end: date, extra: Iterable[DueItem], schedules: Mapping[str, Schedule]
) -> list[Reminder]:
    out = []
    for loan in case.debts:
        try:
            periods = schedules[loan.id].periods if loan.id in schedules else build_schedule(loan).periods
        except XieshangError:  # terms the engine cannot schedule: the case check reports them
            continue
        for p in periods:
            if start <= p.due_date <= end and p.payment > ZERO:
                out.append(
                    Reminder(
                        date=p.due_date,
                        kind=ReminderKind.PAYMENT_DUE,
                        debt_id=loan.id,
                        creditor=_creditor(loan),
                        amount=p.payment,
                        title_zh=f"{_creditor(loan)} 第 {p.period} 期还款 {yuan(p.payment)}",
                        title_en=f"{_creditor(loan)}: instalment {p.period} due, {yuan(p.payment)}",
                        key=f"payment:{loan.id}:{p.period}:{p.due_date.isoformat()}",
                    )
                )
    names = {loan.id: _creditor(loan) for loan in case.debts}
    for item in extra:
        if start <= item.date <= end:
            name = names.get(item.debt_id, item.debt_id)
            out.append(
                Reminder(
                    date=item.date,
                    kind=ReminderKind.PAYMENT_DUE,
                    debt_id=item.debt_id,
                    creditor=name,
                    amount=item.amount,
                    title_zh=f"{name} {item.source_zh}还款 {yuan(item.amount)}",
                    title_en=f"{name}: {item.source_en} payment due, {yuan(item.amount)}",
                    key=f"due:{item.source_en}:{item.debt_id}:{item.date.isoformat()}",
                    warn_days=item.warn_days,
                )
            )
    return out


def _follow_ups(contacts: Iterable[ContactEntry], start: date, end: date) -> list[Reminder]:
    contacts = list(contacts)
    out = []
    for c in contacts:
        if c.follow_up is None or c.follow_up > end:
            continue
        if c.follow_up < start:  # past: still due only if nobody followed up since
            if any(o.debt_id == c.debt_id and o.when.date() >= c.follow_up for o in contacts):
                continue
            late = (start - c.follow_up).days
            note = Text(f"（已过 {late} 天）", f" ({late} {'day' if late == 1 else 'days'} past the date)")
        else:
            note = Text("", "")
        promised = c.our_promises or c.their_promises
        what = Text(f"：{promised}", f": {promised}") if promised else Text("", "")
        out.append(
            Reminder(
                date=c.follow_up,
                kind=ReminderKind.FOLLOW_UP,
                debt_id=c.debt_id,
                creditor=c.institution,
                title_zh=f"跟进 {c.institution}{note.zh}{what.zh}",
                title_en=f"Follow up with {c.institution}{note.en}{what.en}",
                detail_zh=c.summary,
                key=f"follow:{c.id}:{c.follow_up.isoformat()}",
            )
        )
    return out


def _silence(
    case: Case,
    contacts: Iterable[ContactEntry],
    as_of: date,
    days: int,
    statuses: Mapping[str, OverdueStatus],
) -> list[Reminder]:
    contacts = list(contacts)
    out = []
    for loan in case.debts:
        try:
            status = statuses[loan.id] if loan.id in statuses else overdue_status(loan, as_of)
        except XieshangError:
            continue
        if status.days_overdue <= 0:
            continue
        name = _creditor(loan)
        mine = [
            c.when.date() for c in contacts if c.debt_id == loan.id or (loan.creditor and c.creditor == name)
        ]
        last = max((d for d in mine if d <= as_of), default=None)
        if last is not None and (as_of - last).days < days:
            continue
        since = (
            Text(f"已 {(as_of - last).days} 天未联系", f"no contact for {(as_of - last).days} days")
            if last
            else Text("尚无沟通记录", "no contact logged yet")
        )
        days_overdue = status.days_overdue
        out.append(
            Reminder(
                date=as_of,
                kind=ReminderKind.SILENCE,
                debt_id=loan.id,
                creditor=name,
                title_zh=f"{name}：逾期 {days_overdue} 天，{since.zh}，请主动联系说明情况",
                title_en=f"{name}: {days_overdue} days overdue, {since.en} — get in touch and explain your situation",
                key=f"silence:{loan.id}:{as_of.isoformat()}",
            )
        )
    return out


def _progress(
    case: Case, negotiating: Collection[str], last_reports: Mapping[str, date], as_of: date, end: date
) -> list[Reminder]:
    out = []
    for loan in case.debts:
        if loan.id not in negotiating:
            continue
        last = last_reports.get(loan.id)
        due = add_months(last, 1) if last else as_of
        if due > end:
            continue
        name = _creditor(loan)
        out.append(
            Reminder(
                date=due,
                kind=ReminderKind.PROGRESS_REPORT,
                debt_id=loan.id,
                creditor=name,
                title_zh=f"向 {name} 发送还款情况汇报",
                title_en=f"Send {name} a progress report",
                key=f"progress:{loan.id}:{due.isoformat()}",
            )
        )
    return out


def due_reminders(
    case: Case,
    as_of: date,
    *,
    contacts: Iterable[ContactEntry] = (),
    days: int = DEFAULT_WINDOW_DAYS,
    silence_days: int = DEFAULT_SILENCE_DAYS,
    extra_due: Iterable[DueItem] = (),
    negotiating: Collection[str] = (),
    last_reports: Mapping[str, date] | None = None,
    schedules: Mapping[str, Schedule] | None = None,
    overdue: Mapping[str, OverdueStatus] | None = None,
    more: Iterable[Reminder] = (),
) -> tuple[Reminder, ...]:
    """Every reminder due from ``as_of`` to ``as_of + days`` (and unfinished follow-ups before), by date.

    ``schedules`` and ``overdue`` (by debt id) are each debt's schedule and its status on ``as_of`` when the
    caller has them already (the case view does); a debt missing from them is computed here. ``more``: reminders
    made elsewhere (an agreement's: a late instalment, a month that falls short, a review), sorted in.
    """
    if days < 0 or silence_days < 1:
        raise XieshangError("days must be ≥ 0 and silence_days ≥ 1")
    end = as_of + timedelta(days=days)
    contacts = list(contacts)
    found = (
        _payment_reminders(case, as_of, end, extra_due, schedules or {})
        + _follow_ups(contacts, as_of, end)
        + _silence(case, contacts, as_of, silence_days, overdue or {})
        + _progress(case, negotiating, last_reports or {}, as_of, end)
        + list(more)
    )
    order = list(ReminderKind)
    return tuple(sorted(found, key=lambda r: (r.date, order.index(r.kind), r.debt_id, r.key)))
