"""Deleting a case (cases/case_writes.py, cases/upkeep.py) leaves nothing of it: no evidence file, no ledger, no
row, and on SQLite no copy of its ID number in the database file or its WAL (checkpointed and vacuumed)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from xieshang.cases import evidence
from xieshang.cases.case_writes import import_case_text
from xieshang.cases.models import Case, Debt

from .conftest import SMALL_CASE

ID_NUMBER = "11010519491231002X"


def database_bytes() -> bytes:
    name = connection.settings_dict["NAME"]
    out = b""
    for suffix in ("", "-wal"):
        try:
            with open(f"{name}{suffix}", "rb") as handle:
                out += handle.read()
        except FileNotFoundError:
            pass
    return out


@pytest.mark.django_db(transaction=True)
def test_deleting_a_case_leaves_no_file_and_no_copy_of_its_id_number(client_in, owner, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    case = import_case_text(owner, SMALL_CASE.replace("测试用户,", f"测试用户, id_number: '{ID_NUMBER}',"))
    keep = import_case_text(owner, SMALL_CASE)  # another case of the same person: untouched
    for target in (case, keep):
        evidence_url = reverse("contacts:evidence", args=[target.pk])
        upload = SimpleUploadedFile("身份证.txt", f"身份证号 {ID_NUMBER}\n".encode())
        assert (
            client_in.post(evidence_url, {"files": [upload], "description": "身份证", "debt": ""}).status_code
            == 302
        )
    case.refresh_from_db()
    chain = evidence.store_of(case).root
    assert chain.is_dir() and Case.objects.get(pk=case.pk).id_number == ID_NUMBER
    if connection.vendor == "sqlite":
        assert ID_NUMBER.encode() in database_bytes()  # the check below can see it when it is there

    assert client_in.post(reverse("case-delete", args=[case.pk])).status_code == 302

    assert not Case.objects.filter(pk=case.pk).exists() and not Debt.objects.filter(case_id=case.pk).exists()
    assert not chain.exists()
    left = [p.name for p in (tmp_path / "evidence" / "cases").iterdir()]
    keep.refresh_from_db()
    assert left == [keep.evidence_chain] and evidence.verify(keep).ok
    if (
        connection.vendor == "sqlite"
    ):  # PostgreSQL's files belong to its server: the rows are deleted, vacuumed
        assert ID_NUMBER.encode() not in database_bytes()
