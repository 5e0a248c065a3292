"""The plan against 200 plans recorded before it was made fast (see ``plan_golden.py``)."""

from __future__ import annotations

from .plan_golden import CASES, golden_plans, inputs_json, load_fixture, result_json


def test_golden_plans_give_the_recorded_options_projections_and_status_quo_digit_by_digit() -> None:
    """200 generated plans (1–30 creditors of every lender type, every option with in- and out-of-limit months,
    every strategy, budgets from negative through nothing to plenty, priorities, minimums 0–100) against
    ``fixtures/plan_golden.json``, which the plan code as it stood before issue 18's plan work wrote: each
    option's figures and rows, what the plan pays each creditor and its affordability, the suggested budget,
    and every month of the plan and of the status quo (or the located problems of a refused plan). Decimals
    compare as text, so a 0 that became 0.00 fails too."""
    cases = load_fixture()
    assert len(cases) == CASES
    plans = golden_plans()
    differing = [
        case["case"] for case, plan in zip(cases, plans, strict=True) if result_json(*plan) != case["result"]
    ]
    assert differing == []


def test_the_fixture_holds_what_the_generator_makes() -> None:
    """The stored inputs are the seeded generator's, so ``--update`` with unchanged code rewrites the same file
    and the plan checked is the plan that was recorded."""
    assert [case["inputs"] for case in load_fixture()] == [inputs_json(*plan) for plan in golden_plans()]
