"""Files on S3-compatible object storage (cases/file_areas.py, web/storage.py), against moto's server on
loopback through django-storages: a case's evidence and material files and its ledger are written to the
bucket, read back and verified; withdrawing a file deletes its object; deleting the case deletes every object of
it; a backup taken with the files in the bucket restores them there; a complete export imports into the bucket.
"""

from __future__ import annotations

import pytest
from django.db import connection, connections

from xieshang.cases import evidence
from xieshang.cases.case_writes import delete_case
from xieshang.cases.complete import export_case, import_case_archive
from xieshang.cases.models import Case
from xieshang.web.backup import take_backup
from xieshang.web.restore import restore_backup

from ..full_case import fingerprint, full_case
from .s3 import bucket_keys
from .test_backup import _known, _wipe


@pytest.fixture
def on_s3(storage_kind):
    if storage_kind != "s3":
        pytest.skip("the local run of the same is every other test")
    return storage_kind


@pytest.mark.django_db(transaction=True)
def test_a_case_on_object_storage_round_trips(owner, settings, tmp_path, on_s3):
    settings.DATA_DIR = tmp_path
    case = full_case(owner)
    chain = case.evidence_chain
    keys = bucket_keys(settings)
    assert f"xieshang/evidence/cases/{chain}/ledger.jsonl" in keys
    blobs = [k for k in keys if f"evidence/cases/{chain}/blobs/" in k]
    assert len(blobs) == 3  # a recording, a screenshot, an ID card copy
    assert not (tmp_path / "evidence" / "cases" / chain).exists()  # nothing of it on local disk
    assert evidence.verify(case).ok
    before = fingerprint(case)

    export_case(case.pk, tmp_path / "case.zip")
    delete_case(case.pk)
    assert not [k for k in bucket_keys(settings) if chain in k]  # every object of the case is gone
    back = import_case_archive(owner, tmp_path / "case.zip", tmp_path)
    assert fingerprint(back) == before and evidence.verify(back).ok

    take_backup(tmp_path / "b.zip", dict(connection.settings_dict), evidence.store_for_chain, None, tmp_path)
    _wipe(tmp_path)
    for key in bucket_keys(settings):  # and the bucket emptied
        evidence.store_for_chain(key.split("/")[3]).destroy()
    assert not [k for k in bucket_keys(settings) if "/evidence/" in k]
    settings_dict = dict(connection.settings_dict)
    connections.close_all()
    restore_backup(tmp_path / "b.zip", tmp_path, settings_dict, _known())
    restored = Case.objects.get(evidence_chain=chain)
    assert fingerprint(restored) == before and evidence.verify(restored).ok
