"""The true cost of credit: the IRR of the borrower's own cash flows.

Borrower's view: money received is positive, every payment (principal, interest and every fee) negative.
For regular monthly flows the periodic IRR is annualised two ways:

- ``apr`` = IRR × periods a year, the simple annualised rate of 中国人民银行公告〔2021〕第3号 (labelled simple);
- ``ear`` = (1 + IRR)^k − 1, the compounded rate.

Irregular dates use XIRR on actual days / 365; then ``ear`` is the XIRR and ``apr`` = 12·((1+ear)^(1/12) − 1).
The numerics are pyxirr's (floats internally, fine for rates); results are ``Decimal`` quantized to 1e-10.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

import pyxirr

from .bilingual import Text
from .dates import add_months
from .errors import NoRateError
from .money import ZERO, rounded
from .schedule import Rows, Schedule
from .terms import Loan, Method

RATE_QUANTUM = Decimal("1e-10")
TWELVE = Decimal(12)


@dataclass(frozen=True)
class CashFlow:
    """One movement of money from the borrower's side: + received, − paid. ``label_en`` is ``label`` in English."""

    date: date
    amount: Decimal
    label: str
    label_en: str = ""

    @property
    def label_text(self) -> Text:
        return Text(self.label, self.label_en or self.label)


@dataclass(frozen=True)
class TrueCost:
    """The cost of a debt as rates, with the cash flows it was computed from."""

    periodic_irr: Decimal
    periods_per_year: int
    apr: Decimal  # simple annualised: IRR × periods a year
    ear: Decimal  # effective annual: (1 + IRR)^k − 1
    cash_flows: Sequence[CashFlow]  # a tuple, or a loan's flows labelled when first read (LoanCashFlows)
    method: str  # "irr" (regular periods) or "xirr" (actual dates)


def _rate(value: object, what: str, borrower_pays_more: bool = False) -> Decimal:
    if not isinstance(value, float) or not math.isfinite(value):
        if borrower_pays_more:
            raise NoRateError(
                f"{what}高到无法用数字表示：相对到手金额和期限，还款（含费用）多得极端，请核对金额和日期"
                f" / the {what} is too high to represent: check the amounts and dates"
            )
        raise NoRateError(f"算不出{what}：现金流没有内部收益率 / no {what} exists for these cash flows")
    return _quantized(Decimal(str(value)))


def _quantized(rate: Decimal) -> Decimal:
    """A rate to 1e-10 (astronomical ones, a fee on a loan of a few days annualised, keep every digit)."""
    return rounded(rate, RATE_QUANTUM, ROUND_HALF_EVEN)


def _check_signs(amounts: Sequence[Decimal]) -> None:
    if not any(a > 0 for a in amounts) or not any(a < 0 for a in amounts):
        raise NoRateError(
            "现金流需要同时有收入和支出（到手金额为正，还款为负）/ "
            "cash flows need both money received (+) and payments (−)"
        )


def _check_repaid(amounts: Sequence[Decimal]) -> None:
    if sum(amounts, Decimal(0)) > 0:
        raise NoRateError(
            "还款总额少于到手金额，没有借款成本可算 / payments never repay what was received: there is no cost to compute"
        )


def periodic_irr(flows: Sequence[Decimal]) -> Decimal:
    """IRR per period of regular flows; ``flows[0]`` is at t = 0 (raises :class:`NoRateError` if none exists)."""
    _check_signs(flows)
    return _irr_of_floats([float(a) for a in flows])


def _irr_of_floats(flows: list[float]) -> Decimal:
    """:func:`periodic_irr` of flows already converted (and checked): what the solver itself takes."""
    try:
        value = pyxirr.irr(flows)
    except (pyxirr.InvalidPaymentsError, ValueError) as exc:
        raise NoRateError(f"算不出内部收益率 / no internal rate of return: {exc}") from None
    return _rate(value, "内部收益率 IRR")


def xirr(flows: Sequence[tuple[date, Decimal]]) -> Decimal:
    """Annual effective rate of dated flows on actual days / 365 (raises :class:`NoRateError` if none exists)."""
    _check_signs([amount for _, amount in flows])
    try:
        value = pyxirr.xirr([d for d, _ in flows], [float(a) for _, a in flows])
    except (pyxirr.InvalidPaymentsError, ValueError) as exc:
        raise NoRateError(f"算不出年化收益率 / no XIRR: {exc}") from None
    return _rate(value, "年化收益率 XIRR", borrower_pays_more=sum(a for _, a in flows) < 0)


def _from_periodic(irr: Decimal, periods_per_year: int, flows: Sequence[CashFlow]) -> TrueCost:
    ear = _quantized((1 + irr) ** periods_per_year - 1)
    return TrueCost(irr, periods_per_year, _quantized(irr * periods_per_year), ear, flows, "irr")


def _from_annual(ear: Decimal, flows: tuple[CashFlow, ...]) -> TrueCost:
    if ear <= -1:
        raise NoRateError("年化收益率无意义 / the rate is below −100 %")
    monthly = (1 + ear) ** (1 / TWELVE) - 1
    return TrueCost(_quantized(monthly), 12, _quantized(monthly * TWELVE), ear, flows, "xirr")


