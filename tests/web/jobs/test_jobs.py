"""Background jobs (xieshang.jobs): started from a page, run by the worker of django-tasks' database backend
(the same Worker ``xieshang worker`` and ``xieshang serve`` run), followed on the job's page, result and file
served there; a failure shows its located message; a job whose worker process died is shown as interrupted.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from xieshang.budget.models import ImportedTransaction
from xieshang.jobs.models import Job, JobState
from xieshang.jobs.worker import interrupt_dead, make_worker
from xieshang.paperwork.models import GeneratedDocument

from ...full_case import BILL
from ..s3 import bucket_keys

pytestmark = pytest.mark.usefixtures("storage_kind")


def _work() -> None:
    """Run every queued task, then return (the worker's batch mode)."""
    make_worker(interval=0, batch=True).run()


@pytest.mark.django_db(transaction=True)
def test_the_package_is_made_by_the_worker_and_downloaded_from_the_job_page(
    client_in, case, settings, tmp_path, storage_kind
):
    settings.DATA_DIR = tmp_path
    answer = client_in.post(reverse("paperwork:package-job", args=[case.pk]), {"creditor": "某网贷平台"})
    job = Job.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("jobs:job", args=[case.pk, job.pk])
    page = client_in.get(answer["Location"]).content.decode()
    assert "排队等待后台进程" in page and 'hx-trigger="every 1s"' in page
    _work()
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    status = client_in.get(reverse("jobs:status", args=[case.pk, job.pk])).content.decode()
    assert "hx-trigger" not in status  # finished: the fragment stops polling
    assert "协商材料包已生成" in status
    english = client_in.get(
        reverse("jobs:job", args=[case.pk, job.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "is ready" in english and "Download" in english and "已完成" not in english
    download = client_in.get(reverse("jobs:download", args=[case.pk, job.pk]))
    data = b"".join(download.streaming_content)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "00-材料清单.txt" in names and any(n.endswith(".pdf") for n in names)
    assert GeneratedDocument.objects.filter(case=case, document="package").count() == 1
    from pathlib import Path

    from xieshang.jobs.outputs import storage

    if storage_kind == "local":
        assert Path(storage().path(job.result["file"])).stat().st_mode & 0o077 == 0  # private, as evidence is
    else:
        assert f"xieshang/{job.result['file']}" in bucket_keys(settings)
    from django.db import transaction

    with transaction.atomic():  # deleting the case deletes the job and, once committed, its file
        case.delete()
    assert not storage().exists(job.result["file"])


@pytest.mark.django_db(transaction=True)
def test_a_failed_job_says_why_and_a_dead_workers_job_is_interrupted(client_in, case, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client_in.post(reverse("paperwork:package-job", args=[case.pk]), {"creditor": "没有这个债权人"})
    _work()
    job = Job.objects.get()
    assert job.state == JobState.FAILED
    assert (
        "案件中没有这个债权人" in client_in.get(reverse("jobs:job", args=[case.pk, job.pk])).content.decode()
    )

    client_in.post(reverse("paperwork:package-job", args=[case.pk]), {"creditor": "某网贷平台"})
    second = Job.objects.exclude(pk=job.pk).get()
    task = DBTaskResult.objects.get(pk=second.task_id)
    from xieshang.jobs.worker import host

    task.claim(f"{host()}:999999999:dead")  # claimed by a process of this host that no longer exists
    assert interrupt_dead() == 1
    second.refresh_from_db()
    assert second.state == JobState.INTERRUPTED
    assert "被中断" in client_in.get(reverse("jobs:job", args=[case.pk, second.pk])).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_bill_upload_over_the_size_runs_as_a_job(client_in, case, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.BACKGROUND_BILL_BYTES = 100  # the sample bill is a few KB
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("支付宝.csv", BILL.read_bytes(), content_type="text/csv")
    answer = client_in.post(reverse("budget:upload", args=[case.pk]), {"files": [upload]})
    job = Job.objects.get(kind="bill_import")
    assert answer["Location"] == reverse("jobs:job", args=[case.pk, job.pk])
    assert not ImportedTransaction.objects.filter(case=case).exists()
    _work()
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    added = ImportedTransaction.objects.filter(case=case).counted().count()
    assert added == job.result["added"] > 0
    assert not job.files.exists()  # the uploaded bytes go once imported
