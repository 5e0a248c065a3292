"""Evidence bundles: exported, then checked as another machine would, untouched and tampered."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from xieshang.core.collection import check_contacts
from xieshang.core.contacts import Channel, ContactEntry, Direction
from xieshang.core.errors import ValidationError
from xieshang.core.ledger import KIND_ALTERED_ENTRY, KIND_ALTERED_FILE, KIND_MISSING_ENTRY, KIND_MISSING_FILE
from xieshang.evidence.bundle import (
    INDEX_HEADERS,
    EvidenceNote,
    export_bundle,
    notes_from_contacts,
    verify_bundle,
)
from xieshang.evidence.store import EvidenceStore
from xieshang.reference import collection_rules

MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x11" * 40
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x22" * 30
TXT = "【某贷】您已逾期，我们将联系您的通讯录。\n".encode()


@pytest.fixture
def store(tmp_path: Path) -> EvidenceStore:
    store = EvidenceStore.in_data_dir(tmp_path)
    store.add(
        MP3,
        description="22:30 催收来电录音",
        name="rec.mp3",
        case_id="c1",
        recorded_at="2026-11-01T22:40:00+08:00",
    )
    store.add(
        PNG,
        description="另一案件的截图",
        name="other.png",
        case_id="c2",
        recorded_at="2026-11-02T09:00:00+08:00",
    )
    store.add(
        TXT,
        description="威胁爆通讯录的短信",
        name="sms.txt",
        case_id="c1",
        recorded_at="2026-11-03T09:00:00+08:00",
    )
    return store


def rewrite(zip_bytes: bytes, change: Callable[[dict[str, bytes]], None]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_untouched_bundle_verifies_with_the_stores_head(store: EvidenceStore) -> None:
    bundle = export_bundle(store, created_at="2026-11-05T10:00:00+08:00")
    report = verify_bundle(bundle)
    assert report.ok and report.checked == 3
    assert report.head_hash == store.verify().head_hash


def test_case_bundle_holds_its_files_and_only_stubs_of_other_cases(store: EvidenceStore) -> None:
    bundle = export_bundle(store, case_id="c1", created_at="2026-11-05T10:00:00+08:00")
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        names = archive.namelist()
        ledger_text = archive.read("ledger.jsonl").decode()
        manifest = json.loads(archive.read("manifest.json"))
    assert sorted(n for n in names if n.startswith("files/")) == sorted(
        [
            f"files/001-{manifest['entries'][0]['sha256'][:12]}.mp3",
            f"files/002-{manifest['entries'][1]['sha256'][:12]}.txt",
        ]
    )
    assert "另一案件" not in ledger_text and '"redacted": true' in ledger_text
    assert [e["seq"] for e in manifest["entries"]] == [1, 3]
    assert verify_bundle(bundle).ok


def test_index_is_numbered_with_the_court_columns(store: EvidenceStore) -> None:
    notes = {
        1: EvidenceNote(
            formed_at="2026-11-01 22:30",
            source="借款人手机通话录音",
            proves="22:30 催收来电，违反夜间禁止催收",
        )
    }
    bundle = export_bundle(store, case_id="c1", notes=notes, created_at="2026-11-05T10:00:00+08:00")
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("证据目录.csv").decode("utf-8-sig"))))
        markdown = archive.read("证据目录.md").decode()
        page = archive.read("证据目录.html").decode()
    assert tuple(rows[0]) == INDEX_HEADERS
    assert [r[0] for r in rows[1:]] == ["1", "2"]
    assert rows[1][2:5] == ["借款人手机通话录音", "2026-11-01 22:30", "22:30 催收来电，违反夜间禁止催收"]
    assert rows[2][1] == "威胁爆通讯录的短信" and rows[2][3] == "2026-11-03 09:00:00+08:00"
    assert rows[2][5].startswith("files/002-")
    assert "| 序号 | 证据名称 |" in markdown and "<th>证明内容</th>" in page


def test_one_changed_byte_of_a_file_in_the_bundle_is_named(store: EvidenceStore) -> None:
    bundle = export_bundle(store, case_id="c1")

    def flip(members: dict[str, bytes]) -> None:
        name = next(n for n in members if n.endswith(".txt"))
        data = bytearray(members[name])
        data[0] ^= 0x01
        members[name] = bytes(data)

    report = verify_bundle(rewrite(bundle, flip))
    assert report.first is not None and (report.first.seq, report.first.kind) == (3, KIND_ALTERED_FILE)


def test_a_removed_file_is_named(store: EvidenceStore) -> None:
    bundle = export_bundle(store, case_id="c1")

    def drop(members: dict[str, bytes]) -> None:
        del members[next(n for n in members if n.endswith(".mp3"))]

    report = verify_bundle(rewrite(bundle, drop))
    assert report.first is not None and (report.first.seq, report.first.kind) == (1, KIND_MISSING_FILE)


def test_one_changed_field_of_a_ledger_entry_in_the_bundle_is_named(store: EvidenceStore) -> None:
    bundle = export_bundle(store)

    def edit(members: dict[str, bytes]) -> None:
        lines = members["ledger.jsonl"].decode().splitlines()
        data = json.loads(lines[2])
        data["description"] = "普通短信"
        lines[2] = json.dumps(data, ensure_ascii=False)
        members["ledger.jsonl"] = "\n".join(lines).encode()

    report = verify_bundle(rewrite(bundle, edit))
    assert report.first is not None and (report.first.seq, report.first.kind) == (3, KIND_ALTERED_ENTRY)


@pytest.mark.parametrize(("dropped", "named"), [(0, 1), (1, 2), (2, 3)])
def test_a_dropped_ledger_entry_in_the_bundle_is_named(
    store: EvidenceStore, dropped: int, named: int
) -> None:
    bundle = export_bundle(store)

    def drop(members: dict[str, bytes]) -> None:
        lines = members["ledger.jsonl"].decode().splitlines()
        del lines[dropped]
        members["ledger.jsonl"] = "\n".join(lines).encode()

    report = verify_bundle(rewrite(bundle, drop))
    assert report.first is not None and (report.first.seq, report.first.kind) == (named, KIND_MISSING_ENTRY)


def test_not_a_bundle_is_bad_input() -> None:
    with pytest.raises(ValidationError):
        verify_bundle(b"not a zip at all")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ValidationError, match="manifest"):
        verify_bundle(out.getvalue())


def test_a_tampered_store_is_not_exported(store: EvidenceStore) -> None:
    entry = store.entries()[0]
    store.blob_path(entry.file_sha256).write_bytes(MP3[:-1] + b"\x00")  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="第 1 条"):
        export_bundle(store)


def test_no_matching_evidence_is_bad_input(store: EvidenceStore) -> None:
    with pytest.raises(ValidationError, match="没有符合条件"):
        export_bundle(store, case_id="nobody")


def test_a_night_call_with_a_recording_becomes_a_finding_and_a_verified_bundle(tmp_path: Path) -> None:
    """The journey without the browser: log a 22:30 incoming call with its audio file, see the quiet-hours
    finding resting on that file, export the case bundle with the contact in its index, verify it."""
    store = EvidenceStore.in_data_dir(tmp_path)
    entry = store.add(MP3, description="催收来电录音", name="rec.mp3", case_id="c1", contact_id="k1")
    call = ContactEntry(
        id="k1",
        debt_id="d1",
        creditor="某消费金融",
        when=datetime.fromisoformat("2026-11-01 22:30"),
        channel=Channel.PHONE,
        direction=Direction.INCOMING,
        counterpart_name="李先生",
        number="02155550000",
        summary="22:30 来电催收，称要上门",
        attachments=(entry.file_sha256,),
    )
    findings = check_contacts([call], collection_rules())
    night = next(f for f in findings if f.rule_id == "quiet-hours")
    assert night.evidence == (entry.file_sha256,) and night.contact_ids == ("k1",)
    bundle = export_bundle(store, case_id="c1", notes=notes_from_contacts(store.entries(), [call]))
    assert verify_bundle(bundle).ok
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("证据目录.csv").decode("utf-8-sig"))))
    assert rows[1][2] == "录音：某消费金融 电话（对方联系我方，李先生 02155550000）"
    assert rows[1][3:5] == ["2026-11-01 22:30", "22:30 来电催收，称要上门"]
