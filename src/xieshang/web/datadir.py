"""The data directory at rest: readable by the account that runs Xieshang only.

The directory holds the SQLite database (names, ID numbers, debts), the secret key and the evidence store,
so it is ``0700`` and its files ``0600``. SQLite creates the ``-wal`` and ``-shm`` files with the mode of the
database file, so creating that file ``0600`` before SQLite first opens it covers all three.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

DIRECTORY_MODE = 0o700
FILE_MODE = 0o600
PRIVATE_UMASK = 0o077
DATABASE = "xieshang.sqlite3"


def prepare_data_dir(path: Path, sqlite: bool = True) -> None:
    """Create ``path`` (``0700``) and, for SQLite, the database file (``0600``); tighten what an older version
    left open."""
    path.mkdir(parents=True, exist_ok=True, mode=DIRECTORY_MODE)
    with contextlib.suppress(PermissionError):  # a directory shared on purpose by its owner stays as it is
        if path.stat().st_mode & 0o077:
            path.chmod(DIRECTORY_MODE)
    if sqlite:
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path / DATABASE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    for name in (DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm", "secret_key"):
        _tighten(path / name)


def _tighten(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError, PermissionError):
        if path.stat().st_mode & 0o077:
            path.chmod(FILE_MODE)


def private_umask() -> int:
    """Make every file this process creates from now on private (``0600`` / ``0700``); the old umask."""
    return os.umask(PRIVATE_UMASK)
