"""Importing a large bill upload as a background job: the files wait in the job's rows, a worker parses them
(no lock held) and stores the transactions on the case's lock in one transaction, as the page would
(``store.prepare_uploads`` then ``store.store_uploads``): all or nothing."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django_tasks import task

from xieshang.cases.models import Case
from xieshang.cases.writes import locked
from xieshang.core.errors import FieldError, ValidationError
from xieshang.jobs.kinds import Kind, Outcome, register
from xieshang.jobs.models import Job
from xieshang.jobs.runner import Progress, run

from .store import Upload, UploadError, prepare_uploads, store_uploads

KIND = "bill_import"
STEPS = (gettext_noop("读取账单文件"), gettext_noop("识别每一笔交易"), gettext_noop("保存交易"))


@task()
def import_bills(job_id: str) -> dict[str, Any]:
    return run(job_id, _import)


def _import(job: Job, progress: Progress) -> dict[str, Any]:
    progress(1, STEPS[0])
    case = Case.objects.get(pk=job.case_id)
    uploads = [Upload(f.name, bytes(f.data)) for f in job.files.all()]
    progress(2, STEPS[1])
    try:
        ready = prepare_uploads(case, uploads)
    except UploadError as error:
        if error.unmapped:
            raise ValidationError(
                [
                    *(FieldError("", p) for p in error.problems),
                    FieldError("", _("没有认出格式的文件请单独上传，设置列映射。")),
                ]
            ) from None
        raise ValidationError([FieldError("", p) for p in error.problems]) from None
    progress(3, STEPS[2])
    with locked(case.pk) as row:
        report = store_uploads(row, ready)
    return {
        "added": report.added,
        "duplicates": report.duplicates,
        "uncategorised": report.uncategorised,
        "statements": len(report.statements),
        "warnings": list(report.warnings),
    }


def _describe(job: Job) -> Outcome:
    r = job.result
    lines = [
        _("已导入 %(added)d 笔交易；%(dup)d 笔已导入过或重复，未重复计入；%(left)d 笔支出待分类。")
        % {"added": r.get("added", 0), "dup": r.get("duplicates", 0), "left": r.get("uncategorised", 0)}
    ]
    lines += [_("注意：%(w)s") % {"w": w} for w in r.get("warnings", [])]
    if r.get("statements"):
        return Outcome(lines, reverse("budget:cards", args=[job.case_id]), _("核对信用卡账单"))
    return Outcome(lines, reverse("budget:transactions", args=[job.case_id]), _("查看交易"))


register(
    Kind(KIND, gettext_lazy("导入账单"), _describe, lambda job: reverse("budget:upload", args=[job.case_id]))
)
