"""Documents as plain text for golden comparisons: python-docx for DOCX (tables too), pdftotext for PDF."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from xieshang.core.chinese_dates import capital_date, chinese_date


def docx_text(data: bytes) -> str:
    """Body paragraphs and table rows (cells joined by " | ") in document order, then the footer."""
    document = Document(io.BytesIO(data))
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines).strip() + "\n"


def pdf_text(data: bytes) -> str:
    """``pdftotext -layout``, trailing spaces and form feeds removed."""
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    text = result.stdout.decode("utf-8").replace("\f", "\n")
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def normalise_dates(text: str, document_date: date) -> str:
    """The document's own date (the day it is made) as <日期>, so goldens survive a change of the case date."""
    for form in (capital_date(document_date), chinese_date(document_date)):
        text = text.replace(form, "<日期>")
    return text
