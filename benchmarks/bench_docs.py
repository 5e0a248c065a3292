"""Negotiation package for the demo case: time to render every letter for every creditor, DOCX and PDF apart.

One package per creditor of the packaged demo case (``data/demo-case.yaml``), the letters of
``package_documents`` each rendered once per format. The baseline is the time to build the contexts alone
(the case's schedules, overdue status and true cost for each creditor), so the ratio shows what the template
engines add on top of the numbers.
"""

from __future__ import annotations

import time

from xieshang.casefile import load_case_text
from xieshang.documents.context import build_context, creditors
from xieshang.documents.package import build_package, package_documents
from xieshang.documents.render import render_docx, render_pdf
from xieshang.documents.sources import gather
from xieshang.reference import read_data_text


def _best(repeat: int, work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def run(quick: bool) -> list[dict[str, object]]:
    inputs = gather(load_case_text(read_data_text("demo-case.yaml"), "demo-case.yaml")).inputs
    names = creditors(inputs.case)
    letters = package_documents(inputs)
    repeat = 1 if quick else 3
    render_pdf("application", build_context(inputs, names[0]))  # warm up fonts and templates

    def contexts() -> None:
        for name in names:
            build_context(inputs, name)
            build_context(inputs, None)

    def render(renderer) -> None:  # type: ignore[no-untyped-def]
        for name in names:
            context = build_context(inputs, name)
            for letter in letters:
                renderer(letter, context)

    baseline = _best(repeat, contexts)
    docx = _best(repeat, lambda: render(render_docx))
    pdf = _best(repeat, lambda: render(render_pdf))
    full = _best(repeat, lambda: [build_package(inputs, name) for name in names])
    count = len(names) * len(letters)
    note = f"{len(names)} creditors × {len(letters)} letters = {count} documents; best of {repeat}"
    return [
        {
            "name": "docs: demo package, DOCX only",
            "value": docx,
            "unit": "s",
            "baseline": baseline,
            "ratio": docx / baseline,
            "note": note + "; baseline = contexts only",
        },
        {
            "name": "docs: demo package, PDF only",
            "value": pdf,
            "unit": "s",
            "baseline": baseline,
            "ratio": pdf / baseline,
            "note": note + "; baseline = contexts only",
        },
        {
            "name": "docs: demo package, zips (DOCX+PDF)",
            "value": full,
            "unit": "s",
            "baseline": docx + pdf,
            "ratio": full / (docx + pdf),
            "note": "whole zips per creditor; baseline = DOCX + PDF rendering",
        },
        {
            "name": "docs: PDF per document",
            "value": pdf / count,
            "unit": "s/doc",
            "baseline": None,
            "ratio": None,
            "note": "WeasyPrint with Noto CJK subset embedding",
        },
    ]
