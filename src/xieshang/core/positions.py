"""Where each debt of a case stands on a day, as the plan sees it (:class:`~xieshang.core.options.DebtPosition`).

A position is read off the debt's analysis (:class:`~xieshang.core.analysis.DebtAnalysis`): the schedule, the
overdue replay, the true cost and the legal lines computed once for the day. Nothing is recomputed here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from .analysis import DebtAnalysis, analyze_case
from .case import Case
from .legal import LegalLines, LprSeries
from .money import ZERO
from .names import debt_names
from .options import DebtPosition
from .terms import Method


def position_of(analysis: DebtAnalysis, name: str | None = None) -> DebtPosition:
    """One debt's position.

    Outstanding principal, interest, fees (incl. 违约金) and penalty (罚息, 复利) come from the overdue replay; the
    rate a month as things stand is the 罚息 rate when an instalment is overdue, else the contract's; the yearly
    rate the avalanche ranks by is the true cost (IRR) where one exists; the pro-rata basis is the next
    instalment the contract asks (the last one once the term has ended); the ``excess`` is the largest charged
    above any legal line that applies; ``name`` is how people call the debt (default: its creditor).
    """
    loan, status, as_of = analysis.loan, analysis.overdue, analysis.as_of
    out = status.outstanding
    if analysis.agreement is not None and analysis.agreement.in_force:
        return _agreed(analysis, name or loan.creditor or loan.id)
    periods = analysis.schedule.periods
    upcoming = [p for p in periods if p.due_date > as_of]
    regular = upcoming[0] if upcoming else (periods[-1] if periods else None)
    contract_rate = loan.nominal_annual_rate / 12
    overdue = status.days_overdue > 0 and loan.method is not Method.REVOLVING  # cards: no 罚息
    rate = status.penalty_rate / 12 if overdue else contract_rate
    apr: Decimal | None = analysis.apr
    return DebtPosition(
        id=loan.id,
        creditor=name or loan.creditor or loan.id,
        lender_type=loan.lender_type,
        principal=out.principal,
        interest=out.interest,
        fees=out.fees,
        penalty=out.penalty,
        monthly_rate=rate,
        contract_rate=contract_rate,
        apr=apr,
        contractual_monthly=regular.payment if regular is not None else ZERO,
        excess=analysis.excess,
    )


def _agreed(analysis: DebtAnalysis, name: str) -> DebtPosition:
    """A debt under its agreement: what is left of the agreed total, nothing accruing, paid the agreed
    instalment a month (the next one not yet paid in full, else the oldest late one)."""
    state, loan = analysis.agreement, analysis.loan
    assert state is not None
    upcoming = state.next or (state.late[0] if state.late else None)
    return DebtPosition(
        id=loan.id,
        creditor=name,
        lender_type=loan.lender_type,
        principal=state.remaining,
        monthly_rate=ZERO,
        contract_rate=ZERO,
        apr=analysis.apr,
        contractual_monthly=upcoming.amount if upcoming is not None else ZERO,
        excess=analysis.excess,
        agreed=True,
    )


def positions_of(analyses: Iterable[DebtAnalysis]) -> tuple[DebtPosition, ...]:
    """Every debt's position, each named as people name it (:func:`~xieshang.core.names.debt_names`)."""
    analyses = tuple(analyses)
    names = debt_names([a.loan for a in analyses])
    return tuple(position_of(a, names[a.loan.id].zh) for a in analyses)


def positions_from_case(
    case: Case, as_of: date, lines: LegalLines, lpr: LprSeries
) -> tuple[DebtPosition, ...]:
    """Every debt's position on ``as_of``, each analysed once (the case view keeps the analysis it reads)."""
    return positions_of(analyze_case(case, as_of, lines, lpr).debts)
