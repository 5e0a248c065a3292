"""The plan builder page (plans/views/builder.py): figures are core's build_plan, htmx partials, inline
Chinese messages with nothing saved, the token-payment plan, saving to the case file's plan section."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from django.urls import reverse

from xieshang import reference
from xieshang.casefile.plan import plan_from_dict
from xieshang.cases.case_writes import import_case_text
from xieshang.cases.convert import case_file_yaml, core_case
from xieshang.cases.templatetags.xs_format import money
from xieshang.core.options import Reinstalment
from xieshang.core.plan import CreditorChoice, PlanSpec, build_plan
from xieshang.core.positions import positions_from_case


def url(case) -> str:
    return reverse("plans:builder", args=[case.pk])


def core_plan(case, spec):
    core = core_case(case)
    positions = positions_from_case(core, case.as_of, reference.legal_lines(), reference.lpr_series())
    return build_plan(positions, spec, case.as_of, reference.plan_limits())


def test_other_users_case_is_404(client_in, demo, django_user_model):
    from django.test import Client

    stranger = Client()
    stranger.force_login(django_user_model.objects.create(username="someone-else"))
    assert stranger.get(url(demo)).status_code == 404
    assert stranger.post(url(demo), {"budget": "1"}).status_code == 404


def test_signed_out_is_sent_to_login(client, demo):
    assert client.get(url(demo)).status_code == 302


def test_first_view_asks_for_a_budget_without_an_error(client_in, demo):
    page = client_in.get(url(demo)).content.decode()
    assert "每月可用于还款的金额" in page
    assert "填写每月可用于还款的金额后" in page
    assert "errorlist" not in page
    assert page.count('data-testid="creditor-form"') == 6


def test_preview_shows_core_figures(client_in, demo, post_data):
    """Budget ¥3,000, the default split, kuaidai re-instalment over 36 months: every figure is build_plan's."""
    response = client_in.post(url(demo), post_data(demo, c1_option="reinstalment", c1_months="36"))
    assert response.status_code == 200
    page = response.content.decode()
    spec = PlanSpec(budget=Decimal("3000"), choices=tuple(
        CreditorChoice(d.key, Reinstalment(36) if d.key == "kuaidai" else CreditorChoice(d.key).option)
        for d in demo.debts.all()))  # fmt: skip
    result = core_plan(demo, spec)
    assert f'data-testid="plan-monthly">{money(result.projection.monthly_max)}<' in page
    assert f'data-testid="plan-debt-free">{result.projection.debt_free_month}<' in page
    assert f'data-testid="plan-total">{money(result.projection.total_paid)}<' in page
    assert f'data-testid="plan-saving">{money(result.saving)}<' in page
    for item in result.creditors:
        assert money(item.result.first_payment) in page
    assert 'data-testid="balance-chart"' in page and "<polyline" in page
    assert page.count('<tr><th scope="row">') >= len(result.projection.rows)  # month-by-month table
    demo.refresh_from_db()
    assert "plan" not in demo.sections  # a preview saves nothing


