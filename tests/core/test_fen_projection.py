"""The integer-分 projection (core/fen_projection.py, core/fen_split.py) against the Decimal loop it replaces.

Every month's payments, interest and balances and every debt's figures must be the same Decimals (compared as
strings, so a figure's exponent counts too), whatever the strategy, budget, minimum, priority, grace, freeze,
settlement or agreed schedule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core import projection as projection_module
from xieshang.core.allocation import Claim, Strategy, allocate
from xieshang.core.fen_projection import run_fen
from xieshang.core.fen_split import Doubt, allocate_fen, split
from xieshang.core.options import (
    AsIs,
    DebtPosition,
    DebtTerms,
    Deferral,
    Grace,
    InterestFreeze,
    Option,
    Reinstalment,
    Settlement,
    Waiver,
    terms_for,
)
from xieshang.core.projection import Projection, project
from xieshang.core.terms import LenderType
from xieshang.reference import plan_limits

D = Decimal
LIMITS = plan_limits()
START = date(2026, 12, 1)


def shown(result: Projection) -> object:
    rows = [
        (r.index, r.month, *({k: str(v) for k, v in m.items()} for m in (r.payments, r.interest, r.balances)))
        for r in result.rows
    ]
    debts = [tuple(str(v) for v in vars(d).values()) for d in result.debts]
    return rows, debts, result.capped, result.affordable, result.note, dict(result.token)


def in_decimal(terms: list[DebtTerms], budget: Decimal, strategy: Strategy, minimum: Decimal) -> Projection:
    saved = projection_module.run_fen
    projection_module.run_fen = lambda *args: None  # type: ignore[assignment]
    try:
        return project(terms, budget, START, strategy, minimum, max_months=240)
    finally:
        projection_module.run_fen = saved


money = st.integers(0, 3_000_000).map(lambda f: D(f).scaleb(-2))
rates = st.sampled_from(["0", "0.005", "0.01", "0.0125", "0.02", "0.000333", "0.1"]).map(D)
options = st.one_of(
    st.just(AsIs()),
    st.builds(Reinstalment, st.integers(12, 60)),
    st.builds(Deferral, st.integers(1, 6), st.integers(12, 36), st.sampled_from(list(Grace))),
    st.builds(InterestFreeze, st.integers(12, 60)),
    st.builds(Waiver, months=st.integers(1, 36), freeze=st.booleans()),
    st.builds(Settlement, st.integers(10, 100).map(lambda s: D(s) / 100), st.sampled_from([1, 3, 12])),
)


@st.composite
def debts(draw: st.DrawFn) -> list[DebtTerms]:
    terms = []
    for index in range(draw(st.integers(1, 7))):
        principal = draw(money)
        position = DebtPosition(
            f"d{index}",
            f"c{index}",
            LenderType.ONLINE_PLATFORM,
            principal,
            interest=draw(
                st.sampled_from([D("0.00"), D("12.34"), principal / 10]).map(lambda v: v.quantize(D("0.01")))
            ),
            penalty=draw(st.sampled_from([D("0.00"), D("5.00")])),
            monthly_rate=draw(rates),
            apr=draw(st.none() | rates),
            contractual_monthly=draw(
                st.sampled_from([D("0.00"), D("100.00"), D("333.33"), (principal / 7).quantize(D("0.01"))])
            ),
            priority=draw(st.booleans()) and draw(st.booleans()),
            agreed=draw(st.booleans()) and draw(st.booleans()),
        )
        option: Option = draw(options)
        try:
            terms.append(terms_for(position, option, LIMITS))
        except Exception:  # an option outside the limits for this debt
            terms.append(terms_for(position, AsIs(), LIMITS))
    return terms


@settings(max_examples=300, deadline=None)
@given(
    debts(),
    st.integers(-100, 600_000).map(lambda f: D(f).scaleb(-2)),
    st.sampled_from(list(Strategy)),
    st.sampled_from([D("50.00"), D("0.00"), D("1.00"), D("500.00")]),
)
def test_the_integer_projection_is_the_decimal_one(
    terms: list[DebtTerms], budget: Decimal, strategy: Strategy, minimum: Decimal
) -> None:
    fast = project(terms, budget, START, strategy, minimum, max_months=240)
    assert shown(fast) == shown(in_decimal(terms, budget, strategy, minimum))


def test_whole_fen_debts_take_the_integer_path() -> None:
    a = terms_for(
        DebtPosition("a", "a", LenderType.BANK, D("1000.00"), monthly_rate=D("0.01")), AsIs(), LIMITS
    )
    assert run_fen([a], D("100.00"), Strategy.FAIR, D("50.00"), 600, [D("0.12")]) is not None
    odd = terms_for(DebtPosition("b", "b", LenderType.BANK, D("1000.005")), AsIs(), LIMITS)
    assert run_fen([a, odd], D("100.00"), Strategy.FAIR, D("50.00"), 600, [D("0.12"), D(0)]) is None


def test_equal_remainders_at_the_cut_are_left_to_decimal() -> None:
    """Three equal weights share 1.00: exact thirds, whose remainders Decimal orders by its digits."""
    weights = np.array([1, 1, 1], dtype=np.int64)
    with pytest.raises(Doubt):
        split(100, weights, np.zeros(3, dtype=np.int64), np.array([100, 100, 100], dtype=np.int64))


@pytest.mark.parametrize("strategy", list(Strategy))
def test_one_month_split_matches_allocate(strategy: Strategy) -> None:
    due = np.array([10_000, 2_500, 0, 70_000], dtype=np.int64)
    cap = np.array([50_000, 2_500, 9_000, 70_000], dtype=np.int64)
    owed = np.array([50_000, 30_000, 9_000, 700_000], dtype=np.int64)
    priority = np.array([False, False, False, True])
    apr = [D("0.1"), D("0.3"), D("0.3"), D("0")]
    ranks = np.array([2, 0, 0, 3], dtype=np.int64)
    claims = [
        Claim(
            f"c{i}",
            D(int(due[i])).scaleb(-2),
            D(int(cap[i])).scaleb(-2),
            D(int(owed[i])).scaleb(-2),
            apr[i],
            bool(priority[i]),
        )
        for i in range(4)
    ]
    for budget in (1, 999, 5_000, 81_234, 200_000):
        want = allocate(D(budget).scaleb(-2), claims, strategy, D("50.00")).shares
        got = allocate_fen(
            budget, due, cap, owed, priority, ranks, np.arange(4, dtype=np.int64), strategy, 5_000
        )
        assert [D(int(v)).scaleb(-2) for v in got] == [want[f"c{i}"] for i in range(4)]
