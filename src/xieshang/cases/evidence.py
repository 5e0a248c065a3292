"""A case's evidence through the one write path: its own ledger, anchored in the case row.

Every case has one chain (``Case.evidence_chain``, see :mod:`xieshang.evidence.store`); the contact log and the
materials both record into it. The chain's anchor (entry count and head hash, ``Case.evidence_entries`` and
``Case.evidence_head``) is written in the same :func:`~.writes.locked` transaction as the rows that refer to the
evidence, so:

- a file is written to the store *before* the lock (slow disk work; content-addressed, so a file nothing
  refers to yet is harmless), its ledger entry and the referring rows *inside* it;
- an entry the ledger holds beyond the anchor was written by a write that never committed (the process was
  killed between the two): the next write withdraws it with a redaction entry, appended, so it can never be
  linked to a contact that later takes the same place;
- a ledger that disagrees with its anchor in any other way has been changed: nothing more is written to it
  (appending would bless the change with a new anchor), and the verify page and ``xieshang evidence verify``
  name the first bad entry or the anchor that disagrees.

A person withdrawing a file they uploaded by mistake appends a redaction entry (:func:`redact`); the feature
apps drop their references to the file through :data:`evidence_redacted`, and the file is deleted once that
is committed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.dispatch import Signal

from xieshang.core import ledger
from xieshang.core.errors import ValidationError
from xieshang.core.ledger import Entry, LedgerEntry
from xieshang.core.ledger_check import KIND_UNCOMMITTED, Anchor, VerifyReport, check_head, verify_chain
from xieshang.evidence import media
from xieshang.evidence.store import EvidenceStore, HalfWrittenLine, now_iso

from .file_areas import chain_store
from .models import Case
from .writes import locked, require_locked

log = logging.getLogger(__name__)

ANCHOR_SOURCE = "数据库"
INTERRUPTED = "写入中途被中断：这条记录没有保存到案件中，作废 / an interrupted write: never saved to the case"

# Sent inside the locked transaction after file entry ``seq`` (hash ``sha256``) of ``case`` was withdrawn:
# receivers drop their references to it (a contact's attachments, a material's files) on the locked row.
evidence_redacted = Signal()


class EvidenceRefused(ValidationError):
    """The case's ledger cannot take more entries now; the message says why and what to do."""


@dataclass(frozen=True)
class Checked:
    """An uploaded file read and accepted by content and size."""

    name: str
    data: bytes
    media_type: str


@dataclass(frozen=True)
class Staged:
    """A checked file already written to the case's store, waiting for its ledger entry."""

    name: str
    sha256: str
    size: int
    media_type: str


def store_of(case: Case) -> EvidenceStore:
    return store_for_chain(case.evidence_chain)


def store_for_chain(chain: str) -> EvidenceStore:
    """The evidence store of the chain named ``chain`` (a case's ``evidence_chain``): in the data directory, or
    on object storage (:mod:`.file_areas`)."""
    return chain_store(chain)


def anchor_of(case: Case) -> Anchor:
    return Anchor(case.evidence_entries, case.evidence_head, ANCHOR_SOURCE)


def footer(case: Case) -> dict[str, Any]:
    """What letters, reports and complaints print in their footer: the ledger's entry count and head hash as
    committed, so a copy held by a creditor or a court pins the ledger as it was that day."""
    return {"entries": case.evidence_entries, "head": case.evidence_head}


def read_checked(files: Sequence[UploadedFile]) -> tuple[list[Checked], list[str]]:
    """Read and check every uploaded file; the good ones and one message per bad one (in Chinese)."""
    limit = settings.EVIDENCE_MAX_BYTES
    good: list[Checked] = []
    problems: list[str] = []
    for upload in files:
        name = media.safe_name(upload.name or "")
        if upload.size is not None and upload.size > limit:
            problems.append(str(media.too_large(upload.size, limit, name)))
            continue
        data = upload.read()
        try:
            good.append(Checked(name, data, media.check(data, limit, name)))
        except ValidationError as error:
            problems.append(str(error))
    return good, problems


def stage(case: Case, files: Sequence[Checked]) -> list[Staged]:
    """Write the files to the case's store (before the lock: nothing refers to them yet)."""
    store = store_of(case)
    return [Staged(f.name, store.write_blob(f.data), len(f.data), f.media_type) for f in files]


