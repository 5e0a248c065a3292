"""The agreement pages through the real stack (Django client, real database, real evidence store).

The kept agreement (``KEPT``) is on the small case's bank debt (the case's day is 2026-03-15): five instalments of
¥1,000.00 on the 10th of December 2025 to April 2026, 3 days of grace. Paid: 1,000.00 on 2025-12-10 (on time),
1,000.00 on 2026-01-20 (10 days late: *late*), 400.00 on 2026-02-10 (*partial*, 600.00 left); nothing for
10 March (*missed*). On 2026-03-15 the oldest unpaid instalment (10 February) is 33 days past due, beyond the
3 days of grace: the agreement is broken; 600.00 + 1,000.00 = 1,600.00 is late, 5,000.00 − 2,400.00 = 2,600.00
left, and 10 April is the next instalment (in the calendar).
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from xieshang.cases.demo import load_demo_case
from xieshang.cases.models import Case
from xieshang.cases.reading import load_case

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64

KEPT = {
    "debt": "bank",
    "made": "written",
    "agreed_on": "2025-11-20",
    "creditor_party": "某银行客户服务中心 王专员",
    "total": "5000.00",
    "schedule": "2025-12-10 1000.00\n2026-01-10 1000.00\n2026-02-10 1000.00\n2026-03-10 1000.00\n2026-04-10 1000.00",
    "grace_days": "3",
    "on_default": "renegotiate",
    "collection_stops": "yes",
    "credit_reporting": "negotiated",
    "payee": "creditor",
    "account": "某银行手机银行",
    "signed": "on",
}


def words(response) -> str:
    """The page's text as a person reads it (tags dropped, spaces folded)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def url(case: Case, *parts: str) -> str:
    return f"/cases/{case.pk}/agreements/" + "".join(f"{p}/" for p in parts)


def saved_id(response) -> str:
    match = re.search(r"/agreements/(a\d+)/", response["Location"])
    assert match, response["Location"]
    return match[1]


@pytest.fixture
def demo(owner) -> Case:
    return load_demo_case(owner)


def test_an_agreement_from_the_plans_proposal_is_prefilled_and_reviewed(client_in: Client, demo: Case):
    page = client_in.get(url(demo))
    assert "按方案记录：某小额贷款有限公司" in words(page)
    form = client_in.get(url(demo, "new") + "?debt=xiaodai&from=plan").context["form"]
    initial = {k: v for k, v in form.initial.items() if v not in (None, "")}
    assert initial["debt"] == "xiaodai" and initial["schedule"] and initial["total"]
    lines = initial["schedule"].splitlines()
    assert sum((float(line.split()[1]) for line in lines), 0.0) == pytest.approx(float(initial["total"]))
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else str(v)) for k, v in initial.items()}
    response = client_in.post(url(demo, "new") + "?debt=xiaodai&from=plan", data)
    assert response.status_code == 302, words(response)[:2000]
    review = client_in.get(url(demo, saved_id(response), "review"))
    assert review.status_code == 200
    findings = review.context["findings"]
    assert len(findings) >= 2
    text = words(review)
    assert "出处" in text and "12378" in text  # every finding's source; the scam guard's free channels
    assert "没有写明" in text  # the prefilled form states no grace, default or reporting terms


def test_a_bad_schedule_is_put_back_on_its_line(client_in: Client, case: Case):
    before = Case.objects.get(pk=case.pk).sections
    data = {**KEPT, "schedule": "2025-12-10 1000.00\n2026-01-10 abc\n\n2026-02-10"}
    response = client_in.post(url(case, "new"), data)
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["schedule"])
    assert "第 4 行应写成“日期 金额”" in errors
    assert Case.objects.get(pk=case.pk).sections == before
    response = client_in.post(url(case, "new"), {**data, "schedule": "2025-12-10 1000.00\n2026-01-10 abc"})
    assert response.status_code == 400
    assert "第 2 行" in " ".join(response.context["form"].errors["schedule"])


def test_the_schedule_is_generated_from_terms_summing_to_the_total(client_in: Client, case: Case):
    """¥1,000.00 in 3 months: 333.33, 333.33, 333.34."""
    data = {**KEPT, "total": "1000.00", "schedule": "", "first_due": "2026-04-10", "months": "3"}
    page = client_in.post(url(case, "new"), {**data, "action": "generate"})
    assert page.context["form"].data["schedule"] == "2026-04-10 333.33\n2026-05-10 333.33\n2026-06-10 333.34"


