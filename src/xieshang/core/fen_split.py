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


def allocate_fen(
    budget: int,
    due: Fen,
    cap: Fen,
    balance: Fen,
    priority: Flags | None,
    apr_rank: Fen,
    id_rank: Fen,
    strategy: Strategy,
    minimum: int,
    safe: bool = False,
) -> Fen:
    """``allocate(budget, claims, strategy, minimum).shares`` in 分 (``budget`` > 0); :class:`Doubt` if unsure.

    The arrays may hold debts that are not claiming (cap 0 and due 0: cleared, or a grace month that pays
    nothing): they get nothing and change nothing, as ``allocate`` leaves them out. ``priority`` None: no
    priority claims. ``safe``: the caller has bounded every amount so that no product overflows."""
    active = cap > 0
    first = None if priority is None else active & priority
    if first is None or not first.any():
        shares = np.zeros(len(due), dtype=np.int64)
        _place(budget, active, strategy, minimum, shares, due, cap, balance, apr_rank, id_rank, safe, True)
        return shares
    wants = np.where(first, np.minimum(np.maximum(due, minimum), cap), 0)
    if int(wants.sum()) <= budget:
        shares = wants
    else:
        shares = split(budget, wants, np.zeros(len(due), dtype=np.int64), wants, first, safe)
    remaining = budget - int(shares.sum())
    others = active & ~first
    _place(remaining, others, strategy, minimum, shares, due, cap, balance, apr_rank, id_rank, safe)
    left = budget - int(shares.sum())
    if left > 0:
        _place(left, first, strategy, 0, shares, due, cap, balance, apr_rank, id_rank, safe)
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
    safe: bool,
    every: bool = False,
) -> None:
    """``allocation._place`` on the claims ``mask`` marks (``every``: all claiming ones, nothing given yet)."""
    room = cap if every else np.where(mask, cap - shares, 0)
    floors = np.minimum(room, minimum)
    floor_total = int(floors.sum())
    met = floor_total <= amount
    if not met:
        floors, floor_total = np.zeros(len(room), dtype=np.int64), 0
    if strategy in PROPORTIONAL or not met:
        use_balance = strategy is Strategy.FAIR or (strategy is Strategy.BALANCE and met)
        weights = np.where(mask, balance, 0) if use_balance else due if every else np.where(mask, due, 0)
        shares += split(amount, weights, floors, room, mask, safe, floor_total)
        return
    amount -= floor_total
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
    safe: bool = False,
    floor_total: int | None = None,
) -> Fen:
    """``_round(amount, _bounded_split(amount, items))`` in 分 for items ``(weight, floor, cap)`` (those ``mask``
    marks; the others have weight, floor and cap 0). The weights are not negative."""
    caps_total = int(caps.sum())
    if caps_total <= amount:
        return caps.copy()
    weight_total = int(weights.sum())
    if weight_total == 0:  # no weight at all: the caps are the weights
        weights, weight_total = caps, caps_total
    count = len(weights)
    if not safe:
        reach = amount + caps_total + (int(floors.sum()) if floor_total is None else floor_total)
        bound = max(int(caps.max()), int(floors.max()), 1)
        if reach * max(int(weights.max()), 1) >= LIMIT or bound * max(weight_total, count) >= LIMIT:
            raise Doubt
    left, w, total, free = amount, weights, weight_total, None
    fixed = value = None
    while True:
        if total == 0:  # Decimal's left / len(free)
            claiming = np.ones(count, dtype=np.bool_) if mask is None else mask
            w = (claiming if free is None else free & claiming).astype(np.int64)
            total = int(w.sum())
        share = w * left  # the exact share is share / total
        under = floors * total - share
        above_cap = share - caps * total
        low, high = under > 0, above_cap > 0
        if free is not None:
            low &= free
            high &= free
        any_low, any_high = bool(low.any()), bool(high.any())
        if not any_low and not any_high:
            return _round(amount, value, free, share, total)
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
        if fixed is None or value is None:
            fixed, value = np.zeros(count, dtype=np.bool_), np.zeros(count, dtype=np.int64)
        cross = low if short >= over else high
        value[cross] = (floors if short >= over else caps)[cross]
        fixed |= cross
        free = ~fixed
        left = amount - int(value.sum())
        w = np.where(fixed, 0, weights)
        total = int(w.sum())


def _near(gap: Fen, share: Fen) -> None:
    """Doubt if a share is past a bound (``gap`` > 0) by less than Decimal's precision could tell."""
    if (gap.astype(np.float64) <= CLOSE * (np.abs(share).astype(np.float64) + 1.0)).any():
        raise Doubt


def _round(amount: int, value: Fen | None, free: Flags | None, share: Fen, total: int) -> Fen:
    """The shares rounded down to the 分, the left-over 分 to the largest remainders (ties: the first);
    ``value`` holds the shares fixed at a bound (``free`` the others), None when none is."""
    down, rest = np.divmod(share, total)
    if free is not None and value is not None:
        rest[~free] = 0
        down = np.where(free, down, value)
    left = amount - int(down.sum())
    if left <= 0:
        return down
    order = np.argsort(-rest, kind="stable")
    if left > len(order):
        raise Doubt
    chosen = order[:left]
    last = int(rest[chosen[-1]])
    scale = CLOSE * total * (float(down.max()) + 1.0)
    if last <= scale or total - int(rest.max()) <= scale:
        raise Doubt  # a remainder Decimal might see as none, or a share a hair below the next 分
    if left < len(order) and last - int(rest[order[left]]) <= scale:
        raise Doubt  # the cut falls between remainders Decimal might order the other way
    down[chosen] += 1
    return down
