"""Repayment schedules: the contractual instalments of a loan, one method at a time.

Every figure is rounded to the 分 per period through :func:`~xieshang.core.money.cents`; the last period
absorbs the rounding residue so that the principal of the schedule sums exactly to ``loan.principal``
(equal-principal methods spread it instead, one 分 at a time). Balances never go negative.
Due dates fall monthly on ``loan.due_day`` (the 31st becomes the month's last day).

Period ``k`` of each method (``r`` = annual rate / 12, ``B`` = balance before the period):

- 等额本息: ``A = cents(P·r(1+r)^n / ((1+r)^n − 1))``; interest ``cents(B·r)``; principal ``A − interest``.
  Rounding ``A`` up can repay the loan before period ``n``: the schedule then ends with that period.
- 等额本金: principal ``P/n`` rounded cumulatively (see :func:`_equal_principal_periods`); interest ``cents(B·r)``.
- 先息后本: interest ``cents(P·r)``; all principal in the last period.
- 一次性还本付息: one period ``n`` months on; interest ``cents(P·annual·days/day_count)`` on actual days.
- 按日计息: principal as 等额本金; interest ``cents(B·daily rate·days in the period)``.
- 信用卡分期: principal as 等额本金; fee ``cents(P·period_fee_rate)`` on the original principal; no interest.
- 信用卡循环: the minimum-payment projection of :mod:`xieshang.core.cards`.

``loan.periodic_fee`` (service, guarantee, membership fee) is added to every period's ``fee``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from .dates import add_months
from .errors import FieldError, ValidationError
from .money import ZERO, cents
from .schedule import Period, Schedule
from .terms import Loan, Method

TWELVE = Decimal(12)


def build_schedule(loan: Loan) -> Schedule:
    """The contractual schedule of ``loan`` (raises :class:`ValidationError` for impossible terms)."""
    validate_terms(loan)
    if loan.method is Method.REVOLVING:
        from .cards import revolving_schedule  # cards builds on this module's values; import late

        return revolving_schedule(loan)
    return Schedule(tuple(_BUILDERS[loan.method](loan)))


def validate_terms(loan: Loan) -> None:
    """Check that ``loan`` describes a schedule that can be computed; collect every problem at once."""
    errors: list[FieldError] = []
    if loan.principal <= 0:
        errors.append(FieldError("principal", "本金必须大于 0 / principal must be greater than 0"))
    if loan.term_months < 1 and loan.method is not Method.REVOLVING:
        errors.append(FieldError("term_months", "期数至少为 1 / term must be at least 1 month"))
    if loan.annual_rate < 0:
        errors.append(FieldError("annual_rate", "年利率不能为负 / annual rate cannot be negative"))
    if loan.day_count not in (360, 365):
        errors.append(FieldError("day_count", "计息天数基准应为 360 或 365 / day count must be 360 or 365"))
    if loan.periodic_fee < 0:
        errors.append(FieldError("periodic_fee", "每期费用不能为负 / periodic fee cannot be negative"))
    if loan.daily_rate is not None and loan.daily_rate < 0:
        errors.append(FieldError("daily_rate", "日利率不能为负 / daily rate cannot be negative"))
    if loan.method is Method.CARD_INSTALMENT:
        if loan.period_fee_rate is None:
            errors.append(
                FieldError(
                    "period_fee_rate",
                    "信用卡分期需要每期手续费率 / card instalments need a fee rate per period",
                )
            )
        elif loan.period_fee_rate < 0:
            errors.append(FieldError("period_fee_rate", "手续费率不能为负 / fee rate cannot be negative"))
    if loan.payment_day is not None and not 1 <= loan.payment_day <= 31:
        errors.append(FieldError("payment_day", "还款日应在 1–31 之间 / payment day must be 1–31"))
    card = loan.revolving
    if card is not None and (
        card.min_payment_rate < 0 or card.min_payment_floor < 0 or card.late_fee_rate < 0
    ):
        errors.append(
            FieldError("revolving", "最低还款比例、下限和违约金比例不能为负 / card rates cannot be negative")
        )
    if errors:
        raise ValidationError(errors)


def monthly_rate(loan: Loan) -> Decimal:
    """The nominal rate per month: annual / 12."""
    return loan.annual_rate / TWELVE


def daily_rate(loan: Loan) -> Decimal:
    """The rate a day of a 按日计息 loan: ``daily_rate`` if stated, else annual / day count."""
    if loan.daily_rate is not None:
        return loan.daily_rate
    return loan.annual_rate / Decimal(loan.day_count)


def due_date(loan: Loan, k: int) -> date:
    """The due date of instalment ``k`` (1-based): ``k`` months after the start, on the contract day."""
    return add_months(loan.start_date, k, loan.due_day)


def _due_dates(loan: Loan) -> list[date]:
    """``[due_date(loan, k) for k in 1..n]``, with the loan's fields read once."""
    start, day = loan.start_date, loan.due_day
    return [add_months(start, k, day) for k in range(1, loan.term_months + 1)]


