"""The 征信异议与执行情况 page (paperwork/views/disputes.py): disputes and progress notes entered, edited and
deleted as the case file's sections; wrong input comes back at the field with nothing saved; the two documents
print what was entered; the documents page links here; other users see nothing."""

from __future__ import annotations

import io
import json
from datetime import date

import docx
from django.test import Client
from django.urls import reverse

from xieshang.casefile import dump_case, load_case_text
from xieshang.cases.models import Case
from xieshang.paperwork.drafting import core_with_sections

from .conftest import HOSTILE

LITERAL = HOSTILE.replace("\x07", "")


def page(case: Case) -> str:
    return reverse("paperwork:disputes", args=[case.pk])


DISPUTE = {
    "new-creditor": "某银行",
    "new-institution": "某银行股份有限公司",
    "new-account": "贷款账户尾号1234",
    "new-reported": "2026-06-05",
    "new-wrong": "显示2026年5月逾期1期",
    "new-correct": "2026年5月10日已按时足额还款",
    "new-requests": "更正2026年5月还款状态\n\n删除该逾期记录",
    "new-materials": ["id_card"],
    "new-proofs": "还款成功短信截图",
    "new-recipient": "credit_center",
    "new-recipient_name": "",
    "new-filed": "",
}
NOTE = {
    "newnote-creditor": "某银行",
    "newnote-start": "2026-10-01",
    "newnote-end": "2026-10-31",
    "newnote-text": "10月15日按协议还款1,000元。",
}


def docx_of(client: Client, case: Case, name: str, creditor: str) -> str:
    response = client.post(
        reverse("paperwork:download", args=[case.pk, name, "docx"]), {"creditor": creditor}
    )
    assert response.status_code == 200
    return "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)


def test_a_dispute_is_stored_as_the_case_file_section_and_fills_the_letter(client_in, case):
    response = client_in.post(reverse("paperwork:dispute-add", args=[case.pk]), DISPUTE)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.sections["disputes"] == [
        {
            "id": "d1",  # the case's first number (the fixture's file gave none)
            "creditor": "某银行",
            "record": {
                "institution": "某银行股份有限公司",
                "account": "贷款账户尾号1234",
                "reported": "2026-06-05",
                "wrong": "显示2026年5月逾期1期",
                "correct": "2026年5月10日已按时足额还款",
            },
            "requests": ["更正2026年5月还款状态", "删除该逾期记录"],
            "proofs": ["id_card", "还款成功短信截图"],
            "recipient": "credit_center",
        }
    ]
    letter = docx_of(client_in, case, "credit_dispute", "某银行")
    assert "致：中国人民银行征信中心" in letter
    assert "信用报告记载：显示2026年5月逾期1期。" in letter
    assert "1. 更正2026年5月还款状态；" in letter and "第二十五条" in letter
    assert "还款成功短信截图" in letter and "尚未填写异议事项" not in letter
    other = docx_of(client_in, case, "credit_dispute", "某网贷平台")
    assert "尚未填写异议事项" in other


def test_wrong_input_comes_back_at_the_field_and_nothing_is_saved(client_in, case):
    bad = {**DISPUTE, "new-wrong": "", "new-reported": "2026-13-01", "new-creditor": "不存在的机构"}
    response = client_in.post(reverse("paperwork:dispute-add", args=[case.pk]), bad)
    assert response.status_code == 400
    text = response.content.decode()
    assert text.count('class="errorlist"') >= 2
    note = {**NOTE, "newnote-start": "2026-11-30", "newnote-end": "2026-11-01"}
    response = client_in.post(reverse("paperwork:note-add", args=[case.pk]), note)
    assert response.status_code == 400
    assert "结束日早于开始日" in response.content.decode()
    case.refresh_from_db()
    assert "disputes" not in case.sections and "progress_notes" not in case.sections


def test_edit_and_delete_by_id_never_by_position(client_in, case):
    """Two disputes d1, d2; d1 deleted; d2 is still d2 (by position it would have become the first, and an edit
    of "the first" meant for d1 would have changed it)."""
    client_in.post(reverse("paperwork:dispute-add", args=[case.pk]), DISPUTE)
    client_in.post(reverse("paperwork:dispute-add", args=[case.pk]), {**DISPUTE, "new-wrong": "第二条"})
    edited = {k.replace("new-", "d-d2-"): v for k, v in DISPUTE.items()} | {"d-d2-recipient": "lender"}
    assert client_in.post(reverse("paperwork:dispute-delete", args=[case.pk, "d1"])).status_code == 302
    assert client_in.post(reverse("paperwork:dispute", args=[case.pk, "d1"]), edited).status_code == 404
    assert client_in.post(reverse("paperwork:dispute", args=[case.pk, "d2"]), edited).status_code == 302
    case.refresh_from_db()
    assert [(d["id"], d["recipient"]) for d in case.sections["disputes"]] == [("d2", "lender")]
    client_in.post(reverse("paperwork:dispute-add", args=[case.pk]), DISPUTE)
    case.refresh_from_db()
    assert [d["id"] for d in case.sections["disputes"]] == ["d2", "d3"]
    assert client_in.post(reverse("paperwork:dispute-delete", args=[case.pk, "d1"])).status_code == 404


