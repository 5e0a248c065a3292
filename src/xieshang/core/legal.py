"""How a debt compares with each legal line: references a borrower may cite, never verdicts.

For every *rate line* (``kind: rate_cap``) and one debt, :func:`applicable_lines` says whether the line
applies (:func:`~.lines.scope_problem`), the line's rate (:func:`~.lines.line_rate`), the debt's true APR
against it and the **excess**: the sum over periods (contract term, overdue period, split where the line's
rate changes) of what the debt charged above the line's allowance on the principal actually received, each
period on its own (:mod:`.excess` holds the working). ``exceeded`` is true when the line applies and either
the debt's true APR is above the line or the excess is positive. Wording stays "above the reference line",
never "illegal". Every result says why in Chinese (``reason``, which the CLI prints) and in English
(``reason_en``); :attr:`LineResult.reason_text` holds both.

The values of the lines and the LPR live in :mod:`.lines` and :mod:`.lpr`; they are re-exported here so
callers keep one import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .bilingual import Text
from .errors import XieshangError
from .excess import ExcessPeriod, excess_periods, period_years, received_share
from .lines import (
    CONFIDENCE_EN,
    CONFIDENCE_ZH,
    LENDER_TYPE_EN,
    LENDER_TYPE_ZH,
    LENDER_TYPES_EN,
    Confidence,
    HelpChannel,
    LegalLine,
    LegalLines,
    LineKind,
    LineRate,
    LprOn,
    line_rate,
    pct,
    scope_problem,
)
from .lpr import LprFormula, LprRate, LprSeries, NoLprError
from .money import ZERO
from .overdue import OverdueStatus, overdue_status
from .schedule import Schedule
from .terms import Loan

__all__ = [
    "CONFIDENCE_EN",
    "CONFIDENCE_ZH",
    "LENDER_TYPES_EN",
    "LENDER_TYPE_EN",
    "LENDER_TYPE_ZH",
    "Confidence",
    "ExcessPeriod",
    "HelpChannel",
    "LegalLine",
    "LegalLines",
    "LineKind",
    "LineResult",
    "LprFormula",
    "LprOn",
    "LprRate",
    "LprSeries",
    "NoLprError",
    "applicable_lines",
    "period_years",
    "received_share",
    "references_for",
]


@dataclass(frozen=True)
class LineResult:
    """How one debt compares with one rate line. ``rate`` and ``apr_vs_line`` are fractions a year.

    ``title`` and ``reason`` are Chinese; ``title_en`` and ``reason_en`` say the same in English. ``charged``,
    ``allowed`` and ``excess`` are the sums of ``periods`` (each rounded to the 分).
    """

    id: str
    title: str
    rate: Decimal | None
    applies: bool
    reason: str
    apr_vs_line: Decimal | None
    exceeded: bool
    excess: Decimal
    source: str
    confidence: str
    status: str = "in_force"
    charged: Decimal = ZERO
    allowed: Decimal = ZERO
    title_en: str = ""
    reason_en: str = ""
    periods: tuple[ExcessPeriod, ...] = ()

    @property
    def title_text(self) -> Text:
        return Text(self.title, self.title_en or self.title)

    @property
    def reason_text(self) -> Text:
        return Text(self.reason, self.reason_en or self.reason)


def _lines_of(lines: LegalLines | Sequence[LegalLine]) -> tuple[LegalLine, ...]:
    return lines.lines if isinstance(lines, LegalLines) else tuple(lines)


def references_for(loan: Loan, lines: LegalLines | Sequence[LegalLine]) -> tuple[LegalLine, ...]:
    """The reference rules (no rate) that concern ``loan``'s lender type."""
    return tuple(
        line for line in _lines_of(lines) if line.kind == "reference" and line.covers_lender(loan.lender_type)
    )


