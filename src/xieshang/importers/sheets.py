"""Spreadsheet bills (.xlsx via openpyxl, legacy .xls via xlrd) as rows of cells, like CSV rows."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any

from xieshang.bounds import Deadline, InputRefused, check_spreadsheet

from .errors import BillImportError

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
EXCEL_EPOCH = datetime(1899, 12, 30)  # noqa: DTZ001 - Excel serial dates are naive


def is_xlsx(data: bytes) -> bool:
    return data.startswith(XLSX_MAGIC)


def is_xls(data: bytes) -> bool:
    return data.startswith(XLS_MAGIC)


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    return value


def check_size(data: bytes) -> None:
    """Refuse a workbook that unpacks too far or holds too many cells before any parser opens it
    (:func:`xieshang.bounds.check_spreadsheet`); the importers call it first."""
    try:
        check_spreadsheet(data)
    except InputRefused as error:
        raise BillImportError(str(error).partition(" / ")[0]) from None


def _rows(sheet: Any, deadline: Deadline) -> list[list[Any]]:
    rows = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number % 1000 == 0:
            deadline.check(f"第 {number} 行")
        rows.append([_cell(v) for v in row])
    return rows


def xlsx_sheets(data: bytes) -> list[tuple[str, list[list[Any]]]]:
    """Every sheet of an .xlsx workbook as (name, rows), the active sheet first; strings stripped, empty cells ``""``."""
    import openpyxl

    check_size(data)
    deadline = Deadline()

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError, EOFError) as error:
        raise BillImportError(f"Excel 文件已损坏或不完整（{type(error).__name__}），无法打开") from None
    except Exception as error:  # openpyxl raises many types on damaged files
        raise BillImportError(f"Excel 文件无法读取（{type(error).__name__}）") from None
    try:
        active = workbook.active.title if workbook.active is not None else ""
        ordered = sorted(workbook.worksheets, key=lambda ws: ws.title != active)  # the sheet shown first
        sheets = [(ws.title, _rows(ws, deadline)) for ws in ordered]
    except InputRefused as error:
        raise BillImportError(str(error).partition(" / ")[0]) from None
    except Exception as error:
        raise BillImportError(f"Excel 文件内容已损坏（{type(error).__name__}）") from None
    finally:
        workbook.close()
    return sheets


def xls_sheets(data: bytes) -> list[tuple[str, list[list[Any]]]]:
    """Every sheet of a legacy .xls (BIFF) workbook as (name, rows)."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data)
        return [
            (sheet.name, [[_cell(v) for v in sheet.row_values(i)] for i in range(sheet.nrows)])
            for sheet in book.sheets()
        ]
    except Exception as error:  # xlrd raises XLRDError, struct.error, IndexError … on damaged files
        raise BillImportError(f"Excel(.xls) 文件已损坏或不完整（{type(error).__name__}），无法打开") from None


def workbook_sheets(data: bytes) -> list[tuple[str, list[list[Any]]]]:
    if is_xlsx(data):
        return xlsx_sheets(data)
    if is_xls(data):
        return xls_sheets(data)
    raise BillImportError("不是 Excel 文件")


def holds_header(rows: list[list[Any]], required: Sequence[str], scan: int = 80) -> bool:
    """Whether one of the first ``scan`` rows has every ``required`` column name."""
    return any(all(name in row for name in required) for row in as_text_rows(rows[:scan]))


def bill_sheet(
    data: bytes, required: Sequence[str], what: str
) -> tuple[str, list[list[Any]], tuple[str, ...]]:
    """The sheet that holds the bill (a row with every ``required`` name; the active sheet first when several
    do), and a warning naming the workbook's other sheets that have content. ``what`` names the bill in the
    error when no sheet holds it."""
    sheets = workbook_sheets(data)
    found = [(name, rows) for name, rows in sheets if holds_header(rows, required)]
    if not found:
        raise BillImportError(f"Excel 文件里找不到{what}的表头（{'、'.join(required[:4])}…）")
    name, rows = found[0]
    others = [n for n, r in sheets if n != name and any(any(str(c).strip() for c in row) for row in r)]
    if not others:
        return name, rows, ()
    note = f"工作簿有 {len(others) + 1} 张表，读取了“{name}”（账单所在的表），未读取：{'、'.join(others)}"
    return name, rows, (note,)


def as_text_rows(rows: list[list[Any]]) -> Iterator[list[str]]:
    """Rows with every cell as text (numbers as written, dates ISO) for header search and preamble lines."""
    for row in rows:
        yield [v if isinstance(v, str) else ("" if v == "" else str(v)) for v in row]


def excel_time(value: Any) -> Any:
    """An Excel serial date number to ``datetime``; anything else unchanged."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        return EXCEL_EPOCH + timedelta(days=float(value))
    return value
