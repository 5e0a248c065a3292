"""Calendar arithmetic for due dates. Pure: "today" is always a parameter."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(start: date, months: int, day: int | None = None) -> date:
    """The date ``months`` months after ``start`` on ``day`` (default: ``start``'s day).

    A day missing from the target month (the 31st in April, the 29th–31st in February) falls on that
    month's last day: ``add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)``.
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    wanted = start.day if day is None else day
    if wanted <= 28:  # every month has it: skip calendar.monthrange, the slow part of a schedule
        return date(year, month, wanted)
    return date(year, month, min(wanted, calendar.monthrange(year, month)[1]))


def monthly_due_dates(start: date, count: int, day: int | None = None) -> list[date]:
    """Due dates of ``count`` monthly instalments: one month after ``start``, then monthly on the contract day.

    The same dates as ``add_months(start, k, day)`` for ``k`` in ``1..count``, stepping the month instead of
    recomputing it (a schedule of 360 periods asks for 360 of them).
    """
    wanted = start.day if day is None else day
    first = start.year * 12 + start.month  # month index of month k is first + k - 1 (January = 1)
    if wanted <= 28:
        return [date(index // 12, index % 12 + 1, wanted) for index in range(first, first + count)]
    dates = []
    for index in range(first, first + count):
        year, month = index // 12, index % 12 + 1
        dates.append(date(year, month, min(wanted, calendar.monthrange(year, month)[1])))
    return dates


def days_between(earlier: date, later: date) -> int:
    """Whole days from ``earlier`` to ``later`` (negative if ``later`` is before)."""
    return (later - earlier).days


def month_key(day: date) -> str:
    """``2026-11`` for any day in November 2026."""
    return f"{day.year:04d}-{day.month:02d}"
