"""Value types of a repayment schedule. The arithmetic that builds them lives in ``loans.py``.

A schedule is read as rows (:class:`Period`), but the builders make it as columns: one list of due dates, one of
principal, interest, fee and balance each (:class:`PeriodRows`). Rows are made from the columns the first time
anyone reads one, once; the true cost of a loan needs only its payments and never makes them. For a
counsellor's caseload of thousands of loans of up to 360 months, the rows were most of the cost of a schedule.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial
from typing import NamedTuple, TypeVar, overload

from .money import ZERO

T = TypeVar("T")


class Period(NamedTuple):
    """One instalment: what falls due on ``due_date`` and the principal left after it is paid.

    A named tuple rather than a frozen dataclass: made by the thousand, a tuple costs a third of the
    dataclass's ``__init__``.
    """

    period: int  # 1-based
    due_date: date
    principal: Decimal
    interest: Decimal
    fee: Decimal = ZERO  # periodic service/guarantee/membership fee or card instalment fee
    balance: Decimal = ZERO  # principal outstanding after this period

    @property
    def payment(self) -> Decimal:
        return self.principal + self.interest + self.fee


_period_of = partial(
    tuple.__new__, Period
)  # a Period from a 6-tuple, without the keyword handling of Period()


class Rows(Sequence[T]):
    """A tuple made on first use and kept: behaves as that tuple (indexing, slicing, iteration, ``len``,
    equality with a tuple or another ``Rows``). Subclasses say how the tuple is made (``_make``) and how long
    it will be (``__len__``, without making it)."""

    __slots__ = ("_rows",)

    def __init__(self) -> None:
        self._rows: tuple[T, ...] | None = None

    def _make(self) -> tuple[T, ...]:
        raise NotImplementedError

    def rows(self) -> tuple[T, ...]:
        """The tuple, made once."""
        if self._rows is None:
            self._rows = self._make()
        return self._rows

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        return self.rows()[index]

    def __len__(self) -> int:
        return len(self.rows())

    def __iter__(self) -> Iterator[T]:
        return iter(self.rows())

    def __reversed__(self) -> Iterator[T]:
        return reversed(self.rows())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rows):
            return self.rows() == other.rows()
        if isinstance(other, tuple):
            return self.rows() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.rows())

    def __repr__(self) -> str:
        return repr(self.rows())


class PeriodRows(Rows[Period]):
    """The periods of a schedule held as columns (period ``k`` is index ``k − 1`` of each), read as rows
    (made on first use). Immutable: the columns are tuples or lists no one else holds."""

    __slots__ = ("balance", "due_dates", "fee", "interest", "principal")

    def __init__(
        self,
        due_dates: Sequence[date],
        principal: Sequence[Decimal],
        interest: Sequence[Decimal],
        fee: Sequence[Decimal],
        balance: Sequence[Decimal],
    ) -> None:
        super().__init__()
        self.due_dates, self.principal, self.interest, self.fee, self.balance = (
            due_dates,
            principal,
            interest,
            fee,
            balance,
        )

    def _make(self) -> tuple[Period, ...]:
        count = len(self.due_dates)
        columns = zip(
            range(1, count + 1),
            self.due_dates,
            self.principal,
            self.interest,
            self.fee,
            self.balance,
            strict=True,
        )
        return tuple(map(_period_of, columns))

    def __len__(self) -> int:
        return len(self.due_dates)


@dataclass(frozen=True)
class Schedule:
    """The contractual schedule of one debt.

    ``periods`` is a tuple of rows or, from the builders, :class:`PeriodRows`. ``months``, when the builder knows
    it, gives for each period the whole number of months from the loan's start to its due date, every due date
    falling on the start's own day of the month; ``None`` when the dates are not whole months on (a payment day
    other than the start's, a card's statement cycle). The true cost then takes the periodic IRR straight from
    it instead of checking every date again. ``payments``, when the builder has them at hand, are the periods'
    ``payment`` amounts, so that the true cost need not add every period up again.
    """

    periods: Sequence[Period]
    months: Sequence[int] | None = field(default=None, compare=False, repr=False)
    payments: Sequence[Decimal] | None = field(default=None, compare=False, repr=False)

    @property
    def total_payment(self) -> Decimal:
        if self.payments is not None:
            return sum(self.payments, ZERO)
        return sum((p.payment for p in self.periods), ZERO)

    @property
    def total_interest(self) -> Decimal:
        return sum(self._column("interest"), ZERO)

    @property
    def total_fees(self) -> Decimal:
        return sum(self._column("fee"), ZERO)

    @property
    def total_principal(self) -> Decimal:
        return sum(self._column("principal"), ZERO)

    def _column(self, name: str) -> Sequence[Decimal]:
        periods = self.periods
        if isinstance(periods, PeriodRows):
            column: Sequence[Decimal] = getattr(periods, name)
            return column
        return [getattr(p, name) for p in periods]

    def due_on_or_before(self, day: date) -> tuple[Period, ...]:
        return tuple(p for p in self.periods if p.due_date <= day)
