"""The plan builder says when a proposed option is more than the budget's share for that creditor
(plans/views/builder.py with presenters.creditor_rows and _results.html): the figures are core's
``Affordability`` and ``PlanResult.suggested_budget``."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation

from xieshang.cases.templatetags.xs_format import money


def url(case) -> str:
    return reverse("plans:builder", args=[case.pk])


def card(page: str, debt: str) -> str:
    match = re.search(rf'<article[^>]*data-debt="{debt}".*?</article>', page, re.S)
    assert match, debt
    return match.group(0)


def test_saved_demo_plan_warns_where_the_share_does_not_cover_the_proposal(client_in, planned_demo):
    """The demo's saved plan: ¥770 a month pro rata; 快贷's interest freeze asks 345.39 over 24 months but
    its share falls to 50.00 once 经营贷's grace ends (core's hand-worked demo test); the suggested budget is 5,984.11."""
    page = client_in.get(url(planned_demo)).content.decode()
    kuaidai = card(page, "kuaidai")
    assert 'data-testid="plan-shortfall"' in kuaidai
    assert (
        f"按当前预算，这家每月只能分到 {money('50.00')}，不够按 24 期每期 {money('345.39')} 还；"
        f"协商信会按 {money('56.06')} 起提出。"
    ) in kuaidai
    assert f"每月还差 {money('295.39')}" in kuaidai
    assert 'data-testid="plan-shortfall"' not in card(page, "jiebei")  # not proposed: no warning
    assert f'data-testid="suggested-budget">{money("5984.11")}<' in page
    assert 'data-testid="summary-short"' in page
    assert "3 个方案不够还" in page


def test_enough_budget_shows_no_warning(client_in, planned_demo, post_data):
    """Proposing only 快贷's 24-month freeze with a budget of 8,000 covers every debt's ask (sum ≈ 5,280):
    nothing is flagged and no budget is suggested."""
    data = post_data(
        planned_demo, budget="8000", c1_option="interest_freeze", c1_months="24", c1_proposed="on"
    )
    keys = {k: v for k, v in data.items() if k.endswith("-id")}
    assert keys["c1-id"] == "kuaidai"
    page = client_in.post(url(planned_demo), data, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="plan-creditor"' in page
    assert "plan-shortfall" not in page and "plan-suggest" not in page and "summary-short" not in page


def test_the_warning_in_english(client_in, planned_demo):
    with translation.override("en"):
        client_in.cookies["django_language"] = "en"
        page = client_in.get(url(planned_demo), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    kuaidai = card(page, "kuaidai")
    assert "On the current budget this creditor gets only" in kuaidai
    assert "the letter will propose" in kuaidai
    assert "every proposed option is covered" in page
