"""Where an overdue debt stands on a given day: what is late, for how long, and what it has cost.

Rules (every default overridable by the contract fields of :class:`~xieshang.core.terms.Loan`):

- An instalment is overdue from the day after its due date; a payment on the due date is on time.
  ``days_overdue`` on ``as_of`` = ``as_of − due_date``.
- 罚息 accrues daily on overdue principal at ``loan.effective_annual_rate_for_penalty / loan.day_count``
  (default: contract rate × 1.5). 复利 accrues on overdue contractual interest at the same rate when
  ``loan.compound_overdue_interest``. Neither accrues on fees or on 罚息 itself.
- Rounding: accruals are rounded to the 分 once per accrual segment, a segment being the days between two
  payments (or the last payment and ``as_of``) during which the overdue amounts do not change:
  ``cents(base × rate × days)``. Splitting the days further would only change the last 分.
- 违约金/滞纳金: once per instalment still unpaid after its due date: ``late_fee_fixed + late_fee_rate ×``
  the instalment's scheduled payment.
- Payments (chronological, only those on or before ``as_of``) settle instalments due on or before their date,
  oldest first; within an instalment: fees (违约金, then the period's fee), 罚息, 复利, interest, principal
  (``PaymentOrder.PRINCIPAL_FIRST``: principal before interest). Money left over pays the next instalment in
  advance, then reduces the principal of later instalments, earliest first. Once all principal is repaid,
  the interest and fees of instalments not yet due are dropped (民法典 Art. 677: interest for the actual period);
  interest of partly prepaid instalments is not recomputed.
- Revolving card balances are replayed statement by statement by :mod:`xieshang.core.cards`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .cards import revolving_position
from .money import ZERO, cents
from .schedule import Period, Schedule
from .terms import Loan, Method, PaymentOrder


@dataclass(frozen=True)
class OverduePeriod:
    """The unpaid parts of one instalment that fell due before ``as_of``."""

    period: int
    due_date: date
    days_overdue: int
    principal: Decimal
    interest: Decimal
    fee: Decimal


@dataclass(frozen=True)
class Outstanding:
    """What is still owed on ``as_of``."""

    principal: Decimal  # all principal not yet repaid, due or not
    interest: Decimal  # unpaid interest of instalments due on or before as_of
    penalty: Decimal  # unpaid 罚息 + 复利
    fees: Decimal  # unpaid fees of due instalments + unpaid 违约金
    total: Decimal


@dataclass(frozen=True)
class Charges:
    """Everything charged from the start up to ``as_of``, paid or not."""

    interest: Decimal  # contractual interest of instalments due on or before as_of
    fees: Decimal  # contractual fees of those instalments
    penalty_interest: Decimal  # 罚息
    compound_interest: Decimal  # 复利
    late_fees: Decimal  # 违约金 / 滞纳金


@dataclass(frozen=True)
class OverdueStatus:
    as_of: date
    days_overdue: int  # of the oldest unpaid instalment; 0 if none
    overdue_periods: tuple[OverduePeriod, ...]
    overdue_total: Decimal  # unpaid due principal + interest + fees + 罚息/复利 + 违约金
    paid_total: Decimal
    outstanding: Outstanding
    charges: Charges
    principal_repaid: Decimal = ZERO


@dataclass(slots=True)
class _Instalment:
    """Working state of one instalment during the replay (private and mutable)."""

    period: Period
    principal: Decimal
    interest: Decimal
    fee: Decimal
    accrued_to: date
    late_fee: Decimal = ZERO
    penalty: Decimal = ZERO
    compound: Decimal = ZERO

    @property
    def contractual(self) -> Decimal:
        return self.principal + self.interest + self.fee

    @property
    def owes_nothing(self) -> bool:
        """Nothing at all is owed on it; it stays so (charges accrue only on principal and interest left)."""
        return not (
            self.principal or self.interest or self.fee or self.late_fee or self.penalty or self.compound
        )


_DUE_ORDER = {
    PaymentOrder.FEES_INTEREST_PRINCIPAL: ("late_fee", "fee", "penalty", "compound", "interest", "principal"),
    PaymentOrder.PRINCIPAL_FIRST: ("late_fee", "fee", "penalty", "compound", "principal", "interest"),
}
_ADVANCE_ORDER = {
    PaymentOrder.FEES_INTEREST_PRINCIPAL: ("fee", "interest", "principal"),
    PaymentOrder.PRINCIPAL_FIRST: ("fee", "principal", "interest"),
}
_PRINCIPAL_ONLY = ("principal",)


class _Replay:
    """One chronological sweep over the payments, touching only the instalments a step can change.

    Instalments are kept oldest first (``due_dates`` for bisection), so a payment on ``day`` sees the due ones
    as ``items[:k]`` (a schedule given out of date order is replayed oldest first too, as the module notes say;
    ``build_schedule``'s always are in order). Three indexes keep every step proportional to what it changes, not to the term:

    - ``assessed``: ``items[:assessed]`` fell due before the last accrual day and had their 违约金 decided;
    - ``accruing``: the overdue instalments that still bear 罚息/复利 (principal, or with 复利 interest, left);
      an instalment leaves it for good once those are paid, since they never grow again;
    - ``settled``: ``items[:settled]`` are due and owe nothing at all. A payment starts at the oldest
      instalment after them. Taking from an instalment that owes nothing moves no money, but Decimal
      subtraction keeps the smaller exponent of its zeros (``5 − 0.00`` is ``5.00``): ``settled_zero`` and
      ``settled_principal_zero`` (their zeros added up) carry exactly that, so every figure keeps its digits.
    """

    def __init__(self, loan: Loan, schedule: Schedule) -> None:
        self.loan = loan
        self.rate = loan.effective_annual_rate_for_penalty / Decimal(loan.day_count)
        periods = sorted(schedule.periods, key=lambda p: p.due_date)  # stable: build_schedule's are in order
        self.items = [_Instalment(p, p.principal, p.interest, p.fee, p.due_date) for p in periods]
        self.due_dates = [p.due_date for p in periods]
        self.penalty = self.compound = self.late = self.principal_paid = ZERO
        self.assessed = self.settled = 0
        self.accruing: list[_Instalment] = []
        self.settled_zero = self.settled_principal_zero = ZERO
        self.principal_open = sum(1 for i in self.items if i.principal != 0)
        self.dropped_later_interest = False

    def _bears_charges(self, item: _Instalment) -> bool:
        return item.principal != 0 or (self.loan.compound_overdue_interest and item.interest != 0)

    def accrue_to(self, day: date) -> None:
        """Assess 违约金 and accrue 罚息/复利 on everything overdue before ``day``."""
        items, loan = self.items, self.loan
        while self.assessed < len(items) and items[self.assessed].period.due_date < day:
            item = items[self.assessed]
            self.assessed += 1
            if item.contractual > 0:
                fee = cents(loan.late_fee_fixed + loan.late_fee_rate * item.period.payment)
                item.late_fee += fee
                self.late += fee
            if self._bears_charges(item):
                self.accruing.append(item)
        still: list[_Instalment] = []
        for item in self.accruing:
            days = (day - item.accrued_to).days
            if days > 0:
                penalty = cents(item.principal * self.rate * days)
                compound = cents(item.interest * self.rate * days) if loan.compound_overdue_interest else ZERO
                item.penalty += penalty
                item.compound += compound
                self.penalty += penalty
                self.compound += compound
                item.accrued_to = day
            if self._bears_charges(item):
                still.append(item)
        self.accruing = still

    def pay(self, day: date, amount: Decimal) -> None:
        items, order = self.items, self.loan.payment_order
        due = bisect_right(self.due_dates, day)
        if amount > 0:
            if self.settled:
                amount -= self.settled_zero
                self.principal_paid += self.settled_principal_zero
            index = self.settled
            while index < due and amount > 0:
                amount = self._settle(items[index], _DUE_ORDER[order], amount)
                index += 1
            if due < len(items) and amount > 0:
                amount = self._settle(items[due], _ADVANCE_ORDER[order], amount)
                index = due + 1
                while index < len(items) and amount > 0:
                    amount = self._settle(items[index], _PRINCIPAL_ONLY, amount)
                    index += 1
        while self.settled < due and items[self.settled].owes_nothing:
            item = items[self.settled]
            self.settled_zero += (
                item.late_fee + item.fee + item.penalty + item.compound + item.interest + item.principal
            )
            self.settled_principal_zero += item.principal
            self.settled += 1
        if self.principal_open == 0 and not self.dropped_later_interest:
            # settled early: keep only what was already paid of the interest and fees not yet due. Principal
            # never comes back, so once is enough (the slow replay redid it after every later payment, to no effect)
            self.dropped_later_interest = True
            for item in items[due:]:
                kept_interest, kept_fee = item.period.interest - item.interest, item.period.fee - item.fee
                item.interest = item.fee = ZERO
                item.period = Period(
                    item.period.period, item.period.due_date, item.period.principal, kept_interest, kept_fee
                )

    def _settle(self, item: _Instalment, parts: tuple[str, ...], amount: Decimal) -> Decimal:
        """Pay ``parts`` of ``item`` in order from ``amount`` (> 0); return what is left of it."""
        for part in parts:
            if amount <= 0:
                break
            current: Decimal = getattr(item, part)
            used = current if current < amount else amount  # min(amount, current), ties keep amount's digits
            setattr(item, part, current - used)
            amount -= used
            if part == "principal":
                self.principal_paid += used
                if current != 0 and current == used:
                    self.principal_open -= 1
        return amount


def overdue_status(loan: Loan, as_of: date, schedule: Schedule | None = None) -> OverdueStatus:
    """Replay ``loan.payments`` against the schedule up to ``as_of`` (see the module notes for the rules).

    ``schedule`` defaults to :func:`~xieshang.core.loans.build_schedule`; revolving balances ignore it.
    """
    payments = sorted((p for p in loan.payments if p.date <= as_of), key=lambda p: p.date)
    paid_total = sum((p.amount for p in payments), ZERO)
    if loan.method is Method.REVOLVING:
        return _revolving_status(loan, as_of, paid_total)
    if schedule is None:
        from .loans import build_schedule

        schedule = build_schedule(loan)
    replay = _Replay(loan, schedule)
    for payment in payments:
        replay.accrue_to(payment.date)
        replay.pay(payment.date, payment.amount)
    replay.accrue_to(as_of)
    items = replay.items
    late = items[: bisect_left(replay.due_dates, as_of)]
    due = items[: bisect_right(replay.due_dates, as_of)]
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
        paid_total=paid_total,
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


def _revolving_status(loan: Loan, as_of: date, paid_total: Decimal) -> OverdueStatus:
    """A card is overdue while the minimum of a statement due before ``as_of`` is still not paid.

    Each unpaid statement's shortfall (minimum − payments since that statement) is listed as principal; the
    amount needed to be current again is the shortfall of the latest such statement (later minimums already
    include earlier balances), which is the ``overdue_total``.
    """
    position = revolving_position(loan, as_of)
    payments = [p for p in loan.payments if p.date <= as_of]
    run: list[OverduePeriod] = []
    for index in range(len(position.statements) - 1, -1, -1):
        statement = position.statements[index]
        if statement.due_date >= as_of:
            continue
        since = sum(
            (
                p.amount
                for p in payments
                if (p.date >= statement.statement_date if index == 0 else p.date > statement.statement_date)
            ),
            ZERO,
        )
        shortfall = statement.minimum_payment - since
        if shortfall <= 0:
            break
        days = (as_of - statement.due_date).days
        run.insert(0, OverduePeriod(index, statement.due_date, days, shortfall, ZERO, ZERO))
    interest = position.interest + position.accrued_interest
    outstanding = Outstanding(
        position.principal, interest, ZERO, position.fees, position.principal + interest + position.fees
    )
    return OverdueStatus(
        as_of=as_of,
        days_overdue=run[0].days_overdue if run else 0,
        overdue_periods=tuple(run),
        overdue_total=run[-1].principal if run else ZERO,
        paid_total=paid_total,
        outstanding=outstanding,
        charges=Charges(
            position.interest_charged + position.accrued_interest,
            ZERO,
            ZERO,
            ZERO,
            position.late_fees_charged,
        ),
        principal_repaid=cents(loan.principal) - position.principal,
    )
