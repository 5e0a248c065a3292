"""The closing note of a letter never sits alone on its last page: it keeps with the signature block, and the
signature with the text before it.

The sample case's 协商还款申请书 is the reproducer: its body fills page 1 exactly, and the one-line disclaimer used
to fall alone onto page 2 (seen in the rendered PDF). Each page of every document is read separately with
``pdftotext -f N -l N``: the page that holds the note must also hold the signature line (签字) and at least one
line of the letter's body above it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from xieshang.documents.context import DocumentInputs, build_context
from xieshang.documents.render import DOCUMENTS, render_pdf

from .conftest import BANK

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-case.yaml"
XIESHANG = str(Path(sys.executable).with_name("xieshang"))
NOTE_START = "本文书由"
CREDITOR = ("--creditor", "某某消费金融有限公司", "--format", "pdf")


def _pages(pdf: Path) -> list[list[str]]:
    count = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    pages = []
    for number in range(1, count + 1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        pages.append([line.strip() for line in text.splitlines() if line.strip()])
    return pages


def _assert_note_keeps_company(pdf: Path) -> None:
    pages = _pages(pdf)
    holding = [lines for lines in pages if any(line.startswith(NOTE_START) for line in lines)]
    assert len(holding) == 1, pages
    lines = holding[0]
    signature = next((i for i, line in enumerate(lines) if "签字" in line), None)
    assert signature is not None, f"the note is on a page without the signature: {lines}"
    body = [line for line in lines[:signature] if "页" not in line]  # the page number is not body text
    assert body, f"the signature and the note are alone on their page: {lines}"


def test_sample_application_keeps_its_note_with_the_signature(tmp_path: Path) -> None:
    pdf = tmp_path / "application.pdf"
    done = subprocess.run(
        [XIESHANG, "docs", "render", str(EXAMPLE), "--document", "application", *CREDITOR, "-o", str(pdf)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert len(_pages(pdf)) == 2  # the case that used to leave the note alone on page 2
    _assert_note_keeps_company(pdf)


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_document_keeps_its_note_with_the_signature(
    name: str, inputs: DocumentInputs, tmp_path: Path
) -> None:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(render_pdf(name, build_context(inputs, BANK if DOCUMENTS[name].per_creditor else None)))
    _assert_note_keeps_company(pdf)