def _ready(row: Case, store: EvidenceStore) -> list[Entry]:
    """The ledger's entries, once it agrees with the row's anchor (an interrupted write's entries withdrawn)."""
    try:
        entries = store.entries()
    except HalfWrittenLine as half:
        raise EvidenceRefused(
            f"证据账本的最后一行没有写完整（第 {half.number} 行），暂停登记新证据。请运行 "
            f"xieshang evidence repair --case {row.pk} / the ledger's last line is half-written",
            "evidence",
        ) from None
    except ValidationError as error:
        raise EvidenceRefused(f"证据账本无法读取，暂停登记新证据：{error}", "evidence") from None
    present = {
        e.file_sha256: e.file_sha256 for e in entries if isinstance(e, LedgerEntry)
    }  # files: verify page
    problems = [*verify_chain(entries, present).problems, *check_head(entries, anchor_of(row))]
    if not problems:
        return entries
    if problems[0].kind != KIND_UNCOMMITTED:
        raise EvidenceRefused(
            f"证据账本与数据库锚点不符，暂停登记新证据：{problems[0]}。请在“核验证据”页面或用 xieshang evidence "
            f"verify --case {row.pk} 查看 / the ledger disagrees with its anchor",
            "evidence",
        )
    extra = entries[row.evidence_entries :]
    for entry in extra:  # a withdrawal that never committed: its references go now, with the next write
        if isinstance(entry, LedgerEntry) and entry.kind == ledger.REDACTION:
            evidence_redacted.send(sender=Case, case=row, seq=entry.redacts, sha256=entry.file_sha256)
    for entry in ledger.live_files(entries):
        if entry in extra:
            void = ledger.redaction(
                entries, entry.seq, reason=INTERRUPTED, recorded_at=now_iso(), case_id=store.key
            )
            store.append(void)
            entries.append(void)
    return entries


def _anchor(row: Case, entries: Sequence[Entry]) -> None:
    row.evidence_entries = len(entries)
    row.evidence_head = entries[-1].entry_hash if entries else ledger.GENESIS
    row.save(update_fields=["evidence_entries", "evidence_head"])


def record(
    row: Case, staged: Sequence[Staged], *, description: str, debt_id: str = "", contact_id: str = ""
) -> list[LedgerEntry]:
    """Append one entry per staged file to the locked case's ledger and move its anchor (same transaction)."""
    require_locked()
    store = store_of(row)
    entries = _ready(row, store)
    added = []
    for item in staged:
        if not store.has(item.sha256):
            raise EvidenceRefused(f"文件没有存好（{item.name}），请重新上传", "files")
        entry = ledger.append(
            entries,
            file_sha256=item.sha256,
            size=item.size,
            media_type=item.media_type,
            recorded_at=now_iso(),
            description=description.strip(),
            case_id=store.key,
            debt_id=debt_id,
            contact_id=contact_id,
            name=item.name,
        )
        store.append(entry)
        entries.append(entry)
        added.append(entry)
    _anchor(row, entries)
    return added


def redact(case_pk: int, seq: int, reason: str) -> LedgerEntry:
    """Withdraw file entry ``seq`` (uploaded by mistake) with the person's ``reason``: an appended redaction
    entry; references to the file go in the same transaction, the file itself once that is committed."""
    with locked(case_pk) as row:
        store = store_of(row)
        entries = _ready(row, store)
        entry = ledger.redaction(entries, seq, reason=reason, recorded_at=now_iso(), case_id=store.key)
        store.append(entry)
        entries.append(entry)
        _anchor(row, entries)
        evidence_redacted.send(sender=Case, case=row, seq=seq, sha256=entry.file_sha256)
        if all(e.file_sha256 != entry.file_sha256 for e in ledger.live_files(entries)):
            transaction.on_commit(lambda: store.delete_blob(entry.file_sha256))
    return entry


def entries_of(case: Case) -> list[Entry]:
    """Every entry of the case's ledger; an unreadable ledger gives none (the verify page says why)."""
    try:
        return store_of(case).entries()
    except ValidationError:
        return []


def live_entries(case: Case) -> list[LedgerEntry]:
    """The case's evidence files in force, in ledger order (read-only: for pages, bundles, documents)."""
    return ledger.live_files(entries_of(case))


def verify(case: Case) -> VerifyReport:
    """The chain, every file, and the head against the anchor in the database."""
    return store_of(case).verify(anchor_of(case))
