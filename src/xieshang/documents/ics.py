"""Reminders as an iCalendar file (RFC 5545) for any calendar app, or a subscribable URL.

Each reminder becomes an all-day event with a display alarm at 09:00 that day, and one at 09:00 ``warn_days``
before when the reminder asks for it (an agreed instalment: three days ahead, to have the money ready). UIDs are derived from the
reminder's stable ``key``, so re-importing or re-subscribing updates events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from xieshang.core.money import yuan
from xieshang.core.vocabulary import label
from xieshang.view import Reminder

PRODID = "-//Xieshang 协商//Reminders//ZH"
UID_DOMAIN = "xieshang.invalid"


def reminder_uid(reminder: Reminder, domain: str = UID_DOMAIN) -> str:
    """A stable UID: the same reminder always gets the same UID."""
    digest = hashlib.sha256((reminder.key or f"{reminder.kind}:{reminder.debt_id}:{reminder.date}").encode())
    return f"{digest.hexdigest()[:32]}@{domain}"


def _event(reminder: Reminder, stamp: datetime, domain: str) -> Event:
    event = Event()
    event.add("uid", reminder_uid(reminder, domain))
    event.add("dtstamp", stamp)
    event.add("dtstart", reminder.date)
    event.add("dtend", reminder.date + timedelta(days=1))
    event.add("summary", reminder.title_zh)
    lines = [reminder.title_en]
    if reminder.amount is not None:
        lines.append(f"金额 Amount: {yuan(reminder.amount)}")
    if reminder.creditor:
        lines.append(f"债权人 Creditor: {reminder.creditor}")
    if reminder.detail_zh:
        lines.append(reminder.detail_zh)
    event.add("description", "\n".join(lines))
    event.add("categories", [label(reminder.kind).zh])
    event.add("transp", "TRANSPARENT")
    for days_before in sorted({0, max(reminder.warn_days, 0)}, reverse=True):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", reminder.title_zh)
        trigger = timedelta(days=-days_before, hours=9)
        alarm.add("trigger", trigger, parameters={"RELATED": "START"})
        event.add_component(alarm)
    return event


def reminders_ics(
    reminders: Iterable[Reminder],
    *,
    name: str = "协商 Xieshang 提醒",
    stamp: datetime | None = None,
    domain: str = UID_DOMAIN,
) -> bytes:
    """The calendar holding one event per reminder. ``stamp`` (DTSTAMP) defaults to now, in UTC."""
    when = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    for reminder in reminders:
        calendar.add_component(_event(reminder, when, domain))
    return bytes(calendar.to_ical())
