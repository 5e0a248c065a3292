"""The evidence ledger: an append-only hash chain over evidence files.

Every entry commits to the previous entry's hash, the file's SHA-256, its size and type, the time it was
recorded and its description. Change any field, drop an entry, or alter a file, and :func:`verify_chain`
names the first entry where the record stops being consistent.

Pure: the time an entry is recorded is a parameter (an ISO 8601 string); file contents are given as their
hashes (``file_hashes``), computed by whoever can read the files (``xieshang.evidence``).

An exported bundle may hide entries that belong to other cases: a :class:`LedgerStub` keeps only
``seq``, ``prev_hash`` and ``entry_hash``, enough to check the chain runs through it unbroken.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any

from .errors import FieldError, ValidationError

GENESIS = "0" * 64
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class LedgerEntry:
    """One recorded evidence file. ``entry_hash`` is the SHA-256 of the canonical JSON of every other field."""

    seq: int
    prev_hash: str
    file_sha256: str
    size: int
    media_type: str
    recorded_at: str
    description: str
    case_id: str = ""
    debt_id: str = ""
    contact_id: str = ""
    name: str = ""  # the file's original name, for people only: never used as a path
    entry_hash: str = ""


@dataclass(frozen=True)
class LedgerStub:
    """An entry whose content is withheld (another case's evidence in a bundle); only its place in the chain."""

    seq: int
    prev_hash: str
    entry_hash: str


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: ``kind`` is one of the ``KIND_*`` constants below."""

    seq: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"#{self.seq}: {self.message}"


KIND_ALTERED_ENTRY = "altered_entry"
KIND_BROKEN_LINK = "broken_link"
KIND_MISSING_ENTRY = "missing_entry"
KIND_MISSING_FILE = "missing_file"
KIND_ALTERED_FILE = "altered_file"
KIND_UNREADABLE = "unreadable"


@dataclass(frozen=True)
class VerifyReport:
    """The result of a check: ``ok`` when no problem was found; ``first`` is the earliest problem."""

    checked: int
    problems: tuple[Problem, ...] = ()
    head_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first(self) -> Problem | None:
        return self.problems[0] if self.problems else None

    def summary(self) -> str:
        if self.ok:
            return f"完好：{self.checked} 条记录，哈希链与文件一致（链尾 {self.head_hash[:16]}…）"
        first = self.problems[0]
        where = f"第 {first.seq} 条记录 " if first.seq > 0 else ""
        more = f"（另有 {len(self.problems) - 1} 处问题）" if len(self.problems) > 1 else ""
        return f"已被改动：{where}{first.message}{more}"


_HASHED_FIELDS = tuple(f.name for f in fields(LedgerEntry) if f.name != "entry_hash")


def canonical_json(entry: LedgerEntry) -> bytes:
    """The bytes an entry's hash commits to: sorted keys, no spaces, UTF-8, ``entry_hash`` left out."""
    body = {name: getattr(entry, name) for name in _HASHED_FIELDS}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_hash(entry: LedgerEntry) -> str:
    return hashlib.sha256(canonical_json(entry)).hexdigest()


def _check_hex(value: str, path: str) -> None:
    if not isinstance(value, str) or not _HEX64.match(value):
        raise ValidationError("must be 64 lowercase hex digits (a SHA-256)", path)


def append(
    entries: Sequence[LedgerEntry | LedgerStub],
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
) -> LedgerEntry:
    """The entry that follows ``entries`` (which are not changed: the caller stores the new entry)."""
    _check_hex(file_sha256, "file_sha256")
    if size < 0:
        raise ValidationError("must be ≥ 0", "size")
    try:
        datetime.fromisoformat(recorded_at)
    except (TypeError, ValueError):
        raise ValidationError(f"not an ISO 8601 time: {recorded_at!r}", "recorded_at") from None
    last = entries[-1] if entries else None
    draft = LedgerEntry(
        seq=last.seq + 1 if last else 1,
        prev_hash=last.entry_hash if last else GENESIS,
        file_sha256=file_sha256,
        size=size,
        media_type=media_type,
        recorded_at=recorded_at,
        description=description,
        case_id=case_id,
        debt_id=debt_id,
        contact_id=contact_id,
        name=name,
    )
    return LedgerEntry(**{**asdict(draft), "entry_hash": entry_hash(draft)})


def verify_chain(
    entries: Sequence[LedgerEntry | LedgerStub], file_hashes: Mapping[str, str | None]
) -> VerifyReport:
    """Check every entry, every link and every file; problems in ledger order.

    ``file_hashes`` maps each entry's ``file_sha256`` to the SHA-256 of the bytes actually found for it,
    or ``None`` when the file is missing. A file not in the mapping counts as missing.
    """
    problems: list[Problem] = []
    expected_seq, prev = 1, GENESIS
    for entry in entries:
        if entry.seq != expected_seq:
            if entry.seq > expected_seq:
                gap = (
                    f"{expected_seq}" if entry.seq == expected_seq + 1 else f"{expected_seq}–{entry.seq - 1}"
                )
                problems.append(Problem(expected_seq, KIND_MISSING_ENTRY, f"缺失（第 {gap} 条被删除）"))
            else:
                problems.append(
                    Problem(entry.seq, KIND_MISSING_ENTRY, f"序号重复或倒序（应为 {expected_seq}）")
                )
        if isinstance(entry, LedgerEntry) and entry_hash(entry) != entry.entry_hash:
            problems.append(Problem(entry.seq, KIND_ALTERED_ENTRY, "内容被改动（记录的哈希与内容不符）"))
        if entry.prev_hash != prev:
            problems.append(Problem(entry.seq, KIND_BROKEN_LINK, "链接断开（前一条记录被改动、删除或替换）"))
        if isinstance(entry, LedgerEntry):
            found = file_hashes.get(entry.file_sha256)
            if found is None:
                problems.append(
                    Problem(entry.seq, KIND_MISSING_FILE, f"文件缺失（{entry.file_sha256[:16]}…）")
                )
            elif found != entry.file_sha256:
                problems.append(
                    Problem(entry.seq, KIND_ALTERED_FILE, f"文件被改动（{entry.file_sha256[:16]}…）")
                )
        expected_seq, prev = entry.seq + 1, entry.entry_hash
    return VerifyReport(checked=len(entries), problems=tuple(problems), head_hash=prev)


def entry_to_dict(entry: LedgerEntry | LedgerStub) -> dict[str, Any]:
    """The stored form (one JSON line of the ledger file); a stub carries ``"redacted": true``."""
    if isinstance(entry, LedgerStub):
        return {
            "seq": entry.seq,
            "prev_hash": entry.prev_hash,
            "entry_hash": entry.entry_hash,
            "redacted": True,
        }
    return asdict(entry)


_TYPES: dict[str, type] = {f.name: int if f.name in ("seq", "size") else str for f in fields(LedgerEntry)}


def entry_from_dict(data: object, path: str = "") -> LedgerEntry | LedgerStub:
    """Read one stored entry; unknown or missing keys are errors (an added key would escape the hash)."""
    if not isinstance(data, dict):
        raise ValidationError("must be an object", path)
    if data.get("redacted") is True:
        keys = {"seq", "prev_hash", "entry_hash", "redacted"}
        _check_keys(data, keys, keys, path)
        _check_types(data, {"seq": int, "prev_hash": str, "entry_hash": str}, path)
        return LedgerStub(seq=data["seq"], prev_hash=data["prev_hash"], entry_hash=data["entry_hash"])
    required = {
        "seq",
        "prev_hash",
        "file_sha256",
        "size",
        "media_type",
        "recorded_at",
        "description",
        "entry_hash",
    }
    _check_keys(data, set(_TYPES), required, path)
    _check_types(data, _TYPES, path)
    return LedgerEntry(**data)


def _check_keys(data: dict[str, Any], allowed: set[str], required: set[str], path: str) -> None:
    errors = [FieldError(_join(path, k), "unknown key") for k in sorted(set(data) - allowed)]
    errors += [FieldError(_join(path, k), "missing") for k in sorted(required - set(data))]
    if errors:
        raise ValidationError(errors)


def _check_types(data: dict[str, Any], types: Mapping[str, type], path: str) -> None:
    for key, kind in types.items():
        if key in data and (not isinstance(data[key], kind) or isinstance(data[key], bool)):
            raise ValidationError(f"must be {'an integer' if kind is int else 'a string'}", _join(path, key))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
