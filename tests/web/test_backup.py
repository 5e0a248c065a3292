"""Backups and restores (web/backup.py, web/restore.py, web/dbsnapshot.py) as drills, on SQLite and, with
DATABASE_URL, on PostgreSQL.

- A backup taken while a writer thread records payments restores, after the data is wiped, to one moment of the
  case: every payment acknowledged before the backup began is there, none that was not acknowledged by the time it
  ended, and every other row, ledger entry and file is identical (hashes compared). A second backup taken once the
  writer stopped restores to exactly the data it was taken from.
- A truncated archive, one with a member changed, one with a member added, a foreign zip and a case export given
  as a backup are each refused with the member (or the archive) named, and the data is untouched.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections

from xieshang.archives.manifest import ArchiveError
from xieshang.cases import evidence
from xieshang.cases.complete import export_case
from xieshang.cases.debt_writes import add_payments
from xieshang.cases.models import Case, Payment
from xieshang.web.backup import take_backup
from xieshang.web.datadir import DataDirInUse, hold_shared_use
from xieshang.web.restore import restore_backup

from ..full_case import fingerprint, full_case


def _known() -> dict[str, set[str]]:
    from django.db.migrations.loader import MigrationLoader

    known: dict[str, set[str]] = {}
    for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations:
        known.setdefault(app, set()).add(name)
    return known


def _backup(target: Path, data_dir: Path):
    return take_backup(target, dict(connection.settings_dict), evidence.store_for_chain, None, data_dir)


def _restore(source: Path, data_dir: Path) -> None:
    settings_dict = dict(connection.settings_dict)
    connections.close_all()
    restore_backup(source, data_dir, settings_dict, _known())


def _wipe(data_dir: Path) -> None:
    """Lose everything: the database's rows and the evidence files."""
    if connection.vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        connections.close_all()
        for path in (name, Path(f"{name}-wal"), Path(f"{name}-shm")):
            path.unlink(missing_ok=True)
    else:
        call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(data_dir / "evidence", ignore_errors=True)
    assert not (data_dir / "evidence").exists()


class Writer(threading.Thread):
    """Records payments one at a time until stopped; every acknowledged payment's note, in order."""

    def __init__(self, case_pk: int, debt_pk: int) -> None:
        super().__init__()
        self.case_pk, self.debt_pk = case_pk, debt_pk
        self.acknowledged: list[str] = []
        self.stop = threading.Event()
        self.errors: list[BaseException] = []

    def run(self) -> None:
        try:
            number = 0
            while not self.stop.is_set():
                note = f"w{number}"
                add_payments(
                    self.case_pk, self.debt_pk, [{"date": "2025-08-01", "amount": "1.00", "note": note}]
                )
                self.acknowledged.append(note)
                number += 1
        except BaseException as error:  # pragma: no cover - reported by the test
            self.errors.append(error)
        finally:
            connection.close()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_backup_while_writing_then_wipe_and_restore(owner, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    case = full_case(owner)
    debt = case.debts.get(key="bank")
    before = fingerprint(case)
    writer = Writer(case.pk, debt.pk)
    writer.start()
    while len(writer.acknowledged) < 5:
        time.sleep(0.01)
    started = set(writer.acknowledged)
    report = _backup(tmp_path / "during.zip", tmp_path)
    ended = set(writer.acknowledged)
    while len(writer.acknowledged) < len(ended) + 5:  # it went on writing after the backup
        time.sleep(0.01)
    writer.stop.set()
    writer.join()
    assert writer.errors == []
    assert report.warnings == []

    _wipe(tmp_path)
    _restore(tmp_path / "during.zip", tmp_path)
    back = Case.objects.get(pk=case.pk)
    notes = set(Payment.objects.filter(debt__case=back, note__startswith="w").values_list("note", flat=True))
    assert started <= notes <= ended
    assert len(notes) < len(writer.acknowledged)  # the later ones are not in this backup
    after = fingerprint(back)
    # the payments written meanwhile, and the ids they took from the case's counter (each payment has one)
    unchanged = {
        k: v for k, v in before.items() if k not in ("cases.payment", "cases.case", "case.next_serial")
    }
    assert {k: after[k] for k in unchanged} == unchanged
    assert evidence.verify(back).ok

    quiet = fingerprint(back)
    _backup(tmp_path / "quiet.zip", tmp_path)
    _wipe(tmp_path)
    _restore(tmp_path / "quiet.zip", tmp_path)
    assert fingerprint(Case.objects.get(pk=case.pk)) == quiet


def _rewrite(source: Path, target: Path, change) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info, data)


