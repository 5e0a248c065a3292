"""Negotiation options for one debt (协商方案) and what each means for the borrower and the creditor.

A debt enters planning as a :class:`DebtPosition`: what is owed today, split into principal and charges,
and the rate at which it grows. An option turns a position into :class:`DebtTerms` (opening balance, rate,
grace and instalment months); :class:`DebtLedger` steps those terms month by month. The same ledger drives a
single option's schedule here and the whole plan's projection in ``projection.py``.

The month model, the same everywhere: at the start of a month interest accrues on the principal outstanding at
the monthly rate (rounded to the 分; charges do not bear interest); a payment settles charges (interest, fees,
penalties) first, then principal. A level instalment is the 等额本息 payment on the whole balance, so the debt is
cleared within the agreed months; the last payment absorbs the residue.

The status quo, against which a saving is measured, is the debt as it stands (nothing waived, interest and
penalty interest running at ``monthly_rate``) repaid with the same monthly amount. The creditor's status quo is
the borrower who cannot pay: nothing is recovered.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .bilingual import Text
from .errors import ValidationError
from .level import level_payment as level_payment
from .limits import LimitRule as LimitRule
from .limits import PlanLimits as PlanLimits
from .money import CENT, ZERO, cents, quantize_half_up
from .terms import LenderType
from .vocabulary import Grace as Grace
from .vocabulary import OptionKind as OptionKind
from .vocabulary import WaiverScope as WaiverScope
from .vocabulary import label

MAX_MONTHS = 600  # a projection that has not ended after 50 years stops and is flagged
MAX_GRACE_MONTHS = 24


@dataclass(frozen=True)
class DebtPosition:
    """What one debt stands at on the planning date, and how it grows if nothing changes."""

    id: str
    creditor: str
    lender_type: LenderType
    principal: Decimal
    interest: Decimal = ZERO
    fees: Decimal = ZERO
    penalty: Decimal = ZERO  # 罚息, 复利, 违约金 / 滞纳金
    monthly_rate: Decimal = ZERO  # accrual a month on principal as things stand (the 罚息 rate when overdue)
    contract_rate: Decimal | None = None  # the contract's rate a month; a re-instalment's default rate
    apr: Decimal | None = None  # true yearly cost; orders the avalanche (default: monthly_rate × 12)
    contractual_monthly: Decimal = ZERO  # the contract's regular instalment: the pro-rata basis
    priority: bool = False
    excess: Decimal = ZERO  # charged above a legal line (from the legal analysis)
    agreed: bool = False  # under a repayment agreement: paid its instalment a month, not more

    @property
    def charges(self) -> Decimal:
        return self.interest + self.fees + self.penalty

    @property
    def balance(self) -> Decimal:
        return self.principal + self.charges

    @property
    def yearly_rate(self) -> Decimal:
        return self.apr if self.apr is not None else self.monthly_rate * 12


@dataclass(frozen=True)
class AsIs:
    kind: Literal[OptionKind.AS_IS] = OptionKind.AS_IS


@dataclass(frozen=True)
class Reinstalment:
    months: int
    monthly_rate: Decimal | None = None  # None: the contract's rate
    kind: Literal[OptionKind.REINSTALMENT] = OptionKind.REINSTALMENT


@dataclass(frozen=True)
class Deferral:
    grace_months: int
    months: int  # instalments after the grace months
    grace: Grace = Grace.INTEREST_ONLY
    monthly_rate: Decimal | None = None
    kind: Literal[OptionKind.DEFERRAL] = OptionKind.DEFERRAL


@dataclass(frozen=True)
class InterestFreeze:
    months: int
    kind: Literal[OptionKind.INTEREST_FREEZE] = OptionKind.INTEREST_FREEZE


@dataclass(frozen=True)
class Waiver:
    scope: WaiverScope = WaiverScope.PENALTIES_AND_FEES
    months: int = 12
    monthly_rate: Decimal | None = None
    freeze: bool = False  # also stop interest on what remains
    kind: Literal[OptionKind.WAIVER] = OptionKind.WAIVER


@dataclass(frozen=True)
class Settlement:
    share: Decimal  # of today's balance, 0 < share ≤ 1
    months: int = 1  # 1 = one lump sum
    kind: Literal[OptionKind.SETTLEMENT] = OptionKind.SETTLEMENT


Option = AsIs | Reinstalment | Deferral | InterestFreeze | Waiver | Settlement


@dataclass(frozen=True)
class DebtTerms:
    """How a debt runs under an option: opening amounts, the rate, grace months and the instalment count."""

    position: DebtPosition
    kind: OptionKind
    principal: Decimal
    charges: Decimal
    rate: Decimal  # a month on principal; 0 = frozen
    waived: Decimal = ZERO
    grace_months: int = 0
    grace_pays_interest: bool = True
    months: int | None = None  # level instalments after any grace; None = the contract's payment
    capped: bool = False  # paid what its terms ask a month and no more (an agreed schedule)

    @property
    def frozen(self) -> bool:
        return self.rate == 0


def terms_for(position: DebtPosition, option: Option, limits: PlanLimits, path: str = "") -> DebtTerms:
    """The terms an option gives; a ValidationError located at ``path`` if the option breaks a limit."""
    p, charges = position.principal, position.charges
    contract = position.contract_rate if position.contract_rate is not None else position.monthly_rate
    if isinstance(option, AsIs):
        return as_is_terms(position)
    if isinstance(option, Reinstalment):
        _check_months(option.months, position, limits, path)
        rate = _rate(option.monthly_rate, contract, path)
        return DebtTerms(position, option.kind, p, charges, rate, months=option.months)
    if isinstance(option, Deferral):
        if not 1 <= option.grace_months <= MAX_GRACE_MONTHS:
            raise ValidationError(
                f"宽限期应为 1–{MAX_GRACE_MONTHS} 个月 / grace must be 1–{MAX_GRACE_MONTHS} months",
                _at(path, "grace_months"),
            )
        _check_months(option.months + option.grace_months, position, limits, path)
        rate = _rate(option.monthly_rate, contract, path)
        pays = option.grace == Grace.INTEREST_ONLY
        return DebtTerms(
            position, option.kind, p, charges, rate, ZERO, option.grace_months, pays, option.months
        )
    if isinstance(option, InterestFreeze):
        _check_months(option.months, position, limits, path)
        return DebtTerms(position, option.kind, p, charges, ZERO, months=option.months)
    if isinstance(option, Waiver):
        _check_months(option.months, position, limits, path, shortest=1)
        if option.scope == WaiverScope.PENALTIES_AND_FEES:
            waived = position.penalty + position.fees
        else:
            waived = min(max(position.excess, ZERO), charges)
        rate = ZERO if option.freeze else _rate(option.monthly_rate, contract, path)
        return DebtTerms(position, option.kind, p, charges - waived, rate, waived, months=option.months)
    if not ZERO < option.share <= 1:
        raise ValidationError(
            "结清比例应在 0–100% 之间 / share must be above 0 and at most 100%", _at(path, "share_percent")
        )
    _check_months(option.months, position, limits, path, shortest=1)
    lump = cents(position.balance * option.share)
    return DebtTerms(position, option.kind, lump, ZERO, ZERO, position.balance - lump, months=option.months)


def _at(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _rate(given: Decimal | None, default: Decimal, path: str) -> Decimal:
    if given is None:
        return default
    if given < 0:
        raise ValidationError(
            "月利率不能为负 / the monthly rate cannot be negative", _at(path, "monthly_rate_percent")
        )
    return given


def _check_months(
    months: int, position: DebtPosition, limits: PlanLimits, path: str, shortest: int | None = None
) -> None:
    rule = limits.rule(position.lender_type)
    low = rule.min_months if shortest is None else shortest
    if not low <= months <= rule.max_months:
        lender = label(position.lender_type)
        raise ValidationError(
            Text(
                f"期数应为 {low}–{rule.max_months} 个月（{rule.source}{rule.article}）",
                f"months must be {low}–{rule.max_months} for a {lender.en.lower()} ({rule.source}{rule.article})",
            ),
            _at(path, "months"),
        )


class DebtLedger:
    """One debt's running account under its terms. Mutable on purpose: a private stepping device."""

    __slots__ = ("accrued", "charges", "interest_total", "level", "month", "paid", "principal", "terms")

    def __init__(self, terms: DebtTerms) -> None:
        self.terms = terms
        self.principal = terms.principal
        self.charges = terms.charges
        self.month = 0
        self.level = ZERO
        self.accrued = ZERO  # this month's interest
        self.interest_total = ZERO
        self.paid = ZERO

    @property
    def payoff(self) -> Decimal:
        return self.principal + self.charges

    def open_month(self) -> None:
        """Start the next month: accrue interest and, when the instalments begin, fix the level payment."""
        self.month += 1
        rate = self.terms.rate
        if self.month == self.terms.grace_months + 1:  # on the balance owed when the instalments begin
            months = self.terms.months
            if months is None:
                contract = self.terms.position.contractual_monthly
                self.level = contract if contract > 0 else self.payoff
            else:
                self.level = level_payment(self.principal, self.charges, rate, months)
        self.accrued = (
            quantize_half_up(self.principal * rate, CENT) if rate > 0 and self.principal > 0 else ZERO
        )
        self.charges += self.accrued
        self.interest_total += self.accrued

    def due(self) -> Decimal:
        """What the terms ask for this month."""
        return self.due_and_cap()[0]

    def due_and_cap(self) -> tuple[Decimal, Decimal]:
        """What the terms ask for this month, and the most this debt may take: what its terms ask when they set
        instalments (an agreed schedule is paid as agreed, so money over it goes to the other creditors), else
        everything owed."""
        terms = self.terms
        if self.month <= terms.grace_months:
            due = self.accrued if terms.grace_pays_interest else ZERO
            return due, due
        owed, due = self.payoff, min(self.level, self.payoff)
        return due, due if terms.months is not None or terms.capped else owed

    def pay(self, amount: Decimal) -> None:
        to_charges = min(amount, self.charges)
        self.charges -= to_charges
        self.principal -= amount - to_charges
        self.paid += amount


