"""The plan builder says when a proposed option is more than the budget's share for that creditor
(plans/views/builder.py with presenters.creditor_rows and _results.html): the figures are core's
``Affordability`` and ``PlanResult.suggested_budget``."""

from __future__ import annotations

import re
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from xieshang import reference
from xieshang.cases.convert import core_case
from xieshang.cases.templatetags.xs_format import money
from xieshang.core.plan import build_plan
from xieshang.core.positions import positions_from_case


def url(case) -> str:
    return reverse("plans:builder", args=[case.pk])


def card(page: str, debt: str) -> str:
    match = re.search(rf'<article[^>]*data-debt="{debt}".*?</article>', page, re.S)
    assert match, debt
    return match.group(0)


def _demo_result(case):
    core = core_case(case)
    positions = positions_from_case(core, case.as_of, reference.legal_lines(), reference.lpr_series())
    return build_plan(positions, core.plan, case.as_of, reference.plan_limits())


def test_saved_demo_plan_warns_where_the_share_does_not_cover_the_proposal(client_in, planned_demo):
    """The demo's saved plan: ¥770 a month by the default split; 快贷's interest freeze asks 8,289.30 ÷ 24 =
    345.39 a month, far above its share of 770 among six creditors: the card states core's share, the gap and
    the suggested budget (core's tests work the split); the page names the split and says why it is fair; the
    small-loan waiver, whose ¥50.00 share does not cover its ¥72.00 of interest a month, says it is planned
    with the interest frozen."""
    result = _demo_result(planned_demo)
    asks = next(c for c in result.creditors if c.position.id == "kuaidai").affordability
    page = client_in.get(url(planned_demo)).content.decode()
    kuaidai = card(page, "kuaidai")
    assert 'data-testid="plan-shortfall"' in kuaidai
    assert (
        f"按当前预算，这家每月只能分到 {money(asks.share)}，不够按 24 期每期 {money('345.39')} 还；"
        f"协商信会按 {money(asks.first_payment)} 起提出。"
    ) in kuaidai
    assert f"每月还差 {money(Decimal('345.39') - asks.share)}" in kuaidai
    assert 'data-testid="plan-shortfall"' not in card(page, "jiebei")  # not proposed: no warning
    assert f'data-testid="suggested-budget">{money(result.suggested_budget)}<' in page
    assert 'data-testid="summary-short"' in page
    assert "3 个方案不够还" in page
    assert (
        "<strong>按欠款余额公平分配（默认）</strong> · 为什么这样分？</summary><p>每家分到的钱与欠它的钱成比例"
        in page
    )
    xiaodai = card(page, "xiaodai")
    assert 'data-testid="plan-freeze"' in xiaodai and "plan-freeze" not in kuaidai
    assert f"每月分到的 {money('50.00')} 不够支付每月新产生的 {money('72.00')} 利息" in xiaodai


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


def test_a_saving_against_a_status_quo_that_never_ends_says_at_least(client_in, planned_demo, post_data):
    """At the demo's ¥770 the status quo (penalties running) is not paid off within the projection, so what it
    costs is counted only to the projection's end and the saving is a floor: the page says "至少" and why. At
    ¥8,000 both the plan and the status quo end, and the saving is stated plainly. Core decides which is which."""
    result = _demo_result(planned_demo)
    assert result.status_quo.debt_free_month is None  # the case this test is about
    page = client_in.get(url(planned_demo)).content.decode()
    assert '<span class="label">比维持现状至少节省</span>' in page
    assert "维持现状（同样预算，罚息和利息照常）：还不清，节省只算到预测期末。" in page
    data = post_data(planned_demo, budget="8000")
    page = client_in.post(url(planned_demo), data, HTTP_HX_REQUEST="true").content.decode()
    assert "至少节省" not in page and '<span class="label">比维持现状节省</span>' in page
