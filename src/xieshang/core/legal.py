"""Legal lines as values, and how a debt compares with each: references a borrower may cite, never verdicts.

The lines themselves (rates, formulas, scopes, dates, citations) come from ``data/legal_lines.yaml`` through
:mod:`xieshang.reference`; this module holds no legal number. For every *rate line* (``kind: rate_cap``) and one
debt, :func:`applicable_lines` says whether the line applies (lender type, contract date, the rule in force), the
line's rate, the debt's true APR against it and the **excess**, computed as follows.

Excess (everything up to ``as_of``; without ``as_of`` up to the last due date)::

    s        = received / principal                       (Art. 26 / 民法典 670: principal = what was received)
    charged  = (principal − received)                     (pre-deducted: principal never received, in full)
             + upfront_fee · m / n                        (a fee paid at the start, spread over the n periods)
             + Σ_k (interest_k + fee_k)                   over the m periods k due on or before as_of
             + penalty_interest + compound_interest + late_fees   accrued up to as_of (overdue.py)
    allowed  = Σ_k s · balance_{k−1} · line_rate_k · t_k  over the same periods
             + (penalty_interest + compound_interest) · line_rate_as_of / penalty_rate
    excess   = max(0, charged − allowed), rounded to the 分

``balance_{k−1}`` is the schedule's principal outstanding before period k (the loan's principal for k = 1);
``t_k`` is the period's length in years: its days / day count for 按日计息 and 一次性还本付息, its months / 12
for every other method; ``line_rate_k`` is the line's rate on the period's first day (this only matters for the
2020-08-20 transition of private lending). Overdue charges accrue at ``penalty_rate`` on overdue balances, so the
same balances over the same days at the line's rate allow ``charge × line_rate / penalty_rate``; late fees have
no balance of their own and fit only inside that allowance (Art. 29: "总计超过…的部分"). All charges are netted
against all allowances: a line caps the yearly total, not each item.

``exceeded`` is true when the line applies and either the debt's true APR is above the line or the excess is
positive. Wording stays "above the reference line", never "illegal". Every result says why in Chinese
(``reason``, which the CLI prints) and in English (``reason_en``); :attr:`LineResult.reason_text` holds both.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from .bilingual import Text
from .errors import XieshangError
from .money import ZERO, cents, rate_to_percent
from .schedule import Schedule
from .terms import LenderType, Loan, Method

if TYPE_CHECKING:
    from .overdue import OverdueStatus

Confidence = Literal["text", "press", "unverified"]
LineKind = Literal["rate_cap", "reference"]
LprOn = Literal["contract", "as_of"]

LENDER_TYPE_ZH: dict[LenderType, str] = {
    LenderType.BANK: "银行",
    LenderType.CONSUMER_FINANCE: "消费金融公司",
    LenderType.SMALL_LOAN: "小额贷款公司",
    LenderType.ONLINE_PLATFORM: "网络借贷平台（现金贷）",
    LenderType.CREDIT_CARD: "信用卡",
    LenderType.PRIVATE: "民间借贷",
}
# English wording of a lender type: what a line is for (plural), and what one debt is.
LENDER_TYPES_EN: dict[LenderType, str] = {
    LenderType.BANK: "banks",
    LenderType.CONSUMER_FINANCE: "consumer-finance companies",
    LenderType.SMALL_LOAN: "small-loan companies",
    LenderType.ONLINE_PLATFORM: "online lending platforms (cash loans)",
    LenderType.CREDIT_CARD: "credit cards",
    LenderType.PRIVATE: "private lending",
}
LENDER_TYPE_EN: dict[LenderType, str] = {
    LenderType.BANK: "a bank loan",
    LenderType.CONSUMER_FINANCE: "a consumer-finance company loan",
    LenderType.SMALL_LOAN: "a small-loan company loan",
    LenderType.ONLINE_PLATFORM: "an online lending platform (cash) loan",
    LenderType.CREDIT_CARD: "a credit card debt",
    LenderType.PRIVATE: "private lending",
}
CONFIDENCE_ZH: dict[str, str] = {"text": "原文", "press": "据报道", "unverified": "未核实"}
CONFIDENCE_EN: dict[str, str] = {"text": "official text", "press": "reported", "unverified": "unverified"}


def _english_list(items: Sequence[str]) -> str:
    """``a``; ``a and b``; ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


