"""The evidence store on disk: one chain per case.

Layout under ``<data-dir>/evidence/cases/<key>/`` (``key`` names the case's chain)::

    blobs/ab/<sha256>     every file of the case once, named by its SHA-256 (content-addressed)
    ledger.jsonl          the case's hash-chained ledger, one JSON object a line, append-only
    ledger.lock           held (flock) while an entry is appended

Each case has its own directory, so deleting a case deletes its files and its ledger and nothing else, and no
case's ledger shows another's entries. Files are accepted by content (see :mod:`media`), never by name; a name
is kept only as a label. Files are written to a temporary name, fsynced and renamed into place; a temporary
file left by an interrupted write is swept at the next start (:func:`sweep_temporary`). Directories are
``0700`` and files ``0600``: they hold recordings and ID documents.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from xieshang.core import ledger
from xieshang.core.errors import ValidationError
from xieshang.core.ledger import Entry, LedgerEntry
from xieshang.core.ledger_check import (
    KIND_UNREADABLE,
    Anchor,
    Problem,
    VerifyReport,
    check_head,
    verify_chain,
)

from . import media

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{2,63}$")
TEMP_PREFIX = ".incoming-"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600

try:  # POSIX
    import fcntl

    def _lock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_EX)

    def _unlock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)

except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _lock(handle: int) -> None:
        msvcrt.locking(handle, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]

    def _unlock(handle: int) -> None:
        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


class HalfWrittenLine(ValidationError):
    """The ledger's last line was cut off in the middle (a crash while appending): ``xieshang evidence repair``."""

    def __init__(self, number: int, text: str, where: str) -> None:
        self.number, self.text = number, text
        super().__init__(
            f"最后一行（第 {number} 行）没有写完整，请运行 xieshang evidence repair / the last line is half-written",
            where,
        )


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def now_iso() -> str:
    """The local time with its UTC offset, to the second: what ``recorded_at`` holds."""
    return datetime.now().astimezone().replace(microsecond=0).isoformat()


def evidence_root(data_dir: Path) -> Path:
    return Path(data_dir) / "evidence"


def chains_root(data_dir: Path) -> Path:
    return evidence_root(data_dir) / "cases"


def chain_keys(data_dir: Path) -> list[str]:
    """The keys of every chain in the data directory (sorted)."""
    root = chains_root(data_dir)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and KEY.match(p.name)) if root.is_dir() else []


def private_dir(path: Path) -> None:
    """Create ``path`` and every missing parent ``0700`` (``mkdir(parents=True)`` gives parents the umask's)."""
    missing = []
    while not path.is_dir():
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=PRIVATE_DIR)
        folder.chmod(PRIVATE_DIR)


