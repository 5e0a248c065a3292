"""Small writes a page makes on the side (an audit log's *view* entry, a session's "last seen"), written without
making the page wait for SQLite's write lock.

Pages that only read never wait for a writer (docs/architecture.md, "Reads"). A side write is first tried at
once with a short busy timeout; when another connection holds SQLite's write lock, it is handed to one
background thread that writes it as soon as the lock is free (in the order given, with the time it was made).
On PostgreSQL, and inside a transaction, it is written at once: nothing there waits for a database-wide lock.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable, Iterator

from django.db import OperationalError, close_old_connections, connection

log = logging.getLogger(__name__)

TRY_FOR_MS = 50
_queue: queue.Queue[Callable[[], object]] = queue.Queue()
_thread: threading.Thread | None = None
_start = threading.Lock()


@contextlib.contextmanager
def _short_wait() -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA busy_timeout = {TRY_FOR_MS}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(before)}")


def write(action: Callable[[], object]) -> None:
    """Run ``action`` (one small write) now, or soon after SQLite's write lock is released."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        action()
        return
    try:
        with _short_wait():
            action()
    except OperationalError as error:
        if "locked" not in str(error) and "busy" not in str(error):
            raise
        _later(action)


def _later(action: Callable[[], object]) -> None:
    global _thread
    _queue.put(action)
    with _start:
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_run, name="xieshang-deferred-writes", daemon=True)
            _thread.start()


def _run() -> None:
    while True:
        action = _queue.get()
        try:
            action()  # this thread's own connection waits for the lock as long as the busy timeout allows
        except Exception:  # a side write must never take the server down; it is logged
            log.exception("a deferred write failed")
        finally:
            close_old_connections()
            _queue.task_done()


def drain(timeout: float = 30.0) -> None:
    """Wait until every deferred write is done (tests, and before a process exits)."""
    done = threading.Event()

    def wait() -> None:
        _queue.join()
        done.set()

    threading.Thread(target=wait, daemon=True).start()
    done.wait(timeout)
