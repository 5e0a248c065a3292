"""E-mailed reminders of stored cases: once a day a worker mails each case whose reminder settings opt in the
reminders its case view has due (the figures are the view's), in the language the person chose them in.

Each reminder is mailed at most once per item and day, whichever worker on whichever machine runs the day: a
worker first *claims* the items by writing their :class:`~xieshang.contacts.models.ReminderMail` rows (unique per
case, day and item; the database refuses the second claim), mails what it claimed, and marks the rows sent or
failed. A failed send keeps its rows as failed (the reminders page says so); the task queues itself again later
(:data:`RETRY_MINUTES`), and a retry reclaims only the failed rows. A worker killed between claiming and sending
leaves its rows "sending": those items are not mailed that day (at most once, never twice).

The mail holds people's words only: the case's reminders as the page lists them, a link to the case's reminders
page, and how to stop them; never an ID number or a phone number (runs of seven or more digits are masked,
whatever a person typed into a creditor's name).
"""

from __future__ import annotations

import hashlib
import logging
import re
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from xieshang.cases.models import Case
from xieshang.view import Reminder

from .models import ContactSettings, MailState, ReminderMail
from .reminding import case_reminders

log = logging.getLogger(__name__)
DAILY = "reminder_mail"
RETRY_MINUTES = (10, 30, 120)  # after the first, second and third failed run; then the next day's run
_LONG_NUMBER = re.compile(r"\d[\d\s-]{5,}\d[\dXx]?")


@dataclass
class DayReport:
    """What a run did: mails sent (per case), items in them, cases whose mail failed, cases with nothing new."""

    sent: dict[int, int] = field(default_factory=dict)
    failed: list[int] = field(default_factory=list)
    nothing_new: int = 0

    @property
    def items(self) -> int:
        return sum(self.sent.values())

    def as_json(self) -> dict[str, Any]:
        return {"sent": {str(k): v for k, v in self.sent.items()}, "failed": self.failed}


def recipient(options: ContactSettings) -> str:
    return options.email_address or getattr(options.case.owner, "email", "") or ""


def item_key(reminder: Reminder) -> str:
    key = reminder.key or f"{reminder.kind.value}:{reminder.debt_id}:{reminder.date.isoformat()}"
    return key if len(key) <= 200 else hashlib.sha256(key.encode("utf-8")).hexdigest()


def _claim(case: Case, day: date, reminders: Sequence[Reminder]) -> list[Reminder]:
    """The reminders this run may mail: each one's row created now, or its failed row taken back."""
    claimed = []
    for reminder in reminders:
        key = item_key(reminder)
        try:
            with transaction.atomic():
                ReminderMail.objects.create(case=case, day=day, item=key)
        except IntegrityError:  # claimed before: by another worker, or sent or failed earlier today
            retaken = ReminderMail.objects.filter(
                case=case, day=day, item=key, state=MailState.FAILED
            ).update(state=MailState.SENDING, attempts=F("attempts") + 1, updated_at=timezone.now())
            if not retaken:
                continue
        claimed.append(reminder)
    return claimed


def _private(text: str) -> str:
    return _LONG_NUMBER.sub("***", text)


def message(case: Case, reminders: Sequence[Reminder], day: date, language: str, to: str) -> EmailMessage:
    """The mail for ``case`` (in ``language``): its due reminders, a link to the case, how to stop them."""
    english = language.startswith("en")
    link = settings.PUBLIC_URL + reverse("contacts:stay", args=[case.pk])
    with translation.override(language):
        subject = _("协商提醒：%(n)s 项待办（%(day)s）") % {"n": len(reminders), "day": f"{day:%Y-%m-%d}"}
        lines = [
            _("%(name)s，你好：") % {"name": _private(case.borrower_name) or _("你好")},
            "",
            _("截至 %(day)s，这些事项需要处理：") % {"day": f"{day:%Y-%m-%d}"},
            "",
        ]
        lines += [
            f"- {r.date:%Y-%m-%d}  {_private(r.title_en if english else r.title_zh)}" for r in reminders
        ]
        lines += [
            "",
            _("查看全部提醒和日历：%(link)s") % {"link": link},
            "",
            _("按时还款、按约跟进、定期汇报，逾期后不要失联。"),
            _("不想再收到这些邮件：在上面的页面取消“每天用邮件提醒我”。"),
            _("免费的官方帮助：金融消费者投诉 12378，法律援助 12348。"),
            "— 协商 Xieshang",
        ]
    return EmailMessage(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [to])


def _mark(case: Case, day: date, reminders: Sequence[Reminder], state: str, error: str = "") -> None:
    ReminderMail.objects.filter(case=case, day=day, item__in=[item_key(r) for r in reminders]).update(
        state=state, error=error[:2000], updated_at=timezone.now()
    )


def _opted_in(cases: Sequence[int] | None) -> list[ContactSettings]:
    chosen = ContactSettings.objects.filter(email_reminders=True).select_related("case", "case__owner")
    if cases is not None:
        chosen = chosen.filter(case_id__in=cases)
    return [options for options in chosen.order_by("case_id") if recipient(options)]


def pending(day: date, cases: Sequence[int] | None = None) -> list[tuple[Case, list[Reminder]]]:
    """What a run on ``day`` would mail, per case (nothing is claimed): due and not yet sent or being sent."""
    found = []
    for options in _opted_in(cases):
        done = set(
            ReminderMail.objects.filter(case=options.case, day=day)
            .exclude(state=MailState.FAILED)
            .values_list("item", flat=True)
        )
        due = [r for r in case_reminders(options.case, options=options) if item_key(r) not in done]
        if due:
            found.append((options.case, due))
    return found


def run_day(day: date, cases: Sequence[int] | None = None) -> DayReport:
    """Mail every opted-in case (or those of ``cases``) what is due and not yet mailed on ``day``."""
    report = DayReport()
    for options in _opted_in(cases):
        case, to = options.case, recipient(options)
        claimed = _claim(case, day, case_reminders(case, options=options))
        if not claimed:
            report.nothing_new += 1
            continue
        try:
            message(case, claimed, day, options.email_language, to).send()
        except (OSError, smtplib.SMTPException) as error:
            log.warning("reminder mail of case %s to the owner failed: %s", case.pk, error)
            _mark(case, day, claimed, MailState.FAILED, f"{type(error).__name__}: {error}")
            report.failed.append(case.pk)
            continue
        _mark(case, day, claimed, MailState.SENT)
        report.sent[case.pk] = len(claimed)
    return report


@task()
def send_reminder_mails(day: str, attempt: int = 1) -> dict[str, Any]:
    """The day's reminder mails; failed ones are tried again by this task, queued to run later."""
    report = run_day(date.fromisoformat(day))
    if report.failed and attempt <= len(RETRY_MINUTES):
        later = timezone.now() + timedelta(minutes=RETRY_MINUTES[attempt - 1])
        send_reminder_mails.using(run_after=later).enqueue(day, attempt + 1)
    return report.as_json()


def enqueue_day(day: date) -> str:
    return str(send_reminder_mails.enqueue(day.isoformat()).id)