_FORMULA_RE = re.compile(r"^(?P<multiplier>\d+(?:\.\d+)?)x_lpr_(?P<tenor>1y|5y)$")
_TWELVE = Decimal(12)


class NoLprError(XieshangError):
    """No LPR was published on or before the date asked for."""


@dataclass(frozen=True)
class LprFormula:
    """A line computed from the LPR: ``multiplier × LPR(tenor)`` (``4x_lpr_1y`` in the data file)."""

    multiplier: Decimal
    tenor: Literal["1y", "5y"]

    @classmethod
    def parse(cls, text: str) -> LprFormula:
        match = _FORMULA_RE.match(text.strip())
        if match is None:
            raise ValueError(f"not an LPR formula: {text!r} (expected e.g. 4x_lpr_1y)")
        tenor: Literal["1y", "5y"] = "1y" if match.group("tenor") == "1y" else "5y"
        return cls(Decimal(match.group("multiplier")), tenor)

    def __str__(self) -> str:
        return f"{self.multiplier}x_lpr_{self.tenor}"


@dataclass(frozen=True)
class LprRate:
    """One LPR publication. Rates are fractions (0.031 for 3.10 %)."""

    publish_date: date
    one_year: Decimal
    five_year: Decimal
    note: str = ""

    def tenor(self, tenor: Literal["1y", "5y"]) -> Decimal:
        return self.one_year if tenor == "1y" else self.five_year


@dataclass(frozen=True)
class LprSeries:
    """The LPR publications in date order; :meth:`on` finds the one in force on a day."""

    rates: tuple[LprRate, ...]

    def __post_init__(self) -> None:
        days = [r.publish_date for r in self.rates]
        if days != sorted(days) or len(set(days)) != len(days):
            raise ValueError("LPR publications must be in strictly ascending date order")

    def on(self, day: date) -> LprRate:
        """The latest publication on or before ``day`` (raises :class:`NoLprError` before the first one)."""
        index = bisect.bisect_right([r.publish_date for r in self.rates], day)
        if index == 0:
            first = self.rates[0].publish_date.isoformat() if self.rates else "—"
            raise NoLprError(
                f"{day.isoformat()} 之前没有发布过LPR（首次发布 {first}） / "
                f"no LPR had been published by {day.isoformat()} (first published {first})"
            )
        return self.rates[index - 1]

    def rate(self, formula: LprFormula, day: date) -> tuple[Decimal, LprRate]:
        """``formula`` evaluated with the publication in force on ``day``, and that publication."""
        publication = self.on(day)
        return formula.multiplier * publication.tenor(formula.tenor), publication


@dataclass(frozen=True)
class LegalLine:
    """One legal line or rule from ``legal_lines.yaml`` (see the comments at the top of that file)."""

    id: str
    kind: LineKind
    title_zh: str
    title_en: str
    source: str
    article: str
    confidence: Confidence
    summary_zh: str = ""
    summary_en: str = ""
    status: str = "in_force"
    covers: str = ""
    rate: Decimal | None = None
    formula: LprFormula | None = None
    lpr_on: LprOn = "contract"
    rate_until: date | None = None
    formula_after: LprFormula | None = None
    lpr_on_after: LprOn = "as_of"
    lender_types: tuple[LenderType, ...] = ()
    contracts_from: date | None = None
    contracts_before: date | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    excludes: tuple[str, ...] = ()

    @property
    def citation(self) -> str:
        return f"{self.source} {self.article}".strip()

    def covers_lender(self, lender_type: LenderType) -> bool:
        return not self.lender_types or lender_type in self.lender_types