def annuity_payment(principal: Decimal, rate: Decimal, n: int) -> Decimal:
    """等额本息 instalment ``P·r(1+r)^n / ((1+r)^n − 1)`` rounded to the 分 (``P/n`` at zero rate)."""
    if rate == 0:
        return cents(principal / n)
    growth = (1 + rate) ** n
    return cents(principal * rate * growth / (growth - 1))


def _equal_installment(loan: Loan) -> list[Period]:
    n, r = loan.term_months, monthly_rate(loan)
    payment = annuity_payment(loan.principal, r, n)
    fee = cents(loan.periodic_fee)
    balance, periods = loan.principal, []
    for k, due in enumerate(_due_dates(loan), 1):
        interest = cents(balance * r)
        principal = balance if k == n else min(max(payment - interest, ZERO), balance)
        balance -= principal
        periods.append(Period(k, due, principal, interest, fee, balance))
        if balance == 0:  # the rounded-up instalment repaid it early: no fee-only periods after payoff
            break
    return periods


def _equal_principal_periods(
    loan: Loan, interest_of: Callable[[int, Decimal], Decimal], fee: Decimal | None = None
) -> list[Period]:
    """Equal principal ``P/n`` a period, interest from ``interest_of(k, balance)``, ``fee`` (default: the periodic
    fee) every period.

    Principal is rounded cumulatively: period ``k`` repays ``cents(k·P/n) − cents((k−1)·P/n)``, so every
    period is within 0.01 of ``cents(P/n)`` and the residue is spread instead of piling up in one period.
    This reproduces the published 等额本金 figures (first 6,861.11 and last 2,789.12 on 1,000,000 at 4.9 %).
    """
    n, whole = loan.term_months, loan.principal
    fee = cents(loan.periodic_fee) if fee is None else fee
    balance, repaid, periods = whole, ZERO, []
    for k, due in enumerate(_due_dates(loan), 1):
        interest = interest_of(k, balance)
        cumulative = whole if k == n else cents(whole * k / n)
        principal, repaid = cumulative - repaid, cumulative
        balance -= principal
        periods.append(Period(k, due, principal, interest, fee, balance))
    return periods


def _equal_principal(loan: Loan) -> list[Period]:
    r = monthly_rate(loan)
    return _equal_principal_periods(loan, lambda _k, balance: cents(balance * r))


def _daily(loan: Loan) -> list[Period]:
    rate = daily_rate(loan)
    bounds = [loan.start_date, *_due_dates(loan)]  # period k runs from bounds[k - 1] to bounds[k]

    def interest(k: int, balance: Decimal) -> Decimal:
        return cents(balance * rate * (bounds[k] - bounds[k - 1]).days)

    return _equal_principal_periods(loan, interest)


def _interest_only(loan: Loan) -> list[Period]:
    n = loan.term_months
    interest = cents(loan.principal * monthly_rate(loan))
    fee = cents(loan.periodic_fee)
    return [
        Period(
            k,
            due,
            loan.principal if k == n else ZERO,
            interest,
            fee,
            ZERO if k == n else loan.principal,
        )
        for k, due in enumerate(_due_dates(loan), 1)
    ]


def _bullet(loan: Loan) -> list[Period]:
    due = due_date(loan, loan.term_months)
    days = (due - loan.start_date).days
    interest = cents(loan.principal * loan.annual_rate * days / Decimal(loan.day_count))
    return [Period(1, due, loan.principal, interest, cents(loan.periodic_fee), ZERO)]


def _card_instalment(loan: Loan) -> list[Period]:
    assert loan.period_fee_rate is not None  # checked by validate_terms
    fee = cents(loan.principal * loan.period_fee_rate) + cents(loan.periodic_fee)
    return _equal_principal_periods(loan, lambda _k, _b: ZERO, fee)


_BUILDERS: dict[Method, Callable[[Loan], list[Period]]] = {
    Method.EQUAL_INSTALLMENT: _equal_installment,
    Method.EQUAL_PRINCIPAL: _equal_principal,
    Method.INTEREST_ONLY: _interest_only,
    Method.BULLET: _bullet,
    Method.DAILY: _daily,
    Method.CARD_INSTALMENT: _card_instalment,
}
