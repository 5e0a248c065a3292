"""Month-by-month projection of a plan until every debt is paid (还款预测).

Each month every open debt accrues interest under its terms (a frozen debt accrues none), the budget is split
by ``allocation.allocate`` under the chosen strategy, and the payments settle charges, then principal. Money a
finished debt no longer needs goes to the others the same month, by the same strategy. A debt's balance ends at
exactly 0.00 the month it is paid off. A projection that has not ended after ``max_months`` (600 by default)
stops there and is flagged ``capped`` and not ``affordable`` (the plan does not repay within the horizon); a zero
or negative budget projects nothing and says so.

The status quo for comparison is :func:`status_quo`: the same budget and strategy on the debts as they stand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .allocation import DEFAULT_MINIMUM, Claim, SplitMemo, Strategy, allocate
from .dates import add_months, month_key
from .fen_projection import FenMapping, FenRun, run_fen
from .level import from_fen
from .money import ZERO, cents
from .options import MAX_MONTHS, DebtLedger, DebtPosition, DebtTerms, OptionKind, as_is_terms


@dataclass(frozen=True)
class MonthRow:
    index: int  # 1-based
    month: str  # "2026-12"
    payments: Mapping[str, Decimal]
    interest: Mapping[str, Decimal]  # accrued this month
    balances: Mapping[str, Decimal]  # owed after this month's payment

    @property
    def total(self) -> Decimal:
        return sum(self.payments.values(), ZERO)


@dataclass(frozen=True)
class DebtResult:
    id: str
    kind: OptionKind
    opening: Decimal  # owed at the start, after anything waived
    waived: Decimal
    interest: Decimal  # accrued during the projection
    paid: Decimal
    first_payment: Decimal
    payoff_index: int | None  # the month it is cleared (None: not within the projection)
    payoff_month: str | None

    @property
    def remaining(self) -> Decimal:
        return self.opening + self.interest - self.paid


@dataclass(frozen=True)
class Projection:
    budget: Decimal
    strategy: Strategy
    minimum: Decimal
    start: date  # the first day of the first month
    rows: tuple[MonthRow, ...]
    debts: tuple[DebtResult, ...]
    capped: bool = False
    affordable: bool = True
    token: Mapping[str, Decimal] = field(default_factory=dict)
    note: str = ""
    fen: FenRun | None = field(
        default=None, compare=False, repr=False
    )  # the integer loop's months, if it ran

    @property
    def total_paid(self) -> Decimal:
        return sum((d.paid for d in self.debts), ZERO)

    @property
    def total_interest(self) -> Decimal:
        return sum((d.interest for d in self.debts), ZERO)

    @property
    def remaining(self) -> Decimal:
        return sum((d.remaining for d in self.debts), ZERO)

    @property
    def cost(self) -> Decimal:
        """What clearing everything costs: paid, plus what is still owed if the projection was cut off."""
        return self.total_paid + self.remaining

    @property
    def monthly_max(self) -> Decimal:
        return max((r.total for r in self.rows), default=ZERO)

    @property
    def debt_free_month(self) -> str | None:
        if self.capped or not self.affordable:
            return None
        return self.rows[-1].month if self.rows else month_key(self.start)

    def debt(self, debt_id: str) -> DebtResult:
        for result in self.debts:
            if result.id == debt_id:
                return result
        raise KeyError(debt_id)


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def yearly_rate(terms: DebtTerms) -> Decimal:
    """The rate the avalanche ranks by: the true cost as things stand, else the rate the option sets."""
    return terms.position.yearly_rate if terms.kind is OptionKind.AS_IS else terms.rate * 12


def project(
    terms: Sequence[DebtTerms],
    budget: Decimal,
    start: date,
    strategy: Strategy = Strategy.FAIR,
    minimum: Decimal = DEFAULT_MINIMUM,
    max_months: int = MAX_MONTHS,
) -> Projection:
    """Run the plan month by month from ``start``'s month until every debt is cleared or ``max_months``."""
    budget, start = cents(budget), first_of_month(start)
    ledgers = [DebtLedger(t) for t in terms]
    rates = [yearly_rate(t) for t in terms]
    first: dict[str, Decimal] = {}
    payoff: dict[str, int] = {}
    rows: list[MonthRow] = []
    if budget <= 0:
        claims = [_claim(ledger, rate, opened=False) for ledger, rate in zip(ledgers, rates, strict=True)]
        nothing = allocate(budget, claims, strategy, minimum)
        return Projection(
            budget, strategy, minimum, start, (), _results(ledgers, first, payoff, start),
            capped=any(ledger.payoff > 0 for ledger in ledgers), affordable=False, token=nothing.token, note=nothing.note,
        )  # fmt: skip
    fast = run_fen(terms, budget, strategy, minimum, max_months, rates)
    if fast is not None:
        return _from_fen(fast, terms, budget, start, strategy, minimum)
    ids = [t.position.id for t in terms]
    priorities = [t.position.priority for t in terms]
    owed = [
        ledger.payoff for ledger in ledgers
    ]  # after each month's payment; a cleared debt is not opened again
    open_now = [i for i, left in enumerate(owed) if left > 0]
    memo = SplitMemo()  # a month asking what the last one asked reuses its split
    index = 0
    while index < max_months and open_now:
        index += 1
        claims = []
        for i in open_now:
            ledger = ledgers[i]
            ledger.open_month()
            due, cap = ledger.due_and_cap()
            claims.append(Claim(ids[i], due, cap, ledger.payoff, rates[i], priorities[i]))
        shares = allocate(budget, claims, strategy, minimum, memo=memo).shares
        payments: dict[str, Decimal] = {}
        interest: dict[str, Decimal] = {}
        for i in open_now:
            ledger, key = ledgers[i], ids[i]
            amount = shares[key]
            ledger.pay(amount)
            payments[key], interest[key] = amount, ledger.accrued
            first.setdefault(key, amount)
            left = owed[i] = ledger.payoff
            if left == 0:
                payoff[key] = index
        open_now = [i for i in open_now if owed[i] > 0]
        rows.append(
            MonthRow(
                index,
                month_key(add_months(start, index - 1)),
                payments,
                interest,
                dict(zip(ids, owed, strict=True)),
            )
        )
    capped = bool(open_now)
    return Projection(
        budget, strategy, minimum, start, tuple(rows), _results(ledgers, first, payoff, start), capped,
        affordable=not capped, note=_not_cleared(len(rows)) if capped else "",
    )  # fmt: skip


