"""The straightforward replay of ``overdue_status`` for instalment loans, kept as a test oracle.

This is the code ``core/overdue.py`` ran before it was made fast (commit 1367798): for every payment it walks
every instalment, accrues every overdue one and settles them oldest first. It is slow (payments × instalments)
but short enough to check by eye against the module notes of :mod:`xieshang.core.overdue`, so the hypothesis
test in ``test_overdue.py`` holds the fast replay to it on generated loans. Revolving cards are not replayed
here (``overdue_status`` hands them to :mod:`xieshang.core.cards`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from xieshang.core.loans import build_schedule
from xieshang.core.money import ZERO, cents
from xieshang.core.overdue import Charges, Outstanding, OverduePeriod, OverdueStatus
from xieshang.core.schedule import Period
from xieshang.core.terms import Loan, PaymentOrder


@dataclass
class _Instalment:
    period: Period
    principal: Decimal
    interest: Decimal
    fee: Decimal
    accrued_to: date
    late_fee: Decimal = ZERO
    penalty: Decimal = ZERO
    compound: Decimal = ZERO
    assessed: bool = False

    @property
    def contractual(self) -> Decimal:
        return self.principal + self.interest + self.fee


_DUE_ORDER = {
    PaymentOrder.FEES_INTEREST_PRINCIPAL: ("late_fee", "fee", "penalty", "compound", "interest", "principal"),
    PaymentOrder.PRINCIPAL_FIRST: ("late_fee", "fee", "penalty", "compound", "principal", "interest"),
}
_ADVANCE_ORDER = {
    PaymentOrder.FEES_INTEREST_PRINCIPAL: ("fee", "interest", "principal"),
    PaymentOrder.PRINCIPAL_FIRST: ("fee", "principal", "interest"),
}


class _Replay:
    def __init__(self, loan: Loan) -> None:
        self.loan = loan
        self.rate = loan.effective_annual_rate_for_penalty / Decimal(loan.day_count)
        self.items = [
            _Instalment(p, p.principal, p.interest, p.fee, p.due_date) for p in build_schedule(loan).periods
        ]
        self.penalty = self.compound = self.late = self.principal_paid = ZERO

    def accrue_to(self, day: date) -> None:
        for item in self.items:
            if item.period.due_date >= day:
                continue
            if not item.assessed:
                item.assessed = True
                if item.contractual > 0:
                    fee = cents(self.loan.late_fee_fixed + self.loan.late_fee_rate * item.period.payment)
                    item.late_fee += fee
                    self.late += fee
            days = (day - item.accrued_to).days
            if days > 0:
                penalty = cents(item.principal * self.rate * days)
                compound = (
                    cents(item.interest * self.rate * days) if self.loan.compound_overdue_interest else ZERO
                )
                item.penalty += penalty
                item.compound += compound
                self.penalty += penalty
                self.compound += compound
                item.accrued_to = day

    def pay(self, day: date, amount: Decimal) -> None:
        order = self.loan.payment_order
        due = [i for i in self.items if i.period.due_date <= day]
        later = [i for i in self.items if i.period.due_date > day]
        for item in due:
            for part in _DUE_ORDER[order]:
                amount -= self._take(item, part, amount)
        if later:
            for part in _ADVANCE_ORDER[order]:
                amount -= self._take(later[0], part, amount)
        for item in later[1:]:
            amount -= self._take(item, "principal", amount)
        if all(i.principal == 0 for i in self.items):
            for item in later:
                kept_interest, kept_fee = item.period.interest - item.interest, item.period.fee - item.fee
                item.interest = item.fee = ZERO
                item.period = Period(
                    item.period.period, item.period.due_date, item.period.principal, kept_interest, kept_fee
                )

    def _take(self, item: _Instalment, part: str, amount: Decimal) -> Decimal:
        if amount <= 0:
            return ZERO
        current: Decimal = getattr(item, part)
        used = min(amount, current)
        setattr(item, part, current - used)
        if part == "principal":
            self.principal_paid += used
        return used


def reference_status(loan: Loan, as_of: date) -> OverdueStatus:
    """``overdue_status(loan, as_of)`` by the slow replay (instalment loans only)."""
    payments = sorted((p for p in loan.payments if p.date <= as_of), key=lambda p: p.date)
    replay = _Replay(loan)
    for payment in payments:
        replay.accrue_to(payment.date)
        replay.pay(payment.date, payment.amount)
    replay.accrue_to(as_of)
    items = replay.items
    late = [i for i in items if i.period.due_date < as_of]
    due = [i for i in items if i.period.due_date <= as_of]
    periods = tuple(
        OverduePeriod(
            i.period.period,
            i.period.due_date,
            (as_of - i.period.due_date).days,
            i.principal,
            i.interest,
            i.fee,
        )
        for i in late
        if i.contractual > 0
    )
    penalty = sum((i.penalty + i.compound for i in items), ZERO)
    late_fees = sum((i.late_fee for i in items), ZERO)
    interest = sum((i.interest for i in due), ZERO)
    fees = sum((i.fee for i in due), ZERO) + late_fees
    principal = sum((i.principal for i in items), ZERO)
    return OverdueStatus(
        as_of=as_of,
        days_overdue=periods[0].days_overdue if periods else 0,
        overdue_periods=periods,
        overdue_total=sum((i.contractual + i.late_fee + i.penalty + i.compound for i in late), ZERO),
        paid_total=sum((p.amount for p in payments), ZERO),
        outstanding=Outstanding(principal, interest, penalty, fees, principal + interest + penalty + fees),
        charges=Charges(
            interest=sum((i.period.interest for i in due), ZERO),
            fees=sum((i.period.fee for i in due), ZERO),
            penalty_interest=replay.penalty,
            compound_interest=replay.compound,
            late_fees=replay.late,
        ),
        principal_repaid=replay.principal_paid,
    )
