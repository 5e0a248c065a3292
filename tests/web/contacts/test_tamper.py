"""Tamper drills on a case's evidence store, checked against the anchor the database keeps (cases/evidence.py):
the stub trick, deleting the last entry, backdating with the chain recomputed, swapping a file with the chain
recomputed, deleting and renumbering. Each is named on the verify page by its first bad entry or by the anchor
that disagrees, and no new evidence is written onto a ledger that has been changed."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from tests.evidence.forgery import DRILLS, FORGED, dump, parse
from xieshang.cases import evidence
from xieshang.core.ledger_check import KIND_ANCHOR, KIND_STUB

from .conftest import upload

FILES = [
    ("录音.txt", "22:30 来电录音转写\n".encode()),
    ("截图.txt", "催收短信截图\n".encode()),
    ("c.txt", b"third\n"),
]
EXPECTED = {  # (first entry named, kind): 0 is the ledger as a whole
    "stub": (2, KIND_STUB),
    "drop_last": (3, KIND_ANCHOR),
    "backdate": (3, KIND_ANCHOR),
    "swap_file": (3, KIND_ANCHOR),
    "renumber": (3, KIND_ANCHOR),  # 2 entries where the database counted 3
}


@pytest.fixture
def recorded(client_in, case):
    url = reverse("contacts:evidence", args=[case.pk])
    for name, data in FILES:
        response = client_in.post(url, {"files": [upload(name, data)], "description": name, "debt": ""})
        assert response.status_code == 302
    case.refresh_from_db()
    assert evidence.verify(case).ok and case.evidence_entries == 3
    return case


@pytest.mark.parametrize("drill", sorted(DRILLS))
def test_each_drill_is_named_against_the_database_anchor(client_in, recorded, drill):
    store = evidence.store_of(recorded)
    store.ledger_path.write_bytes(dump(DRILLS[drill](parse(store.ledger_path.read_bytes()))))
    if drill == "stub":
        store.delete_blob(hashlib.sha256(FILES[1][1]).hexdigest())
    if drill == "swap_file":
        store.write_blob(FORGED)
    page = client_in.get(reverse("contacts:evidence-verify", args=[recorded.pk]))
    report = page.context["report"]
    assert report.first is not None and (report.first.seq, report.first.kind) == EXPECTED[drill], (
        report.problems
    )
    assert "已被改动" in page.content.decode()
    if report.first.kind == KIND_ANCHOR:
        assert "数据库" in report.first.message
    refused = client_in.post(
        reverse("contacts:evidence", args=[recorded.pk]),
        {"files": [upload("d.txt", b"more\n")], "description": "再传一个", "debt": ""},
    )
    assert refused.status_code == 400 and "暂停登记新证据" in refused.content.decode()
