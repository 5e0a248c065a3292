"""The budget journey in a real browser on a phone (390×844) and a desktop screen.

Upload an Alipay and a WeChat export together (with the upload progress script), categorise an uncategorised
item by a rule from the review table, upload the next month's export and see the rule applied to the new row,
confirm a discovered debt through the debt form, prefill and save the statement, and read the monthly amount
available for unsecured debts — on the statement page and the dashboard. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import pytest

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.budget.models import ImportedTransaction
from xieshang.casefile.budget import statement_from_dict
from xieshang.cases.models import Case
from xieshang.cases.templatetags.xs_format import money
from xieshang.core.statement import evaluate

from ..web.budget.conftest import ALIPAY, BANK_APRIL, BANK_MAY, WECHAT, bank_csv, wechat_next_month
from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOODLES = "云膳过桥米线(传奇广场店)"


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_budget_journey(browser, live_server, artifacts, tmp_path, width, height):
    size = f"{width}x{height}"
    case = Case.objects.create(owner=local_owner(), borrower_name="李四")
    link = login_url(live_server.url, issue_login_token(local_owner()))
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()

    def shot(name: str) -> None:
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"budget-{name}-{size}.png"), full_page=True)

    try:
        sign_in(page, link)
        page.goto(f"{live_server.url}/cases/{case.pk}/")
        assert page.get_by_test_id("budget-panel").get_by_text("还没有填写收支表").is_visible()
        page.get_by_role("link", name="导入支付宝/微信账单").click()

        # Two exports at once; the script shows progress and follows the server to the review table.
        page.get_by_label("账单文件（可一次选多个）").set_input_files([str(ALIPAY), str(WECHAT)])
        shot("upload")
        page.get_by_role("button", name="上传并导入").click()
        page.wait_for_url("**/budget/transactions/")
        assert page.get_by_text("已导入 37 笔交易").is_visible()
        assert ImportedTransaction.objects.filter(case=case).counted().count() == 37

        # Uncategorised only; make a rule from the noodle shop's transaction (its form links to the rule form).
        page.get_by_label("只看未分类的支出").check()
        page.get_by_role("button", name="筛选", exact=True).click()
        page.wait_for_url("**uncategorised=on**")
        shot("review")
        page.get_by_test_id("txn").filter(has_text=NOODLES).click()
        page.get_by_role("link", name="用其他文字建分类规则").click()
        assert page.get_by_label("文字").input_value() == NOODLES
        page.get_by_label("文字").fill("云膳")
        page.get_by_label("归入类别").select_option("food")
        page.get_by_role("button", name="保存规则").click()
        assert page.get_by_text("已保存规则，重新分类了 1 笔交易。").is_visible()
        shot("rules")

        # The next month's export: its new row is categorised by the saved rule.
        next_file = tmp_path / "wechat-next.csv"
        next_file.write_bytes(wechat_next_month())
        page.get_by_role("link", name="导入账单").click()
        page.get_by_label("账单文件（可一次选多个）").set_input_files(str(next_file))
        page.get_by_role("button", name="上传并导入").click()
        page.wait_for_url("**/budget/transactions/")
        assert page.get_by_text("已导入 1 笔交易").is_visible()
        rows = page.get_by_test_id("txn").filter(has_text=NOODLES)
        assert rows.count() == 2
        assert rows.get_by_test_id("tx-category").all_inner_texts() == ["餐饮食品", "餐饮食品"]

        # A discovered debt, confirmed through the debt form.
        page.get_by_role("link", name="可能的债务").click()
        card = page.get_by_test_id("possible-debt").filter(has_text="信用卡还款")
        card.get_by_role("link", name="确认为债务").click()
        assert page.get_by_label("债权人（平台或机构名称）").input_value() == "建设银行信用卡还款"
        page.get_by_label("还款方式").select_option("equal_installment")
        page.get_by_label("合同本金（元）").fill("6000")
        page.get_by_label("放款日期").fill("2017-06-01")
        page.get_by_label("期数（月）").fill("12")
        page.get_by_label("年利率（%）").fill("18")
        shot("confirm")
        page.get_by_role("button", name="加入债务清单").click()
        assert page.get_by_text("已把“建设银行信用卡还款”加入债务清单。").is_visible()
        assert case.debts.filter(creditor="建设银行信用卡还款").exists()

        # Summary with its charts.
        page.goto(f"{live_server.url}/cases/{case.pk}/budget/summary/")
        assert page.locator("svg.chart").count() == 2
        shot("summary")

        # The statement: prefilled from the bills, salary added, saved; the available amount shows.
        page.get_by_role("link", name="收支表", exact=True).click()
        assert page.get_by_test_id("statement-prompt").is_visible()
        page.get_by_role("link", name="用账单平均值预填").click()
        page.get_by_label("工资收入", exact=True).fill("6000")
        page.get_by_label("房租/住房", exact=True).fill("1500")
        page.get_by_role("button", name="保存收支表").click()
        assert page.get_by_text("已保存收支表。").is_visible()
        expected = evaluate(statement_from_dict(Case.objects.get(pk=case.pk).sections["budget"]))
        assert page.get_by_test_id("available").inner_text() == money(expected.available)
        shot("statement")

        page.goto(f"{live_server.url}/cases/{case.pk}/")
        assert page.get_by_test_id("panel-available").inner_text() == money(expected.available)
        shot("dashboard")
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_column_mapping_journey(browser, live_server, artifacts, tmp_path, width, height):
    """A bank CSV of a layout no importer knows: the upload leads to the mapping step, the user picks the
    columns, previews, saves the mapping and imports; the next month's file is read by the saved mapping."""
    size = f"{width}x{height}"
    case = Case.objects.create(owner=local_owner(), borrower_name="王五")
    link = login_url(live_server.url, issue_login_token(local_owner()))
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    april, may = tmp_path / "农商行-4月.csv", tmp_path / "农商行-5月.csv"
    april.write_bytes(bank_csv(BANK_APRIL))
    may.write_bytes(bank_csv(BANK_MAY))

    def shot(name: str) -> None:
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"budget-{name}-{size}.png"), full_page=True)

    try:
        sign_in(page, link)
        page.goto(f"{live_server.url}/cases/{case.pk}/budget/bills/")
        page.get_by_label("账单文件（可一次选多个）").set_input_files(str(april))
        page.get_by_role("button", name="上传并导入").click()
        page.wait_for_url("**/budget/bills/mapping/**")
        assert page.get_by_text("没有认出“农商行-4月.csv”的格式").is_visible()
        assert page.get_by_label("表头在第几行").input_value() == "3"
        page.get_by_label("日期/时间列").select_option(label="A：日期")
        page.get_by_label("说明/摘要列").select_option(label="B：摘要")
        page.get_by_label("收入金额列").select_option(label="D：收入金额")
        page.get_by_label("支出金额列").select_option(label="C：对方户名")  # a mistake first
        page.get_by_role("button", name="预览").click()
        assert page.get_by_text("第 4 行：支出金额列“对方户名”：不是金额").first.is_visible()
        shot("mapping-error")
        page.get_by_label("交易对方列").select_option(label="C：对方户名")
        page.get_by_label("支出金额列").select_option(label="E：支出金额")
        page.get_by_role("button", name="预览").click()
        preview = page.get_by_test_id("mapping-preview")
        assert preview.get_by_text("读到 4 笔交易：收入 ¥8,000.00，支出 ¥2,576.40。").is_visible()
        page.get_by_label("给这个映射起个名字").fill("农商行流水")
        shot("mapping")
        page.get_by_role("button", name="保存映射并导入").click()
        page.wait_for_url("**/budget/transactions/")
        assert page.get_by_text("已保存列映射“农商行流水”，导入 4 笔交易").is_visible()
        assert page.get_by_test_id("txn").count() == 4

        page.get_by_role("link", name="导入账单").click()
        page.get_by_label("账单文件（可一次选多个）").set_input_files(str(may))
        page.get_by_role("button", name="上传并导入").click()
        page.wait_for_url("**/budget/transactions/")
        assert page.get_by_text("“农商行-5月.csv”按保存的列映射“农商行流水”读取。").is_visible()
        assert page.get_by_test_id("txn").count() == 6
        assert page.get_by_test_id("txn").first.inner_text().startswith("2024-05-10")  # the bill's date
        shot("mapped-again")
    finally:
        context.close()