@dataclass(frozen=True)
class LegalLines:
    """The whole versioned set of lines."""

    version: int
    lines: tuple[LegalLine, ...]

    def get(self, line_id: str) -> LegalLine:
        for line in self.lines:
            if line.id == line_id:
                return line
        raise KeyError(line_id)

    @property
    def rate_caps(self) -> tuple[LegalLine, ...]:
        return tuple(line for line in self.lines if line.kind == "rate_cap")

    @property
    def references(self) -> tuple[LegalLine, ...]:
        return tuple(line for line in self.lines if line.kind == "reference")


@dataclass(frozen=True)
class HelpChannel:
    """A free complaint or help channel (``help_channels.yaml``)."""

    id: str
    number: str
    name_zh: str
    name_en: str
    for_zh: str
    for_en: str
    confidence: str
    note_zh: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class LineResult:
    """How one debt compares with one rate line. ``rate`` and ``apr_vs_line`` are fractions a year.

    ``title`` and ``reason`` are Chinese; ``title_en`` and ``reason_en`` say the same in English.
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

    @property
    def title_text(self) -> Text:
        return Text(self.title, self.title_en or self.title)

    @property
    def reason_text(self) -> Text:
        return Text(self.reason, self.reason_en or self.reason)


def _pct(rate: Decimal) -> str:
    return f"{rate_to_percent(rate).quantize(Decimal('0.01'))}%"


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

    ``schedule``, ``overdue`` (at ``as_of``) and ``apr`` (the true cost) are computed when not given.
    """
    all_lines = _lines_of(lines)
    if schedule is None:
        from .loans import build_schedule

        schedule = build_schedule(loan)
    if overdue is None and as_of is not None:
        from .overdue import overdue_status

        overdue = overdue_status(loan, as_of, schedule)
    if apr is None:
        apr = _true_apr(loan, schedule)
    until = (
        as_of
        if as_of is not None
        else (schedule.periods[-1].due_date if schedule.periods else loan.start_date)
    )
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


def _scope_problem(loan: Loan, line: LegalLine, all_lines: Sequence[LegalLine], until: date) -> Text | None:
    """Why ``line`` does not apply to ``loan`` (None when it does)."""
    if not line.covers_lender(loan.lender_type):
        wanted = Text(
            "、".join(LENDER_TYPE_ZH[t] for t in line.lender_types),
            _english_list([LENDER_TYPES_EN[t] for t in line.lender_types]),
        )
        this = Text(LENDER_TYPE_ZH[loan.lender_type], LENDER_TYPE_EN[loan.lender_type])
        reason = Text(
            f"不适用：本线适用于{wanted.zh}，本笔为{this.zh}",
            f"Does not apply: this line is for {wanted.en}; this debt is {this.en}",
        )
        for other in all_lines:
            if line.id in other.excludes and other.covers_lender(loan.lender_type):
                reason += Text(
                    f"（另见 {other.id}：{other.title_zh}，{other.citation}）",
                    f" (see also {other.id}: {other.title_en or other.title_zh} — {other.citation})",
                )
        return reason
    start = loan.start_date.isoformat()
    if line.contracts_from is not None and loan.start_date < line.contracts_from:
        since = line.contracts_from.isoformat()
        return Text(
            f"不适用：本线适用于 {since} 及以后成立的合同，本笔合同成立于 {start}",
            f"Does not apply: this line is for contracts made on or after {since}; this one was made on {start}",
        )
    if line.contracts_before is not None and loan.start_date >= line.contracts_before:
        before = line.contracts_before.isoformat()
        return Text(
            f"不适用：本线适用于 {before} 之前成立的合同，本笔合同成立于 {start}",
            f"Does not apply: this line is for contracts made before {before}; this one was made on {start}",
        )
    if line.effective_from is not None and until < line.effective_from:
        begins, day = line.effective_from.isoformat(), until.isoformat()
        return Text(
            f"不适用：该规定自 {begins} 起施行，分析日为 {day}",
            f"Does not apply: the rule takes effect on {begins}; the analysis date is {day}",
        )
    if line.effective_to is not None and until > line.effective_to and line.rate_until is None:
        ended = line.effective_to.isoformat()
        return Text(
            f"不适用：该规定已于 {ended} 失效", f"Does not apply: the rule ceased to apply on {ended}"
        )
    return None


