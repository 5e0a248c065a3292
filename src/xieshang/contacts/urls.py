"""URLs of the 沟通与证据 pages, under cases/<pk>/contacts/, grouped by the view module that answers them."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from .views import evidence, findings, log, reminders, reports

app_name = "contacts"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", log.contact_log, name="log"),
    path("new/", log.contact_create, name="contact-create"),
    path("<str:contact_id>/delete/", log.contact_delete, name="contact-delete"),
    path("evidence/", evidence.evidence_list, name="evidence"),
    path("evidence/verify/", evidence.evidence_verify, name="evidence-verify"),
    path("evidence/bundle.zip", evidence.evidence_bundle, name="evidence-bundle"),
    path("evidence/<int:seq>/withdraw/", evidence.evidence_redact, name="evidence-redact"),
    path("evidence/<str:sha256>/", evidence.evidence_file, name="evidence-file"),
    path("findings/", findings.findings, name="findings"),
    path("reminders/", reminders.stay, name="stay"),
    path("reminders.ics", reminders.reminders_download, name="reminders-ics"),
    path("reminders/calendar-token/", reminders.calendar_token, name="calendar-token"),
    path("calendar/<str:token>.ics", reminders.calendar_feed, name="calendar-feed"),
    path("report/", reports.report, name="report"),
    path("report/message.eml", reports.report_download, name="report-eml"),
    path("report/sent/", reports.report_sent, name="report-sent"),
]
