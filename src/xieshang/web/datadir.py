"""The data directory at rest: readable by the account that runs Xieshang only.

The directory holds the SQLite database (names, ID numbers, debts), the secret key and the evidence store,
so it is ``0700`` and its files ``0600``. SQLite creates the ``-wal`` and ``-shm`` files with the mode of the
database file, so creating that file ``0600`` before SQLite first opens it covers all three.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from xieshang.core.errors import XieshangError

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


IN_USE = ".in-use"


class DataDirInUse(XieshangError):
    """Another process (the app, a worker) is using the data directory."""


def _lock_file(data_dir: Path) -> int:
    data_dir.mkdir(parents=True, exist_ok=True, mode=DIRECTORY_MODE)
    return os.open(data_dir / IN_USE, os.O_RDWR | os.O_CREAT, FILE_MODE)


def hold_shared_use(data_dir: Path) -> int:
    """Mark the data directory as in use by this process for as long as it runs (the app and workers call it):
    a restore refuses while any process holds it. The descriptor, kept open on purpose."""
    import fcntl

    fd = _lock_file(data_dir)
    fcntl.flock(fd, fcntl.LOCK_SH)
    return fd


@contextlib.contextmanager
def exclusive_use(data_dir: Path) -> Iterator[None]:
    """The data directory for this process alone, or :class:`DataDirInUse` at once."""
    import fcntl

    fd = _lock_file(data_dir)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DataDirInUse(
                "协商正在使用这个数据目录（网页服务或后台任务在运行），请先停止它们再恢复 / stop the app and its "
                "workers first"
            ) from None
        yield
    finally:
        os.close(fd)
