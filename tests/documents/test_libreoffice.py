"""The DOCX letters opened by LibreOffice (headless, from the system packages) keep every amount and date of their
tables on one line.

LibreOffice lays a table out by its grid and cell widths; before the widths were set by what each column holds
(``scripts/build_templates.py``), "2025年12月10日" broke over two lines in the debt table and a 5-column table broke
amounts. The check reads the converted PDF with ``pdftotext -layout``: a table row whose cells all stayed on one
line is one text line holding every cell in order (spaces removed, as pdftotext spaces the columns and puts a gap
where Chinese meets digits). The PDFs and page images are kept under ``test-artifacts/documents/libreoffice``.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from xieshang.documents.context import DocumentInputs, build_context
from xieshang.documents.render import render_docx

from .conftest import ARTIFACTS

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice, Debian package libreoffice-writer-nogui) or pdftotext is not installed here; "
    ".ci/run installs both, so CI runs this test",
)

OUT = ARTIFACTS / "libreoffice"


def _convert(tmp_path: Path, letters: dict[str, bytes]) -> dict[str, list[str]]:
    """Every letter through ``soffice --convert-to pdf`` in one run; each PDF's text lines, spaces removed."""
    for name, data in letters.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    profile = tmp_path / "profile"  # its own LibreOffice profile: runs in parallel never share one
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *(str(tmp_path / f"{name}.docx") for name in letters),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    OUT.mkdir(parents=True, exist_ok=True)
    lines = {}
    for name in letters:
        pdf = tmp_path / f"{name}.pdf"
        shutil.copy(pdf, OUT / pdf.name)
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(pdf), str(OUT / name)], check=False
        )
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
        )
        lines[name] = ["".join(line.split()) for line in text.stdout.splitlines()]
    return lines


def _broken_rows(lines: list[str], rows: list[list[str]]) -> list[str]:
    """The rows (cells joined) found on no single line of the text."""
    return [row for row in ("".join(cells) for cells in rows) if not any(row in line for line in lines)]


def _schedule(context: dict[str, Any]) -> list[list[str]]:
    return [
        [r["period"], r["due_date"], r["payment"], r["charges"], r["balance"]]
        for r in context["plan"]["rows"]
    ]


def _debts(context: dict[str, Any]) -> list[list[str]]:
    return [[d["number"], d["start_date"], d["principal"], d["received"]] for d in context["debts"]]


def test_every_amount_and_date_of_the_demo_letters_stays_on_one_line(
    demo_inputs: DocumentInputs, tmp_path: Path
) -> None:
    """The demo's 还款计划书 to each of its six creditors (the schedule table: period, month, payment, interest,
    balance; the debt table: number, loan date, principal, amount received) and its 还款情况汇报 (payment dates and
    amounts)."""
    creditors = list(dict.fromkeys(debt.creditor for debt in demo_inputs.case.debts))
    contexts = {f"repayment_plan-{i}": build_context(demo_inputs, c) for i, c in enumerate(creditors)}
    reports = {f"progress_report-{i}": build_context(demo_inputs, c) for i, c in enumerate(creditors)}
    letters = {name: render_docx("repayment_plan", context) for name, context in contexts.items()}
    letters |= {name: render_docx("progress_report", context) for name, context in reports.items()}
    lines = _convert(tmp_path, letters)

    scheduled = sum(len(context["plan"]["rows"]) for context in contexts.values())
    assert scheduled > 100  # the demo's schedules: the check reads real rows, not an empty table
    for name, context in contexts.items():
        assert _broken_rows(lines[name], _schedule(context)) == [], name
        assert _broken_rows(lines[name], _debts(context)) == [], name
    paid = [
        (name, [[r["date"], r["amount"]] for r in context["payments"]]) for name, context in reports.items()
    ]
    assert sum(len(rows) for _, rows in paid) > 0
    for name, rows in paid:
        assert _broken_rows(lines[name], rows) == [], name


def test_the_widest_amounts_and_dates_a_column_is_made_for_stay_on_one_line(
    demo_inputs: DocumentInputs, tmp_path: Path
) -> None:
    """The widths are made for an amount up to 1,234,567.89 and a date like 2026年12月10日 in every table; the
    demo's schedule with its values replaced by those (a business loan of a million yuan) still keeps each row
    on one line, in the 5-column schedule and in the 8-column debt table (the one set at the smallest size)."""
    context = copy.deepcopy(build_context(demo_inputs, "某商业银行（经营贷）"))
    for row in context["plan"]["rows"][:24]:
        row.update(
            due_date="2026年12月10日", payment="1,234,567.89", charges="1,234,567.89", balance="1,234,567.89"
        )
    context["plan"]["rows"] = context["plan"]["rows"][:24]
    for debt in context["debts"]:
        debt.update(start_date="2025年12月10日", principal="1,234,567.89", received="1,234,567.89")
    lines = _convert(tmp_path, {"widest": render_docx("repayment_plan", context)})
    assert _broken_rows(lines["widest"], _schedule(context)) == []
    assert _broken_rows(lines["widest"], _debts(context)) == []
