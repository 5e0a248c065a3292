"""The borrower's first journey in a real browser, on a phone and on a desktop screen.

Sign in with the one-time link; create a case with three debts through the forms (one invalid attempt first:
inline Chinese messages, nothing saved); the dashboard totals equal ``xieshang case analyze`` on the exported
file; delete the case, import the file back: same figures. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.models import Case, Debt
from xieshang.cases.templatetags.xs_format import money

from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XIESHANG = str(Path(sys.executable).with_name("xieshang"))

DEBTS = [
    {
        "债权人（平台或机构名称）": "某消费金融有限公司",
        "机构类型": "consumer_finance",
        "还款方式": "equal_installment",
        "合同本金（元）": "20000",
        "实际到账金额（元）": "19400",
        "放款日期": "2026-01-05",
        "期数（月）": "12",
        "年利率（%）": "18",
    },
    {
        "债权人（平台或机构名称）": "某网络借贷平台",
        "机构类型": "online_platform",
        "还款方式": "equal_principal",
        "合同本金（元）": "¥8,000",
        "放款日期": "2026-03-10",
        "期数（月）": "6",
        "年利率（%）": "24",
        "每期服务费/担保费/会员费（元）": "120",
    },
    {
        "债权人（平台或机构名称）": "某银行信用卡",
        "机构类型": "credit_card",
        "还款方式": "card_instalment",
        "合同本金（元）": "1.2万",
        "放款日期": "2026-05-25",
        "期数（月）": "24",
        "每期手续费率（%）": "0.6",
    },
]


def _fill_debt(page, values: dict[str, str]) -> None:
    for label, value in values.items():
        field = page.get_by_label(label)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def _totals(page) -> dict[str, str]:
    return {k: page.get_by_test_id(f"total-{k}").inner_text() for k in ("outstanding", "overdue", "excess")}


def _analyze(path: Path) -> dict[str, str]:
    done = subprocess.run(
        [XIESHANG, "case", "analyze", str(path), "--json"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    totals = json.loads(done.stdout)["totals"]
    return {k: money(totals[k]) for k in ("outstanding", "overdue", "excess")}


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_first_journey(browser, live_server, artifacts, tmp_path, width, height):
    size = f"{width}x{height}"
    link = login_url(live_server.url, issue_login_token(local_owner()))
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="zh-CN", accept_downloads=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, link)
        assert page.get_by_role("heading", name="我的案件").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling

        page.get_by_role("link", name="新建案件").click()
        page.get_by_label("借款人姓名").fill("张三")
        page.get_by_label("计算日期").fill("2026-11-20")
        page.get_by_role("button", name="保存").click()
        assert page.get_by_role("heading", name="张三").is_visible()

        # Invalid input: inline Chinese messages, nothing saved.
        page.get_by_role("link", name="添加债务").click()
        _fill_debt(page, {**DEBTS[0], "合同本金（元）": "很多", "期数（月）": "0"})
        page.get_by_role("button", name="保存").click()
        assert page.get_by_text("请修改标出的内容，未保存任何数据。").is_visible()
        assert page.get_by_text("不是金额：'很多'").is_visible()
        assert page.locator(".field.has-error").count() == 2
        assert Debt.objects.count() == 0

        for values in DEBTS:
            page.goto(f"{live_server.url}/cases/{Case.objects.get().pk}/debts/new/")
            _fill_debt(page, values)
            page.get_by_role("button", name="保存").click()
            assert page.get_by_text("已添加债务").is_visible()
        assert page.get_by_test_id("debt-card").count() == 3
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shown = _totals(page)
        page.screenshot(path=str(artifacts / f"dashboard-{size}.png"), full_page=True)

        with page.expect_download() as download:
            page.get_by_role("link", name="导出案件文件").click()
        exported = tmp_path / "case.yaml"
        download.value.save_as(exported)
        assert shown == _analyze(exported)

        page.get_by_role("link", name="某网络借贷平台", exact=True).click()
        assert page.get_by_role("heading", name="还款计划").is_visible()
        assert page.get_by_test_id("debt-apr").inner_text().endswith("%")
        assert (
            page.evaluate("document.documentElement.scrollWidth") <= width
        )  # wide tables scroll in their box
        page.screenshot(path=str(artifacts / f"debt-{size}.png"), full_page=True)

        page.get_by_role("link", name="← 张三").click()
        page.get_by_role("link", name="删除案件").click()
        page.get_by_role("button", name="删除").click()
        assert Case.objects.count() == 0

        page.get_by_role("link", name="导入案件文件").click()
        page.get_by_label("案件文件（YAML 或 JSON）").set_input_files(str(exported))
        page.get_by_role("button", name="导入").click()
        assert page.get_by_role("heading", name="张三").is_visible()
        assert _totals(page) == shown
    finally:
        context.close()
