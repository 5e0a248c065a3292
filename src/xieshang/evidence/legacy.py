"""Moving the old shared ledger (one chain for every case, ``<data-dir>/evidence/ledger.jsonl``) to one chain
per case, without losing an entry.

The old ledger must verify first (chain and files); if it does not, nothing is changed and the message says
what to do. Each entry is copied, in order, into the chain of the case that recorded it, keeping its time,
description and links, and naming in ``origin`` where it came from (``shared#12:<its hash there>``); a
*migration* entry then closes each chain with the old ledger's entry count and head hash, so the new chain
records where it came from. Entries of no known case go to a chain of their own (``legacy-<id>``). Once the
database has the new anchors, :func:`retire_shared_ledger` deletes the old ledger and its files: it held every
case's entries, so keeping it would keep a deleted case's evidence.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from xieshang.core import ledger
from xieshang.core.errors import XieshangError
from xieshang.core.ledger import Entry, LedgerEntry

from .store import EvidenceStore, evidence_root, now_iso, private_dir


class LegacyLedgerError(XieshangError):
    """The old shared ledger does not verify: nothing was moved."""


@dataclass(frozen=True)
class Moved:
    """One new chain: its key, its entry count and head, and the old seq → new seq of its entries."""

    key: str
    entries: int
    head: str
    seqs: dict[int, int] = field(default_factory=dict)


def shared_store(data_dir: Path) -> EvidenceStore:
    """The old layout (``evidence/ledger.jsonl`` and ``evidence/blobs``) read as one store."""
    return EvidenceStore(evidence_root(data_dir), key="shared")


def has_shared_ledger(data_dir: Path) -> bool:
    return shared_store(data_dir).ledger_path.exists()


def orphan_key(case_id: str) -> str:
    slug = re.sub(r"[^a-z0-9-]+", "-", case_id.lower()).strip("-")[:50]
    return f"legacy-{slug or 'unassigned'}"


def split_shared_ledger(
    data_dir: Path, owner: Callable[[str], str | None], recorded_at: str | None = None
) -> list[Moved]:
    """Copy every entry of the old ledger into the chain ``owner(entry.case_id)`` (or an orphan chain); the
    old ledger is left in place (see :func:`retire_shared_ledger`). Raises :class:`LegacyLedgerError`."""
    old = shared_store(data_dir)
    if not old.ledger_path.exists():
        return []
    report = old.verify()
    if not report.ok:
        raise LegacyLedgerError(
            f"旧的共享证据账本未通过核验，证据没有迁移，数据未改动：{report.summary()}。"
            "如果只是最后一行没写完整，运行 xieshang evidence repair --shared 后重新启动；"
            "否则请先查明原因（备份 evidence/ 目录）。 / The old shared evidence ledger does not verify; nothing "
            "was moved."
        )
    entries: list[Entry] = old.entries()
    files = [e for e in entries if isinstance(e, LedgerEntry)]
    groups: dict[str, list[LedgerEntry]] = {}
    for entry in files:
        groups.setdefault(owner(entry.case_id) or orphan_key(entry.case_id), []).append(entry)
    stamp = recorded_at or now_iso()
    return [
        _copy_chain(data_dir, old, key, group, report.head_hash, len(entries), stamp)
        for key, group in groups.items()
    ]


def _copy_chain(
    data_dir: Path, old: EvidenceStore, key: str, group: list[LedgerEntry], head: str, count: int, stamp: str
) -> Moved:
    new = EvidenceStore.of_case(data_dir, key)
    new.destroy()  # an earlier, interrupted run: start this chain again from the old ledger
    private_dir(new.root)
    written: list[Entry] = []
    seqs: dict[int, int] = {}
    for entry in group:
        if entry.kind == ledger.FILE and old.has(entry.file_sha256) and not new.has(entry.file_sha256):
            _copy_file(old.blob_path(entry.file_sha256), new.blob_path(entry.file_sha256))
        copied = ledger.append(
            written,
            file_sha256=entry.file_sha256,
            size=entry.size,
            media_type=entry.media_type,
            recorded_at=entry.recorded_at,
            description=entry.description,
            case_id=key,
            debt_id=entry.debt_id,
            contact_id=entry.contact_id,
            name=entry.name,
            origin=f"shared#{entry.seq}:{entry.entry_hash}",
        )
        new.append(copied)
        written.append(copied)
        seqs[entry.seq] = copied.seq
    numbers = "、".join(str(e.seq) for e in group)
    closing = ledger.migration(
        written,
        description=(
            f"从共享证据账本迁移：原账本共 {count} 条记录，本案 {len(group)} 条（原第 {numbers} 条） / moved from "
            f"the shared ledger ({count} entries; {len(group)} of this case)"
        ),
        origin=f"shared:{count}:{head}",
        recorded_at=stamp,
        case_id=key,
    )
    new.append(closing)
    return Moved(key, closing.seq, closing.entry_hash, seqs)


def _copy_file(source: Path, target: Path) -> None:
    private_dir(target.parent)
    try:
        os.link(source, target)  # same disk: no second copy of a recording
    except OSError:
        shutil.copyfile(source, target)
    with contextlib.suppress(OSError):
        target.chmod(0o600)


def retire_shared_ledger(data_dir: Path) -> None:
    """Delete the old shared ledger and its files (after the new chains and their anchors are committed)."""
    old = shared_store(data_dir)
    for path in (old.ledger_path, old.lock_path):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    shutil.rmtree(old.blobs, ignore_errors=True)
