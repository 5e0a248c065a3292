"""Sorting by touch, in a real browser: import the WeChat sample bill, tap one transaction, change its category
with "always for this counterparty", and see the list, the monthly summary and the prefilled statement change.

Hand-worked from the sample (tests/fixtures/bills/deb-sig-examples/wechat): 某餐厅 is three payments of 12.00,
food by the platform's category; food in all is 12.00 + 24.00 + 59.90 = 95.90. Moved to 人情往来/红包 (social)
for the counterparty: social 36.00, food 95.90 − 36.00 = 59.90; over the 15 months with transactions the
statement prefills social 36.00 / 15 = 2.40 and food 59.90 / 15 = 3.9933 → 3.99 a month.
Screenshots of the list, the form and the rules page at 390×844 and 1280×800 go to test-artifacts/.
"""

from __future__ import annotations

import pytest

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.models import Case

from ..web.budget.conftest import WECHAT
from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_tap_a_transaction_to_change_its_category(browser, live_server, artifacts, width, height):
    size = f"{width}x{height}"
    case = Case.objects.create(owner=local_owner(), borrower_name="李四")
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()

    def shot(name: str) -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing off the right edge
        page.screenshot(path=str(artifacts / f"categorise-{name}-{size}.png"), full_page=True)

    try:
        sign_in(page, login_url(live_server.url, issue_login_token(local_owner())))
        page.goto(f"{live_server.url}/cases/{case.pk}/budget/bills/")
        page.get_by_label("账单文件（可一次选多个）").set_input_files(str(WECHAT))
        page.get_by_role("button", name="上传并导入").click()
        page.wait_for_url("**/budget/transactions/")
        cards = page.get_by_test_id("txn").filter(has_text="某餐厅")
        assert cards.count() == 3
        assert cards.get_by_test_id("tx-category").all_inner_texts() == ["餐饮食品"] * 3
        if width < 700:  # a card on a phone: the amount sits beside the counterparty, inside the screen
            box = cards.first.bounding_box()
            assert box is not None and box["x"] + box["width"] <= width
        shot("list")

        cards.first.click()
        page.wait_for_url("**/budget/transactions/*/")
        assert page.get_by_test_id("txn-current").inner_text() == "餐饮食品"
        category = page.get_by_role("combobox", name="类别", exact=True)
        options = category.locator("option").all_text_contents()
        assert "人情往来/红包" in options and "工资收入" not in options  # a spending's choices only
        category.select_option(label="人情往来/红包")
        page.get_by_label("以后这个对象的交易都归到这一类").check()
        shot("form")
        page.get_by_role("button", name="保存类别").click()
        page.wait_for_url("**/budget/transactions/**")
        assert page.get_by_text("重新分类了 3 笔交易").is_visible()
        assert cards.get_by_test_id("tx-category").all_inner_texts() == ["人情往来/红包"] * 3

        page.get_by_role("link", name="月度汇总").click()
        page.get_by_text("以表格查看").first.click()
        table = page.locator("#cat-h + * + details table, section[aria-labelledby=cat-h] table")
        assert table.locator("tr", has_text="人情往来/红包").inner_text().split("\t")[1].strip() == "¥36.00"
        assert table.locator("tr", has_text="餐饮食品").inner_text().split("\t")[1].strip() == "¥59.90"
        page.get_by_role("link", name="用账单平均值预填收支表").click()
        assert page.get_by_label("人情往来/红包", exact=True).input_value() == "2.40"
        assert page.get_by_label("餐饮食品", exact=True).input_value() == "3.99"

        page.get_by_role("link", name="分类规则").click()
        rule = page.get_by_test_id("rule")
        assert rule.count() == 1 and "某餐厅" in rule.inner_text() and "人情往来/红包" in rule.inner_text()
        shot("rules")
    finally:
        context.close()
