"""Progress reports: figures for the period, the SMS text (≤ 300 characters) and the email body."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.casefile import load_case_file
from xieshang.core.contacts import Direction
from xieshang.core.errors import ValidationError
from xieshang.core.money import yuan
from xieshang.core.progress import Receipt, email_body, progress_report, report_contact, sms_text
from xieshang.core.terms import Loan, Method, Payment

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "src" / "xieshang" / "data" / "demo-case.yaml"
SAMPLE = ROOT / "examples" / "sample-case.yaml"
# 12,000 at 0 %, 等额本金 over 12 months from 2026-01-15: 1,000 due on the 15th of every month.
# Paid 1,000 on 02-15 and 1,000 on 03-15. Report for March, as of 03-31:
#   paid in period 1,000; paid in total 2,000; principal left 12,000 − 2,000 = 10,000; nothing overdue.
LOAN = Loan(
    "d1",
    Decimal("12000"),
    date(2026, 1, 15),
    12,
    Method.EQUAL_PRINCIPAL,
    Decimal("0"),
    creditor="某银行",
    payments=(
        Payment(date(2026, 2, 15), Decimal("1000.00")),
        Payment(date(2026, 3, 15), Decimal("1000.00"), "3月还款"),
    ),
)
RECEIPT = Receipt(
    "c" * 64, "3月15日转账回单", date(2026, 3, 15), seq=4, name="回单.png", media_type="image/png"
)


def test_figures_for_the_period() -> None:
    report = progress_report(LOAN, date(2026, 3, 1), date(2026, 3, 31), borrower_name="张三")
    assert report.paid_in_period == Decimal("1000.00") and [p.date for p in report.payments] == [
        date(2026, 3, 15)
    ]
    assert report.paid_total == Decimal("2000.00")
    assert report.remaining_principal == Decimal("10000.00")
    assert report.remaining_interest + report.remaining_penalty + report.remaining_fees == Decimal("0.00")
    assert report.remaining_total == Decimal("10000.00")


def test_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValidationError):
        progress_report(LOAN, date(2026, 3, 31), date(2026, 3, 1))


def test_sms_names_paid_and_remaining_amounts() -> None:
    report = progress_report(
        LOAN,
        date(2026, 3, 1),
        date(2026, 3, 31),
        borrower_name="张三",
        monthly_available=Decimal("1500"),
        next_plan="4月15日前按期还款",
        next_amount=Decimal("1000"),
        receipts=[RECEIPT],
    )
    text = sms_text(report)
    assert len(text) <= 300
    for amount in ("¥1,000.00", "¥2,000.00", "¥10,000.00", "¥1,500.00"):
        assert amount in text
    assert text.startswith("【还款情况汇报】某银行您好，我是张三。3月1日至3月31日已还¥1,000.00")
    assert "还款凭证1份" in text and text.endswith("谢谢。")


@pytest.mark.parametrize("path", [DEMO, SAMPLE], ids=["demo", "sample"])
def test_sms_of_the_demo_case_fits_and_names_paid_and_remaining(path: Path) -> None:
    case = load_case_file(path)
    assert case.as_of is not None
    for loan in case.debts:
        report = progress_report(
            loan,
            date(2026, 8, 1),
            case.as_of,
            borrower_name=case.borrower.name,
            next_plan="每月15日还款500元",
        )
        text = sms_text(report)
        assert len(text) <= 300, loan.id
        assert yuan(report.paid_in_period) in text and yuan(report.remaining_total) in text
        assert yuan(report.remaining_principal) in text


@settings(max_examples=80, deadline=None)
@given(
    creditor=st.text(min_size=1, max_size=120),
    plan=st.text(max_size=400),
    situation=st.text(max_size=400),
    available=st.one_of(st.none(), st.decimals(0, 10**9, places=2)),
)
def test_sms_never_exceeds_300_and_always_keeps_paid_and_remaining(
    creditor: str, plan: str, situation: str, available: Decimal | None
) -> None:
    loan = Loan(**{**LOAN.__dict__, "creditor": creditor, "extra": {}})
    report = progress_report(
        loan,
        date(2026, 3, 1),
        date(2026, 3, 31),
        next_plan=plan,
        situation=situation,
        monthly_available=available,
    )
    text = sms_text(report)
    assert len(text) <= 300
    assert "已还¥1,000.00" in text and "合计¥10,000.00" in text


def test_email_body_lists_everything_and_the_receipts() -> None:
    report = progress_report(
        LOAN,
        date(2026, 3, 1),
        date(2026, 3, 31),
        borrower_name="张三",
        situation="已找到新工作",
        receipts=[RECEIPT],
    )
    body = email_body(report)
    for part in (
        "本期已还：¥1,000.00",
        "2026-03-15  ¥1,000.00  3月还款",
        "累计已还：¥2,000.00",
        "本金：¥10,000.00",
    ):
        assert part in body
    assert "已找到新工作" in body and "3月15日转账回单" in body


def test_sending_a_report_logs_a_contact_with_the_receipts() -> None:
    report = progress_report(
        LOAN, date(2026, 3, 1), date(2026, 3, 31), receipts=[RECEIPT], next_plan="4月继续还款"
    )
    entry = report_contact(report, "r1", datetime.fromisoformat("2026-04-01 09:00"))
    assert entry.direction is Direction.OUTGOING and entry.debt_id == "d1"
    assert entry.attachments == (RECEIPT.sha256,) and "¥10,000.00" in entry.summary
    assert entry.our_promises == "4月继续还款"
