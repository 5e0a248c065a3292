"""Payments replayed against an instalment schedule, day by day: what each payment settled and what it cost.

The rules (:mod:`xieshang.core.overdue` lists them for people) in the order a payment meets them:

1. Everything due on or before the payment's day is settled oldest first, in the contract's order
   (违约金, the period's fee, 罚息, 复利, then interest and principal, or principal before interest).
2. A payment that finds nothing due is an instalment paid early: it pays the next instalment (fee, interest,
   principal, or principal first) up to what that instalment asks, as a bank holds it for the due date.
   One-period loans (一次性还本付息) have no instalment to hold: their interest runs by days, so money paid
   early pays the interest accrued up to its day and then reduces principal.
3. What is left is a prepayment (提前还款): it reduces principal from the last instalment backwards (the
   instalments before keep their principal, the loan ends sooner), and the interest of every instalment after
   the one the payment falls in is recomputed on the reduced balance (民法典 Art. 677; 民间借贷规定 Art. 30:
   interest for the actual period). An instalment with no principal left before it owes no interest and no fee.
   A one-period loan's interest is recomputed for the actual days on each balance.
4. Money beyond all principal and everything due is a credit (多还的钱), never lost.

Once all principal is repaid, the interest and fees of instalments not yet due are dropped, except what was
already paid. 罚息 and 复利 accrue on overdue principal and interest per stretch of days between two payments,
rounded to the 分 once a stretch; 违约金 once per instalment still unpaid after its due date.

:class:`ReplayHistory` records what the legal comparison needs: each instalment's period, the principal its
interest ran on and what it charged, every stretch of overdue accrual and every 违约金 with its day.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .loans import daily_rate, monthly_rate
from .money import ZERO, cents
from .schedule import Period, Schedule
from .terms import Loan, Method, PaymentOrder

DAY = timedelta(days=1)


@dataclass(frozen=True)
class InstalmentCharge:
    """One instalment as the replay charged it (interest recomputed after any prepayment)."""

    period: int
    begin: date  # the period runs from begin to due_date
    due_date: date
    base: Decimal  # principal outstanding over the period (its average, when it changed within the period)
    interest: Decimal
    fee: Decimal


@dataclass(frozen=True)
class OverdueAccrual:
    """Days ``begin+1 … end`` during which ``principal`` was overdue, and the 罚息/复利 they accrued."""

    begin: date
    end: date
    principal: Decimal
    penalty: Decimal
    compound: Decimal

    @property
    def days(self) -> int:
        return (self.end - self.begin).days


@dataclass(frozen=True)
class LateFee:
    day: date  # the day after the due date it was charged for
    amount: Decimal


@dataclass(frozen=True)
class Prepayment:
    day: date
    principal: Decimal  # principal repaid ahead of its instalments


@dataclass(frozen=True)
class ReplayHistory:
    instalments: tuple[InstalmentCharge, ...]
    accruals: tuple[OverdueAccrual, ...]
    late_fees: tuple[LateFee, ...]
    prepayments: tuple[Prepayment, ...]


@dataclass(slots=True)
class Instalment:
    """Working state of one instalment during the replay (mutable; read by ``overdue.py`` at the end)."""

    period: Period
    begin: date
    principal: Decimal  # unpaid
    interest: Decimal  # unpaid
    fee: Decimal  # unpaid
    charged_interest: Decimal
    charged_fee: Decimal
    accrued_to: date
    base: Decimal
    prepaid: Decimal = ZERO  # principal removed by prepayments
    advanced: bool = False  # paid (partly) before its due date as the instalment itself
    late_fee: Decimal = ZERO
    penalty: Decimal = ZERO
    compound: Decimal = ZERO

    @property
    def contractual(self) -> Decimal:
        return self.principal + self.interest + self.fee

    @property
    def owes_nothing(self) -> bool:
        return not (
            self.principal or self.interest or self.fee or self.late_fee or self.penalty or self.compound
        )

    @property
    def scheduled_principal(self) -> Decimal:
        """The principal this instalment still stands for once prepayments are taken out."""
        return self.period.principal - self.prepaid


_DUE_ORDER = {
    PaymentOrder.FEES_INTEREST_PRINCIPAL: ("late_fee", "fee", "penalty", "compound", "interest", "principal"),
    PaymentOrder.PRINCIPAL_FIRST: ("late_fee", "fee", "penalty", "compound", "principal", "interest"),
}
_ADVANCE_ORDER = {
    PaymentOrder.FEES_INTEREST_PRINCIPAL: ("fee", "interest", "principal"),
    PaymentOrder.PRINCIPAL_FIRST: ("fee", "principal", "interest"),
}


class Replay:
    """One chronological sweep over the payments (see the module notes for the rules).

    Instalments are kept oldest first (``due_dates`` for bisection). ``assessed``: ``items[:assessed]`` fell
    due before the last accrual day and had their 违约金 decided; ``accruing``: overdue instalments still
    bearing 罚息/复利; ``settled``: ``items[:settled]`` are due and owe nothing. Prepayments touch every later
    instalment (they are rare); everything else touches only what a step changes.
    """

    def __init__(self, loan: Loan, schedule: Schedule, penalty_rate: Decimal) -> None:
        self.loan = loan
        self.rate = penalty_rate / Decimal(loan.day_count)
        self.compounds = loan.compounds_overdue_interest
        periods = sorted(schedule.periods, key=lambda p: p.due_date)  # stable: build_schedule's are in order
        begins = [loan.start_date, *(p.due_date for p in periods[:-1])]
        balance = sum((p.principal for p in periods), ZERO)
        self.items: list[Instalment] = []
        for period, begin in zip(periods, begins, strict=True):
            self.items.append(
                Instalment(
                    period, begin, period.principal, period.interest, period.fee,
                    period.interest, period.fee, period.due_date, balance,
                )
            )  # fmt: skip
            balance -= period.principal
        self.due_dates = [p.due_date for p in periods]
        self.bullet = loan.method is Method.BULLET and len(self.items) == 1
        if self.bullet:  # interest by days: principal × days, kept exact so prepayments can take days off
            only = self.items[0]
            self.principal_days = only.period.principal * (only.period.due_date - only.begin).days
        self.penalty = self.compound = self.late = self.principal_paid = self.credit = ZERO
        self.principal_left = sum((i.principal for i in self.items), ZERO)
        self.assessed = self.settled = 0
        self.accruing: list[Instalment] = []
        self.dropped_later = False
        self.accruals: list[tuple[date, date, Decimal, Decimal, Decimal]] = []  # summed by stretch at the end
        self.late_fees: list[LateFee] = []
        self.prepayments: list[Prepayment] = []

    # ---- accrual ---------------------------------------------------------------------------------------

    def _bears_charges(self, item: Instalment) -> bool:
        return item.principal != 0 or (self.compounds and item.interest != 0)

    def accrue_to(self, day: date) -> None:
        """Assess 违约金 and accrue 罚息/复利 on everything overdue before ``day``."""
        items, loan = self.items, self.loan
        while self.assessed < len(items) and items[self.assessed].period.due_date < day:
            item = items[self.assessed]
            self.assessed += 1
            if item.contractual > 0:
                instalment = item.scheduled_principal + item.charged_interest + item.charged_fee
                fee = cents(loan.late_fee_fixed + loan.late_fee_rate * instalment)
                item.late_fee += fee
                self.late += fee
                if fee:
                    self.late_fees.append(LateFee(item.period.due_date + DAY, fee))
            if self._bears_charges(item):
                self.accruing.append(item)
        still: list[Instalment] = []
        for item in self.accruing:
            days = (day - item.accrued_to).days
            if days > 0 and self._bears_charges(item):  # a payment may have cleared it since the last day
                penalty = cents(item.principal * self.rate * days)
                compound = cents(item.interest * self.rate * days) if self.compounds else ZERO
                item.penalty += penalty
                item.compound += compound
                self.penalty += penalty
                self.compound += compound
                self.accruals.append((item.accrued_to, day, item.principal, penalty, compound))
                item.accrued_to = day
            if self._bears_charges(item):
                still.append(item)
        self.accruing = still

    # ---- payments --------------------------------------------------------------------------------------

    def pay(self, day: date, amount: Decimal) -> None:
        items, order = self.items, self.loan.payment_order
        due = bisect_right(self.due_dates, day)
        self._skip_settled(due)
        nothing_due = self.settled >= due
        index = self.settled
        while index < due and amount > 0:
            amount = self._settle(items[index], _DUE_ORDER[order], amount)
            index += 1
        if due < len(items) and amount > 0:
            if self.bullet:
                amount = self._bullet_interest_to(day, amount)
            elif nothing_due:
                items[due].advanced = True
                amount = self._settle(items[due], _ADVANCE_ORDER[order], amount)
            if amount > 0:
                amount = self._prepay(day, due, amount)
        if amount > 0:
            self.credit += amount
        self._skip_settled(due)
        if self.principal_left == 0 and not self.dropped_later:
            self.dropped_later = True
            for item in items[due:]:  # settled early: only what was already paid of later interest and fees
                item.charged_interest -= item.interest
                item.charged_fee -= item.fee
                item.interest = item.fee = ZERO

    def _skip_settled(self, due: int) -> None:
        while self.settled < due and self.items[self.settled].owes_nothing:
            self.settled += 1

    def _settle(self, item: Instalment, parts: tuple[str, ...], amount: Decimal) -> Decimal:
        """Pay ``parts`` of ``item`` in order from ``amount`` (> 0); return what is left of it."""
        for part in parts:
            if amount <= 0:
                break
            current: Decimal = getattr(item, part)
            used = min(amount, current)
            if used <= 0:
                continue
            setattr(item, part, current - used)
            amount -= used
            if part == "principal":
                self.principal_paid += used
                self.principal_left -= used
        return amount

    def _bullet_interest_to(self, day: date, amount: Decimal) -> Decimal:
        """A one-period loan paid early: the interest accrued up to ``day`` first."""
        item = self.items[0]
        day = max(day, item.begin)
        rate = self.loan.annual_rate / Decimal(self.loan.day_count)
        ahead = item.principal * (item.period.due_date - day).days  # principal-days still to come
        accrued = cents((self.principal_days - ahead) * rate)
        owed = accrued - (item.charged_interest - item.interest)
        used = min(amount, max(owed, ZERO))
        item.interest -= used
        return amount - used

    def _prepay(self, day: date, due: int, amount: Decimal) -> Decimal:
        """Reduce principal of the instalments not yet due, last first; recompute later interest."""
        items = self.items
        left = amount
        for item in reversed(items[due:]):
            if left <= 0:
                break
            used = min(left, item.principal)
            if used <= 0:
                continue
            item.principal -= used
            item.prepaid += used
            left -= used
        repaid = amount - left
        if repaid <= 0:
            return amount
        self.principal_paid += repaid
        self.principal_left -= repaid
        self.prepayments.append(Prepayment(day, repaid))
        if self.bullet:
            self._bullet_recompute(day, repaid)
        else:
            first = due if day <= items[due].begin and not items[due].advanced else due + 1
            self._recompute(first)
        return left

    def _bullet_recompute(self, day: date, repaid: Decimal) -> None:
        item = self.items[0]
        day = max(day, item.begin)
        self.principal_days -= repaid * (item.period.due_date - day).days
        days = (item.period.due_date - item.begin).days
        paid = item.charged_interest - item.interest
        item.charged_interest = cents(
            self.principal_days * self.loan.annual_rate / Decimal(self.loan.day_count)
        )
        item.interest = max(item.charged_interest - paid, ZERO)
        item.base = self.principal_days / days if days else item.base

    def _recompute(self, first: int) -> None:
        """Interest (and, with nothing outstanding, the fee) of ``items[first:]`` on the reduced balances."""
        items, loan = self.items, self.loan
        outstanding = sum((i.scheduled_principal for i in items[first:]), ZERO)
        monthly = monthly_rate(loan)
        daily = daily_rate(loan)
        for item in items[first:]:
            item.base = outstanding
            if outstanding == 0:
                interest, fee = ZERO, ZERO
            elif loan.method is Method.DAILY:
                interest, fee = (
                    cents(outstanding * daily * (item.period.due_date - item.begin).days),
                    item.charged_fee,
                )
            elif loan.method is Method.CARD_INSTALMENT:
                interest, fee = item.charged_interest, item.charged_fee
            else:
                interest, fee = cents(outstanding * monthly), item.charged_fee
            paid_interest = item.charged_interest - item.interest
            paid_fee = item.charged_fee - item.fee
            item.charged_interest, item.charged_fee = max(interest, paid_interest), max(fee, paid_fee)
            item.interest = item.charged_interest - paid_interest
            item.fee = item.charged_fee - paid_fee
            outstanding -= item.scheduled_principal

    # ---- the record --------------------------------------------------------------------------------------

    def history(self, as_of: date) -> ReplayHistory:
        due = bisect_right(self.due_dates, as_of)
        return ReplayHistory(
            instalments=tuple(
                InstalmentCharge(
                    i.period.period, i.begin, i.period.due_date, i.base, i.charged_interest, i.charged_fee
                )
                for i in self.items[:due]
            ),
            accruals=_stretches(self.accruals),
            late_fees=tuple(self.late_fees),
            prepayments=tuple(self.prepayments),
        )


def _stretches(accruals: list[tuple[date, date, Decimal, Decimal, Decimal]]) -> tuple[OverdueAccrual, ...]:
    """The accruals of every instalment added up per stretch of days (instalments late together share one)."""
    sums: dict[tuple[date, date], list[Decimal]] = {}
    for begin, end, principal, penalty, compound in accruals:
        stretch = sums.setdefault((begin, end), [ZERO, ZERO, ZERO])
        stretch[0] += principal
        stretch[1] += penalty
        stretch[2] += compound
    return tuple(OverdueAccrual(b, e, *values) for (b, e), values in sorted(sums.items()))
