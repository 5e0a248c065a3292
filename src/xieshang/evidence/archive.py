"""A case's evidence chain into an archive (a backup, a complete export) and back out of one.

Into: the ledger up to the entry count of the case's anchor as committed (entries are only appended, so these
bytes do not change while the app writes on) and each file those entries keep in force. Out of: the ledger and
files extracted into a directory with a temporary name, checked against the anchor the archive carries; the
caller renames the directory into place once the database rows that refer to it are committed.
"""

from __future__ import annotations

from pathlib import Path

from xieshang.archives.manifest import ArchiveError, ArchiveReader, ArchiveWriter
from xieshang.core import ledger
from xieshang.core.errors import ValidationError
from xieshang.core.ledger_check import Anchor

from .store import EvidenceStore, committed_prefix, parse_ledger


def add_chain(
    writer: ArchiveWriter, store: EvidenceStore, entries: int, head: str, prefix: str
) -> tuple[bool, list[str]]:
    """Copy the part of ``store``'s ledger an anchor of ``entries`` / ``head`` covers and the files it keeps in
    force, under ``prefix``; (whether a file went missing while copying, warnings)."""
    warnings: list[str] = []
    raw = committed_prefix(store.ledger_bytes(), entries)
    try:
        found = parse_ledger(raw)
    except ValidationError as error:
        found = []
        warnings.append(
            f"{store.key}: 账本无法读取，按原样备份 / ledger unreadable, copied as found: {error}"
        )
    last = found[-1].entry_hash if found else ledger.GENESIS
    if found and (len(found) != entries or last != head):
        warnings.append(f"{store.key}: 账本与数据库锚点不符，按原样备份 / ledger disagrees with its anchor")
    if raw:
        writer.add_bytes(f"{prefix}ledger.jsonl", raw)
    for sha256 in sorted({e.file_sha256 for e in ledger.live_files(found)}):
        try:
            data = store.read(sha256)
        except FileNotFoundError:
            return True, [*warnings, f"{store.key}: 文件 {sha256[:12]}… 不见了 / file missing"]
        writer.add_bytes(f"{prefix}blobs/{sha256}", data, compress=False)
    return False, warnings


def extract_chain(
    reader: ArchiveReader, prefix: str, target: Path, key: str, anchor: Anchor | None
) -> EvidenceStore:
    """Extract the chain under ``prefix`` into ``target`` and check it against ``anchor`` (None: backed up as
    found, not checked); the store there. :class:`ArchiveError` (naming the chain) if it does not verify."""
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    for path in reader.paths(prefix):
        rest = path[len(prefix) :]
        parts = rest.split("/")
        if rest == "ledger.jsonl":
            reader.extract(path, target / "ledger.jsonl")
        elif len(parts) == 2 and parts[0] == "blobs" and len(parts[1]) == 64:
            reader.extract(path, target / "blobs" / parts[1][:2] / parts[1])
        else:
            raise ArchiveError("不是证据账本的文件 / not a file of an evidence chain", path)
    store = EvidenceStore(target, key=key)
    if anchor is None:
        return store
    report = store.verify(anchor)
    if not report.ok:
        raise ArchiveError(f"证据与锚点不符：{report.summary()} / evidence disagrees with its anchor", prefix)
    return store