def test_progress_notes_fill_the_report_in_period_order(client_in, case):
    later = {
        **NOTE,
        "newnote-start": "2026-11-01",
        "newnote-end": "2026-11-27",
        "newnote-text": "11月已还款。",
    }
    for data in (later, NOTE):
        assert client_in.post(reverse("paperwork:note-add", args=[case.pk]), data).status_code == 302
    report = docx_of(client_in, case, "progress_report", "某银行")
    assert report.index("10月15日按协议还款1,000元。") < report.index("11月已还款。")
    assert "尚未填写还款协议执行情况" not in report
    case.refresh_from_db()
    first, second = (n["id"] for n in case.sections["progress_notes"])
    edited = {k.replace("newnote-", f"n-{second}-"): v for k, v in NOTE.items()} | {
        f"n-{second}-text": "改过的"
    }
    assert client_in.post(reverse("paperwork:note", args=[case.pk, second]), edited).status_code == 302
    assert client_in.post(reverse("paperwork:note-delete", args=[case.pk, first])).status_code == 302
    case.refresh_from_db()
    assert [n["text"] for n in case.sections["progress_notes"]] == ["改过的"]


def test_user_text_is_shown_literally(client_in, case):
    data = {**DISPUTE, "new-wrong": HOSTILE, "new-proofs": HOSTILE}
    assert client_in.post(reverse("paperwork:dispute-add", args=[case.pk]), data).status_code == 302
    text = client_in.get(page(case)).content.decode()
    assert "<script>alert(1)</script>" not in text and "&lt;script&gt;" in text
    letter = docx_of(client_in, case, "credit_dispute", "某银行")
    assert LITERAL.strip().rstrip() in letter


def test_documents_page_links_here_instead_of_saying_it_cannot_be_filled(client_in, case):
    text = client_in.get(reverse("paperwork:documents", args=[case.pk])).content.decode()
    assert "在本页无法填写" not in text
    assert page(case) in text and 'data-testid="fill-credit_dispute"' in text
    assert "尚未填写征信异议事项" in text and "尚未填写还款协议执行情况" in text
    client_in.post(reverse("paperwork:dispute-add", args=[case.pk]), DISPUTE)
    client_in.post(reverse("paperwork:note-add", args=[case.pk]), NOTE)
    text = client_in.get(reverse("paperwork:documents", args=[case.pk])).content.decode()
    assert "尚未填写征信异议事项" not in text and "尚未填写还款协议执行情况" not in text


def test_the_page_cites_the_rules_with_source_and_confidence(client_in, case):
    text = client_in.get(page(case)).content.decode()
    assert "征信业管理条例（2013）第二十五条" in text and "不构成法律意见" in text
    assert "2026年3月31日" in text  # the 2025-12-22 credit repair, reported


def test_the_exported_case_file_carries_both_sections(client_in, case):
    client_in.post(reverse("paperwork:dispute-add", args=[case.pk]), DISPUTE)
    client_in.post(reverse("paperwork:note-add", args=[case.pk]), NOTE)
    case.refresh_from_db()
    core, problems = core_with_sections(case)
    assert problems == []
    again = load_case_text(json.dumps(dump_case(core), ensure_ascii=False), "x.json")
    assert again.disputes == core.disputes and core.disputes
    assert again.progress_notes == core.progress_notes and core.progress_notes


def test_other_users_get_404(client_in, case, django_user_model):
    stranger = django_user_model.objects.create(username="stranger")
    other = Client()
    other.force_login(stranger)
    assert other.get(page(case)).status_code == 404
    assert other.post(reverse("paperwork:dispute-add", args=[case.pk]), DISPUTE).status_code == 404
    assert other.post(reverse("paperwork:note-add", args=[case.pk]), NOTE).status_code == 404
    case.refresh_from_db()
    assert "disputes" not in case.sections


def test_the_2025_credit_repair_shows_as_closed_with_its_dates_after_2026_03_31(client_in, case):
    """The one-off credit repair took repayments up to 2026-03-31: on the fixture's as_of (2026-03-15) it is
    open; analysed on 2026-11-28 it shows as closed with its dates, never as open."""
    page = client_in.get(reverse("paperwork:disputes", args=[case.pk])).content.decode()
    assert "一次性信用修复" in page and 'data-testid="rule-expired"' not in page
    case.as_of = date(2026, 11, 28)
    case.save()
    page = client_in.get(reverse("paperwork:disputes", args=[case.pk])).content.decode()
    closed = page[page.index('data-testid="rule-expired"') :]
    assert "一次性信用修复" in closed[:200] and "已截止（2025-12-22 至 2026-03-31）" in closed[:300]
