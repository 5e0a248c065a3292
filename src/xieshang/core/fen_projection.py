"""The projection's month loop (``projection.project``) in integer 分, every open debt at once (numpy ``int64``).

The ledger of :class:`~xieshang.core.options.DebtLedger` on arrays: interest at the rate's exact ratio ``n / d``
is ``(2·p·n + d) // (2·d)``, exactly ``cents(p × rate)`` (see :mod:`xieshang.core.level`); the split is
:func:`~xieshang.core.fen_split.allocate_fen`, and a month it is unsure of is split by ``allocation.allocate``.
:func:`run_fen` returns None where the integer run could differ from the Decimal one (an amount not in whole 分,
a rate whose Decimal product the context would round, ids not unique, a product that could overflow), and the
Decimal projection runs instead. The months' figures stay integers until read (:class:`FenMapping`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from .allocation import Claim, Strategy, allocate
from .fen_split import LIMIT, Doubt, Fen, Flags, SplitMemo, allocate_fen
from .level import fen, from_fen, level_payment, rate_ratio
from .options import DebtTerms


class FenMapping(Mapping[str, Decimal]):
    """A month's figures by debt id, kept as 分 and made Decimal (to the 分) when first read."""

    __slots__ = ("_dict", "_keys", "_values")

    def __init__(self, keys: Sequence[str], values: Fen) -> None:
        self._keys, self._values = keys, values
        self._dict: dict[str, Decimal] | None = None

    def _built(self) -> dict[str, Decimal]:
        built = self._dict
        if built is None:
            built = self._dict = dict(zip(self._keys, map(from_fen, self._values.tolist()), strict=True))
        return built

    def __getitem__(self, key: str) -> Decimal:
        return self._built()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._built())

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return repr(self._built())


@dataclass
class FenRun:
    """What the loop leaves: the months (open ids, payments, interest, every balance) and each debt's totals."""

    months: list[tuple[tuple[str, ...], Fen, Fen, Fen]]
    interest: list[int]
    paid: list[int]
    first: list[int | None]
    payoff: dict[int, int]  # debt position → the month it is cleared
    capped: bool


def _ranks(values: Sequence[object]) -> Fen:
    """Each value's rank in ascending order (equal values: equal rank)."""
    distinct = sorted(set(values))  # type: ignore[type-var]
    where = {value: rank for rank, value in enumerate(distinct)}
    return np.array([where[value] for value in values], dtype=np.int64)


