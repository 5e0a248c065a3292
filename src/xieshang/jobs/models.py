"""A job a person started and the page follows: what it is, how far it got, and what came of it.

The task queue itself is ``django_tasks_db``'s table (``DBTaskResult``); this row is what the page shows: the
step reached (in people's words), the result (a summary, a file to download) or the message of a failure, and
the time of the last sign of life (``updated_at``). Its id is random (it is in the page's address). Jobs are work
in progress, not part of the case: they do not travel in a complete export.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class JobState(models.TextChoices):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    INTERRUPTED = "interrupted"  # the process running it stopped (killed, restarted): it can be started again


class Job(models.Model):
    travels_with_case = False  # cases.case_rows: not part of a complete export

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40)  # "bill_import", "package", …
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    task_id = models.CharField(max_length=64, blank=True)
    state = models.CharField(max_length=12, choices=JobState.choices, default=JobState.QUEUED)
    step = models.PositiveSmallIntegerField(default=0)
    steps = models.PositiveSmallIntegerField(default=1)
    label = models.CharField(max_length=200, blank=True)  # the step now, in the page's language at start
    arguments = models.JSONField(default=dict, blank=True)
    result = models.JSONField(
        default=dict, blank=True
    )  # {"summary": [...], "file": …, "filename": …, "next": url}
    message = models.TextField(blank=True)  # why it failed, located, in people's words
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at",)

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED, JobState.INTERRUPTED)

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        return int(100 * self.step / max(self.steps, 1))


class JobFile(models.Model):
    """An input file a job reads when it runs (an uploaded bill), deleted with the job."""

    travels_with_case = False

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=200)
    data = models.BinaryField()

    class Meta:
        ordering = ("id",)


class DailyRun(models.Model):
    """A daily job enqueued for a day (``jobs.schedule``): the unique constraint lets exactly one of the workers
    running on any machine enqueue it."""

    travels_with_case = False

    name = models.CharField(max_length=40)
    day = models.DateField()
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-day", "name")
        constraints = (models.UniqueConstraint(fields=("name", "day"), name="jobs_daily_run_once"),)
