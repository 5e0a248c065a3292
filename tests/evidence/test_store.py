"""The evidence store on disk (evidence/store.py): one case's files by content hash, its ledger file, tamper
detection, repair of a half-written last line, private file modes, and the sweep of interrupted writes."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import threading
import time
from pathlib import Path

import pytest

from xieshang.core.errors import ValidationError
from xieshang.core.ledger import LedgerEntry
from xieshang.core.ledger_check import (
    KIND_ALTERED_ENTRY,
    KIND_ALTERED_FILE,
    KIND_MISSING_ENTRY,
    KIND_MISSING_FILE,
    KIND_UNREADABLE,
)
from xieshang.evidence.media import safe_name, sniff
from xieshang.evidence.store import TEMP_PREFIX, EvidenceStore, HalfWrittenLine, chain_keys, sweep_temporary

SAMPLES: dict[str, bytes] = {
    "audio/mpeg": b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 40,
    "audio/mp4": b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom" + b"\x00" * 20,
    "audio/amr": b"#!AMR\n" + b"\x3c" * 40,
    "audio/wav": b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 30,
    "audio/ogg": b"OggS\x00\x02" + b"\x00" * 40,
    "image/png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 30,
    "image/jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 30,
    "image/gif": b"GIF89a\x01\x00\x01\x00" + b"\x00" * 30,
    "image/webp": b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 30,
    "image/heic": b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 20,
    "application/pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "message/rfc822": (
        "From: 催收员 <c@example.com>\r\nTo: me@example.com\r\nSubject: =?utf-8?b?5YKs5pS2?=\r\n"
        "Date: Sun, 1 Nov 2026 22:30:00 +0800\r\n\r\n你好\r\n"
    ).encode(),
    "text/plain": "2026-11-01 22:30 【某平台】您已逾期，再不还款将爆通讯录。\n".encode(),
}


@pytest.fixture
def store(tmp_path: Path) -> EvidenceStore:
    return EvidenceStore.of_case(tmp_path, "case-test", max_bytes=1024)


def fill(store: EvidenceStore) -> list[LedgerEntry]:
    return [
        store.add(
            SAMPLES["audio/mpeg"],
            description="22:30 来电录音",
            name="rec.mp3",
            recorded_at="2026-11-01T22:40:00+08:00",
        ),
        store.add(
            SAMPLES["image/png"],
            description="短信截图",
            name="sms.png",
            recorded_at="2026-11-02T09:00:00+08:00",
        ),
        store.add(
            SAMPLES["text/plain"],
            description="短信原文",
            name="sms.txt",
            recorded_at="2026-11-02T09:01:00+08:00",
        ),
    ]


@pytest.mark.parametrize(("media_type", "data"), SAMPLES.items())
def test_types_are_judged_by_content(media_type: str, data: bytes) -> None:
    assert sniff(data) == media_type


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 20,
        b"PK\x03\x04" + b"\x00" * 20,
        b"\x00\x01\x02\x03",
        b"\x7fELF\x02",
    ],
)
def test_executables_archives_and_binary_junk_are_refused(store: EvidenceStore, data: bytes) -> None:
    with pytest.raises(ValidationError) as info:
        store.add(data, description="x", name="录音.mp3")  # the name says mp3: the content decides
    assert "不支持的文件类型" in str(info.value)
    assert not store.ledger_path.exists()


def test_a_text_file_named_png_is_stored_as_text(store: EvidenceStore) -> None:
    entry = store.add(SAMPLES["text/plain"], description="x", name="screenshot.png")
    assert entry.media_type == "text/plain"


def test_files_are_stored_under_their_hash_and_each_add_is_one_ledger_line(store: EvidenceStore) -> None:
    entries = fill(store)
    data = SAMPLES["audio/mpeg"]
    sha = hashlib.sha256(data).hexdigest()
    assert entries[0].file_sha256 == sha
    assert store.blob_path(sha) == store.root / "blobs" / sha[:2] / sha
    assert store.read(sha) == data
    again = store.add(data, description="同一录音再次登记", recorded_at="2026-11-03T10:00:00+08:00")
    assert again.seq == 4 and again.file_sha256 == sha
    assert len(store.ledger_path.read_text(encoding="utf-8").splitlines()) == 4
    assert len(list((store.root / "blobs").rglob("*"))) == 3 + 3  # 3 dirs + 3 distinct files


def test_size_limit_is_checked(store: EvidenceStore) -> None:
    big = b"a" * 1025
    with pytest.raises(ValidationError, match="文件过大"):
        store.add(big, description="x")
    with pytest.raises(ValidationError, match="文件为空"):
        store.add(b"", description="x")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system32\\cmd.exe", "cmd.exe"),
        ("rec\x00ord.mp3", "rec_ord.mp3"),
        ("a<b>c:d|e?.txt", "a_b_c_d_e_.txt"),
        ("...", "未命名"),
        ("/", "未命名"),
        (".bashrc", "bashrc"),
        ("长" * 300 + ".m4a", "长" * 116 + ".m4a"),
    ],
)
def test_hostile_names_become_harmless_labels(name: str, expected: str) -> None:
    assert safe_name(name) == expected


def test_hostile_name_never_becomes_a_path(store: EvidenceStore) -> None:
    entry = store.add(SAMPLES["text/plain"], description="x", name="../../../../tmp/evil.txt")
    assert entry.name == "evil.txt"
    assert [p.name for p in store.root.rglob("*") if p.is_file() and p.parent.parent.name == "blobs"] == [
        entry.file_sha256
    ]


def test_untouched_store_verifies(store: EvidenceStore) -> None:
    entries = fill(store)
    report = store.verify()
    assert report.ok and report.checked == 3 and report.head_hash == entries[-1].entry_hash


def test_one_changed_byte_in_a_stored_file_is_named(store: EvidenceStore) -> None:
    entries = fill(store)
    blob = store.blob_path(entries[1].file_sha256)
    data = bytearray(blob.read_bytes())
    data[-1] ^= 0x01
    blob.write_bytes(bytes(data))
    report = store.verify()
    assert report.first is not None and (report.first.seq, report.first.kind) == (2, KIND_ALTERED_FILE)


def test_a_deleted_file_is_named(store: EvidenceStore) -> None:
    entries = fill(store)
    store.blob_path(entries[2].file_sha256).unlink()
    report = store.verify()
    assert report.first is not None and (report.first.seq, report.first.kind) == (3, KIND_MISSING_FILE)


def test_one_changed_field_in_the_ledger_file_is_named(store: EvidenceStore) -> None:
    fill(store)
    lines = store.ledger_path.read_text(encoding="utf-8").splitlines()
    data = json.loads(lines[0])
    data["recorded_at"] = "2026-11-01T21:40:00+08:00"  # moved back an hour
    lines[0] = json.dumps(data, ensure_ascii=False)
    store.ledger_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = store.verify()
    assert report.first is not None and (report.first.seq, report.first.kind) == (1, KIND_ALTERED_ENTRY)


def test_a_dropped_ledger_line_is_named(store: EvidenceStore) -> None:
    fill(store)
    lines = store.ledger_path.read_text(encoding="utf-8").splitlines()
    store.ledger_path.write_text("\n".join([lines[0], lines[2]]) + "\n", encoding="utf-8")
    report = store.verify()
    assert report.first is not None and (report.first.seq, report.first.kind) == (2, KIND_MISSING_ENTRY)


def test_a_garbled_ledger_line_is_reported_not_raised(store: EvidenceStore) -> None:
    fill(store)
    with store.ledger_path.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    report = store.verify()
    assert report.first is not None and report.first.kind == KIND_UNREADABLE
    assert "ledger.jsonl:4" in report.first.message


def test_concurrent_adds_keep_one_unbroken_chain(tmp_path: Path) -> None:
    def worker(n: int) -> None:
        mine = EvidenceStore.of_case(tmp_path, "case-test")
        for i in range(5):
            mine.add(f"worker {n} note {i}\n".encode(), description=f"{n}-{i}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store = EvidenceStore.of_case(tmp_path, "case-test")
    report = store.verify()
    assert report.ok and report.checked == 20
    assert [e.seq for e in store.entries()] == list(range(1, 21))


def test_each_case_has_its_own_chain_and_files(tmp_path: Path) -> None:
    one, two = EvidenceStore.of_case(tmp_path, "case-one"), EvidenceStore.of_case(tmp_path, "case-two")
    one.add(SAMPLES["text/plain"], description="一")
    entry = two.add(SAMPLES["image/png"], description="二")
    assert entry.seq == 1 and entry.case_id == "case-two"
    assert chain_keys(tmp_path) == ["case-one", "case-two"]
    one.destroy()
    assert chain_keys(tmp_path) == ["case-two"] and two.verify().ok
    with pytest.raises(ValidationError):
        EvidenceStore.of_case(tmp_path, "../elsewhere")


def test_a_half_written_last_line_is_named_and_repair_cuts_only_it(store: EvidenceStore) -> None:
    fill(store)
    whole = store.ledger_path.read_bytes()
    with store.ledger_path.open("ab") as handle:
        handle.write(b'{"seq": 4, "prev_hash": "ab')  # the process died in the middle of the line
    with pytest.raises(HalfWrittenLine) as info:
        store.entries()
    assert info.value.number == 4 and info.value.text.startswith('{"seq": 4')
    assert store.repair() == '{"seq": 4, "prev_hash": "ab'
    assert store.ledger_path.read_bytes() == whole and store.verify().ok
    assert store.repair() is None  # nothing else to cut


def test_repair_leaves_a_ledger_with_any_other_problem_alone(store: EvidenceStore) -> None:
    fill(store)
    with store.ledger_path.open("a", encoding="utf-8") as handle:
        handle.write("{garbled but finished}\n")
    before = store.ledger_path.read_bytes()
    with pytest.raises(ValidationError):
        store.repair()
    assert store.ledger_path.read_bytes() == before


def test_a_complete_last_line_without_its_newline_gets_one_before_the_next(store: EvidenceStore) -> None:
    fill(store)
    store.ledger_path.write_bytes(store.ledger_path.read_bytes().rstrip(b"\n"))
    store.add(SAMPLES["audio/amr"], description="又一条")
    assert store.verify().ok and len(store.entries()) == 4


def test_files_and_directories_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # even with a permissive umask
    try:
        store = EvidenceStore.of_case(tmp_path, "case-test")
        entry = store.add(SAMPLES["text/plain"], description="x")
    finally:
        os.umask(old)
    for path in (store.root, store.blobs, store.blob_path(entry.file_sha256).parent):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    for path in (store.ledger_path, store.lock_path, store.blob_path(entry.file_sha256)):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_the_sweep_removes_old_temporary_files_only(tmp_path: Path) -> None:
    store = EvidenceStore.of_case(tmp_path, "case-test")
    entry = store.add(SAMPLES["text/plain"], description="x")
    folder = store.blob_path(entry.file_sha256).parent
    stale, fresh = folder / f"{TEMP_PREFIX}stale", folder / f"{TEMP_PREFIX}fresh"
    stale.write_bytes(b"half a recording")
    fresh.write_bytes(b"being written right now")
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    assert sweep_temporary(tmp_path) == 1
    assert not stale.exists() and fresh.exists() and store.verify().ok


def test_a_page_that_merely_mentions_pdf_is_not_a_pdf() -> None:
    html = b"<html><body><script>alert(1)</script>%PDF-1.7 fake</body></html>"
    assert sniff(html) != "application/pdf"
    assert sniff(b"\xef\xbb\xbf%PDF-1.4\n") == "application/pdf"  # a byte-order mark before it is tolerated
