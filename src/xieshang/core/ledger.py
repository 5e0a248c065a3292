"""The evidence ledger: one append-only hash chain per case over its evidence files.

Every entry commits to the previous entry's hash, the file's SHA-256, its size and type, the time it was
recorded and its description. Nothing in a ledger is ever rewritten: a file removed by the person who uploaded
it by mistake gets a *redaction* entry (which file, why, when) appended after it; a case moved from the old
shared ledger gets a *migration* entry saying where its entries came from. :mod:`.ledger_check` verifies a
chain, its files and its head against anchors kept elsewhere.

Pure: the time an entry is recorded is a parameter (an ISO 8601 string); files are given by their hashes.

An entry of the first format (before redactions and migrations) hashes exactly as it did: the fields added
later (``kind``, ``redacts``, ``reason``, ``origin``) enter the hash only when they are set.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from typing import Any

from .errors import FieldError, ValidationError

GENESIS = "0" * 64
_HEX64 = re.compile(r"^[0-9a-f]{64}$")

FILE = "file"  # an evidence file recorded
REDACTION = "redaction"  # an earlier file entry withdrawn (the file may be deleted); ``redacts`` names it
MIGRATION = "migration"  # the entries before it were copied from another ledger (``origin`` says which)
ENTRY_KINDS = (FILE, REDACTION, MIGRATION)


@dataclass(frozen=True)
class LedgerEntry:
    """One entry. ``entry_hash`` is the SHA-256 of the canonical JSON of every other field."""

    seq: int
    prev_hash: str
    file_sha256: str
    size: int
    media_type: str
    recorded_at: str
    description: str
    case_id: str = ""  # the chain (case) the entry belongs to
    debt_id: str = ""
    contact_id: str = ""
    name: str = ""  # the file's original name, for people only: never used as a path
    entry_hash: str = ""
    kind: str = FILE
    redacts: int = 0  # a redaction: the seq of the file entry it withdraws
    reason: str = ""  # a redaction: why, in the person's words
    origin: str = (
        ""  # a copied entry: "<ledger>#<seq>:<its entry hash there>"; a migration: the source's head
    )


@dataclass(frozen=True)
class LedgerStub:
    """An entry whose content is withheld: only its place in the chain. Old (version 1) bundles hid other cases'
    entries this way; a ledger or a current bundle never holds one."""

    seq: int
    prev_hash: str
    entry_hash: str


Entry = LedgerEntry | LedgerStub

_FIRST_FIELDS = (
    "seq",
    "prev_hash",
    "file_sha256",
    "size",
    "media_type",
    "recorded_at",
    "description",
    "case_id",
    "debt_id",
    "contact_id",
    "name",
)
_LATER_DEFAULTS: dict[str, Any] = {"kind": FILE, "redacts": 0, "reason": "", "origin": ""}


def _body(entry: LedgerEntry) -> dict[str, Any]:
    body = {name: getattr(entry, name) for name in _FIRST_FIELDS}
    body.update({k: getattr(entry, k) for k, v in _LATER_DEFAULTS.items() if getattr(entry, k) != v})
    return body


def canonical_json(entry: LedgerEntry) -> bytes:
    """The bytes an entry's hash commits to: sorted keys, no spaces, UTF-8, ``entry_hash`` left out."""
    return json.dumps(_body(entry), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_hash(entry: LedgerEntry) -> str:
    return hashlib.sha256(canonical_json(entry)).hexdigest()


def sealed(entry: LedgerEntry) -> LedgerEntry:
    """``entry`` with its ``entry_hash`` computed."""
    return replace(entry, entry_hash=entry_hash(entry))


def _check_hex(value: str, path: str) -> None:
    if not isinstance(value, str) or not _HEX64.match(value):
        raise ValidationError("must be 64 lowercase hex digits (a SHA-256)", path)


def _check_time(recorded_at: str) -> None:
    try:
        datetime.fromisoformat(recorded_at)
    except (TypeError, ValueError):
        raise ValidationError(f"not an ISO 8601 time: {recorded_at!r}", "recorded_at") from None


def _next(entries: Sequence[Entry]) -> tuple[int, str]:
    last = entries[-1] if entries else None
    return (last.seq + 1, last.entry_hash) if last else (1, GENESIS)


def append(
    entries: Sequence[Entry],
    *,
    file_sha256: str,
    size: int,
    media_type: str,
    recorded_at: str,
    description: str,
    case_id: str = "",
    debt_id: str = "",
    contact_id: str = "",
    name: str = "",
    origin: str = "",
) -> LedgerEntry:
    """The file entry that follows ``entries`` (which are not changed: the caller stores the new entry)."""
    _check_hex(file_sha256, "file_sha256")
    if size < 0:
        raise ValidationError("must be ≥ 0", "size")
    _check_time(recorded_at)
    seq, prev = _next(entries)
    return sealed(
        LedgerEntry(
            seq=seq,
            prev_hash=prev,
            file_sha256=file_sha256,
            size=size,
            media_type=media_type,
            recorded_at=recorded_at,
            description=description,
            case_id=case_id,
            debt_id=debt_id,
            contact_id=contact_id,
            name=name,
            origin=origin,
        )
    )


def redacted_seqs(entries: Iterable[Entry]) -> set[int]:
    """The seqs of file entries a later redaction withdrew."""
    return {e.redacts for e in entries if isinstance(e, LedgerEntry) and e.kind == REDACTION}


def live_files(entries: Sequence[Entry]) -> list[LedgerEntry]:
    """The file entries still in force (not withdrawn by a redaction), in ledger order."""
    gone = redacted_seqs(entries)
    return [e for e in entries if isinstance(e, LedgerEntry) and e.kind == FILE and e.seq not in gone]


def redaction(
    entries: Sequence[Entry], target: int, *, reason: str, recorded_at: str, case_id: str = ""
) -> LedgerEntry:
    """The entry that withdraws file entry ``target``, with the person's ``reason`` (required)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("请写明删除的原因 / give the reason for removing the file", "reason")
    _check_time(recorded_at)
    found = next((e for e in live_files(entries) if e.seq == target), None)
    if found is None:
        raise ValidationError(f"没有第 {target} 条证据，或它已删除 / no evidence #{target} in force", "seq")
    seq, prev = _next(entries)
    return sealed(
        LedgerEntry(
            seq=seq,
            prev_hash=prev,
            file_sha256=found.file_sha256,
            size=0,
            media_type="",
            recorded_at=recorded_at,
            description=f"删除第 {target} 条证据的文件 / file of evidence #{target} removed",
            case_id=case_id or found.case_id,
            kind=REDACTION,
            redacts=target,
            reason=reason,
        )
    )


def migration(
    entries: Sequence[Entry], *, description: str, origin: str, recorded_at: str, case_id: str
) -> LedgerEntry:
    """The entry that closes a block of entries copied from another ledger, naming it in ``origin``."""
    _check_time(recorded_at)
    seq, prev = _next(entries)
    return sealed(
        LedgerEntry(
            seq=seq,
            prev_hash=prev,
            file_sha256=GENESIS,
            size=0,
            media_type="",
            recorded_at=recorded_at,
            description=description,
            case_id=case_id,
            kind=MIGRATION,
            origin=origin,
        )
    )


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """The stored form (one JSON line of a ledger file). Fields added after the first format appear only when
    set; a stub carries ``"redacted": true`` (old bundles only)."""
    if isinstance(entry, LedgerStub):
        return {
            "seq": entry.seq,
            "prev_hash": entry.prev_hash,
            "entry_hash": entry.entry_hash,
            "redacted": True,
        }
    data = asdict(entry)
    for key, default in _LATER_DEFAULTS.items():
        if data[key] == default:
            del data[key]
    return data


_TYPES: dict[str, type] = {
    f.name: int if f.name in ("seq", "size", "redacts") else str for f in fields(LedgerEntry)
}
_REQUIRED = {
    "seq",
    "prev_hash",
    "file_sha256",
    "size",
    "media_type",
    "recorded_at",
    "description",
    "entry_hash",
}


def entry_from_dict(data: object, path: str = "") -> Entry:
    """Read one stored entry; unknown or missing keys are errors (an added key would escape the hash)."""
    if not isinstance(data, dict):
        raise ValidationError("must be an object", path)
    if data.get("redacted") is True:
        keys = {"seq", "prev_hash", "entry_hash", "redacted"}
        _check_keys(data, keys, keys, path)
        _check_types(data, {"seq": int, "prev_hash": str, "entry_hash": str}, path)
        return LedgerStub(seq=data["seq"], prev_hash=data["prev_hash"], entry_hash=data["entry_hash"])
    _check_keys(data, set(_TYPES), _REQUIRED, path)
    _check_types(data, _TYPES, path)
    if data.get("kind", FILE) not in ENTRY_KINDS:
        raise ValidationError(f"unknown entry kind {data['kind']!r}", _join(path, "kind"))
    return LedgerEntry(**data)


def _check_keys(data: dict[str, Any], allowed: set[str], required: set[str], path: str) -> None:
    errors = [FieldError(_join(path, k), "unknown key") for k in sorted(set(data) - allowed)]
    errors += [FieldError(_join(path, k), "missing") for k in sorted(required - set(data))]
    if errors:
        raise ValidationError(errors)


def _check_types(data: dict[str, Any], types: dict[str, type], path: str) -> None:
    for key, kind in types.items():
        if key in data and (not isinstance(data[key], kind) or isinstance(data[key], bool)):
            raise ValidationError(f"must be {'an integer' if kind is int else 'a string'}", _join(path, key))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
