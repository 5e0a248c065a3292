"""A job's page: its progress while it runs (the fragment polls itself through htmx every second and stops once
the job is finished, so the result appears without a reload), its result or failure, and its file.

The page's address names the job, so reloading it (or coming back later) shows the same progress view.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from xieshang.cases.access import get_case_for_user

from . import outputs
from .kinds import kind_of
from .models import Job, JobState


def _job(request: HttpRequest, pk: int, job_id: UUID) -> Job:
    case = get_case_for_user(request, pk)
    job = Job.objects.filter(pk=job_id, case=case, owner_id=request.user.pk).first()
    if job is None:
        raise Http404("no such job")
    return job


def _context(job: Job) -> dict[str, object]:
    kind = kind_of(job)
    return {
        "job": job,
        "case": job.case,
        "kind": kind,
        "outcome": kind.describe(job) if kind and job.state == JobState.DONE else None,
        "back": kind.back(job) if kind else "",
        "running": not job.finished,
    }


@login_required
def job_page(request: HttpRequest, pk: int, job_id: UUID) -> HttpResponse:
    return render(request, "jobs/job.html", _context(_job(request, pk, job_id)))


@login_required
def job_status(request: HttpRequest, pk: int, job_id: UUID) -> HttpResponse:
    response = render(request, "jobs/_status.html", _context(_job(request, pk, job_id)))
    response["Cache-Control"] = "no-store"
    return response


@login_required
def job_download(request: HttpRequest, pk: int, job_id: UUID) -> HttpResponse:
    job = _job(request, pk, job_id)
    name = job.result.get("file") if job.state == JobState.DONE else None
    if not name:
        raise Http404("no file")
    try:
        handle = outputs.open_output(str(name))
    except FileNotFoundError:
        raise Http404("file gone") from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=str(job.result.get("filename") or "download"),
        content_type=str(job.result.get("content_type") or "application/octet-stream"),
    )
