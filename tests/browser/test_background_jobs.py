"""Background jobs in a real browser (phone size, then the finished page on a desktop screen): the negotiation
package and a 200,000-row Alipay bill run as tasks of the worker ``xieshang serve`` starts. The job page shows the
progress, the result appears without a reload (htmx polls the fragment, which stops once the job is finished),
and reloading the page while the import runs comes back to the same progress view. Screenshots go to
test-artifacts/.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.budget.models import ImportedTransaction
from xieshang.cases.case_writes import import_case_text
from xieshang.jobs.worker import start_thread

from ..big_bill import big_bill
from ..web.conftest import SMALL_CASE
from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ROWS = 200_000
RUNNING = "#job-status[data-state='queued'], #job-status[data-state='running']"


@pytest.fixture
def worker():
    thread, running = start_thread(interval=0.2)  # what `xieshang serve` starts in local mode
    yield
    running.running = False
    thread.join(timeout=300)


def test_package_and_a_200000_row_import_run_in_the_background(
    browser, live_server, worker, artifacts, tmp_path
):
    case = import_case_text(local_owner(), SMALL_CASE, source_name="small.yaml")
    bill = tmp_path / "支付宝交易明细-两年.csv"
    bill.write_bytes(big_bill(ROWS))
    link = login_url(live_server.url, issue_login_token(local_owner()))
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", accept_downloads=True
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        sign_in(page, link)

        # The package: started, followed, downloaded — no reload.
        page.goto(f"{live_server.url}/cases/{case.pk}/paperwork/documents/?creditor=某网贷平台")
        page.get_by_test_id("package-job").click()
        page.wait_for_url("**/jobs/**")
        assert page.locator(RUNNING).is_visible()
        page.screenshot(path=str(artifacts / "job-package-running-390x844.png"), full_page=True)
        page.locator("#job-download").wait_for(timeout=180_000)
        assert page.get_by_text("协商材料包已生成").is_visible()
        with page.expect_download() as download:
            page.locator("#job-download").click()
        names = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes())).namelist()
        assert "00-材料清单.txt" in names

        # Two years of payments: uploaded with the page's script, imported by the worker.
        page.goto(f"{live_server.url}/cases/{case.pk}/budget/bills/")
        page.get_by_label("账单文件（可一次选多个）").set_input_files(str(bill))
        page.get_by_role("button", name="上传并导入").click()
        page.wait_for_url("**/jobs/**", timeout=180_000)
        address = page.url
        page.locator("#job-status[data-state='running']").wait_for(timeout=120_000)
        page.get_by_text("保存交易").wait_for(timeout=180_000)  # the long step: reload in the middle of it
        page.screenshot(path=str(artifacts / "job-import-running-390x844.png"), full_page=True)
        page.reload()
        assert page.url == address
        assert page.locator(RUNNING).is_visible()
        assert page.locator("#job-status progress").is_visible()
        page.get_by_text("已导入 200000 笔交易").wait_for(timeout=600_000)  # appears without a reload
        assert page.locator("#job-status[data-state='done']").is_visible()
        assert ImportedTransaction.objects.filter(case=case).counted().count() == ROWS
        page.screenshot(path=str(artifacts / "job-import-done-390x844.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 800})
        page.screenshot(path=str(artifacts / "job-import-done-1280x800.png"), full_page=True)
    finally:
        context.close()
