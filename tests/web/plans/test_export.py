"""Excel export (plans/views/export.py): POST exports the form's plan, GET the saved one; the workbook's
figures are core's build_plan for the same inputs."""

from __future__ import annotations

import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from xieshang import reference
from xieshang.casefile.plan import plan_from_dict
from xieshang.cases.convert import core_case
from xieshang.core.plan import build_plan
from xieshang.core.positions import positions_from_case


def url(case) -> str:
    return reverse("plans:export", args=[case.pk])


def summary(response) -> dict[str, object]:
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["汇总 Summary"]
    return {sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=2).value for r in range(3, 12)}


def test_post_exports_what_the_form_shows(client_in, demo, post_data):
    response = client_in.post(url(demo), post_data(demo, budget="2800", c4_option="interest_freeze"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    spec = plan_from_dict({"budget": "2800", "creditors": [{"id": "jingying", "option": "interest_freeze",
                                                             "months": 24}]})  # fmt: skip
    core = core_case(demo)
    positions = positions_from_case(core, demo.as_of, reference.legal_lines(), reference.lpr_series())
    result = build_plan(positions, spec, demo.as_of, reference.plan_limits())
    figures = summary(response)
    assert Decimal(str(figures["合计还款 Total paid"])) == result.projection.total_paid
    assert figures["全部还清 Debt-free"] == result.projection.debt_free_month
    assert Decimal(str(figures["节省 Saving vs status quo"])) == result.saving
    demo.refresh_from_db()
    assert "plan" not in demo.sections


def test_post_with_bad_input_shows_the_form_again(client_in, demo, post_data):
    response = client_in.post(url(demo), post_data(demo, budget="abc"))
    assert response.status_code == 400
    assert "不是金额" in response.content.decode()


def test_get_exports_the_saved_plan_or_explains(client_in, demo, post_data):
    response = client_in.get(url(demo))
    assert response.status_code == 302 and response["Location"] == reverse("plans:builder", args=[demo.pk])
    client_in.post(reverse("plans:builder", args=[demo.pk]), post_data(demo, budget="3100", action="save"))
    response = client_in.get(url(demo))
    assert response.status_code == 200
    assert Decimal(str(summary(response)["每月预算 Monthly budget"])) == Decimal("3100")


def test_other_users_cannot_export(demo, django_user_model):
    from django.test import Client

    stranger = Client()
    stranger.force_login(django_user_model.objects.create(username="someone-else"))
    assert stranger.get(url(demo)).status_code == 404
    assert stranger.post(url(demo), {"budget": "1"}).status_code == 404
