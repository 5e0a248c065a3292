"""What a debt charged above a legal line, period by period, on the principal actually received.

For one line that applies (its rate day by day, :class:`~.lines.LineRate`) the debt's history up to ``as_of``
is cut into periods, each compared with the line on its own:

- the **contract term**: the instalments due on or before ``as_of``. Charged: their interest (recomputed after
  prepayments) and fees, a fee paid at signing spread evenly over the instalments, and, in the first term
  period, the whole amount deducted in advance (砍头息: principal − received). Allowed:
  ``Σ s · balance_k · rate · t_k`` where ``balance_k`` is the principal outstanding over instalment k's period,
  ``s = received / principal`` (民间借贷规定 Art. 26, 民法典 Art. 670: principal is what was received) and
  ``t_k`` its length in years (days / day count for daily and one-period loans, months / 12 otherwise).
- the **overdue period**: from the first day an instalment was late to ``as_of``. Charged: 罚息, 复利 and
  违约金. Allowed: ``Σ s · overdue principal · rate · days / day count`` over the stretches the replay
  recorded — principal only: no line in the data allows interest on interest (Art. 27, 28, 29).

A line whose rate changes on a day (the 2020-08-20 transition of private lending) splits both: term
instalments take the rate on their first day, overdue days the rate of each day (charges of a stretch that
spans the change are shared by days). Each period's figures are rounded to the 分; its excess is
``max(0, charged − allowed)`` and the debt's excess over the line is the **sum** of the periods' excesses —
headroom in one period never offsets charges above the line in another.

A revolving card is cut the same way by statement cycles: the cycles before the first missed minimum are
its term, the cycles from then on (with every 违约金) its overdue period; the base is the principal part of
the balance day by day, never the interest or fees added to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from .cards import first_missed_due, revolving_position
from .lines import LineRate
from .money import ZERO, cents
from .overdue import OverdueStatus
from .replay import ReplayHistory
from .terms import Loan, Method

PeriodKind = Literal["term", "overdue"]
DAY = timedelta(days=1)
_TWELVE = Decimal(12)


@dataclass(frozen=True)
class ExcessPeriod:
    """One period of the comparison: what the debt charged in it and what the line allows.

    ``base`` is the average principal actually received outstanding over the period, so that
    ``allowed = base × rate × years`` (before rounding). ``charged`` is the sum of the parts that follow it.
    """

    kind: PeriodKind
    begin: date
    end: date
    base: Decimal
    rate: Decimal
    years: Decimal
    allowed: Decimal
    charged: Decimal
    interest: Decimal = ZERO
    deducted: Decimal = ZERO  # 砍头息: principal − received
    fees: Decimal = ZERO
    penalty: Decimal = ZERO  # 罚息
    compound: Decimal = ZERO  # 复利
    late_fees: Decimal = ZERO  # 违约金 / 滞纳金

    @property
    def excess(self) -> Decimal:
        return max(ZERO, self.charged - self.allowed)

    @property
    def days(self) -> int:
        """Calendar days covered: a term period runs from its start to its due date, an overdue one from its
        first overdue day to its last, both days counted."""
        return (self.end - self.begin).days + (1 if self.kind == "overdue" else 0)


@dataclass
class _Piece:
    """Running sums of one period before rounding (private)."""

    kind: PeriodKind
    rate: Decimal
    begin: date
    end: date
    base_years: Decimal = Decimal(0)  # Σ s · balance · t
    years: Decimal = Decimal(0)
    interest: Decimal = Decimal(0)
    deducted: Decimal = Decimal(0)
    fees: Decimal = Decimal(0)
    penalty: Decimal = Decimal(0)
    compound: Decimal = Decimal(0)
    late_fees: Decimal = Decimal(0)

    def done(self) -> ExcessPeriod:
        parts = [self.interest, self.deducted, self.fees, self.penalty, self.compound, self.late_fees]
        rounded = [cents(x) for x in parts]
        base = self.base_years / self.years if self.years else Decimal(0)
        return ExcessPeriod(
            self.kind,
            self.begin,
            self.end,
            cents(base),
            self.rate,
            self.years,
            cents(self.base_years * self.rate),
            sum(rounded, ZERO),
            *rounded,
        )


def _months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def period_years(loan: Loan, begin: date, end: date) -> Decimal:
    """The length of a period in years: days / day count for daily and bullet loans, months / 12 otherwise."""
    if loan.method in (Method.DAILY, Method.BULLET):
        return Decimal((end - begin).days) / Decimal(loan.day_count)
    months = _months_between(begin, end)
    if months < 1:  # a period shorter than a calendar month step: count days
        return Decimal((end - begin).days) / Decimal(loan.day_count)
    return Decimal(months) / _TWELVE


def received_share(loan: Loan) -> Decimal:
    """``s``: the part of the contract principal the borrower actually received."""
    return loan.cash_received / loan.principal if loan.principal > 0 else Decimal(1)


def excess_periods(
    loan: Loan, status: OverdueStatus, rate: LineRate, schedule_periods: int
) -> tuple[ExcessPeriod, ...]:
    """The periods of ``loan`` up to ``status.as_of`` compared with the line ``rate`` (module notes)."""
    if loan.start_date > status.as_of:
        return ()
    if loan.method is Method.REVOLVING:
        return tuple(p.done() for p in _card_pieces(loan, status, rate))
    history = status.history
    if history is None:
        return ()
    term = list(_term_pieces(loan, history, rate, schedule_periods))
    overdue = list(_overdue_pieces(loan, history, rate))
    return tuple(p.done() for p in (*term, *overdue))


def _term_pieces(
    loan: Loan, history: ReplayHistory, rate: LineRate, schedule_periods: int
) -> Iterator[_Piece]:
    share = received_share(loan)
    deducted = loan.principal - loan.cash_received
    fee_share = loan.upfront_fee / schedule_periods if schedule_periods else Decimal(0)
    piece: _Piece | None = None
    for item in history.instalments:
        day_rate = rate.on(item.begin)
        if piece is None or piece.rate != day_rate:
            if piece is not None:
                yield piece
            first = piece is None  # the deduction belongs to the first term period
            piece = _Piece("term", day_rate, item.begin, item.due_date, deducted=deducted if first else ZERO)
        years = period_years(loan, item.begin, item.due_date)
        piece.end = item.due_date
        piece.years += years
        piece.base_years += share * item.base * years
        piece.interest += item.interest
        piece.fees += item.fee + fee_share
    if piece is not None:
        yield piece
    elif deducted > 0:  # nothing due yet, but the deduction was taken at the start
        yield _Piece("term", rate.on(loan.start_date), loan.start_date, loan.start_date, deducted=deducted)


def _overdue_pieces(loan: Loan, history: ReplayHistory, rate: LineRate) -> Iterator[_Piece]:
    """Overdue stretches and 违约金, split where the line's rate changes (before the cut, then after)."""
    share = received_share(loan)
    basis = Decimal(loan.day_count)
    cut = rate.cut()
    pieces: dict[bool, _Piece] = {}  # key: on or after the cut

    def piece(after: bool, first: date, last: date) -> _Piece:
        found = pieces.get(after)
        if found is None:
            day_rate = rate.after if after and rate.after is not None else rate.before
            found = pieces[after] = _Piece("overdue", day_rate, first, last)
        found.begin, found.end = min(found.begin, first), max(found.end, last)
        return found

    for stretch in history.accruals:
        days = stretch.days
        before = days if cut is None else max(0, min(days, (cut - DAY - stretch.begin).days))
        for after, count, first, last in _split(stretch.begin, stretch.end, before, days):
            target = piece(after, first, last)
            target.base_years += share * stretch.principal * count / basis
            target.penalty += stretch.penalty * count / days
            target.compound += stretch.compound * count / days
    for fee in history.late_fees:
        piece(cut is not None and fee.day >= cut, fee.day, fee.day).late_fees += fee.amount
    for key in sorted(pieces):  # a period's length is its calendar days; its base the average principal
        found = pieces[key]
        found.years = Decimal((found.end - found.begin).days + 1) / basis
        yield found


