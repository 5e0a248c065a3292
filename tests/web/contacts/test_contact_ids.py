"""Evidence never ends up under the wrong contact (contacts/log.py, cases/evidence.py): contact ids come from the
case's counter, never a count, and a ledger entry whose database write never committed is withdrawn before the
next write, so the contact that later takes its number does not inherit it."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile

from django.urls import reverse

from xieshang.cases import evidence
from xieshang.core import ledger
from xieshang.evidence.store import now_iso

from .conftest import upload
from .test_log import NIGHT_CALL

LATER_CALL = {**NIGHT_CALL, "when": "2026-03-12T09:15", "summary": "第二次通话：同意考虑分期", "flags": []}


def index_rows(client, case) -> list[list[str]]:
    response = client.get(reverse("contacts:evidence-bundle", args=[case.pk]))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return list(csv.reader(io.StringIO(archive.read("证据目录.csv").decode("utf-8-sig"))))[1:]


def test_deleting_the_newest_contact_then_adding_one_never_moves_its_evidence(client_in, case, wav):
    """c1 is logged with its recording and deleted; the next contact is c2, not c1, and the 证据目录 lists the
    recording without the new call's time, channel or summary."""
    create = reverse("contacts:contact-create", args=[case.pk])
    assert client_in.post(create, {**NIGHT_CALL, "files": [upload("录音.wav", wav)]}).status_code == 302
    assert client_in.post(reverse("contacts:contact-delete", args=[case.pk, "c1"])).status_code == 302
    response = client_in.post(create, LATER_CALL)
    assert response.status_code == 302 and response["Location"].endswith("#contact-c2")
    (recording,) = evidence.live_entries(case)
    assert recording.contact_id == "c1"
    (row,) = index_rows(client_in, case)
    assert "2026-03-12" not in row[3] and "同意考虑分期" not in row[4]
    log = client_in.get(reverse("contacts:log", args=[case.pk])).content.decode()
    assert hashlib.sha256(wav).hexdigest()[:12] not in log.split('id="contact-c2"', 1)[1]


def test_an_entry_whose_write_never_committed_is_withdrawn_before_the_next_write(client_in, case, wav):
    """The process was killed after writing the ledger line of contact c1's recording and before the database
    committed: the case's counter still says c1 is free. The next contact takes c1, and the stray entry is
    withdrawn by an appended redaction first, so the new c1 does not show the old recording."""
    store = evidence.store_of(case)
    sha = store.write_blob(wav)
    stray = ledger.append(
        store.entries(),
        file_sha256=sha,
        size=len(wav),
        media_type="audio/wav",
        recorded_at=now_iso(),
        description="一次没保存完的记录",
        case_id=store.key,
        contact_id="c1",
    )
    store.append(stray)  # … and then the process died: no commit, the anchor still says 0 entries
    assert evidence.verify(case).first.kind == "uncommitted"
    assert client_in.post(reverse("contacts:contact-create", args=[case.pk]), LATER_CALL).status_code == 302
    case.refresh_from_db()
    entries = store.entries()
    assert [(e.seq, e.kind, e.redacts) for e in entries] == [(1, "file", 0), (2, "redaction", 1)]
    assert evidence.live_entries(case) == []
    assert (case.evidence_entries, case.evidence_head) == (2, entries[-1].entry_hash)
    assert evidence.verify(case).ok
