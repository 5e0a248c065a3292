"""A debt analysed under its agreement: the contract until the agreement starts, the agreed instalments after.

Before the start date (``Agreement.starts``) nothing changes: the debt is the contract's (:func:`analyze_debt`).
From the start the agreement replaces the contract:

- The contract is replayed with the payments dated before the start, on the day before the start: what it
  left owed then (principal, interest, 罚息 and 复利, fees and 违约金) is the agreement's starting point, and the
  charges, true cost and legal lines of the debt are the contract's up to that day. No contract interest, 罚息
  or fee accrues from the start on; what the agreement waived shows as waived.
- What is owed, due and late is the agreement's: its instalments are the debt's schedule (period by period, the
  agreed amounts), the payments from the start are set against them (:mod:`xieshang.core.agreement_keeping`),
  what is owed is what is left of the agreed total, what is overdue the instalments past due and not paid in
  full (everything left once a broken agreement makes it all due). The agreement charges no 罚息 of its own
  (an agreement that states a late charge says so in its terms, which the review shows).
- A renegotiated agreement starts from what the one before it left owed on the day before its start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from .agreement_keeping import AgreementState, keep
from .agreements import Agreement, in_force, latest
from .analysis import DebtAnalysis, analyze_debt, warnings_for
from .legal import LegalLine, LegalLines, LprSeries
from .money import ZERO, cents
from .overdue import Outstanding, OverduePeriod, OverdueStatus
from .schedule import Period, Schedule
from .terms import Loan

DAY = timedelta(days=1)


def analyze_under_agreements(
    loan: Loan,
    agreements: Sequence[Agreement],
    as_of: date,
    lines: LegalLines | tuple[LegalLine, ...],
    lpr: LprSeries,
) -> DebtAnalysis:
    """The debt on ``as_of`` under the agreement in force then (``agreements``: the debt's, earliest first); the
    contract's analysis with the coming agreement's state when none has started yet."""
    current = in_force(agreements, as_of)
    if current is None:
        analysis = analyze_debt(loan, as_of, lines, lpr)
        coming = latest(agreements)
        if coming is None:
            return analysis
        at_start = owed_at_start(before_start(loan, agreements, coming, lines, lpr))
        return replace(analysis, agreement=keep(coming, loan.payments, as_of, at_start))
    contract = before_start(loan, agreements, current, lines, lpr)
    state = keep(current, loan.payments, as_of, owed_at_start(contract))
    later = tuple(sorted((p for p in loan.payments if p.date > as_of), key=lambda p: p.date))
    overdue = agreed_status(contract.overdue, state)
    return replace(
        contract,
        loan=loan,
        as_of=as_of,
        schedule=agreed_schedule(current),
        overdue=overdue,
        not_counted=later,
        warnings=warnings_for(loan, as_of, overdue, later, started=True),
        agreement=state,
    )


def before_start(
    loan: Loan,
    agreements: Sequence[Agreement],
    agreement: Agreement,
    lines: LegalLines | tuple[LegalLine, ...],
    lpr: LprSeries,
) -> DebtAnalysis:
    """The debt on the day before ``agreement`` starts, with the payments made before it (under the contract,
    or under the agreement before this one)."""
    earlier = tuple(a for a in agreements if a is not agreement and a.starts < agreement.starts)
    before = replace(loan, payments=tuple(p for p in loan.payments if p.date < agreement.starts))
    return analyze_under_agreements(before, earlier, agreement.starts - DAY, lines, lpr)


def owed_at_start(contract: DebtAnalysis) -> Outstanding:
    """What was owed the day before the start (under the agreement before this one, what it left)."""
    if contract.agreement is not None and contract.agreement.in_force:
        left = contract.agreement.remaining
        return Outstanding(left, ZERO, ZERO, ZERO, left)
    return contract.overdue.outstanding


def agreed_schedule(agreement: Agreement) -> Schedule:
    """The agreed instalments as the debt's schedule: each amount as one period, in due-date order."""
    items = sorted(agreement.instalments, key=lambda i: i.due)
    left = agreement.scheduled
    periods = []
    for number, item in enumerate(items, start=1):
        left -= item.amount
        periods.append(Period(number, item.due, item.amount, ZERO, ZERO, max(left, ZERO)))
    return Schedule(tuple(periods))


def agreed_status(contract: OverdueStatus, state: AgreementState) -> OverdueStatus:
    """The debt's overdue status under the agreement (module rules); the contract's charges stay as history."""
    late = tuple(
        OverduePeriod(i.number, i.due, (state.as_of - i.due).days, i.remaining, ZERO, ZERO)
        for i in state.late
    )
    left = state.remaining
    paid = state.paid + state.credit
    return replace(
        contract,
        as_of=state.as_of,
        days_overdue=late[0].days_overdue if late else 0,
        overdue_periods=late,
        overdue_total=state.due_now,
        paid_total=cents(contract.paid_total + paid),
        outstanding=Outstanding(left, ZERO, ZERO, ZERO, left),
        credit=state.credit,
        penalty_rate=ZERO,
    )