def _split(begin: date, end: date, before: int, days: int) -> Iterable[tuple[bool, int, date, date]]:
    """Days ``begin+1 … end`` as (after the cut?, count, first day, last day), the part before the cut first."""
    if before > 0:
        yield False, before, begin + DAY, begin + timedelta(days=before)
    if days - before > 0:
        yield True, days - before, begin + timedelta(days=before + 1), end


def _card_pieces(loan: Loan, status: OverdueStatus, rate: LineRate) -> Iterator[_Piece]:
    """Statement cycles as term and overdue periods (see the module notes)."""
    position = revolving_position(loan, status.as_of)
    share = received_share(loan)
    basis = Decimal(loan.day_count)
    missed = first_missed_due(loan, position)
    statements = position.statements
    ends = [s.statement_date for s in statements[1:]] + [position.as_of]
    closing = [*statements[1:], None]
    pieces: list[_Piece] = []
    for opening, end, closed in zip(statements, ends, closing, strict=True):
        begin = opening.statement_date
        kind: PeriodKind = "overdue" if missed is not None and begin >= missed else "term"
        day_rate = rate.on(begin)
        if not pieces or pieces[-1].kind != kind or pieces[-1].rate != day_rate:
            pieces.append(_Piece(kind, day_rate, begin, end))
        target = pieces[-1]
        target.end = end
        principal_days = closed.principal_days if closed is not None else position.principal_days
        target.years += Decimal((end - begin).days) / basis
        target.base_years += share * principal_days / basis
        target.interest += closed.interest if closed is not None else position.accrued_interest
        late = (
            closed.late_fee
            if closed is not None
            else position.late_fees_charged - sum((s.late_fee for s in statements), ZERO)
        )
        if late:
            overdue = next((p for p in pieces if p.kind == "overdue"), None)
            if (
                overdue is None
            ):  # a 违约金 of the cycle the first missed due date falls in: overdue from its end
                overdue = _Piece("overdue", day_rate, end, end)
                pieces.append(overdue)
            overdue.late_fees += late
    deducted = loan.principal - loan.cash_received
    if pieces and deducted > 0:
        pieces[0].deducted += deducted
    yield from pieces
