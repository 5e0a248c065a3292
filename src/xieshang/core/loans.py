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

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from itertools import accumulate, repeat
from operator import add, floordiv, sub

from .dates import MonthlyDueDates, add_months
from .errors import FieldError, ValidationError
from .money import CENT, ZERO, cents, quantize_half_up
from .schedule import PeriodRows, Schedule
from .terms import Loan, Method

TWELVE = Decimal(12)


def build_schedule(loan: Loan) -> Schedule:
    """The contractual schedule of ``loan`` (raises :class:`ValidationError` for impossible terms)."""
    validate_terms(loan)
    if loan.method is Method.REVOLVING:
        from .cards import revolving_schedule  # cards builds on this module's values; import late

        return revolving_schedule(loan)
    periods, payments = _BUILDERS[loan.method](loan)
    months: Sequence[int] | None = None
    if loan.due_day == loan.start_date.day:  # every due date is whole months after the start
        months = (loan.term_months,) if loan.method is Method.BULLET else range(1, len(periods) + 1)
    return Schedule(periods, months, payments)


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


def _due_dates(loan: Loan, count: int | None = None) -> MonthlyDueDates:
    """``[due_date(loan, k) for k in 1..n]`` (or ``1..count``), made when first read (a schedule's true cost never
    reads them)."""
    return MonthlyDueDates(loan.start_date, loan.term_months if count is None else count, loan.due_day)


def annuity_payment(principal: Decimal, rate: Decimal, n: int) -> Decimal:
    """等额本息 instalment ``P·r(1+r)^n / ((1+r)^n − 1)`` rounded to the 分 (``P/n`` at zero rate)."""
    if rate == 0:
        return cents(principal / n)
    growth = (1 + rate) ** n
    return cents(principal * rate * growth / (growth - 1))


# The builders are the engine's hot path (10,000 loans of up to 360 periods for a counsellor's caseload). Each
# makes the schedule's columns (``PeriodRows``) in one pass, reading the loan's fields once and rounding with
# ``quantize_half_up(x, CENT)`` (``cents`` without the call), and returns with them each period's payment, so
# that the true cost reads those instead of adding every period up again. The arithmetic is the one the module
# notes state, in the default Decimal context.

Built = tuple[PeriodRows, list[Decimal]]


def _equal_installment(loan: Loan) -> Built:
    n, r = loan.term_months, monthly_rate(loan)
    payment = annuity_payment(loan.principal, r, n)
    fee = cents(loan.periodic_fee)
    balance = loan.principal
    interests: list[Decimal] = []
    principals: list[Decimal] = []
    balances: list[Decimal] = []
    exceptions: list[int] = []  # periods whose principal is not payment − interest
    charge, repay, owe, quantize = interests.append, principals.append, balances.append, quantize_half_up
    for k in range(1, n + 1):
        interest = quantize(balance * r, CENT)
        principal = payment - interest
        if k == n or principal < ZERO or balance < principal:  # min(max(payment − interest, 0), balance)
            principal = balance if k == n or balance < principal else ZERO
            exceptions.append(k - 1)
        balance -= principal
        charge(interest)
        repay(principal)
        owe(balance)
        if not balance:  # the rounded-up instalment repaid it early: no fee-only periods after payoff
            break
    count = len(balances)
    fees = [fee] * count
    rows = PeriodRows(_due_dates(loan, count), principals, interests, fees, balances)
    if payment.adjusted() > 20:  # beyond any real loan, where adding back might not be exact: add up each
        return rows, list(map(add, map(add, principals, interests), fees))
    # every other period pays the instalment itself (principal + interest = payment): one amount, made once
    payments = [payment + fee] * count
    for index in exceptions:
        payments[index] = principals[index] + interests[index] + fee
    return rows, payments


