"""URLs of the 沟通与证据 pages, under cases/<pk>/contacts/, grouped by the view module that answers them."""

from __future__ import annotations

from django.urls import URLPattern

from xieshang.cases.routes import FEED, PAGE, READ, WRITE, case_path
from xieshang.core.bilingual import Text as T

from .views import evidence, findings, log, reminders, reports

app_name = "contacts"

LOG = T("沟通记录", "contact log")
EVIDENCE = T("证据库", "evidence")
REMINDERS = T("提醒", "reminders")
REPORT = T("还款情况汇报", "progress report")

urlpatterns: list[URLPattern] = [
    case_path("", log.contact_log, READ, name="log", what=LOG),
    case_path("new/", log.contact_create, WRITE, name="contact-create", what=LOG),
    case_path("<str:contact_id>/delete/", log.contact_delete, WRITE, name="contact-delete", what=LOG),
    case_path("evidence/", evidence.evidence_list, PAGE, name="evidence", what=EVIDENCE),
    case_path(
        "evidence/verify/",
        evidence.evidence_verify,
        READ,
        name="evidence-verify",
        what=T("证据核验", "evidence check"),
    ),
    case_path(
        "evidence/bundle.zip",
        evidence.evidence_bundle,
        READ,
        name="evidence-bundle",
        what=T("证据包", "evidence bundle"),
        export=True,
    ),
    case_path(
        "evidence/<int:seq>/withdraw/", evidence.evidence_redact, WRITE, name="evidence-redact", what=EVIDENCE
    ),
    case_path(
        "evidence/<str:sha256>/",
        evidence.evidence_file,
        READ,
        name="evidence-file",
        what=T("证据文件", "an evidence file"),
        export=True,
    ),
    case_path("findings/", findings.findings, READ, name="findings", what=T("催收核查", "collection check")),
    case_path("reminders/", reminders.stay, PAGE, name="stay", what=REMINDERS),
    case_path(
        "reminders.ics",
        reminders.reminders_download,
        READ,
        name="reminders-ics",
        what=T("日历文件", "calendar file"),
        export=True,
    ),
    case_path(
        "reminders/calendar-token/",
        reminders.calendar_token,
        READ,
        name="calendar-token",
        what=T("日历订阅地址", "calendar address"),
    ),
    case_path(
        "calendar/<str:token>.ics", reminders.calendar_feed, FEED, name="calendar-feed", what=REMINDERS
    ),
    case_path("report/", reports.report, READ, name="report", what=REPORT),
    case_path(
        "report/message.eml",
        reports.report_download,
        READ,
        name="report-eml",
        what=T("汇报邮件", "report e-mail"),
        export=True,
    ),
    case_path("report/sent/", reports.report_sent, WRITE, name="report-sent", what=REPORT),
]
