"""A new borrower with only a phone, no demo: three debts through the forms (a consumer loan, a revolving credit
card and a private loan repaid in one lump), the WeChat bill imported, one transaction recategorised by tapping
it, the plan builder reached from the dashboard's step-5 pill, the budget changed — and the default split fair.

Fair, worked by hand for the figures below: the default split gives each creditor its share of what is owed,
``budget × balance / total owed``, and never less than the ¥50 minimum. With ¥1,500 a month over roughly
¥19,000 (consumer loan), ¥8,000 (card) and ¥30,000 (private loan), the private loan's share is about
1,500 × 30,000 / 57,000 ≈ ¥789, not the ~¥1,400 a split by contractual payment gives a lump-sum loan (its
"payment" is the whole debt). The test checks the property itself on the page's figures: no creditor's first
month above its balance's share of the budget plus the minimum, and the three shares adding up to the budget.
The balances are core's (positions of the stored case), the shares the page's. Screenshots at 390 and 1280 px
go to test-artifacts/.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from xieshang import reference
from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.convert import core_case
from xieshang.cases.models import Case
from xieshang.core.positions import positions_from_case

from ..web.budget.conftest import WECHAT
from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MINIMUM = Decimal("50")
BUDGET = Decimal("1500")
DEBTS = [
    {
        "债权人（平台或机构名称）": "某消费金融有限公司",
        "机构类型": "consumer_finance",
        "还款方式": "equal_installment",
        "合同本金（元）": "20000",
        "放款日期": "2026-06-05",
        "期数（月）": "24",
        "年利率（%）": "18",
    },
    {
        "债权人（平台或机构名称）": "某银行信用卡",
        "机构类型": "credit_card",
        "还款方式": "revolving",
        "合同本金（元）": "8000",
        "放款日期": "2026-10-05",
        "日利率（%）": "0.05",
        "账单日": "5",
        "到期还款日": "25",
        "本期最低还款额（元）": "400",
    },
    {
        "债权人（平台或机构名称）": "张先生（朋友借款）",
        "机构类型": "private",
        "还款方式": "bullet",
        "合同本金（元）": "30000",
        "放款日期": "2026-05-01",
        "期数（月）": "12",
        "年利率（%）": "6",
    },
]


def _fill(page, values: dict[str, str]) -> None:
    for label, value in values.items():
        field = page.get_by_label(label)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def _yuan(text: str) -> Decimal:
    return Decimal(re.search(r"¥([\d,]+\.\d\d)", text).group(1).replace(",", ""))


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_a_new_user_on_a_phone_gets_through_to_a_fair_plan(browser, live_server, artifacts, width, height):
    size = f"{width}x{height}"
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()

    def shot(name: str) -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing off the right edge
        page.screenshot(path=str(artifacts / f"new-user-{name}-{size}.png"), full_page=True)

    try:
        sign_in(page, login_url(live_server.url, issue_login_token(local_owner())))
        page.get_by_role("link", name="新建案件").click()
        page.get_by_label("借款人姓名").fill("赵六")
        page.get_by_label("计算日期").fill("2026-12-01")
        page.get_by_role("button", name="保存").click()
        page.get_by_role("heading", name="赵六").wait_for()
        case = Case.objects.get()

        for values in DEBTS:
            page.get_by_role("link", name="添加债务").first.click()
            _fill(page, values)
            page.get_by_role("button", name="保存").click()
            page.get_by_text("已添加债务").wait_for()
        expect(page.get_by_test_id("debt-card")).to_have_count(3)
        shot("dashboard")

        # The WeChat bill, then one transaction moved to another category by tapping its card.
        page.get_by_role("link", name="导入支付宝/微信账单").click()
        page.get_by_label("账单文件（可一次选多个）").set_input_files(str(WECHAT))
        page.get_by_role("button", name="上传并导入").click()
        page.wait_for_url("**/budget/transactions/")
        cards = page.get_by_test_id("txn").filter(has_text="某餐厅")
        cards.first.click()
        page.wait_for_url("**/budget/transactions/*/")
        page.get_by_role("combobox", name="类别", exact=True).select_option(label="人情往来/红包")
        page.get_by_role("button", name="保存类别").click()
        page.wait_for_url("**/budget/transactions/**")
        assert cards.first.get_by_test_id("tx-category").inner_text() == "人情往来/红包"
        shot("transactions")

        # Step 5 from the dashboard's pill: the plan builder, before any plan exists.
        page.goto(f"{live_server.url}/cases/{case.pk}/")
        page.get_by_test_id("step-5").click()
        page.get_by_role("heading", name="协商方案", exact=True).wait_for()
        budget = page.locator("#id_budget")
        budget.fill(str(BUDGET))
        budget.dispatch_event("change")
        expect(page.get_by_test_id("plan-monthly")).to_have_text("¥1,500.00")
        shot("plan")

        core = core_case(Case.objects.get(pk=case.pk))
        positions = positions_from_case(core, core.as_of, reference.legal_lines(), reference.lpr_series())
        owed = {p.id: p.balance for p in positions}
        total = sum(owed.values(), Decimal(0))
        shares: dict[str, Decimal] = {}
        for card in page.get_by_test_id("creditor-form").all():
            head = card.locator(".c-figures").inner_text()
            shares[card.get_attribute("data-debt")] = _yuan(head)  # "首月 ¥789.47 · …"
        assert set(shares) == set(owed)
        assert sum(shares.values()) == BUDGET
        for debt_id, share in shares.items():
            fair = BUDGET * owed[debt_id] / total
            assert share <= fair + MINIMUM, (debt_id, share, fair)
        bullet = next(p.id for p in positions if p.creditor == "张先生（朋友借款）")
        assert shares[bullet] < BUDGET * Decimal("0.6")  # a lump-sum loan no longer takes almost all of it
        assert page.get_by_test_id("strategy-reason").inner_text().startswith("按欠款余额公平分配（默认）")
    finally:
        context.close()
