"""URLs of a case's background jobs (its package being made, a bill being read), under cases/<pk>/jobs/: each
is a page of the case and declares its rule (``xieshang.cases.routes``)."""

from __future__ import annotations

from django.urls import URLPattern

from xieshang.cases.routes import READ, case_path
from xieshang.core.bilingual import Text as T

from . import views

app_name = "jobs"

JOB = T("后台任务", "background job")

urlpatterns: list[URLPattern] = [
    case_path("<uuid:job_id>/", views.job_page, READ, name="job", what=JOB),
    case_path("<uuid:job_id>/status/", views.job_status, READ, name="status", what=JOB),
    case_path(
        "<uuid:job_id>/download/",
        views.job_download,
        READ,
        name="download",
        what=T("后台任务的文件", "a background job's file"),
        export=True,
    ),
]
