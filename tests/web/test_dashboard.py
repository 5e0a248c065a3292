"""The case list and the case dashboard (views/dashboard.py)."""

from __future__ import annotations

from django.urls import reverse

from xieshang import reference
from xieshang.cases.convert import core_case
from xieshang.cases.demo import load_demo_case
from xieshang.cases.templatetags.xs_format import money
from xieshang.core.analysis import analyze_case


def test_empty_home_offers_the_demo_case(client_in):
    page = client_in.get(reverse("home")).content.decode()
    assert "载入示例案件" in page and reverse("case-demo") in page


def test_demo_button_loads_six_debts_two_overdue_one_above_a_line(client_in, owner):
    response = client_in.post(reverse("case-demo"))
    assert response.status_code == 302
    case = owner.cases.get()
    assert case.debts.count() == 6  # five loans and a credit-card plan
    page = client_in.get(response["Location"]).content.decode()
    assert page.count('data-testid="debt-card"') == 6
    assert page.count("badge overdue") >= 2
    assert "超出参考线" in page


def test_totals_are_the_engine_totals(client_in, case):
    """The three headline figures are the engine's case totals, formatted for people."""
    totals = analyze_case(core_case(case), case.as_of, reference.legal_lines(), reference.lpr_series()).totals
    page = client_in.get(reverse("case", args=[case.pk])).content.decode()
    for testid, value in (
        ("total-outstanding", totals.outstanding),
        ("total-overdue", totals.overdue),
        ("total-excess", totals.excess),
    ):
        assert f'data-testid="{testid}">{money(value)}<' in page


def test_seven_steps_are_shown_with_what_each_will_hold(client_in, case):
    page = client_in.get(reverse("case", args=[case.pk])).content.decode()
    for title in ("了解债务", "及时沟通", "主动汇报", "准备材料", "积极协商", "不要失联", "注意事项"):
        assert title in page
    assert 'aria-current="step"' in page


def test_every_step_links_to_working_pages(client_in, case):
    """Each of the seven steps lists the pages the feature apps registered for it, and each page opens."""
    from xieshang.cases.extensions import step_pages
    from xieshang.cases.steps import STEPS

    page = client_in.get(reverse("case", args=[case.pk])).content.decode()
    for step in STEPS:
        pages = step_pages(step.slug)
        assert pages, f"step {step.slug} has no page"
        for registered in pages:
            url = registered.url(case)
            assert f'href="{url}"' in page
            assert client_in.get(url.split("#")[0]).status_code == 200, url


def test_other_users_case_is_not_found(client_in, case, django_user_model):
    stranger = django_user_model.objects.create(username="stranger")
    other = load_demo_case(stranger)
    assert client_in.get(reverse("case", args=[other.pk])).status_code == 404


def test_several_cases_listed(client_in, owner, case):
    load_demo_case(owner)
    page = client_in.get(reverse("home")).content.decode()
    assert "测试用户" in page and "王小明" in page


def test_english_page(client_in, case):
    client_in.cookies["django_language"] = "en"
    page = client_in.get(reverse("case", args=[case.pk])).content.decode()
    assert "Know your debts" in page and "not legal advice" in page and "了解债务" not in page


def test_next_actions_name_what_to_do_and_leave_due_dates_to_the_reminders(client_in, owner):
    """Demo case on 2026-11-20: 某网络借贷平台 (97 days) and 某小额贷款有限公司 (50 days) are overdue: urgent,
    first. Due instalments are not repeated as actions; the reminders panel lists them with amounts."""
    demo = load_demo_case(owner)
    response = client_in.get(reverse("case", args=[demo.pk]))
    actions = response.context["actions"]
    urgent = [a.text for a in actions if a.urgent]
    assert len(urgent) == 2 and "97" in urgent[0] and "50" in urgent[1]
    assert not any("期到期" in a.text for a in actions)
    assert "第 6 期还款" in response.content.decode()  # the reminders panel: 某银行信用卡 instalment 6
