"""Materials and documents in a real browser, on a phone and on a desktop screen.

Load the demo case, open 准备材料 from the dashboard's step list, tick two hardship reasons with a description
holding markup, upload two materials (an ID card photo and a loan contract PDF) and see them marked ready; open
协商文书, preview the application to one creditor (the description appears literally inside the sandboxed
frame), download that creditor's negotiation package and open the zip: the letters as DOCX and PDF and the two
uploaded files are in it, and the history lists the package with its hash. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

import docx
import pytest

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.casefile.materials import materials_from_dict
from xieshang.cases.models import Case
from xieshang.core.materials import HardshipReason

from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
DESCRIPTION = "2026年8月公司裁员，<b>至今</b>未找到工作 {{ 7*7 }} & 住院两周。"
CREDITOR = "某网络借贷平台"


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _upload(page, item_id: str, files: list[dict]) -> None:
    card = page.get_by_test_id(f"item-{item_id}")
    card.locator("summary").click()
    card.locator(f"#files-{item_id}").set_input_files(files)
    card.locator(f"input[name={item_id}-obtained]").fill("2026-11-01")
    card.get_by_role("button", name="保存").click()
    page.get_by_text(f"已上传 {len(files)} 个文件").wait_for()


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_paperwork_journey(browser, live_server, artifacts, settings, tmp_path, width, height):
    settings.DATA_DIR = tmp_path  # the evidence store of this test
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
        page.get_by_text("每一步包含什么").click()
        page.get_by_role("link", name="准备材料", exact=True).first.click()
        assert page.get_by_role("heading", name="准备材料", exact=True).is_visible()

        # Reasons and description.
        page.get_by_label("失业").check()
        page.get_by_label(
            "收入下降"
        ).uncheck()  # the demo borrower had ticked it; this one's reason is illness
        page.get_by_label("疾病/医疗").check()
        page.get_by_label("困难情况说明").fill(DESCRIPTION)
        page.get_by_role("button", name="保存困难情况").click()
        page.get_by_text("已保存困难情况").wait_for()
        assert page.get_by_test_id("item-termination_proof").is_visible()  # unemployment needs it
        assert page.get_by_test_id("item-diagnosis").is_visible()  # illness too
        case.refresh_from_db()
        hardship = materials_from_dict(case.sections["materials"]).hardship
        assert hardship.reasons == (HardshipReason.UNEMPLOYMENT, HardshipReason.ILLNESS)
        assert hardship.description == DESCRIPTION

        # Two materials: the ID card (a photo) and the loan contract (a PDF).
        _upload(page, "id_card", [{"name": "身份证正面.png", "mimeType": "image/png", "buffer": PNG}])
        _upload(
            page, "loan_contract", [{"name": "借款合同.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        for item_id, name in (("id_card", "身份证正面.png"), ("loan_contract", "借款合同.pdf")):
            card = page.get_by_test_id(f"item-{item_id}")
            assert card.get_by_test_id("status").inner_text() == "已备齐"
            assert card.get_by_test_id("file").get_by_role("link", name=name).is_visible()
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"paperwork-materials-{size}.png"), full_page=True)

        # The documents page, and the application to one creditor in the preview.
        page.get_by_role("link", name="协商文书 →").click()
        assert page.get_by_role("heading", name="协商文书", exact=True).is_visible()
        page.get_by_label("写给哪个债权人").select_option(CREDITOR)
        page.get_by_role("button", name="应用").click()
        assert CREDITOR in page.get_by_test_id("package-card").inner_text()
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"paperwork-documents-{size}.png"), full_page=True)
        page.get_by_test_id("doc-hardship").get_by_role("link", name="预览").click()
        frame = page.frame_locator("[data-testid=preview-frame]")
        frame.get_by_text("困难情况说明").first.wait_for()
        assert frame.get_by_text("<b>至今</b>", exact=False).count() >= 1  # printed, not interpreted
        assert frame.locator("b").count() == 0
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"paperwork-preview-{size}.png"), full_page=True)

        # The negotiation package for that creditor.
        page.get_by_role("link", name="← 协商文书").click()
        page.get_by_label("写给哪个债权人").select_option(CREDITOR)
        page.get_by_role("button", name="应用").click()
        # Made inside the request (the background way: test_background_jobs): seconds on an idle machine, so
        # the wait is long enough for a loaded one.
        with page.expect_download(timeout=180_000) as download:
            page.get_by_role("button", name="直接下载（需等待几秒）").click(timeout=180_000)
        data = download.value.path().read_bytes()
        assert download.value.suggested_filename.endswith(".zip")
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        for letter in ("01-协商还款申请书", "02-困难情况说明", "03-个人财务状况说明", "04-还款计划书"):
            assert f"{letter}.docx" in names and f"{letter}.pdf" in names
            assert archive.read(f"{letter}.pdf").startswith(b"%PDF")
        attached = {archive.read(n) for n in names if n.startswith("附件/")}
        assert attached == {PNG, PDF}
        statement = docx.Document(io.BytesIO(archive.read("02-困难情况说明.docx")))
        assert DESCRIPTION in "\n".join(p.text for p in statement.paragraphs)
        cover = archive.read("00-材料清单.txt").decode("utf-8")
        assert CREDITOR in cover

        # The history lists the package with its hash.
        page.reload()
        digest = hashlib.sha256(data).hexdigest()
        history = page.get_by_test_id("history")
        row = history.locator("tr.is-package")
        assert row.count() == 1
        assert CREDITOR in row.inner_text() and digest[:16] in row.inner_text()
        _no_sideways_scroll(page, width)
        page.screenshot(path=str(artifacts / f"paperwork-history-{size}.png"), full_page=True)

        # The dashboard panel shows what is still missing.
        page.get_by_role("link", name=f"← {case.borrower_name}").click()
        panel = page.get_by_test_id("materials-panel")
        assert "诊断证明书" in panel.get_by_test_id("panel-missing").inner_text()
        _no_sideways_scroll(page, width)
    finally:
        context.close()
