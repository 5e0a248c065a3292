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
