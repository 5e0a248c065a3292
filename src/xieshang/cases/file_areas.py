"""Where a case's evidence chain lives: the data directory (the default) or the app's file storage
(``STORAGES["xieshang"]``, S3-compatible object storage through django-storages; see ``xieshang.web.storage``).

On object storage the chain keeps the same layout under ``evidence/cases/<key>/`` (``blobs/ab/<sha256>``,
``ledger.jsonl``) and the same guarantees:

- append-only: an entry is added by writing the ledger object again with the new line after every byte it had
  (an object store has no append); it is written on the case's row lock (``cases.writes.locked``), which
  serialises every writer of the chain on every app server, so no two writes interleave. Nothing rewrites an
  earlier line; a bucket with versioning or Object Lock keeps every earlier version as well.
- anchored: the head hash and entry count are in the database as on local disk, so a changed, shortened or
  replaced ledger object is detected by ``verify`` exactly as a changed file is.

Files are content-addressed: a file's object is written before its entry, and an object no entry refers to is
deleted by the start-up sweep (``cases.upkeep``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

from xieshang.core import ledger
from xieshang.core.errors import ValidationError
from xieshang.core.ledger import LedgerEntry
from xieshang.evidence.store import EvidenceStore, HalfWrittenLine, chains_root

PREFIX = "evidence/cases"


def local_files() -> bool:
    """Whether the app's files are in the data directory (not on object storage)."""
    return settings.STORAGES["xieshang"]["BACKEND"].endswith("FileSystemStorage")


class StorageEvidenceStore(EvidenceStore):
    """A case's chain in a Django :class:`~django.core.files.storage.Storage` (see the module docstring)."""

    local = False

    def __init__(self, storage: Storage, key: str, max_bytes: int) -> None:
        super().__init__(Path(PREFIX) / key, max_bytes, key)
        self.storage = storage
        self.prefix = f"{PREFIX}/{key}"
        self.ledger_name = f"{self.prefix}/ledger.jsonl"

    def _blob(self, sha256: str) -> str:
        self.blob_path(sha256)  # refuses what is not a SHA-256
        return f"{self.prefix}/blobs/{sha256[:2]}/{sha256}"

    def read(self, sha256: str) -> bytes:
        name = self._blob(sha256)
        if not self.storage.exists(name):
            raise FileNotFoundError(name)
        with self.storage.open(name, "rb") as handle:
            return bytes(handle.read())

    def has(self, sha256: str) -> bool:
        return self.storage.exists(self._blob(sha256))

    def write_blob(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        if self.file_digest(sha256) != sha256:
            self.storage.save(self._blob(sha256), ContentFile(data))
        return sha256

    def delete_blob(self, sha256: str) -> None:
        self.storage.delete(self._blob(sha256))

    def file_digest(self, sha256: str) -> str | None:
        try:
            return hashlib.sha256(self.read(sha256)).hexdigest()
        except (FileNotFoundError, ValidationError):
            return None

    def blob_names(self, older_than: float = 0.0) -> list[str]:
        cutoff = time.time() - older_than
        found = []
        with contextlib.suppress(FileNotFoundError):
            folders, _files = self.storage.listdir(f"{self.prefix}/blobs")
            for folder in folders:
                _sub, names = self.storage.listdir(f"{self.prefix}/blobs/{folder}")
                for name in names:
                    when = self.storage.get_modified_time(f"{self.prefix}/blobs/{folder}/{name}").timestamp()
                    if when < cutoff:
                        found.append(name)
        return found

    def exists(self) -> bool:
        return self.has_ledger() or bool(self.blob_names())

    def has_ledger(self) -> bool:
        return self.storage.exists(self.ledger_name)

    def ledger_bytes(self) -> bytes:
        if not self.has_ledger():
            return b""
        with self.storage.open(self.ledger_name, "rb") as handle:
            return bytes(handle.read())

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        yield  # the case's row lock serialises the chain's writers (module docstring)

    def _write(self, entry: LedgerEntry) -> None:
        line = json.dumps(ledger.entry_to_dict(entry), ensure_ascii=False, sort_keys=True) + "\n"
        current = self.ledger_bytes()
        if current and not current.endswith(b"\n"):
            current += b"\n"
        self.storage.save(self.ledger_name, ContentFile(current + line.encode("utf-8")))

    def repair(self) -> str | None:
        try:
            self.entries()
        except HalfWrittenLine as half:
            raw = self.ledger_bytes()
            self.storage.save(self.ledger_name, ContentFile(raw[: raw.rfind(b"\n") + 1]))
            return half.text
        return None

    def destroy(self) -> None:
        for name in _all_names(self.storage, self.prefix):
            self.storage.delete(name)


def _all_names(storage: Storage, folder: str) -> list[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{f}" for f in files]
    for sub in folders:
        names += _all_names(storage, f"{folder}/{sub}")
    return names


def chain_store(chain: str) -> EvidenceStore:
    """The evidence store of chain ``chain``, wherever the app's files are."""
    if local_files():
        return EvidenceStore.of_case(settings.DATA_DIR, chain, settings.EVIDENCE_MAX_BYTES)
    EvidenceStore.of_case(settings.DATA_DIR, chain)  # refuses a key that cannot name a chain
    return StorageEvidenceStore(storages["xieshang"], chain, settings.EVIDENCE_MAX_BYTES)


def place_chain(staged: Path, chain: str) -> None:
    """Put a chain extracted to the local directory ``staged`` into place (after the rows referring to it are
    committed): renamed into the data directory, or copied to object storage and then deleted."""
    if local_files():
        staged.rename(chains_root(Path(settings.DATA_DIR)) / chain)
        return
    upload_chain(staged, chain)
    shutil.rmtree(staged, ignore_errors=True)


def upload_chain(folder: Path, chain: str) -> None:
    """Copy a chain laid out in a local folder to object storage (the same names under its prefix)."""
    store = chain_store(chain)
    assert isinstance(store, StorageEvidenceStore)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "ledger.lock":
            name = f"{store.prefix}/{path.relative_to(folder).as_posix()}"
            store.storage.save(name, ContentFile(path.read_bytes()))


def remote_chains() -> list[str]:
    """The chains on object storage (none when the files are local)."""
    if local_files():
        return []
    with contextlib.suppress(FileNotFoundError):
        folders, _files = storages["xieshang"].listdir(PREFIX)
        return folders
    return []
