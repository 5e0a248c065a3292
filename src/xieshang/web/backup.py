"""``xieshang backup``: the whole data directory as one archive, taken while the app runs.

Contents (see :mod:`xieshang.archives.manifest` for the manifest every archive carries)::

    database/xieshang.sqlite3 | database/dump.sql   the database as of one moment (:mod:`.dbsnapshot`)
    evidence/<chain>/ledger.jsonl                    each case's ledger, the entries its anchor covers
    evidence/<chain>/blobs/<sha256>                  each file those entries keep in force
    secret_key                                       the key sessions are signed with (when kept in the data dir)

The manifest adds ``database`` (vendor, member, migrations applied) and ``evidence`` (each chain's anchor as
committed in the snapshot). The files are chosen *by the snapshot*: a ledger is copied up to the entry count its
case's anchor had at that moment (entries are only appended, so those bytes are stable while the app writes on),
and only the files those entries keep. A file deleted between the snapshot and its copy (a withdrawal committed
meanwhile) makes the attempt start again; after three attempts the backup says what it could not copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xieshang.archives.manifest import FORMAT_BACKUP, ArchiveWriter
from xieshang.evidence.archive import add_chain
from xieshang.evidence.store import EvidenceStore

from .dbsnapshot import snapshot_into

ATTEMPTS = 3
SECRET_MEMBER = "secret_key"


@dataclass(frozen=True)
class BackupReport:
    path: Path
    manifest: dict[str, Any]
    attempts: int

    @property
    def size(self) -> int:
        return sum(int(m["size"]) for m in self.manifest["members"])

    @property
    def warnings(self) -> list[str]:
        return list(self.manifest.get("warnings", []))


def evidence_member(chain: str, name: str) -> str:
    return f"evidence/{chain}/{name}"


def take_backup(
    target: Path,
    settings_dict: dict[str, Any],
    store_of: Callable[[str], EvidenceStore],
    secret_key: Path | None,
    scratch: Path,
    progress: Callable[[str], None] = lambda _step: None,
) -> BackupReport:
    """Write the backup to ``target`` (a temporary name until complete); see the module docstring."""
    for attempt in range(1, ATTEMPTS + 1):
        progress("数据库快照 database snapshot")
        with ArchiveWriter(target, FORMAT_BACKUP) as writer:
            snapshot = snapshot_into(writer, settings_dict, scratch)
            progress(f"证据文件 evidence files（{len(snapshot.anchors)} 个案件 cases）")
            warnings: list[str] = []
            went_missing = False
            for anchor in snapshot.anchors:
                missing, found = add_chain(
                    writer,
                    store_of(anchor.chain),
                    anchor.entries,
                    anchor.head,
                    evidence_member(anchor.chain, ""),
                )
                warnings += found
                went_missing = went_missing or missing
            if went_missing and attempt < ATTEMPTS:
                writer.abort()
                progress("有文件在复制时被删除，重来 a file went away while copying: again")
                continue
            if secret_key is not None and secret_key.is_file():
                writer.add_bytes(SECRET_MEMBER, secret_key.read_bytes())
            manifest = writer.finish(
                {
                    "database": {
                        "vendor": snapshot.vendor,
                        "member": snapshot.member,
                        "migrations": snapshot.migrations,
                    },
                    "evidence": [
                        {"chain": a.chain, "entries": a.entries, "head": a.head} for a in snapshot.anchors
                    ],
                    "warnings": warnings,
                }
            )
            progress("完成 done")
            return BackupReport(target, manifest, attempt)
    raise AssertionError("unreachable")  # pragma: no cover
