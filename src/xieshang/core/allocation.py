"""Splitting one month's affordable amount among creditors (分配每月可还金额).

The order of a month's split, whatever the strategy:

1. **Priority obligations** (e.g. a court judgment or a secured loan the borrower marks) get what they are due
   (at least the minimum) before anyone else; if the budget cannot cover them they share it pro rata.
2. **A minimum per creditor** (default ¥50): when the budget covers every minimum, every other creditor gets
   at least the minimum (or all it is owed, if less). When it does not, the money is shared pro rata by what
   each is due, so that no creditor is favoured.
3. **The strategy** places the rest: ``fair`` (the default) in proportion to what each is owed, also when the
   budget cannot cover every minimum; ``pro-rata`` in proportion to each creditor's contractual payment;
   ``balance`` in proportion to what each is owed once the minimums are met (by contractual payment below
   them); ``avalanche`` to the highest yearly rate first, ``snowball`` to the smallest balance first. Nobody
   gets more than it is owed (its ``cap``), so money a finished debt no longer needs rolls to the others.

Why ``fair`` is the default: a contractual payment says how a contract is shaped, not how much is owed. A
lump-sum (bullet) loan past its date asks for everything at once and a revolving card only its small minimum, so
a split by contractual payment gives the lump-sum lender nearly all of the budget. Split by balance, each
creditor gets the share of the budget that its share of the debt is (plus the minimum), whatever its contract's
shape; it is the "fair share" split debt advisers propose.

Amounts are split exactly, then rounded by the largest-remainder method so the shares add up to the amount
allocated to the 分. A zero or negative budget allocates nothing and says so; it suggests **token payments**
(¥1 a creditor a month, the amount debt advisers suggest to show good will) which lie outside the budget.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from .money import CENT, ZERO, cents, quantize_floor
from .vocabulary import Strategy as Strategy

DEFAULT_MINIMUM = Decimal("50.00")
PROPORTIONAL = frozenset((Strategy.FAIR, Strategy.PRO_RATA, Strategy.BALANCE))
TOKEN_PAYMENT = Decimal("1.00")


class Claim(NamedTuple):
    """One creditor's claim on this month's money (a named tuple: a projection makes one per debt a month)."""

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


class SplitMemo:
    """Last month's split, kept by a projection so that a month asking the same of the same creditors costs a check.

    A split (:func:`_bounded_split`) is fixed by the amount, the weights, and the outcome of comparing each
    round's proportional shares with the floors and caps; the bounds' own values enter only where a share
    crossed them (it is then held there, or its excess weighs which side is held first). So when this month's
    amount and weights are last month's, every bound a share crossed is the same number, and no other share of
    any round crosses this month's bounds, each round compares the same way and the split is last month's,
    exactly, as is its rounding to the 分: a check of each claim instead of dividing again. Anything else
    computes the split as without a memo.
    """

    __slots__ = ("amount", "caps", "exact", "floors", "ids", "peaks", "rounded", "troughs", "weights")

    def __init__(self) -> None:
        self.amount: Decimal | None = None
        self.ids: list[str] = []
        self.weights: list[Decimal] = []
        self.floors: dict[str, Decimal] = {}  # the floor of each claim that fell below it in some round
        self.caps: dict[str, Decimal] = {}  # the cap of each claim that rose above it in some round
        self.troughs: dict[str, Decimal] = {}  # the other claims' least share in any round
        self.peaks: dict[str, Decimal] = {}  # the other claims' largest share in any round
        self.exact: dict[str, Decimal] | None = None
        self.rounded: dict[str, Decimal] | None = None

    def kept(
        self, amount: Decimal, items: Sequence[tuple[str, Decimal, Decimal, Decimal]]
    ) -> dict[str, Decimal] | None:
        """Last month's exact split if it is this month's too (see the class), else None."""
        exact = self.exact
        if exact is None or amount != self.amount or len(items) != len(self.ids):
            return None
        if [item[0] for item in items] != self.ids or [item[1] for item in items] != self.weights:
            return None
        floors, caps, troughs, peaks = self.floors, self.caps, self.troughs, self.peaks
        for key, _, floor, cap in items:
            if key in floors:
                if floor != floors[key]:
                    return None
            elif floor > troughs[key]:
                return None
            if key in caps:
                if cap != caps[key]:
                    return None
            elif cap < peaks[key]:
                return None
        return exact

    def keep(
        self,
        amount: Decimal,
        items: Sequence[tuple[str, Decimal, Decimal, Decimal]],
        rounds: Sequence[Mapping[str, Decimal]],
        exact: dict[str, Decimal],
        below: set[str],
        above: set[str],
    ) -> None:
        """Keep a split: its rounds' shares, and the bounds of the claims that crossed them (``below`` a floor,
        ``above`` a cap)."""
        self.amount, self.exact, self.rounded = amount, exact, None
        self.ids = [item[0] for item in items]
        self.weights = [item[1] for item in items]
        self.floors = {key: floor for key, _, floor, _ in items if key in below}
        self.caps = {key: cap for key, _, _, cap in items if key in above}
        troughs, peaks = dict(rounds[0]), dict(rounds[0])
        for later in rounds[1:]:
            for key, share in later.items():
                if share < troughs[key]:
                    troughs[key] = share
                elif share > peaks[key]:
                    peaks[key] = share
        self.troughs, self.peaks = troughs, peaks


NOTHING_AFFORDABLE = (
    "每月没有可用于还款的钱：建议先向每个债权人说明困难，并可象征性地每月还款1元以示诚意。"
    " / Nothing is affordable: explain the hardship to every creditor; a token ¥1 a month shows good will."
)


def allocate(
    budget: Decimal,
    claims: Sequence[Claim],
    strategy: Strategy = Strategy.FAIR,
    minimum: Decimal = DEFAULT_MINIMUM,
    token: Decimal = TOKEN_PAYMENT,
    memo: SplitMemo | None = None,
) -> Allocation:
    """Split ``budget`` among ``claims``; never more than the budget, never more than a claim's cap.

    ``memo`` (a projection's, one per projection) lets a month that asks what the last one asked reuse its split.
    """
    budget = cents(budget)
    shares: dict[str, Decimal] = dict.fromkeys([c.id for c in claims], ZERO)
    if budget <= 0:
        offers = {c.id: min(token, c.cap) for c in claims if c.cap > 0}
        return Allocation(
            budget, shares, affordable=False, minimums_met=False, token=offers, note=NOTHING_AFFORDABLE
        )
    active = [c for c in claims if c.cap > 0]
    priority = [c for c in active if c.priority]
    if not priority:  # the budget (already in 分) is all the others'
        return Allocation(
            budget, shares, minimums_met=_place(budget, active, strategy, minimum, shares, memo)
        )
    remaining = budget
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

    met = _place(remaining, [c for c in active if not c.priority], strategy, minimum, shares, memo)
    left = budget - sum(shares.values(), ZERO)
    if left > 0:  # every other creditor is paid in full: the rest goes to the priority debts
        _place(left, priority, strategy, ZERO, shares)
    return Allocation(budget, shares, minimums_met=met)


def _place(
    amount: Decimal,
    claims: Sequence[Claim],
    strategy: Strategy,
    minimum: Decimal,
    shares: dict[str, Decimal],
    memo: SplitMemo | None = None,
) -> bool:
    """Add ``amount`` to ``shares`` among ``claims`` under ``strategy``; whether every minimum was met."""
    room = {c.id: c.cap - shares[c.id] for c in claims}
    floors = {c.id: min(minimum, room[c.id]) for c in claims}
    met = sum(floors.values(), ZERO) <= amount
    if not met:
        floors = dict.fromkeys(floors, ZERO)
    if strategy in PROPORTIONAL or not met:
        use_balance = strategy is Strategy.FAIR or (strategy is Strategy.BALANCE and met)
        items = [(c.id, c.balance if use_balance else c.due, floors[c.id], room[c.id]) for c in claims]
        for key, value in _round(amount, _bounded_split(amount, items, memo), memo).items():
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
    amount: Decimal, items: Sequence[tuple[str, Decimal, Decimal, Decimal]], memo: SplitMemo | None = None
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
    if any(weight < 0 for _, weight, _, _ in items):  # a negative weight counts as none
        items = [(key, max(weight, ZERO), floor, cap) for key, weight, floor, cap in items]
    if memo is not None:
        kept = memo.kept(amount, items)
        if kept is not None:
            return kept
    fixed: dict[str, Decimal] = {}
    rounds: list[
        dict[str, Decimal]
    ] = []  # each round's proportional shares, and who crossed a bound: for the memo
    below: set[str] = set()
    above: set[str] = set()
    while True:
        free = [item for item in items if item[0] not in fixed]
        left = amount - sum(fixed.values(), ZERO)
        total = sum((w for _, w, _, _ in free), ZERO)
        if total == 0:
            tentative = {key: left / len(free) for key, _, _, _ in free} if free else {}
        else:
            tentative = {key: left * w / total for key, w, _, _ in free}
        rounds.append(tentative)
        low = {key: floor for key, _, floor, _ in free if tentative[key] < floor}
        high = {key: cap for key, _, _, cap in free if tentative[key] > cap}
        if not low and not high:
            exact = {**fixed, **tentative} if fixed else tentative
            if memo is not None:
                memo.keep(amount, items, rounds, exact, below, above)
            return exact
        below.update(low)
        above.update(high)
        short = sum((low[k] - tentative[k] for k in low), ZERO)
        over = sum((tentative[k] - high[k] for k in high), ZERO)
        fixed.update(low if short >= over else high)


def _round(
    amount: Decimal, exact: Mapping[str, Decimal], memo: SplitMemo | None = None
) -> dict[str, Decimal]:
    """Round exact shares down to the 分 and give the left-over 分 to the largest remainders (ties: first).

    Shares that are the ``memo``'s kept ones (and so of the same amount) are rounded once."""
    if memo is not None and exact is memo.exact and memo.rounded is not None:
        return memo.rounded
    down = {key: quantize_floor(value, CENT) for key, value in exact.items()}
    target = min(cents(amount), cents(sum(exact.values(), ZERO)))
    left = int((target - sum(down.values(), ZERO)) / CENT)
    if left > 0:
        order = sorted(exact, key=lambda key: -(exact[key] - down[key]))
        for key in order[:left]:
            down[key] += CENT
    if memo is not None and exact is memo.exact:
        memo.rounded = down
    return down
