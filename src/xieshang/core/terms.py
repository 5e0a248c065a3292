"""The terms of a debt as immutable values: what the contract says and what was paid.

Rates are fractions (0.18 for 18 % a year); amounts are ``Decimal`` rounded to the 分.
The case file (:mod:`xieshang.casefile`) turns people's percentages into these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .money import ZERO
from .vocabulary import LenderType as LenderType
from .vocabulary import Method as Method
from .vocabulary import PaymentOrder as PaymentOrder


@dataclass(frozen=True)
class Payment:
    """Money the borrower actually paid on a debt."""

    date: date
    amount: Decimal
    note: str = ""
    id: str = (
        ""  # its public id (``p12``), when it has one: an agreed instalment names the payments settling it
    )


@dataclass(frozen=True)
class RevolvingTerms:
    """Terms of a revolving credit-card balance (信用卡循环)."""

    statement_day: int = 5  # 账单日
    due_day: int = 25  # 到期还款日 (in the month after the statement if not after statement_day)
    min_payment_rate: Decimal = Decimal("0.10")  # 最低还款额 = 10 % of the statement balance
    min_payment_floor: Decimal = Decimal("100.00")  # … but at least this (or the whole balance if smaller)
    late_fee_rate: Decimal = Decimal("0.05")  # 违约金: share of the unpaid minimum payment
    late_fee_min: Decimal = ZERO
    late_fee_max: Decimal | None = None
    statement_minimum: Decimal | None = None  # 最低还款额 of the opening statement, as the bill states it


@dataclass(frozen=True)
class Loan:
    """One debt as its contract describes it.

    ``annual_rate`` is the nominal yearly rate (fraction). For ``DAILY`` loans ``daily_rate`` is the rate a day;
    for ``CARD_INSTALMENT`` ``period_fee_rate`` is the fee per period on the original principal.
    ``received`` is what actually reached the borrower (after 砍头息 and upfront fees).
    """

    id: str
    principal: Decimal
    start_date: date
    term_months: int
    method: Method
    annual_rate: Decimal = ZERO
    creditor: str = ""
    lender_type: LenderType = LenderType.BANK
    received: Decimal | None = None
    daily_rate: Decimal | None = None
    period_fee_rate: Decimal | None = None
    day_count: int = 365  # 360 or 365: the year basis of daily interest
    periodic_fee: Decimal = ZERO  # service / guarantee / membership fee charged with every instalment
    upfront_fee: Decimal = (
        ZERO  # fee paid at the start out of pocket (not deducted) — counts in the true cost
    )
    payment_day: int | None = None  # contract day of the month; default: start_date's day
    payments: tuple[Payment, ...] = ()
    # 罚息 = contract rate × this, on overdue principal. None = the contract says nothing: 1.5 for financial
    # lenders (the banks' convention), 1 for private lending (民间借贷规定 Art. 28: the term rate)
    penalty_rate_multiplier: Decimal | None = None
    penalty_annual_rate: Decimal | None = None  # or an explicit 罚息 rate
    # 复利 on overdue interest at the 罚息 rate. None = the contract says nothing: yes for financial lenders,
    # no for private lending (no compounding unless agreed, Art. 27/28)
    compound_overdue_interest: bool | None = None
    late_fee_fixed: Decimal = ZERO  # 违约金/滞纳金: fixed amount per overdue instalment
    late_fee_rate: Decimal = ZERO  # 违约金/滞纳金: share of each overdue instalment, once
    payment_order: PaymentOrder = PaymentOrder.FEES_INTEREST_PRINCIPAL
    revolving: RevolvingTerms | None = None
    assisted_lending: bool | None = None  # 助贷: a platform arranged the loan (None: not known)
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def cash_received(self) -> Decimal:
        """What the borrower actually got in hand."""
        return self.principal if self.received is None else self.received

    @property
    def private(self) -> bool:
        return self.lender_type is LenderType.PRIVATE

    @property
    def overdue_terms_agreed(self) -> bool:
        """Whether the contract states its overdue rate (an explicit rate or a multiplier)."""
        return self.penalty_annual_rate is not None or self.penalty_rate_multiplier is not None

    @property
    def penalty_multiplier(self) -> Decimal:
        """The multiplier of the 罚息 rate: the contract's, else 1.5 (financial lenders) or 1 (private lending)."""
        if self.penalty_rate_multiplier is not None:
            return self.penalty_rate_multiplier
        return Decimal(1) if self.private else Decimal("1.5")

    @property
    def compounds_overdue_interest(self) -> bool:
        """Whether 复利 accrues on overdue interest: the contract's word, else not for private lending."""
        if self.compound_overdue_interest is not None:
            return self.compound_overdue_interest
        return not self.private

    @property
    def effective_annual_rate_for_penalty(self) -> Decimal:
        """The 罚息 rate a year: explicit, or the contract's nominal yearly rate × the multiplier."""
        if self.penalty_annual_rate is not None:
            return self.penalty_annual_rate
        return self.nominal_annual_rate * self.penalty_multiplier

    @property
    def nominal_annual_rate(self) -> Decimal:
        """The contract's nominal yearly rate whatever the method states (daily × basis for daily loans and
        cards with a daily rate)."""
        if self.method in (Method.DAILY, Method.REVOLVING) and self.daily_rate is not None:
            return self.daily_rate * self.day_count
        if self.method is Method.CARD_INSTALMENT and self.period_fee_rate is not None:
            return self.period_fee_rate * 12
        return self.annual_rate

    @property
    def due_day(self) -> int:
        return self.payment_day or self.start_date.day
