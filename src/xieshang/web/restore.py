"""``xieshang restore FILE``: put a backup in place of the current data, or refuse and change nothing.

Step by step:

1. Finish (or undo) a restore that was interrupted earlier (:func:`finish_interrupted`).
2. Open the archive and check its manifest: a Xieshang backup, a format this version reads, every member present
   with its size and SHA-256 and nothing unlisted (:class:`~xieshang.archives.manifest.ArchiveReader`); the
   database of the same kind as this data directory's (SQLite or PostgreSQL), with no migration this version
   does not know.
3. Refuse while the app or a worker uses the data directory (they hold a shared lock on it).
4. Extract everything into a staging directory inside the data directory, checking each hash again; check the
   staged SQLite database (``PRAGMA integrity_check``) and every case's staged evidence ledger against its anchor
   in the staged database. Any refusal so far deletes the staging directory: the current data was not touched.
5. Write the journal (``restore-journal.json``: what goes where). PostgreSQL: load the dump in one transaction
   that ends by writing the restore's marker; a load that fails or is killed leaves the database as it was.
6. Swap: each current item (database file and its WAL, the evidence directory, the secret key) is renamed aside,
   the staged one renamed into its place. Renames within one file system: each is all or nothing.
7. Delete the journal, then what was set aside.

A process killed at any step leaves either no journal (the current data untouched; the staging directory is
deleted at the next start) or a journal, which the next start (:func:`finish_interrupted`, run before the
database is opened) completes: the swap is carried forward from wherever it stopped, and on PostgreSQL only once
the marker shows the load committed (otherwise it is undone).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xieshang.archives.manifest import FORMAT_BACKUP, ArchiveError, ArchiveReader
from xieshang.cases.file_areas import local_files
from xieshang.core.ledger_check import Anchor as LedgerAnchor
from xieshang.evidence.archive import extract_chain
from xieshang.evidence.store import EvidenceStore, write_private

from .backup import SECRET_MEMBER
from .datadir import DataDirInUse, exclusive_use
from .dbsnapshot import Anchor, load_postgres, restored_marker, sqlite_facts, vendor_of

JOURNAL = "restore-journal.json"
UPLOAD = "upload:"
STAGING = ".restore-"
ASIDE = ".restore-old-"
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass(frozen=True)
class RestoreReport:
    cases: int
    members: int
    created_at: str


def _check_database(manifest: Mapping[str, Any], vendor: str, known: Mapping[str, set[str]]) -> None:
    database = manifest.get("database")
    if not isinstance(database, dict) or database.get("vendor") not in VENDOR_NAMES:
        raise ArchiveError("清单没有说明数据库 / the manifest names no database", "manifest.json.database")
    if database["vendor"] != vendor:
        raise ArchiveError(
            f"这是 {VENDOR_NAMES[database['vendor']]} 数据库的备份，这个数据目录用 {VENDOR_NAMES[vendor]}；"
            "换数据库请逐个案件用完整导出 / a backup of another kind of database: move cases by complete export",
            "manifest.json.database.vendor",
        )
    migrations = database.get("migrations") or {}
    unknown = [
        f"{app}.{name}"
        for app, names in migrations.items()
        if app in known
        for name in names
        if name not in known[app]
    ]
    if unknown:
        raise ArchiveError(
            f"备份来自更新的版本（有这个版本不认识的迁移 {unknown[0]}），请先升级协商 / made by a newer version",
            "manifest.json.database.migrations",
        )


def _anchors(manifest: Mapping[str, Any]) -> list[Anchor]:
    found = []
    for item in manifest.get("evidence") or []:
        if isinstance(item, dict):
            found.append(Anchor(str(item.get("chain")), int(item.get("entries", 0)), str(item.get("head"))))
    return found


def _stage(reader: ArchiveReader, staging: Path, db_staged: Path | None, anchors: list[Anchor]) -> None:
    """Extract everything into ``staging`` (the database to ``db_staged``), each chain checked against its anchor
    unless the backup says it was copied as found."""
    chains = staging / "evidence" / "cases"
    chains.mkdir(parents=True, mode=0o700)  # a backup without evidence empties the evidence directory
    known = {a.chain for a in anchors}
    for path in reader.paths("evidence/"):
        if path.split("/")[1] not in known:
            raise ArchiveError("清单没有这个证据账本的锚点 / a chain without an anchor", path)
    warned = " ".join(reader.manifest.get("warnings") or [])
    for anchor in anchors:
        if not EvidenceStore.key_ok(anchor.chain):
            raise ArchiveError(
                "不是证据账本的名字 / not a chain name", f"manifest.json.evidence.{anchor.chain}"
            )
        checked = (
            None if anchor.chain in warned else LedgerAnchor(anchor.entries, anchor.head, "备份中的数据库")
        )
        extract_chain(reader, f"evidence/{anchor.chain}/", chains / anchor.chain, anchor.chain, checked)
    if reader.paths(SECRET_MEMBER):
        reader.extract(SECRET_MEMBER, staging / SECRET_MEMBER)
    if db_staged is not None:
        reader.extract(reader.manifest["database"]["member"], db_staged)


def restore_backup(
    source: Path,
    data_dir: Path,
    settings_dict: dict[str, Any],
    known_migrations: Mapping[str, set[str]],
    progress: Callable[[str], None] = lambda _step: None,
) -> RestoreReport:
    """Replace the data directory's data by the backup ``source`` (see the module docstring)."""
    vendor = vendor_of(settings_dict)
    with exclusive_use(data_dir), ArchiveReader(source, FORMAT_BACKUP) as reader:
        _finish(data_dir, settings_dict)
        progress("1/5 核对每个文件的哈希 checking every member")
        reader.verify()
        manifest = reader.manifest
        _check_database(manifest, vendor, known_migrations)
        token = secrets.token_hex(6)
        staging = data_dir / f"{STAGING}{token}"
        db_path = Path(settings_dict["NAME"]) if vendor == "sqlite" else None
        db_staged = db_path.with_name(f"{STAGING}{token}-{db_path.name}") if db_path else None
        progress("2/5 解压到暂存目录 extracting to a staging directory")
        anchors = _anchors(manifest)
        try:
            staging.mkdir(mode=0o700)
            _stage(reader, staging, db_staged, anchors)
            progress("3/5 核对数据库 checking the database")
            if db_staged is not None:
                staged_anchors, _migrations = sqlite_facts(db_staged)
                if sorted(staged_anchors, key=lambda a: a.chain) != sorted(anchors, key=lambda a: a.chain):
                    raise ArchiveError(
                        "数据库里的证据锚点与清单不符 / anchors disagree", "manifest.json.evidence"
                    )
        except BaseException:
            _discard(staging, db_staged)
            raise
        journal = _journal(data_dir, token, staging, db_path, db_staged, vendor, not local_files())
        if vendor == "postgresql":
            progress("4/5 在一个事务里载入数据库 loading the database in one transaction")
            try:
                load_postgres(reader, settings_dict, token)
            except BaseException:
                _discard(staging, db_staged)
                (data_dir / JOURNAL).unlink(missing_ok=True)
                raise
        progress("5/5 换入 swapping in")
        _roll_forward(data_dir, journal)
    return RestoreReport(len(anchors), len(reader.members), str(manifest.get("created_at", "")))


