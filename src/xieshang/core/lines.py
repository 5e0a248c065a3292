"""Legal lines as values, and whether one applies to a debt: scope, dates, and the line's rate day by day.

The lines themselves (rates, formulas, scopes, dates, citations) come from ``data/legal_lines.yaml`` through
:mod:`xieshang.reference`; this module holds no legal number. :func:`scope_problem` says why a line does not
apply to a debt (lender type, contract date, the rule not yet or no longer in force, a flag the debt lacks);
:func:`line_rate` gives the line's rate as a function of the day interest accrues (:class:`LineRate`), with
the words explaining where it comes from. The comparison with what a debt charged is in :mod:`.excess`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from .bilingual import Text
from .lpr import LprFormula, LprSeries
from .money import rate_to_percent, rounded
from .terms import LenderType, Loan

Confidence = Literal["text", "press", "unverified"]
LineKind = Literal["rate_cap", "reference"]
LprOn = Literal["contract", "as_of"]
# Flags a line may require of a debt (``requires`` in the data file) → the Loan attribute that holds it.
FLAGS = {"assisted_lending": "assisted_lending"}

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
DAY = timedelta(days=1)


def english_list(items: Sequence[str]) -> str:
    """``a``; ``a and b``; ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def pct(rate: Decimal) -> str:
    return f"{rounded(rate_to_percent(rate), Decimal('0.01'))}%"


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
    requires: tuple[str, ...] = ()

    @property
    def citation(self) -> str:
        return f"{self.source} {self.article}".strip()

    def covers_lender(self, lender_type: LenderType) -> bool:
        return not self.lender_types or lender_type in self.lender_types

    def expired_on(self, day: date) -> bool:
        """The rule itself ended before ``day`` (shown as expired with its dates, never as open)."""
        return self.effective_to is not None and day > self.effective_to

    def dates_text(self) -> Text:
        """When the rule was or is in force, in words (empty when the data gives no dates)."""
        begin = self.effective_from.isoformat() if self.effective_from else ""
        end = self.effective_to.isoformat() if self.effective_to else ""
        if begin and end:
            return Text(f"{begin} 至 {end}", f"{begin} to {end}")
        if begin:
            return Text(f"{begin} 起", f"from {begin}")
        if end:
            return Text(f"至 {end}", f"until {end}")
        return Text("", "")


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


def scope_problem(loan: Loan, line: LegalLine, all_lines: Sequence[LegalLine], until: date) -> Text | None:
    """Why ``line`` does not apply to ``loan`` analysed on ``until`` (None when it does)."""
    if not line.covers_lender(loan.lender_type):
        wanted = Text(
            "、".join(LENDER_TYPE_ZH[t] for t in line.lender_types),
            english_list([LENDER_TYPES_EN[t] for t in line.lender_types]),
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
    if "assisted_lending" in line.requires and loan.assisted_lending is not True:
        return Text(
            "不适用：本线只适用于经平台撮合（助贷）发放的贷款；本笔未标明有平台参与",
            "Does not apply: this line is only for loans arranged through a platform (assisted lending); "
            "this debt is not marked as platform-assisted",
        )
    if line.effective_from is not None and until < line.effective_from:
        begins, day = line.effective_from.isoformat(), until.isoformat()
        return Text(
            f"不适用：该规定自 {begins} 起施行，分析日为 {day}",
            f"Does not apply: the rule takes effect on {begins}; the analysis date is {day}",
        )
    if line.expired_on(until) and line.rate_until is None:
        dates = line.dates_text()
        return Text(
            f"不适用：该规定已失效（{dates.zh}），分析日为 {until.isoformat()}",
            f"Does not apply: the rule has expired ({dates.en}); the analysis date is {until.isoformat()}",
        )
    return None


@dataclass(frozen=True)
class LineRate:
    """A line's rate as a function of the day interest accrues, with the words explaining it.

    ``before`` governs every day up to and including ``until``; ``after`` (when given) every later day.
    """

    before: Decimal
    after: Decimal | None
    until: date | None
    explanation: Text

    def on(self, day: date) -> Decimal:
        if self.after is None or self.until is None or day <= self.until:
            return self.before
        return self.after

    def cut(self) -> date | None:
        """The first day of ``after`` (None when the rate never changes)."""
        return None if self.after is None or self.until is None else self.until + DAY


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
    published, lpr_rate = publication.publish_date.isoformat(), pct(publication.tenor(formula.tenor))
    product = f"{lpr_rate} × {formula.multiplier.normalize()} = {pct(rate)}"
    text = Text(
        f"{when.zh} {day.isoformat()} 前最近一次（{published}）发布的{tenor.zh}LPR {product}",
        f"the {tenor.en} LPR published on {published}, the latest on or before {when.en} {day.isoformat()}: "
        f"{product}",
    )
    return rate, text


def line_rate(line: LegalLine, loan: Loan, lpr: LprSeries, until: date) -> LineRate:
    """The rate of ``line`` for ``loan`` analysed on ``until`` (raises :class:`~.lpr.NoLprError`)."""
    if line.formula is not None:
        rate, text = _formula_rate(lpr, line.formula, line.lpr_on, loan, until)
        return LineRate(rate, None, None, text)
    if line.rate is None:
        raise ValueError(f"rate line {line.id} has neither rate nor formula")
    if line.rate_until is None or line.formula_after is None:
        return LineRate(line.rate, None, None, Text(f"年 {pct(line.rate)}", f"{pct(line.rate)} a year"))
    until_day = line.rate_until.isoformat()
    text = Text(
        f"{until_day} 及以前计息部分按年 {pct(line.rate)}",
        f"interest accruing up to and including {until_day} at {pct(line.rate)} a year",
    )
    if until <= line.rate_until:
        return LineRate(line.rate, None, None, text)
    after, after_text = _formula_rate(lpr, line.formula_after, line.lpr_on_after, loan, until)
    return LineRate(
        line.rate,
        after,
        line.rate_until,
        Text(f"{text.zh}；此后按{after_text.zh}", f"{text.en}; after that {after_text.en}"),
    )
