"""A credit dispute and a progress note entered in a real browser, on a phone and on a desktop screen.

Load the demo case, open 协商文书, follow the 征信异议申请 card's "填写征信异议" link for one creditor, enter the
wrong record (a wrong field first: the message appears at the field and nothing is saved), tick a proof from the
materials checklist and send it to the credit centre; add a progress note; back on 协商文书 download the
dispute letter as PDF: its text (pdftotext) holds the record, the recipient and the reply deadline from the
data file. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.models import Case

from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CREDITOR = "某网络借贷平台"
WRONG = "显示2026年5月逾期1期 <b>金额</b>3,000元"


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_dispute_journey(browser, live_server, artifacts, settings, tmp_path, width, height):
    settings.DATA_DIR = tmp_path
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
        case = Case.objects.get()
        page.goto(f"{live_server.url}/cases/{case.pk}/paperwork/documents/")
        assert "尚未填写征信异议事项" in page.get_by_test_id("notes").inner_text()
        page.get_by_label("写给哪个债权人").select_option(CREDITOR)
        page.get_by_role("button", name="应用").click()
        page.get_by_test_id("fill-credit_dispute").click()
        assert page.get_by_role("heading", name="征信异议与执行情况").is_visible()

        form = page.get_by_test_id("dispute-new")
        assert form.get_by_label("关于哪个债权人").input_value() == CREDITOR
        form.get_by_label("报送机构", exact=True).fill("某网络借贷平台（某小额贷款有限公司）")
        form.get_by_label("账户或借款").fill("借款合同尾号0042")
        form.get_by_label("报送或更新日期").fill("2026-06-05")
        form.get_by_label("信用报告记载的内容（哪里有误）").fill(WRONG)
        form.get_by_role("button", name="保存征信异议").click()  # 实际情况 left empty
        page.get_by_role("alert").first.wait_for()
        form = page.get_by_test_id("dispute-new")
        assert "必填" in form.inner_text() or "required" in form.inner_text().lower()
        case.refresh_from_db()
        assert "disputes" not in case.sections
        _no_sideways_scroll(page, width)

        form.get_by_label("实际情况").fill("2026年5月10日已按时足额还款，有银行回单为证。")
        form.get_by_label("其他证明材料（每行一条）").fill("银行转账回单\n还款成功短信截图")
        form.get_by_label("中国人民银行征信中心").check()
        form.get_by_role("button", name="保存征信异议").click()
        page.get_by_text("已保存征信异议").wait_for()
        assert WRONG in page.get_by_test_id("dispute").inner_text()  # printed, not interpreted

        note = page.get_by_test_id("note-new")
        note.get_by_label("债权人").select_option(CREDITOR)
        note.get_by_label("从").fill("2026-11-01")
        note.get_by_label("到").fill("2026-11-27")
        note.get_by_label("执行情况").fill("11月15日按协议还款800元。")
        note.get_by_role("button", name="保存执行情况").click()
        page.get_by_text("已保存执行情况").wait_for()
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"paperwork-disputes-{size}.png"), full_page=True)

        case.refresh_from_db()
        assert case.sections["disputes"][0]["recipient"] == "credit_center"
        assert case.sections["progress_notes"][0]["creditor"] == CREDITOR

        page.get_by_role("link", name="← 协商文书").click()
        notes = page.get_by_test_id("notes").inner_text()
        assert "尚未填写征信异议事项" not in notes and "尚未填写还款协议执行情况" not in notes
        page.get_by_label("写给哪个债权人").select_option(CREDITOR)
        page.get_by_role("button", name="应用").click()
        with page.expect_download() as download:
            page.get_by_test_id("doc-credit_dispute").get_by_role("button", name="PDF").click()
        pdf = download.value.path()
        assert pdf.read_bytes().startswith(b"%PDF")
        text = re.sub(
            r"\s+",
            "",
            subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode(),
        )
        assert "致：中国人民银行征信中心" in text
        assert re.sub(r"\s+", "", f"信用报告记载：{WRONG}。") in text
        assert "第二十五条" in text and "20日内" in text and "还款成功短信截图" in text
    finally:
        context.close()
