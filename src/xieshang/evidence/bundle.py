"""Evidence bundles: one zip of a case's evidence a court, regulator or lawyer can check on their own machine.

Contents (version 2)::

    files/001-<sha12>.<ext>    the evidence files in force, named by number and hash (never the user's name)
    ledger.jsonl               the case's whole ledger, every entry in full (redactions and all)
    manifest.json              format, version, created_at, the ledger's entry count and head hash (an anchor),
                               the SHA-256 of each index file, and per file: number, seq, sha256, path
    证据目录.csv / .md / .html   the numbered evidence index (:mod:`.index`)

:func:`verify_bundle` checks the chain, every file against its entry, the manifest against the ledger (its
anchor, its file list, the index files' hashes) and, given one, an anchor printed on a letter. Version 1
bundles (from before one ledger per case) hid other cases' entries as stubs; they still verify, but only the
entries they list can be vouched for.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from xieshang.core import ledger
from xieshang.core.errors import ValidationError
from xieshang.core.ledger import Entry, LedgerEntry
from xieshang.core.ledger_check import (
    KIND_ALTERED_FILE,
    KIND_ANCHOR,
    KIND_UNREADABLE,
    Anchor,
    Problem,
    VerifyReport,
    check_head,
    check_pinned,
    verify_chain,
)

from .index import EvidenceNote, index_csv, index_html, index_markdown, index_rows
from .media import EXTENSIONS
from .store import EvidenceStore, now_iso

FORMAT = "xieshang-evidence-bundle"
VERSION = 2
INDEX_CSV, INDEX_MD, INDEX_HTML = "证据目录.csv", "证据目录.md", "证据目录.html"
MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MANIFEST = "清单 manifest.json"


def _member_path(number: int, entry: LedgerEntry) -> str:
    return f"files/{number:03d}-{entry.file_sha256[:12]}.{EXTENSIONS.get(entry.media_type, 'bin')}"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def export_bundle(
    store: EvidenceStore,
    *,
    anchor: Anchor | None = None,
    notes: Mapping[int, EvidenceNote] | None = None,
    created_at: str | None = None,
    title: str = "证据目录",
) -> bytes:
    """The zip of the case's whole ledger and its files in force; refused unless the ledger verifies (against
    ``anchor``, the database's, when given)."""
    report = store.verify(anchor)
    if not report.ok:
        raise ValidationError(f"证据库未通过核验，不能导出：{report.summary()}", "evidence")
    entries = store.entries()
    live = ledger.live_files(entries)
    if not live:
        raise ValidationError("没有可导出的证据文件 / There is no evidence file to export", "evidence")
    paths: dict[str, str] = {}
    selected = [(e, paths.setdefault(e.file_sha256, _member_path(len(paths) + 1, e))) for e in live]
    rows = index_rows(selected, notes or {})
    index = {
        INDEX_CSV: index_csv(rows),
        INDEX_MD: index_markdown(rows, title, report.head_hash, len(entries)),
        INDEX_HTML: index_html(rows, title, report.head_hash, len(entries)),
    }
    created = created_at or now_iso()
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": created,
        "ledger": store.key,
        "ledger_entries": len(entries),
        "ledger_head": report.head_hash,
        "index": {name: _sha(data) for name, data in index.items()},
        "entries": [
            {
                "number": n,
                "seq": e.seq,
                "sha256": e.file_sha256,
                "size": e.size,
                "media_type": e.media_type,
                "path": p,
            }
            for n, (e, p) in enumerate(selected, start=1)
        ],
    }
    stamp = datetime.fromisoformat(created).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def put(name: str, data: bytes, method: int = zipfile.ZIP_DEFLATED) -> None:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data, method)

        put("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
        lines = (json.dumps(ledger.entry_to_dict(e), ensure_ascii=False, sort_keys=True) for e in entries)
        put("ledger.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))
        for name, data in index.items():
            put(name, data)
        for entry, path in selected:
            if path not in archive.namelist():
                put(path, store.read(entry.file_sha256), zipfile.ZIP_STORED)  # media is compressed already
    return buffer.getvalue()


def _read_members(zip_bytes: bytes) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    except zipfile.BadZipFile:
        raise ValidationError("不是 zip 文件 (not a zip file)", "bundle") from None
    with archive:
        infos = archive.infolist()
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES or any(
            i.file_size > MAX_MEMBER_BYTES for i in infos
        ):
            raise ValidationError("压缩包内文件过大 (bundle too large)", "bundle")
        members: dict[str, bytes] = {}
        for info in infos:
            if info.is_dir():
                continue
            try:
                members[info.filename] = archive.read(info)
            except (zipfile.BadZipFile, OSError, EOFError):  # a member's CRC or data no longer matches
                members[info.filename] = b""  # hashed as altered below; the zip itself is still readable
    return members


def _manifest(members: Mapping[str, bytes]) -> dict[str, Any] | None:
    if "manifest.json" not in members or "ledger.jsonl" not in members:
        raise ValidationError(
            "不是协商证据包：缺少 manifest.json 或 ledger.jsonl (not an evidence bundle)", "bundle"
        )
    try:
        manifest = json.loads(members["manifest.json"])
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValidationError("不是协商证据包 (manifest format)", "bundle")
    return manifest


def verify_bundle(
    zip_bytes: bytes, pinned: str | None = None, pinned_count: int | None = None
) -> VerifyReport:
    """Check a bundle on any machine (see the module docstring); ``pinned`` is a head hash printed on a letter.

    Raises ``ValidationError`` when ``zip_bytes`` is not a Xieshang evidence bundle at all (bad input);
    returns a report naming the first bad entry, or the anchor that disagrees, when it has been changed.
    """
    members = _read_members(zip_bytes)
    manifest = _manifest(members)
    if manifest is None:
        return VerifyReport(0, (Problem(0, KIND_UNREADABLE, "manifest.json 无法读取"),))
    entries: list[Entry] = []
    try:
        for number, line in enumerate(members["ledger.jsonl"].decode("utf-8").splitlines(), start=1):
            if line.strip():
                entries.append(ledger.entry_from_dict(json.loads(line), f"ledger.jsonl:{number}"))
    except (ValidationError, json.JSONDecodeError, UnicodeDecodeError) as error:
        return VerifyReport(0, (Problem(0, KIND_UNREADABLE, f"账本无法读取：{error}"),))
    listed = [i for i in manifest.get("entries") or [] if isinstance(i, dict)]
    by_seq = {item.get("seq"): item for item in listed}
    version = manifest.get("version")
    stubs = {e.seq for e in entries if e.seq not in by_seq} if version == 1 else set()
    contents = {_sha(data) for name, data in members.items() if name.startswith("files/")}
    found: dict[str, str | None] = {}
    for entry in ledger.live_files(entries):
        if entry.file_sha256 in contents:  # wherever it lies in the zip; the manifest's list is checked below
            found[entry.file_sha256] = entry.file_sha256
            continue
        path = by_seq.get(entry.seq, {}).get("path")
        data = members.get(path) if isinstance(path, str) else None
        if data is not None:
            found.setdefault(entry.file_sha256, _sha(data))
    report = verify_chain(entries, found, stubs_allowed=stubs)
    problems = (
        _manifest_problems(manifest, entries, by_seq, members) if version != 1 else _v1_head(manifest, report)
    )
    if pinned:
        problems += check_pinned(entries, pinned, pinned_count, source="文书上的锚点")
    return report.with_problems(problems)


def _manifest_problems(
    manifest: Mapping[str, Any],
    entries: list[Entry],
    by_seq: Mapping[Any, Mapping[str, Any]],
    members: Mapping[str, bytes],
) -> list[Problem]:
    """The manifest is the bundle's anchor: the ledger's count and head, its file list, the index's hashes."""
    count, head = manifest.get("ledger_entries"), manifest.get("ledger_head")
    problems = check_head(
        entries,
        Anchor(count if isinstance(count, int) else -1, head if isinstance(head, str) else "", MANIFEST),
    )
    live = {e.seq: e for e in ledger.live_files(entries)}
    for seq, item in by_seq.items():
        entry = live.get(seq)  # type: ignore[arg-type]
        if entry is None or item.get("sha256") != entry.file_sha256:
            problems.append(
                Problem(seq if isinstance(seq, int) else 0, KIND_ANCHOR, "清单列出的文件与账本的记录不符")
            )
    for seq in sorted(set(live) - set(by_seq)):
        problems.append(Problem(seq, KIND_ANCHOR, "账本里有这份证据，清单却没有列出它"))
    index = manifest.get("index")
    problems.sort(key=lambda p: p.seq)  # the first entry concerned first
    for name in (INDEX_CSV, INDEX_MD, INDEX_HTML):
        expected = index.get(name) if isinstance(index, dict) else None
        if name not in members:
            problems.append(Problem(0, KIND_ALTERED_FILE, f"{name} 不见了"))
        elif expected != _sha(members[name]):
            problems.append(Problem(0, KIND_ALTERED_FILE, f"{name} 与清单记录的哈希不符（证据目录被改动过）"))
    return problems


def _v1_head(manifest: Mapping[str, Any], report: VerifyReport) -> list[Problem]:
    if manifest.get("ledger_head") == report.head_hash:
        return []
    return [Problem(report.checked + 1, KIND_ANCHOR, "缺失：账本末尾的记录被删除（链尾与清单不符）")]
