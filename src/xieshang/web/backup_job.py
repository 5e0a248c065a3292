"""Backups as background jobs, and backups kept in the app's file storage.

``xieshang backup --store`` keeps the archive in the file storage under ``backups/`` (the data directory's
``backups/`` folder, or the bucket when the files are on object storage) instead of a local path;
``xieshang backup --queue`` hands the same work to a worker (any machine that runs ``xieshang worker``), for a
timer on a machine that does not hold the files. ``keep`` deletes all but the newest backups there.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import connection
from django.utils.translation import gettext_noop
from django_tasks import task

from xieshang.cases.evidence import store_for_chain
from xieshang.jobs.models import Job
from xieshang.jobs.runner import Progress, run

from .backup import BackupReport, take_backup

FOLDER = "backups"
STEPS = (gettext_noop("数据库快照和文件"), gettext_noop("保存备份"))


def backup_name() -> str:
    return f"xieshang-backup-{datetime.now().astimezone():%Y%m%d-%H%M%S}.zip"


def store_backup(keep: int | None = None, progress: Any = None) -> tuple[str, BackupReport]:
    """Take a backup into the file storage; (its storage name, the report)."""
    data_dir = Path(settings.DATA_DIR)
    name = backup_name()
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=data_dir) as scratch:
        target = Path(scratch) / name
        report = take_backup(
            target,
            dict(connection.settings_dict),
            store_for_chain,
            data_dir / "secret_key",
            Path(scratch),
            progress or (lambda _s: None),
        )
        storage = storages["xieshang"]
        with target.open("rb") as handle:
            stored = storage.save(f"{FOLDER}/{name}", File(handle, name=name))
    if keep is not None:
        prune_stored(keep, stored)
    return stored, report


def prune_stored(keep: int, made: str) -> list[str]:
    """Delete all but the newest ``keep`` backups in the storage's ``backups/`` (never ``made``)."""
    storage = storages["xieshang"]
    try:
        _dirs, files = storage.listdir(FOLDER)
    except FileNotFoundError:
        return []
    ours = sorted((f for f in files if f.startswith("xieshang-backup-") and f.endswith(".zip")), reverse=True)
    gone = [f"{FOLDER}/{f}" for f in ours[keep:] if f"{FOLDER}/{f}" != made]
    for name in gone:
        storage.delete(name)
    return gone


@task()
def backup_task(job_id: str) -> dict[str, Any]:
    return run(job_id, _backup)


def _backup(job: Job, progress: Progress) -> dict[str, Any]:
    progress(1, STEPS[0])
    keep = job.arguments.get("keep")
    stored, report = store_backup(int(keep) if keep else None)
    progress(2, STEPS[1])
    return {
        "file": stored,
        "size": report.size,
        "content": report.manifest["content"],
        "warnings": report.warnings,
    }
