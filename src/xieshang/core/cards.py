"""Revolving credit-card balances (信用卡循环): statements, minimum payments, daily interest, 违约金.

Conventions (each overridable through :class:`~xieshang.core.terms.RevolvingTerms` and the loan):

- The starting balance is ``loan.principal`` on ``loan.start_date``, treated as statement 0. Later statements
  fall monthly on ``statement_day``; each is due on the first ``due_day`` strictly after it (the 31st becomes
  the month's last day).
- 最低还款额 = ``min_payment_rate`` × statement balance, at least ``min_payment_floor``, at most the whole balance;
  the opening statement's is the bill's own ``statement_minimum`` when given.
- Interest accrues daily on the unpaid balance (principal and capitalised interest, never on fees) at
  ``loan.daily_rate``; without one, ``annual_rate / 360``, or 0.05 % a day when no rate is given at all.
  It is rounded to the 分 once per statement cycle and added to the balance at the next statement.
  A statement paid in full by its due date bears no interest for the cycle (免息).
- 违约金: when less than the minimum is paid by the due date, ``late_fee_rate`` × the unpaid part of the
  minimum, clamped to ``[late_fee_min, late_fee_max]``, charged the day after the due date.
- Payments settle fees, then interest, then principal; money beyond the balance becomes a credit.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from .dates import add_months
from .errors import ValidationError
from .money import ZERO, cents
from .schedule import Period, Schedule
from .terms import Loan, Payment, RevolvingTerms

DEFAULT_DAILY_RATE = Decimal("0.0005")  # 万分之五: the old regulated band, still common in contracts
MAX_CYCLES = 600  # 50 years of minimum payments: beyond this the minimum never repays


@dataclass(frozen=True)
class CardStatement:
    """One monthly statement (账单) of a revolving balance."""

    statement_date: date
    due_date: date
    opening_balance: Decimal
    interest: Decimal
    late_fee: Decimal
    payments: Decimal
    closing_balance: Decimal
    minimum_payment: Decimal
    principal: Decimal = ZERO  # the original balance not yet repaid, on the statement date
    principal_days: Decimal = ZERO  # Σ principal × days over the cycle this statement closes


@dataclass(frozen=True)
class CardPosition:
    """Where a card stands on ``as_of``: its statements and the parts of the balance still owed."""

    as_of: date
    statements: tuple[CardStatement, ...]
    principal: Decimal  # original balance not yet repaid
    interest: Decimal  # interest charged on statements and not yet paid
    fees: Decimal  # 违约金 charged and not yet paid
    accrued_interest: Decimal  # interest since the last statement, not yet on a statement
    interest_charged: Decimal  # every statement's interest, paid or not
    late_fees_charged: Decimal
    principal_days: Decimal = ZERO  # Σ principal × days since the last statement

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.fees + self.accrued_interest


def card_daily_rate(loan: Loan) -> Decimal:
    """The daily interest rate of a card: stated, else annual / 360, else 0.05 %."""
    if loan.daily_rate is not None:
        return loan.daily_rate
    if loan.annual_rate > 0:
        return loan.annual_rate / Decimal(360)
    return DEFAULT_DAILY_RATE


def next_on_day(after: date, day: int) -> date:
    """The first date strictly after ``after`` that falls on ``day`` of its month (clamped to month end)."""
    candidate = add_months(after, 0, day)
    return candidate if candidate > after else add_months(after, 1, day)


def minimum_payment(balance: Decimal, terms: RevolvingTerms) -> Decimal:
    """最低还款额 of a statement balance."""
    if balance <= 0:
        return ZERO
    return min(balance, max(cents(balance * terms.min_payment_rate), cents(terms.min_payment_floor)))


def late_fee(shortfall: Decimal, terms: RevolvingTerms) -> Decimal:
    """违约金 on the unpaid part of a minimum payment."""
    fee = max(cents(shortfall * terms.late_fee_rate), terms.late_fee_min)
    return fee if terms.late_fee_max is None else min(fee, terms.late_fee_max)


@dataclass
class _Balance:
    """Working state of one replay (private and mutable; never escapes this module)."""

    principal: Decimal
    interest: Decimal = ZERO
    fees: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.fees

    @property
    def interest_bearing(self) -> Decimal:
        return max(ZERO, self.principal + self.interest)

    def pay(self, amount: Decimal) -> tuple[Decimal, Decimal, Decimal]:
        """Settle fees, interest, then principal; the rest is a credit. Returns the three parts."""
        fee = min(amount, max(self.fees, ZERO))
        interest = min(amount - fee, max(self.interest, ZERO))
        principal = amount - fee - interest
        self.fees -= fee
        self.interest -= interest
        self.principal -= principal
        return fee, interest, principal


@dataclass(frozen=True)
class _Applied:
    payment: Payment
    fee: Decimal
    interest: Decimal
    principal: Decimal
    principal_after: Decimal


def _paid_by_due(statement: CardStatement, payments: Sequence[Payment], first: bool) -> Decimal:
    start = statement.statement_date
    return sum(
        (
            p.amount
            for p in payments
            if (start <= p.date if first else start < p.date) and p.date <= statement.due_date
        ),
        ZERO,
    )


def _replay(
    loan: Loan,
    until: date | None,
    plan: Callable[[CardStatement, Sequence[Payment]], Sequence[Payment]] | None,
) -> tuple[CardPosition, tuple[_Applied, ...]]:
    """Run statement cycles from the start: up to ``until`` (replay) or until paid off (projection)."""
    terms = loan.revolving or RevolvingTerms()
    rate = card_daily_rate(loan)
    balance = _Balance(cents(loan.principal))
    start = loan.start_date
    payments = (
        sorted((p for p in loan.payments if start <= p.date), key=lambda p: p.date) if plan is None else []
    )
    if until is not None:
        payments = [p for p in payments if p.date <= until]
    statement = CardStatement(
        start,
        next_on_day(start, terms.due_day),
        cents(loan.principal),
        ZERO,
        ZERO,
        ZERO,
        cents(loan.principal),
        ZERO,
        cents(loan.principal),
    )
    statement = _with_minimum(statement, terms)
    if terms.statement_minimum is not None:  # the opening bill states its own minimum
        statement = replace(
            statement, minimum_payment=min(statement.closing_balance, terms.statement_minimum)
        )
    statements, applied = [statement], []
    unassessed = [statement]
    interest_charged = late_charged = ZERO
    for cycle in itertools.count():
        if plan is not None:
            if cycle == MAX_CYCLES:
                raise ValidationError(
                    "只还最低还款额时 50 年内还不清，请检查最低还款比例 / "
                    "paying only the minimum never repays this balance: check the minimum payment rate",
                    "revolving.min_payment_rate",
                )
            payments = sorted([*payments, *plan(statement, payments)], key=lambda p: p.date)
        opened = statement.statement_date
        closing_day = next_on_day(opened, terms.statement_day)
        final = until is not None and closing_day > until
        end = until if final and until is not None else closing_day
        first = cycle == 0
        window = [p for p in payments if (opened <= p.date if first else opened < p.date) and p.date <= end]
        checks = [s for s in unassessed if s.due_date + timedelta(days=1) <= end]
        events = sorted({p.date for p in window} | {s.due_date + timedelta(days=1) for s in checks})
        accrued, cursor, cycle_late, principal_days = Decimal(0), opened, ZERO, Decimal(0)
        for day in events:
            accrued += balance.interest_bearing * rate * (day - cursor).days
            principal_days += max(balance.principal, ZERO) * (day - cursor).days
            cursor = day
            for checked in (s for s in checks if s.due_date + timedelta(days=1) == day):
                shortfall = checked.minimum_payment - _paid_by_due(
                    checked, payments, checked is statements[0]
                )
                if shortfall > 0:
                    fee = late_fee(shortfall, terms)
                    balance.fees += fee
                    cycle_late += fee
            for paid in (p for p in window if p.date == day):
                fee_part, interest_part, principal_part = balance.pay(paid.amount)
                applied.append(_Applied(paid, fee_part, interest_part, principal_part, balance.principal))
        unassessed = [s for s in unassessed if s not in checks]
        accrued += balance.interest_bearing * rate * (end - cursor).days
        principal_days += max(balance.principal, ZERO) * (end - cursor).days
        paid_in_full = _paid_by_due(statement, payments, first) >= statement.closing_balance
        if final:
            position = CardPosition(
                end,
                tuple(statements),
                balance.principal,
                balance.interest,
                balance.fees,
                ZERO if paid_in_full else cents(accrued),
                interest_charged,
                late_charged + cycle_late,
                principal_days,
            )
            return position, tuple(applied)
        interest = ZERO if paid_in_full else cents(accrued)
        balance.interest += interest
        interest_charged += interest
        late_charged += cycle_late
        statement = _with_minimum(
            CardStatement(
                closing_day,
                next_on_day(closing_day, terms.due_day),
                statement.closing_balance,
                interest,
                cycle_late,
                sum((p.amount for p in window), ZERO),
                balance.total,
                ZERO,
                balance.principal,
                principal_days,
            ),
            terms,
        )
        statements.append(statement)
        unassessed.append(statement)
        if plan is not None and statement.closing_balance <= 0:
            paid_off = CardPosition(
                closing_day, tuple(statements), ZERO, ZERO, ZERO, ZERO, interest_charged, late_charged
            )
            return paid_off, tuple(applied)
    raise AssertionError("unreachable")  # pragma: no cover


def _with_minimum(statement: CardStatement, terms: RevolvingTerms) -> CardStatement:
    return replace(statement, minimum_payment=minimum_payment(statement.closing_balance, terms))


def first_missed_due(loan: Loan, position: CardPosition) -> date | None:
    """The earliest due date by which less than the statement's minimum was paid (None: never late)."""
    payments = sorted((p for p in loan.payments if p.date <= position.as_of), key=lambda p: p.date)
    for index, statement in enumerate(position.statements):
        if statement.due_date >= position.as_of:
            break
        if _paid_by_due(statement, payments, index == 0) < statement.minimum_payment:
            return statement.due_date
    return None


