"""The contact log, the evidence files and the negotiation documents through the API: the same entries the
pages list, a file downloaded byte for byte, a document generated as the documents page makes it."""

from __future__ import annotations

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile

from xieshang.cases.reading import read_case
from xieshang.core.contacts import timeline
from xieshang.paperwork.models import GeneratedDocument

RECEIPT = "2026-03-01 支付宝还款 1066.19 元\n".encode()


def test_the_contact_log_is_the_case_views_newest_first(api, demo) -> None:
    body = api.get(f"/api/v1/cases/{demo.pk}/contacts/?page_size=200").json()
    demo.refresh_from_db()
    entries = timeline(read_case(demo).view.case.contacts)
    assert body["count"] == len(entries) > 0
    assert [c["id"] for c in body["items"]] == [e.id for e in reversed(entries)]
    first = body["items"][0]
    assert (
        first["channel_label"] and first["channel_label"] != first["channel"]
    )  # people's words beside the code


def test_an_evidence_file_is_listed_and_downloads_byte_for_byte(api, client_in, small) -> None:
    added = client_in.post(
        f"/cases/{small.pk}/contacts/evidence/",
        {"files": [SimpleUploadedFile("回单.txt", RECEIPT)], "description": "三月还款凭证", "debt": "bank"},
    )
    assert added.status_code == 302
    listed = api.get(f"/api/v1/cases/{small.pk}/evidence/").json()
    assert listed["count"] == 1
    entry = listed["items"][0]
    digest = hashlib.sha256(RECEIPT).hexdigest()
    assert entry["sha256"] == digest and entry["description"] == "三月还款凭证"
    assert entry["debt_id"] == small.debts.get(key="bank").pk
    got = api.get(f"/api/v1/cases/{small.pk}/evidence/{digest}/")
    assert got.status_code == 200 and got.content == RECEIPT
    assert got["Content-Disposition"].startswith("attachment")
    missing = api.get(f"/api/v1/cases/{small.pk}/evidence/{'0' * 64}/")
    assert missing.status_code == 404 and missing.json()["errors"][0]["field"] == "文件指纹"


def test_a_document_is_generated_and_recorded(api, demo) -> None:
    listing = api.get(f"/api/v1/cases/{demo.pk}/documents/").json()
    assert {"docx", "pdf"} <= set(listing["formats"])
    assert "application" in {k["name"] for k in listing["kinds"]}
    creditor = listing["creditors"][0]["value"]
    made = api.post(
        f"/api/v1/cases/{demo.pk}/documents/application/docx/",
        {"creditor": creditor},
        content_type="application/json",
    )
    assert made.status_code == 200, made.content
    assert made.content[:2] == b"PK"  # a DOCX is a zip
    recorded = GeneratedDocument.objects.get(case=demo, document="application")
    assert recorded.sha256 == hashlib.sha256(made.content).hexdigest()
    again = api.get(f"/api/v1/cases/{demo.pk}/documents/").json()
    assert again["history"][0]["sha256"] == recorded.sha256
    wrong = api.post(
        f"/api/v1/cases/{demo.pk}/documents/application/docx/",
        {"creditor": "不存在的债权人"},
        content_type="application/json",
    )
    assert wrong.status_code == 400
    assert wrong.json()["errors"] == [
        {"location": "body.creditor", "field": "债权人", "message": "债权人：案件中没有这个债权人"}
    ]