def test_htmx_change_returns_the_results_partial_with_field_slots(client_in, demo, post_data):
    response = client_in.post(url(demo), post_data(demo, budget="2500"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page and 'data-testid="plan-monthly"' in page
    assert 'id="err-id_budget" class="field-err" hx-swap-oob="true"' in page


@pytest.mark.parametrize(
    ("overrides", "slot", "message"),
    [
        ({"budget": "abc"}, "err-id_budget", "不是金额：&#x27;abc&#x27;"),
        ({"c1_option": "reinstalment", "c1_months": "-3"}, "err-id_c1-months", "整数"),
        ({"c1_option": "reinstalment", "c1_months": "90"}, "err-id_c1-months", "期数应为 3–60 个月"),
        (
            {"c2_option": "settlement", "c2_share_percent": "120"},
            "err-id_c2-share_percent",
            "结清比例应在 0–100% 之间",
        ),
        ({"c2_option": "settlement", "c2_share_percent": ""}, "err-id_c2-share_percent", "请填写此项"),
        (
            {"c3_option": "deferral", "c3_grace_months": "30"},
            "err-id_c3-grace_months",
            "宽限期应为 1–24 个月",
        ),
        ({"minimum": "-5"}, "err-id_minimum", "≥ 0"),
        ({"budget": ""}, "err-id_budget", "请填写每月可用于还款的金额"),
    ],
)
def test_bad_input_is_a_message_at_the_field_and_nothing_is_saved(
    client_in, demo, post_data, overrides, slot, message
):
    for htmx in (False, True):
        data = post_data(demo, **overrides) | {"action": "save"}
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = client_in.post(url(demo), data, **headers)
        assert response.status_code == (200 if htmx else 400)
        page = response.content.decode()
        start = page.index(f'id="{slot}"')
        assert message in page[start : start + 400]
        assert "方案没有更新，也没有保存" in page
    demo.refresh_from_db()
    assert "plan" not in demo.sections


@pytest.mark.parametrize("budget", ["0", "-200"])
def test_zero_or_negative_budget_shows_the_token_plan(client_in, demo, post_data, budget):
    response = client_in.post(url(demo), post_data(demo, budget=budget))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="token-plan"' in page
    assert "象征性" in page and "¥1.00" in page
    assert "plan-debt-free" not in page


def test_save_stores_the_section_that_round_trips(client_in, demo, post_data, owner):
    data = post_data(demo, c1_option="interest_freeze", c1_months="24", c1_proposed="on",
                     c2_option="settlement", c2_share_percent="60", c2_settlement_months="3",
                     strategy="avalanche", action="save")  # fmt: skip
    response = client_in.post(url(demo), data)
    assert response.status_code == 302
    demo.refresh_from_db()
    spec = plan_from_dict(demo.sections["plan"])
    assert spec.budget == Decimal("3000.00") and spec.strategy.value == "avalanche"
    freeze = spec.choice("kuaidai")
    assert freeze.proposed and freeze.option.kind.value == "interest_freeze" and freeze.option.months == 24
    settle = spec.choice("xiaodai").option
    assert settle.share == Decimal("0.6") and settle.months == 3
    exported = case_file_yaml(demo)
    assert yaml.safe_load(exported)["plan"] == demo.sections["plan"]
    again = import_case_text(owner, exported)
    assert plan_from_dict(again.sections["plan"]) == spec
    page = client_in.get(url(demo)).content.decode()  # the saved plan fills the form again
    assert 'name="c1-proposed" id="id_c1-proposed" checked' in page
    assert f'data-testid="plan-debt-free">{core_plan(demo, spec).projection.debt_free_month}<' in page


def test_saving_keeps_the_other_sections(client_in, demo, post_data):
    demo.sections = {**demo.sections, "contacts": [{"note": "kept"}]}
    demo.save()
    client_in.post(url(demo), post_data(demo, action="save"))
    demo.refresh_from_db()
    assert demo.sections["contacts"] == [{"note": "kept"}] and "plan" in demo.sections


def test_budget_statement_is_the_default_budget(client_in, demo):
    demo.sections = {**demo.sections, "budget": {"income": [{"category": "salary", "amount": "8000"}],
                     "expenses": [{"category": "housing", "amount": "2500"},
                                  {"category": "food", "amount": "1500"}]}}  # fmt: skip
    demo.save()
    page = client_in.get(url(demo)).content.decode()
    assert "按收支表，每月可用于还款" in page
    assert 'name="budget" value="4000.00"' in page
    assert 'data-testid="plan-monthly"' in page  # computed straight away from the statement's amount


def test_a_case_without_debts_asks_for_debts(client_in, case):
    case.debts.all().delete()
    page = client_in.get(url(case)).content.decode()
    assert "还没有债务" in page


def test_step_page_and_dashboard_panel(client_in, demo, post_data):
    dashboard = client_in.get(reverse("case", args=[demo.pk])).content.decode()
    assert url(demo) in dashboard and 'data-testid="plan-panel"' not in dashboard
    client_in.post(url(demo), post_data(demo, action="save"))
    demo.refresh_from_db()
    result = core_plan(demo, plan_from_dict(demo.sections["plan"]))
    dashboard = client_in.get(reverse("case", args=[demo.pk])).content.decode()
    assert f'data-testid="panel-monthly">{money(result.projection.monthly_max)}<' in dashboard
    assert f'data-testid="panel-debt-free">{result.projection.debt_free_month}<' in dashboard


def test_english_page_and_messages(client_in, demo, post_data):
    client_in.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client_in.post(url(demo), post_data(demo, budget="abc")).content.decode()
    assert (
        "Negotiation plan" in page and "Export to Excel" in page and "Pro rata by contractual payment" in page
    )
    assert "not an amount of money" in page
    page = client_in.post(url(demo), post_data(demo, budget="0")).content.decode()
    assert "Nothing is affordable" in page and "每月没有可用于还款的钱" not in page


def test_a_saved_plan_that_no_longer_fits_says_why_at_the_field(client_in, demo):
    """A case file whose plan asks 90 months for the bank loan (the planning range is 3–60): the page marks
    the field instead of showing nothing."""
    demo.sections = {**demo.sections, "plan": {"budget": "3000", "creditors": [
        {"id": "jingying", "option": "reinstalment", "months": 90}]}}  # fmt: skip
    demo.save()
    response = client_in.get(url(demo))
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('id="err-id_c4-months"')
    assert "期数应为 3–60 个月" in page[start : start + 400]


def test_the_packaged_demo_opens_with_its_saved_plan(client_in, planned_demo):
    """The demo's plan: ¥770 a month (= its statement's 4,700 income − 2,680 essential − 1,250 flexible),
    three proposals (kuaidai interest freeze, xiaodai waiver, jingying deferral)."""
    page = client_in.get(reverse("plans:builder", args=[planned_demo.pk])).content.decode()
    assert 'value="770.00"' in page or 'value="770"' in page
    import re

    proposed = re.findall(r'<input[^>]*name="(c\d+)-proposed"[^>]*>', page)
    checked = sorted(re.search(r'name="(c\d+)-proposed"', tag).group(1)  # type: ignore[union-attr]
                     for tag in re.findall(r'<input[^>]*name="c\d+-proposed"[^>]*>', page) if "checked" in tag)  # fmt: skip
    assert len(proposed) == 6 and checked == ["c1", "c2", "c4"]  # kuaidai, xiaodai, jingying