def _journal(
    data_dir: Path,
    token: str,
    staging: Path,
    db_path: Path | None,
    db_staged: Path | None,
    vendor: str,
    remote: bool,
) -> dict[str, Any]:
    items: list[list[str]] = []
    if db_path is not None and db_staged is not None:
        items += [["", f"{db_path}-wal"], ["", f"{db_path}-shm"], [str(db_staged), str(db_path)]]
    if remote:  # object storage: the chains are uploaded in place of the bucket's (UPLOAD, see _roll_forward)
        items.append([f"{UPLOAD}{staging / 'evidence' / 'cases'}", ""])
    else:
        items.append([str(staging / "evidence"), str(data_dir / "evidence")])
    if (staging / SECRET_MEMBER).exists():
        items.append([str(staging / SECRET_MEMBER), str(data_dir / SECRET_MEMBER)])
    journal = {
        "token": token,
        "vendor": vendor,
        "staging": str(staging),
        "aside": str(data_dir / f"{ASIDE}{token}"),
        "items": items,
    }
    write_private(data_dir / JOURNAL, json.dumps(journal, indent=1).encode("utf-8"))
    _sync_dir(data_dir)
    return journal


def _sync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _roll_forward(data_dir: Path, journal: Mapping[str, Any]) -> None:
    """Carry the swap forward from wherever it stopped (idempotent), then clean up."""
    aside = Path(journal["aside"])
    aside.mkdir(mode=0o700, exist_ok=True)
    for number, (staged_text, target_text) in enumerate(journal["items"]):
        if staged_text.startswith(UPLOAD):
            _upload(Path(staged_text[len(UPLOAD) :]))
            continue
        target, away = Path(target_text), aside / str(number)
        staged = Path(staged_text) if staged_text else None
        if staged is not None and not staged.exists():
            continue  # this item is in place already
        if (target.exists() or target.is_symlink()) and not away.exists():
            os.rename(target, away)
        elif target.exists() and staged is not None:
            _remove(target)  # created after the item was set aside (an empty database of a start in between)
        if staged is not None:
            os.rename(staged, target)
        _sync_dir(target.parent)
    (data_dir / JOURNAL).unlink(missing_ok=True)
    _sync_dir(data_dir)
    _remove(aside)
    _remove(Path(journal["staging"]))


