"""E-mailed reminders of stored cases (contacts.mailing): opted-in cases get the reminders of their case view,
at most once per item and day (also with two runs at once), in their language, without ID or phone numbers; a
failed send is marked on the panel and queued again; the daily run is queued once a day from the set hour.

The hand-worked case: 12,000.00 over 12 months, equal principal, 12 % a year (1 % a month) from 2026-01-10.
Instalment 2 (due 2026-03-10) is principal 1,000.00 + interest 11,000.00 × 1 % = 110.00 → ¥1,110.00. Instalment 1
(1,120.00 on 2026-02-10) is paid. As of 2026-03-07 with a 3-day window exactly that instalment is due.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from xieshang.cases.case_writes import import_case_text
from xieshang.contacts.mailing import run_day, send_reminder_mails
from xieshang.contacts.models import ContactSettings, MailState, ReminderMail
from xieshang.contacts.store import save_settings
from xieshang.jobs.models import DailyRun
from xieshang.jobs.schedule import tick

DAY = date(2026, 3, 7)
CASE = """\
version: 1
as_of: 2026-03-07
borrower: {name: 李四, phone: "13912345678", id_number: "110101199003071234"}
debts:
  - id: card
    creditor: 某银行 客服13987654321
    lender_type: bank
    principal: "12000.00"
    start_date: 2026-01-10
    term_months: 12
    method: equal_principal
    annual_rate: 12
    payments:
      - {date: 2026-02-10, amount: "1120.00"}
"""


def test_one_mail_with_the_instalment_then_none_the_same_day(opted_in):
    """Lead days 3, instalment 2 due in 3 days → one mail with ¥1,110.00; the second run that day sends none."""
    report = run_day(DAY)
    assert report.sent == {opted_in.pk: 1}
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["li@example.org"]
    assert "¥1,110.00" in sent.body and "2026-03-10" in sent.body
    assert f"/cases/{opted_in.pk}/" in sent.body  # the link to the case's reminders page
    assert run_day(DAY).sent == {} and len(mail.outbox) == 1
    assert ReminderMail.objects.filter(case=opted_in, state=MailState.SENT).count() == 1


def test_no_id_or_phone_number_in_the_mail(opted_in):
    run_day(DAY)
    text = mail.outbox[0].subject + mail.outbox[0].body
    for number in ("13912345678", "110101199003071234", "13987654321", "7123"):
        assert number not in text
    assert "某银行" in text


def test_english_when_opted_in_on_the_english_page(opted_in):
    save_settings(opted_in, 7, 3, email_language="en")
    run_day(DAY)
    body = mail.outbox[0].body
    assert "instalment 2 due, ¥1,110.00" in body and "第 2 期" not in body
    assert mail.outbox[0].subject.startswith("Xieshang reminders")


def test_not_opted_in_gets_nothing(owner):
    case = import_case_text(owner, CASE, source_name="li.yaml")
    save_settings(case, 7, 3)
    assert run_day(DAY).sent == {} and mail.outbox == []


def test_the_page_opts_in_and_asks_for_an_address(client_in, owner):
    case = import_case_text(owner, CASE, source_name="li.yaml")
    url = reverse("contacts:stay", args=[case.pk])
    refused = client_in.post(url, {"silence_days": "7", "window_days": "3", "email_reminders": "on"})
    assert refused.status_code == 400 and refused.context["form"].errors["email_address"]
    client_in.post(
        url,
        {"silence_days": "7", "window_days": "3", "email_reminders": "on", "email_address": "li@example.org"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    options = ContactSettings.objects.get(case=case)
    assert (options.email_reminders, options.email_address) == (True, "li@example.org")


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_item_once(owner):
    """Two workers running the day at the same moment (own connections, SQLite or PostgreSQL): one mail."""
    case = import_case_text(owner, CASE, source_name="li.yaml")
    save_settings(case, 7, 3, email_reminders=True, email_address="li@example.org")
    start = threading.Barrier(2)
    reports = []

    def worker() -> None:
        try:
            start.wait()
            reports.append(run_day(DAY))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(r.items for r in reports) == [0, 1]
    assert len(mail.outbox) == 1
    assert ReminderMail.objects.filter(case=case).count() == 1


def test_a_failed_send_is_shown_and_queued_again(opted_in, client_in, settings):
    """SMTP refuses (nothing listens on the port): the panel says so, the task queues a retry; once the mail
    server works, the retry sends the item and the notice goes."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 5
    settings.EMAIL_CONFIGURED = True
    send_reminder_mails.call(DAY.isoformat())
    assert ReminderMail.objects.get(case=opted_in).state == MailState.FAILED
    page = client_in.get(reverse("case", args=[opted_in.pk])).content.decode()
    assert 'data-testid="mail-failed"' in page and "2026-03-07 的邮件提醒没有发出去" in page
    retry = DBTaskResult.objects.get(task_path__endswith="send_reminder_mails", run_after__isnull=False)
    assert retry.args_kwargs["args"] == [DAY.isoformat(), 2]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_reminder_mails.call(DAY.isoformat(), 2)["sent"] == {str(opted_in.pk): 1}
    assert len(mail.outbox) == 1
    assert ReminderMail.objects.get(case=opted_in).attempts == 2
    for page in (reverse("contacts:stay", args=[opted_in.pk]), reverse("case", args=[opted_in.pk])):
        shown = client_in.get(page).content.decode()  # the dashboard's panel is not an old rendering
        assert 'data-testid="mail-failed"' not in shown and 'data-testid="mail-on"' in shown


def test_the_daily_run_is_queued_once_from_the_hour(db, settings):
    settings.REMINDER_HOUR = 8
    shanghai = ZoneInfo("Asia/Shanghai")
    assert tick(datetime(2026, 3, 7, 7, 59, tzinfo=shanghai)) == []
    assert tick(datetime(2026, 3, 7, 8, 0, tzinfo=shanghai)) == ["reminder_mail"]
    assert tick(datetime(2026, 3, 7, 15, 0, tzinfo=shanghai)) == []  # another worker, later the same day
    run = DailyRun.objects.get(name="reminder_mail", day=DAY)
    queued = DBTaskResult.objects.get(id=run.task_id)
    assert queued.args_kwargs["args"] == [DAY.isoformat()]
    assert tick(datetime(2026, 3, 8, 9, 0, tzinfo=shanghai)) == ["reminder_mail"]  # the next day
