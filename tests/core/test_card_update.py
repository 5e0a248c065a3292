"""A statement turned into the card's revolving debt (core/card_update.py): hand-worked figures, and the
proposal's loan is valid by the case file's own rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from xieshang.casefile import debt_to_dict, parse_debt
from xieshang.core.card_bills import CardBill, LateFeeRule
from xieshang.core.card_update import minimum_rate, propose
from xieshang.core.cards import minimum_payment
from xieshang.core.money import cents
from xieshang.core.terms import LenderType, Loan, Method, Payment, RevolvingTerms

D = Decimal
FEB = CardBill(
    "bocom",
    "7449",
    date(2023, 2, 28),
    date(2023, 3, 28),
    D("3013.11"),
    D("150.66"),
    daily_rate=D("0.0005"),
    late_fee=LateFeeRule(D("0.05"), D("10"), None, "…"),
)
CURRENT = Loan(
    id="card",
    principal=D("2500.00"),
    start_date=date(2022, 12, 31),
    term_months=0,
    method=Method.REVOLVING,
    creditor="交通银行信用卡",
    lender_type=LenderType.CREDIT_CARD,
    daily_rate=D("0.0005"),
    payments=(Payment(date(2023, 1, 20), D("150.00")), Payment(date(2023, 3, 10), D("200.00"))),
    revolving=RevolvingTerms(statement_day=31, due_day=28),
    notes="家人代还过一次",
)


def test_a_new_card_debt_from_the_statement() -> None:
    """Principal 3,013.11 on 2023-02-28; statement day 28, due day 28; 150.66 / 3,013.11 = 5.0002 %, and 5 % of
    3,013.11 = 150.6555 → 150.66 to the 分, so the minimum rate is 0.05; the fee rule is 5 %, at least 10 yuan."""
    p = propose(FEB, None, "card-7449", "交通银行信用卡（尾号 7449）")
    assert p.creating and p.loan is not None
    terms = p.loan.revolving
    assert terms is not None
    assert (p.loan.principal, p.loan.start_date, p.loan.daily_rate) == (
        D("3013.11"),
        date(2023, 2, 28),
        D("0.0005"),
    )
    assert (terms.statement_day, terms.due_day, terms.min_payment_rate) == (28, 28, D("0.05"))
    assert (terms.late_fee_rate, terms.late_fee_min) == (D("0.05"), D("10"))
    assert minimum_payment(p.loan.principal, terms) == D("150.66")
    assert p.loan.extra == {"card_bank": "bocom", "card_last4": "7449"}
    assert parse_debt(debt_to_dict(p.loan)) == p.loan


def test_an_update_keeps_what_the_statement_does_not_say() -> None:
    """The 20 January payment is in the statement's balance: listed and moved to the notes; the 10 March one (after
    the statement) stays a payment. The creditor's name and id stay the case's."""
    p = propose(FEB, CURRENT, "unused", "unused")
    assert p.loan is not None and not p.creating
    assert p.loan.id == "card" and p.loan.creditor == "交通银行信用卡"
    assert p.earlier_payments == (Payment(date(2023, 1, 20), D("150.00")),)
    assert p.loan.payments == (Payment(date(2023, 3, 10), D("200.00")),)
    assert "家人代还过一次" in p.loan.notes and "2023-01-20 150.00 元" in p.loan.notes
    changed = {c.field: (c.current, c.proposed) for c in p.changes if c.changed}
    assert changed["principal"] == (D("2500.00"), D("3013.11"))
    assert changed["statement_day"] == (31, 28)
    assert parse_debt(debt_to_dict(p.loan)) == p.loan


def test_no_rate_printed_keeps_the_cases_and_marks_it() -> None:
    plain = replace(FEB, daily_rate=None, late_fee=None)
    p = propose(plain, replace(CURRENT, daily_rate=D("0.0004")), "x", "x")
    rate = next(c for c in p.changes if c.field == "daily_rate")
    assert (rate.proposed, rate.from_statement) == (D("0.0004"), False)


def test_nothing_owed_proposes_nothing() -> None:
    p = propose(replace(FEB, balance=D("-12.00"), minimum=D("0")), CURRENT, "x", "x")
    assert p.loan is None and "溢缴款" in p.reason


@given(st.decimals("100.00", "999999.99", places=2), st.decimals("0.01", "1", places=4))
def test_the_minimum_rate_gives_back_the_printed_minimum(balance: Decimal, share: Decimal) -> None:
    minimum = max(D("0.01"), min(balance, cents(balance * share)))
    rate = minimum_rate(balance, minimum)
    assert cents(balance * rate) == minimum


def test_a_minimum_below_a_months_interest_keeps_the_rule() -> None:
    """The real BOCOM page: 66.66 on 6,666.66 is 0.9999 % of the balance, less than a month's interest at 0.05 % a
    day (31 × 0.05 % = 1.55 %): as a flat share it would never repay, so the usual 10 % rule stays (666.67) and
    the minimum is marked as not the statement's."""
    page = replace(FEB, balance=D("6666.66"), minimum=D("66.66"))
    p = propose(page, None, "x", "x")
    assert p.loan is not None and p.loan.revolving is not None
    assert p.loan.revolving.min_payment_rate == D("0.10")
    minimum = next(c for c in p.changes if c.field == "minimum")
    assert (minimum.proposed, minimum.from_statement) == (D("666.67"), False)
