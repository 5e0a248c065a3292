"""Spreadsheet cells that hold a person's or a third party's text stay text (see :mod:`xieshang.core.formulas`).

openpyxl writes a string that begins with ``=`` as a formula; Excel, WPS and LibreOffice would also take a
cell typed ``+``, ``-`` or ``@`` as the start of one once it is edited. :func:`keep_as_text` marks every such
string cell of a workbook as text, with Excel's quote prefix (the ``'`` shown in the formula bar), just before
the workbook is saved: every exporter calls it, so no bill's merchant name or transfer note becomes live.
"""

from __future__ import annotations

from typing import Any

from xieshang.core.formulas import looks_like_formula


def keep_as_text(workbook: Any) -> int:
    """Mark every string cell that starts like a formula as text; how many were marked."""
    marked = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and looks_like_formula(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    marked += 1
    return marked
