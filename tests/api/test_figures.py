"""An API figure is the page's figure: the demo case's totals, debts and proposals read through the API equal
the case view's and the dashboard's, and a hand-worked instalment comes out to the 分."""

from __future__ import annotations

import re
from decimal import Decimal

from xieshang.cases.reading import read_case
from xieshang.view import CaseView


def _fresh_view(case) -> CaseView:  # type: ignore[no-untyped-def]
    case.refresh_from_db()
    return read_case(case).view


def test_case_totals_are_the_case_views_and_the_dashboards(api, client_in, demo) -> None:
    body = api.get(f"/api/v1/cases/{demo.pk}/").json()
    view = _fresh_view(demo)
    totals = view.totals
    assert body["totals"] == {
        "outstanding": f"{totals.outstanding:.2f}",
        "overdue": f"{totals.overdue:.2f}",
        "excess": f"{totals.excess:.2f}",
        "credit": f"{totals.credit:.2f}",
    }
    assert body["as_of"] == view.as_of.isoformat()
    page = client_in.get(f"/cases/{demo.pk}/").content.decode()
    shown = re.search(r'data-testid="total-outstanding">([^<]+)<', page).group(1)  # type: ignore[union-attr]
    assert Decimal(re.sub(r"[¥,\s]", "", shown)) == Decimal(body["totals"]["outstanding"])
    assert body["available"] == (None if view.available is None else f"{view.available:.2f}")


def test_every_debts_figures_are_the_case_views(api, demo) -> None:
    listed = api.get(f"/api/v1/cases/{demo.pk}/debts/").json()
    view = _fresh_view(demo)
    assert listed["count"] == len(view.case.debts) > 0
    for entry in listed["items"]:
        one = api.get(f"/api/v1/cases/{demo.pk}/debts/{entry['id']}/").json()
        key = next(d.key for d in demo.debts.all() if d.pk == entry["id"])
        analysis = view.debt(key)
        assert one["outstanding"] == entry["outstanding"] == f"{analysis.overdue.outstanding.total:.2f}"
        assert one["overdue"] == f"{analysis.overdue.overdue_total:.2f}"
        assert one["days_overdue"] == analysis.overdue.days_overdue
        assert one["name"] == view.name(key).zh
        if analysis.true_cost is not None:
            assert Decimal(one["apr"]) == (analysis.true_cost.apr * 100).quantize(Decimal("0.01"))
        for figure in ("principal", "outstanding", "overdue", "paid", "due", "received"):
            assert re.fullmatch(r"-?\d+\.\d{2}", one[figure]), figure


def test_a_debts_figures_are_its_pages(api, client_in, demo) -> None:
    for debt in demo.debts.all():
        mine = api.get(f"/api/v1/cases/{demo.pk}/debts/{debt.pk}/").json()
        page = client_in.get(f"/cases/{demo.pk}/debts/{debt.pk}/").content.decode()
        shown = re.search(r'data-testid="debt-outstanding">([^<]+)<', page).group(1)  # type: ignore[union-attr]
        assert Decimal(re.sub(r"[¥,\s]", "", shown)) == Decimal(mine["outstanding"]), debt.creditor


def test_the_plan_states_what_the_letters_state(api, demo) -> None:
    body = api.get(f"/api/v1/cases/{demo.pk}/plan/").json()
    view = _fresh_view(demo)
    assert view.plan is not None, view.plan_problem  # the demo case has a plan and a statement
    assert body["budget"] == f"{view.plan.budget:.2f}"
    by_name = {p["name"]: p for p in body["proposals"]}
    assert len(by_name) == len(view.proposals) > 0
    for debt_id, creditor in view.proposals.items():
        mine = by_name[view.name(debt_id).zh]
        assert (mine["months"], mine["first_payment"], mine["total"]) == (
            creditor.months,
            f"{creditor.first_payment:.2f}",
            f"{creditor.total:.2f}",
        )
        assert sum(Decimal(m["payment"]) for m in mine["schedule"]) == Decimal(mine["total"])


def test_a_hand_worked_instalment(api, small) -> None:
    """12,000.00 at 12 % a year over 12 equal instalments (等额本息): the monthly rate is 1 %, so the
    instalment is 12000 × 0.01 / (1 − 1.01⁻¹²) = 120 / 0.112551 = 1066.1855… → 1066.19; the first
    period's interest is 12000 × 1 % = 120.00 and its principal 1066.19 − 120.00 = 946.19."""
    debts = api.get(f"/api/v1/cases/{small.pk}/debts/").json()["items"]
    bank = next(d for d in debts if d["creditor"] == "某银行")
    assert bank["principal"] == "12000.00"
    first = api.get(f"/api/v1/cases/{small.pk}/debts/{bank['id']}/schedule/?page_size=1").json()
    assert first["count"] == 12 and first["pages"] == 12
    assert first["items"][0] | {"overdue": None} == {
        "period": 1,
        "due_date": "2025-02-10",
        "principal": "946.19",
        "interest": "120.00",
        "fee": "0.00",
        "payment": "1066.19",
        "balance": "11053.81",
        "overdue": None,
    }


def test_the_statement_says_when_there_is_none(api, small) -> None:
    body = api.get(f"/api/v1/cases/{small.pk}/statement/").json()
    assert body["exists"] is False and body["note"] == "还没有填写收支表"


def test_the_statement_is_the_case_views(api, demo) -> None:
    body = api.get(f"/api/v1/cases/{demo.pk}/statement/").json()
    outcome = _fresh_view(demo).statement
    assert outcome is not None and body["exists"] is True
    assert (body["income"], body["available"]) == (f"{outcome.income:.2f}", f"{outcome.available:.2f}")
    assert [s["amount"] for s in body["working"]] == [f"{s.amount:.2f}" for s in outcome.working]
