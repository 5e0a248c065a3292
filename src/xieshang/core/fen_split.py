"""One month's split (``allocation.allocate``) in integer 分 across creditors at once, for the fast projection.

The same steps as :mod:`xieshang.core.allocation`, on numpy ``int64`` arrays of 分 in the claims' order:
priority claims first, the minimums, then the strategy. A proportional share is the exact rational
``left × w / total``: compared with a floor or cap as ``left × w < floor × total``, rounded down as
``left × w // total``, and the left-over 分 go to the largest remainders ``left × w % total`` (ties: the first), as
:func:`allocation._round` gives them.

Decimal computes a share to 28 digits, so where an exact comparison is a tie or within that precision of one (a
share a hair below a 分 or a bound, two remainders equal or nearly so at the cut, the two sides of the
water-filling equal) the Decimal split could order things differently. The splitter then raises :class:`Doubt`
and the month is split by :func:`allocation.allocate` itself; likewise when a product could overflow ``int64``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .allocation import PROPORTIONAL, Strategy

Fen = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]

LIMIT = 1 << 62  # products stay below this, so int64 arithmetic on them is exact
CLOSE = 1e-18  # relative closeness at which Decimal's 28 digits might decide differently


class Doubt(Exception):
    """The exact integer split and Decimal's might differ here: split this month in Decimal."""


class SplitMemo:
    """Last month's proportional split, reused when this month's is sure to be the same (as ``allocation.SplitMemo``).

    A split is fixed by the amount, the weights and how each round's shares compare with the floors and caps.
    When the amount, the weights and the bounds of every claim that crossed one are last month's, and no other
    claim's bound is crossed by any round's share, every round compares as it did and the shares are last month's.
    """

    __slots__ = ("above", "amount", "below", "caps", "floors", "mask", "rounds", "shares", "weights")

    def __init__(self) -> None:
        self.amount: int | None = None
        self.weights, self.mask, self.floors, self.caps = b"", b"", EMPTY, EMPTY
        self.below, self.above = EMPTY_FLAGS, EMPTY_FLAGS  # crossed a floor / a cap in some round
        self.rounds: list[tuple[Flags, Fen, int]] = []  # each round's free claims, shares (÷ total) and total
        self.shares: Fen | None = None

    def kept(self, amount: int, weights: Fen, floors: Fen, caps: Fen, mask: Flags) -> Fen | None:
        if self.shares is None or amount != self.amount or len(weights) != len(self.floors):
            return None
        if int(caps.sum()) <= amount:  # everyone gets its cap, without a split
            return None
        if weights.tobytes() != self.weights or mask.tobytes() != self.mask:
            return None
        below, above = self.below, self.above
        if (floors[below] != self.floors[below]).any() or (caps[above] != self.caps[above]).any():
            return None
        for free, share, total in self.rounds:
            if ((floors * total > share) & free & ~below).any() or (
                (share > caps * total) & free & ~above
            ).any():
                return None
        return self.shares


EMPTY = np.zeros(0, dtype=np.int64)
EMPTY_FLAGS = np.zeros(0, dtype=np.bool_)


def allocate_fen(
    budget: int,
    due: Fen,
    cap: Fen,
    balance: Fen,
    priority: Flags,
    apr_rank: Fen,
    id_rank: Fen,
    strategy: Strategy,
    minimum: int,
    memo: SplitMemo | None = None,
) -> Fen:
    """``allocate(budget, claims, strategy, minimum).shares`` in 分 (``budget`` > 0); :class:`Doubt` if unsure.

    The arrays may hold debts that are not claiming (cap 0: cleared, or a grace month that pays nothing): they
    get nothing and change nothing, as ``allocate`` leaves them out."""
    active = cap > 0
    first = active & priority
    if not first.any():
        shares = np.zeros(len(due), dtype=np.int64)
        _place(budget, active, strategy, minimum, shares, due, cap, balance, apr_rank, id_rank, memo)
        return shares
    wants = np.where(first, np.minimum(np.maximum(due, minimum), cap), 0)
    if int(wants.sum()) <= budget:
        shares = wants
    else:
        shares = split(budget, wants, np.zeros(len(due), dtype=np.int64), wants, first)
    remaining = budget - int(shares.sum())
    _place(
        remaining, active & ~priority, strategy, minimum, shares, due, cap, balance, apr_rank, id_rank, memo
    )
    left = budget - int(shares.sum())
    if left > 0:
        _place(left, first, strategy, 0, shares, due, cap, balance, apr_rank, id_rank)
    return shares


