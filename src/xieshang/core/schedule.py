"""Value types of a repayment schedule. The arithmetic that builds them lives in ``loans.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .money import ZERO


@dataclass(frozen=True)
class Period:
    """One instalment: what falls due on ``due_date`` and the principal left after it is paid."""

    period: int  # 1-based
    due_date: date
    principal: Decimal
    interest: Decimal
    fee: Decimal = ZERO  # periodic service/guarantee/membership fee or card instalment fee
    balance: Decimal = ZERO  # principal outstanding after this period

    @property
    def payment(self) -> Decimal:
        return self.principal + self.interest + self.fee


@dataclass(frozen=True)
class Schedule:
    """The contractual schedule of one debt."""

    periods: tuple[Period, ...]

    @property
    def total_payment(self) -> Decimal:
        return sum((p.payment for p in self.periods), ZERO)

    @property
    def total_interest(self) -> Decimal:
        return sum((p.interest for p in self.periods), ZERO)

    @property
    def total_fees(self) -> Decimal:
        return sum((p.fee for p in self.periods), ZERO)

    @property
    def total_principal(self) -> Decimal:
        return sum((p.principal for p in self.periods), ZERO)

    def due_on_or_before(self, day: date) -> tuple[Period, ...]:
        return tuple(p for p in self.periods if p.due_date <= day)
