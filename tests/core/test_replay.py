"""Payments as people make them: surplus, prepayment, money paid early, overpayment (credit), worked by hand.

Common loan: a consumer-finance ¥12,000 等额本息 at 30 % (2.5 % a month) over 12 months from 2026-01-15.
Instalment A = 12,000 × 0.025 × 1.025¹² / (1.025¹² − 1) = 1,169.85; instalment 1 = 300.00 interest +
869.85 principal, leaving 11,130.15; instalment 2 as contracted: 278.25 interest (11,130.15 × 2.5 %).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from xieshang.core.analysis import analyze_debt
from xieshang.core.loans import build_schedule
from xieshang.core.overdue import overdue_status
from xieshang.core.terms import LenderType, Loan, Method, Payment
from xieshang.reference import legal_lines, lpr_series

D = Decimal
LOAN = Loan(
    "cf", D("12000.00"), date(2026, 1, 15), 12, Method.EQUAL_INSTALLMENT, D("0.30"),
    lender_type=LenderType.CONSUMER_FINANCE,
)  # fmt: skip
DUE_1 = date(2026, 2, 15)


def paying(*payments: tuple[date, str], loan: Loan = LOAN) -> Loan:
    return replace(loan, payments=tuple(Payment(day, D(amount)) for day, amount in payments))


def test_the_schedule_the_examples_start_from() -> None:
    first, second = build_schedule(LOAN).periods[:2]
    assert (first.payment, first.interest, first.balance) == (D("1169.85"), D("300.00"), D("11130.15"))
    assert second.interest == D("278.25")


def test_a_surplus_on_an_instalment_reduces_principal() -> None:
    """1,200 paid on the due date of a 1,169.85 instalment: the 30.15 over is a prepayment (shown, not lost).

    The balance going into period 2 is 11,130.15 − 30.15 = 11,100.00, so instalment 2's interest is
    recomputed: 11,100.00 × 2.5 % = 277.50 (not 278.25). On 2026-03-15 instalment 2 is due: interest 277.50
    and its principal 891.60 as contracted (the prepayment shortens the loan from the end).
    """
    status = overdue_status(paying((DUE_1, "1200")), date(2026, 3, 15))
    assert status.history is not None
    assert [(p.day, p.principal) for p in status.history.prepayments] == [(DUE_1, D("30.15"))]
    assert status.outstanding.principal == D("11100.00")
    assert status.outstanding.interest == D("277.50")
    assert status.charges.interest == D("577.50")  # 300.00 + 277.50
    assert status.credit == 0


def test_paying_2000_reduces_principal_instead_of_paying_next_months_interest() -> None:
    """2,000 on the first due date: 1,169.85 settles instalment 1; the 830.15 left reduces principal to
    10,300.00 and instalment 2's interest is 10,300.00 × 2.5 % = 257.50, not the 278.25 the old rule took in
    advance (民法典 Art. 677; 民间借贷规定 Art. 30: interest only for the actual period).
    """
    status = overdue_status(paying((DUE_1, "2000")), date(2026, 3, 15))
    assert status.outstanding.principal == D("10300.00")
    assert status.outstanding.interest == D("257.50")
    assert status.principal_repaid == D("1700.00")  # 869.85 + 830.15


def test_an_instalment_paid_a_few_days_early_is_that_instalment() -> None:
    """1,169.85 paid on 2026-02-12, three days before it is due: nothing was due, so it pays instalment 1
    early (as a bank holds it for the due date): nothing is late on 2026-02-20 and nothing is prepaid."""
    status = overdue_status(paying((date(2026, 2, 12), "1169.85")), date(2026, 2, 20))
    assert status.overdue_total == 0 and status.days_overdue == 0
    assert status.outstanding.principal == D("11130.15")
    assert status.history is not None and status.history.prepayments == ()


def test_paying_far_more_than_everything_owed_leaves_a_credit() -> None:
    """¥99,999,999,999 on the first due date: instalment 1 (1,169.85), then all 11,130.15 of principal; later
    interest is dropped (nothing outstanding). Credit 99,999,999,999 − 1,169.85 − 11,130.15 = 99,999,987,699.00,
    and the analysis warns about it in both languages."""
    debt = paying((DUE_1, "99999999999"))
    status = overdue_status(debt, date(2026, 3, 20))
    assert status.outstanding.total == 0 and status.overdue_total == 0
    assert status.credit == D("99999987699.00")
    assert status.charges.interest == D("300.00")
    analysis = analyze_debt(debt, date(2026, 3, 20), legal_lines(), lpr_series())
    assert analysis.credit == D("99999987699.00")
    (warning,) = analysis.warnings
    assert "¥99,999,987,699.00" in warning.zh and "refunded" in warning.en


def test_payments_after_the_analysis_date_are_listed_not_counted() -> None:
    """A payment dated 2026-04-15, seen on 2026-03-20: not counted (instalment 2 is 5 days late) but listed."""
    debt = paying((DUE_1, "1169.85"), (date(2026, 4, 15), "1169.85"))
    analysis = analyze_debt(debt, date(2026, 3, 20), legal_lines(), lpr_series())
    assert analysis.overdue.days_overdue == 5
    assert [p.date for p in analysis.not_counted] == [date(2026, 4, 15)]
    assert any("not counted" in w.en and "2026-03-20" in w.zh for w in analysis.warnings)


def test_a_loan_starting_after_the_analysis_date_owes_nothing_yet() -> None:
    """Made 2026-01-15, analysed on 2026-01-01: nothing borrowed yet, so nothing owed and no line compared."""
    analysis = analyze_debt(LOAN, date(2026, 1, 1), legal_lines(), lpr_series())
    assert analysis.not_started and analysis.overdue.outstanding.total == 0
    assert analysis.excess == 0 and all(not line.periods for line in analysis.lines)
    assert "尚未计入" in analysis.warnings[0].zh


def test_a_one_period_loan_prepaid_pays_interest_for_the_days_it_ran() -> None:
    """¥10,000 一次性还本付息 at 12 % for 12 months from 2025-01-10 (interest 10,000 × 12 % × 365/365 = 1,200).
    6,000 paid on 2025-07-10 (181 days in): first the interest accrued, 10,000 × 12 % × 181/365 = 595.07, then
    5,404.93 of principal, leaving 4,595.07 for the other 184 days.
    Interest for the year on the balances it had: (10,000 × 181 + 4,595.07 × 184) × 12 % / 365 = 873.04,
    of which 595.07 is paid: 277.97 (= 4,595.07 × 12 % × 184/365) is left, due with the 4,595.07 on 2026-01-10.
    """
    debt = paying(
        (date(2025, 7, 10), "6000"),
        loan=Loan("b", D("10000"), date(2025, 1, 10), 12, Method.BULLET, D("0.12")),
    )
    status = overdue_status(debt, date(2026, 1, 10))
    assert status.outstanding.principal == D("4595.07")
    assert status.charges.interest == D("873.04")
    assert status.outstanding.interest == D("277.97")
