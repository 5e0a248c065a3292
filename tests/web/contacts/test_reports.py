"""Progress reports (views/reports.py): figures, the SMS text within 300 characters, the .eml with receipts
attached, and "mark as sent" logging an outgoing contact that moves the next report a month on."""

from __future__ import annotations

import email
import hashlib
from email.policy import default

from django.urls import reverse

from xieshang.cases.models import DebtStatus
from xieshang.contacts.log import contacts_of
from xieshang.contacts.models import ReportSent
from xieshang.core.contacts import Direction

from .conftest import upload

RECEIPT = b"\x89PNG\r\n\x1a\n" + b"\x01" * 64


def _query(case, client) -> dict[str, object]:
    client.post(
        reverse("contacts:evidence", args=[case.pk]),
        {"files": [upload("回单.png", RECEIPT)], "description": "2 月还款回单", "debt": "bank"},
    )
    return {
        "debt": "bank",
        "period_start": "2025-02-01",
        "period_end": "2025-02-28",
        "situation": "收入减少，正在找工作",
        "next_plan": "每月还 500 元",
        "next_amount": "500",
        "receipts": [hashlib.sha256(RECEIPT).hexdigest()],
        "to": "service@bank.example",
    }


def test_report_figures_and_sms(client_in, case):
    """The bank debt's one payment, 2025-02-10 ¥1,066.19, falls in February."""
    page = client_in.get(reverse("contacts:report", args=[case.pk]), _query(case, client_in))
    assert page.status_code == 200
    report = page.context["report"]
    assert str(report.paid_in_period) == "1066.19" and len(report.receipts) == 1
    sms = page.context["sms"]
    assert len(sms) <= 300 and "¥1,066.19" in sms and "尚欠本金" in sms
    assert 'data-copy="sms-text"' in page.content.decode()


def test_bad_period_is_refused_inline(client_in, case):
    query = {**_query(case, client_in), "period_end": "2025-01-01", "next_amount": "很多"}
    page = client_in.get(reverse("contacts:report", args=[case.pk]), query)
    assert page.status_code == 400 and page.context["report"] is None
    assert page.context["form"].errors["period_end"] == ["结束日不能早于开始日。"]
    assert page.context["form"].errors["next_amount"][0].startswith("不是金额")


def test_eml_has_the_receipts_attached(client_in, case):
    response = client_in.get(reverse("contacts:report-eml", args=[case.pk]), _query(case, client_in))
    assert response["Content-Type"] == "message/rfc822"
    message = email.message_from_bytes(response.content, policy=default)
    assert message["To"] == "service@bank.example" and "还款情况汇报" in message["Subject"]
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content() == RECEIPT


def test_mark_as_sent_logs_a_contact(client_in, case):
    debt = case.debts.get(key="bank")
    debt.status = DebtStatus.NEGOTIATING
    debt.save()
    query = _query(case, client_in)
    response = client_in.post(reverse("contacts:report-sent", args=[case.pk]), {**query, "channel": "email"})
    assert response.status_code == 302
    case.refresh_from_db()
    (entry,) = contacts_of(case)
    assert entry.direction is Direction.OUTGOING and entry.debt_id == "bank"
    assert entry.summary.startswith("发送还款情况汇报") and entry.attachments == (
        hashlib.sha256(RECEIPT).hexdigest(),
    )
    sent = ReportSent.objects.get(case=case)
    assert sent.contact_id == entry.id
    stay = client_in.get(reverse("contacts:stay", args=[case.pk])).context["items"]
    assert not any(i.kind == "progress_report" for i in stay)  # next one is a month after sending


def test_negotiating_debt_without_report_is_reminded(client_in, case):
    debt = case.debts.get(key="bank")
    debt.status = DebtStatus.NEGOTIATING
    debt.save()
    stay = client_in.get(reverse("contacts:stay", args=[case.pk])).context["items"]
    assert any(i.kind == "progress_report" for i in stay)


def test_default_form_submits_as_shown(client_in, case):
    """The unbound page pre-fills the month up to the case's date (2026-02-16 to 2026-03-15) in ISO form."""
    page = client_in.get(reverse("contacts:report", args=[case.pk])).content.decode()
    assert 'value="2026-02-16"' in page and 'value="2026-03-15"' in page
    query = {"debt": "bank", "period_start": "2026-02-16", "period_end": "2026-03-15", "to": ""}
    assert client_in.get(reverse("contacts:report", args=[case.pk]), query).context["report"] is not None