@dataclass(frozen=True)
class ScheduleRow:
    month: int  # 1-based from the plan's start
    payment: Decimal
    interest: Decimal  # accrued this month
    balance: Decimal  # owed after the payment


@dataclass(frozen=True)
class CreditorView:
    """What the creditor gets under the option, against the borrower who cannot pay (nothing recovered)."""

    recovered: Decimal
    months: int
    recovered_first_year: Decimal
    share_of_balance: Decimal  # recovered ÷ today's balance
    status_quo_recovered: Decimal = ZERO


@dataclass(frozen=True)
class OptionOutcome:
    debt_id: str
    kind: OptionKind
    monthly: Decimal  # the regular instalment (after any grace)
    months: int
    total_paid: Decimal
    waived: Decimal
    interest: Decimal
    rows: tuple[ScheduleRow, ...]
    status_quo_cost: (
        Decimal  # the same monthly amount on the debt as it stands (+ what is still owed at the cap)
    )
    status_quo_months: int
    status_quo_capped: bool
    saving: Decimal
    creditor: CreditorView


def run_alone(
    terms: DebtTerms, pay: Decimal | None = None, max_months: int = MAX_MONTHS, rows: bool = True
) -> tuple[DebtLedger, list[ScheduleRow]]:
    """Step one debt paying what its terms ask (or ``pay`` each month) until cleared or ``max_months``; the
    months as rows unless ``rows`` is False (a status quo wanted for its totals only)."""
    ledger, kept = DebtLedger(terms), []
    while ledger.payoff > 0 and ledger.month < max_months:
        ledger.open_month()
        amount = ledger.due() if pay is None else min(pay, ledger.payoff)
        ledger.pay(amount)
        if rows:
            kept.append(ScheduleRow(ledger.month, amount, ledger.accrued, ledger.payoff))
    return ledger, kept


