"""Calendar arithmetic for due dates. Pure: "today" is always a parameter."""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from datetime import date
from typing import overload


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


class MonthlyDueDates(Sequence[date]):
    """``monthly_due_dates(start, count, day)`` as a sequence whose dates are made the first time one is read.

    Its length is known without them. A schedule's true cost and totals never read its due dates (the builder
    states the whole months instead), so a caseload of thousands of schedules makes none of the hundreds of
    ``date`` objects each would need until a page or a replay asks for them.
    """

    __slots__ = ("_count", "_dates", "_day", "_start")

    def __init__(self, start: date, count: int, day: int | None = None) -> None:
        self._start, self._count, self._day = start, max(count, 0), day
        self._dates: list[date] | None = None

    def dates(self) -> list[date]:
        """The dates, made once."""
        if self._dates is None:
            self._dates = monthly_due_dates(self._start, self._count, self._day)
        return self._dates

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> date: ...

    @overload
    def __getitem__(self, index: slice) -> list[date]: ...

    def __getitem__(self, index: int | slice) -> date | list[date]:
        return self.dates()[index]

    def __iter__(self) -> Iterator[date]:
        return iter(self.dates())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MonthlyDueDates):
            return self.dates() == other.dates()
        if isinstance(other, list | tuple):
            return self.dates() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a sequence compared by value, like the list it stands for

    def __repr__(self) -> str:
        return repr(self.dates())


def days_between(earlier: date, later: date) -> int:
    """Whole days from ``earlier`` to ``later`` (negative if ``later`` is before)."""
    return (later - earlier).days


def month_key(day: date) -> str:
    """``2026-11`` for any day in November 2026."""
    return f"{day.year:04d}-{day.month:02d}"
