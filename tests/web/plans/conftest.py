"""Fixtures for the plan builder's tests: the demo case and the form data the builder's page posts."""

from __future__ import annotations

from typing import Any

import pytest

from xieshang.cases.demo import load_demo_case
from xieshang.cases.models import Case


@pytest.fixture
def demo(owner) -> Case:
    """The demo case as a borrower who has not planned yet: no saved plan and no budget statement."""
    case = load_demo_case(owner)
    case.sections = {k: v for k, v in case.sections.items() if k not in ("plan", "budget")}
    case.save()
    return case


@pytest.fixture
def planned_demo(owner) -> Case:
    """The packaged demo case as it is: a budget statement (¥770 a month available) and a saved plan."""
    return load_demo_case(owner)


def plan_post(case: Case, budget: str = "3000", **overrides: Any) -> dict[str, str]:
    """What the builder's form posts for ``case``: every creditor on 维持现状 unless overridden
    (``c1_option="reinstalment"`` → ``c1-option``)."""
    data = {"budget": budget, "strategy": "fair", "minimum": "50", "start": ""}  # the default split
    for index, debt in enumerate(case.debts.order_by("position", "id")):
        data |= {f"c{index}-id": debt.key, f"c{index}-option": "as_is", f"c{index}-months": "24",
                 f"c{index}-grace_months": "3", f"c{index}-grace": "interest_only",
                 f"c{index}-scope": "penalties_and_fees", f"c{index}-settlement_months": "1"}  # fmt: skip
    for key, value in overrides.items():
        data[key.replace("_", "-", 1) if key.startswith("c") and key[1].isdigit() else key] = value
    return data


@pytest.fixture
def post_data():
    return plan_post
