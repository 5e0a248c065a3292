"""The plan builder warns, on a phone and on a desktop, when a proposed option asks more than the budget's
share: the demo case's saved plan (¥770 a month) proposes a 24-month interest freeze to 快贷 (345.39 a month)
whose share under the default split is far less (the figures are core's for the packaged demo). Raising the
budget to the suggested one clears every warning. Screenshots go to test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from xieshang import casefile, reference
from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.templatetags.xs_format import money
from xieshang.core.plan import build_plan
from xieshang.core.positions import positions_from_case

from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _demo_plan():
    case = casefile.load_case_text(reference.read_data_text("demo-case.yaml"))
    positions = positions_from_case(case, case.as_of, reference.legal_lines(), reference.lpr_series())
    return build_plan(positions, case.plan, case.as_of, reference.plan_limits())


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_shortfall_warning_and_suggested_budget(browser, live_server, artifacts, width, height):
    size = f"{width}x{height}"
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, login_url(live_server.url, issue_login_token(local_owner())))
        page.get_by_role("button", name="载入示例案件").first.click()
        page.get_by_text("每一步包含什么").click()
        page.get_by_role("link", name="协商方案", exact=True).click()
        folded = page.locator("[data-testid=creditor-form][data-debt=kuaidai]")
        folded.get_by_test_id("head-short").wait_for()  # loaded; the folded card says its share is too small
        folded.get_by_test_id("creditor-summary").click()  # unfold it: the warning in full
        card = folded.locator("[data-testid=plan-creditor]")
        warning = card.get_by_test_id("plan-shortfall")
        warning.wait_for()
        assert warning.is_visible()
        result = _demo_plan()
        asks = next(c for c in result.creditors if c.position.id == "kuaidai").affordability
        assert (
            f"这家每月只能分到 {money(asks.share)}，不够按 24 期每期 {money('345.39')} 还"
            in warning.inner_text()
        )
        why = page.get_by_test_id("strategy-reason")
        assert why.inner_text().startswith(
            "按欠款余额公平分配（默认）"
        )  # named on one line, explained on a tap
        why.locator("summary").click()
        assert "谁也不会因为合同是到期一次还清" in why.inner_text()
        small_loan = page.locator("[data-testid=creditor-form][data-debt=xiaodai]")
        small_loan.get_by_test_id(
            "head-freeze"
        ).wait_for()  # the folded card says it is planned interest-free
        small_loan.get_by_test_id("creditor-summary").click()
        freeze = small_loan.locator("[data-testid=plan-creditor]").get_by_test_id("plan-freeze")
        assert "越还越多" in freeze.inner_text()
        suggested = page.get_by_test_id("suggested-budget")
        budget = f"{result.suggested_budget}"
        assert suggested.inner_text() == money(result.suggested_budget)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        card.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"plan-shortfall-{size}.png"))
        page.screenshot(path=str(artifacts / f"plan-shortfall-full-{size}.png"), full_page=True)

        field = page.locator("#id_budget")
        field.fill(budget)
        field.dispatch_event("change")
        expect(page.get_by_test_id("plan-shortfall")).to_have_count(0)  # (no eval: the page's CSP)
        expect(page.get_by_test_id("head-short")).to_have_count(0)
        assert page.get_by_test_id("plan-suggest").count() == 0
        assert page.get_by_test_id("summary-short").count() == 0
    finally:
        context.close()
