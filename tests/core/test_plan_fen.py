"""``build_plan`` with the integer-分 projection, schedules and options against the same plan all in Decimal:
every figure, row and schedule the same (compared as text, so exponents count too)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from benchmarks.bench_plan import plan_inputs
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core import plan as plan_module
from xieshang.core import projection as projection_module
from xieshang.core.allocation import Strategy
from xieshang.core.options import (
    AsIs,
    DebtPosition,
    Deferral,
    Grace,
    Option,
    Reinstalment,
    Settlement,
    evaluate,
)
from xieshang.core.plan import CreditorChoice, PlanResult, PlanSpec, build_plan
from xieshang.core.projection import project, status_quo
from xieshang.core.terms import LenderType
from xieshang.reference import plan_limits

D = Decimal
LIMITS = plan_limits()
AS_OF = date(2026, 11, 20)


def in_decimal(monkeypatch: pytest.MonkeyPatch, positions: list[DebtPosition], spec: PlanSpec) -> PlanResult:
    with monkeypatch.context() as patch:
        patch.setattr(projection_module, "run_fen", lambda *args: None)
        patch.setattr(plan_module, "option_outcome", evaluate)
        patch.setattr(plan_module, "projected", project)
        patch.setattr(plan_module, "status_quo_of", status_quo)
        return build_plan(positions, spec, AS_OF, LIMITS)


def fast(monkeypatch: pytest.MonkeyPatch, positions: list[DebtPosition], spec: PlanSpec) -> PlanResult:
    with monkeypatch.context() as patch:
        patch.setattr(plan_module, "projected", project)
        patch.setattr(plan_module, "status_quo_of", status_quo)
        return build_plan(positions, spec, AS_OF, LIMITS)


@pytest.mark.parametrize("strategy", list(Strategy))
def test_the_benchmark_plan_is_the_decimal_one(monkeypatch: pytest.MonkeyPatch, strategy: Strategy) -> None:
    positions, _options, budget, spec = plan_inputs(40)
    for changed in (budget, budget / 4, budget * 2):
        spec = PlanSpec(strategy, changed.quantize(D("0.01")), choices=spec.choices)
        assert repr(fast(monkeypatch, positions, spec)) == repr(in_decimal(monkeypatch, positions, spec))


options = st.one_of(
    st.just(AsIs()),
    st.builds(Reinstalment, st.integers(12, 36)),
    st.builds(Deferral, st.integers(1, 4), st.integers(12, 24), st.sampled_from(list(Grace))),
    st.builds(Settlement, st.integers(20, 90).map(lambda s: D(s) / 100), st.sampled_from([1, 6])),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1_000_00, 80_000_00),
            st.sampled_from(["0", "0.005", "0.015", "0.03"]),
            options,
            st.booleans(),
            st.booleans(),
        ),
        min_size=1,
        max_size=6,
    ),
    st.integers(0, 900_000),
    st.sampled_from(list(Strategy)),
)
def test_a_random_plan_is_the_decimal_one(
    debts: list[tuple[int, str, Option, bool, bool]], budget: int, strategy: Strategy
) -> None:
    positions = [
        DebtPosition(
            f"d{i}", f"c{i}", LenderType.BANK, D(p).scaleb(-2), interest=D("10.00"), monthly_rate=D(rate),
            contractual_monthly=(D(p).scaleb(-2) / 12).quantize(D("0.01")), priority=priority,
        )
        for i, (p, rate, _, priority, _) in enumerate(debts)
    ]  # fmt: skip
    choices = tuple(
        CreditorChoice(f"d{i}", option, proposed=proposed)
        for i, (_, _, option, _, proposed) in enumerate(debts)
    )
    spec = PlanSpec(strategy, D(budget).scaleb(-2), choices=choices)
    with pytest.MonkeyPatch.context() as monkeypatch:
        try:
            want = in_decimal(monkeypatch, positions, spec)
        except Exception as error:  # an option outside the limits is refused the same way
            with pytest.raises(type(error)):
                fast(monkeypatch, positions, spec)
            return
        assert repr(fast(monkeypatch, positions, spec)) == repr(want)
