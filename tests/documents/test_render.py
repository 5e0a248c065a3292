"""Golden tests: every document, as DOCX and as PDF, converted to text, equals its reviewed golden file.

Two cases: ``demo`` is the packaged demo case (``data/demo-case.yaml`` read by ``xieshang.casefile`` and gathered
as the CLI does), ``full`` the constructed case of ``conftest.py`` that fills every section of every document.

Refresh with ``pytest tests/documents --update-golden``, then read every changed file under ``golden/``.
The document date is normalised to ``<日期>``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xieshang.core.errors import ValidationError
from xieshang.documents.context import DocumentInputs, build_context
from xieshang.documents.render import DOCUMENTS, render_docx, render_html, render_pdf
from xieshang.view import CaseView

from .conftest import BANK, GOLDEN
from .text import docx_text, normalise_dates, pdf_text


def _check(path: Path, text: str, update: bool) -> None:
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not update:
            pytest.fail(f"wrote new golden file {path.name}: review it and run again")
    assert text == path.read_text(encoding="utf-8")


DEMO_CREDITOR = "某网络借贷平台"


def _cases(inputs: DocumentInputs, demo: DocumentInputs) -> dict[str, tuple[DocumentInputs, str]]:
    return {"full": (inputs, BANK), "demo": (demo, DEMO_CREDITOR)}


@pytest.mark.parametrize("which", ["demo", "full"])
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_docx_matches_golden(
    name: str, which: str, inputs: DocumentInputs, demo_inputs: DocumentInputs, update_golden: bool
) -> None:
    chosen, creditor = _cases(inputs, demo_inputs)[which]
    context = build_context(chosen, creditor if DOCUMENTS[name].per_creditor else None)
    text = normalise_dates(docx_text(render_docx(name, context)), chosen.as_of)
    _check(GOLDEN / which / f"{name}.docx.txt", text, update_golden)


@pytest.mark.parametrize("which", ["demo", "full"])
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_pdf_matches_golden(
    name: str, which: str, inputs: DocumentInputs, demo_inputs: DocumentInputs, update_golden: bool
) -> None:
    chosen, creditor = _cases(inputs, demo_inputs)[which]
    context = build_context(chosen, creditor if DOCUMENTS[name].per_creditor else None)
    text = normalise_dates(pdf_text(render_pdf(name, context)), chosen.as_of)
    _check(GOLDEN / which / f"{name}.pdf.txt", text, update_golden)


def test_every_document_closes_with_the_reference_note(inputs: DocumentInputs) -> None:
    context = build_context(inputs, BANK)
    for name in DOCUMENTS:
        assert (
            docx_text(render_docx(name, context))
            .rstrip()
            .endswith("不构成法律意见。提交前请核对全部内容，并亲笔签名。")
        )
        assert "仅供参考，不构成法律意见" in render_html(name, context)


def test_amounts_appear_in_figures_and_capitals_and_the_id_is_masked(inputs: DocumentInputs) -> None:
    """card-1: principal 30,000.00 → 人民币叁万元整."""
    text = docx_text(render_docx("application", build_context(inputs, BANK)))
    assert "合同本金合计人民币30,000.00元（大写：人民币叁万元整）" in text
    assert "110***********1234" in text and "110101199001011234" not in text


def test_missing_data_is_said_not_invented(catalog: object) -> None:
    from .conftest import sample_case

    bare = DocumentInputs(CaseView(sample_case(), inputs_date()))
    context = build_context(bare, BANK)
    assert "（尚未制定还款方案）" in docx_text(render_docx("application", context))
    assert "（尚未填写收支情况）" in docx_text(render_docx("financial_statement", context))
    assert "（证据库中尚无证据）" in docx_text(render_docx("evidence_index", context))
    assert "（尚未填写异议事项" in docx_text(render_docx("credit_dispute", context))


def inputs_date():  # type: ignore[no-untyped-def]
    from .conftest import AS_OF

    return AS_OF


def test_unknown_document_is_a_located_error(inputs: DocumentInputs) -> None:
    with pytest.raises(ValidationError) as info:
        render_docx("letter", build_context(inputs))
    assert info.value.errors[0].path == "document"
