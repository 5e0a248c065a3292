"""Splitting one month's affordable amount among creditors (分配每月可还金额).

The order of a month's split, whatever the strategy:

1. **Priority obligations** (e.g. a court judgment or a secured loan the borrower marks) get what they are due
   (at least the minimum) before anyone else; if the budget cannot cover them they share it pro rata.
2. **A minimum per creditor** (default ¥50): when the budget covers every minimum, every other creditor gets
   at least the minimum (or all it is owed, if less). When it does not, the money is shared pro rata by what
   each is due, so that no creditor is favoured.
3. **The strategy** places the rest: ``pro-rata`` in proportion to each creditor's contractual payment (as debt
   charities do), ``balance`` in proportion to what each is owed, ``avalanche`` to the highest yearly rate first,
   ``snowball`` to the smallest balance first. Nobody gets more than it is owed (its ``cap``), so money a
   finished debt no longer needs rolls to the others.

Amounts are split exactly, then rounded by the largest-remainder method so the shares add up to the amount
allocated to the 分. A zero or negative budget allocates nothing and says so; it suggests **token payments**
(¥1 a creditor a month, the amount debt advisers suggest to show good will) which lie outside the budget.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from .money import CENT, ZERO, cents
from .vocabulary import Strategy as Strategy

DEFAULT_MINIMUM = Decimal("50.00")
TOKEN_PAYMENT = Decimal("1.00")


@dataclass(frozen=True)
class Claim:
    """One creditor's claim on this month's money."""

    id: str
    due: Decimal  # what its terms ask this month: the pro-rata basis
    cap: Decimal  # the most it may take this month (everything owed, or its due in a grace month)
    balance: Decimal = ZERO
    apr: Decimal = ZERO
    priority: bool = False


@dataclass(frozen=True)
class Allocation:
    budget: Decimal
    shares: Mapping[str, Decimal]
    affordable: bool = True
    minimums_met: bool = True
    token: Mapping[str, Decimal] = field(default_factory=dict)
    note: str = ""

    @property
    def total(self) -> Decimal:
        return sum(self.shares.values(), ZERO)


NOTHING_AFFORDABLE = (
    "每月没有可用于还款的钱：建议先向每个债权人说明困难，并可象征性地每月还款1元以示诚意。"
    " / Nothing is affordable: explain the hardship to every creditor; a token ¥1 a month shows good will."
)


def allocate(
    budget: Decimal,
    claims: Sequence[Claim],
    strategy: Strategy = Strategy.PRO_RATA,
    minimum: Decimal = DEFAULT_MINIMUM,
    token: Decimal = TOKEN_PAYMENT,
) -> Allocation:
    """Split ``budget`` among ``claims``; never more than the budget, never more than a claim's cap."""
    budget = cents(budget)
    shares: dict[str, Decimal] = {c.id: ZERO for c in claims}
    if budget <= 0:
        offers = {c.id: min(token, c.cap) for c in claims if c.cap > 0}
        return Allocation(
            budget, shares, affordable=False, minimums_met=False, token=offers, note=NOTHING_AFFORDABLE
        )
    active = [c for c in claims if c.cap > 0]
    remaining = budget

    priority = [c for c in active if c.priority]
    wants = {c.id: min(max(c.due, minimum), c.cap) for c in priority}
    if sum(wants.values(), ZERO) <= remaining:
        given = wants
    else:
        given = _round(
            remaining, _bounded_split(remaining, [(c.id, wants[c.id], ZERO, wants[c.id]) for c in priority])
        )
    for key, amount in given.items():
        shares[key] += amount
    remaining -= sum(given.values(), ZERO)

    met = _place(remaining, [c for c in active if not c.priority], strategy, minimum, shares)
    left = budget - sum(shares.values(), ZERO)
    if left > 0 and priority:  # every other creditor is paid in full: the rest goes to the priority debts
        _place(left, priority, strategy, ZERO, shares)
    return Allocation(budget, shares, minimums_met=met)


def _place(
    amount: Decimal, claims: Sequence[Claim], strategy: Strategy, minimum: Decimal, shares: dict[str, Decimal]
) -> bool:
    """Add ``amount`` to ``shares`` among ``claims`` under ``strategy``; whether every minimum was met."""
    room = {c.id: c.cap - shares[c.id] for c in claims}
    floors = {c.id: min(minimum, room[c.id]) for c in claims}
    met = sum(floors.values(), ZERO) <= amount
    if not met:
        floors = {c.id: ZERO for c in claims}
    if strategy in (Strategy.PRO_RATA, Strategy.BALANCE) or not met:
        use_balance = strategy is Strategy.BALANCE and met
        items = [(c.id, c.balance if use_balance else c.due, floors[c.id], room[c.id]) for c in claims]
        for key, value in _round(amount, _bounded_split(amount, items)).items():
            shares[key] += value
        return met
    for c in claims:
        shares[c.id] += floors[c.id]
        amount -= floors[c.id]
    if strategy is Strategy.AVALANCHE:
        order = sorted(claims, key=lambda c: (-c.apr, c.balance, c.id))
    else:
        order = sorted(claims, key=lambda c: (c.balance, -c.apr, c.id))
    for c in order:
        extra = min(c.cap - shares[c.id], amount)
        shares[c.id] += extra
        amount -= extra
    return met


def _bounded_split(
    amount: Decimal, items: Sequence[tuple[str, Decimal, Decimal, Decimal]]
) -> dict[str, Decimal]:
    """Exact shares of ``amount`` proportional to each weight, held between each floor and cap.

    ``items`` are ``(id, weight, floor, cap)``. Claims pushed outside their bounds are fixed at the bound,
    the side with the larger total violation first, and the rest re-split (the standard water-filling
    method). If every cap together is less than ``amount``, everyone gets its cap. Weights that are all zero
    fall back to the caps as weights.
    """
    if sum((cap for _, _, _, cap in items), ZERO) <= amount:
        return {key: cap for key, _, _, cap in items}
    if all(weight <= 0 for _, weight, _, _ in items):
        items = [(key, cap, floor, cap) for key, _, floor, cap in items]
    fixed: dict[str, Decimal] = {}
    while True:
        free = [item for item in items if item[0] not in fixed]
        left = amount - sum(fixed.values(), ZERO)
        total = sum((max(w, ZERO) for _, w, _, _ in free), ZERO)
        if total == 0:
            tentative = {key: left / len(free) for key, _, _, _ in free} if free else {}
        else:
            tentative = {key: left * max(w, ZERO) / total for key, w, _, _ in free}
        low = {key: floor for key, _, floor, _ in free if tentative[key] < floor}
        high = {key: cap for key, _, _, cap in free if tentative[key] > cap}
        if not low and not high:
            return {**fixed, **tentative}
        short = sum((low[k] - tentative[k] for k in low), ZERO)
        over = sum((tentative[k] - high[k] for k in high), ZERO)
        fixed.update(low if short >= over else high)


def _round(amount: Decimal, exact: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Round exact shares down to the 分 and give the left-over 分 to the largest remainders (ties: first)."""
    down = {
        key: (value / CENT).to_integral_value(rounding=ROUND_FLOOR) * CENT for key, value in exact.items()
    }
    target = min(cents(amount), cents(sum(exact.values(), ZERO)))
    left = int((target - sum(down.values(), ZERO)) / CENT)
    order = sorted(exact, key=lambda key: -(exact[key] - down[key]))
    for key in order[: max(left, 0)]:
        down[key] += CENT
    return {key: cents(value) for key, value in down.items()}