def pay(client: Client, case: Case, agreement: str, day: str, amount: str, instalment="", files=()) -> None:
    data = {"date": day, "amount": amount, "instalment": instalment, "receipts": list(files)}
    response = client.post(url(case, agreement, "payments"), data)
    assert response.status_code == 302, words(response)[:3000]


def test_keeping_an_agreement_payments_statuses_files_and_calendar(client_in: Client, case: Case):
    response = client_in.post(url(case, "new"), KEPT)
    assert response.status_code == 302, words(response)[:3000]
    agreement = saved_id(response)
    files = {"kind": "signed_copy", "files": [SimpleUploadedFile("协议.pdf", PDF)], "note": "签字版"}
    assert client_in.post(url(case, agreement, "files"), files).status_code == 302
    ids = [i.id for i in load_case(Case.objects.get(pk=case.pk)).core.agreements[0].instalments]
    pay(client_in, case, agreement, "2025-12-10", "1000.00", ids[0], [SimpleUploadedFile("回单.png", PNG)])
    pay(client_in, case, agreement, "2026-01-20", "1000.00", ids[1])
    pay(client_in, case, agreement, "2026-02-10", "400.00")  # no instalment named: the oldest not yet paid

    stored = load_case(Case.objects.get(pk=case.pk)).core
    (kept,) = stored.agreements
    assert len(kept.signed_copy) == 1 and len(kept.receipts) == 1
    linked = [i.payments for i in kept.instalments]
    assert [len(p) for p in linked] == [1, 1, 0, 0, 0]  # a payment is named by the instalment it was paid for
    assert {p.id for p in stored.debt("bank").payments if p.id} >= {x for p in linked for x in p}

    detail = client_in.get(url(case, agreement))
    statuses = [row.status for row in detail.context["rows"]]
    assert statuses == ["已按时还清", "逾期后还清", "只还了一部分", "未还", "未到期"], statuses
    text = words(detail)
    assert "已违约" in text and "到期未还的共 2 期，合计 ¥1,600.00" in text and "2,600.00" in text
    assert "重新协商" in text

    dashboard = words(client_in.get(f"/cases/{case.pk}/"))
    assert "还款协议" in dashboard and "已违约" in dashboard

    settings = {"silence_days": "14", "window_days": "30"}  # reminders 30 days ahead: 10 April is in
    assert client_in.post(f"/cases/{case.pk}/contacts/reminders/", settings).status_code == 302
    ics = client_in.get(f"/cases/{case.pk}/contacts/reminders.ics").content.decode()
    events = ics.replace("\r\n ", "").split("BEGIN:VEVENT")
    late = [e for e in events if "CATEGORIES:协议还款逾期" in e]
    assert len(late) == 1 and "第 3 期还差 ¥600.00" in late[0]
    due = [e for e in events if "DTSTART;VALUE=DATE:20260410" in e]
    assert len(due) == 1 and "还款协议第 5 期还款 ¥1\\,000.00" in due[0], due
    # two alarms: 09:00 three days before (−3 days + 9 h = −2 days 15 h) and 09:00 on the day
    assert "TRIGGER;RELATED=START:-P2DT15H" in due[0] and "TRIGGER;RELATED=START:PT9H" in due[0]


def test_a_hostile_receipt_is_refused_and_nothing_is_stored(client_in: Client, case: Case):
    agreement = saved_id(client_in.post(url(case, "new"), KEPT))
    before = Case.objects.get(pk=case.pk).sections
    data = {"date": "2025-12-10", "amount": "1000.00", "receipts": [SimpleUploadedFile("x.exe", b"MZ\x90\0")]}
    response = client_in.post(url(case, agreement, "payments"), data)
    assert response.status_code == 400
    assert response.context["payment_form"].errors["receipts"]
    assert Case.objects.get(pk=case.pk).sections == before


def test_another_users_agreement_pages_are_not_found(case: Case, django_user_model):
    other = Client()
    other.force_login(django_user_model.objects.create_user("other", password="x" * 12))
    assert other.get(url(case)).status_code == 404


def test_renegotiate_opens_the_plan_builder_with_todays_balance(client_in: Client, case: Case):
    """Nothing paid under KEPT by 2026-03-15: what is left under it is the full 5,000.00."""
    agreement = saved_id(client_in.post(url(case, "new"), KEPT))
    detail = client_in.get(url(case, agreement))
    builder = client_in.get(detail.context["renegotiate_url"])
    assert builder.status_code == 200
    assert "重新协商 某银行：按今天的余额 ¥5,000.00 计算" in words(builder)


