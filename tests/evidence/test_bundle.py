"""Evidence bundles (evidence/bundle.py): exported, then checked as another machine would, untouched and
tampered: every drill is named by its first bad entry or by the anchor that disagrees."""

from __future__ import annotations

import csv
import hashlib
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
from xieshang.core.ledger import live_files
from xieshang.core.ledger_check import (
    KIND_ALTERED_ENTRY,
    KIND_ALTERED_FILE,
    KIND_ANCHOR,
    KIND_MISSING_ENTRY,
    KIND_MISSING_FILE,
    KIND_STUB,
    Anchor,
)
from xieshang.evidence.bundle import export_bundle, verify_bundle
from xieshang.evidence.index import INDEX_HEADERS, EvidenceNote, notes_from_contacts
from xieshang.evidence.store import EvidenceStore
from xieshang.reference import collection_rules

from .forgery import DRILLS, FORGED, dump, parse

MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x11" * 40
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x22" * 30
TXT = "【某贷】您已逾期，我们将联系您的通讯录。\n".encode()


@pytest.fixture
def store(tmp_path: Path) -> EvidenceStore:
    store = EvidenceStore.of_case(tmp_path, "case-c1")
    store.add(MP3, description="22:30 催收来电录音", name="rec.mp3", recorded_at="2026-11-01T22:40:00+08:00")
    store.add(PNG, description="催收短信截图", name="sms.png", recorded_at="2026-11-02T09:00:00+08:00")
    store.add(TXT, description="威胁爆通讯录的短信", name="sms.txt", recorded_at="2026-11-03T09:00:00+08:00")
    return store


def anchor(store: EvidenceStore) -> Anchor:
    entries = store.entries()
    return Anchor(len(entries), entries[-1].entry_hash, "数据库")


def rewrite(zip_bytes: bytes, change: Callable[[dict[str, bytes]], None]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_untouched_bundle_verifies_and_its_manifest_pins_the_ledger(store: EvidenceStore) -> None:
    bundle = export_bundle(store, anchor=anchor(store), created_at="2026-11-05T10:00:00+08:00")
    report = verify_bundle(bundle)
    assert report.ok and report.checked == 3
    assert report.head_hash == store.verify().head_hash
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        index_csv = archive.read("证据目录.csv")
    assert (manifest["ledger_entries"], manifest["ledger_head"]) == (3, report.head_hash)
    assert manifest["index"]["证据目录.csv"] == hashlib.sha256(index_csv).hexdigest()


def test_the_bundle_holds_the_whole_chain_in_full_and_only_files_in_force(store: EvidenceStore) -> None:
    store.redact(2, reason="传错了文件")
    store.delete_blob(hashlib.sha256(PNG).hexdigest())
    bundle = export_bundle(store, created_at="2026-11-05T10:00:00+08:00")
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        names = archive.namelist()
        entries = parse(archive.read("ledger.jsonl"))
        manifest = json.loads(archive.read("manifest.json"))
    assert [e.seq for e in entries] == [1, 2, 3, 4] and '"redacted": true' not in dump(entries).decode()
    assert [e["seq"] for e in manifest["entries"]] == [1, 3]
    assert sorted(n for n in names if n.startswith("files/")) == [
        f"files/001-{hashlib.sha256(MP3).hexdigest()[:12]}.mp3",
        f"files/002-{hashlib.sha256(TXT).hexdigest()[:12]}.txt",
    ]
    assert verify_bundle(bundle).ok


def test_index_is_numbered_with_the_court_columns(store: EvidenceStore) -> None:
    notes = {
        1: EvidenceNote(
            formed_at="2026-11-01 22:30",
            source="借款人手机通话录音",
            proves="22:30 催收来电，违反夜间禁止催收",
        )
    }
    bundle = export_bundle(store, notes=notes, created_at="2026-11-05T10:00:00+08:00")
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("证据目录.csv").decode("utf-8-sig"))))
        markdown = archive.read("证据目录.md").decode()
        page = archive.read("证据目录.html").decode()
    assert tuple(rows[0]) == INDEX_HEADERS
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]
    assert rows[1][2:5] == ["借款人手机通话录音", "2026-11-01 22:30", "22:30 催收来电，违反夜间禁止催收"]
    assert rows[3][1] == "威胁爆通讯录的短信" and rows[3][3] == "2026-11-03 09:00:00+08:00"
    assert rows[3][5].startswith("files/003-")
    assert "| 序号 | 证据名称 |" in markdown and "<th>证明内容</th>" in page
    assert "证据账本 (evidence ledger)：3 条记录" in markdown


def test_one_changed_byte_of_a_file_in_the_bundle_is_named(store: EvidenceStore) -> None:
    bundle = export_bundle(store)

    def flip(members: dict[str, bytes]) -> None:
        name = next(n for n in members if n.endswith(".txt"))
        data = bytearray(members[name])
        data[0] ^= 0x01
        members[name] = bytes(data)

    report = verify_bundle(rewrite(bundle, flip))
    assert report.first is not None and (report.first.seq, report.first.kind) == (3, KIND_ALTERED_FILE)


def test_a_removed_file_is_named(store: EvidenceStore) -> None:
    bundle = export_bundle(store)

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


def test_a_dropped_middle_entry_in_the_bundle_is_named(store: EvidenceStore) -> None:
    bundle = export_bundle(store)

    def drop(members: dict[str, bytes]) -> None:
        lines = members["ledger.jsonl"].decode().splitlines()
        del lines[1]
        members["ledger.jsonl"] = "\n".join(lines).encode()

    report = verify_bundle(rewrite(bundle, drop))
    assert report.first is not None and (report.first.seq, report.first.kind) == (2, KIND_MISSING_ENTRY)


