"""What a start cleans up after an interrupted run, and what deleting a case must not leave behind.

- :func:`recover` (``xieshang serve`` runs it at every start): sweeps temporary files of unfinished writes and
  files no ledger entry in force refers to, finishes or undoes interrupted case deletions, retires the old
  shared ledger once its entries have moved, and withdraws ledger entries whose database write never
  committed.
- :func:`deleting` / :func:`compact_database`: deleting a case deletes its evidence files and ledger (moved
  aside inside the transaction, removed after the commit, put back if it fails), then checkpoints and vacuums
  SQLite so neither the WAL nor free pages keep the deleted rows (the ID number among them).
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection

from xieshang.core.errors import ValidationError
from xieshang.core.ledger import live_files
from xieshang.core.ledger_check import KIND_UNCOMMITTED, check_head
from xieshang.evidence.legacy import has_shared_ledger, retire_shared_ledger
from xieshang.evidence.store import EvidenceStore, chains_root, evidence_root, sweep_temporary

from . import evidence
from .file_areas import place_chain, remote_chains
from .models import Case
from .writes import locked

log = logging.getLogger(__name__)
DELETING = ".deleting-"
IMPORTING = ".importing-"  # cases.complete: an imported case's evidence until its rows are committed


@contextlib.contextmanager
def deleting(case_pk: int) -> Iterator[Case]:
    """The locked case row to delete: its chain is moved aside first, removed once the deletion is committed,
    moved back if it fails; then the database is compacted."""
    aside: tuple[Path, Path] | None = None
    try:
        with locked(case_pk) as row:
            store = evidence.store_of(row)
            source = store.root
            if store.local and source.is_dir():
                aside = (source, source.with_name(f"{DELETING}{row.evidence_chain}-{secrets.token_hex(4)}"))
                source.rename(aside[1])
            yield row
    except BaseException:
        if aside is not None:
            aside[1].rename(aside[0])
        raise
    if aside is not None:
        shutil.rmtree(aside[1], ignore_errors=True)
    if not store.local:  # object storage: no rename; the objects go once the deletion is committed
        store.destroy()  # (a crash before this: recover() deletes chains no case refers to)
    compact_database()


def compact_database() -> None:
    """Rewrite SQLite so a deleted case's rows survive neither in free pages nor in the WAL (best effort: a
    reader holding the WAL open only delays it to the next deletion). PostgreSQL: VACUUM the case tables."""
    if connection.in_atomic_block:  # inside someone's transaction (a test's): VACUUM cannot run there
        log.info("database compaction skipped: called inside a transaction")
        return
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                cursor.execute("VACUUM")
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            elif connection.vendor == "postgresql":
                for table in ("cases_case", "cases_debt", "cases_payment"):
                    cursor.execute(f"VACUUM {table}")
    except DatabaseError as error:  # busy, or not allowed: the data is deleted; compaction waits
        log.warning("could not compact the database after deleting a case: %s", error)


def recover() -> None:
    """Clean up after an interrupted run (see the module docstring); never raises for one bad case."""
    data_dir = Path(settings.DATA_DIR)
    sweep_temporary(evidence_root(data_dir))
    for folder in data_dir.glob(".export-*"):  # a complete export whose download was cut off by a crash
        if folder.stat().st_mtime < time.time() - 600:
            shutil.rmtree(folder, ignore_errors=True)
    _finish_deletions(data_dir)
    _finish_imports(data_dir)
    if has_shared_ledger(data_dir) and _all_moved(data_dir):
        retire_shared_ledger(data_dir)
    keys = set(Case.objects.values_list("evidence_chain", flat=True))
    for (
        chain
    ) in remote_chains():  # object storage: a case deleted by a process that died before its files went
        if chain not in keys:
            evidence.store_for_chain(chain).destroy()
    for case in Case.objects.only("pk", "evidence_chain", "evidence_entries", "evidence_head"):
        store = evidence.store_of(case)
        if store.exists():
            _withdraw_uncommitted(case)
            _sweep_unreferenced(store)


def _sweep_unreferenced(store: EvidenceStore, older_than: float = 600.0) -> None:
    """Delete files no entry in force refers to: written before a write that then failed, or withdrawn but
    not yet deleted (older than ``older_than`` seconds, so a write in progress keeps its file)."""
    try:
        wanted = {e.file_sha256 for e in live_files(store.entries())}
    except ValidationError:
        return
    for name in store.blob_names(older_than):
        if name not in wanted:
            store.delete_blob(name)


def _finish_deletions(data_dir: Path) -> None:
    root = chains_root(data_dir)
    if not root.is_dir():
        return
    keys = set(Case.objects.values_list("evidence_chain", flat=True))
    for aside in root.glob(f"{DELETING}*"):
        key = aside.name[len(DELETING) :].rsplit("-", 1)[0]
        if key in keys and not (root / key).exists():
            aside.rename(root / key)  # the deletion never committed
        else:
            shutil.rmtree(aside, ignore_errors=True)


def _finish_imports(data_dir: Path) -> None:
    """Evidence of a complete import (``cases.complete``) still under its temporary name
    (``.importing-<chain>-<pid>-<random>``) whose process is gone: moved into place when its case was committed,
    deleted when it was not. An import still running (its process alive) is left alone."""
    root = chains_root(data_dir)
    if not root.is_dir():
        return
    keys = set(Case.objects.values_list("evidence_chain", flat=True))
    for staged in root.glob(f"{IMPORTING}*"):
        key, pid, _token = [*staged.name[len(IMPORTING) :].rsplit("-", 2), "", ""][:3]
        if pid.isdigit() and _running(int(pid)):
            continue
        if key in keys and not evidence.store_for_chain(key).exists():
            place_chain(staged, key)
        else:
            shutil.rmtree(staged, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process is not importing while it cleans up
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _all_moved(data_dir: Path) -> bool:
    """The old shared ledger's entries are in per-case chains (the migration ran: some chain says so)."""
    root = chains_root(data_dir)
    return root.is_dir() and any(
        "shared:" in line for path in root.glob("*/ledger.jsonl") for line in path.open(encoding="utf-8")
    )


def _withdraw_uncommitted(case: Case) -> None:
    try:
        entries = evidence.store_of(case).entries()
    except ValidationError:
        return  # a half-written line: the verify page and `xieshang evidence repair` deal with it
    problems = check_head(entries, evidence.anchor_of(case))
    if problems and problems[0].kind == KIND_UNCOMMITTED:
        try:
            with locked(case.pk) as row:
                evidence.record(row, [], description="")
        except (evidence.EvidenceRefused, Case.DoesNotExist) as error:
            log.warning("case %s: could not withdraw uncommitted evidence entries: %s", case.pk, error)