def test_a_contact_in_an_agencys_words_is_flagged_in_the_log(client_in: Client, owner):
    from xieshang.cases.case_writes import import_case_text

    from ..conftest import SMALL_CASE

    text = SMALL_CASE + (
        "contacts:\n  - {id: c1, debt: bank, when: '2026-03-01 10:00', channel: 电话, direction: incoming,"
        " summary: 对方自称债务优化公司，可以代理协商，先交服务费}\n"
        "  - {id: c2, debt: bank, when: '2026-03-02 10:00', channel: 电话, direction: outgoing,"
        " summary: 我申请停息挂账}\n"
    )
    flagged = import_case_text(owner, text, source_name="agent.yaml")
    page = client_in.get(f"/cases/{flagged.pk}/contacts/").content.decode()
    assert page.count('data-testid="agent-flag"') == 1
    guard = words(client_in.get(f"/cases/{flagged.pk}/"))
    assert "1 次可疑联系" in guard and "2026-03-01 某银行 “代理协商、债务优化”" in guard


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_payment_removed_from_the_debt_is_unlinked_from_its_instalment(
    client_in: Client, case: Case, how: str
):
    """Deleted on the debt's page, or dropped when the debt's payments are stored again (an import): the
    instalment that named it and the receipt linked to it let go of it; the case file still loads."""
    from dataclasses import replace

    from xieshang.cases.debt_writes import delete_payment, store_loan
    from xieshang.cases.models import Debt, Payment
    from xieshang.cases.writes import locked

    agreement = saved_id(client_in.post(url(case, "new"), KEPT))
    first = load_case(Case.objects.get(pk=case.pk)).core.agreements[0].instalments[0].id
    pay(client_in, case, agreement, "2025-12-10", "1000.00", first, [SimpleUploadedFile("回单.png", PNG)])
    debt = Debt.objects.get(case=case, key="bank")
    paid = Payment.objects.get(debt=debt, public_id__startswith="p")
    if how == "deleted":
        assert delete_payment(case.pk, debt.pk, paid.pk)
    else:
        loan = load_case(Case.objects.get(pk=case.pk)).core.debt("bank")
        with locked(case.pk) as row:
            store_loan(
                row, replace(loan, payments=tuple(p for p in loan.payments if p.id != paid.public_id)), debt
            )
    (kept,) = load_case(Case.objects.get(pk=case.pk)).core.agreements
    assert kept.instalments[0].payments == () and kept.receipts == ()
    assert client_in.get(url(case, agreement)).status_code == 200


@pytest.mark.parametrize("withdrawn", [False, True])
def test_an_undone_deletion_links_the_payment_to_its_instalment_again(
    client_in: Client, case: Case, withdrawn: bool
):
    """Delete an agreed payment on the debt's page, then undo: it settles the instalment it settled and keeps its
    receipt again; the agreement's figures are what they were. A receipt withdrawn from the evidence in between
    stays withdrawn (the instalment is linked again all the same)."""
    from django.urls import reverse

    from xieshang.cases import evidence
    from xieshang.cases.models import Debt, Payment

    agreement = saved_id(client_in.post(url(case, "new"), KEPT))
    first = load_case(Case.objects.get(pk=case.pk)).core.agreements[0].instalments[0].id
    pay(client_in, case, agreement, "2025-12-10", "1000.00", first, [SimpleUploadedFile("回单.png", PNG)])
    (before,) = load_case(Case.objects.get(pk=case.pk)).core.agreements
    (receipt,) = before.receipts
    assert before.instalments[0].payments == (receipt.payment,)
    debt = Debt.objects.get(case=case, key="bank")
    paid = Payment.objects.get(debt=debt, public_id=receipt.payment)

    page = client_in.post(reverse("payment-delete", args=[case.pk, debt.pk, paid.pk]), follow=True)
    token = re.search(r'name="undo" value="([^"]+)"', page.content.decode())
    assert token, "no undo on the page"
    (gone,) = load_case(Case.objects.get(pk=case.pk)).core.agreements
    assert gone.instalments[0].payments == () and gone.receipts == ()
    if withdrawn:
        (entry,) = [e for e in evidence.live_entries(case) if e.file_sha256 == receipt.sha256]
        evidence.redact(case.pk, entry.seq, "传错了")

    page = client_in.post(
        reverse("payment-restore", args=[case.pk, debt.pk]), {"undo": token[1]}, follow=True
    )
    assert "已恢复这笔还款记录。" in words(page)
    (after,) = load_case(Case.objects.get(pk=case.pk)).core.agreements
    assert after.instalments == before.instalments
    assert after.receipts == (() if withdrawn else before.receipts)
    assert client_in.get(url(case, agreement)).status_code == 200
