"""True cost of credit: IRR / XIRR of the borrower's cash flows, annualised simple (APR) and compounded (EAR)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from xieshang.core.cost import CashFlow, cost_of_payments, periodic_irr, true_cost, true_cost_of_flows, xirr
from xieshang.core.errors import NoRateError
from xieshang.core.terms import Loan, Method

TOL = Decimal("1e-8")


def near(value: Decimal, expected: str, tol: Decimal = TOL) -> bool:
    return abs(value - Decimal(expected)) <= tol


def test_one_period_by_hand() -> None:
    """Receive 1,000, repay 1,010 a month later: IRR 1 %; APR 12 %; EAR 1.01¹² − 1 = 12.6825030 %."""
    cost = cost_of_payments(Decimal(1000), [Decimal(1010)])
    assert (cost.periodic_irr, cost.apr, cost.method, cost.periods_per_year) == (
        Decimal("0.0100000000"),
        Decimal("0.1200000000"),
        "irr",
        12,
    )
    assert near(cost.ear, "0.1268250301")
    assert cost.cash_flows == ()


def test_two_periods_by_hand() -> None:
    """Receive 1,000, repay 550 then 605: at r = 10 %, 550/1.1 + 605/1.21 = 500 + 500 = 1,000, so IRR = 10 %."""
    assert near(periodic_irr([Decimal(1000), Decimal(-550), Decimal(-605)]), "0.1")


def test_zero_rate() -> None:
    """Receive 1,000, repay 500 twice: nothing paid for the money, IRR 0."""
    assert cost_of_payments(Decimal(1000), [Decimal(500), Decimal(500)]).apr == 0


def test_pboc_published_vector() -> None:
    """公告〔2021〕第3号 example: 99,000 received, 12 × 8,833.30 → IRR 1.06698 %, APR 12.80 %, EAR 13.58 %."""
    cost = cost_of_payments(Decimal(99000), [Decimal("8833.30")] * 12, start=date(2026, 1, 31))
    assert near(cost.periodic_irr, "0.0106698", Decimal("0.0000001"))
    assert near(cost.apr, "0.1280", Decimal("0.0001"))
    assert near(cost.ear, "0.1358", Decimal("0.0001"))
    assert [f.date for f in cost.cash_flows[:3]] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
    assert cost.cash_flows[0].amount == Decimal(99000) and cost.cash_flows[1].amount == Decimal("-8833.30")


def test_xirr_by_hand() -> None:
    """1,000 received 2025-01-01, 1,100 repaid 2026-01-01 = 365 days later: 10 % a year exactly."""
    assert near(xirr([(date(2025, 1, 1), Decimal(1000)), (date(2026, 1, 1), Decimal(-1100))]), "0.1")


def test_true_cost_of_flows_sorts_and_annualises() -> None:
    """The same flows given out of order: EAR 10 %; APR = 12·(1.1^(1/12) − 1) = 9.5689685 %."""
    cost = true_cost_of_flows(
        [
            CashFlow(date(2026, 1, 1), Decimal(-1100), "repaid"),
            CashFlow(date(2025, 1, 1), Decimal(1000), "got"),
        ]
    )
    assert cost.method == "xirr"
    assert near(cost.ear, "0.1")
    assert near(cost.apr, "0.0956896851", Decimal("1e-7"))
    assert cost.cash_flows[0].label == "got"


def test_bullet_on_a_whole_year_uses_periodic_irr() -> None:
    """10,000 at 12 % for 12 months from 2026-01-15: due 2027-01-15, 365 days, interest 1,200.

    Flows +10,000, 11 × 0, −11,200 at month 12: (1+r)¹² = 1.12, r = 0.9488793 %; EAR 12 %.
    """
    cost = true_cost(Loan("b", Decimal(10000), date(2026, 1, 15), 12, Method.BULLET, Decimal("0.12")))
    assert cost.method == "irr"
    assert near(cost.periodic_irr, "0.0094887929", Decimal("1e-9"))
    assert near(cost.ear, "0.12", Decimal("1e-8"))


def test_bullet_with_odd_days_uses_xirr() -> None:
    """Due on the 20th: 2026-01-15 → 2027-01-20 is 370 days, interest 10000 × 0.12 × 370/365 = 1,216.44.

    EAR = (11,216.44 / 10,000)^(365/370) − 1.
    """
    loan = Loan("b", Decimal(10000), date(2026, 1, 15), 12, Method.BULLET, Decimal("0.12"), payment_day=20)
    cost = true_cost(loan)
    expected = Decimal(str((11216.44 / 10000) ** (365 / 370) - 1))
    assert cost.method == "xirr"
    assert near(cost.ear, str(expected), Decimal("1e-8"))


def test_daily_loans_use_xirr() -> None:
    loan = Loan("d", Decimal(3000), date(2026, 1, 15), 3, Method.DAILY, daily_rate=Decimal("0.0005"))
    assert true_cost(loan).method == "xirr"


def test_upfront_deduction_and_fees_raise_the_cost() -> None:
    """1,200 / 12 % / 3 等额本息 costs ≈ 12 %; 100 deducted (1,100 received) or a 12.00 upfront fee costs more.

    The first flow is what was in hand: received − upfront fee.
    """
    base = Loan("e", Decimal(1200), date(2026, 1, 15), 3, Method.EQUAL_INSTALLMENT, Decimal("0.12"))
    plain = true_cost(base)
    assert near(plain.apr, "0.12", Decimal("0.0002"))
    deducted = true_cost(replace(base, received=Decimal(1100)))
    upfront = true_cost(replace(base, upfront_fee=Decimal(12)))
    assert deducted.cash_flows[0].amount == Decimal(1100)
    assert upfront.cash_flows[0].amount == Decimal(1188)
    assert deducted.apr > upfront.apr > plain.apr


@pytest.mark.parametrize(
    "flows",
    [
        [Decimal(1000), Decimal(500)],  # all received
        [Decimal(-1000), Decimal(-500)],  # all paid
    ],
)
def test_same_sign_flows_have_no_rate(flows: list[Decimal]) -> None:
    with pytest.raises(NoRateError, match="现金流"):
        periodic_irr(flows)


def test_payments_that_never_repay_have_no_cost() -> None:
    with pytest.raises(NoRateError, match="还款总额少于到手金额"):
        cost_of_payments(Decimal(1000), [Decimal(400), Decimal(400)])


def test_nothing_received_after_upfront_fee_has_no_rate() -> None:
    loan = Loan("f", Decimal(1000), date(2026, 1, 15), 3, Method.EQUAL_INSTALLMENT, upfront_fee=Decimal(1000))
    with pytest.raises(NoRateError):
        true_cost(loan)


def test_an_astronomical_annual_rate_is_a_number_not_a_crash() -> None:
    """Found by hypothesis: ¥100 for one day with a ¥0.01 fee annualises to (1.0001)^365 − 1 ≈ 3.7 %…
    but ¥1 fee on ¥1 over one day is (2)^365 − 1 ≈ 7.5e109: far beyond 28 digits at 1e-10."""
    from datetime import date

    rate = xirr([(date(2026, 1, 1), Decimal("1")), (date(2026, 1, 2), Decimal("-2"))])
    assert rate > Decimal("1e100")


def test_cash_flows_are_labelled_in_both_languages() -> None:
    """A 3-month loan: the money in hand, then payments 1 to 3, named in Chinese and in English."""
    cost = true_cost(
        Loan("g", Decimal(1200), date(2026, 1, 15), 3, Method.EQUAL_INSTALLMENT, Decimal("0.12"))
    )
    assert [(f.label, f.label_text.get("en")) for f in cost.cash_flows] == [
        ("到手金额（扣除前期费用）", "received (less upfront fees)"),
        ("第1期还款", "payment 1"),
        ("第2期还款", "payment 2"),
        ("第3期还款", "payment 3"),
    ]
    assert CashFlow(date(2026, 1, 1), Decimal(1), "第1行").label_text.get("en") == "第1行"
