"""Files encrypted at rest: AES-256-GCM over the bytes a store writes, undone over the bytes it reads.

This is a layer over bytes, not a store: :meth:`Keyring.seal` turns a file's content into what is written to
disk (or to object storage), :meth:`Keyring.open` turns what was read back into the content. Everything above
it (the ledger's hashes, ``verify``, bundles, downloads) sees the plaintext only, so the ledger still hashes a
file's own content and verifies after any re-encryption.

A sealed file is ``XSE1`` · the key's id (8 bytes) · a random nonce (12 bytes) · the ciphertext with its tag.
The file's name (its SHA-256) is authenticated with it, so a sealed file moved under another name does not
open. A file without the ``XSE1`` mark was written before encryption was switched on: it is read as it is,
and ``xieshang files rotate`` seals it.

Keys (32 random bytes, written in base64) come from ``XIESHANG_FILE_KEYS`` (comma-separated, the first seals,
every one opens) or, when that is empty, from the file ``<data-dir>/file_keys`` (one a line, the first seals),
created on first use. The file is read again whenever it changes, so ``xieshang files rotate --new-key``
takes effect in every running process without a restart. See docs/operators.md, "Encryption at rest".
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"XSE1"
KEY_ID_BYTES = 8
NONCE_BYTES = 12
HEADER = len(MAGIC) + KEY_ID_BYTES + NONCE_BYTES
KEY_BYTES = 32


class SealError(Exception):
    """A sealed file that cannot be opened: its key is not in the keyring, or it was changed."""


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"xieshang-file-key:" + key).digest()[:KEY_ID_BYTES]


def parse_key(text: str) -> bytes:
    """One key from its base64 text; ValueError saying what is wrong."""
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("不是 base64 / not base64") from None
    if len(key) != KEY_BYTES:
        raise ValueError(f"应为 {KEY_BYTES} 字节（实际 {len(key)}）/ must be {KEY_BYTES} bytes")
    return key


def new_key_text() -> str:
    return base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")


@dataclass(frozen=True)
class Keyring:
    """The keys in force: the first seals, every one opens."""

    keys: tuple[bytes, ...]

    def __post_init__(self) -> None:
        if not self.keys:
            raise ValueError("a keyring needs at least one key")

    @property
    def current_id(self) -> bytes:
        return key_id(self.keys[0])

    def _by_id(self, kid: bytes) -> bytes:
        for key in self.keys:
            if key_id(key) == kid:
                return key
        raise SealError("这个文件的加密密钥不在密钥列表里 / the file's key is not in the keyring")

    def seal(self, data: bytes, name: str) -> bytes:
        """``data`` as written at rest under ``name`` (its hash)."""
        key = self.keys[0]
        kid, nonce = key_id(key), os.urandom(NONCE_BYTES)
        return MAGIC + kid + nonce + AESGCM(key).encrypt(nonce, data, MAGIC + kid + name.encode("ascii"))

    def open(self, stored: bytes, name: str) -> bytes:
        """The content of a file read back from rest under ``name``; SealError if it cannot be opened."""
        if not is_sealed(stored):
            return stored  # written before encryption: rotation seals it
        kid, nonce = (
            stored[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES],
            stored[len(MAGIC) + KEY_ID_BYTES : HEADER],
        )
        try:
            return AESGCM(self._by_id(kid)).decrypt(
                nonce, stored[HEADER:], MAGIC + kid + name.encode("ascii")
            )
        except InvalidTag:
            raise SealError("文件被改动过，无法解密 / the sealed file was changed") from None

    def is_current(self, stored: bytes) -> bool:
        """Whether ``stored`` is sealed with the key that seals now (rotation leaves such files alone)."""
        return is_sealed(stored) and stored[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES] == self.current_id


def is_sealed(stored: bytes) -> bool:
    return stored[: len(MAGIC)] == MAGIC and len(stored) >= HEADER + 16


# ---- where the keys come from -------------------------------------------------------------------------


class _Source:
    """The configured keys (from the setting) or the key file, re-read when it changes."""

    def __init__(self) -> None:
        self.fixed: Keyring | None = None
        self.path: Path | None = None
        self._loaded: tuple[float, Keyring] | None = None
        self._lock = threading.Lock()

    def configure(self, keys_text: str, key_file: Path) -> None:
        with self._lock:
            keys = [k for k in (part.strip() for part in keys_text.split(",")) if k]
            self.fixed = Keyring(tuple(parse_key(k) for k in keys)) if keys else None
            self.path = Path(key_file)
            self._loaded = None

    def keyring(self) -> Keyring:
        if self.fixed is not None:
            return self.fixed
        if self.path is None:
            raise RuntimeError("file encryption is not configured (xieshang.evidence.sealing.configure)")
        with self._lock:
            path = self.path
            try:
                stamp = path.stat().st_mtime_ns
            except FileNotFoundError:
                _create_key_file(path)
                stamp = path.stat().st_mtime_ns
            if self._loaded is None or self._loaded[0] != stamp:
                self._loaded = (stamp, read_key_file(path))
            return self._loaded[1]


def read_key_file(path: Path) -> Keyring:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    keys = []
    for number, line in enumerate(lines, start=1):
        if line and not line.startswith("#"):
            try:
                keys.append(parse_key(line))
            except ValueError as error:
                raise ValueError(f"{path.name}:{number}: {error}") from None
    return Keyring(tuple(keys))


def write_key_file(path: Path, key_texts: list[str]) -> None:
    """Replace the key file at once (temporary name, fsync, rename), readable by the owner only."""
    body = (
        "# 协商 Xieshang 文件加密密钥：第一行用于加密，每一行都用于解密。丢失即无法读取文件，请另行备份。\n"
    )
    body += "# File encryption keys: the first seals, every one opens. Lose them and the files are lost.\n"
    body += "".join(f"{k}\n" for k in key_texts)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _create_key_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(new_key_text() + "\n")
            handle.flush()
            os.fsync(handle.fileno())


def key_file_texts(path: Path) -> list[str]:
    """The keys of the key file as written (base64), first the one that seals."""
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


SOURCE = _Source()
configure = SOURCE.configure


def configure_for(data_dir: Path) -> None:
    """Outside the web app (a command given ``--data-dir`` only): the same keys the app would use, from
    ``XIESHANG_FILE_KEYS`` or the data directory's key file, unless keys are configured already."""
    if SOURCE.fixed is None and SOURCE.path is None:
        configure(os.environ.get("XIESHANG_FILE_KEYS", ""), Path(data_dir) / "file_keys")


def keyring() -> Keyring:
    """The keys in force in this process now."""
    return SOURCE.keyring()