def as_is_terms(position: DebtPosition) -> DebtTerms:
    """The debt as it stands (an agreed debt: its agreement, paid its instalment a month)."""
    p = position
    return DebtTerms(p, OptionKind.AS_IS, p.principal, p.charges, p.monthly_rate, capped=p.agreed)


def evaluate(position: DebtPosition, option: Option, limits: PlanLimits, path: str = "") -> OptionOutcome:
    """Monthly amount, months, total paid, saving and the creditor's view of one option on one debt."""
    terms = terms_for(position, option, limits, path)
    ledger, rows = run_alone(terms)
    monthly = ledger.level
    quo, _ = (
        run_alone(as_is_terms(position), pay=monthly, rows=False)
        if monthly > 0
        else (DebtLedger(as_is_terms(position)), [])
    )
    quo_cost = quo.paid + quo.payoff
    months = len(rows)
    recovered = ledger.paid
    balance = position.balance
    view = CreditorView(
        recovered=recovered,
        months=months,
        recovered_first_year=sum((r.payment for r in rows[:12]), ZERO),
        share_of_balance=(recovered / balance) if balance > 0 else ZERO,
    )
    return OptionOutcome(
        debt_id=position.id,
        kind=terms.kind,
        monthly=monthly,
        months=months,
        total_paid=ledger.paid,
        waived=terms.waived,
        interest=ledger.interest_total,
        rows=tuple(rows),
        status_quo_cost=quo_cost,
        status_quo_months=quo.month,
        status_quo_capped=quo.payoff > 0,
        saving=quo_cost - ledger.paid,
        creditor=view,
    )
