"""The statement after the bills change, in a real browser on a phone (390×844) and a desktop screen.

The WeChat sample imported and the statement prefilled and saved with a salary (through Django's test client,
as the budget journey does it in the browser); then 云膳过桥米线 becomes food. The statement page says the bills
moved (food 6.39 saved, 8.27 now: see tests/web/budget/test_bill_drift.py for the working), the person prefills
again, the salary is still there, saves, and the notice is gone with the available amount the new one.
"""

from __future__ import annotations

import pytest
from django.test import Client

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.models import Case

from ..web.budget.test_bill_drift import _available, _save_prefill
from ..web.budget.test_categorise import NOODLES, _one, _post, _wechat
from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_the_statement_says_when_the_bills_moved(browser, live_server, artifacts, width, height):
    case = Case.objects.create(owner=local_owner(), borrower_name="李四")
    client = Client()
    client.force_login(local_owner())
    _wechat(client, case)
    _save_prefill(client, case, salary="3000")
    assert _post(client, case, _one(case, NOODLES), "food").status_code == 302

    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        sign_in(page, login_url(live_server.url, issue_login_token(local_owner())))
        page.goto(f"{live_server.url}/cases/{case.pk}/budget/")
        notice = page.get_by_test_id("bill-drift")
        assert notice.get_by_role("row", name="餐饮食品 ¥6.39 ¥8.27").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / f"bill-drift-{width}x{height}.png"), full_page=True)

        notice.get_by_role("link", name="按现在的账单重新预填").click()
        page.wait_for_url("**prefill=1**")
        assert page.get_by_label("工资收入", exact=True).input_value() == "3000.00"
        page.get_by_role("button", name="保存收支表").click()
        page.get_by_text("已保存收支表。").wait_for()
        assert page.get_by_test_id("bill-drift").count() == 0
        assert (
            page.get_by_test_id("available").inner_text() == "¥2,810.74"
        )  # 1.90 + 3,000 − 149.56 − 8.27 − 33.33
        assert str(_available(case)) == "2810.74"
    finally:
        context.close()
