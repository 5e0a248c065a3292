"""Kill drills: real processes killed with SIGKILL at several points, then the start-up a restart runs
(``xieshang serve``'s ``prepare``: migrations, ``cases.upkeep.recover``, interrupted jobs, the sweep of job files;
``setup_django`` finishing an interrupted restore) and checks that:

- the database passes its integrity check (SQLite ``PRAGMA integrity_check``; foreign keys on both databases);
- nothing half-done remains: an import is all there or not at all, a restore gave the old data or the new;
- no orphan file remains after the sweep (no temporary file, staging directory or job file nobody refers to).

1. ``xieshang worker`` importing a 200,000-row bill as a background job, killed while reading the file, while
   parsing it, just after it began saving and deep into saving (the one transaction); then run to the end.
2. ``xieshang case import`` of a complete export holding a 20,000-row bill, killed at five moments from 0.2 s
   to well into writing its rows; then once to the end.
3. ``xieshang restore`` killed right after each of its steps begins (checking, extracting, checking the
   database, loading on PostgreSQL, swapping in).

Runs on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection, connections

from xieshang.budget.jobs import KIND, import_bills
from xieshang.budget.models import ImportBatch, ImportedTransaction
from xieshang.cases.case_writes import delete_case
from xieshang.cases.complete import export_case
from xieshang.cases.models import Case
from xieshang.jobs.models import Job, JobFile, JobState
from xieshang.jobs.runner import start
from xieshang.web.restore import finish_interrupted
from xieshang.web.server import prepare

from ..big_bill import big_bill
from ..full_case import fingerprint, full_case

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ROWS = 200_000
PY = [sys.executable, "-c", "from xieshang.cli import main; main()"]


def _env(data_dir: Path) -> dict[str, str]:
    """The test database and data directory, for a process of the command line."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{s['NAME']}"
    else:
        url = f"postgresql://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "XIESHANG_DATA_DIR": str(data_dir)}


