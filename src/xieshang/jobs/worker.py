"""The worker that runs queued jobs: ``xieshang worker`` on servers (any number, on any machine, all reading
the one database), or a thread of ``xieshang serve`` in local mode (``XIESHANG_WORKER=thread``, the default).

Each worker names itself ``<host>:<pid>:<random>``; a task it claimed stays marked with that name. A worker
starting on a host marks the tasks still "running" under a process of the same host that no longer exists as
failed and their jobs as interrupted (:func:`interrupt_dead`): a job killed with its process never looks as if
it were still running, and the person can start it again. Every worker also runs the daily scheduler
(:mod:`xieshang.jobs.schedule`: the e-mailed reminders).
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_noop

from .models import Job, JobState
from .schedule import start_scheduler

INTERRUPTED = gettext_noop("后台任务被中断（服务或后台进程停止了），请重新开始。")


def host() -> str:
    return socket.gethostname()[:40]


def worker_id() -> str:
    return f"{host()}:{os.getpid()}:{secrets.token_hex(4)}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def interrupt_dead() -> int:
    """Tasks of this host's dead workers: failed, their jobs interrupted; how many."""
    from django_tasks_db.models import DBTaskResult

    count = 0
    for result in DBTaskResult.objects.running():
        owner = (result.worker_ids or [""])[-1].split(":")
        if len(owner) < 2 or owner[0] != host() or not owner[1].isdigit() or _alive(int(owner[1])):
            continue
        result.set_failed(RuntimeError(f"worker {':'.join(owner)} stopped while running this task"))
        Job.objects.filter(task_id=str(result.id)).exclude(state__in=(JobState.DONE, JobState.FAILED)).update(
            state=JobState.INTERRUPTED, message=INTERRUPTED, updated_at=timezone.now()
        )
        count += 1
    return count


def make_worker(interval: float = 1.0, batch: bool = False) -> Any:
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id(),
        excluded_queue_names=[],
    )


def start_thread(interval: float = 1.0) -> tuple[threading.Thread, Any]:
    """A worker in a daemon thread of this process (it ends with the process); (thread, worker): set
    ``worker.running = False`` to stop it after the current task."""
    interrupt_dead()
    worker = make_worker(interval)
    thread = threading.Thread(target=worker.run, name="xieshang-worker", daemon=True)
    thread.start()
    start_scheduler(threading.Event())  # ends with the process, like the worker thread
    return thread, worker


def run_forever(interval: float = 1.0) -> None:
    """The worker in the foreground (``xieshang worker``): SIGTERM / Ctrl+C finish the current task, then stop."""
    interrupt_dead()
    worker = make_worker(interval)
    worker.configure_signals()
    stop = threading.Event()
    start_scheduler(stop)
    try:
        worker.run()
    finally:
        stop.set()
