"""The documents page (paperwork/views/documents.py): eight documents per creditor where they apply, a sandboxed
preview, DOCX and PDF downloads and the negotiation package, each recorded in the case history with its hash;
notes say what is missing and link to where it is filled in; user text is printed literally everywhere."""

from __future__ import annotations

import hashlib
import html
import io
import re
import subprocess
import zipfile
from html.parser import HTMLParser

import docx
import pytest
from django.test import Client
from django.urls import reverse

from xieshang.paperwork.models import GeneratedDocument

from .conftest import HOSTILE, PDF, PNG, pdf, png

pytestmark = pytest.mark.usefixtures("storage_kind")

LITERAL = HOSTILE.replace("\x07", "")  # control characters cannot live in XML: they are dropped


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return "".join(parser.parts)


def docs(case) -> str:
    return reverse("paperwork:documents", args=[case.pk])


def with_hardship(client, case, description: str = HOSTILE) -> None:
    response = client.post(
        reverse("paperwork:materials", args=[case.pk]),
        {"reasons": ["unemployment"], "description": description},
    )
    assert response.status_code == 302


def test_page_lists_every_document_per_creditor_and_the_missing_data(client_in, case):
    text = client_in.get(docs(case)).content.decode()
    for name in ("application", "hardship", "financial_statement", "repayment_plan", "progress_report",
                 "collection_complaint", "credit_dispute", "evidence_index"):  # fmt: skip
        assert f'data-testid="doc-{name}"' in text
    application = text.split('data-testid="doc-application"', 1)[1].split("</article>", 1)[0]
    assert "某银行" in application  # the first creditor unless another is chosen
    chosen = client_in.get(docs(case), {"creditor": "某网贷平台"}).content.decode()
    application = chosen.split('data-testid="doc-application"', 1)[1].split("</article>", 1)[0]
    assert "某网贷平台" in application and "某银行" not in application
    assert 'name="creditor" value="某网贷平台"' in chosen.split('data-testid="package-card"', 1)[1]
    assert client_in.get(docs(case), {"creditor": "无此人"}).status_code == 404
    notes = text.split('data-testid="notes"', 1)[1].split("</section>", 1)[0]
    assert "尚未填写困难情况" in notes and reverse("paperwork:materials", args=[case.pk]) in notes
    assert "尚未保存拟提出的还款方案" in notes and reverse("plans:builder", args=[case.pk]) in notes
    assert "尚未填写收支表" in notes and reverse("budget:statement", args=[case.pk]) in notes
    assert "还没有生成过文书" in text


