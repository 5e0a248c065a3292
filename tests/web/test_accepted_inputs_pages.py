"""No input ``case check`` accepts makes a page raise: generated case files within the stated limits, imported
through the web, render the dashboard, every debt page and the plan builder (status 200)."""

from __future__ import annotations

from typing import Any

import yaml
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from xieshang.casefile import case_from_data
from xieshang.cases.case_writes import import_case_text
from xieshang.core.errors import ValidationError

from ..test_accepted_inputs import case_files


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case_files())
def test_no_accepted_case_makes_a_page_raise(client_in, owner, data: dict[str, Any]) -> None:
    try:
        case_from_data(data)
    except ValidationError:
        return
    case = import_case_text(owner, yaml.safe_dump(data, allow_unicode=True), "generated.yaml")
    assert client_in.get(reverse("case", args=[case.pk])).status_code == 200
    for debt in case.debts.all():
        assert client_in.get(reverse("debt", args=[case.pk, debt.pk])).status_code == 200
    assert client_in.get(reverse("plans:builder", args=[case.pk])).status_code == 200
