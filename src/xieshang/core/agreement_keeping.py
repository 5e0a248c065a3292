"""Keeping an agreement: the debt's payments set against the agreed instalments, each instalment's status, and
where the agreement stands on a day.

Rules (``as_of`` is a parameter; payments dated after it are not counted yet):

- The payments that count are the debt's payments dated on or after the agreement's start (earlier ones paid the
  contract), taken in date order. A payment an instalment names (``AgreedInstalment.payments``) goes to that
  instalment first; whatever it does not need, and every payment no instalment names, goes to the oldest
  instalment not yet paid in full. Several payments may settle one instalment; money beyond every instalment is
  a credit (the borrower's, to be refunded or set off).
- An instalment is *upcoming* until its due date has passed (a payment on the due date is on time); then *paid*
  (in full by its due date), *late* (in full, after it), *partial* (part of it) or *missed* (nothing).
- The agreement is *settled* when everything agreed is paid; *broken* when an instalment is still not paid in
  full more than the agreement's grace days after its due date (no grace stated: none); *late* when one is past
  due within that grace; *performing* once anything was paid under it or an instalment was kept; *agreed* before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .agreements import AgreedInstalment, Agreement, Waived
from .money import ZERO
from .overdue import Outstanding
from .terms import Payment
from .vocabulary import AgreementStatus, InstalmentStatus, OnDefault


@dataclass(frozen=True)
class Applied:
    """Part of one payment applied to one instalment."""

    payment_id: str
    day: date
    amount: Decimal


@dataclass(frozen=True)
class InstalmentState:
    """One agreed instalment on ``as_of``: what was applied to it, when it was paid in full, its status."""

    number: int  # 1-based, in due-date order
    instalment: AgreedInstalment
    applied: tuple[Applied, ...]
    paid_on: date | None  # the day it was paid in full (None: not yet)
    status: InstalmentStatus

    @property
    def due(self) -> date:
        return self.instalment.due

    @property
    def amount(self) -> Decimal:
        return self.instalment.amount

    @property
    def paid(self) -> Decimal:
        return sum((a.amount for a in self.applied), ZERO)

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.paid

    @property
    def days_late(self) -> int:
        """Days past due it was paid in full, or is still unpaid on the day of the state (0 if on time)."""
        if self.paid_on is not None:
            return max((self.paid_on - self.due).days, 0)
        return 0


@dataclass(frozen=True)
class AgreementState:
    """Where one agreement stands on ``as_of`` (see the module docstring for the rules).

    ``at_start`` is what the contract (or the agreement before this one) left owed the day before the start;
    ``late`` the instalments past due and not paid in full, oldest first; ``next`` the first instalment due on
    or after ``as_of`` not yet paid in full; ``breaks_on`` the last day a late instalment can still be paid
    without breaking the agreement.
    """

    agreement: Agreement
    as_of: date
    at_start: Outstanding
    instalments: tuple[InstalmentState, ...]
    credit: Decimal
    status: AgreementStatus

    @property
    def in_force(self) -> bool:
        return self.agreement.starts <= self.as_of

    @property
    def paid(self) -> Decimal:
        return sum((i.paid for i in self.instalments), ZERO)

    @property
    def remaining(self) -> Decimal:
        return max(self.agreement.scheduled - self.paid, ZERO)

    @property
    def waived(self) -> Waived:
        return self.agreement.waived

    @property
    def late(self) -> tuple[InstalmentState, ...]:
        return tuple(i for i in self.instalments if i.due < self.as_of and i.remaining > 0)

    @property
    def late_amount(self) -> Decimal:
        return sum((i.remaining for i in self.late), ZERO)

    @property
    def next(self) -> InstalmentState | None:
        return next((i for i in self.instalments if i.due >= self.as_of and i.remaining > 0), None)

    @property
    def days_late(self) -> int:
        late = self.late
        return (self.as_of - late[0].due).days if late else 0

    @property
    def breaks_on(self) -> date | None:
        late = self.late
        return late[0].due + timedelta(days=self.agreement.grace) if late else None

    @property
    def accelerated(self) -> bool:
        """Broken, and the agreement makes everything left due at once."""
        return self.status is AgreementStatus.BROKEN and self.agreement.on_default is OnDefault.REMAINING_DUE

    @property
    def due_now(self) -> Decimal:
        """What is due and unpaid on the day: the late instalments, or everything left when accelerated."""
        return self.remaining if self.accelerated else self.late_amount

    @property
    def at_risk(self) -> Decimal:
        """What the creditor may claim back if the agreement is broken and its waiver lapses."""
        if self.status is AgreementStatus.BROKEN and self.agreement.on_default is OnDefault.WAIVER_REVOKED:
            return self.agreement.waived.total
        return ZERO


def counted_payments(agreement: Agreement, payments: Iterable[Payment], as_of: date) -> list[Payment]:
    """The payments made under the agreement by ``as_of``: from its start, in date order."""
    start = agreement.starts
    return sorted((p for p in payments if start <= p.date <= as_of), key=lambda p: p.date)


def _instalment_status(
    item: AgreedInstalment, paid: Decimal, paid_on: date | None, as_of: date
) -> InstalmentStatus:
    if paid_on is not None and paid_on <= item.due:
        return InstalmentStatus.PAID
    if item.due >= as_of:
        return InstalmentStatus.UPCOMING
    if paid_on is not None:
        return InstalmentStatus.LATE
    return InstalmentStatus.PARTIAL if paid > 0 else InstalmentStatus.MISSED


def keep(
    agreement: Agreement, payments: Iterable[Payment], as_of: date, at_start: Outstanding
) -> AgreementState:
    """The agreement on ``as_of``: the debt's ``payments`` applied to its instalments (module rules)."""
    order = sorted(range(len(agreement.instalments)), key=lambda k: (agreement.instalments[k].due, k))
    items = [agreement.instalments[k] for k in order]
    room = [i.amount for i in items]
    applied: list[list[Applied]] = [[] for _ in items]
    paid_on: list[date | None] = [None] * len(items)
    named = {pid: n for n, item in enumerate(items) for pid in item.payments}
    credit = ZERO

    def apply(n: int, payment: Payment, amount: Decimal) -> Decimal:
        used = min(amount, room[n])
        if used <= 0:
            return amount
        room[n] -= used
        applied[n].append(Applied(payment.id, payment.date, used))
        if room[n] == 0:
            paid_on[n] = payment.date
        return amount - used

    for payment in counted_payments(agreement, payments, as_of):
        left = payment.amount
        if payment.id in named:
            left = apply(named[payment.id], payment, left)
        for n in range(len(items)):
            if left <= 0:
                break
            left = apply(n, payment, left)
        credit += left
    states = tuple(
        InstalmentState(
            number=n + 1,
            instalment=item,
            applied=tuple(applied[n]),
            paid_on=paid_on[n],
            status=_instalment_status(item, item.amount - room[n], paid_on[n], as_of),
        )
        for n, item in enumerate(items)
    )
    return AgreementState(agreement, as_of, at_start, states, credit, _status(agreement, states, as_of))


def _status(agreement: Agreement, states: tuple[InstalmentState, ...], as_of: date) -> AgreementStatus:
    if agreement.starts > as_of:
        return AgreementStatus.AGREED
    if states and all(s.remaining <= 0 for s in states):
        return AgreementStatus.SETTLED
    late = [s for s in states if s.due < as_of and s.remaining > 0]
    if late:
        end_of_grace = late[0].due + timedelta(days=agreement.grace)
        return AgreementStatus.BROKEN if as_of > end_of_grace else AgreementStatus.LATE
    if any(s.paid > 0 for s in states) or any(s.due < as_of for s in states):
        return AgreementStatus.PERFORMING
    return AgreementStatus.AGREED
