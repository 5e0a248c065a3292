"""``xieshang backup`` and ``xieshang restore``: the whole data directory as one verified archive, and back.

``backup`` runs while the app does (a consistent snapshot, see :mod:`xieshang.web.backup`); ``--keep N`` then
deletes all but the newest N backups of the same folder, for a nightly timer (docs/operators.md). ``restore``
verifies the archive before it replaces anything and refuses a damaged, cut-short, altered or foreign one with
a message naming the member; the app and its workers must be stopped first.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from xieshang.core.errors import XieshangError

from .common import DATA_DIR_HELP, data_dir, fail

BACKUP_NAME = re.compile(r"^xieshang-backup-\d{8}-\d{6}\.zip$")
DataDir = Annotated[Path | None, typer.Option("--data-dir", help=DATA_DIR_HELP)]


def _django(directory: Path | None) -> Path:
    from xieshang.web.config import ConfigError
    from xieshang.web.server import setup_django

    chosen = data_dir(directory)
    try:
        setup_django(chosen)
    except ConfigError as error:
        fail(str(error))
    return chosen


def _say(step: str) -> None:
    typer.echo(f"  {step}", err=True)


def _prune(folder: Path, keep: int, made: Path) -> list[Path]:
    """Delete all but the newest ``keep`` backups named like ours in ``folder`` (never ``made``)."""
    ours = sorted(
        (p for p in folder.iterdir() if BACKUP_NAME.match(p.name)), key=lambda p: p.name, reverse=True
    )
    gone = [p for p in ours[keep:] if p != made]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def backup(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="备份文件 Backup file (default: <data-dir>/backups/xieshang-backup-<time>.zip)",
        ),
    ] = None,
    keep: Annotated[
        int | None,
        typer.Option(min=1, help="只保留同一目录里最新的 N 份备份 Keep only the newest N backups there"),
    ] = None,
    store: Annotated[
        bool,
        typer.Option(
            "--store", help="存入文件存储的 backups/（对象存储时即存储桶）Keep it in the file storage"
        ),
    ] = False,
    queue: Annotated[
        bool,
        typer.Option(
            "--queue", help="交给后台进程去做（存入文件存储）Hand it to a worker (kept in the storage)"
        ),
    ] = False,
    data_dir_option: DataDir = None,
) -> None:
    """备份整个数据目录（应用运行时也可以）。 Back up the whole data directory, while the app runs."""
    chosen = _django(data_dir_option)
    if queue or store:
        _stored(queue, keep)
        return
    from django.db import connection

    from xieshang.cases.evidence import store_for_chain
    from xieshang.web.backup import take_backup

    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
    target = (output or chosen / "backups" / f"xieshang-backup-{stamp}.zip").expanduser().resolve()
    secret = chosen / "secret_key"
    try:
        report = take_backup(
            target,
            dict(connection.settings_dict),
            store_for_chain,
            secret,
            target.parent,
            progress=_say,
        )
    except XieshangError as error:
        fail(str(error))
    typer.echo(
        f"已备份 Backed up: {target}（{len(report.manifest['evidence'])} 个案件 cases，"
        f"{len(report.manifest['members'])} 个文件 members，{report.size / 1e6:.1f} MB）"
    )
    typer.echo(f"内容哈希 content: {report.manifest['content']}")
    for warning in report.warnings:
        typer.echo(f"注意 Warning: {warning}", err=True)
    if keep is not None:
        for path in _prune(target.parent, keep, target):
            typer.echo(f"已删除旧备份 Deleted old backup: {path.name}")


def _stored(queue: bool, keep: int | None) -> None:
    if queue:
        from xieshang.accounts.users import local_owner
        from xieshang.jobs.runner import start
        from xieshang.web.backup_job import backup_task

        job = start(backup_task, kind="backup", owner=local_owner(), arguments={"keep": keep}, steps=2)
        typer.echo(f"已交给后台进程 Queued for a worker: {job.pk}")
        return
    from xieshang.web.backup_job import store_backup

    try:
        name, report = store_backup(keep, progress=_say)
    except XieshangError as error:
        fail(str(error))
    typer.echo(f"已备份到文件存储 Backed up into the file storage: {name}（{report.size / 1e6:.1f} MB）")
    typer.echo(f"内容哈希 content: {report.manifest['content']}")


def _known_migrations() -> dict[str, set[str]]:
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    known: dict[str, set[str]] = {}
    for app, name in loader.disk_migrations:
        known.setdefault(app, set()).add(name)
    return known


def restore(
    file: Annotated[Path, typer.Argument(help="备份文件 Backup file", show_default=False)],
    data_dir_option: DataDir = None,
) -> None:
    """用备份替换当前数据（先核验；不通过就什么都不改）。 Replace the data by a backup, verified first."""
    chosen = _django(data_dir_option)
    from django.core.management import call_command
    from django.db import connection, connections

    from xieshang.web.restore import restore_backup

    settings_dict: dict[str, Any] = dict(connection.settings_dict)
    connections.close_all()
    try:
        report = restore_backup(file.expanduser().resolve(), chosen, settings_dict, _known_migrations(), _say)
    except XieshangError as error:
        fail(f"{error}。当前数据没有改动 / the current data is unchanged")
    call_command("migrate", interactive=False, verbosity=0)
    typer.echo(
        f"已恢复 Restored: {file}（备份于 made {report.created_at}，{report.cases} 个案件 cases，"
        f"{report.members} 个文件 members 核验无误 verified）"
    )
