"""Files a job makes (a negotiation package) in the app's file storage (``STORAGES["xieshang"]``: the data
directory by default, S3-compatible object storage when configured), under ``documents/<job id>/``.

A file is saved before its job's result names it, so a job killed in between leaves a file no result refers
to; :func:`sweep` deletes the files of jobs that are not done, and deleting a job (with its case) deletes its
files once that is committed.
"""

from __future__ import annotations

import contextlib
import re

from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Job, JobState

PREFIX = "documents"


def storage() -> Storage:
    return storages["xieshang"]


def _safe(name: str) -> str:
    return re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', "_", name).strip(" .") or "file"


def save_output(job: Job, filename: str, data: bytes) -> str:
    """Store ``data`` for ``job``; the storage name (what the job's result keeps)."""
    return storage().save(f"{PREFIX}/{job.id}/{_safe(filename)}", ContentFile(data))


def open_output(name: str) -> File:
    return storage().open(name, "rb")


def delete_outputs(job_id: str) -> None:
    store = storage()
    folder = f"{PREFIX}/{job_id}"
    with contextlib.suppress(FileNotFoundError, NotImplementedError):
        _dirs, files = store.listdir(folder)
        for name in files:
            store.delete(f"{folder}/{name}")


def sweep() -> int:
    """Delete the files of jobs that are not done (killed before their result was written) or gone."""
    store = storage()
    try:
        folders, _files = store.listdir(PREFIX)
    except (FileNotFoundError, NotImplementedError):
        return 0
    done = {str(pk) for pk in Job.objects.filter(state=JobState.DONE).values_list("pk", flat=True)}
    running = {
        str(pk)
        for pk in Job.objects.filter(state__in=(JobState.QUEUED, JobState.RUNNING)).values_list(
            "pk", flat=True
        )
    }
    swept = 0
    for folder in folders:
        if folder not in done and folder not in running:
            delete_outputs(folder)
            swept += 1
    return swept


@receiver(post_delete, sender=Job, dispatch_uid="jobs-delete-outputs")
def _deleted(sender: object, instance: Job, **kwargs: object) -> None:
    job_id = str(instance.pk)
    transaction.on_commit(lambda: delete_outputs(job_id))
