"""Computed once: one dashboard request builds each debt's schedule and replays its overdue status once, and
builds the plan once; a second request of the same case on the same day computes nothing (the case view is
kept, keyed on the case's revision); the dashboard and the debt page run a number of queries that does not
grow with the number of debts. The engine's functions are counted where they are called, not replaced."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xieshang.casefile import parse_debt
from xieshang.cases import reading
from xieshang.cases.debt_writes import store_loan
from xieshang.cases.demo import load_demo_case
from xieshang.cases.models import Case
from xieshang.cases.sections import save_section
from xieshang.cases.writes import locked
from xieshang.core.loans import build_schedule

COUNTED = ("build_schedule", "overdue_status", "build_plan")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every call of the engine's schedule builder, overdue replay and plan builder, from any module."""
    counter: Counter[str] = Counter()
    for name in COUNTED:
        for module in [m for m in list(sys.modules.values()) if m and m.__name__.startswith("xieshang.")]:
            original = getattr(module, name, None)
            if callable(original) and getattr(original, "__name__", "") == name:
                monkeypatch.setattr(module, name, _counting(counter, name, original))
    reading.VIEWS.clear()
    return counter


def _counting(counter: Counter[str], name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        counter[name] += 1
        return original(*args, **kwargs)

    counted.__name__ = name
    return counted


def test_one_dashboard_request_computes_each_figure_once(client_in, owner, calls):
    """The demo case: six debts, a statement, a plan with three proposals, a contact log, materials."""
    case = load_demo_case(owner)
    reading.VIEWS.clear()
    calls.clear()
    response = client_in.get(reverse("case", args=[case.pk]))
    assert response.status_code == 200
    assert calls == Counter(build_schedule=6, overdue_status=6, build_plan=1)
    calls.clear()
    assert client_in.get(reverse("case", args=[case.pk])).status_code == 200
    assert calls == Counter()  # the same case on the same day: nothing computed again


def test_a_write_is_never_answered_with_the_figures_of_before(client_in, owner, calls):
    """Saving a section bumps the case's revision: the next page computes the plan afresh."""
    case = load_demo_case(owner)
    client_in.get(reverse("case", args=[case.pk]))
    calls.clear()
    plan = {**case.sections["plan"], "budget": "900.00"}
    save_section(case, "plan", plan)
    client_in.get(reverse("case", args=[case.pk]))
    assert calls["build_plan"] == 1


def _case_with(owner: Any, debts: int) -> Case:
    case = Case.objects.create(owner=owner, borrower_name="计数", as_of=date(2026, 11, 20))
    for k in range(debts):
        mapping = {
            "id": f"d{k}",
            "creditor": f"债权人{k}",
            "lender_type": "consumer_finance",
            "principal": f"{10000 + 100 * k}.00",
            "start_date": "2025-11-01",
            "term_months": 24,
            "method": "equal_installment",
            "annual_rate": 15,
        }
        schedule = build_schedule(parse_debt(mapping))
        mapping["payments"] = [
            {"date": p.due_date.isoformat(), "amount": f"{p.payment:.2f}"} for p in schedule.periods[:6]
        ]
        with locked(case.pk) as row:
            store_loan(row, parse_debt(mapping))
    save_section(
        case,
        "plan",
        {
            "budget": "3000",
            "creditors": [{"id": "d0", "option": "interest_freeze", "months": 24, "proposed": True}],
        },
    )
    return Case.objects.get(pk=case.pk)


@pytest.mark.parametrize("page", ["case", "debt"])
def test_queries_do_not_grow_with_the_number_of_debts(client_in, owner, page):
    counts = []
    client_in.get(reverse("home"))  # the browser's session is listed for the account on its first page
    for debts in (3, 12):
        case = _case_with(owner, debts)
        args = [case.pk] if page == "case" else [case.pk, case.debts.order_by("id").first().pk]
        reading.VIEWS.clear()
        with CaptureQueriesContext(connection) as cold:
            assert client_in.get(reverse(page, args=args)).status_code == 200
        with CaptureQueriesContext(connection) as warm:
            assert client_in.get(reverse(page, args=args)).status_code == 200
        counts.append((len(cold), len(warm)))
    assert counts[0] == counts[1], counts
    assert counts[0][1] <= counts[0][0]