def _period_date(start: date, k: int, periods_per_year: int) -> date:
    if 12 % periods_per_year == 0:
        return add_months(start, k * 12 // periods_per_year)
    return start + timedelta(days=round(k * 365 / periods_per_year))


def cost_of_payments(
    received: Decimal, payments: Sequence[Decimal], periods_per_year: int = 12, start: date | None = None
) -> TrueCost:
    """The cost of receiving ``received`` now and paying ``payments`` (positive amounts) once a period.

    With ``start`` the cash flows are dated (period ``k`` ``k`` periods later); without it they are left out.
    """
    amounts = [received, *(-p for p in payments)]
    _check_signs(amounts)
    _check_repaid(amounts)
    flows: tuple[CashFlow, ...] = ()
    if start is not None:
        flows = (
            CashFlow(start, received, "到手金额", "received"),
            *(
                CashFlow(_period_date(start, k, periods_per_year), -p, f"第{k}期还款", f"payment {k}")
                for k, p in enumerate(payments, 1)
            ),
        )
    return _from_periodic(periodic_irr(amounts), periods_per_year, flows)


def loan_cash_flows(loan: Loan, schedule: Schedule) -> tuple[CashFlow, ...]:
    """The borrower's flows: + cash received − upfront fee at the start, − each period's payment with fees."""
    opening = CashFlow(
        loan.start_date,
        loan.cash_received - loan.upfront_fee,
        "到手金额（扣除前期费用）",
        "received (less upfront fees)",
    )
    return (
        opening,
        *(
            CashFlow(p.due_date, -p.payment, f"第{p.period}期还款", f"payment {p.period}")
            for p in schedule.periods
        ),
    )


class LoanCashFlows(Rows[CashFlow]):
    """:func:`loan_cash_flows` of a loan, labelled the first time they are read.

    The true cost needs only the amounts; the labelled flows are for the page that lists them. Building two
    bilingual labels and a :class:`CashFlow` for every period of every loan was most of the cost of the rates,
    so the flows are a view of the schedule until someone reads one. It compares equal to the tuple it holds.
    """

    __slots__ = ("_loan", "_schedule")

    def __init__(self, loan: Loan, schedule: Schedule) -> None:
        super().__init__()
        self._loan, self._schedule = loan, schedule

    def _make(self) -> tuple[CashFlow, ...]:
        return loan_cash_flows(self._loan, self._schedule)

    def __len__(self) -> int:
        return len(self._schedule.periods) + 1


def _month_offset(start: date, day: date) -> int | None:
    """Whole months from ``start`` to ``day`` if ``day`` is exactly that many months on, else ``None``."""
    months = (day.year - start.year) * 12 + day.month - start.month
    return months if months > 0 and add_months(start, months) == day else None


def _paid_floats(payments: Sequence[Decimal]) -> list[float]:
    """``[-float(p) for p in payments]``: the payments as the solver takes them (paid out, so negative).

    ``float`` of a Decimal goes through its text, a quarter of a microsecond each; most schedules repeat one or two
    amounts (an annuity's instalment, equal principal with a fixed fee), so those are converted once each.
    """
    if len(set(payments[:8])) <= 2:
        converted = {amount: -float(amount) for amount in set(payments)}
        return list(map(converted.__getitem__, payments))
    return [-float(amount) for amount in payments]


def true_cost(loan: Loan, schedule: Schedule | None = None) -> TrueCost:
    """The true cost of ``loan``: periodic IRR on regular monthly dates, XIRR otherwise (and for 按日计息).

    One pass over the schedule: the amounts are the periods' payments, the regular months come from the
    schedule (``Schedule.months``) when its builder states them, and the floats go to the solver as they are.
    """
    if schedule is None:
        from .loans import build_schedule  # loans may in turn import this module's callers; keep it late

        schedule = build_schedule(loan)
    periods = schedule.periods
    opening = loan.cash_received - loan.upfront_fee
    payments = schedule.payments
    if payments is None:
        payments = [p.principal + p.interest + p.fee for p in periods]
    paid = sum(payments, ZERO)
    # the signs and the repayment check of the flows [opening, −payment…]
    if not ((opening > 0 or any(a < 0 for a in payments)) and (opening < 0 or any(a > 0 for a in payments))):
        _check_signs([opening, *(-a for a in payments)])
    if opening - paid > 0:
        _check_repaid([opening - paid])
    if loan.method is Method.DAILY:
        return true_cost_of_flows(loan_cash_flows(loan, schedule))
    months = schedule.months
    if months is None:
        offsets = [_month_offset(loan.start_date, p.due_date) for p in periods]
        if not all(o is not None for o in offsets):
            return true_cost_of_flows(loan_cash_flows(loan, schedule))
        months = [o or 0 for o in offsets]
    flows = LoanCashFlows(loan, schedule)
    if months == range(1, len(periods) + 1):  # one payment a month: the flows are the amounts as they are
        return _from_periodic(_irr_of_floats([float(opening), *_paid_floats(payments)]), 12, flows)
    regular = [opening] + [Decimal(0)] * max(months, default=0)
    for offset, amount in zip(months, payments, strict=True):
        regular[offset] -= amount
    return _from_periodic(periodic_irr(regular), 12, flows)


def true_cost_of_flows(flows: Sequence[CashFlow]) -> TrueCost:
    """The cost of dated cash flows (e.g. a ``--cashflows`` CSV) by XIRR on actual days / 365."""
    ordered = tuple(sorted(flows, key=lambda f: f.date))
    amounts = [f.amount for f in ordered]
    _check_signs(amounts)
    _check_repaid(amounts)
    return _from_annual(xirr([(f.date, f.amount) for f in ordered]), ordered)
