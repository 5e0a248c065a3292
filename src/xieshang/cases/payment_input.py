"""Payments typed in or imported from CSV, validated by the case file's rules before anything is saved.

A CSV has one payment a line: ``date,amount[,note]`` (a header line is allowed; UTF-8 or GB18030).
Errors name the line and the column; one bad line means nothing is saved.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from . import core_messages, debt_writes
from .models import Debt

COLUMNS = ("date", "amount", "note")
MAX_ROWS = 20_000


@dataclass(frozen=True)
class CsvRow:
    line: int  # 1-based line number in the file
    values: dict[str, str]


class PaymentInputError(Exception):
    """Problems located by row (``row`` is the CSV line, or the position in the list when typed in)."""

    def __init__(self, problems: list[tuple[int | None, str, str]]) -> None:
        self.problems = problems  # (line, field, message)
        super().__init__("; ".join(m for _, _, m in problems))

    def lines(self) -> list[str]:
        out = []
        for line, field, message in self.problems:
            where = _("第 %(line)d 行") % {"line": line} if line is not None else ""
            column = _column_label(field)
            out.append(" ".join(part for part in (where, column, message) if part))
        return out

    def field_messages(self, first_row: int = 0) -> list[tuple[str, str]]:
        return [(field, message) for _, field, message in self.problems]


def _column_label(field: str) -> str:
    return {"date": _("日期"), "amount": _("金额"), "note": _("备注")}.get(field, field)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PaymentInputError([(None, "", _("无法识别文件编码，请另存为 UTF-8 的 CSV。"))])


def read_payment_csv(data: bytes) -> list[CsvRow]:
    """The rows of a payments CSV; a header line (no digit in its first cell) is skipped."""
    text = _decode(data)
    rows: list[CsvRow] = []
    problems: list[tuple[int | None, str, str]] = []
    for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if not rows and not problems and not any(ch.isdigit() for ch in cells[0]):
            continue  # header
        if len(cells) < 2 or len(cells) > 3:
            problems.append(
                (number, "", _("应有 2 或 3 列：日期,金额[,备注]，这一行有 %(n)d 列。") % {"n": len(cells)})
            )
            continue
        rows.append(CsvRow(number, {k: v for k, v in zip(COLUMNS, cells, strict=False) if v}))
    if problems:
        raise PaymentInputError(problems)
    if not rows:
        raise PaymentInputError([(None, "", _("文件里没有还款记录。"))])
    if len(rows) > MAX_ROWS:
        raise PaymentInputError([(None, "", _("一次最多导入 %(n)d 行。") % {"n": MAX_ROWS})])
    return rows


def add_payments(debt: Debt, rows: Sequence[dict[str, Any]], lines: Sequence[int] | None = None) -> int:
    """Append payments to ``debt`` after the case file's rules accept the whole debt; all or nothing.

    The debt's stored payments are read under the case's lock (:func:`.debt_writes.add_payments`), so two
    people recording payments at the same moment both keep theirs.
    """
    try:
        debt_writes.add_payments(debt.case_id, debt.pk, rows)
    except debt_writes.PaymentsRefused as error:
        existing = error.stored
        problems: list[tuple[int | None, str, str]] = []
        for problem in error.errors:
            index, field = _payment_position(problem.path)
            line: int | None = None
            if index is not None and index >= existing:
                k = index - existing
                line = (
                    lines[k]
                    if lines is not None and k < len(lines)
                    else (k + 1 if lines is not None else None)
                )
            problems.append((line, field, core_messages.message(problem)))
        raise PaymentInputError(problems) from None
    return len(rows)


def _payment_position(path: str) -> tuple[int | None, str]:
    """``payments[3].amount`` → (3, "amount")."""
    if not path.startswith("payments["):
        return None, ""
    head, _sep, rest = path.partition("]")
    try:
        index = int(head[len("payments[") :])
    except ValueError:
        return None, ""
    return index, rest.lstrip(".")