# The drills: each forged ledger replaces the bundle's; a forged file goes in beside the others under the
# path the manifest gives entry 2. The chain itself checks out for all but the stub trick: the manifest (the
# bundle's anchor) or the stub rule names the change.
EXPECTED = {
    "stub": (2, KIND_STUB),
    "drop_last": (3, KIND_ANCHOR),
    "backdate": (3, KIND_ANCHOR),
    "swap_file": (2, KIND_ANCHOR),
    "renumber": (2, KIND_ANCHOR),
}


@pytest.mark.parametrize("drill", sorted(DRILLS))
def test_tamper_drills_on_a_bundle_are_named(store: EvidenceStore, drill: str) -> None:
    bundle = export_bundle(store, anchor=anchor(store))

    def forge(members: dict[str, bytes]) -> None:
        members["ledger.jsonl"] = dump(DRILLS[drill](parse(members["ledger.jsonl"])))
        if drill == "stub":
            del members[next(n for n in members if n.endswith(".png"))]
        if drill == "swap_file":
            members[next(n for n in members if n.endswith(".png"))] = FORGED

    report = verify_bundle(rewrite(bundle, forge))
    assert not report.ok
    assert report.first is not None and (report.first.seq, report.first.kind) == EXPECTED[drill], (
        report.problems
    )


def test_a_forger_who_rewrites_the_manifest_too_is_caught_by_a_letters_anchor(store: EvidenceStore) -> None:
    """Backdate entry 2, recompute the chain and rewrite the manifest to match: the bundle agrees with itself,
    but the head a letter printed when the ledger had 3 entries is no longer in it."""
    printed = store.verify().head_hash
    bundle = export_bundle(store)

    def forge(members: dict[str, bytes]) -> None:
        forged = DRILLS["backdate"](parse(members["ledger.jsonl"]))
        members["ledger.jsonl"] = dump(forged)
        manifest = json.loads(members["manifest.json"])
        manifest["ledger_head"] = forged[-1].entry_hash
        members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()

    forged = rewrite(bundle, forge)
    assert verify_bundle(forged).ok  # consistent in itself …
    report = verify_bundle(forged, pinned=printed, pinned_count=3)
    assert (
        report.first is not None and report.first.kind == KIND_ANCHOR and printed[:16] in report.first.message
    )
    assert verify_bundle(bundle, pinned=printed[:20]).ok  # … and the real one holds the letter's anchor


@pytest.mark.parametrize("name", ["证据目录.csv", "证据目录.md", "证据目录.html"])
def test_an_edited_index_is_named(store: EvidenceStore, name: str) -> None:
    bundle = export_bundle(store)

    def edit(members: dict[str, bytes]) -> None:
        members[name] = members[name].replace("威胁爆通讯录".encode(), "普通提醒".encode())

    report = verify_bundle(rewrite(bundle, edit))
    assert (
        report.first is not None and report.first.kind == KIND_ALTERED_FILE and name in report.first.message
    )


def test_a_version_1_bundle_with_other_cases_as_stubs_still_verifies(store: EvidenceStore) -> None:
    """Before one ledger per case, a bundle withheld other cases' entries as stubs and listed its own."""
    bundle = export_bundle(store)

    def as_v1(members: dict[str, bytes]) -> None:
        entries = parse(members["ledger.jsonl"])
        members["ledger.jsonl"] = dump([*DRILLS["stub"](entries)])
        manifest = json.loads(members["manifest.json"])
        manifest = {
            "format": manifest["format"],
            "version": 1,
            "ledger_head": entries[-1].entry_hash,
            "entries": [e for e in manifest["entries"] if e["seq"] != 2],
        }
        members["manifest.json"] = json.dumps(manifest).encode()
        del members[next(n for n in members if n.endswith(".png"))]

    assert verify_bundle(rewrite(bundle, as_v1)).ok


def test_not_a_bundle_is_bad_input() -> None:
    with pytest.raises(ValidationError):
        verify_bundle(b"not a zip at all")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ValidationError, match="manifest"):
        verify_bundle(out.getvalue())


def test_a_tampered_store_is_not_exported(store: EvidenceStore) -> None:
    with pytest.raises(ValidationError, match="第 3 条"):  # one that disagrees with its anchor
        export_bundle(store, anchor=Anchor(2, store.entries()[1].entry_hash, "数据库"))
    entry = live_files(store.entries())[0]
    store.blob_path(entry.file_sha256).write_bytes(MP3[:-1] + b"\x00")
    with pytest.raises(ValidationError, match="第 1 条"):
        export_bundle(store)


def test_no_evidence_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="没有可导出"):
        export_bundle(EvidenceStore.of_case(tmp_path, "case-empty"))


def test_a_night_call_with_a_recording_becomes_a_finding_and_a_verified_bundle(tmp_path: Path) -> None:
    """The journey without the browser: log a 22:30 incoming call with its audio file, see the quiet-hours
    finding resting on that file, export the case bundle with the contact in its index, verify it."""
    store = EvidenceStore.of_case(tmp_path, "case-c1")
    entry = store.add(MP3, description="催收来电录音", name="rec.mp3", contact_id="k1")
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
    bundle = export_bundle(store, notes=notes_from_contacts(live_files(store.entries()), [call]))
    assert verify_bundle(bundle).ok
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("证据目录.csv").decode("utf-8-sig"))))
    assert rows[1][2] == "录音：某消费金融 电话（对方联系我方，李先生 02155550000）"
    assert rows[1][3:5] == ["2026-11-01 22:30", "22:30 来电催收，称要上门"]