def test_preview_prints_user_text_literally_in_a_sandboxed_frame(client_in, case):
    with_hardship(client_in, case)
    response = client_in.get(reverse("paperwork:preview", args=[case.pk, "hardship"]), {"creditor": "某银行"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    frame = re.search(r'<iframe[^>]*\bsandbox\b[^>]*srcdoc="([^"]*)"', page)
    assert frame is not None
    document = html.unescape(frame.group(1))
    assert "<script>" not in document
    assert LITERAL in text_of(document)
    assert not GeneratedDocument.objects.exists()  # a preview is not a generated document


def test_preview_page_is_sandboxed_by_its_headers(client_in, case):
    with_hardship(client_in, case)
    url = reverse("paperwork:preview-page", args=[case.pk, "application"])
    response = client_in.get(url, {"creditor": "某网贷平台"})
    assert response.status_code == 200
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert LITERAL in text_of(response.content.decode())


def test_per_creditor_document_needs_a_creditor_when_there_are_several(client_in, case):
    response = client_in.get(reverse("paperwork:preview", args=[case.pk, "application"]))
    assert response.status_code == 302
    assert (
        client_in.get(
            reverse("paperwork:preview", args=[case.pk, "application"]), {"creditor": "无此人"}
        ).status_code
        == 404
    )
    assert client_in.get(reverse("paperwork:preview", args=[case.pk, "nonsense"])).status_code == 404
    # a document to all creditors needs none
    assert (
        client_in.get(reverse("paperwork:preview", args=[case.pk, "financial_statement"])).status_code == 200
    )


def test_docx_download_is_literal_and_recorded(client_in, case):
    with_hardship(client_in, case)
    url = reverse("paperwork:download", args=[case.pk, "hardship", "docx"])
    response = client_in.post(url, {"creditor": "某银行"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert LITERAL in body
    record = GeneratedDocument.objects.get()
    assert (record.document, record.creditor, record.format) == ("hardship", "某银行", "docx")
    assert record.sha256 == hashlib.sha256(response.content).hexdigest()
    history = client_in.get(docs(case)).content.decode().split('data-testid="history"', 1)[1]
    assert "困难情况说明" in history and record.sha256[:16] in history


def test_pdf_download_is_literal(client_in, case, tmp_path):
    with_hardship(client_in, case)
    response = client_in.post(
        reverse("paperwork:download", args=[case.pk, "application", "pdf"]), {"creditor": "某网贷平台"}
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    target = tmp_path / "a.pdf"
    target.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "<script>alert(1)</script>" in text and "{{ 7*7 }}" in text
    assert GeneratedDocument.objects.get().format == "pdf"


def test_id_number_is_masked_unless_chosen(client_in, case):
    case.id_number = "110101199001011234"
    case.save()
    url = reverse("paperwork:download", args=[case.pk, "application", "docx"])

    def body(data):
        response = client_in.post(url, data)
        return "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)

    masked = body({"creditor": "某银行"})
    assert "110101199001011234" not in masked and "110***********1234" in masked
    assert "110101199001011234" in body({"creditor": "某银行", "show_id": "1"})
    assert list(GeneratedDocument.objects.order_by("id").values_list("shows_id_number", flat=True)) == [
        False,
        True,
    ]


def test_package_holds_letters_materials_and_is_recorded(client_in, case):
    with_hardship(client_in, case)
    materials = reverse("paperwork:item", args=[case.pk, "id_card"])
    client_in.post(materials, {"id_card-obtained": "2026-03-01", "id_card-files": [png()]})
    contract = reverse("paperwork:item", args=[case.pk, "loan_contract"])
    client_in.post(contract, {"loan_contract-obtained": "2026-03-01", "loan_contract-files": [pdf()]})
    response = client_in.post(reverse("paperwork:package", args=[case.pk]), {"creditor": "某银行"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "01-协商还款申请书.docx" in names and "01-协商还款申请书.pdf" in names
    attached = {archive.read(n) for n in names if n.startswith("附件/")}
    assert attached == {PNG, PDF}
    body = "\n".join(
        p.text for p in docx.Document(io.BytesIO(archive.read("02-困难情况说明.docx"))).paragraphs
    )
    assert LITERAL in body
    package = GeneratedDocument.objects.get(format="zip")
    assert package.sha256 == hashlib.sha256(response.content).hexdigest() and package.creditor == "某银行"
    inner = GeneratedDocument.objects.exclude(format="zip")
    assert {(r.document, r.format) for r in inner} >= {("application", "docx"), ("application", "pdf")}
    for record in inner:
        assert hashlib.sha256(archive.read(record.filename)).hexdigest() == record.sha256
    assert set(package.members.all()) == set(inner)
    history = client_in.get(docs(case)).content.decode().split('data-testid="history"', 1)[1]
    assert package.sha256[:16] in history and f"含 {inner.count()} 个文书文件" in history


def test_package_for_unknown_creditor_and_other_users(client_in, case, django_user_model):
    assert (
        client_in.post(reverse("paperwork:package", args=[case.pk]), {"creditor": "无此人"}).status_code
        == 404
    )
    other = Client()
    other.force_login(django_user_model.objects.create(username="stranger"))
    assert other.get(docs(case)).status_code == 404
    assert other.post(reverse("paperwork:package", args=[case.pk]), {"creditor": "某银行"}).status_code == 404
    download = reverse("paperwork:download", args=[case.pk, "hardship", "docx"])
    assert other.post(download, {"creditor": "某银行"}).status_code == 404
    assert client_in.get(download).status_code == 405
    assert not GeneratedDocument.objects.exists()


def test_every_document_prints_the_ledgers_anchor_as_the_database_holds_it(client_in, case, tmp_path):
    """Two materials files make two ledger entries: the DOCX footer, the PDF footer and every letter of the
    package print "证据账本：2 条记录，链尾哈希 <head>" with the head the case row holds."""
    for item, upload in (("id_card", png()), ("loan_contract", pdf())):
        url = reverse("paperwork:item", args=[case.pk, item])
        client_in.post(url, {f"{item}-obtained": "2026-03-01", f"{item}-files": [upload]})
    case.refresh_from_db()
    line = f"证据账本：2 条记录，链尾哈希 {case.evidence_head}"
    assert case.evidence_entries == 2

    def footer(data: bytes) -> str:
        return " ".join(p.text for p in docx.Document(io.BytesIO(data)).sections[0].footer.paragraphs)

    letter = client_in.post(
        reverse("paperwork:download", args=[case.pk, "hardship", "docx"]), {"creditor": "某银行"}
    )
    assert line in footer(letter.content)
    printed = client_in.post(
        reverse("paperwork:download", args=[case.pk, "hardship", "pdf"]), {"creditor": "某银行"}
    )
    target = tmp_path / "h.pdf"
    target.write_bytes(printed.content)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert case.evidence_head in text.replace("\n", "")
    package = client_in.post(reverse("paperwork:package", args=[case.pk]), {"creditor": "某银行"})
    archive = zipfile.ZipFile(io.BytesIO(package.content))
    letters = [n for n in archive.namelist() if n.endswith(".docx")]
    assert letters and all(line in footer(archive.read(n)) for n in letters)
