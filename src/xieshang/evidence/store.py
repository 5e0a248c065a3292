"""The evidence store on disk.

Layout under ``<data-dir>/evidence/``::

    blobs/ab/<sha256>     every file once, named by its SHA-256 (content-addressed)
    ledger.jsonl          the hash-chained ledger, one JSON object a line, append-only
    ledger.lock           held (flock) while an entry is appended

Files are accepted by content (see :mod:`media`), never by name; a name is kept only as a label.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from xieshang.core import ledger
from xieshang.core.errors import ValidationError
from xieshang.core.ledger import LedgerEntry, LedgerStub, Problem, VerifyReport

from . import media

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

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


class EvidenceStore:
    """Evidence files and their ledger in ``root`` (normally ``<data-dir>/evidence``)."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.blobs = self.root / "blobs"
        self.ledger_path = self.root / "ledger.jsonl"
        self.lock_path = self.root / "ledger.lock"

    @classmethod
    def in_data_dir(cls, data_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> EvidenceStore:
        return cls(Path(data_dir) / "evidence", max_bytes)

    # --- files -------------------------------------------------------------------------------------

    def blob_path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValidationError("not a SHA-256", "sha256")
        return self.blobs / sha256[:2] / sha256

    def read(self, sha256: str) -> bytes:
        return self.blob_path(sha256).read_bytes()

    def _write_blob(self, data: bytes, sha256: str) -> None:
        target = self.blob_path(sha256)
        if target.exists() and sha256_file(target) == sha256:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
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

    # --- ledger ------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with self.lock_path.open("a+b") as handle:
            _lock(handle.fileno())
            try:
                yield
            finally:
                _unlock(handle.fileno())

    def entries(self) -> list[LedgerEntry | LedgerStub]:
        """Every ledger entry in order; a line that cannot be read raises ``ValidationError`` naming it."""
        if not self.ledger_path.exists():
            return []
        result: list[LedgerEntry | LedgerStub] = []
        with self.ledger_path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValidationError(f"不是有效的 JSON：{error.msg}", f"ledger.jsonl:{number}") from None
                result.append(ledger.entry_from_dict(data, f"ledger.jsonl:{number}"))
        return result

    def add(
        self,
        data: bytes,
        *,
        description: str,
        name: str = "",
        case_id: str = "",
        debt_id: str = "",
        contact_id: str = "",
        recorded_at: str | None = None,
    ) -> LedgerEntry:
        """Store ``data`` (checked by content and size) and append its ledger entry; returns the entry."""
        media_type = media.check(data, self.max_bytes, media.safe_name(name) if name else "file")
        sha256 = sha256_bytes(data)
        self._write_blob(data, sha256)
        with self._locked():
            entry = ledger.append(
                self.entries(),
                file_sha256=sha256,
                size=len(data),
                media_type=media_type,
                recorded_at=recorded_at or now_iso(),
                description=description.strip(),
                case_id=case_id,
                debt_id=debt_id,
                contact_id=contact_id,
                name=media.safe_name(name) if name else "",
            )
            line = json.dumps(ledger.entry_to_dict(entry), ensure_ascii=False, sort_keys=True) + "\n"
            with self.ledger_path.open("a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
        return entry

    def add_file(self, path: Path, *, description: str, **fields: str) -> LedgerEntry:
        """Like :meth:`add` for a file on disk; refuses files over the size limit before reading them."""
        path = Path(path)
        if not path.is_file():
            raise ValidationError("文件不存在 (no such file)", str(path))
        size = path.stat().st_size
        if size > self.max_bytes:
            raise media.too_large(size, self.max_bytes, media.safe_name(path.name))
        return self.add(
            path.read_bytes(), description=description, name=fields.pop("name", path.name), **fields
        )

    def verify(self) -> VerifyReport:
        """Check the chain and every stored file against its hash."""
        try:
            entries = self.entries()
        except ValidationError as error:
            problem = Problem(0, ledger.KIND_UNREADABLE, f"账本无法读取：{error}")
            return VerifyReport(checked=0, problems=(problem,))
        found: dict[str, str | None] = {}
        for entry in entries:
            if isinstance(entry, LedgerEntry) and entry.file_sha256 not in found:
                try:
                    blob = self.blob_path(entry.file_sha256)
                except ValidationError:  # a forged hash that is not one: counts as missing
                    found[entry.file_sha256] = None
                    continue
                found[entry.file_sha256] = sha256_file(blob) if blob.is_file() else None
        return ledger.verify_chain(entries, found)
