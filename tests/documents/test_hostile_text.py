"""User text with HTML, Jinja syntax, Word XML metacharacters or control characters appears literally."""

from __future__ import annotations

import dataclasses
import re

import pytest

from xieshang.core.case import Borrower
from xieshang.core.disputes import CreditDispute, CreditRecord
from xieshang.core.materials import Catalog, Hardship, HardshipReason, Materials
from xieshang.documents.context import EvidenceRow, build_context
from xieshang.documents.render import DOCUMENTS, render_docx, render_html, render_pdf

from .conftest import BANK, sample_case, sample_inputs
from .text import docx_text, pdf_text

HOSTILE = [
    "<script>alert(1)</script>",
    "{{ borrower.id_number }}",
    "{% for x in debts %}X{% endfor %}",
    "{%p if 1 %}",
    "A&B<w:t>]]></w:p>",
    "&amp;&lt;",
]
CONTROL = "\x00\x07\x1b\x0b"


def _hostile_inputs(catalog: Catalog):  # type: ignore[no-untyped-def]
    base = sample_case()
    text = " ".join(HOSTILE)
    borrower = Borrower(
        name="王五" + HOSTILE[0] + CONTROL,
        id_number="110101199001011234",
        phone="13812345678",
        email="a@b.cn",
        address=HOSTILE[4] + CONTROL,
    )
    debts = tuple(dataclasses.replace(d, id=d.id + HOSTILE[5]) for d in base.debts)
    materials = Materials(Hardship((HardshipReason.OTHER,), text + CONTROL + "\n第二段" + HOSTILE[1]))
    dispute = CreditDispute(BANK, CreditRecord(BANK, text + " 完", text + " 完"), proofs=(HOSTILE[1],))
    case = dataclasses.replace(base, borrower=borrower, debts=debts, materials=materials, disputes=(dispute,))
    inputs = sample_inputs(catalog, case)
    return dataclasses.replace(
        inputs,
        evidence=(EvidenceRow(1, HOSTILE[2], HOSTILE[3], "2026", HOSTILE[4], HOSTILE[0]),),
        progress=(text,),
    )


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_hostile_text_is_printed_literally_everywhere(name: str, catalog: Catalog) -> None:
    context = build_context(_hostile_inputs(catalog), BANK)
    docx = docx_text(render_docx(name, context))
    pdf = _squash(pdf_text(render_pdf(name, context)))
    html = render_html(name, context)
    assert (
        "110***********1234" in docx or name == "evidence_index"
    )  # the {{ }} in user text was not evaluated
    assert "110101199001011234" not in docx + pdf
    for raw in ("王五<script>alert(1)</script>",):
        if name != "evidence_index":
            assert raw in docx and _squash(raw) in pdf
    assert "<script>" not in html and "&lt;script&gt;" in html
    for char in CONTROL:
        assert char not in docx and char not in html


def test_every_hostile_string_survives_in_the_documents_that_show_it(catalog: Catalog) -> None:
    context = build_context(_hostile_inputs(catalog), BANK)
    hardship = docx_text(render_docx("hardship", context))
    evidence = docx_text(render_docx("evidence_index", context))
    pdf = _squash(pdf_text(render_pdf("credit_dispute", context)))
    for raw in HOSTILE:
        assert raw in hardship
        assert _squash(raw) in pdf
    assert all(HOSTILE[i] in evidence for i in (0, 2, 3, 4))
    assert "A&B<w:t>]]></w:p>" in docx_text(render_docx("application", context))  # the address
