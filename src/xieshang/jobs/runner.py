"""Starting a job and running it: the one place that moves a job through its states.

:func:`start` writes the job (and its input files) and enqueues its task in one transaction, so a job never
waits for a task that does not exist. A task's body runs through :func:`run`, which reports each step to the job
row (``progress(step, label)``, committed at once so the page sees it) and records the outcome: the body's result,
or the message of the :class:`~xieshang.core.errors.ValidationError` it raised (a located message for the
person), or a generic one for anything else (the traceback stays in the task's row for the operator). A body
reports progress outside any write lock: on SQLite a step written while the job holds the case's lock would wait
for that lock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from xieshang.core.errors import ValidationError

from .models import Job, JobFile, JobState

log = logging.getLogger(__name__)
FAILED_UNEXPECTEDLY = gettext_noop("后台任务意外出错，请重试；如果再次出错，请告诉管理员。")
WAITING, STARTING, DONE = gettext_noop("排队等待后台进程"), gettext_noop("开始"), gettext_noop("完成")
Progress = Callable[[int, str], None]


class Enqueueable(Protocol):
    def enqueue(self, *args: Any, **kwargs: Any) -> Any: ...


def start(
    task: Enqueueable,
    *,
    kind: str,
    owner: Any,
    case: Any = None,
    arguments: dict[str, Any] | None = None,
    files: Sequence[tuple[str, bytes]] = (),
    steps: int = 3,
) -> Job:
    """A new job of ``owner`` (for ``case``), queued for a worker."""
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            owner=owner,
            case=case,
            steps=steps,
            arguments={**(arguments or {}), "language": translation.get_language() or "zh-hans"},
            label=WAITING,
        )
        JobFile.objects.bulk_create(JobFile(job=job, name=name, data=data) for name, data in files)
        result = task.enqueue(str(job.id))
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def _update(job_id: str, **fields: Any) -> None:
    Job.objects.filter(pk=job_id).update(updated_at=timezone.now(), **fields)


def run(job_id: str, body: Callable[[Job, Progress], dict[str, Any]]) -> dict[str, Any]:
    """Run ``body`` for job ``job_id`` (see the module docstring); the result stored."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.finished:  # deleted with its case, or already run
        return {}

    def progress(step: int, label: str) -> None:
        _update(job_id, state=JobState.RUNNING, step=step, label=label)

    progress(0, STARTING)
    with translation.override(job.arguments.get("language", "zh-hans")):
        try:
            result = body(job, progress)
        except ValidationError as error:
            _update(job_id, state=JobState.FAILED, message="\n".join(str(e) for e in error.errors))
            JobFile.objects.filter(job_id=job_id).delete()
            return {"failed": True}
        except BaseException:
            log.exception("job %s (%s) failed", job_id, job.kind)
            _update(job_id, state=JobState.FAILED, message=FAILED_UNEXPECTEDLY)
            raise
    _update(job_id, state=JobState.DONE, step=job.steps, label=DONE, result=result)
    JobFile.objects.filter(job_id=job_id).delete()
    return {"done": True}
