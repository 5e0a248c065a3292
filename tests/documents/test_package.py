"""The negotiation package: one zip per creditor with letters, ready materials and a cover index."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from xieshang.core.errors import ValidationError
from xieshang.documents.context import DocumentInputs
from xieshang.documents.package import build_package

from .conftest import BANK

FILES = {
    "id_card": [("身份证 正面.JPG", b"id-front"), ("../../etc/passwd", b"id-back")],
    "bank_statement": [("流水.pdf", b"stale")],  # obtained 2026-08-01: expired on the package date
    "diagnosis": [("诊断.png", b"diag")],
}


def _package(inputs: DocumentInputs) -> tuple[zipfile.ZipFile, object]:
    package = build_package(inputs, BANK, FILES, formats=("docx",))
    return zipfile.ZipFile(io.BytesIO(package.data)), package


def test_the_zip_holds_letters_ready_materials_and_a_cover(inputs: DocumentInputs) -> None:
    archive, _ = _package(inputs)
    names = archive.namelist()
    assert names == [
        "00-材料清单.txt",
        "01-协商还款申请书.docx",
        "02-困难情况说明.docx",
        "03-个人财务状况说明.docx",
        "04-还款计划书.docx",
        "05-还款情况汇报.docx",
        "06-证据目录.docx",
        "附件/01-身份证（正反面复印件）-1.jpg",
        "附件/02-身份证（正反面复印件）-2.bin",
        "附件/03-诊断证明书.png",
    ]
    assert archive.read("附件/02-身份证（正反面复印件）-2.bin") == b"id-back"
    cover = archive.read("00-材料清单.txt").decode("utf-8")
    assert "银行流水（近6个月）（已过期）" in cover and "借款合同/借款协议（缺少）" in cover
    for name in names[1:]:
        assert f"{name}  {hashlib.sha256(archive.read(name)).hexdigest()}" in cover
    assert "不构成法律意见" in cover


def test_records_name_document_creditor_and_hash(inputs: DocumentInputs) -> None:
    archive, package = _package(inputs)
    records = package.records  # type: ignore[attr-defined]
    assert [r.document for r in records][:2] == ["application", "hardship"]
    assert all(r.creditor == BANK and r.generated_on == inputs.as_of for r in records)
    for record in records:
        assert hashlib.sha256(archive.read(record.filename)).hexdigest() == record.sha256


def test_the_same_inputs_give_the_same_bytes(inputs: DocumentInputs) -> None:
    first = build_package(inputs, BANK, FILES, formats=("docx",))
    second = build_package(inputs, BANK, FILES, formats=("docx",))
    assert first.sha256 == second.sha256


def test_pdf_and_docx_both_by_default(inputs: DocumentInputs) -> None:
    package = build_package(inputs, "示例网络小贷", {}, documents=["application"])
    names = zipfile.ZipFile(io.BytesIO(package.data)).namelist()
    assert names == ["00-材料清单.txt", "01-协商还款申请书.docx", "01-协商还款申请书.pdf"]
    assert package.filename == "协商材料-示例网络小贷-2026-11-28.zip"


def test_unknown_creditor_is_a_located_error(inputs: DocumentInputs) -> None:
    with pytest.raises(ValidationError) as info:
        build_package(inputs, "nobody")
    assert info.value.errors[0].path == "creditor"


def test_a_docx_rendered_a_second_later_has_the_same_bytes(inputs: DocumentInputs) -> None:
    """Zip entries carry a time stamp; rendering must not depend on the clock (the history keeps hashes)."""
    import time

    from xieshang.documents.context import build_context
    from xieshang.documents.render import render_docx

    context = build_context(inputs, BANK)
    first = render_docx("application", context)
    time.sleep(2.1)  # the zip format stores seconds / 2
    assert render_docx("application", context) == first
