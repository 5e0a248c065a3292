"""Negotiation package for the demo case: time to render every letter for every creditor, DOCX and PDF apart.

One package per creditor of the packaged demo case (``data/demo-case.yaml``), the letters of
``package_documents`` each rendered once per format, the PDFs the way a package makes them (one
``PdfWriter`` per package where the code has it: stylesheet and fonts set up once; else ``render_pdf`` each).
The PDF baseline is the same number of minimal one-page CJK PDFs (one paragraph in Noto Serif CJK) rendered by
WeasyPrint in the same process with its defaults; the DOCX baseline is the contexts alone (the case's schedules,
overdue status and true cost for each creditor).

Scaling rows: cases of 2 / 5 / 20 creditors (quick: 1 / 2 / 4), each creditor the demo's first with its debts,
every creditor's package rendered as PDFs; time per PDF.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pypdf import PdfReader
from weasyprint import HTML

from benchmarks import scaling_row
from xieshang.casefile import load_case_text
from xieshang.documents.context import DocumentInputs, build_context, creditors
from xieshang.documents.package import build_package, package_documents
from xieshang.documents.render import DOCUMENTS, render_docx, render_pdf
from xieshang.documents.sources import gather
from xieshang.reference import read_data_text
from xieshang.view import CaseView

try:
    from xieshang.documents.render import PdfWriter, pdf_html
except ImportError:  # the code before the package-wide set-up: the benchmark measures its way
    PdfWriter = None  # type: ignore[assignment,misc]

MINIMAL = "<html><body style=\"font-family: 'Noto Serif CJK SC'\"><p>协商还款申请书：请贵方予以理解和支持。</p></body></html>"


def _best(repeat: int, work: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def package_pdfs(inputs: DocumentInputs, name: str, letters: list[str]) -> int:
    """The PDFs of ``name``'s package, made as the package makes them; how many."""
    contexts = {True: build_context(inputs, name), False: build_context(inputs, None)}
    if PdfWriter is None:
        for letter in letters:
            render_pdf(letter, contexts[DOCUMENTS[letter].per_creditor])
        return len(letters)
    pages = {letter: pdf_html(letter, contexts[DOCUMENTS[letter].per_creditor]) for letter in letters}
    writer = PdfWriter(pages.values())
    for letter in letters:
        writer.write(letter, pages[letter])
    return len(letters)


def package_pages(inputs: DocumentInputs, name: str, letters: list[str]) -> int:
    """How many pages the PDFs of ``name``'s package have (a letter with a table may be two)."""
    contexts = {True: build_context(inputs, name), False: build_context(inputs, None)}
    return sum(
        len(PdfReader(io.BytesIO(render_pdf(letter, contexts[DOCUMENTS[letter].per_creditor]))).pages)
        for letter in letters
    )


def with_creditors(inputs: DocumentInputs, count: int) -> DocumentInputs:
    """The demo case with ``count`` creditors, each the first creditor with its debts under another name."""
    first = creditors(inputs.view)[0]
    debts = [d for d in inputs.case.debts if (d.creditor or d.id) == first]
    many = tuple(
        replace(d, id=f"{d.id}-{n}", creditor=f"{d.creditor or d.id}（{n}）")
        for n in range(1, count + 1)
        for d in debts
    )
    return replace(inputs, view=inputs.view.with_case(replace(inputs.case, debts=many)))


def run(quick: bool) -> list[dict[str, object]]:
    inputs = gather(CaseView.of(load_case_text(read_data_text("demo-case.yaml"), "demo-case.yaml"))).inputs
    names = creditors(inputs.view)
    letters = package_documents(inputs)
    repeat = 1 if quick else 2
    render_pdf("application", build_context(inputs, names[0]))  # warm up fonts and templates
    HTML(string=MINIMAL).write_pdf()

    def contexts() -> None:
        for name in names:
            build_context(inputs, name)
            build_context(inputs, None)

    def docx() -> None:
        for name in names:
            context = {True: build_context(inputs, name), False: build_context(inputs, None)}
            for letter in letters:
                render_docx(letter, context[DOCUMENTS[letter].per_creditor])

    count = len(names) * len(letters)
    baseline = _best(repeat, contexts)
    docx_time = _best(repeat, docx)
    pdf = _best(repeat, lambda: [package_pdfs(inputs, name, letters) for name in names])
    minimal = _best(repeat, lambda: [HTML(string=MINIMAL).write_pdf() for _ in range(count)])
    full = _best(repeat, lambda: [build_package(inputs, name) for name in names])
    pages = sum(package_pages(inputs, name, letters) for name in names)
    way = "one PdfWriter per package" if PdfWriter is not None else "render_pdf per PDF"
    note = f"{len(names)} creditors × {len(letters)} letters = {count} documents; best of {repeat}"
    rows: list[dict[str, object]] = [
        {
            "name": "docs: demo package, DOCX only",
            "value": docx_time,
            "unit": "s",
            "baseline": baseline,
            "ratio": docx_time / baseline,
            "note": note + "; baseline = contexts only",
        },
        {
            "name": "docs: demo package, PDF only",
            "value": pdf,
            "unit": "s",
            "baseline": minimal,
            "ratio": pdf / minimal,
            "note": f"{note}; {way}; baseline = {count} minimal one-page CJK PDFs, same library and process",
        },
        {
            "name": "docs: demo package, zips (DOCX+PDF)",
            "value": full,
            "unit": "s",
            "baseline": docx_time + pdf,
            "ratio": full / (docx_time + pdf),
            "note": "whole zips per creditor; baseline = DOCX + PDF rendering",
        },
        {
            "name": "docs: PDF per document",
            "value": pdf / count,
            "unit": "s/doc",
            "baseline": minimal / count,
            "ratio": pdf / minimal,
            "note": "WeasyPrint with Noto CJK subset embedding; baseline = a minimal one-page CJK PDF",
        },
        {
            # The letters are not one page each: the floor per page is fairer to a two-page letter, and it is
            # not the target (that is per PDF, the row above)
            "name": "docs: PDF per page",
            "value": pdf / pages,
            "unit": "s/page",
            "baseline": minimal / count,
            "ratio": pdf / pages / (minimal / count),
            "note": f"{pages} pages in {count} PDFs; baseline = a minimal one-page CJK PDF",
        },
    ]
    for size in (1, 2, 4) if quick else (2, 5, 20):
        many = with_creditors(inputs, size)
        started = time.perf_counter()
        made = sum(package_pdfs(many, name, package_documents(many)) for name in creditors(many.view))
        spent = time.perf_counter() - started
        note = f"{made} PDFs in {spent:.1f}s; {way}"
        rows.append(
            scaling_row("documents", f"package PDFs, {size} creditors", size, spent, made, "PDF", "s", note)
        )
    return rows
