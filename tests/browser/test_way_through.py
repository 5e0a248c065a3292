"""The way through the seven steps, on a phone (390×844) and a desktop screen (1280×800), in Chromium.

Load the demo case; every pill of the dashboard is a link to its step's page, and each step's page says what to
do now and links the next step. Step 5's pill opens the plan builder, which on a phone opens with the summary
figures and the chart, each creditor folded into its own card: the whole page before anything is unfolded is
at most three phone screens (3 × 844 = 2,532 px; it was about 18,000 px with every option shown). A card
opened and changed stays open through the update, and its folded line shows the new option. Screenshots of the
dashboard, every step page and the builder (folded, one card open) go to test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.steps import STEPS

from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [(390, 844), (1280, 800)]


def _open_demo(browser, live_server, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, login_url(live_server.url, issue_login_token(local_owner())))
    page.get_by_role("button", name="载入示例案件").first.click()
    page.get_by_text("已载入示例案件").wait_for()
    return context, page


def _zh(text) -> str:
    """A lazy label in the pages' language (zh-CN), whatever language an earlier test left active."""
    with translation.override("zh-hans"):
        return str(text)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["phone", "desktop"])
def test_every_pill_opens_its_step_page_which_says_what_now_and_next(
    browser, live_server, artifacts, width, height
):
    size = f"{width}x{height}"
    context, page = _open_demo(browser, live_server, width, height)
    try:
        dashboard = page.url
        page.screenshot(path=str(artifacts / f"way-dashboard-{size}.png"))
        current = page.locator("a.step[aria-current=step]")
        expect(current).to_have_count(1)
        for step in STEPS:
            page.goto(dashboard)
            pill = page.get_by_test_id(f"step-{step.number}")
            state = pill.get_attribute("class") or ""
            spoken = "（当前）" if "current" in state else "（已完成）" if "done" in state else ""
            expect(pill).to_have_accessible_name(
                re.compile(rf"^第 {step.number} 步：\s*{_zh(step.title)}\s*{spoken}\s*$")
            )
            pill.focus()
            assert pill.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"  # the focus is seen
            pill.click()
            page.wait_for_load_state()
            guide = page.get_by_test_id("step-guide")
            if step.number == 1:  # the dashboard's own list of debts: it is the page, opened at the list
                assert page.url.endswith("#creditors")
            else:
                expect(guide).to_have_attribute("data-step", str(step.number))
                expect(guide.get_by_test_id("step-now")).to_contain_text(_zh(step.now))
                nxt = guide.get_by_test_id("step-next-link")
                if step.number < len(STEPS):
                    expect(nxt).to_have_text(f"第 {step.number + 1} 步：{_zh(STEPS[step.number].title)}")
                else:
                    expect(nxt).to_have_text("回到案件首页")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=str(artifacts / f"way-step{step.number}-{size}.png"))
    finally:
        context.close()


def _labels_clear_of_the_lines(page) -> None:
    """The chart as drawn: the amounts' labels are round (no ".00") and left of both lines, the months' below
    them; the demo's ¥91,489.88 owed today puts the top of the axis at ¥10万 in steps of ¥2.5万."""
    drawn = page.evaluate(
        """() => {
      const svg = document.querySelector('[data-testid=balance-chart]');
      const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
      return {lines: [...svg.querySelectorAll('polyline')].map(box),
              ticks: [...svg.querySelectorAll('text.tick')].map(e => [e.textContent, ...box(e)])};
    }"""
    )
    left = min(line[0] for line in drawn["lines"])
    bottom = max(line[3] for line in drawn["lines"])
    amounts = [t for t in drawn["ticks"] if t[0].startswith("¥")]
    months = [t for t in drawn["ticks"] if not t[0].startswith("¥")]
    assert [t[0] for t in amounts] == ["¥2.5万", "¥5万", "¥7.5万", "¥10万"]
    assert all(t[3] <= left for t in amounts), (left, amounts)
    assert months and all(t[2] >= bottom for t in months), (bottom, months)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["phone", "desktop"])
def test_plan_builder_opens_with_summary_and_chart_and_folded_creditors(
    browser, live_server, artifacts, width, height
):
    size = f"{width}x{height}"
    context, page = _open_demo(browser, live_server, width, height)
    try:
        page.get_by_test_id("step-5").click()
        page.get_by_role("heading", name="协商方案", exact=True).wait_for()
        cards = page.get_by_test_id("creditor-form")
        expect(cards).to_have_count(6)
        for i in range(6):
            assert cards.nth(i).get_attribute("open") is None  # every card folded
        chart = page.get_by_test_id("balance-chart")
        expect(chart).to_be_visible()
        monthly = page.get_by_test_id("plan-monthly")
        assert monthly.bounding_box()["y"] < chart.bounding_box()["y"] < cards.first.bounding_box()["y"]
        if width == 390:
            assert (
                chart.bounding_box()["y"] + chart.bounding_box()["height"] < 2 * height
            )  # within two screens
        tall = page.evaluate("document.documentElement.scrollHeight")
        print(f"plan builder at {size}, folded: {tall} px")
        page.screenshot(path=str(artifacts / f"way-plan-folded-{size}.png"), full_page=True)
        chart.screenshot(path=str(artifacts / f"way-plan-chart-{size}.png"))
        _labels_clear_of_the_lines(page)
        if width == 390:
            assert tall <= 3 * 844
        assert page.evaluate("document.documentElement.scrollWidth") <= width

        # Unfold 小贷 (the demo's small-loan company), make its option a 36-month re-instalment: the update keeps
        # the card open and its folded line says the new option.
        card = page.locator("[data-testid=creditor-form][data-debt=xiaodai]")
        card.get_by_test_id("creditor-summary").click()
        expect(card).to_have_attribute("open", "")
        option = card.locator("select[name$=-option]")
        option.select_option("reinstalment")
        months = card.locator("input[name$=-months]").first
        months.fill("36")
        months.dispatch_event("change")
        expect(card.locator(".c-head")).to_contain_text("重新分期")
        expect(card.get_by_test_id("plan-creditor")).to_have_attribute("data-option", "reinstalment")
        expect(card).to_have_attribute("open", "")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        card.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"way-plan-card-{size}.png"))
        page.screenshot(path=str(artifacts / f"way-plan-card-full-{size}.png"), full_page=True)
    finally:
        context.close()
