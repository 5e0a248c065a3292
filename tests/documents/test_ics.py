"""The reminders calendar parses back with icalendar and holds every due date and follow-up of the demo case."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from xieshang.casefile import load_case_file
from xieshang.core.case import Case
from xieshang.core.contacts import ContactEntry
from xieshang.core.loans import build_schedule
from xieshang.core.reminders import ReminderKind, due_reminders
from xieshang.documents.ics import reminder_uid, reminders_ics

DEMO = Path(__file__).resolve().parents[2] / "src" / "xieshang" / "data" / "demo-case.yaml"
STAMP = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo() -> Case:
    return load_case_file(DEMO)


def follow_ups(case: Case) -> list[ContactEntry]:
    """The demo case's own contact log (two entries carry a follow-up date: 2026-11-25 and 2026-11-27)."""
    contacts = list(case.contacts)
    assert sorted(str(c.follow_up) for c in contacts if c.follow_up) == ["2026-11-25", "2026-11-27"]
    return contacts


def events(ics: bytes) -> list[tuple[date, str, str]]:
    calendar = Calendar.from_ical(ics)
    return [(e.decoded("dtstart"), str(e.get("uid")), str(e.get("summary"))) for e in calendar.walk("VEVENT")]


def test_calendar_holds_every_due_date_and_follow_up_of_the_demo_case(demo: Case) -> None:
    assert demo.as_of is not None
    contacts = follow_ups(demo)
    reminders = due_reminders(demo, demo.as_of, contacts=contacts, days=3 * 366)
    parsed = events(reminders_ics(reminders, stamp=STAMP))
    assert len(parsed) == len(reminders)
    found = {(when, summary) for when, _, summary in parsed}
    expected_due = {
        (p.due_date, loan.id)
        for loan in demo.debts
        for p in build_schedule(loan).periods
        if p.due_date >= demo.as_of and p.payment > 0
    }
    assert expected_due, "the demo case has instalments still to come"
    due_in_calendar = {(r.date, r.debt_id) for r in reminders if r.kind is ReminderKind.PAYMENT_DUE}
    assert due_in_calendar == expected_due
    for reminder in reminders:
        assert (reminder.date, reminder.title_zh) in found
    assert {c.follow_up for c in contacts if c.follow_up} <= {when for when, _, _ in parsed}


def test_uids_are_unique_and_stable_across_exports(demo: Case) -> None:
    assert demo.as_of is not None
    reminders = due_reminders(demo, demo.as_of, contacts=follow_ups(demo), days=90)
    first = events(reminders_ics(reminders, stamp=STAMP))
    later = events(reminders_ics(reminders, stamp=STAMP + timedelta(days=1)))
    uids = [uid for _, uid, _ in first]
    assert len(set(uids)) == len(uids)
    assert uids == [uid for _, uid, _ in later]
    assert uids[0] == reminder_uid(reminders[0])


def test_events_are_all_day_with_a_morning_alarm(demo: Case) -> None:
    assert demo.as_of is not None
    reminders = due_reminders(demo, demo.as_of, days=30)
    calendar = Calendar.from_ical(reminders_ics(reminders, stamp=STAMP))
    event = next(iter(calendar.walk("VEVENT")))
    assert type(event.decoded("dtstart")) is date
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(days=1)
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(hours=9)
    assert calendar.get("x-wr-calname") == "协商 Xieshang 提醒"
