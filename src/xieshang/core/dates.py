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
    """Due dates of ``count`` monthly instalments: one month after ``start``, then monthly on the contract day."""
    return [add_months(start, k, day) for k in range(1, count + 1)]


def days_between(earlier: date, later: date) -> int:
    """Whole days from ``earlier`` to ``later`` (negative if ``later`` is before)."""
    return (later - earlier).days


def month_key(day: date) -> str:
    """``2026-11`` for any day in November 2026."""
    return f"{day.year:04d}-{day.month:02d}"
