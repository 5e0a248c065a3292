"""What the contact pages store beyond the case file.

The contact log itself is the case file's ``contacts`` section (``Case.sections["contacts"]``), so it travels
with the exported file; evidence files live in the case's evidence store on disk. These models hold the rest:
per-case reminder settings, the per-user secret calendar token, and which progress reports were sent.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xieshang.cases.models import Case
from xieshang.view import DEFAULT_SILENCE_DAYS, DEFAULT_WINDOW_DAYS


def new_evidence_key() -> str:
    """Kept for migration 0001 (the key moved to ``cases.Case.evidence_chain``)."""
    return f"case-{secrets.token_hex(8)}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class ContactSettings(models.Model):
    """Per case: when to warn about silence and how far ahead to remind."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="contact_settings")
    silence_days = models.PositiveSmallIntegerField(
        _("逾期后多少天未联系就提醒"), default=DEFAULT_SILENCE_DAYS
    )
    window_days = models.PositiveSmallIntegerField(_("提前多少天提醒"), default=DEFAULT_WINDOW_DAYS)
    # E-mailed reminders (contacts.mailing): off until the person opts in; to this address, else the owner's.
    email_reminders = models.BooleanField(_("每天用邮件提醒我"), default=False)
    email_address = models.EmailField(_("收提醒的邮箱"), blank=True)
    email_language = models.CharField(max_length=10, default="zh-hans")  # the page's language when opted in

    def __str__(self) -> str:
        return f"contact settings of case {self.case_id}"


class CalendarToken(models.Model):
    """The secret in a user's subscribable calendar URL. Regenerating replaces it; revoking deletes it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"calendar token of user {self.user_id}"


class ReportSent(models.Model):
    """A progress report marked as sent (its contact is in the log); the next one is due a month later."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports_sent")
    debt_key = models.CharField(max_length=64)
    period_start = models.DateField()
    period_end = models.DateField()
    contact_id = models.CharField(max_length=64)
    sent_on = models.DateField()

    class Meta:
        ordering = ("sent_on", "id")

    def __str__(self) -> str:
        return f"report {self.debt_key} {self.period_start}–{self.period_end}"


class MailState(models.TextChoices):
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class ReminderMail(models.Model):
    """One reminder e-mailed for a case on a day: the unique constraint is the claim, so two workers (on two
    machines) never both send it; a failed send keeps its row (and why) until a retry sends it."""

    travels_with_case = False  # a log of mail sent from this server, not part of the case

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    item = models.CharField(max_length=200)  # the reminder's stable key
    state = models.CharField(max_length=8, choices=MailState.choices, default=MailState.SENDING)
    attempts = models.PositiveSmallIntegerField(default=1)
    error = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-day", "id")
        constraints = (
            models.UniqueConstraint(fields=("case", "day", "item"), name="contacts_reminder_mail_once_a_day"),
        )

    def __str__(self) -> str:
        return f"reminder mail {self.item} of case {self.case_id} on {self.day} ({self.state})"