def _place(
    amount: int,
    mask: Flags,
    strategy: Strategy,
    minimum: int,
    shares: Fen,
    due: Fen,
    cap: Fen,
    balance: Fen,
    apr_rank: Fen,
    id_rank: Fen,
    memo: SplitMemo | None = None,
) -> None:
    """``allocation._place`` on the claims ``mask`` marks."""
    room = np.where(mask, cap - shares, 0)
    floors = np.minimum(room, minimum)
    met = int(floors.sum()) <= amount
    if not met:
        floors = np.zeros(len(room), dtype=np.int64)
    if strategy in PROPORTIONAL or not met:
        use_balance = strategy is Strategy.FAIR or (strategy is Strategy.BALANCE and met)
        weights = np.where(mask, balance if use_balance else due, 0)
        kept = None if memo is None else memo.kept(amount, weights, floors, room, mask)
        shares += split(amount, weights, floors, room, mask, memo) if kept is None else kept
        return
    amount -= int(floors.sum())
    if strategy is Strategy.AVALANCHE:
        order = np.lexsort((id_rank, balance, apr_rank))
    else:
        order = np.lexsort((id_rank, apr_rank, balance))
    space = (room - floors)[order]
    before = np.cumsum(space) - space
    shares += floors
    shares[order] += np.clip(amount - before, 0, space)


def split(
    amount: int,
    weights: Fen,
    floors: Fen,
    caps: Fen,
    mask: Flags | None = None,
    memo: SplitMemo | None = None,
) -> Fen:
    """``_round(amount, _bounded_split(amount, items))`` in 分 for items ``(weight, floor, cap)`` (those ``mask``
    marks; the others have weight, floor and cap 0); kept in ``memo`` if given."""
    caps_total = int(caps.sum())
    if caps_total <= amount:
        return caps.copy()
    if not (weights > 0).any():
        weights = caps
    weights = np.maximum(weights, 0)
    count = len(weights)
    claiming = np.ones(count, dtype=np.bool_) if mask is None else mask
    reach = amount + caps_total + int(floors.sum())  # no share of the rounds is larger
    bound = max(int(caps.max()), int(floors.max()), 1)
    if reach * max(int(weights.max()), 1) >= LIMIT or bound * max(int(weights.sum()), count) >= LIMIT:
        raise Doubt
    fixed = np.zeros(count, dtype=np.bool_)
    below, above = fixed.copy(), fixed.copy()
    value = np.zeros(count, dtype=np.int64)
    rounds: list[tuple[Flags, Fen, int]] = []
    left, w, total = amount, weights, int(weights.sum())
    while True:
        free = ~fixed
        if total == 0:  # Decimal's left / len(free)
            w = (free & claiming).astype(np.int64)
            total = int(w.sum())
        share = w * left  # the exact share is share / total
        rounds.append((free, share, total))
        under = floors * total - share
        above_cap = share - caps * total
        low, high = (under > 0) & free, (above_cap > 0) & free
        any_low, any_high = bool(low.any()), bool(high.any())
        if not any_low and not any_high:
            if memo is not None:
                memo.amount, memo.weights, memo.shares = None, weights.tobytes(), None
            result = _round(amount, value, free, share, total)
            if memo is not None:
                memo.mask = claiming.tobytes()
                memo.floors, memo.caps, memo.below, memo.above, memo.rounds = (
                    floors,
                    caps,
                    below,
                    above,
                    rounds,
                )
                memo.amount, memo.shares = amount, result
            return result
        short = int(under[low].sum()) if any_low else 0
        over = int(above_cap[high].sum()) if any_high else 0
        if any_low:
            _near(under[low], share[low])
        if any_high:
            _near(above_cap[high], share[high])
        if any_low and any_high:
            scale = (int(floors[low].sum()) + int(caps[high].sum())) * total + int(share[low | high].sum())
            if abs(short - over) <= CLOSE * scale:
                raise Doubt
        below |= low
        above |= high
        cross = low if short >= over else high
        value[cross] = (floors if short >= over else caps)[cross]
        fixed |= cross
        left = amount - int(value.sum())
        w = np.where(fixed, 0, weights)
        total = int(w.sum())


def _near(gap: Fen, share: Fen) -> None:
    """Doubt if a share is past a bound (``gap`` > 0) by less than Decimal's precision could tell."""
    if (gap.astype(np.float64) <= CLOSE * (np.abs(share).astype(np.float64) + 1.0)).any():
        raise Doubt


def _round(amount: int, value: Fen, free: Flags, share: Fen, total: int) -> Fen:
    """The shares rounded down to the 分, the left-over 分 to the largest remainders (ties: the first)."""
    down, rest = np.divmod(share, total)
    rest[~free] = 0
    value = np.where(free, down, value)
    left = amount - int(value.sum())
    if left <= 0:
        return value
    order = np.argsort(-rest, kind="stable")
    if left > len(order):
        raise Doubt
    chosen = rest[order[:left]]
    scale = CLOSE * total * (float(np.abs(down).max()) + 1.0)
    if float(chosen[-1]) <= scale or float(total - int(rest.max())) <= scale:
        raise Doubt  # a remainder Decimal might see as none, or a share a hair below the next 分
    if left < len(order) and float(int(chosen[-1]) - int(rest[order[left]])) <= scale:
        raise Doubt  # the cut falls between remainders Decimal might order the other way
    value[order[:left]] += 1
    return value
