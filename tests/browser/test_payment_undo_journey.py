"""Deleting a payment by mistake on a phone and taking it back: 删除 → "已删除 … · 撤销" → 撤销 → the payment is
listed again. Screenshots of the notice at 390 and 1280 px go to test-artifacts/."""

from __future__ import annotations

import pytest

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.case_writes import import_case_text

from .signin import sign_in
from .test_contacts_journey import CASE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_a_deleted_payment_is_taken_back(browser, live_server, artifacts, width, height):
    case = import_case_text(local_owner(), CASE)  # one payment of ¥1,033.33 on 2025-07-01
    debt = case.debts.get()
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, login_url(live_server.url, issue_login_token(local_owner())))
        page.goto(live_server.url + debt.get_absolute_url())
        payments = page.locator('section[aria-labelledby="payments-h"]')
        assert "¥1,033.33" in payments.inner_text()
        with page.expect_navigation():
            payments.get_by_role("button", name="删除").click()
        notice = page.get_by_test_id("payment-undo")
        assert "已删除 2025-07-01 的还款 ¥1,033.33" in notice.inner_text()
        assert "还没有记录还款。" in payments.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / f"payment-undo-{width}x{height}.png"))
        with page.expect_navigation():
            page.get_by_test_id("payment-undo-button").click()
        assert "已恢复这笔还款记录。" in page.locator(".messages").inner_text()
        assert "¥1,033.33" in payments.inner_text()
        assert debt.payments.count() == 1
    finally:
        context.close()
