"""The financial statement: validation with located errors, round trip, and the available amount by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
import yaml

from xieshang.casefile.budget import STATEMENT_SCHEMA, statement_from_dict, statement_to_dict
from xieshang.core.errors import ValidationError
from xieshang.core.statement import CATEGORY_GROUPS, evaluate

BUDGET = {
    "household": {"adults": 2, "dependant_ages": [4, 70], "housing": "rent"},
    "income": [{"category": "salary", "amount": "8,000"}, {"category": "family_support", "amount": 500}],
    "expenses": [
        {"category": "housing", "amount": "2500"},
        {"category": "utilities", "amount": "300"},
        {"category": "care", "amount": "800", "note": "母亲药费"},
        {"category": "food", "amount": "2000"},
        {"category": "social", "amount": "200"},
        {"category": "car_loan", "amount": "1200"},
    ],
    "assets": [{"kind": "savings", "value": "3000"}],
}


def test_available_by_hand() -> None:
    """Income 8,000 + 500 = 8,500. Essential fixed 2,500 + 300 + 800 = 3,600; flexible 2,000 + 200 = 2,200;
    priority 1,200. Available = 8,500 − 3,600 − 2,200 − 1,200 = 1,500."""
    outcome = evaluate(statement_from_dict(BUDGET))
    assert outcome.income == Decimal("8500.00")
    assert (outcome.essential_fixed, outcome.flexible, outcome.essential_spending) == (
        Decimal("3600.00"),
        Decimal("2200.00"),
        Decimal("5800.00"),
    )
    assert outcome.priority == Decimal("1200.00")
    assert outcome.available == Decimal("1500.00") and not outcome.shortfall
    assert [s.amount for s in outcome.working] == [
        Decimal(x) for x in ("8500.00", "3600.00", "2200.00", "1200.00", "1500.00")
    ]


def test_round_trip_and_schema() -> None:
    statement = statement_from_dict(BUDGET)
    data = statement_to_dict(statement)
    jsonschema.validate(data, STATEMENT_SCHEMA)
    assert statement_from_dict(data) == statement
    assert data["expenses"][2]["note"] == "母亲药费"


def test_errors_are_located() -> None:
    bad = {
        "household": {"adults": 0},
        "income": [{"category": "food", "amount": "1"}],
        "expenses": [{"category": "housing", "amount": "abc"}, {"category": "rent", "amount": "1"}],
        "extra": 1,
    }
    with pytest.raises(ValidationError) as caught:
        statement_from_dict(bad)
    paths = {e.path for e in caught.value.errors}
    assert {
        "budget.household.adults",
        "budget.income[0].category",
        "budget.expenses[0].amount",
        "budget.expenses[1].category",
        "budget.extra",
    } <= paths


def test_data_file_has_the_same_categories_as_the_model() -> None:
    path = Path(__file__).resolve().parents[2] / "src" / "xieshang" / "data" / "budget_categories.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {c["id"]: c["group"] for c in data["categories"]} == {
        k: g.value for k, g in CATEGORY_GROUPS.items()
    }
    assert all(c["zh"] and c["en"] for c in data["categories"])
