"""The negotiation package as a background job: made by a worker (a dozen letters as DOCX and PDF take
seconds, longer than a phone's browser may wait), recorded in the case history like a download, kept in the
app's file storage until the person downloads it from the job's page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django_tasks import task

from xieshang.cases.models import Case
from xieshang.core.errors import ValidationError
from xieshang.jobs.kinds import Kind, Outcome, register
from xieshang.jobs.models import Job
from xieshang.jobs.outputs import save_output
from xieshang.jobs.runner import Progress, run

from . import drafting

KIND = "package"
STEPS = (gettext_noop("准备文书内容"), gettext_noop("生成文书和材料包"), gettext_noop("保存材料包"))


@task()
def make_package(job_id: str) -> dict[str, Any]:
    return run(job_id, _make)


def _make(job: Job, progress: Progress) -> dict[str, Any]:
    progress(1, STEPS[0])
    case = Case.objects.get(pk=job.case_id)
    ws = drafting.workspace(case, bool(job.arguments.get("show_id")))
    creditor = ws.creditor(str(job.arguments.get("creditor", "")))
    if creditor is None:
        raise ValidationError(_("请选择债权人"), "creditor")
    progress(2, STEPS[1])
    file = drafting.package(ws, creditor)
    progress(3, STEPS[2])
    name = save_output(job, file.filename, file.data)
    return {
        "file": name,
        "filename": file.filename,
        "size": len(file.data),
        "content_type": file.content_type,
    }


def _describe(job: Job) -> Outcome:
    size = int(job.result.get("size", 0))
    return Outcome(
        [
            _("“%(creditor)s”的协商材料包已生成（%(kb)s KB），也记入了文书记录。")
            % {"creditor": job.arguments.get("creditor", ""), "kb": max(size // 1024, 1)}
        ],
        reverse("paperwork:documents", args=[job.case_id]),
        _("回到协商文书"),
    )


register(
    Kind(
        KIND,
        gettext_lazy("生成协商材料包"),
        _describe,
        lambda job: reverse("paperwork:documents", args=[job.case_id]),
    )
)
