"""The plan builder in a real browser, on a phone and on a desktop screen.

Load the demo case with the demo button, open 协商方案 from the dashboard's step list, give a budget and see the
projection and the chart appear without a page load; change the budget and see both change; a wrong budget is a
Chinese message at the field; choose options per creditor (an interest freeze marked as the proposal, a
settlement); export the Excel file and read it back: its figures are core's ``build_plan`` for the same inputs;
saving with a budget other than the statement's is refused at the field; save with it, and the dashboard shows
the plan. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from xieshang import reference
from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.casefile.plan import plan_from_dict
from xieshang.cases.convert import core_case
from xieshang.cases.models import Case
from xieshang.cases.templatetags.xs_format import money
from xieshang.core.plan import build_plan
from xieshang.core.positions import positions_from_case

from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _set(page, label_id: str, value: str) -> None:
    field = page.locator(f"#{label_id}")
    field.fill(value)
    field.dispatch_event("change")


def _core_result(case: Case, plan: dict):
    core = core_case(case)
    positions = positions_from_case(core, case.as_of, reference.legal_lines(), reference.lpr_series())
    return build_plan(positions, plan_from_dict(plan), case.as_of, reference.plan_limits())


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_plan_journey(browser, live_server, artifacts, width, height):
    size = f"{width}x{height}"
    link = login_url(live_server.url, issue_login_token(local_owner()))
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="zh-CN", accept_downloads=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, link)
        page.get_by_role("button", name="载入示例案件").first.click()
        assert page.get_by_text("已载入示例案件").is_visible()
        case = Case.objects.get()
        page.get_by_text("每一步包含什么").click()
        page.get_by_role("link", name="协商方案", exact=True).click()
        page.get_by_role("heading", name="协商方案", exact=True).wait_for()  # the page has loaded
        assert page.get_by_test_id("creditor-form").count() == 6
        _no_sideways_scroll(page, width)

        # A budget: the projection and the chart appear without a page load.
        page.evaluate("window.__samePage = true")
        _set(page, "id_budget", "3000")
        monthly = page.get_by_test_id("plan-monthly")
        monthly.wait_for()
        first = monthly.inner_text()
        first_line = page.get_by_test_id("chart-plan").get_attribute("points")
        assert page.get_by_role("img", name="欠款余额变化：方案与维持现状").is_visible()

        # A smaller budget: figures and chart change.
        _set(page, "id_budget", "2000")
        expect(page.get_by_test_id("plan-monthly")).not_to_have_text(first)  # (no eval: the page's CSP)
        assert monthly.inner_text() == "¥2,000.00"
        assert page.get_by_test_id("chart-plan").get_attribute("points") != first_line

        # Text instead of an amount: a Chinese message at the field, nothing saved.
        _set(page, "id_budget", "很多")
        page.locator("#err-id_budget").get_by_text("不是金额").wait_for()
        assert page.get_by_test_id("plan-invalid").is_visible()
        _set(page, "id_budget", "2500")
        page.get_by_test_id("plan-monthly").wait_for()
        assert page.locator("#err-id_budget li").count() == 0

        # Options per creditor: an interest freeze over 36 months proposed to kuaidai; a 50% settlement for xiaodai.
        # Each creditor's options are folded into its card: open the two cards first.
        page.locator("#card-c1 [data-testid=creditor-summary]").click()
        page.locator("#card-c2 [data-testid=creditor-summary]").click()
        page.locator("#id_c1-option").select_option("interest_freeze")
        months = page.locator("#id_c1-months")
        assert months.is_visible() and not page.locator("#id_c1-share_percent").is_visible()
        _set(page, "id_c1-months", "36")
        page.get_by_label("作为拟提出的方案（协商信使用）").nth(1).check()
        page.locator("#id_c2-option").select_option("settlement")
        _set(page, "id_c2-share_percent", "50")
        card = page.locator("[data-testid=plan-creditor][data-debt=xiaodai]")
        card.get_by_text("一次性结清（按比例）").wait_for()
        page.locator("[data-testid=plan-creditor][data-debt=kuaidai]").get_by_text("拟提出").wait_for()
        expect(page.locator("#card-c1")).to_have_attribute(
            "open", ""
        )  # both cards stayed open through updates
        expect(page.locator("#card-c2")).to_have_attribute("open", "")
        expect(page.locator("#head-c2")).to_contain_text(
            "一次性结清（按比例）"
        )  # and their folded lines follow
        assert page.evaluate("window.__samePage") is True  # every update came without a page load
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"plan-{size}.png"), full_page=True)

        plan = {"budget": "2500", "strategy": "fair", "minimum": "50", "creditors": [
            {"id": "kuaidai", "option": "interest_freeze", "months": 36, "proposed": True},
            {"id": "xiaodai", "option": "settlement", "share_percent": "50", "months": 1, "proposed": True},
            # kept from the demo's saved plan, which the page opened with:
            {"id": "jingying", "option": "deferral", "grace_months": 6, "grace": "interest_only", "months": 36,
             "proposed": True}]}  # fmt: skip
        expected = _core_result(case, plan)
        assert page.get_by_test_id("plan-total").inner_text() == money(expected.projection.total_paid)

        # Excel export of what the page shows, read back.
        with page.expect_download() as download:
            page.get_by_role("button", name="导出 Excel").click()
        book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
        summary = book["汇总 Summary"]
        figures = {
            summary.cell(row=r, column=1).value: summary.cell(row=r, column=2).value for r in range(3, 12)
        }
        assert Decimal(str(figures["每月预算 Monthly budget"])) == Decimal("2500")
        assert Decimal(str(figures["合计还款 Total paid"])) == expected.projection.total_paid
        assert figures["全部还清 Debt-free"] == expected.projection.debt_free_month
        assert Decimal(str(figures["节省 Saving vs status quo"])) == expected.saving
        monthly_sheet = book["逐月 Monthly"]
        assert monthly_sheet.max_row - 1 == len(expected.projection.rows)
        assert "某网络借贷平台" in book.sheetnames and "kuaidai" not in book.sheetnames

        # Saving a budget the statement does not leave (¥770) is refused at the field: it would not be used.
        expect(page.locator(".htmx-request")).to_have_count(0)
        page.get_by_role("button", name="保存方案").click()
        page.locator("#err-id_budget").get_by_text("收支表显示每月可用于还款").wait_for()
        case.refresh_from_db()
        assert plan_from_dict(case.sections["plan"]).budget == Decimal("770.00")  # the saved plan, unchanged

        # Save with the statement's amount: the case file's plan section, and the dashboard panel.
        plan["budget"] = "770.00"
        expected = _core_result(case, plan)
        _set(page, "id_budget", "770.00")
        expect(page.locator(".htmx-request")).to_have_count(0)
        page.get_by_role("button", name="保存方案").click()
        assert page.get_by_text("已保存协商方案").is_visible()
        case.refresh_from_db()
        saved, wanted = plan_from_dict(case.sections["plan"]), plan_from_dict(plan)
        assert (saved.budget, saved.strategy, saved.minimum) == (
            wanted.budget,
            wanted.strategy,
            wanted.minimum,
        )
        assert [saved.choice(d.key) for d in case.debts.all()] == [
            wanted.choice(d.key) for d in case.debts.all()
        ]
        page.get_by_role("link", name=f"← {case.borrower_name}").click()
        assert page.get_by_test_id("panel-debt-free").inner_text() == expected.projection.debt_free_month
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"plan-dashboard-{size}.png"), full_page=True)
    finally:
        context.close()
