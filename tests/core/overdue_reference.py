"""The straightforward replay of ``overdue_status`` for instalment loans, kept as a test oracle.

This began as the code ``core/overdue.py`` ran before it was made fast (commit 1367798) and now follows the
payment rules of :mod:`xieshang.core.replay` (instalments paid early, prepayments reducing principal from the
last instalment with later interest recomputed, one-period loans by days, credits): for every payment it walks
every instalment and recomputes every balance from scratch. It is slow (payments × instalments) but short
enough to check by eye against the module notes, so the hypothesis test in ``test_overdue.py`` holds the fast
replay to it on generated loans. Revolving cards are not replayed here (``overdue_status`` hands them to
:mod:`xieshang.core.cards`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from xieshang.core.loans import build_schedule, daily_rate, monthly_rate
from xieshang.core.money import ZERO, cents
from xieshang.core.overdue import Charges, Outstanding, OverduePeriod, OverdueStatus, overdue_terms
from xieshang.core.schedule import Period
from xieshang.core.terms import Loan, Method, PaymentOrder


@dataclass
class _Instalment:
    period: Period
    begin: date
    principal: Decimal
    interest: Decimal
    fee: Decimal
    charged_interest: Decimal
    charged_fee: Decimal
    accrued_to: date
    prepaid: Decimal = ZERO
    advanced: bool = False
    late_fee: Decimal = ZERO
    penalty: Decimal = ZERO
    compound: Decimal = ZERO
    assessed: bool = False

    @property
    def contractual(self) -> Decimal:
        return self.principal + self.interest + self.fee

    @property
    def owes_nothing(self) -> bool:
        return self.contractual + self.late_fee + self.penalty + self.compound == 0


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
        schedule = build_schedule(loan)
        rate, _basis = overdue_terms(loan, schedule)
        self.rate = rate / Decimal(loan.day_count)
        begins = [loan.start_date, *(p.due_date for p in schedule.periods[:-1])]
        self.items = [
            _Instalment(p, b, p.principal, p.interest, p.fee, p.interest, p.fee, p.due_date)
            for p, b in zip(schedule.periods, begins, strict=True)
        ]
        self.bullet = loan.method is Method.BULLET
        self.prepaid_on: list[tuple[date, Decimal]] = []  # a one-period loan's prepayments
        self.penalty = self.compound = self.late = self.principal_paid = self.credit = ZERO

    def accrue_to(self, day: date) -> None:
        for item in self.items:
            if item.period.due_date >= day:
                continue
            if not item.assessed:
                item.assessed = True
                if item.contractual > 0:
                    instalment = (
                        item.period.principal - item.prepaid + item.charged_interest + item.charged_fee
                    )
                    fee = cents(self.loan.late_fee_fixed + self.loan.late_fee_rate * instalment)
                    item.late_fee += fee
                    self.late += fee
            days = (day - item.accrued_to).days
            if days > 0:
                penalty = cents(item.principal * self.rate * days)
                compound = (
                    cents(item.interest * self.rate * days) if self.loan.compounds_overdue_interest else ZERO
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
        nothing_due = all(i.owes_nothing for i in due)
        for item in due:
            for part in _DUE_ORDER[order]:
                amount -= self._take(item, part, amount)
        if later and amount > 0:
            if self.bullet:
                item = later[0]
                owed = self._bullet_interest(max(day, item.begin)) - (item.charged_interest - item.interest)
                used = min(amount, max(owed, ZERO))
                item.interest -= used
                amount -= used
            elif nothing_due:
                later[0].advanced = True
                for part in _ADVANCE_ORDER[order]:
                    amount -= self._take(later[0], part, amount)
            repaid = ZERO
            for item in reversed(later):
                used = min(amount, item.principal) if amount > 0 else ZERO
                item.principal -= used
                item.prepaid += used
                amount -= used
                repaid += used
            if repaid > 0:
                self.principal_paid += repaid
                self.recompute(day, later, repaid)
        self.credit += max(amount, ZERO)
        if all(i.principal == 0 for i in self.items):
            for item in later:
                item.charged_interest -= item.interest
                item.charged_fee -= item.fee
                item.interest = item.fee = ZERO

    def _bullet_interest(self, until: date) -> Decimal:
        """Interest of a one-period loan from its start to ``until`` on the balances it actually had."""
        item = self.items[0]
        days = (until - item.begin).days
        principal_days = item.period.principal * days - sum(
            (x * (until - max(t, item.begin)).days for t, x in self.prepaid_on if t < until), ZERO
        )
        return cents(principal_days * self.loan.annual_rate / Decimal(self.loan.day_count))

    def recompute(self, day: date, later: list[_Instalment], repaid: Decimal) -> None:
        loan = self.loan
        if self.bullet:
            self.prepaid_on.append((day, repaid))
            item = later[0]
            paid = item.charged_interest - item.interest
            item.charged_interest = self._bullet_interest(item.period.due_date)
            item.interest = max(item.charged_interest - paid, ZERO)
            return
        first = later[0]
        start = 0 if day <= first.begin and not first.advanced else 1
        for index in range(start, len(later)):
            item = later[index]
            outstanding = sum((i.period.principal - i.prepaid for i in later[index:]), ZERO)
            if outstanding == 0:
                interest, fee = ZERO, ZERO
            elif loan.method is Method.DAILY:
                interest = cents(outstanding * daily_rate(loan) * (item.period.due_date - item.begin).days)
                fee = item.charged_fee
            elif loan.method is Method.CARD_INSTALMENT:
                interest, fee = item.charged_interest, item.charged_fee
            else:
                interest, fee = cents(outstanding * monthly_rate(loan)), item.charged_fee
            paid_interest, paid_fee = item.charged_interest - item.interest, item.charged_fee - item.fee
            item.charged_interest, item.charged_fee = max(interest, paid_interest), max(fee, paid_fee)
            item.interest, item.fee = item.charged_interest - paid_interest, item.charged_fee - paid_fee

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
    paid_total = cents(sum((p.amount for p in payments), ZERO))
    if as_of < loan.start_date:
        nothing = Outstanding(ZERO, ZERO, ZERO, ZERO, ZERO)
        return OverdueStatus(
            as_of, 0, (), ZERO, paid_total, nothing, Charges(ZERO, ZERO, ZERO, ZERO, ZERO), credit=paid_total
        )
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
            cents(i.principal),
            cents(i.interest),
            cents(i.fee),
        )
        for i in late
        if i.contractual > 0
    )
    penalty = cents(sum((i.penalty + i.compound for i in items), ZERO))
    late_fees = cents(sum((i.late_fee for i in items), ZERO))
    interest = cents(sum((i.interest for i in due), ZERO))
    fees = cents(sum((i.fee for i in due), ZERO)) + late_fees
    principal = cents(sum((i.principal for i in items), ZERO))
    rate, basis = overdue_terms(loan, build_schedule(loan))
    return OverdueStatus(
        as_of=as_of,
        days_overdue=periods[0].days_overdue if periods else 0,
        overdue_periods=periods,
        overdue_total=cents(sum((i.contractual + i.late_fee + i.penalty + i.compound for i in late), ZERO)),
        paid_total=paid_total,
        outstanding=Outstanding(principal, interest, penalty, fees, principal + interest + penalty + fees),
        charges=Charges(
            interest=cents(sum((i.charged_interest for i in due), ZERO)),
            fees=cents(sum((i.charged_fee for i in due), ZERO)),
            penalty_interest=cents(replay.penalty),
            compound_interest=cents(replay.compound),
            late_fees=cents(replay.late),
        ),
        principal_repaid=cents(replay.principal_paid),
        credit=cents(replay.credit),
        overdue_basis=basis,
        penalty_rate=rate,
    )
