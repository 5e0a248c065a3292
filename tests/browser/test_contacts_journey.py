"""Never go silent, in a real browser on a phone: log an incoming call at 22:30 with its recording (a real WAV made
here), see the collection finding, export the evidence bundle and verify it with ``verify_bundle``; the reminders
panel and the progress report's SMS text on the way. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import io
import math
import struct
import wave
from pathlib import Path

import pytest

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.case_writes import import_case_text
from xieshang.contacts.log import contacts_of
from xieshang.evidence.bundle import verify_bundle

from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASE = """\
version: 1
as_of: 2026-03-15
borrower: {name: 李雷, phone: "13800000000"}
debts:
  - id: online
    creditor: 某网贷平台
    lender_type: online_platform
    principal: "10000.00"
    start_date: 2025-06-01
    term_months: 12
    method: equal_principal
    annual_rate: 24
    payments:
      - {date: 2025-07-01, amount: "1033.33"}
"""


def _recording(path: Path) -> Path:
    """One second of a 440 Hz tone, 8 kHz mono 16-bit: a small, real WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(
            b"".join(
                struct.pack("<h", int(6000 * math.sin(i / 8000 * 2 * math.pi * 440))) for i in range(8000)
            )
        )
    path.write_bytes(buffer.getvalue())
    return path


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_night_call_to_verified_bundle(browser, live_server, artifacts, tmp_path, settings, width, height):
    settings.DATA_DIR = tmp_path / "data"
    size = f"{width}x{height}"
    case = import_case_text(local_owner(), CASE)
    recording = _recording(tmp_path / "催收来电录音.wav")
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="zh-CN", accept_downloads=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, login_url(live_server.url, issue_login_token(local_owner())))
        page.goto(f"{live_server.url}{case.get_absolute_url()}")
        panel = page.get_by_test_id("reminders-panel")
        assert panel.is_visible() and "久未联系" in panel.inner_text()  # overdue and never contacted
        _no_sideways_scroll(page, width)
        panel.screenshot(path=str(artifacts / f"reminders-panel-{size}.png"))
        page.get_by_text("每一步包含什么").click()
        page.get_by_role("link", name="沟通记录", exact=True).click()
        page.get_by_role("link", name="记录一次沟通").click()

        page.get_by_label("日期和时间").fill("2026-03-10T22:30")
        page.get_by_label("方式").select_option("phone")
        page.get_by_label("谁联系谁").select_option("incoming")
        page.get_by_label("对方姓名").fill("王经理")
        page.get_by_label("对方工号").fill("CS-0731")
        page.get_by_label("对方号码").fill("021-12345678")
        page.get_by_label("内容摘要").fill("晚上十点半来电催收，要求当天还清")
        page.get_by_label("附件：录音、截图、短信、邮件").set_input_files(str(recording))
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"contact-form-{size}.png"), full_page=True)
        page.get_by_role("button", name="保存").click()

        assert page.get_by_text("已记录沟通，附件 1 个已存入证据库。").is_visible()
        entry = page.get_by_test_id("contact").first
        assert "2026-03-10 22:30" in entry.inner_text() and "催收核查发现" in entry.inner_text()
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"contact-log-{size}.png"), full_page=True)

        page.get_by_role("link", name="催收核查", exact=True).click()
        finding = page.get_by_test_id("finding").first
        assert "夜间催收（22:00 至次日 08:00）" in finding.inner_text()
        assert "GB/T 45251-2025" in finding.inner_text()  # the rule's source is cited
        assert page.get_by_test_id("complaint-group").first.get_by_text("12378").is_visible()
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"findings-{size}.png"), full_page=True)

        with page.expect_download() as download:
            page.get_by_role("link", name="导出证据包（含证据目录）").click()
        bundle = tmp_path / "bundle.zip"
        download.value.save_as(bundle)
        report = verify_bundle(bundle.read_bytes())
        assert report.ok and report.checked == 1

        page.get_by_role("link", name="证据库", exact=True).click()
        assert page.get_by_test_id("evidence-row").count() == 1
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"evidence-{size}.png"), full_page=True)
        page.get_by_role("link", name="核验证据").click()
        assert "完好：1 条记录" in page.get_by_test_id("verify-result").inner_text()
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"evidence-verify-{size}.png"), full_page=True)

        page.get_by_role("link", name="还款情况汇报", exact=True).click()
        page.get_by_role("button", name="生成汇报").click()
        sms = page.get_by_test_id("sms-text").input_value()
        assert len(sms) <= 300 and "累计已还¥1,033.33" in sms
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"report-{size}.png"), full_page=True)
        page.get_by_role("button", name="标记为已发送").click()
        assert page.get_by_text("已记录：汇报已发送给 某网贷平台。").is_visible()
        case.refresh_from_db()
        assert len(contacts_of(case)) == 2

        page.get_by_role("link", name="提醒与日历", exact=True).click()
        page.get_by_role("button", name="生成订阅地址").click()
        feed = page.get_by_label("日历订阅地址").input_value()
        fetched = browser.new_context().request.get(feed)  # a calendar app: no session cookie
        assert fetched.ok and b"BEGIN:VCALENDAR" in fetched.body()
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"reminders-{size}.png"), full_page=True)
    finally:
        context.close()
