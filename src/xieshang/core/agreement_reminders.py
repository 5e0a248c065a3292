"""What keeping the agreements asks of the borrower soon: each agreed instalment due (what is left of it), a late
one, a month whose instalments the statement cannot cover, and a review of each agreement.

- Instalments due from ``as_of`` to the end of the window become :class:`~xieshang.core.reminders.DueItem` values
  (what is still unpaid of each), titled 还款协议第 n 期; a calendar also warns three days before.
- An instalment past due and not fully paid is a reminder on ``as_of``: within the grace, the last day to pay it;
  past the grace, that the agreement is broken and the creditor should be contacted.
- The agreed instalments of next month, together, above the one monthly amount: a warning on ``as_of`` naming the
  shortfall, so the creditors can be told before the due dates.
- A review once a year from the day each agreement was made, and at once when the monthly amount available is
  no longer the one recorded when it was signed (income or spending changed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from .agreement_keeping import AgreementState
from .bilingual import Text
from .dates import add_months
from .money import ZERO, yuan
from .reminders import DueItem, Reminder
from .vocabulary import AgreementStatus, ReminderKind

WARN_DAYS = 3
OPEN = (AgreementStatus.AGREED, AgreementStatus.PERFORMING, AgreementStatus.LATE, AgreementStatus.BROKEN)


def instalments_due(states: Iterable[AgreementState], start: date, end: date) -> tuple[DueItem, ...]:
    """What is left of each agreed instalment due from ``start`` to ``end``."""
    items = []
    for state in states:
        for item in state.instalments:
            if start <= item.due <= end and item.remaining > 0:
                items.append(
                    DueItem(
                        item.due,
                        state.agreement.debt_id,
                        item.remaining,
                        f"还款协议第 {item.number} 期",
                        f"agreement instalment {item.number}",
                        WARN_DAYS,
                    )
                )
    return tuple(sorted(items, key=lambda i: (i.date, i.debt_id)))


def next_month_total(states: Iterable[AgreementState], as_of: date) -> tuple[date, Decimal]:
    """The first day of the month after ``as_of`` and what the agreements still ask in that month."""
    month = add_months(as_of.replace(day=1), 1)
    total = ZERO
    for state in states:
        if state.status in OPEN:
            total += sum(
                (
                    i.remaining
                    for i in state.instalments
                    if (i.due.year, i.due.month) == (month.year, month.month)
                ),
                ZERO,
            )
    return month, total


def alerts(
    states: Iterable[AgreementState],
    as_of: date,
    end: date,
    available: Decimal | None,
    names: Mapping[str, str],
) -> tuple[Reminder, ...]:
    """The late instalments, next month's shortfall and the reviews due (module rules), by date."""
    states = [s for s in states if s.status in OPEN]
    out: list[Reminder] = []
    for state in states:
        agreement = state.agreement
        name = names.get(agreement.debt_id, agreement.debt_id)
        late = state.late
        if late and state.in_force:
            first = late[0]
            text = _late_text(name, state)
            out.append(
                Reminder(
                    date=as_of,
                    kind=ReminderKind.AGREEMENT_LATE,
                    debt_id=agreement.debt_id,
                    creditor=name,
                    amount=state.late_amount,
                    title_zh=text.zh,
                    title_en=text.en,
                    key=f"agreement-late:{agreement.id}:{first.number}:{as_of.isoformat()}",
                )
            )
        out.extend(_reviews(state, name, as_of, end, available))
    month, needed = next_month_total(states, as_of)
    if available is not None and needed > available:
        short = needed - available
        out.append(
            Reminder(
                date=as_of,
                kind=ReminderKind.AGREEMENT_SHORTFALL,
                debt_id="",
                amount=needed,
                title_zh=f"{month.year}年{month.month}月各还款协议合计要还 {yuan(needed)}，收支表每月可用 "
                f"{yuan(available)}，差 {yuan(short)}：请在到期前联系债权人说明",
                title_en=f"The agreements ask {yuan(needed)} in {month:%Y-%m}; the statement leaves {yuan(available)}"
                f" a month, {yuan(short)} short: tell the creditors before the due dates",
                key=f"agreement-shortfall:{month:%Y-%m}",
            )
        )
    return tuple(sorted(out, key=lambda r: (r.date, r.key)))


def _late_text(name: str, state: AgreementState) -> Text:
    first = state.late[0]
    head = Text(
        f"{name}：还款协议第 {first.number} 期还差 {yuan(first.remaining)}，已逾期 {state.days_late} 天",
        f"{name}: agreement instalment {first.number} is {yuan(first.remaining)} short, "
        f"{state.days_late} days late",
    )
    breaks = state.breaks_on
    if state.status is AgreementStatus.LATE and breaks is not None:
        return head + Text(
            f"，{breaks:%Y年%m月%d日}前补上才不算违约",
            f"; pay it by {breaks.isoformat()} to keep the agreement",
        )
    return head + Text(
        "，已超过协议的宽限期：请尽快联系对方说明情况、重新协商",
        "; past the agreement's grace: contact them now, explain and renegotiate",
    )


def _reviews(
    state: AgreementState, name: str, as_of: date, end: date, available: Decimal | None
) -> list[Reminder]:
    agreement = state.agreement
    out = []
    signed = agreement.available_at_signing
    if available is not None and signed is not None and available != signed:
        out.append(
            Reminder(
                date=as_of,
                kind=ReminderKind.AGREEMENT_REVIEW,
                debt_id=agreement.debt_id,
                creditor=name,
                title_zh=f"复核与{name}的还款协议：每月可用于还款的金额从签订时的 {yuan(signed)} 变成了 "
                f"{yuan(available)}",
                title_en=f"Review the agreement with {name}: the amount available a month was {yuan(signed)} when "
                f"it was signed and is {yuan(available)} now",
                key=f"agreement-review:{agreement.id}:budget:{signed}:{available}",
            )
        )
    years = 1
    while (anniversary := add_months(agreement.agreed_on, 12 * years)) < as_of:
        years += 1
    if anniversary <= end:
        out.append(
            Reminder(
                date=anniversary,
                kind=ReminderKind.AGREEMENT_REVIEW,
                debt_id=agreement.debt_id,
                creditor=name,
                title_zh=f"与{name}的还款协议已满 {years} 年：核对已还和剩余金额，看看还做得到吗",
                title_en=f"The agreement with {name} is {years} year(s) old: check what was paid and what is left, "
                "and whether you can still keep it",
                key=f"agreement-review:{agreement.id}:{anniversary.isoformat()}",
            )
        )
    return out
