"""The evidence pages (views/evidence.py): list with hashes, upload checked by content, download only within the
case, withdrawing a file uploaded by mistake, the web verify page names a tampered file, ledger entry or anchor,
and the bundle verifies on its own."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from django.urls import reverse

from xieshang.cases.case_writes import import_case_text
from xieshang.cases.convert import case_file_yaml
from xieshang.cases.evidence import store_of
from xieshang.cases.models import Case
from xieshang.contacts.log import contacts_of
from xieshang.contacts.store import case_entries
from xieshang.evidence.bundle import verify_bundle

from ..s3 import tamper_blob, tamper_ledger
from .conftest import upload
from .test_log import NIGHT_CALL

pytestmark = pytest.mark.usefixtures("storage_kind")

RECEIPT = "2026-03-01 支付宝还款 1066.19 元\n".encode()


def _add(client, case, data: bytes, name: str = "回单.txt", debt: str = "bank"):
    url = reverse("contacts:evidence", args=[case.pk])
    return client.post(url, {"files": [upload(name, data)], "description": "三月还款凭证", "debt": debt})


def test_upload_and_list_with_hashes(client_in, case, wav):
    assert _add(client_in, case, RECEIPT).status_code == 302
    assert _add(client_in, case, wav, "录音.wav", debt="").status_code == 302
    page = client_in.get(reverse("contacts:evidence", args=[case.pk]))
    text = page.content.decode()
    assert hashlib.sha256(RECEIPT).hexdigest() in text and hashlib.sha256(wav).hexdigest() in text
    rows = page.context["rows"]
    assert [(r.entry.media_type, r.debt) for r in rows] == [("audio/wav", ""), ("text/plain", "某银行")]


def test_upload_refused_by_content_nothing_stored(client_in, case):
    response = _add(client_in, case, b"\x7fELF\x02\x01" + b"\x00" * 50, "照片.jpg")
    assert response.status_code == 400
    assert "不支持的文件类型" in response.context["form"].errors["files"][0]
    assert not store_of(case).has_ledger()


def test_download_only_the_cases_own_files(client_in, case, owner):
    _add(client_in, case, RECEIPT)
    sha = hashlib.sha256(RECEIPT).hexdigest()
    response = client_in.get(reverse("contacts:evidence-file", args=[case.pk, sha]))
    assert response.status_code == 200 and response.content == RECEIPT
    assert response["Content-Disposition"].startswith("attachment;")
    other = import_case_text(owner, case_file_yaml(case))  # same owner, another case: not its file
    assert client_in.get(reverse("contacts:evidence-file", args=[other.pk, sha])).status_code == 404


def test_verify_page_intact_then_a_changed_file_is_named(client_in, case, wav):
    _add(client_in, case, RECEIPT)
    _add(client_in, case, wav, "录音.wav")
    url = reverse("contacts:evidence-verify", args=[case.pk])
    page = client_in.get(url)
    assert page.context["report"].ok and "完好：2 条记录" in page.content.decode()
    store, sha = store_of(case), hashlib.sha256(wav).hexdigest()
    data = bytearray(store.read(sha))
    data[100] ^= 1  # one byte of the stored recording
    tamper_blob(store, sha, bytes(data))
    page = client_in.get(url)
    report = page.context["report"]
    assert not report.ok and report.first.seq == 2
    text = page.content.decode()
    assert "已被改动" in text and "第 2 条记录" in text


def test_verify_page_names_an_edited_ledger_entry(client_in, case):
    _add(client_in, case, RECEIPT)
    _add(client_in, case, b"second receipt\n", "b.txt")
    store = store_of(case)
    lines = store.ledger_bytes().decode("utf-8").splitlines()
    first = json.loads(lines[0])
    first["description"] = "改过的说明"
    tamper_ledger(store, ("\n".join([json.dumps(first, ensure_ascii=False), *lines[1:]]) + "\n").encode())
    report = client_in.get(reverse("contacts:evidence-verify", args=[case.pk])).context["report"]
    assert not report.ok and report.first.seq == 1


def test_bundle_download_verifies_and_holds_the_index(client_in, case, wav):
    _add(client_in, case, RECEIPT)
    _add(client_in, case, wav, "录音.wav")
    response = client_in.get(reverse("contacts:evidence-bundle", args=[case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert verify_bundle(response.content).ok
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        index = archive.read("证据目录.csv").decode("utf-8-sig")
    assert {"manifest.json", "ledger.jsonl", "证据目录.md", "证据目录.html"} <= set(names)
    assert index.splitlines()[0] == "序号,证据名称,来源,形成时间,证明内容,文件/页码"
    assert len(index.splitlines()) == 3


def test_bundle_without_evidence_says_so(client_in, case):
    response = client_in.get(reverse("contacts:evidence-bundle", args=[case.pk]), follow=True)
    assert "无法导出证据包" in response.content.decode()
    assert case_entries(case) == []


def test_files_added_later_to_a_logged_contact(client_in, case, wav):
    client_in.post(reverse("contacts:contact-create", args=[case.pk]), NIGHT_CALL)
    page = client_in.get(reverse("contacts:evidence", args=[case.pk]), {"contact": "c1"})
    assert page.context["form"]["contact"].value() == "c1"
    url = reverse("contacts:evidence", args=[case.pk])
    response = client_in.post(
        url, {"files": [upload("录音.wav", wav)], "description": "当晚录音", "debt": "", "contact": "c1"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    (entry,) = contacts_of(case)
    (stored,) = case_entries(case)
    assert entry.attachments == (stored.file_sha256,)
    assert (stored.contact_id, stored.debt_id) == ("c1", "online")  # a contact's files belong to its debt
    findings = client_in.get(reverse("contacts:findings", args=[case.pk])).context["items"]
    assert any(sha == stored.file_sha256 for item in findings for sha, _ in item.evidence)


def test_verify_page_names_a_dropped_entry(client_in, case):
    _add(client_in, case, RECEIPT)
    _add(client_in, case, b"second receipt\n", "b.txt")
    _add(client_in, case, b"third receipt\n", "c.txt")
    store = store_of(case)
    lines = store.ledger_bytes().decode("utf-8").splitlines()
    tamper_ledger(store, ("\n".join([lines[0], lines[2]]) + "\n").encode())  # entry 2 removed
    report = client_in.get(reverse("contacts:evidence-verify", args=[case.pk])).context["report"]
    assert not report.ok and report.first.seq == 2  # the first entry missing
    assert "已被改动" in client_in.get(reverse("contacts:evidence-verify", args=[case.pk])).content.decode()


def test_a_file_uploaded_by_mistake_is_withdrawn_by_an_appended_entry(
    client_in, case, wav, django_capture_on_commit_callbacks
):
    """Withdraw #1: the file is deleted and leaves the contact; the ledger keeps #1 and gains #3 saying which,
    why and when; the ledger still verifies (against the database's anchor, which moved to 3 entries)."""
    client_in.post(
        reverse("contacts:contact-create", args=[case.pk]), NIGHT_CALL | {"files": [upload("r.wav", wav)]}
    )
    _add(client_in, case, RECEIPT)
    sha = hashlib.sha256(wav).hexdigest()
    url = reverse("contacts:evidence-redact", args=[case.pk, 1])
    assert client_in.post(url, {"reason": ""}).status_code == 302  # a reason is required
    assert store_of(case).has(sha)
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the redaction is committed
        assert client_in.post(url, {"reason": "传错了文件"}).status_code == 302
    case.refresh_from_db()
    store = store_of(case)
    assert not store.has(sha) and [e.seq for e in case_entries(case)] == [2]
    withdrawn = store.entries()[-1]
    assert (withdrawn.seq, withdrawn.kind, withdrawn.redacts, withdrawn.reason) == (
        3,
        "redaction",
        1,
        "传错了文件",
    )
    assert contacts_of(case)[0].attachments == ()
    assert (case.evidence_entries, case.evidence_head) == (3, withdrawn.entry_hash)
    page = client_in.get(reverse("contacts:evidence", args=[case.pk])).content.decode()
    assert "传错了文件" in page
    report = client_in.get(reverse("contacts:evidence-verify", args=[case.pk])).context["report"]
    assert report.ok and report.checked == 3
    assert client_in.get(reverse("contacts:evidence-file", args=[case.pk, sha])).status_code == 404


def test_every_evidence_write_moves_the_anchor_in_the_database(client_in, case):
    _add(client_in, case, RECEIPT)
    _add(client_in, case, b"second receipt\n", "b.txt")
    row = Case.objects.get(pk=case.pk)
    entries = store_of(row).entries()
    assert (row.evidence_entries, row.evidence_head) == (2, entries[-1].entry_hash)
