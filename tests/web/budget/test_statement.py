"""The statement editor (views/statement.py): stored as the case file's ``budget`` section after the core's
reader has judged it; the available amount with its working; prefill from bills; Excel template in and out;
the dashboard panel."""

from __future__ import annotations

import io

import openpyxl
import yaml
from django.urls import reverse

from xieshang.budget.forms import StatementForm
from xieshang.cases.convert import case_file_yaml


def _post_data(client, case, **amounts: str) -> dict[str, str]:
    """The editor's own form as the browser would send it, with amounts typed into the named categories."""
    form: StatementForm = client.get(reverse("budget:statement", args=[case.pk])).context["form"]
    data = {
        "line_count": str(len(form.line_rows)),
        "asset_count": str(len(form.asset_rows)),
        "adults": "2",
        "dependant_ages": "5，72",
        "housing": "rent",
    }
    for row in form.line_rows:
        data[f"{row.prefix}_free"] = "1" if row.free else "0"
        data[f"{row.prefix}_category"] = row.category
        data[f"{row.prefix}_label"] = row.label
        data[f"{row.prefix}_amount"] = amounts.get(row.category, "") if not row.free else ""
    for arow in form.asset_rows:
        data[f"{arow.prefix}_kind"] = arow.kind
    return data


def test_no_statement_yet_prompts(client_in, case):
    page = client_in.get(reverse("budget:statement", args=[case.pk])).content.decode()
    assert 'data-testid="statement-prompt"' in page
    dashboard = client_in.get(reverse("case", args=[case.pk])).content.decode()
    assert "还没有填写收支表" in dashboard


def test_save_shows_the_available_amount_with_its_working(client_in, case):
    """6,000 − (1,500 housing) − (1,200 food) − (800 car loan) = 2,500.00 available."""
    data = _post_data(client_in, case, salary="6000", housing="1,500", food="¥1200", car_loan="800")
    response = client_in.post(reverse("budget:statement", args=[case.pk]), data)
    assert response.status_code == 302
    case.refresh_from_db()
    budget = case.sections["budget"]
    assert budget["household"] == {"adults": 2, "dependant_ages": [5, 72], "housing": "rent"}
    assert budget["income"] == [{"category": "salary", "amount": "6000.00"}]
    page = client_in.get(reverse("budget:statement", args=[case.pk])).content.decode()
    assert 'data-testid="available">¥2,500.00<' in page
    for figure in ("¥6,000.00", "¥1,500.00", "¥1,200.00", "¥800.00"):
        assert figure in page
    dashboard = client_in.get(reverse("case", args=[case.pk])).content.decode()
    assert "¥2,500.00" in dashboard and 'data-testid="budget-panel"' in dashboard
    exported = yaml.safe_load(case_file_yaml(case))
    assert exported["budget"]["expenses"][0] == {"category": "housing", "amount": "1500.00"}


def test_bad_amount_marks_its_row_and_saves_nothing(client_in, case):
    data = _post_data(client_in, case, salary="很多", food="100")
    response = client_in.post(reverse("budget:statement", args=[case.pk]), data)
    assert response.status_code == 400
    form = response.context["form"]
    salary_row = next(r for r in form.line_rows if r.category == "salary")
    assert f"{salary_row.prefix}_amount" in form.errors
    assert "不是金额" in response.content.decode()
    case.refresh_from_db()
    assert "budget" not in case.sections


def test_bad_household_is_located(client_in, case):
    data = {**_post_data(client_in, case, salary="100"), "adults": "0", "dependant_ages": "五岁"}
    response = client_in.post(reverse("budget:statement", args=[case.pk]), data)
    assert response.status_code == 400
    assert {"adults", "dependant_ages"} <= set(response.context["form"].errors)


def test_free_row_adds_a_second_income_with_a_name(client_in, case):
    data = _post_data(client_in, case, salary="3000")
    free = next(k[: -len("_free")] for k, v in data.items() if k.endswith("_free") and v == "1")
    data.update({f"{free}_category": "salary", f"{free}_label": "兼职", f"{free}_amount": "800"})
    assert client_in.post(reverse("budget:statement", args=[case.pk]), data).status_code == 302
    case.refresh_from_db()
    assert case.sections["budget"]["income"][1] == {"category": "salary", "amount": "800.00", "label": "兼职"}
    form = client_in.get(reverse("budget:statement", args=[case.pk])).context["form"]
    assert sum(1 for r in form.line_rows if r.category == "salary") == 2  # both lines come back


def test_prefill_from_bills(client_in, imported):
    form = client_in.get(reverse("budget:statement", args=[imported.pk]), {"prefill": "1"}).context["form"]
    filled = {r.category: form.initial.get(f"{r.prefix}_amount") for r in form.line_rows}
    assert filled["other_income"] and filled["food"]
    assert "budget" not in imported.sections  # nothing saved until the user saves


def test_template_round_trip(client_in, case):
    template = client_in.get(reverse("budget:template", args=[case.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(template.content))
    income = workbook["收入"]
    income["C2"] = 5000  # salary
    expenses = workbook["支出"]
    expenses["C2"] = 1800  # housing
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    out.name = "budget.xlsx"
    response = client_in.post(reverse("budget:statement-import", args=[case.pk]), {"file": out})
    assert response.status_code == 302
    page = client_in.get(reverse("budget:statement", args=[case.pk])).content.decode()
    assert 'data-testid="available">¥3,200.00<' in page


def test_template_errors_name_the_cell(client_in, case):
    workbook = openpyxl.load_workbook(
        io.BytesIO(client_in.get(reverse("budget:template", args=[case.pk])).content)
    )
    workbook["收入"]["C3"] = "很多"
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    out.name = "budget.xlsx"
    response = client_in.post(reverse("budget:statement-import", args=[case.pk]), {"file": out})
    assert response.status_code == 400 and "收入!C3" in response.content.decode()
    case.refresh_from_db()
    assert "budget" not in case.sections