@dataclass(frozen=True)
class _Rates:
    """A line's rate as a function of the day interest accrues, with the words explaining it."""

    line: LegalLine
    before: Decimal
    after: Decimal | None
    explanation: Text

    def on(self, day: date) -> Decimal:
        if self.after is None or self.line.rate_until is None or day <= self.line.rate_until:
            return self.before
        return self.after


def _formula_rate(
    lpr: LprSeries, formula: LprFormula, lpr_on: LprOn, loan: Loan, until: date
) -> tuple[Decimal, Text]:
    day = loan.start_date if lpr_on == "contract" else until
    rate, publication = lpr.rate(formula, day)
    when = (
        Text("合同成立日", "the contract date")
        if lpr_on == "contract"
        else Text("分析日（代替起诉日）", "the analysis date (standing in for the filing date)")
    )
    tenor = Text("一年期", "one-year") if formula.tenor == "1y" else Text("五年期", "five-year")
    published, lpr_rate = publication.publish_date.isoformat(), _pct(publication.tenor(formula.tenor))
    product = f"{lpr_rate} × {formula.multiplier.normalize()} = {_pct(rate)}"
    text = Text(
        f"{when.zh} {day.isoformat()} 前最近一次（{published}）发布的{tenor.zh}LPR {product}",
        f"the {tenor.en} LPR published on {published}, the latest on or before {when.en} {day.isoformat()}: "
        f"{product}",
    )
    return rate, text


def _rates(line: LegalLine, loan: Loan, lpr: LprSeries, until: date) -> _Rates:
    if line.formula is not None:
        rate, text = _formula_rate(lpr, line.formula, line.lpr_on, loan, until)
        return _Rates(line, rate, None, text)
    if line.rate is None:
        raise ValueError(f"rate line {line.id} has neither rate nor formula")
    if line.rate_until is None or line.formula_after is None:
        return _Rates(line, line.rate, None, Text(f"年 {_pct(line.rate)}", f"{_pct(line.rate)} a year"))
    until_day = line.rate_until.isoformat()
    text = Text(
        f"{until_day} 及以前计息部分按年 {_pct(line.rate)}",
        f"interest accruing up to and including {until_day} at {_pct(line.rate)} a year",
    )
    if until <= line.rate_until:
        return _Rates(line, line.rate, None, text)
    after, after_text = _formula_rate(lpr, line.formula_after, line.lpr_on_after, loan, until)
    return _Rates(
        line,
        line.rate,
        after,
        Text(f"{text.zh}；此后按{after_text.zh}", f"{text.en}; after that {after_text.en}"),
    )


def _compare(
    loan: Loan,
    line: LegalLine,
    all_lines: Sequence[LegalLine],
    lpr: LprSeries,
    until: date,
    schedule: Schedule,
    overdue: OverdueStatus | None,
    apr: Decimal | None,
) -> LineResult:
    problem = _scope_problem(loan, line, all_lines, until)
    if problem is not None:
        return _not_applying(line, problem)
    try:
        rates = _rates(line, loan, lpr, until)
    except XieshangError as error:
        message = Text.split(str(error))
        return _not_applying(
            line, Text(f"无法计算本线：{message.zh}", f"This line cannot be computed: {message.en}")
        )
    charged, allowed = charged_and_allowed(loan, schedule, until, overdue, rates.on)
    excess = max(ZERO, cents(charged - allowed))
    periods = schedule.periods
    last_start = periods[-2].due_date if len(periods) > 1 else loan.start_date
    rate_now = rates.on(min(until, last_start))  # the rate governing the latest interest (transition aware)
    gap = None if apr is None else apr - rate_now
    exceeded = excess > 0 or (gap is not None and gap > 0)
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
        else Text(f"综合年化成本 {_pct(apr)}", f"true annual cost {_pct(apr)}")
    )
    verdict = Text("高于参考线", "above the line") if exceeded else Text("未超过参考线", "not above the line")
    day, paid, fits = until.isoformat(), f"{charged:.2f}", f"{cents(allowed):.2f}"
    reason = Text(
        f"可参考{reported.zh}：{rates.explanation.zh}；{apr_text.zh}，{verdict.zh}；"
        f"截至 {day} 已收/应收利息费用 {paid}，按参考线可计 {fits}",
        f"For reference{reported.en}: {rates.explanation.en}; {apr_text.en}, {verdict.en}; "
        f"interest and fees charged or due up to {day}: {paid}, allowed at the line: {fits}",
    )
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
        cents(charged),
        cents(allowed),
        line.title_en,
        reason.en,
    )