def _spawn(args: list[str], data_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*PY, *args], env=_env(data_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def _until(condition, timeout: float = 300.0) -> None:
    ends = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < ends, "timed out waiting for the process"
        time.sleep(0.05)


def _restart(settings, data_dir: Path) -> None:
    """What the next start does, then the checks every drill shares."""
    connections.close_all()
    settings.DATA_DIR = data_dir
    finish_interrupted(data_dir, dict(connection.settings_dict))  # setup_django does it before anything else
    prepare()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA integrity_check")
            assert cursor.fetchone()[0] == "ok"
    connection.check_constraints()
    leftovers = [
        p
        for p in data_dir.rglob("*")
        if p.name.startswith((".incoming-", ".importing-", ".restore-", ".deleting-"))
    ]
    assert leftovers == []
    assert not (data_dir / "restore-journal.json").exists()
    done = {str(pk) for pk in Job.objects.filter(state=JobState.DONE).values_list("pk", flat=True)}
    outputs = data_dir / "documents"
    assert not outputs.is_dir() or {p.name for p in outputs.iterdir()} <= done


def test_a_worker_importing_a_200000_row_bill_killed_at_four_points(owner, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    case = Case.objects.get(pk=full_case(owner).pk)
    batches_before = ImportBatch.objects.filter(case=case).count()
    rows_before = ImportedTransaction.objects.filter(case=case).count()
    data = big_bill(ROWS)
    points = [(1, 0.0), (2, 0.5), (3, 0.5), (3, 15.0)]  # (step reached, then seconds more)
    for step, more in points:
        job = start(import_bills, kind=KIND, owner=owner, case=case, files=[("两年.csv", data)])
        worker = _spawn(["worker", "--interval", "0.1"], tmp_path)
        _until(lambda job=job, step=step: Job.objects.get(pk=job.pk).step >= step)
        time.sleep(more)
        assert worker.poll() is None, worker.stderr.read() if worker.stderr else ""
        _kill(worker)
        _restart(settings, tmp_path)
        job.refresh_from_db()
        assert job.state == JobState.INTERRUPTED, (step, more, job.state)
        assert ImportBatch.objects.filter(case=case).count() == batches_before  # not a row of it stored
        assert ImportedTransaction.objects.filter(case=case).count() == rows_before
        JobFile.objects.filter(job=job).delete()
    job = start(import_bills, kind=KIND, owner=owner, case=case, files=[("两年.csv", data)])
    worker = _spawn(["worker", "--interval", "0.1"], tmp_path)
    _until(lambda: Job.objects.get(pk=job.pk).finished, timeout=600)
    _kill(worker)
    _restart(settings, tmp_path)
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert ImportedTransaction.objects.filter(case=case).count() == rows_before + ROWS


def test_a_case_import_killed_at_five_moments(owner, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    case = full_case(owner)
    from xieshang.budget.store import Upload, import_uploads

    import_uploads(case, [Upload("两年.csv", big_bill(ROWS // 10))])  # enough rows to take seconds to import
    before = fingerprint(Case.objects.get(pk=case.pk))
    export_case(case.pk, tmp_path / "case.zip")
    delete_case(case.pk)
    killed = 0
    for delay in (0.2, 0.6, 1.2, 2.0, 3.5):
        process = _spawn(["case", "import", str(tmp_path / "case.zip")], tmp_path)
        time.sleep(delay)
        finished = process.poll() is not None
        if not finished:
            _kill(process)
            killed += 1
        _restart(settings, tmp_path)
        cases = list(Case.objects.all())
        if finished:  # too late to kill: it completed, and is complete
            assert process.returncode == 0, process.stderr.read() if process.stderr else ""
        assert len(cases) <= 1
        for found in cases:
            assert fingerprint(found) == before  # all of it, evidence included, or nothing
            delete_case(found.pk)
    assert not list((tmp_path / "evidence" / "cases").glob("*"))
    assert killed >= 3  # the drill killed imports, not only watched them finish
    process = _spawn(["case", "import", str(tmp_path / "case.zip")], tmp_path)
    assert process.wait(timeout=600) == 0, process.stderr.read() if process.stderr else ""
    _restart(settings, tmp_path)
    assert fingerprint(Case.objects.get()) == before


def test_a_restore_killed_after_each_step(owner, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    case = full_case(owner)
    from xieshang.budget.store import Upload, import_uploads

    import_uploads(case, [Upload("两年.csv", big_bill(ROWS // 10))])  # a database big enough to take time
    old = fingerprint(Case.objects.get(pk=case.pk))
    backup = _spawn(["backup", "-o", str(tmp_path / "old.zip")], tmp_path)
    assert backup.wait(timeout=300) == 0, backup.stderr.read() if backup.stderr else ""
    from xieshang.cases.debt_writes import add_payments

    add_payments(case.pk, case.debts.get(key="bank").pk, [{"date": "2025-09-01", "amount": "5.00"}])
    new = fingerprint(Case.objects.get(pk=case.pk))
    backup = _spawn(["backup", "-o", str(tmp_path / "new.zip")], tmp_path)
    assert backup.wait(timeout=300) == 0
    steps = ["1/5", "2/5", "3/5", *(["4/5"] if connection.vendor == "postgresql" else []), "5/5"]
    for step in steps:
        connections.close_all()
        process = _spawn(["restore", str(tmp_path / "old.zip")], tmp_path)
        assert process.stderr is not None
        for line in process.stderr:
            if step in line:
                break
        _kill(process)
        _restart(settings, tmp_path)
        now = fingerprint(Case.objects.get(pk=case.pk))
        if step == "5/5":  # the journal was written: the swap is carried forward
            assert now == old
            connections.close_all()
            restore = _spawn(["restore", str(tmp_path / "new.zip")], tmp_path)
            assert restore.wait(timeout=300) == 0, restore.stderr.read() if restore.stderr else ""
            _restart(settings, tmp_path)
        elif step == "4/5":  # the load in one transaction: killed mid-way it left the database as it was
            assert now in (old, new)
        else:
            assert now == new, step  # nothing replaced yet