def revolving_statements(loan: Loan, as_of: date) -> tuple[CardStatement, ...]:
    """The statements issued on or before ``as_of``, replaying ``loan.payments``."""
    return revolving_position(loan, as_of).statements


def revolving_position(loan: Loan, as_of: date) -> CardPosition:
    """Statements up to ``as_of`` and what is owed on that day, replaying ``loan.payments``."""
    return _replay(loan, as_of, None)[0]


def revolving_schedule(loan: Loan) -> Schedule:
    """The status quo: paying only the minimum on every due date until the balance is gone.

    Each period is one minimum payment, split into interest (and fees) first, then principal.
    Raises :class:`ValidationError` when the minimum never repays within 50 years.
    """

    def pay_minimum(statement: CardStatement, planned: Sequence[Payment]) -> Sequence[Payment]:
        # a statement can come before the previous one's due date: what is already planned counts towards it
        pending = sum((p.amount for p in planned if p.date > statement.statement_date), ZERO)
        amount = statement.minimum_payment - pending
        return (Payment(statement.due_date, amount, "最低还款"),) if amount > 0 else ()

    _, applied = _replay(loan, None, pay_minimum)
    periodic = cents(loan.periodic_fee)
    return Schedule(
        tuple(
            Period(k, a.payment.date, a.principal, a.interest, a.fee + periodic, a.principal_after)
            for k, a in enumerate(applied, start=1)
        )
    )
