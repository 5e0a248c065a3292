"""What the plan pays one creditor month by month (:class:`PlannedPayment`), and those months kept as 分.

A projection the integer loop ran (:mod:`xieshang.core.fen_projection`) holds every month's payments, interest
and balances as arrays; :func:`fen_schedules` gives each debt's months as a :class:`FenSchedule`, which makes
its :class:`PlannedPayment` rows when first read and answers the plan's questions of them (when the balance
first rises, the least payment in a range of months, the first payment) from the arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from .dates import add_months
from .fen_projection import FenRun
from .level import fen, from_fen
from .schedule import Rows


@dataclass(frozen=True)
class PlannedPayment:
    """One month of what the plan pays one creditor."""

    month: int  # 1-based from the plan's start
    day: date  # the first day of that month
    payment: Decimal
    interest: Decimal  # accrued this month
    balance: Decimal  # owed after the payment


class FenSchedule(Rows[PlannedPayment]):
    """One debt's months of an integer-loop projection: a tuple of :class:`PlannedPayment` made when read."""

    __slots__ = ("_column", "_length", "_run", "_start")

    def __init__(self, run: FenRun, column: int, length: int, start: date) -> None:
        super().__init__()
        self._run, self._column, self._length, self._start = run, column, length, start

    def __len__(self) -> int:
        return self._length

    def __repr__(self) -> str:
        return repr(self.rows())

    def _make(self) -> tuple[PlannedPayment, ...]:
        run, column, length, start = self._run, self._column, self._length, self._start
        return tuple(
            PlannedPayment(
                month, add_months(start, month - 1), from_fen(paid), from_fen(accrued), from_fen(owed)
            )
            for month, paid, accrued, owed in zip(
                range(1, length + 1),
                run.payments[:length, column].tolist(),
                run.interest[:length, column].tolist(),
                run.balances[:length, column].tolist(),
                strict=True,
            )
        )

    def rise(self, skip: int, opening: Decimal) -> PlannedPayment | None:
        """The first month after ``skip`` that owes more than the month before (the first month: more than
        ``opening``, when ``skip`` is 0), as ``plan.growing`` finds it."""
        start = fen(opening)
        if start is None or self._length == 0:
            return next((p for p in _rises(self, skip, opening)), None)
        owed = self._run.balances[: self._length, self._column]
        before = np.concatenate(([start], owed[:-1]))
        rising = owed > before
        rising[:skip] = False
        found = np.flatnonzero(rising)
        return self[int(found[0])] if len(found) else None

    def least(self, first_month: int, last_month: int) -> Decimal | None:
        """The least payment in the months from ``first_month`` to before ``last_month`` (or ``first_month``
        alone); None when there are none."""
        end = min(max(last_month - 1, first_month), self._length)
        if first_month > end:
            return None
        return from_fen(int(self._run.payments[first_month - 1 : end, self._column].min()))

    def first_paid(self) -> Decimal | None:
        """The first payment above nothing (None: none)."""
        paid = self._run.payments[: self._length, self._column]
        found = np.flatnonzero(paid > 0)
        return from_fen(int(paid[found[0]])) if len(found) else None


def _rises(schedule: FenSchedule, skip: int, opening: Decimal) -> list[PlannedPayment]:
    before: Decimal | None = opening if skip == 0 else None
    for p in schedule:
        if p.month > skip and before is not None and p.balance > before:
            return [p]
        before = p.balance
    return []


def fen_schedules(run: FenRun, ids: list[str], start: date) -> dict[str, FenSchedule]:
    """Each debt's months of the projection ``run``, by id (the debts open in its first month)."""
    lengths = run.lengths()
    opened = run.open[0].tolist() if run.open else []
    return {ids[i]: FenSchedule(run, i, lengths[i], start) for i in opened}
