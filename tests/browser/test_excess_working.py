"""The working of the excess on a phone (390×844) and a desktop (1280×800): every period of the private loan's
line is shown with its allowance and charges, and the page never scrolls sideways. Screenshots go to
test-artifacts/."""

from __future__ import annotations

import pytest

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.case_writes import import_case_text

from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FRIEND = """\
version: 1
as_of: 2026-11-29
borrower: {name: 张三}
debts:
  - id: friend
    creditor: 朋友李四
    lender_type: private
    principal: "10000.00"
    received: "9000.00"
    start_date: 2025-06-01
    term_months: 12
    method: bullet
    annual_rate: 10
    penalty_rate_multiplier: 1.5
    compound_overdue_interest: true
    payments:
      - {date: 2026-12-20, amount: "500.00"}
"""


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_the_per_period_working_fits_the_screen(browser, live_server, artifacts, width, height):
    case = import_case_text(local_owner(), FRIEND, "friend.yaml")
    debt = case.debts.get()
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, login_url(live_server.url, issue_login_token(local_owner())))
        page.goto(f"{live_server.url}{debt.get_absolute_url()}")
        periods = page.get_by_test_id("excess-period")
        periods.first.wait_for()
        assert periods.count() == 2
        assert "本期超出" in periods.nth(0).inner_text() and "¥920.00" in periods.nth(0).inner_text()
        assert "¥282.66" in periods.nth(1).inner_text()
        assert periods.nth(1).is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        box = periods.nth(1).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        page.get_by_test_id("excess-periods").first.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"excess-working-{width}x{height}.png"), full_page=True)
        page.locator("section.lines").screenshot(path=str(artifacts / f"excess-lines-{width}x{height}.png"))
    finally:
        context.close()


CARD = """\
version: 1
as_of: 2026-03-15
borrower: {name: 张三}
debts:
  - id: card
    creditor: 建设银行信用卡
    lender_type: credit_card
    principal: "10000.00"
    start_date: 2026-01-05
    method: revolving
    daily_rate: 0.05
    revolving: {statement_day: 5, due_day: 25, statement_minimum: "1000.00"}
"""


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_a_card_page_shows_its_statement_terms(browser, live_server, artifacts, width, height):
    """The card of the confirm-from-bills journey: 0.05 % a day (18.25 % a year), revolving, overdue minimums."""
    case = import_case_text(local_owner(), CARD, "card.yaml")
    debt = case.debts.get()
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, login_url(live_server.url, issue_login_token(local_owner())))
        page.goto(f"{live_server.url}{debt.get_absolute_url()}")
        page.get_by_test_id("nominal-rate").wait_for()
        assert page.get_by_test_id("nominal-rate").inner_text() == "18.25%"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / f"card-debt-{width}x{height}.png"), full_page=True)
    finally:
        context.close()