def _state(data_dir: Path) -> str:
    """What the data is now: the case rows and every evidence file, hashed."""
    digest = hashlib.sha256(repr(sorted(fingerprint(Case.objects.get()).items())).encode())
    for path in sorted((data_dir / "evidence").rglob("*")):
        if path.is_file() and path.name != "ledger.lock":
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.django_db(transaction=True)
def test_damaged_tampered_and_foreign_archives_are_refused_with_the_data_untouched(owner, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    full_case(owner)
    _backup(tmp_path / "good.zip", tmp_path)
    good = (tmp_path / "good.zip").read_bytes()
    (tmp_path / "cut.zip").write_bytes(good[: len(good) // 2])
    blob = next(n for n in zipfile.ZipFile(tmp_path / "good.zip").namelist() if "/blobs/" in n)
    _rewrite(tmp_path / "good.zip", tmp_path / "changed.zip", lambda n, d: d + b"x" if n == blob else d)
    _rewrite(tmp_path / "good.zip", tmp_path / "added.zip", lambda n, d: d)
    with zipfile.ZipFile(tmp_path / "added.zip", "a") as added:
        added.writestr("evidence/extra.txt", b"planted")
    foreign = io.BytesIO()
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("hello.txt", "not ours")
    (tmp_path / "foreign.zip").write_bytes(foreign.getvalue())
    export_case(Case.objects.get().pk, tmp_path / "case.zip")
    expected = {
        "cut.zip": "截断",
        "changed.zip": blob,
        "added.zip": "evidence/extra.txt",
        "foreign.zip": "manifest.json",
        "case.zip": "完整案件导出",
    }
    state = _state(tmp_path)
    for name, where in expected.items():
        with pytest.raises(ArchiveError) as refused:
            _restore(tmp_path / name, tmp_path)
        assert where in str(refused.value), (name, str(refused.value))
        assert _state(tmp_path) == state, name
    assert not list(tmp_path.glob(".restore-*"))


@pytest.mark.django_db(transaction=True)
def test_a_restore_waits_for_the_app_to_stop(owner, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    full_case(owner)
    _backup(tmp_path / "good.zip", tmp_path)
    held = hold_shared_use(tmp_path)  # what `xieshang serve` and `xieshang worker` hold while they run
    try:
        with pytest.raises(DataDirInUse):
            _restore(tmp_path / "good.zip", tmp_path)
    finally:
        import os

        os.close(held)
    _restore(tmp_path / "good.zip", tmp_path)


@pytest.mark.django_db(transaction=True)
def test_a_backup_as_a_job_goes_into_the_file_storage_with_retention(owner, settings, tmp_path, storage_kind):
    from django.core.files.storage import storages

    from xieshang.jobs.models import Job, JobState
    from xieshang.jobs.runner import start
    from xieshang.jobs.worker import make_worker
    from xieshang.web.backup_job import FOLDER, backup_task, prune_stored

    settings.DATA_DIR = tmp_path
    full_case(owner)
    storage = storages["xieshang"]
    for old in ("xieshang-backup-20200101-000000.zip", "xieshang-backup-20200102-000000.zip"):
        storage.save(f"{FOLDER}/{old}", io.BytesIO(b"old"))
    job = start(backup_task, kind="backup", owner=owner, arguments={"keep": 2}, steps=2)
    make_worker(interval=0, batch=True).run()
    job = Job.objects.get(pk=job.pk)
    assert job.state == JobState.DONE, job.message
    _dirs, files = storage.listdir(FOLDER)
    assert sorted(files)[0] == "xieshang-backup-20200102-000000.zip" and len(files) == 2  # the oldest went
    with storage.open(job.result["file"], "rb") as handle:
        (tmp_path / "fetched.zip").write_bytes(handle.read())
    before = _state(tmp_path)
    _restore(tmp_path / "fetched.zip", tmp_path)
    assert _state(tmp_path) == before
    assert prune_stored(1, job.result["file"]) == [f"{FOLDER}/xieshang-backup-20200102-000000.zip"]