def _upload(chains: Path) -> None:
    """Make the object store's chains those of the backup (each one replaced whole); the staged copy is deleted
    once all are up, so a restore killed half-way does it again from the start at the next start."""
    if not chains.is_dir():
        return  # done already
    from xieshang.cases.file_areas import chain_store, remote_chains, upload_chain

    wanted = {p.name for p in chains.iterdir() if p.is_dir()}
    for chain in remote_chains():
        if chain not in wanted:
            chain_store(chain).destroy()
    for folder in sorted(chains.iterdir()):
        if folder.is_dir():
            chain_store(folder.name).destroy()
            upload_chain(folder, folder.name)
    _remove(chains)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _discard(staging: Path, db_staged: Path | None) -> None:
    _remove(staging)
    if db_staged is not None:
        _remove(db_staged)


def finish_interrupted(data_dir: Path, settings_dict: dict[str, Any]) -> str:
    """Complete or undo a restore a killed process left behind (before the database is opened); what was done:
    "" (nothing), "forward", "undone", or "busy" when another process uses the data directory (a restore in
    progress, or the app: then nothing was left half-done)."""
    try:
        with exclusive_use(data_dir):
            return _finish(data_dir, settings_dict)
    except DataDirInUse:
        return "busy"


def _finish(data_dir: Path, settings_dict: dict[str, Any]) -> str:
    path = data_dir / JOURNAL
    if not path.exists():
        _sweep_staging(data_dir)
        return ""
    try:
        journal = json.loads(path.read_bytes())
    except (OSError, ValueError):  # written through a temporary name: a journal is complete or absent
        path.unlink(missing_ok=True)
        _sweep_staging(data_dir)
        return "undone"
    if journal.get("vendor") == "postgresql" and restored_marker(settings_dict) != journal.get("token"):
        path.unlink(missing_ok=True)  # the load never committed: the database is the old one, files untouched
        _sweep_staging(data_dir)
        return "undone"
    _roll_forward(data_dir, journal)
    return "forward"


def _sweep_staging(data_dir: Path) -> None:
    """Staging directories (and staged database files) of restores that stopped before their journal."""
    if not data_dir.is_dir():
        return
    for path in data_dir.glob(f"{STAGING}*"):
        _remove(path)
