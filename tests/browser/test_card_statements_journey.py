"""Card statements in a real browser, on a phone (390×844) and a desktop screen.

Choose three monthly e-mail statements of one card and an Alipay bill at once; watch each file's progress and
result; land on the card page with the payment history (the month the minimum was missed flagged) and the
update side by side; confirm it; see the card's debt with the statement's balance and due date; and on the
upload page see that the payment paid with that card through Alipay counted once. Screenshots go to
test-artifacts/.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.budget.models import ImportedTransaction
from xieshang.cases.models import Case, Debt

from ..web.budget.conftest import ALIPAY
from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CARDS = Path(__file__).resolve().parents[1] / "fixtures" / "bills" / "cards" / "bocom"
MONTHS = [CARDS / f"交通银行信用卡电子账单-2023年0{m}月.eml" for m in (1, 2, 3)]


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_three_statements_and_an_alipay_bill(browser, live_server, artifacts, width, height):
    size = f"{width}x{height}"
    case = Case.objects.create(owner=local_owner(), borrower_name="张三")
    link = login_url(live_server.url, issue_login_token(local_owner()))
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(20_000)
    page = context.new_page()

    def shot(name: str) -> None:
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"cards-{name}-{size}.png"), full_page=True)

    try:
        sign_in(page, link)
        page.goto(f"{live_server.url}/cases/{case.pk}/budget/bills/")
        # The page sends each file on its own, then imports them together: hold that last request so the
        # four files' results and the overall bar can be seen before the next page.
        held: list[object] = []

        def hold_import(route) -> None:
            if route.request.method == "POST":
                held.append(route)
            else:
                route.continue_()

        page.route("**/budget/bills/", hold_import)
        page.get_by_label("账单文件（可一次选多个）").set_input_files(
            [str(p) for p in MONTHS] + [str(ALIPAY)]
        )
        is_import = lambda r: r.method == "POST" and r.url.endswith("/budget/bills/")  # noqa: E731
        with page.expect_request(is_import):
            page.get_by_role("button", name="上传并导入").click()
        files = page.locator("[data-file-list] li")
        assert files.count() == 4 and page.locator("[data-file-list] li[data-result='ok']").count() == 4
        assert files.nth(2).get_by_text("交通银行信用卡账单：读到 4 行，4 笔交易").is_visible()
        assert files.nth(3).get_by_text("支付宝（2023 年起）：读到 10 行，9 笔交易，跳过 1 行").is_visible()
        assert page.get_by_test_id("upload-progress").is_visible()
        page.get_by_text("正在导入，请稍候…").wait_for()
        shot("progress")
        for _ in range(100):  # the route handler runs while Playwright processes events
            if held:
                break
            page.evaluate("1")
        held.pop().continue_()  # type: ignore[attr-defined]
        # Every file read, the group imported: the card page.
        page.wait_for_url("**/budget/cards/")
        card = page.get_by_test_id("card-bocom-7449")
        assert card.get_by_text("交通银行信用卡（尾号 7449）").is_visible()
        assert card.get_by_test_id("missed").is_visible()
        assert card.get_by_text("差 ¥48.82").is_visible()
        assert card.get_by_test_id("side-by-side").get_by_text("¥3,013.11").is_visible()
        shot("card-page")

        card.get_by_test_id("confirm-card").click()
        page.wait_for_url("**/debts/*/")
        assert page.get_by_text("已按账单更新").is_visible()
        assert page.get_by_text("¥3,013.11").first.is_visible()
        assert page.get_by_text("2023-03-28").first.is_visible()
        debt = Debt.objects.get(case=case, method="revolving")
        assert debt.principal == Decimal("3013.11")
        shot("debt")

        # The 49.74 paid with card 7449 through Alipay counts once, and the pair is listed on the upload page.
        assert ImportedTransaction.objects.filter(case=case, amount=Decimal("49.74")).counted().count() == 1
        page.goto(f"{live_server.url}/cases/{case.pk}/budget/bills/")
        overlaps = page.get_by_test_id("overlaps")
        overlaps.locator("summary").click()
        assert overlaps.get_by_text("49.74").is_visible()
        shot("upload-list")
    finally:
        context.close()
