"""The English reader's pages in a real browser (locale en-US, Accept-Language en): the demo case's debt page and
collection findings read in English and never scroll sideways on a phone. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import pytest

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.demo import load_demo_case

from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_debt_and_findings_pages_in_english(browser, live_server, artifacts, width, height):
    case = load_demo_case(local_owner())
    debt = case.debts.get(creditor="某网络借贷平台")
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="en-US",
        extra_http_headers={"Accept-Language": "en"},
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    size = f"{width}x{height}"
    try:
        sign_in(page, login_url(live_server.url, issue_login_token(local_owner())))
        page.goto(f"{live_server.url}{debt.get_absolute_url()}")
        lines = page.locator("section.lines")
        lines.locator("details").evaluate_all(
            "found => found.forEach(d => { d.open = true; })"
        )  # folded lines
        assert "Does not apply: this line is for private lending" in lines.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / f"english-debt-{size}.png"), full_page=True)
        page.goto(f"{live_server.url}/cases/{case.pk}/contacts/findings/")
        first = page.get_by_test_id("finding").first
        assert "contacted between 22:00 and 08:00" in first.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / f"english-findings-{size}.png"), full_page=True)
    finally:
        context.close()
