"""The plan section of the case file, positions from the engine, and the whole plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core.allocation import Strategy
from xieshang.core.case import Borrower, Case
from xieshang.core.errors import ValidationError
from xieshang.core.options import AsIs, Deferral, InterestFreeze, Reinstalment, Settlement, Waiver
from xieshang.core.plan import (
    PLAN_SCHEMA,
    CreditorChoice,
    PlanSpec,
    build_plan,
    plan_from_dict,
    plan_to_dict,
    positions_from_case,
)
from xieshang.core.terms import LenderType, Loan, Method, Payment
from xieshang.reference import legal_lines, lpr_series, plan_limits

D = Decimal
AS_OF = date(2026, 1, 15)
SECTION = {
    "strategy": "avalanche",
    "budget": "¥1,500",
    "minimum": 30,
    "start": "2026-02",
    "creditors": [
        {"id": "jiebei", "option": "interest_freeze", "months": 24, "proposed": True},
        {
            "id": "weilidai",
            "option": "deferral",
            "grace_months": 2,
            "grace": "nothing",
            "months": 12,
            "monthly_rate_percent": "0.5%",
        },
    ],
}


def make_case() -> Case:
    """借呗 12,000 over 12 months at 24 % (等额本息, 1,134.72 a month), one instalment paid;
    微粒贷 6,000 over 6 months at 18 % (等额本金), nothing paid. Both overdue on 2026-01-15."""
    jiebei = Loan(
        "jiebei", D("12000"), date(2025, 6, 1), 12, Method.EQUAL_INSTALLMENT, D("0.24"),
        creditor="借呗", lender_type=LenderType.ONLINE_PLATFORM, payments=(Payment(date(2025, 7, 1), D("1134.72")),),
    )  # fmt: skip
    weilidai = Loan(
        "weilidai", D("6000"), date(2025, 9, 10), 6, Method.EQUAL_PRINCIPAL, D("0.18"),
        creditor="微粒贷", lender_type=LenderType.BANK,
    )  # fmt: skip
    return Case(Borrower("张三"), (jiebei, weilidai))


def test_section_reads_people_notation() -> None:
    spec = plan_from_dict(SECTION)
    assert spec.strategy is Strategy.AVALANCHE
    assert (spec.budget, spec.minimum, spec.start) == (D("1500.00"), D("30.00"), date(2026, 2, 1))
    assert spec.choice("jiebei") == CreditorChoice("jiebei", InterestFreeze(24), proposed=True)
    assert spec.choice("weilidai").option == Deferral(2, 12, "nothing", D("0.005"))
    assert spec.choice("other").option == AsIs()
    jsonschema.validate(SECTION, PLAN_SCHEMA)


def test_errors_are_located() -> None:
    bad = {
        "strategy": "random",
        "budget": "lots",
        "creditors": [
            {"id": "a", "option": "reinstalment"},
            {"id": "b", "option": "settlement", "share_percent": 40, "colour": "red"},
        ],
    }
    with pytest.raises(ValidationError) as caught:
        plan_from_dict(bad)
    paths = {e.path for e in caught.value.errors}
    assert paths == {"plan.strategy", "plan.budget", "plan.creditors[0].months", "plan.creditors[1].colour"}


specs = st.builds(
    PlanSpec,
    st.sampled_from(list(Strategy)),
    st.none() | st.integers(0, 10**7).map(lambda c: D(c) / 100),
    st.integers(0, 10**5).map(lambda c: D(c) / 100),
    st.none() | st.dates(date(2020, 1, 1), date(2040, 12, 1)).map(lambda d: d.replace(day=1)),
    st.lists(
        st.builds(
            CreditorChoice,
            st.text("abcxyz-", min_size=1, max_size=8),
            st.one_of(
                st.just(AsIs()),
                st.builds(
                    Reinstalment,
                    st.integers(3, 60),
                    st.none() | st.integers(0, 999).map(lambda r: D(r) / 10000),
                ),
                st.builds(
                    Deferral,
                    st.integers(1, 12),
                    st.integers(3, 48),
                    st.sampled_from(["interest_only", "nothing"]),
                ),
                st.builds(InterestFreeze, st.integers(3, 60)),
                st.builds(
                    Waiver,
                    st.sampled_from(["penalties_and_fees", "above_legal_line"]),
                    st.integers(1, 60),
                    st.none(),
                    st.booleans(),
                ),
                st.builds(Settlement, st.integers(1, 100).map(lambda s: D(s) / 100), st.integers(1, 12)),
            ),
            st.booleans(),
            st.booleans(),
        ),
        max_size=4,
        unique_by=lambda c: c.debt_id,
    ).map(tuple),
)


@settings(max_examples=100, deadline=None)
@given(specs)
def test_section_round_trips(spec: PlanSpec) -> None:
    data = plan_to_dict(spec)
    jsonschema.validate(data, PLAN_SCHEMA)
    assert plan_from_dict(data) == spec


def test_positions_from_the_engine() -> None:
    """借呗 is overdue, so it grows at the 罚息 rate: 24 % × 1.5 / 12 = 3 % a month; its contract rate is 2 %."""
    jiebei, weilidai = positions_from_case(make_case(), AS_OF, legal_lines(), lpr_series())
    assert (jiebei.monthly_rate, jiebei.contract_rate) == (D("0.03"), D("0.02"))
    assert jiebei.balance == jiebei.principal + jiebei.interest + jiebei.fees + jiebei.penalty > D("11000")
    assert weilidai.principal == D("6000.00") and weilidai.penalty > 0
    assert jiebei.apr is not None and abs(jiebei.apr - D("0.24")) < D("0.001")


def test_build_plan() -> None:
    """A freeze and a deferral under ¥1,500 a month: the plan never pays more than 1,500 in a month, ends
    with every balance at zero, costs less than the status quo under the same budget, and keeps the proposal."""
    result = build_plan(make_case(), plan_from_dict(SECTION), AS_OF, plan_limits())
    plan = result.projection
    assert plan.rows[0].month == "2026-02" and not plan.capped
    assert all(row.total <= D(1500) for row in plan.rows)
    assert all(v == 0 for v in plan.rows[-1].balances.values())
    assert plan.debt("jiebei").interest == 0  # frozen
    assert result.saving > 0 and result.saving == result.status_quo.cost - plan.cost
    assert [c.position.id for c in result.proposals] == ["jiebei"]
    assert result.creditors[0].outcome.monthly == (result.creditors[0].position.balance / 24).quantize(
        D("0.01")
    )


def test_build_plan_rejects_an_unknown_debt_and_a_missing_budget() -> None:
    with pytest.raises(ValidationError) as caught:
        build_plan(
            make_case(), plan_from_dict({"budget": 100, "creditors": [{"id": "nope"}]}), AS_OF, plan_limits()
        )
    assert caught.value.errors[0].path == "plan.creditors[0].id"
    with pytest.raises(ValidationError) as caught:
        build_plan(make_case(), PlanSpec(), AS_OF, plan_limits())
    assert caught.value.errors[0].path == "plan.budget"


def test_option_beyond_the_limit_is_located_in_the_plan() -> None:
    spec = plan_from_dict(
        {"budget": 100, "creditors": [{"id": "weilidai", "option": "reinstalment", "months": 72}]}
    )
    with pytest.raises(ValidationError) as caught:
        build_plan(make_case(), spec, AS_OF, plan_limits())
    assert caught.value.errors[0].path == "plan.creditors[0].months"
