"""“Download everything about me” (cases/everything.py): one archive of every case the borrower owns — each
case file with its full numbers, its evidence bundle with every file, its document history — and the audit log
of those cases; none of another borrower's cases, files, names or log lines, and none of the cases only shared
with the account."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.urls import reverse

from xieshang.audit.models import Action, AuditEvent
from xieshang.cases.case_writes import import_case_text
from xieshang.cases.models import Case

from .conftest import SMALL_CASE
from .contacts.conftest import upload
from .people import build_world

A_RECEIPT = "2026-03-01 支付宝还款 1066.19 元（借款人A）\n".encode()
B_RECEIPT = "2026-03-02 微信还款 500.00 元（借款人B）\n".encode()


@pytest.fixture
def world(db, settings):
    settings.SERVER_MODE = True
    found = build_world()
    found.case_a2 = import_case_text(  # type: ignore[attr-defined]
        found.users["borrower_a"], SMALL_CASE.replace("测试用户", "测试用户第二案"), source_name="a2.yaml"
    )
    for client, case, data in (
        ("borrower_a", found.case_a, A_RECEIPT),
        ("borrower_b", found.case_b, B_RECEIPT),
    ):
        sent = found.clients[client].post(
            reverse("contacts:evidence", args=[case.pk]),
            {"files": [upload("回单.txt", data)], "description": "还款凭证", "debt": "bank"},
        )
        assert sent.status_code == 302
    Case.objects.filter(pk=found.case_a.pk).update(id_number="110101199003071234")
    found.clients["borrower_b"].get(reverse("case", args=[found.case_b.pk]))  # a line in B's log
    return found


def _archive(client) -> zipfile.ZipFile:  # type: ignore[no-untyped-def]
    response = client.post(reverse("everything"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def _all_bytes(archive: zipfile.ZipFile) -> bytes:
    """Every member's bytes, nested zips (the evidence bundles) opened too."""
    found = b""
    for name in archive.namelist():
        data = archive.read(name)
        found += data
        if name.endswith(".zip"):
            found += _all_bytes(zipfile.ZipFile(io.BytesIO(data)))
    return found


def test_the_archive_holds_exactly_the_borrowers_own_cases(world):
    archive = _archive(world.clients["borrower_a"])
    folders = sorted({name.split("/")[0] for name in archive.namelist() if "/" in name})
    assert folders == [f"01-case-{world.case_a.pk}", f"02-case-{world.case_a2.pk}"]
    first = archive.read(f"01-case-{world.case_a.pk}/case.yaml").decode()
    assert "测试用户" in first and "110101199003071234" in first  # their own data, with the full numbers
    assert "测试用户第二案" in archive.read(f"02-case-{world.case_a2.pk}/case.yaml").decode()
    bundle = zipfile.ZipFile(io.BytesIO(archive.read(f"01-case-{world.case_a.pk}/evidence.zip")))
    assert any(bundle.read(n) == A_RECEIPT for n in bundle.namelist())

    everything = _all_bytes(archive)
    assert A_RECEIPT in everything
    assert B_RECEIPT not in everything and hashlib.sha256(B_RECEIPT).hexdigest().encode() not in everything
    assert "另一位借款人".encode() not in everything  # borrower B's name, nowhere
    log = archive.read("audit.csv").decode("utf-8-sig")
    assert "borrower_b" not in log
    cases_logged = {
        e.case_id for e in AuditEvent.objects.filter(action=Action.EXPORT, actor_name="borrower_a")
    }
    assert cases_logged == {world.case_a.pk, world.case_a2.pk}  # the download itself is in the log, per case


def test_a_counsellor_gets_only_their_own_cases_not_the_ones_shared_with_them(world):
    archive = _archive(world.clients["counsellor_write"])
    assert [n for n in archive.namelist() if "/" in n] == []
    assert "测试用户".encode() not in _all_bytes(archive)


def test_the_page_lists_the_cases_and_only_a_post_downloads(world):
    page = world.clients["borrower_b"].get(reverse("everything"))
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert "另一位借款人" in page.content.decode() and "测试用户" not in page.content.decode()
