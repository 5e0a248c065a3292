"""One case-file section written on a case: validated by its own loader, other sections kept, nothing on error."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xieshang.cases.models import Case
from xieshang.cases.sections import load_section, save_section, update_section
from xieshang.core.errors import ValidationError

BUDGET = {"income": [{"category": "salary", "amount": "4000.00"}], "expenses": []}


def test_a_saved_section_loads_back_and_leaves_the_others(case: Case) -> None:
    save_section(case, "plan", {"strategy": "snowball", "budget": "500.00"})
    save_section(case, "budget", BUDGET)
    stored = Case.objects.get(pk=case.pk)
    assert set(stored.sections) >= {"plan", "budget"}
    assert load_section(stored, "plan").budget == Decimal("500.00")
    assert load_section(stored, "contacts") is None


def test_bad_data_is_refused_with_its_place_and_nothing_is_stored(case: Case) -> None:
    save_section(case, "budget", BUDGET)
    with pytest.raises(ValidationError) as error:
        save_section(case, "budget", {"income": [{"category": "salary", "amount": "很多"}]})
    assert error.value.errors[0].path.startswith("budget.income[0].amount")
    assert Case.objects.get(pk=case.pk).sections["budget"] == BUDGET


def test_update_sees_the_stored_value_and_an_error_inside_rolls_back(case: Case) -> None:
    save_section(case, "plan", {"strategy": "snowball", "budget": "500.00"})

    def fail(current: object) -> object:
        assert current == {"strategy": "snowball", "budget": "500.00"}
        raise ValueError("changed my mind")

    with pytest.raises(ValueError):
        update_section(case, "plan", fail)
    assert Case.objects.get(pk=case.pk).sections["plan"]["strategy"] == "snowball"
