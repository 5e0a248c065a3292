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
from .fen_split import LIMIT, Doubt, Fen, Flags, allocate_fen
from .level import fen, from_fen, level_payment, rate_ratio
from .options import DebtTerms


class FenMapping(Mapping[str, Decimal]):
    """A month's figures by debt id, kept as 分 and made Decimal (to the 分) when first read."""

    __slots__ = ("_dict", "_ids", "_values", "_where")

    def __init__(self, ids: Sequence[str], values: Fen, where: Fen | None = None) -> None:
        self._ids, self._values, self._where = ids, values, where  # ``where``: the positions it holds
        self._dict: dict[str, Decimal] | None = None

    def _built(self) -> dict[str, Decimal]:
        built = self._dict
        if built is None:
            ids, values, where = self._ids, self._values, self._where
            if where is None:
                built = dict(zip(ids, map(from_fen, values.tolist()), strict=True))
            else:
                built = {
                    ids[i]: from_fen(v) for i, v in zip(where.tolist(), values[where].tolist(), strict=True)
                }
            self._dict = built
        return built

    def __getitem__(self, key: str) -> Decimal:
        return self._built()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._built())

    def __len__(self) -> int:
        return len(self._ids) if self._where is None else len(self._where)

    def __repr__(self) -> str:
        return repr(self._built())


@dataclass
class FenRun:
    """What the loop leaves: each month's payments, interest and balances (months × debts), the debts open in
    each month, and each debt's totals."""

    payments: Fen
    interest: Fen
    balances: Fen
    open: list[Fen]  # each month's open debts (positions)
    interest_total: list[int]
    paid: list[int]
    first: list[int | None]
    payoff: dict[int, int]  # debt position → the month it is cleared
    capped: bool

    def lengths(self) -> list[int]:
        """The months each debt is in the projection (its schedule's length)."""
        months = len(self.open)
        opened = self.open[0].tolist() if months else []
        lengths = [0] * len(self.paid)
        for i in opened:
            lengths[i] = self.payoff.get(i, months)
        return lengths


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
    top = max(budget_fen, minimum_fen, 1)  # no amount of the run is larger
    for t in terms:
        p, c = fen(t.principal), fen(t.charges)
        if p is None or c is None or p < 0 or c < 0:
            return None
        ratio = rate_ratio(t.rate, p)
        if ratio is None or (2 * p * ratio[0] + ratio[1]) * 2 >= LIMIT:
            return None
        most = p + c + max_months * (p * ratio[0] // ratio[1] + 1)  # what it could come to at most
        if most * (len(terms) + 1) >= LIMIT >> 2:
            return None  # so that no sum of them overflows
        top = max(top, most)
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
    safe = (budget_fen + 2 * len(terms) * top) * top * (
        len(terms) + 1
    ) < LIMIT  # no split's product overflows
    return _loop(
        terms, ids, principal, charges, nums, dens, budget_fen, minimum_fen, strategy, max_months, rates, safe
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
    safe: bool,
) -> FenRun | None:
    """The months, every debt's arrays at once (a cleared debt stays in them, owing 0 and claiming nothing)."""
    count = len(terms)
    p, c = np.array(principal, dtype=np.int64), np.array(charges, dtype=np.int64)
    n2, d = np.array(nums, dtype=np.int64), np.array(dens, dtype=np.int64)
    d2 = 2 * d
    grace = np.array([t.grace_months for t in terms], dtype=np.int64)
    pays = np.array([t.grace_pays_interest for t in terms], dtype=np.bool_)
    holds = np.array([t.months is not None or t.capped for t in terms], dtype=np.bool_)
    marked = np.array([t.position.priority for t in terms], dtype=np.bool_)
    priority = marked if marked.any() else None
    last_grace = max(t.grace_months for t in terms)
    apr_rank, id_rank = _ranks([-r for r in rates]), _ranks(ids)
    level = np.zeros(count, dtype=np.int64)
    owed = p + c
    where = np.flatnonzero(owed > 0)
    starts: dict[int, list[int]] = {}
    for i in where.tolist():
        starts.setdefault(terms[i].grace_months + 1, []).append(i)
    payments, interest, balances, opens = [], [], [], []
    payoff: dict[int, int] = {}
    index = 0
    while index < max_months and len(where):
        index += 1
        for i in starts.get(index, ()):
            found = _level(terms[i], int(p[i]), int(c[i]))
            if found is None:
                return None
            level[i] = found
        accrued = (p * n2 + d) // d2
        c += accrued
        owed = p + c
        if index > last_grace:
            due = np.minimum(level, owed)
            cap = np.where(holds, due, owed)
        else:
            in_grace = grace >= index
            due = np.where(in_grace, np.where(pays, accrued, 0), np.minimum(level, owed))
            cap = np.where(in_grace | holds, due, owed)
        try:
            shares = allocate_fen(
                budget, due, cap, owed, priority, apr_rank, id_rank, strategy, minimum, safe
            )
        except Doubt:
            shares = _in_decimal(budget, ids, where, due, cap, owed, marked, rates, strategy, minimum)
        to_charges = np.minimum(shares, c)
        c -= to_charges
        p -= shares - to_charges
        owed = p + c
        payments.append(shares)
        interest.append(accrued)
        balances.append(owed)
        opens.append(where)
        if np.count_nonzero(owed) < len(where):
            for i in where[owed[where] == 0].tolist():
                payoff[i] = index
            where = where[owed[where] > 0]
    if not payments:
        empty = np.zeros((0, count), dtype=np.int64)
        return FenRun(
            empty, empty, empty, [], [0] * count, [0] * count, [None] * count, payoff, bool(len(where))
        )
    paid_by_month, accrued_by_month = np.stack(payments), np.stack(interest)
    first: list[int | None] = [None] * count
    for i, share in zip(opens[0].tolist(), paid_by_month[0, opens[0]].tolist(), strict=True):
        first[i] = share
    return FenRun(
        paid_by_month, accrued_by_month, np.stack(balances), opens, accrued_by_month.sum(axis=0).tolist(),
        paid_by_month.sum(axis=0).tolist(), first, payoff, bool(len(where)),
    )  # fmt: skip


def _level(terms: DebtTerms, principal: int, charges: int) -> int | None:
    """The level payment fixed when the instalments begin, in 分 (None: not whole 分)."""
    if terms.months is None:
        contract = terms.position.contractual_monthly
        return fen(contract) if contract > 0 else principal + charges
    return fen(level_payment(from_fen(principal), from_fen(charges), terms.rate, terms.months))


def _in_decimal(
    budget: int,
    ids: list[str],
    where: Fen,
    due: Fen,
    cap: Fen,
    owed: Fen,
    priority: Flags,
    rates: Sequence[Decimal],
    strategy: Strategy,
    minimum: int,
) -> Fen:
    """A month the integer split is unsure of, split by ``allocation.allocate`` itself (the open debts' claims)."""
    claims = [
        Claim(
            ids[i],
            from_fen(int(due[i])),
            from_fen(int(cap[i])),
            from_fen(int(owed[i])),
            rates[i],
            bool(priority[i]),
        )
        for i in where.tolist()
    ]
    split = allocate(from_fen(budget), claims, strategy, from_fen(minimum)).shares
    shares = np.zeros(len(due), dtype=np.int64)
    for i in where.tolist():
        share = fen(split[ids[i]])
        if share is None:  # a split of whole 分 is whole 分
            raise ValueError(split[ids[i]])
        shares[i] = share
    return shares