def applicable_lines(
    loan: Loan,
    lines: LegalLines | Sequence[LegalLine],
    lpr: LprSeries,
    as_of: date | None = None,
    *,
    schedule: Schedule | None = None,
    overdue: OverdueStatus | None = None,
    apr: Decimal | None = None,
) -> tuple[LineResult, ...]:
    """Every rate line compared with ``loan``: applies or not (and why), rate, APR gap and excess.

    ``schedule``, ``overdue`` (at ``as_of``; without ``as_of`` at the last due date) and ``apr`` (the true
    cost) are computed when not given.
    """
    all_lines = _lines_of(lines)
    if schedule is None:
        from .loans import build_schedule

        schedule = build_schedule(loan)
    until = (
        as_of
        if as_of is not None
        else (schedule.periods[-1].due_date if schedule.periods else loan.start_date)
    )
    if overdue is None or overdue.as_of != until:
        overdue = overdue_status(loan, until, schedule, lpr)
    if apr is None:
        apr = _true_apr(loan, schedule)
    return tuple(
        _compare(loan, line, all_lines, lpr, until, schedule, overdue, apr)
        for line in all_lines
        if line.kind == "rate_cap"
    )


def _true_apr(loan: Loan, schedule: Schedule) -> Decimal | None:
    from .cost import true_cost

    try:
        return true_cost(loan, schedule).apr
    except XieshangError:
        return None


def _not_applying(line: LegalLine, reason: Text) -> LineResult:
    return LineResult(
        line.id,
        line.title_zh,
        line.rate,
        False,
        reason.zh,
        None,
        False,
        ZERO,
        line.citation,
        line.confidence,
        line.status,
        title_en=line.title_en,
        reason_en=reason.en,
    )


def _compare(
    loan: Loan,
    line: LegalLine,
    all_lines: Sequence[LegalLine],
    lpr: LprSeries,
    until: date,
    schedule: Schedule,
    overdue: OverdueStatus,
    apr: Decimal | None,
) -> LineResult:
    problem = scope_problem(loan, line, all_lines, until)
    if problem is not None:
        return _not_applying(line, problem)
    try:
        rate = line_rate(line, loan, lpr, until)
    except XieshangError as error:
        message = Text.split(str(error))
        return _not_applying(
            line, Text(f"无法计算本线：{message.zh}", f"This line cannot be computed: {message.en}")
        )
    periods = excess_periods(loan, overdue, rate, len(schedule.periods))
    charged = sum((p.charged for p in periods), ZERO)
    allowed = sum((p.allowed for p in periods), ZERO)
    excess = sum((p.excess for p in periods), ZERO)
    last_start = schedule.periods[-2].due_date if len(schedule.periods) > 1 else loan.start_date
    latest = until if overdue.days_overdue > 0 else min(until, last_start)
    rate_now = rate.on(latest)  # the rate governing the latest interest or overdue charge (transition aware)
    gap = None if apr is None else apr - rate_now
    exceeded = excess > 0 or (gap is not None and gap > 0)
    reason = _reason(line, rate, apr, exceeded, until, (charged, allowed, excess))
    return LineResult(
        line.id,
        line.title_zh,
        rate_now,
        True,
        reason.zh,
        gap,
        exceeded,
        excess,
        line.citation,
        line.confidence,
        line.status,
        charged,
        allowed,
        line.title_en,
        reason.en,
        periods,
    )


def _reason(
    line: LegalLine,
    rate: LineRate,
    apr: Decimal | None,
    exceeded: bool,
    until: date,
    sums: tuple[Decimal, Decimal, Decimal],
) -> Text:
    reported = (
        Text("", "")
        if line.confidence == "text"
        else Text(
            f"（{CONFIDENCE_ZH.get(line.confidence, line.confidence)}）",
            f" ({CONFIDENCE_EN.get(line.confidence, line.confidence)})",
        )
    )
    apr_text = (
        Text("综合年化成本无法计算", "the true annual cost cannot be computed")
        if apr is None
        else Text(f"综合年化成本 {pct(apr)}", f"true annual cost {pct(apr)}")
    )
    verdict = Text("高于参考线", "above the line") if exceeded else Text("未超过参考线", "not above the line")
    day, (paid, fits, over) = until.isoformat(), (f"{x:.2f}" for x in sums)
    return Text(
        f"可参考{reported.zh}：{rate.explanation.zh}；{apr_text.zh}，{verdict.zh}；"
        f"截至 {day} 已收/应收利息费用 {paid}，按参考线可计 {fits}；逐期超出部分合计 {over}",
        f"For reference{reported.en}: {rate.explanation.en}; {apr_text.en}, {verdict.en}; "
        f"interest and fees charged or due up to {day}: {paid}, allowed at the line: {fits}; "
        f"charged above the line, period by period: {over}",
    )
