"""Where an overdue debt stands on a given day: what is late, for how long, and what it has cost.

Rules (every default overridable by the contract fields of :class:`~xieshang.core.terms.Loan`):

- An instalment is overdue from the day after its due date; a payment on the due date is on time.
  ``days_overdue`` on ``as_of`` = ``as_of − due_date``.
- 罚息 accrues daily on overdue principal at ``loan.effective_annual_rate_for_penalty / loan.day_count``;
  复利 on overdue contractual interest at the same rate when ``loan.compounds_overdue_interest``. Neither
  accrues on fees or on 罚息 itself. When the contract says nothing: financial lenders 1.5 × the contract rate
  with 复利; private lending (民间借贷规定 Art. 28) the term rate without 复利, or, with no term rate either,
  the one-year LPR in force the day after the first due date (when an LPR series is given).
- Rounding: accruals are rounded to the 分 once per accrual segment, a segment being the days between two
  payments (or the last payment and ``as_of``) during which the overdue amounts do not change:
  ``cents(base × rate × days)``.
- 违约金/滞纳金: once per instalment still unpaid after its due date: ``late_fee_fixed + late_fee_rate ×``
  the instalment.
- Payments (chronological, only those on or before ``as_of``) settle what is due oldest first; a payment that
  finds nothing due pays the next instalment early; what is left reduces principal from the last instalment
  backwards and later interest is recomputed on the reduced balance (民法典 Art. 677: interest for the actual
  period); money beyond everything owed is a ``credit``. :mod:`xieshang.core.replay` holds the details.
- A loan that starts after ``as_of`` owes nothing yet.
- Revolving card balances are replayed statement by statement by :mod:`xieshang.core.cards`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from .cards import revolving_position
from .loans import build_schedule
from .lpr import LprSeries, NoLprError
from .money import ZERO, cents
from .replay import Replay, ReplayHistory
from .schedule import Schedule
from .terms import Loan, Method

OverdueBasis = Literal["contract", "financial_default", "private_term_rate", "private_lpr", "private_none"]


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
    credit: Decimal = ZERO  # paid beyond everything owed
    overdue_basis: OverdueBasis = "contract"  # where the 罚息 rate and 复利 come from (see overdue_terms)
    penalty_rate: Decimal = ZERO  # the 罚息 rate a year the replay used
    history: ReplayHistory | None = field(default=None, compare=False, repr=False)


def overdue_terms(
    loan: Loan, schedule: Schedule, lpr: LprSeries | None = None
) -> tuple[Decimal, OverdueBasis]:
    """The 罚息 rate a year the replay uses, and where it comes from.

    The contract's own terms win when given. Otherwise a financial lender's default is its convention (rate ×
    1.5, with 复利); private lending follows 民间借贷规定 Art. 28: the term rate, or, with no term rate either,
    the one-year LPR in force the day after the first due date (``private_none`` when no series is given).
    """
    rate = loan.effective_annual_rate_for_penalty
    if loan.overdue_terms_agreed:
        return rate, "contract"
    if not loan.private:
        return rate, "financial_default"
    if loan.nominal_annual_rate > 0:
        return rate, "private_term_rate"
    if lpr is None or not schedule.periods:
        return ZERO, "private_none"
    try:
        return lpr.on(schedule.periods[0].due_date + timedelta(days=1)).one_year, "private_lpr"
    except NoLprError:
        return ZERO, "private_none"


def _not_started(as_of: date, paid_total: Decimal) -> OverdueStatus:
    """A loan that starts after ``as_of``: nothing borrowed yet, so nothing owed (money paid is a credit)."""
    nothing = Outstanding(ZERO, ZERO, ZERO, ZERO, ZERO)
    return OverdueStatus(
        as_of, 0, (), ZERO, paid_total, nothing, Charges(ZERO, ZERO, ZERO, ZERO, ZERO), credit=paid_total
    )


def overdue_status(
    loan: Loan, as_of: date, schedule: Schedule | None = None, lpr: LprSeries | None = None
) -> OverdueStatus:
    """Replay ``loan.payments`` against the schedule up to ``as_of`` (see the module notes for the rules).

    ``schedule`` defaults to :func:`~xieshang.core.loans.build_schedule`; revolving balances ignore it.
    ``lpr`` is needed only for a private loan with neither a term rate nor an overdue rate.
    """
    payments = sorted((p for p in loan.payments if p.date <= as_of), key=lambda p: p.date)
    paid_total = cents(sum((p.amount for p in payments), ZERO))
    if as_of < loan.start_date:
        return _not_started(as_of, paid_total)
    if loan.method is Method.REVOLVING:
        return _revolving_status(loan, as_of, paid_total)
    if schedule is None:
        schedule = build_schedule(loan)
    rate, basis = overdue_terms(loan, schedule, lpr)
    replay = Replay(loan, schedule, rate)
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
        history=replay.history(as_of),
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
    credit = max(ZERO, -position.total)  # paid beyond the whole balance
    principal = ZERO if credit else position.principal
    outstanding = Outstanding(principal, interest, ZERO, position.fees, principal + interest + position.fees)
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
        principal_repaid=cents(loan.principal) - principal,
        credit=cents(credit),
    )
