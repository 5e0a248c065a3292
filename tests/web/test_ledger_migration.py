"""Moving the old shared evidence ledger to one chain per case (cases/migrations/0004, evidence/legacy.py):
no entry lost, each chain says where it came from, anchors and material ledger numbers follow, and an old
ledger that does not verify stops the migration with nothing changed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from xieshang.core import ledger
from xieshang.core.ledger import LedgerEntry
from xieshang.core.ledger_check import Anchor
from xieshang.evidence.legacy import LegacyLedgerError
from xieshang.evidence.store import EvidenceStore, chain_keys

BEFORE = [
    ("cases", "0003_logintoken_moves_to_accounts"),
    ("contacts", "0001_initial"),
    ("paperwork", "0002_package_members"),
]
FILES = {  # old case id → files recorded under it, in ledger order (interleaved below)
    "case-aaaa000000000001": [b"recording of case A\n", b"screenshot of case A\n"],
    "materials-bbbb000000000001": [b"ID card of case A\n"],
    "case-cccc000000000002": [b"recording of case B\n"],
    "someone-else": [b"from the command line, no case\n"],
}


def write_shared_ledger(data_dir: Path) -> list[LedgerEntry]:
    """The old layout: evidence/ledger.jsonl and evidence/blobs, every case in one chain."""
    root = data_dir / "evidence"
    entries: list[LedgerEntry] = []
    order = [
        ("case-aaaa000000000001", 0),
        ("case-cccc000000000002", 0),
        ("materials-bbbb000000000001", 0),
        ("someone-else", 0),
        ("case-aaaa000000000001", 1),
    ]
    for number, (key, index) in enumerate(order, start=1):
        data = FILES[key][index]
        sha = hashlib.sha256(data).hexdigest()
        (root / "blobs" / sha[:2]).mkdir(parents=True, exist_ok=True)
        (root / "blobs" / sha[:2] / sha).write_bytes(data)
        entries.append(
            ledger.append(
                entries,
                file_sha256=sha,
                size=len(data),
                media_type="text/plain",
                recorded_at=f"2026-10-0{number}T10:00:00+08:00",
                description=f"old entry {number}",
                case_id=key,
            )
        )
    text = "".join(
        json.dumps(ledger.entry_to_dict(e), ensure_ascii=False, sort_keys=True) + "\n" for e in entries
    )
    (root / "ledger.jsonl").write_text(text, encoding="utf-8")
    return entries


def old_state(owner_name: str = "owner"):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    user = apps.get_model("auth", "User").objects.create(username=owner_name)
    case_model = apps.get_model("cases", "Case")
    a = case_model.objects.create(owner_id=user.pk, borrower_name="甲")
    b = case_model.objects.create(owner_id=user.pk, borrower_name="乙")
    apps.get_model("contacts", "ContactSettings").objects.create(
        case_id=a.pk, evidence_key="case-aaaa000000000001"
    )
    apps.get_model("contacts", "ContactSettings").objects.create(
        case_id=b.pk, evidence_key="case-cccc000000000002"
    )
    apps.get_model("paperwork", "PaperworkSettings").objects.create(
        case_id=a.pk, ledger_key="materials-bbbb000000000001"
    )
    apps.get_model("paperwork", "MaterialFile").objects.create(
        case_id=a.pk,
        item_id="id_card",
        sha256=hashlib.sha256(FILES["materials-bbbb000000000001"][0]).hexdigest(),
        name="身份证.txt",
        media_type="text/plain",
        size=18,
        ledger_seq=3,  # its number in the shared ledger
    )
    return a.pk, b.pk


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_every_entry_moves_to_its_cases_chain_and_says_where_it_came_from(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    old = write_shared_ledger(tmp_path)
    assert EvidenceStore(tmp_path / "evidence", key="shared").verify().ok  # the old ledger verifies first
    a_pk, b_pk = old_state()
    migrate_to_latest()

    from xieshang.cases.models import Case
    from xieshang.paperwork.models import MaterialFile

    a, b = Case.objects.get(pk=a_pk), Case.objects.get(pk=b_pk)
    assert a.evidence_chain == "case-aaaa000000000001" and b.evidence_chain == "case-cccc000000000002"
    moved: dict[str, list[LedgerEntry]] = {}
    for case in (a, b):
        store = EvidenceStore.of_case(tmp_path, case.evidence_chain)
        assert store.verify(Anchor(case.evidence_entries, case.evidence_head, "数据库")).ok
        moved[case.evidence_chain] = [e for e in store.entries() if isinstance(e, LedgerEntry)]
    # case A: its two contact entries and its materials entry (old 1, 3, 5), then the closing migration entry
    a_entries = moved[a.evidence_chain]
    assert [e.origin.split(":")[0] for e in a_entries[:3]] == ["shared#1", "shared#3", "shared#5"]
    assert [e.description for e in a_entries[:3]] == ["old entry 1", "old entry 3", "old entry 5"]
    assert [e.recorded_at for e in a_entries[:3]] == [
        old[0].recorded_at,
        old[2].recorded_at,
        old[4].recorded_at,
    ]
    assert a_entries[0].origin == f"shared#1:{old[0].entry_hash}"
    closing = a_entries[3]
    assert closing.kind == ledger.MIGRATION and closing.origin == f"shared:5:{old[-1].entry_hash}"
    assert (a.evidence_entries, a.evidence_head) == (4, closing.entry_hash)
    assert [e.origin.split(":")[0] for e in moved[b.evidence_chain][:1]] == ["shared#2"]
    assert MaterialFile.objects.get(case=a).ledger_seq == 2  # old #3 is the case's #2 now
    # the command-line entry of no case keeps a chain of its own; nothing else is left of the old ledger
    assert "legacy-someone-else" in chain_keys(tmp_path)
    total = sum(
        1
        for key in chain_keys(tmp_path)
        for e in EvidenceStore.of_case(tmp_path, key).entries()
        if e.kind == "file"
    )
    assert total == len(old)
    assert (
        not (tmp_path / "evidence" / "ledger.jsonl").exists()
        and not (tmp_path / "evidence" / "blobs").exists()
    )


@pytest.mark.django_db(transaction=True)
def test_an_old_ledger_that_does_not_verify_stops_the_migration_and_changes_nothing(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    write_shared_ledger(tmp_path)
    path = tmp_path / "evidence" / "ledger.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace("old entry 2", "forged"), encoding="utf-8")
    before = path.read_bytes()
    old_state()
    with pytest.raises(LegacyLedgerError, match="未通过核验"):
        migrate_to_latest()
    assert path.read_bytes() == before and (tmp_path / "evidence" / "blobs").is_dir()
    path.unlink()  # leave a database the other tests can use
    migrate_to_latest()
