"""The complete export of one case (cases/complete.py, cases/case_rows.py): everything about the case leaves in
one archive and comes back identical.

Round trip: export → a fresh data directory (its own SQLite database, in a subprocess) → import → export gives
an archive of the same content hash; in the same database, importing after deleting the case gives the same rows
(fingerprint), the evidence verifying against its anchor, and what the issue found lost: evidence and material
files, the bill and its transactions, the category rule, the saved mapping, reminder settings 10/20 (came back
as the defaults 7/14) and the document history.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xieshang.archives.manifest import ArchiveError
from xieshang.budget.models import CategoryRule, ImportedTransaction, SavedMapping
from xieshang.cases import evidence
from xieshang.cases.case_writes import delete_case
from xieshang.cases.complete import export_case, import_case_archive
from xieshang.cases.models import Case
from xieshang.contacts.models import ContactSettings
from xieshang.paperwork.models import GeneratedDocument, MaterialFile

from ..full_case import fingerprint, full_case


def _cli(*args: str, data_dir) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # the fresh directory's own SQLite
    env["XIESHANG_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-c", "from xieshang.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.mark.django_db(transaction=True)
def test_export_fresh_data_dir_import_export_gives_the_same_content(owner, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "here"
    case = full_case(owner)
    first = export_case(case.pk, tmp_path / "one.zip")
    fresh = tmp_path / "fresh"
    imported = _cli("case", "import", str(tmp_path / "one.zip"), data_dir=fresh)
    assert imported.returncode == 0, imported.stderr
    again = _cli("case", "export", "--case", "1", "-o", str(tmp_path / "two.zip"), data_dir=fresh)
    assert again.returncode == 0, again.stderr
    verified = _cli("evidence", "verify", "--case", "1", data_dir=fresh)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    with zipfile.ZipFile(tmp_path / "two.zip") as archive:
        second = json.loads(archive.read("manifest.json"))
    assert second["content"] == first["content"]
    assert second["members"] == first["members"]


@pytest.mark.django_db(transaction=True)
def test_everything_the_issue_found_lost_comes_back(owner, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    case = full_case(owner)
    before = fingerprint(case)
    chain = case.evidence_chain
    export_case(case.pk, tmp_path / "case.zip")
    delete_case(case.pk)
    back = import_case_archive(owner, tmp_path / "case.zip", tmp_path)
    assert back.evidence_chain == chain
    assert fingerprint(back) == before
    assert evidence.verify(back).ok
    assert len(evidence.live_entries(back)) == 3  # a recording, a screenshot, an ID card copy
    assert MaterialFile.objects.filter(case=back).count() == 1
    assert ImportedTransaction.objects.filter(case=back).count() > 0
    assert list(CategoryRule.objects.filter(case=back).values_list("match", flat=True)) == ["淘宝"]
    assert SavedMapping.objects.get(case=back).mapping["time"] == "日期"
    reminder = ContactSettings.objects.get(case=back)
    assert (reminder.silence_days, reminder.window_days) == (10, 20)
    assert GeneratedDocument.objects.filter(case=back, document="application").count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_case_twice_and_a_tampered_export_are_refused(owner, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    case = full_case(owner)
    export_case(case.pk, tmp_path / "case.zip")
    with pytest.raises(ArchiveError, match="已经在这里"):
        import_case_archive(owner, tmp_path / "case.zip", tmp_path)
    delete_case(case.pk)
    with zipfile.ZipFile(tmp_path / "case.zip") as source, zipfile.ZipFile(tmp_path / "bad.zip", "w") as bad:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "case.json":
                data = data.replace(b"10", b"11", 1)
            bad.writestr(info, data)
    with pytest.raises(ArchiveError) as refused:
        import_case_archive(owner, tmp_path / "bad.zip", tmp_path)
    assert "case.json" in str(refused.value)
    assert not list((tmp_path / "evidence" / "cases").glob("*"))  # nothing kept of the refused import


@pytest.mark.django_db(transaction=True)
def test_the_pages_export_everything_and_import_it_back(client_in, owner, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    case = full_case(owner)
    before = fingerprint(case)
    page = client_in.get(reverse("case", args=[case.pk])).content.decode()
    assert reverse("case-export-complete", args=[case.pk]) in page
    answer = client_in.get(reverse("case-export-complete", args=[case.pk]))
    data = b"".join(answer.streaming_content)
    assert answer["Content-Type"] == "application/zip" and data.startswith(b"PK")
    delete_case(case.pk)
    bad = client_in.post(
        reverse("case-import-complete"), {"file": SimpleUploadedFile("x.zip", data[: len(data) // 2])}
    )
    assert bad.status_code == 400 and "截断" in bad.content.decode()
    assert not Case.objects.exists()
    good = client_in.post(reverse("case-import-complete"), {"file": SimpleUploadedFile("case.zip", data)})
    back = Case.objects.get()
    assert good["Location"] == reverse("case", args=[back.pk])
    assert fingerprint(back) == before
