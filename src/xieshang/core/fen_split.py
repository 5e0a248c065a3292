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
    """Last month's proportional split: the same amount, weights, floors and caps give the same shares."""

    __slots__ = ("key", "shares")

    def __init__(self) -> None:
        self.key: tuple[int, bytes, bytes, bytes] | None = None
        self.shares: Fen | None = None


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
    """``allocate(budget, claims, strategy, minimum).shares`` in 分 (``budget`` > 0); :class:`Doubt` if unsure."""
    shares = np.zeros(len(due), dtype=np.int64)
    active = np.flatnonzero(cap > 0)
    first = active[priority[active]]
    if not len(first):
        _place(budget, active, strategy, minimum, shares, due, cap, balance, apr_rank, id_rank, memo)
        return shares
    wants = np.minimum(np.maximum(due[first], minimum), cap[first])
    if int(wants.sum()) <= budget:
        given = wants
    else:
        given = split(budget, wants, np.zeros(len(first), dtype=np.int64), wants)
    shares[first] += given
    remaining = budget - int(given.sum())
    others = active[~priority[active]]
    _place(remaining, others, strategy, minimum, shares, due, cap, balance, apr_rank, id_rank, memo)
    left = budget - int(shares.sum())
    if left > 0:
        _place(left, first, strategy, 0, shares, due, cap, balance, apr_rank, id_rank)
    return shares


def _place(
    amount: int,
    where: Fen,
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
    """``allocation._place`` on the claims at positions ``where``."""
    room = cap[where] - shares[where]
    floors = np.minimum(room, minimum)
    met = int(floors.sum()) <= amount
    if not met:
        floors = np.zeros(len(where), dtype=np.int64)
    if strategy in PROPORTIONAL or not met:
        use_balance = strategy is Strategy.FAIR or (strategy is Strategy.BALANCE and met)
        weights = balance[where] if use_balance else due[where]
        if memo is None:
            shares[where] += split(amount, weights, floors, room)
            return
        key = (amount, weights.tobytes(), floors.tobytes(), room.tobytes())
        if key != memo.key or memo.shares is None:
            memo.key, memo.shares = None, split(amount, weights, floors, room)
            memo.key = key
        shares[where] += memo.shares
        return
    shares[where] += floors
    amount -= int(floors.sum())
    if strategy is Strategy.AVALANCHE:
        order = np.lexsort((id_rank[where], balance[where], apr_rank[where]))
    else:
        order = np.lexsort((id_rank[where], apr_rank[where], balance[where]))
    ranked = where[order]
    space = cap[ranked] - shares[ranked]
    before = np.cumsum(space) - space
    shares[ranked] += np.clip(amount - before, 0, space)


def split(amount: int, weights: Fen, floors: Fen, caps: Fen) -> Fen:
    """``_round(amount, _bounded_split(amount, items))`` in 分 for items ``(weight, floor, cap)``."""
    if int(caps.sum()) <= amount:
        return caps.copy()
    if not (weights > 0).any():
        weights = caps
    weights = np.maximum(weights, 0)
    count = len(weights)
    fixed = np.zeros(count, dtype=np.bool_)
    value = np.zeros(count, dtype=np.int64)
    while True:
        free = np.flatnonzero(~fixed)
        left = amount - int(value[fixed].sum())
        w = weights[free]
        total = int(w.sum())
        if total == 0:
            w, total = np.ones(len(free), dtype=np.int64), len(free)
        top = max(int(caps[free].max()), int(floors[free].max()), 0) if len(free) else 0
        if abs(left) * int(w.max(initial=0)) >= LIMIT or top * total >= LIMIT:
            raise Doubt
        share = w * left  # the exact share is share / total
        under = floors[free] * total - share
        above = share - caps[free] * total
        _near(under, share)
        _near(above, share)
        low, high = under > 0, above > 0
        if not low.any() and not high.any():
            return _round(amount, value, free, share, total)
        short, over = int(under[low].sum()), int(above[high].sum())
        if (
            low.any()
            and high.any()
            and abs(short - over) <= CLOSE * (abs(left) + int(floors.sum()) + int(caps[free].sum())) * total
        ):
            raise Doubt
        if short >= over:
            value[free[low]] = floors[free[low]]
            fixed[free[low]] = True
        else:
            value[free[high]] = caps[free[high]]
            fixed[free[high]] = True


def _near(gap: Fen, share: Fen) -> None:
    """Doubt if a share is below a bound by less than Decimal's precision could tell."""
    close = (gap > 0) & (gap.astype(np.float64) <= CLOSE * (np.abs(share).astype(np.float64) + 1.0))
    if close.any():
        raise Doubt


def _round(amount: int, value: Fen, free: Fen, share: Fen, total: int) -> Fen:
    """The shares rounded down to the 分, the left-over 分 to the largest remainders (ties: the first)."""
    down, rest = np.divmod(share, total)
    value[free] = down
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
    value[free[order[:left]]] += 1
    return value
