"""Every figure is defined for every input ``case check`` accepts: whatever a case file holds within the
stated limits (docs/casefile.md), ``case analyze`` (the analysis and its JSON) and ``case plan`` never raise.
The pages read the same analysis; ``tests/web/test_accepted_inputs_pages.py`` renders a few extremes."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xieshang.casefile import case_from_data
from xieshang.cli.case import analysis_json
from xieshang.cli.plan import plan_json
from xieshang.core.errors import ValidationError
from xieshang.core.plan import PlanSpec
from xieshang.core.terms import LenderType, Method
from xieshang.view import CaseView

EDGE_DAYS = [date(1900, 1, 1), date(1999, 12, 31), date(2019, 8, 19), date(2020, 8, 20), date(2200, 12, 31)]
days = st.one_of(st.sampled_from(EDGE_DAYS), st.dates(date(1900, 1, 1), date(2200, 12, 31)))
amounts = st.one_of(
    st.sampled_from(["0.01", "1", "99999999999", "1000000000000", "1,000.00", "¥20,000.00", "1.2万"]),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**12), places=2).map(str),
)
percents = st.one_of(
    st.sampled_from([0, "0", 0.0001, 18, 24, 36, 1000, 10000, "10000%"]),
    st.decimals(min_value=0, max_value=10000, places=4).map(str),
)


@st.composite
def debts(draw: st.DrawFn, index: int) -> dict[str, Any]:
    method = draw(st.sampled_from(list(Method)))
    start = draw(days)
    debt: dict[str, Any] = {
        "id": f"d{index}",
        "lender_type": draw(st.sampled_from(list(LenderType))).value,
        "method": method.value,
        "principal": draw(amounts),
        "start_date": start.isoformat(),
        "term_months": draw(st.sampled_from([1, 2, 12, 600]) | st.integers(1, 600)),
    }
    if method in (Method.DAILY, Method.REVOLVING):
        debt["daily_rate"] = draw(st.sampled_from([0, 0.05, 1, 30]) | st.decimals(0, 30, places=4).map(str))
    elif method is Method.CARD_INSTALMENT:
        debt["period_fee_rate"] = draw(st.sampled_from([0, 0.6, 100]))
    else:
        debt["annual_rate"] = draw(percents)
    if method is Method.REVOLVING:
        debt.pop("term_months")
        debt["revolving"] = {
            "min_payment_rate": draw(st.sampled_from([0, 1, 10, 100])),
            "min_payment_floor": draw(st.sampled_from([0, 100])),
            "late_fee_rate": draw(st.sampled_from([0, 5, 100])),
            "statement_minimum": draw(st.none() | amounts),
        }
        if debt["revolving"]["statement_minimum"] is None:
            del debt["revolving"]["statement_minimum"]
    if draw(st.booleans()):
        debt["received"] = draw(amounts)
    for key, values in (
        ("penalty_rate_multiplier", st.sampled_from([0, 1, 1.5, 100])),
        ("penalty_annual_rate", percents),
        ("compound_overdue_interest", st.booleans()),
        ("late_fee_fixed", amounts),
        ("late_fee_rate", st.sampled_from([0, 1, 100])),
        ("periodic_fee", amounts),
        ("upfront_fee", amounts),
        ("payment_day", st.integers(1, 31)),
        ("day_count", st.sampled_from([360, 365])),
        ("assisted_lending", st.booleans()),
    ):
        if draw(st.integers(0, 3)) == 0:
            debt[key] = draw(values)
    payments = draw(st.lists(st.tuples(st.integers(0, 80 * 366), amounts), max_size=6))
    debt["payments"] = [
        {"date": min(start + timedelta(days=offset), date(2200, 12, 31)).isoformat(), "amount": amount}
        for offset, amount in payments
    ]
    return debt


@st.composite
def case_files(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 3))
    return {
        "version": 1,
        "as_of": draw(days).isoformat(),
        "borrower": {"name": "测试"},
        "debts": [draw(debts(i)) for i in range(count)],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_files(), st.sampled_from(["0", "0.01", "3000", "99999999999"]))
def test_nothing_case_check_accepts_makes_analyze_or_plan_raise(data: dict[str, Any], budget: str) -> None:
    try:
        case = case_from_data(data)
    except ValidationError:
        return  # refused at the door, with located messages: tested in test_casefile*.py
    assert case.as_of is not None
    view = CaseView.of(case)
    analysis_json(view.analysis)
    plan = view.plan_for(PlanSpec(budget=Decimal(budget)))
    plan_json(plan)
    if plan.projection.capped:
        assert not plan.projection.affordable
