"""Key rotation for the files sealed at rest (:mod:`.sealing`), without stopping the server.

``xieshang files rotate --new-key`` (``xieshang.cli.files``):

1. :func:`add_key` puts a new key first in the data directory's key file, keeping the old ones after it. Every
   running process re-reads the file when it changes, so from then on new files are sealed with the new key
   while every file sealed before still opens.
2. :func:`reseal_all` reads every stored file of every case, and each one not sealed with the first key (or
   not sealed at all: written before encryption) is sealed again with it and replaced in one rename. A file's
   content never changes, so its hash, the ledger and ``verify`` are untouched; a reader at any moment sees
   either the old sealed file or the new one, and opens both.
3. :func:`retire_old_keys` (``--retire``, once every file is on the new key) leaves only the first key.

With keys from ``XIESHANG_FILE_KEYS`` the operator puts the new key first in that setting and restarts, then
runs ``xieshang files rotate`` (without ``--new-key``) to re-seal; the key file is not used then.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xieshang.core.errors import ValidationError

from . import sealing
from .store import TEMP_PREFIX, chains_root, write_private


@dataclass(frozen=True)
class Resealed:
    files: int  # files looked at
    resealed: int  # sealed again with the first key (were on an older key, or not sealed)
    unreadable: tuple[str, ...] = ()  # files no key in force opens (changed on disk): left as they are

    @property
    def all_current(self) -> bool:
        return not self.unreadable


def key_file(data_dir: Path) -> Path:
    """The key file in force: the one this process was configured with, else the data directory's."""
    sealing.configure_for(data_dir)
    return sealing.SOURCE.path or Path(data_dir) / "file_keys"


def _refuse_if_fixed() -> None:
    if sealing.SOURCE.fixed is not None:
        raise ValidationError(
            "密钥来自 XIESHANG_FILE_KEYS：请把新密钥放在该设置的最前面并重启，再运行 xieshang files rotate"
            " / keys come from XIESHANG_FILE_KEYS: put the new key first there, restart, then run rotate",
            "XIESHANG_FILE_KEYS",
        )


def add_key(data_dir: Path) -> str:
    """Put a new key first in the data directory's key file (the old ones stay, after it); the new key's id."""
    path = key_file(data_dir)
    _refuse_if_fixed()
    sealing.keyring()  # creates the file on first use
    new = sealing.new_key_text()
    sealing.write_key_file(path, [new, *sealing.key_file_texts(path)])
    return sealing.key_id(sealing.parse_key(new)).hex()


def stored_files(data_dir: Path) -> list[Path]:
    """Every stored file of every case (``evidence/cases/<key>/blobs/ab/<sha256>``), temporary ones left out."""
    root = chains_root(data_dir)
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob("*/blobs/*/*") if p.is_file() and not p.name.startswith(TEMP_PREFIX))


def reseal_all(data_dir: Path) -> Resealed:
    """Seal every stored file not on the first key again with it (see the module's docstring)."""
    key_file(data_dir)
    ring = sealing.keyring()
    files, resealed, unreadable = 0, 0, []
    for path in stored_files(data_dir):
        files += 1
        stored = path.read_bytes()
        if ring.is_current(stored):
            continue
        try:
            content = ring.open(stored, path.name)
        except sealing.SealError:
            unreadable.append(str(path.relative_to(data_dir)))
            continue
        write_private(path, ring.seal(content, path.name))
        resealed += 1
    return Resealed(files, resealed, tuple(unreadable))


def retire_old_keys(data_dir: Path) -> int:
    """Keep only the first key in the key file, once every stored file is sealed with it; how many keys were
    removed. Refused (ValidationError) while any file still needs an older key."""
    path = key_file(data_dir)
    _refuse_if_fixed()
    ring = sealing.keyring()
    behind = [p for p in stored_files(data_dir) if not ring.is_current(p.read_bytes())]
    if behind:
        raise ValidationError(
            f"还有 {len(behind)} 个文件使用旧密钥，请先运行 xieshang files rotate"
            f" / {len(behind)} files still need an older key: run rotate first",
            "file_keys",
        )
    texts = sealing.key_file_texts(path)
    sealing.write_key_file(path, texts[:1])
    return len(texts) - 1
