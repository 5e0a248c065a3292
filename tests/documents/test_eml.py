"""The progress report .eml parses back with the stdlib email parser, receipts attached byte for byte."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

from xieshang.core.progress import Receipt, progress_report
from xieshang.core.reminders import Reminder, ReminderKind
from xieshang.core.terms import Loan, Method, Payment
from xieshang.documents.eml import Attachment, progress_eml, reminder_message
from xieshang.evidence.media import sniff

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
LOAN = Loan(
    "d1",
    Decimal("12000"),
    date(2026, 1, 15),
    12,
    Method.EQUAL_PRINCIPAL,
    Decimal("0"),
    creditor="某银行",
    payments=(Payment(date(2026, 3, 15), Decimal("1000.00")),),
)
WHEN = datetime.fromisoformat("2026-04-01T09:00:00+08:00")


def test_progress_eml_parses_back_with_receipts_attached() -> None:
    receipts = [Receipt("a" * 64, "3月回单", date(2026, 3, 15)), Receipt("b" * 64, "银行流水")]
    report = progress_report(
        LOAN, date(2026, 3, 1), date(2026, 3, 31), borrower_name="张三", receipts=receipts
    )
    raw = progress_eml(
        report,
        sender="张三 <zhangsan@example.com>",
        to=["kefu@bank.example"],
        receipts=[
            Attachment("3月回单.png", PNG, "image/png"),
            Attachment("流水.pdf", PDF, "application/pdf"),
        ],
        when=WHEN,
    )
    assert sniff(raw) == "message/rfc822"  # the evidence store would accept it as an .eml
    message = message_from_bytes(raw, policy=default)
    assert isinstance(message, EmailMessage)
    assert message["Subject"] == "还款情况汇报（张三，2026-03-01 至 2026-03-31）"
    assert message["To"] == "kefu@bank.example"
    assert message["Date"] == "Wed, 01 Apr 2026 09:00:00 +0800"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and "本期已还：¥1,000.00" in body.get_content()
    attachments = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert attachments == {"3月回单.png": PNG, "流水.pdf": PDF}


def test_reminder_message_lists_every_reminder() -> None:
    reminders = [
        Reminder(date(2026, 4, 15), ReminderKind.PAYMENT_DUE, "d1", "某银行 第 3 期还款 ¥1,000.00", "due"),
        Reminder(
            date(2026, 4, 1), ReminderKind.SILENCE, "d2", "某贷：逾期 30 天", "silent", detail_zh="请主动联系"
        ),
    ]
    message = reminder_message(
        reminders, date(2026, 4, 1), sender="a@example.com", to=["b@example.com"], when=WHEN
    )
    parsed = message_from_bytes(message.as_bytes(), policy=default)
    text = parsed.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "2 项待办" in parsed["Subject"]
    assert "2026-04-15  某银行 第 3 期还款 ¥1,000.00" in text and "请主动联系" in text


def test_line_breaks_in_a_name_never_reach_a_header_as_one() -> None:
    """A borrower named "张三\\r\\nBcc: x@evil.example" (typed or imported): the .eml is still made, with one
    Subject and no Bcc header."""
    report = progress_report(
        LOAN, date(2026, 3, 1), date(2026, 3, 31), borrower_name="张三\r\nBcc: x@evil.example", receipts=[]
    )
    raw = progress_eml(
        report, sender="张三\r\nBcc: y@evil.example <zs@example.com>", to=["kefu@bank.example\n"], when=WHEN
    )
    parsed = message_from_bytes(raw, policy=default)
    assert parsed["Bcc"] is None and len(parsed.get_all("Subject")) == 1
    assert "张三 Bcc: x@evil.example" in str(parsed["Subject"])
    assert "\n" not in str(parsed["To"])
