"""A debt paid beyond everything owed: the letters say so, in the facts of the application and in the
progress report's amounts still owed, naming the debt by its lender and day (never its key)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from xieshang.core.case import Borrower, Case
from xieshang.core.terms import LenderType, Loan, Method, Payment
from xieshang.documents.context import DocumentInputs, build_context
from xieshang.view import CaseView


def test_a_credit_is_stated_in_the_application_and_the_progress_report() -> None:
    """¥1,200 先息后本 at 12 % over 3 months from 2026-01-15 (12.00 interest a month, 1,200 with the last):
    1,500 paid on 2026-02-15 settles instalment 1 (12.00) and all 1,200 of principal; later interest is
    dropped; 1,500 − 12 − 1,200 = 288.00 is a credit."""
    loan = Loan(
        "jie", Decimal(1200), date(2026, 1, 15), 3, Method.INTEREST_ONLY, Decimal("0.12"),
        creditor="某消费金融", lender_type=LenderType.CONSUMER_FINANCE,
        payments=(Payment(date(2026, 2, 15), Decimal(1500)),),
    )  # fmt: skip
    context = build_context(DocumentInputs(CaseView.of(Case(Borrower("张三"), (loan,)), date(2026, 3, 1))))
    line = "某消费金融于2026年1月15日发放的借款截至2026年3月1日已多还人民币288.00元（大写：人民币贰佰捌拾捌元整），超过全部欠款，请予退还或在其他欠款中抵扣。"
    assert line in context["overdue"]
    assert line in context["remaining"]
