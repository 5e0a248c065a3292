"""An agreement in a real browser, on a phone (and the same pages on a desktop screen).

Load the demo case (its day is 2026-11-20), open 还款协议 from the dashboard's step list and record the agreement
the plan proposed to 某小额贷款有限公司, made on 2026-09-02 (after the demo's last payment on that debt, 1 September)
and paid in six equal monthly instalments from 2026-09-05 (the form generates them from the proposal's total);
read its review (at least two findings, each with its source); mark it signed, attach the signed copy, and
record three payments: the first instalment in full on its due date, the second in full five days late
(2026-10-10), and ¥100.00 on 2026-11-05 for the third. On 2026-11-20 the instalments read paid, late, partial,
then three upcoming; the third is 15 days past due and no grace is stated, so the agreement is broken; the
dashboard warns; the .ics file holds the late instalment. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.models import Case
from xieshang.cases.reading import load_case

from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _pay(page, day: str, amount: str) -> None:
    page.locator("#id_date").fill(day)
    page.locator("#id_amount").fill(amount)
    with page.expect_navigation():
        page.get_by_test_id("record-payment").click()
    page.get_by_text("已记录这笔还款。").wait_for()


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_agreement_journey(browser, live_server, artifacts, width, height):
    size = f"{width}x{height}"
    link = login_url(live_server.url, issue_login_token(local_owner()))
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="zh-CN", accept_downloads=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        sign_in(page, link)
        page.get_by_role("button", name="载入示例案件").first.click()
        page.get_by_text("已载入示例案件").wait_for()
        case = Case.objects.get()
        page.get_by_text("每一步包含什么").click()
        page.get_by_role("link", name="还款协议", exact=True).first.click()
        page.get_by_role("heading", name="还款协议", exact=True).wait_for()
        page.get_by_role("link", name="按方案记录：某小额贷款有限公司").click()

        # The form, prefilled from the proposal; made earlier, six instalments generated from its total.
        page.get_by_test_id("prefilled").wait_for()
        total = Decimal(page.locator("#id_total").input_value())
        assert total > 0 and page.locator("#id_schedule").input_value()
        page.locator("#id_agreed_on").fill("2026-09-02")
        page.locator("#id_first_due").fill("2026-09-05")
        page.locator("#id_months").fill("6")
        with page.expect_navigation():
            page.get_by_role("button", name="按总额和期数重新生成").click()
        lines = page.locator("#id_schedule").input_value().splitlines()
        assert len(lines) == 6 and lines[0].startswith("2026-09-05 ")
        assert sum(Decimal(line.split()[1]) for line in lines) == total
        each = Decimal(lines[0].split()[1])
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"agreement-form-{size}.png"), full_page=True)
        with page.expect_navigation():
            page.get_by_test_id("save-agreement").click()

        # The review: findings with their sources, the scam guard.
        page.get_by_test_id("finding-count").wait_for()
        findings = page.get_by_test_id("finding")
        assert findings.count() >= 2
        assert "出处" in findings.first.inner_text()
        assert page.get_by_text("12378").first.is_visible()
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"agreement-review-{size}.png"), full_page=True)
        with page.expect_navigation():
            page.get_by_test_id("mark-signed").click()

        # Keeping it: the signed copy, three payments.
        page.locator("#id_kind").select_option("signed_copy")
        page.locator("#id_files").set_input_files(
            [{"name": "协议.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        with page.expect_navigation():
            page.get_by_test_id("attach-files").click()
        page.get_by_text("签字或确认的协议：1 份").wait_for()
        assert page.get_by_test_id("agreement-paid").inner_text() == "¥0.00"  # nothing paid since the start
        _pay(page, "2026-09-05", str(each))
        _pay(page, "2026-10-10", str(each))
        _pay(page, "2026-11-05", "100.00")
        statuses = page.get_by_test_id("instalment").evaluate_all("els => els.map(e => e.dataset.status)")
        assert statuses == ["paid", "late", "partial", "upcoming", "upcoming", "upcoming"], statuses
        warning = page.get_by_test_id("agreement-warning").inner_text()
        assert "第 3 期还差" in warning and "已逾期 15 天" in warning and "已超过协议的宽限期" in warning
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"agreement-detail-{size}.png"), full_page=True)

        stored = load_case(Case.objects.get(pk=case.pk)).core
        (agreement,) = stored.agreements
        assert len(agreement.signed_copy) == 1 and not agreement.draft

        # The dashboard warns; the calendar file holds the late instalment.
        page.goto(live_server.url + case.get_absolute_url())
        panel = page.get_by_test_id("agreements-panel")
        assert "第 3 期还差" in panel.get_by_test_id("agreement-warning").inner_text()
        panel.screenshot(path=str(artifacts / f"agreement-dashboard-{size}.png"))
        page.goto(live_server.url + f"/cases/{case.pk}/contacts/reminders/")
        with page.expect_download() as download:
            page.get_by_role("link", name="下载日历文件（.ics）").click()
        ics = download.value.path().read_text(encoding="utf-8").replace("\r\n ", "")
        assert "CATEGORIES:协议还款逾期" in ics and "还款协议第 3 期还差" in ics
    finally:
        context.close()