def _equal_principal_periods(
    loan: Loan, interest: Decimal | Callable[[int, Decimal], Decimal] | None, fee: Decimal | None = None
) -> Built:
    """Equal principal ``P/n`` a period; interest ``cents(B·r)`` at the monthly rate ``interest`` (等额本金), or
    from ``interest(k, balance)``, or none (``None``); ``fee`` (default: the periodic fee) every period.

    Principal is rounded cumulatively: period ``k`` repays ``cents(k·P/n) − cents((k−1)·P/n)``, so every
    period is within 0.01 of ``cents(P/n)`` and the residue is spread instead of piling up in one period.
    This reproduces the published 等额本金 figures (first 6,861.11 and last 2,789.12 on 1,000,000 at 4.9 %).
    """
    n, whole = loan.term_months, loan.principal
    fee = cents(loan.periodic_fee) if fee is None else fee
    shares = _cumulative_shares(whole, n)
    balances = list(accumulate(shares, sub, initial=whole))  # before period 1, after 1, …, after n
    opening = balances[:-1]
    del balances[0]
    if isinstance(interest, Decimal):
        quantize, rate = quantize_half_up, interest
        interests = [quantize(balance * rate, CENT) for balance in opening]
    elif interest is None:
        interests = [ZERO] * n
    else:
        interests = list(map(interest, range(1, n + 1), opening))
    fees = [fee] * n
    payments = list(map(add, map(add, shares, interests), fees))
    return PeriodRows(_due_dates(loan), shares, interests, fees, balances), payments


def _cumulative_shares(whole: Decimal, n: int) -> list[Decimal]:
    """The principal of periods ``1..n``: ``cents(k·P/n) − cents((k−1)·P/n)``, the last ``P − cents((n−1)·P/n)``.

    In whole 分 this is ``⌊(2k·P + n) / 2n⌋`` (half-up) less the same for ``k − 1``, exact integer arithmetic
    that equals the Decimal rule: ``k·P/n`` is a fraction ``j/n`` of a 分 away from a half by at least ``1/2n``
    unless it is exactly a half, far beyond the 28 digits at which the Decimal division rounds. Each share is one
    of two amounts (⌊P/n⌋ or one 分 more), each made into a Decimal once. A principal with fractions of a 分 or
    too many digits for that argument takes the Decimal rule itself.
    """
    fen = whole * 100
    if fen != fen.to_integral_value() or abs(fen) * n >= 10**26 or n >= 10**12:
        rounded = [ZERO, *(cents(whole * k / n) for k in range(1, n)), whole]
        return list(map(sub, rounded[1:], rounded[:-1]))
    total, twice_n = int(fen), 2 * n
    # 2k·P + n for k = 1 … n − 1 is a progression: a range, divided by 2n in C, not a Python loop
    halves = range(2 * total + n, 2 * total * (n - 1) + n + 1, 2 * total)  # total > 0: validate_terms
    cumulative = [0, *map(floordiv, halves, repeat(twice_n)), total]
    shares = list(map(sub, cumulative[1:], cumulative[:-1]))
    made = {share: Decimal(share).scaleb(-2) for share in set(shares)}
    return list(map(made.__getitem__, shares))


def _equal_principal(loan: Loan) -> Built:
    return _equal_principal_periods(loan, monthly_rate(loan))


def _daily(loan: Loan) -> Built:
    rate = daily_rate(loan)
    bounds = [loan.start_date, *_due_dates(loan)]  # period k runs from bounds[k - 1] to bounds[k]

    def interest(k: int, balance: Decimal) -> Decimal:
        return cents(balance * rate * (bounds[k] - bounds[k - 1]).days)

    return _equal_principal_periods(loan, interest)


def _interest_only(loan: Loan) -> Built:
    n, principal = loan.term_months, loan.principal
    interest = cents(principal * monthly_rate(loan))
    fee = cents(loan.periodic_fee)
    shares = [ZERO] * n
    shares[-1] = principal
    balances = [principal] * n
    balances[-1] = ZERO
    payments = [ZERO + interest + fee] * n
    payments[-1] = principal + interest + fee
    return PeriodRows(_due_dates(loan), shares, [interest] * n, [fee] * n, balances), payments


def _bullet(loan: Loan) -> Built:
    due = due_date(loan, loan.term_months)
    days = (due - loan.start_date).days
    interest = cents(loan.principal * loan.annual_rate * days / Decimal(loan.day_count))
    fee = cents(loan.periodic_fee)
    return PeriodRows([due], [loan.principal], [interest], [fee], [ZERO]), [loan.principal + interest + fee]


def _card_instalment(loan: Loan) -> Built:
    assert loan.period_fee_rate is not None  # checked by validate_terms
    fee = cents(loan.principal * loan.period_fee_rate) + cents(loan.periodic_fee)
    return _equal_principal_periods(loan, None, fee)


_BUILDERS: dict[Method, Callable[[Loan], Built]] = {
    Method.EQUAL_INSTALLMENT: _equal_installment,
    Method.EQUAL_PRINCIPAL: _equal_principal,
    Method.INTEREST_ONLY: _interest_only,
    Method.BULLET: _bullet,
    Method.DAILY: _daily,
    Method.CARD_INSTALMENT: _card_instalment,
}