def _from_fen(
    run: FenRun,
    terms: Sequence[DebtTerms],
    budget: Decimal,
    start: date,
    strategy: Strategy,
    minimum: Decimal,
) -> Projection:
    """The projection the integer loop ran (the same figures as the Decimal loop's, made Decimal when read)."""
    ids = [t.position.id for t in terms]
    rows = tuple(
        MonthRow(
            index, month_key(add_months(start, index - 1)), FenMapping(ids, run.payments[index - 1], where),
            FenMapping(ids, run.interest[index - 1], where), FenMapping(ids, run.balances[index - 1]),
        )
        for index, where in enumerate(run.open, start=1)
    )  # fmt: skip
    results = []
    for i, t in enumerate(terms):
        opening = t.principal + t.charges
        index = run.payoff.get(i)
        if index is None and opening == 0:
            index = 0
        first = run.first[i]
        results.append(
            DebtResult(
                t.position.id, t.kind, opening, t.waived, from_fen(run.interest_total[i]), from_fen(run.paid[i]),
                ZERO if first is None else from_fen(first), index,
                None if index is None else month_key(add_months(start, max(index, 1) - 1)),
            )
        )  # fmt: skip
    capped = run.capped
    return Projection(
        budget, strategy, minimum, start, rows, tuple(results), capped, affordable=not capped,
        note=_not_cleared(len(rows)) if capped else "", fen=run,
    )  # fmt: skip


def _not_cleared(months: int) -> str:
    return (
        f"按这个预算，{months} 个月内还不清：请考虑停息挂账、减免或延长分期，或重新核对收支。"
        f" / Not repaid within {months} months at this budget: consider an interest freeze, a waiver or a"
        " longer re-instalment, or check the budget again."
    )


def status_quo(
    positions: Sequence[DebtPosition],
    budget: Decimal,
    start: date,
    strategy: Strategy = Strategy.FAIR,
    minimum: Decimal = DEFAULT_MINIMUM,
    max_months: int = MAX_MONTHS,
) -> Projection:
    """The same budget and strategy on the debts as they stand: nothing waived, interest and penalties running."""
    return project([as_is_terms(p) for p in positions], budget, start, strategy, minimum, max_months)


def _claim(ledger: DebtLedger, rate: Decimal, opened: bool = True) -> Claim:
    position = ledger.terms.position
    due, cap = (
        ledger.due_and_cap() if opened else (min(position.contractual_monthly, ledger.payoff), ledger.payoff)
    )
    return Claim(position.id, due, cap, ledger.payoff, rate, position.priority)


def _results(
    ledgers: Sequence[DebtLedger], first: Mapping[str, Decimal], payoff: Mapping[str, int], start: date
) -> tuple[DebtResult, ...]:
    results = []
    for ledger in ledgers:
        terms = ledger.terms
        key = terms.position.id
        index = payoff.get(key)
        if index is None and terms.principal + terms.charges == 0:
            index = 0
        results.append(
            DebtResult(
                id=key,
                kind=terms.kind,
                opening=terms.principal + terms.charges,
                waived=terms.waived,
                interest=ledger.interest_total,
                paid=ledger.paid,
                first_payment=first.get(key, ZERO),
                payoff_index=index,
                payoff_month=None if index is None else month_key(add_months(start, max(index, 1) - 1)),
            )
        )
    return tuple(results)
