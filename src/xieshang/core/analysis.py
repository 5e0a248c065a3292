"""One debt, and a whole case, analysed on a day: schedule, true cost, where it stands, and the legal lines.

Pure: the lines and the LPR series are passed in (``xieshang.reference`` loads the packaged ones) and
``as_of`` is a parameter. Nothing here decides; it lays out the figures a borrower needs to negotiate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .agreement_keeping import AgreementState
from .bilingual import Text
from .case import Case
from .cost import TrueCost, true_cost
from .errors import NoRateError, ValidationError
from .legal import LegalLine, LegalLines, LineResult, LprSeries, applicable_lines, references_for
from .loans import build_schedule
from .money import ZERO, yuan
from .overdue import OverdueStatus, overdue_status
from .schedule import Schedule
from .terms import Loan, Payment


@dataclass(frozen=True)
class DebtAnalysis:
    """Everything computed about one debt on ``as_of``."""

    loan: Loan
    as_of: date
    schedule: Schedule
    true_cost: TrueCost | None
    true_cost_note: str  # why there is no true cost, "中文 / English" ("" when there is one)
    overdue: OverdueStatus
    lines: tuple[LineResult, ...]
    references: tuple[LegalLine, ...]
    not_counted: tuple[Payment, ...] = ()  # payments dated after as_of: listed, not counted
    warnings: tuple[Text, ...] = ()  # what a person should check (future dates, money beyond the debt)
    # the debt's agreement (core.agreement_analysis): in force from its start, or signed and about to start
    agreement: AgreementState | None = None

    @property
    def credit(self) -> Decimal:
        """Paid beyond everything owed on ``as_of`` (the borrower's money, to be refunded or set off)."""
        return self.overdue.credit

    @property
    def not_started(self) -> bool:
        """The loan starts after ``as_of``: nothing is owed on it yet."""
        return self.loan.start_date > self.as_of

    @property
    def true_cost_note_text(self) -> Text:
        """Why there is no true cost, in both languages (empty when there is one)."""
        return Text.split(self.true_cost_note)

    @property
    def apr(self) -> Decimal | None:
        return None if self.true_cost is None else self.true_cost.apr

    @property
    def ear(self) -> Decimal | None:
        return None if self.true_cost is None else self.true_cost.ear

    @property
    def applying_lines(self) -> tuple[LineResult, ...]:
        return tuple(line for line in self.lines if line.applies)

    @property
    def excess(self) -> Decimal:
        """The largest excess over any line that applies (lines are alternatives, not to be added up)."""
        return max((line.excess for line in self.applying_lines), default=ZERO)


@dataclass(frozen=True)
class CaseTotals:
    outstanding: Decimal  # everything still owed on as_of, due or not
    overdue: Decimal  # what is late on as_of (unpaid due amounts and overdue charges)
    excess: Decimal  # Σ over debts of each debt's largest excess
    credit: Decimal = ZERO  # Σ over debts of what was paid beyond everything owed


@dataclass(frozen=True)
class CaseAnalysis:
    as_of: date
    debts: tuple[DebtAnalysis, ...]
    totals: CaseTotals
    lines_version: int | None = None


def analyze_debt(
    loan: Loan, as_of: date, lines: LegalLines | tuple[LegalLine, ...], lpr: LprSeries
) -> DebtAnalysis:
    """Schedule, true cost (``None`` with the reason when no rate exists), overdue status and line results."""
    schedule, schedule_note = schedule_or_note(loan)
    cost: TrueCost | None
    try:
        cost, note = true_cost(loan, schedule), ""
    except NoRateError as error:
        cost, note = None, schedule_note or str(error)
    status = overdue_status(loan, as_of, schedule, lpr)
    results = applicable_lines(
        loan, lines, lpr, as_of, schedule=schedule, overdue=status, apr=None if cost is None else cost.apr
    )
    later = tuple(sorted((p for p in loan.payments if p.date > as_of), key=lambda p: p.date))
    return DebtAnalysis(
        loan,
        as_of,
        schedule,
        cost,
        note,
        status,
        results,
        references_for(loan, lines),
        later,
        warnings_for(loan, as_of, status, later),
    )


def schedule_or_note(loan: Loan) -> tuple[Schedule, str]:
    """The contractual schedule, or none with the reason (a card whose minimum payment never repays it)."""
    try:
        return build_schedule(loan), ""
    except ValidationError as error:
        return Schedule(()), "; ".join(e.message for e in error.errors)


def warnings_for(
    loan: Loan, as_of: date, status: OverdueStatus, later: tuple[Payment, ...], started: bool = False
) -> tuple[Text, ...]:
    """What a person should check about the debt on ``as_of`` (``started``: an agreement is in force, so the
    loan's own start does not matter)."""
    day = as_of.isoformat()
    out: list[Text] = []
    if loan.start_date > as_of and not started:
        start = loan.start_date.isoformat()
        out.append(
            Text(
                f"借款开始日 {start} 晚于计算日 {day}：这笔借款尚未计入欠款",
                f"The loan starts on {start}, after the analysis date {day}: nothing is owed on it yet",
            )
        )
    if later:
        total = yuan(sum((p.amount for p in later), ZERO))
        out.append(
            Text(
                f"{len(later)} 笔还款（合计 {total}）日期晚于计算日 {day}，尚未计入；请核对日期",
                f"{len(later)} payment(s) ({total} in all) are dated after the analysis date {day} and are not "
                "counted yet; check the dates",
            )
        )
    if status.credit > 0:
        credit = yuan(status.credit)
        out.append(
            Text(
                f"已还金额比全部欠款多 {credit}：这是你的钱，可要求退还或抵扣；请核对金额是否录错",
                f"{credit} was paid beyond everything owed: it is your money, to be refunded or set off; check "
                "that no amount was mistyped",
            )
        )
    return tuple(out)


def analyze_case(
    case: Case, as_of: date, lines: LegalLines | tuple[LegalLine, ...], lpr: LprSeries
) -> CaseAnalysis:
    """Every debt of ``case`` on ``as_of``, with the totals a negotiation starts from."""
    debts = tuple(analyze_debt(loan, as_of, lines, lpr) for loan in case.debts)
    return combine(as_of, debts, lines)


def combine(
    as_of: date, debts: tuple[DebtAnalysis, ...], lines: LegalLines | tuple[LegalLine, ...]
) -> CaseAnalysis:
    """Debts already analysed on ``as_of``, with the case totals."""
    totals = CaseTotals(
        outstanding=sum((d.overdue.outstanding.total for d in debts), ZERO),
        overdue=sum((d.overdue.overdue_total for d in debts), ZERO),
        excess=sum((d.excess for d in debts), ZERO),
        credit=sum((d.credit for d in debts), ZERO),
    )
    version = lines.version if isinstance(lines, LegalLines) else None
    return CaseAnalysis(as_of, debts, totals, version)
