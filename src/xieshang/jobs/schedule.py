"""Daily background work (the e-mailed reminders): each kind is registered by the app that owns it (in its
``AppConfig.ready()``) with the setting that names its hour, and every worker (``xieshang worker`` processes and
the worker thread of ``xieshang serve``) runs a small scheduler thread that, from that hour on, enqueues it for
the day. Which worker enqueues it is decided by the database: a :class:`~xieshang.jobs.models.DailyRun` row per
kind and day (unique), so however many workers run on however many machines, the day's run is queued once. A
worker that starts after the hour (the machine was off at eight) still queues that day's run.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import DailyRun

log = logging.getLogger(__name__)
TICK_SECONDS = 60.0


@dataclass(frozen=True)
class Daily:
    name: str
    hour_setting: str  # the Django setting holding the local hour (0–23) from which the day's run is due
    enqueue: Callable[[date], str]  # queue the run for that day; the task's id


_DAILY: dict[str, Daily] = {}


def register_daily(daily: Daily) -> None:
    _DAILY.setdefault(daily.name, daily)


def tick(now: datetime | None = None) -> list[str]:
    """Enqueue every daily kind that is due at ``now`` (local time) and not yet queued today; their names."""
    local = timezone.localtime(now or timezone.now())
    queued = []
    for daily in _DAILY.values():
        if local.hour < int(getattr(settings, daily.hour_setting)):
            continue
        day = local.date()
        if DailyRun.objects.filter(name=daily.name, day=day).exists():
            continue
        try:
            with transaction.atomic():
                run = DailyRun.objects.create(name=daily.name, day=day)
                run.task_id = daily.enqueue(day)  # in the same transaction: claimed and queued, or neither
                run.save(update_fields=["task_id"])
        except IntegrityError:  # another worker claimed the day first
            continue
        queued.append(daily.name)
    return queued


def start_scheduler(stop: threading.Event, interval: float = TICK_SECONDS) -> threading.Thread:
    """The scheduler in a daemon thread: :func:`tick` now and every ``interval`` seconds until ``stop`` is set."""

    def loop() -> None:
        while not stop.is_set():
            try:
                tick()
            except Exception:  # a database hiccup must not end the scheduler; the next tick tries again
                log.exception("daily scheduler tick failed")
            stop.wait(interval)

    thread = threading.Thread(target=loop, name="xieshang-scheduler", daemon=True)
    thread.start()
    return thread