def run_fen(
    terms: Sequence[DebtTerms],
    budget: Decimal,
    strategy: Strategy,
    minimum: Decimal,
    max_months: int,
    rates: Sequence[Decimal],
) -> FenRun | None:
    """The projection's months in 分, or None when only the Decimal arithmetic gives today's figures."""
    ids = [t.position.id for t in terms]
    budget_fen, minimum_fen = fen(budget), fen(minimum)
    if budget_fen is None or minimum_fen is None or len(set(ids)) != len(ids) or not terms:
        return None
    principal, charges, nums, dens = [], [], [], []
    for t in terms:
        p, c = fen(t.principal), fen(t.charges)
        if p is None or c is None or p < 0 or c < 0:
            return None
        ratio = rate_ratio(t.rate, p)
        if ratio is None or (2 * p * ratio[0] + ratio[1]) * 2 >= LIMIT:
            return None
        if (p + c + max_months * (p * ratio[0] // ratio[1] + 1)) * (len(terms) + 1) >= LIMIT >> 2:
            return None  # what it could come to at most, so no sum of them overflows
        if p + c == 0 and (t.principal + t.charges).as_tuple().exponent != -2:
            return None  # its balance is shown as the Decimal it is
        if (
            t.months is None
            and t.position.contractual_monthly > 0
            and fen(t.position.contractual_monthly) is None
        ):
            return None
        principal.append(p)
        charges.append(c)
        nums.append(2 * ratio[0])
        dens.append(ratio[1])
    if any(not r.is_finite() for r in rates):
        return None
    return _loop(
        terms, ids, principal, charges, nums, dens, budget_fen, minimum_fen, strategy, max_months, rates
    )


def _loop(
    terms: Sequence[DebtTerms],
    ids: list[str],
    principal: list[int],
    charges: list[int],
    nums: list[int],
    dens: list[int],
    budget: int,
    minimum: int,
    strategy: Strategy,
    max_months: int,
    rates: Sequence[Decimal],
) -> FenRun | None:
    count = len(terms)
    every_p, every_c = np.array(principal, dtype=np.int64), np.array(charges, dtype=np.int64)
    owed_all = every_p + every_c
    where = np.flatnonzero(owed_all > 0)  # the open debts' positions
    p, c = every_p[where], every_c[where]
    n2, d = np.array(nums, dtype=np.int64)[where], np.array(dens, dtype=np.int64)[where]
    d2 = 2 * d
    grace = np.array([t.grace_months for t in terms], dtype=np.int64)[where]
    pays = np.array([t.grace_pays_interest for t in terms], dtype=np.bool_)[where]
    holds = np.array([t.months is not None or t.capped for t in terms], dtype=np.bool_)[where]
    priority = np.array([t.position.priority for t in terms], dtype=np.bool_)[where]
    apr_rank = _ranks([-r for r in rates])[where]
    id_rank = _ranks(ids)[where]
    level = np.zeros(len(where), dtype=np.int64)
    starts: dict[int, list[int]] = {}
    for i in where.tolist():
        starts.setdefault(terms[i].grace_months + 1, []).append(i)
    interest_total, paid = np.zeros(count, dtype=np.int64), np.zeros(count, dtype=np.int64)
    first: list[int | None] = [None] * count
    payoff: dict[int, int] = {}
    months: list[tuple[tuple[str, ...], Fen, Fen, Fen]] = []
    open_ids = tuple(ids[i] for i in where.tolist())
    memo = SplitMemo()
    index = 0
    while index < max_months and len(where):
        index += 1
        for i in starts.get(index, ()):
            j = int(np.searchsorted(where, i))
            found = _level(terms[i], int(p[j]), int(c[j]))
            if found is None:
                return None
            level[j] = found
        accrued = (p * n2 + d) // d2
        c += accrued
        owed = p + c
        in_grace = grace >= index
        due = np.where(in_grace, np.where(pays, accrued, 0), np.minimum(level, owed))
        cap = np.where(in_grace | holds, due, owed)
        try:
            shares = allocate_fen(
                budget, due, cap, owed, priority, apr_rank, id_rank, strategy, minimum, memo
            )
        except Doubt:
            shares = _in_decimal(budget, open_ids, due, cap, owed, priority, [rates[i] for i in where.tolist()],
                                 strategy, minimum)  # fmt: skip
        to_charges = np.minimum(shares, c)
        c -= to_charges
        p -= shares - to_charges
        interest_total[where] += accrued
        paid[where] += shares
        if index == 1:
            for i, share in zip(where.tolist(), shares.tolist(), strict=True):
                first[i] = share
        owed = p + c
        owed_all[where] = owed
        months.append((open_ids, shares, accrued, owed_all.copy()))
        done = owed == 0
        if done.any():
            for i in where[done].tolist():
                payoff[i] = index
            keep = ~done
            where, p, c, n2, d, d2 = where[keep], p[keep], c[keep], n2[keep], d[keep], d2[keep]
            grace, pays, holds, priority = grace[keep], pays[keep], holds[keep], priority[keep]
            apr_rank, id_rank, level = apr_rank[keep], id_rank[keep], level[keep]
            open_ids = tuple(ids[i] for i in where.tolist())
    return FenRun(months, interest_total.tolist(), paid.tolist(), first, payoff, bool(len(where)))


def _level(terms: DebtTerms, principal: int, charges: int) -> int | None:
    """The level payment fixed when the instalments begin, in 分 (None: not whole 分)."""
    if terms.months is None:
        contract = terms.position.contractual_monthly
        return fen(contract) if contract > 0 else principal + charges
    return fen(level_payment(from_fen(principal), from_fen(charges), terms.rate, terms.months))


def _in_decimal(
    budget: int,
    keys: tuple[str, ...],
    due: Fen,
    cap: Fen,
    owed: Fen,
    priority: Flags,
    rates: list[Decimal],
    strategy: Strategy,
    minimum: int,
) -> Fen:
    """A month the integer split is unsure of, split by ``allocation.allocate`` itself."""
    claims = [
        Claim(key, from_fen(a), from_fen(b), from_fen(o), rate, bool(first))
        for key, a, b, o, rate, first in zip(
            keys, due.tolist(), cap.tolist(), owed.tolist(), rates, priority.tolist(), strict=True
        )
    ]
    shares = allocate(from_fen(budget), claims, strategy, from_fen(minimum)).shares
    return np.array([fen(shares[key]) for key in keys], dtype=np.int64)