def _months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def period_years(loan: Loan, begin: date, end: date) -> Decimal:
    """The length of a period in years: days / day count for daily and bullet loans, months / 12 otherwise."""
    if loan.method in (Method.DAILY, Method.BULLET):
        return Decimal((end - begin).days) / Decimal(loan.day_count)
    months = _months_between(begin, end)
    if months < 1:  # a period shorter than a calendar month step (revolving statements): count days
        return Decimal((end - begin).days) / Decimal(loan.day_count)
    return Decimal(months) / _TWELVE


def charged_and_allowed(
    loan: Loan,
    schedule: Schedule,
    until: date,
    overdue: OverdueStatus | None,
    line_rate_on: Callable[[date], Decimal],
) -> tuple[Decimal, Decimal]:
    """What ``loan`` charged up to ``until`` and what the line (``line_rate_on(day) -> rate``) would allow.

    See the module docstring for the formula. Amounts are unrounded sums of rounded schedule figures.
    """
    rate_on = line_rate_on
    share = loan.cash_received / loan.principal if loan.principal > 0 else Decimal(1)
    charged = loan.principal - loan.cash_received
    allowed = ZERO
    if loan.method is Method.REVOLVING:
        return _revolving_charged_and_allowed(loan, until, rate_on, charged + loan.upfront_fee, share)
    balance, begin = loan.principal, loan.start_date
    periods = len(schedule.periods)
    for period in schedule.periods:
        if period.due_date > until:
            break
        charged += period.interest + period.fee + loan.upfront_fee / periods
        allowed += share * balance * rate_on(begin) * period_years(loan, begin, period.due_date)
        balance, begin = period.balance, period.due_date
    if overdue is not None:
        extra = overdue.charges
        accruing = extra.penalty_interest + extra.compound_interest
        charged += accruing + extra.late_fees
        penalty_rate = loan.effective_annual_rate_for_penalty
        if penalty_rate > 0:
            allowed += accruing * rate_on(until) / penalty_rate
    return charged, allowed


def _revolving_charged_and_allowed(
    loan: Loan, until: date, rate_on: Callable[[date], Decimal], charged: Decimal, share: Decimal
) -> tuple[Decimal, Decimal]:
    """A card replayed from its statements: interest and 违约金 charged against the line on each cycle's balance.

    Each cycle (statement to statement, the last one to ``until``) is allowed ``share × closing balance of the
    statement opening it × line rate × days / day count``. Payments inside a cycle are not subtracted, so the
    allowance is generous and the excess, if anything, understated.
    """
    from .cards import revolving_position

    position = revolving_position(loan, until)
    charged += position.interest_charged + position.accrued_interest + position.late_fees_charged
    allowed = ZERO
    ends = [s.statement_date for s in position.statements[1:]] + [until]
    for statement, end in zip(position.statements, ends, strict=True):
        days = Decimal((end - statement.statement_date).days)
        balance = max(statement.closing_balance, ZERO)
        allowed += share * balance * rate_on(statement.statement_date) * days / Decimal(loan.day_count)
    return charged, allowed