def write_private(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (temporary name, fsync, rename), readable by the owner only."""
    private_dir(target.parent)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX)  # mkstemp: 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def sweep_temporary(root: Path, older_than: float = 600.0) -> int:
    """Delete temporary files an interrupted write left under ``root`` (older than ``older_than`` seconds, so a
    write in progress elsewhere is left alone); how many."""
    if not root.is_dir():
        return 0
    cutoff, swept = time.time() - older_than, 0
    for path in root.rglob(f"{TEMP_PREFIX}*"):
        with contextlib.suppress(FileNotFoundError):
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                swept += 1
    return swept


def parse_ledger(raw: bytes) -> list[Entry]:
    """The entries of a ledger file's bytes, in order; a line that cannot be read raises ``ValidationError``
    naming it (:class:`HalfWrittenLine` for a cut-off last line)."""
    lines = raw.split(b"\n")
    result: list[Entry] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"ledger.jsonl:{number}"
        last = number == len(lines)  # no newline after it: the append never finished
        try:
            data = json.loads(line.decode("utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            if last:
                raise HalfWrittenLine(number, line.decode("utf-8", "replace"), where) from None
            reason = error.msg if isinstance(error, json.JSONDecodeError) else "不是 UTF-8"
            raise ValidationError(f"不是有效的 JSON：{reason}", where) from None
        result.append(ledger.entry_from_dict(data, where))
    return result


def committed_prefix(raw: bytes, count: int) -> bytes:
    """The first ``count`` lines of a ledger file (the entries an anchor of ``count`` covers): entries are only
    ever appended, so these bytes do not change while later entries are written."""
    end = 0
    for _ in range(count):
        found = raw.find(b"\n", end)
        if found < 0:
            return raw
        end = found + 1
    return raw[:end]


class EvidenceStore:
    """One case's evidence files and ledger in ``root`` (normally ``<data-dir>/evidence/cases/<key>``).

    The file primitives (files, the ledger's bytes, appending a line, the lock) are methods, so a subclass can
    keep the same chain in another place: ``xieshang.cases.file_areas`` keeps it in object storage.
    """

    local = True  # files in a directory of this machine (renames, flock)

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES, key: str = "") -> None:
        self.root = Path(root)
        self.key = key or self.root.name
        self.max_bytes = max_bytes
        self.blobs = self.root / "blobs"
        self.ledger_path = self.root / "ledger.jsonl"
        self.lock_path = self.root / "ledger.lock"

    @staticmethod
    def key_ok(key: str) -> bool:
        """Whether ``key`` can name a chain (and a directory)."""
        return bool(KEY.match(key))

    @classmethod
    def of_case(cls, data_dir: Path, key: str, max_bytes: int = DEFAULT_MAX_BYTES) -> EvidenceStore:
        if not KEY.match(key):
            raise ValidationError(f"不是有效的证据账本编号：{key!r} / not a ledger key", "key")
        return cls(chains_root(data_dir) / key, max_bytes, key)

    # --- files -------------------------------------------------------------------------------------

    def blob_path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValidationError("not a SHA-256", "sha256")
        return self.blobs / sha256[:2] / sha256

    def read(self, sha256: str) -> bytes:
        return self.blob_path(sha256).read_bytes()

    def has(self, sha256: str) -> bool:
        return self.blob_path(sha256).is_file()

    def write_blob(self, data: bytes) -> str:
        """Store ``data`` under its hash (idempotent); the hash. Safe before any lock: nothing refers to it yet."""
        sha256 = sha256_bytes(data)
        target = self.blob_path(sha256)
        if not (target.exists() and sha256_file(target) == sha256):
            write_private(target, data)
        return sha256

    def delete_blob(self, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.blob_path(sha256).unlink()

    def file_digest(self, sha256: str) -> str | None:
        """The SHA-256 of the file stored under ``sha256`` (as it is now), or None when there is none."""
        try:
            blob = self.blob_path(sha256)
        except ValidationError:  # a forged hash that is not one: counts as missing
            return None
        return sha256_file(blob) if blob.is_file() else None

    def blob_names(self, older_than: float = 0.0) -> list[str]:
        """The hashes of the stored files written more than ``older_than`` seconds ago."""
        cutoff = time.time() - older_than
        found = []
        for blob in self.blobs.glob("*/*"):
            with contextlib.suppress(FileNotFoundError):
                if blob.is_file() and blob.stat().st_mtime < cutoff and not blob.name.startswith(TEMP_PREFIX):
                    found.append(blob.name)
        return found

    def exists(self) -> bool:
        """Whether the chain has anything stored (files or a ledger)."""
        return self.root.is_dir()

    def has_ledger(self) -> bool:
        return self.ledger_path.exists()

    # --- ledger ------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        private_dir(self.root)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        try:
            _lock(fd)
            try:
                yield
            finally:
                _unlock(fd)
        finally:
            os.close(fd)

    def ledger_bytes(self) -> bytes:
        """The ledger file as it is on disk (empty when there is none)."""
        return self.ledger_path.read_bytes() if self.ledger_path.exists() else b""

    def entries(self) -> list[Entry]:
        """Every entry in order; a line that cannot be read raises ``ValidationError`` naming it
        (:class:`HalfWrittenLine` for a cut-off last line)."""
        return parse_ledger(self.ledger_bytes())

    def append(self, entry: LedgerEntry) -> None:
        """Write one entry computed from :meth:`entries` (the caller holds the case's lock) and fsync it."""
        with self._locked():
            self._write(entry)

    def _write(self, entry: LedgerEntry) -> None:
        line = json.dumps(ledger.entry_to_dict(entry), ensure_ascii=False, sort_keys=True) + "\n"
        fd = os.open(self.ledger_path, os.O_RDWR | os.O_APPEND | os.O_CREAT, PRIVATE_FILE)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":  # a complete last line without its newline
                line = "\n" + line
            data = memoryview(line.encode("utf-8"))
            while data:
                data = data[os.write(fd, data) :]
            os.fsync(fd)
        finally:
            os.close(fd)

    def add(
        self,
        data: bytes,
        *,
        description: str,
        name: str = "",
        debt_id: str = "",
        contact_id: str = "",
        recorded_at: str | None = None,
    ) -> LedgerEntry:
        """Store ``data`` (checked by content and size) and append its entry; returns the entry. On its own (the
        command line, tests): the web app appends through :mod:`xieshang.cases.evidence` under the case's lock."""
        media_type = media.check(data, self.max_bytes, media.safe_name(name) if name else "file")
        sha256 = self.write_blob(data)
        with self._locked():
            entry = ledger.append(
                self.entries(),
                file_sha256=sha256,
                size=len(data),
                media_type=media_type,
                recorded_at=recorded_at or now_iso(),
                description=description.strip(),
                case_id=self.key,
                debt_id=debt_id,
                contact_id=contact_id,
                name=media.safe_name(name) if name else "",
            )
            self._write(entry)
        return entry

    def redact(self, seq: int, *, reason: str, recorded_at: str | None = None) -> LedgerEntry:
        """Withdraw file entry ``seq``: append the redaction entry (the caller deletes the file once that is
        committed, when no entry in force still needs it: :meth:`unreferenced`)."""
        with self._locked():
            entries = self.entries()
            entry = ledger.redaction(
                entries, seq, reason=reason, recorded_at=recorded_at or now_iso(), case_id=self.key
            )
            self._write(entry)
        return entry

    def unreferenced(self, sha256: str) -> bool:
        """Whether no entry in force still needs the file ``sha256`` (so it may be deleted)."""
        return all(e.file_sha256 != sha256 for e in ledger.live_files(self.entries()))

    def verify(self, anchor: Anchor | None = None) -> VerifyReport:
        """Check the chain, every stored file against its hash and, given one, the head against ``anchor``."""
        try:
            entries = self.entries()
        except ValidationError as error:
            return VerifyReport(checked=0, problems=(Problem(0, KIND_UNREADABLE, f"账本无法读取：{error}"),))
        found: dict[str, str | None] = {}
        for entry in entries:
            if (
                isinstance(entry, LedgerEntry)
                and entry.kind == ledger.FILE
                and entry.file_sha256 not in found
            ):
                found[entry.file_sha256] = self.file_digest(entry.file_sha256)
        report = verify_chain(entries, found)
        if anchor is not None:
            report = report.with_problems(check_head(entries, anchor))
        return report

    def repair(self) -> str | None:
        """Cut a half-written last line off the ledger (nothing else); the text removed, or None if none."""
        with self._locked():
            try:
                self.entries()
            except HalfWrittenLine as half:
                raw = self.ledger_path.read_bytes()
                keep = raw[: raw.rfind(b"\n") + 1]  # everything up to the end of the last complete line
                with self.ledger_path.open("r+b") as handle:
                    handle.truncate(len(keep))
                    handle.flush()
                    os.fsync(handle.fileno())
                return half.text
        return None

    def destroy(self) -> None:
        """Delete the chain: its ledger and every file (the case is gone)."""
        shutil.rmtree(self.root, ignore_errors=True)
