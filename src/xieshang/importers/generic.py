"""Any CSV or Excel bill through a column mapping the user makes once, saves and re-uses.

A mapping names the columns (as the header writes them) holding the time, the amount (one signed column, or a
收入 and a 支出 column, or an amount plus a column saying 收入/支出) and, optionally, counterparty, description,
category and order number. The header row is found by those names, so a later export with a longer or
shorter preamble reads the same way.

The mapping is written as JSON by ``ColumnMapping.to_dict`` (``xieshang import FILE --mapping M.json``; the web
app saves it in the case), for example::

    {"time": "交易日期", "income": "收入金额", "expense": "支出金额", "counterparty": "对方户名",
     "description": "摘要", "name": "my_bank"}

Keys: ``time`` (required), ``amount`` (one column: negative = spending unless ``direction`` says otherwise) or
``income``/``expense`` (two columns), ``direction`` with ``income_values``/``expense_values`` (the words that
column uses, default 收入/支出; other words are neutral), ``counterparty``, ``description``, ``category``,
``order_id`` (for recognising the same row in overlapping exports), ``name`` (the source name shown).

A cell that does not fit its column is an error naming the row and the column's role
(``第 3 行：金额列“交易金额”：不是金额（'abc'）``); nothing of the file is imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from xieshang.core.errors import FieldError, ValidationError
from xieshang.core.transactions import Direction, ImportResult, Transaction

from .errors import BillImportError
from .sheets import as_text_rows, excel_time, is_xls, is_xlsx, workbook_sheets
from .table import collect
from .text import Header, amount, blank, find_header, find_header_in_rows, iter_csv, parse_time, signed_amount

ROLE_LABELS = {
    "time": "日期时间",
    "amount": "金额",
    "income": "收入金额",
    "expense": "支出金额",
    "direction": "收支方向",
    "counterparty": "交易对方",
    "description": "说明",
    "category": "分类",
    "order_id": "单号",
}


class MappingError(BillImportError):
    """A cell that does not fit the role the mapping gave its column; ``role`` is a ColumnMapping field name."""

    def __init__(self, message: str, row: int | None, role: str) -> None:
        super().__init__(message, row)
        self.role = role


@dataclass(frozen=True)
class ColumnMapping:
    """Where each field is in a user's bill. Column names as in the file's header row."""

    time: str
    amount: str = ""
    income: str = ""
    expense: str = ""
    direction: str = ""
    income_values: tuple[str, ...] = ("收入",)
    expense_values: tuple[str, ...] = ("支出",)
    counterparty: str = ""
    description: str = ""
    category: str = ""
    order_id: str = ""
    name: str = "generic"

    @property
    def columns(self) -> tuple[str, ...]:
        names = (self.time, self.amount, self.income, self.expense, self.direction)
        optional = (self.counterparty, self.description, self.category, self.order_id)
        return tuple(n for n in (*names, *optional) if n)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value != f.default:
                out[f.name] = list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "mapping") -> ColumnMapping:
        """Read a saved mapping; problems are located (``mapping.time: 必填``)."""
        if not isinstance(data, Mapping):
            raise ValidationError("应为映射（键: 列名）", path)
        known = {f.name for f in fields(cls)}
        errors = [FieldError(f"{path}.{key}", "未知字段") for key in data if key not in known]
        values: dict[str, Any] = {}
        for key in known & set(data):
            value = data[key]
            if key in ("income_values", "expense_values"):
                if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                    errors.append(FieldError(f"{path}.{key}", "应为文字列表"))
                    continue
                values[key] = tuple(v.strip() for v in value)
            elif not isinstance(value, str):
                errors.append(FieldError(f"{path}.{key}", "应为列名（文字）"))
            else:
                values[key] = value.strip()
        if not values.get("time"):
            errors.append(FieldError(f"{path}.time", "必填：日期或时间所在的列"))
        if not (values.get("amount") or values.get("income") or values.get("expense")):
            errors.append(FieldError(f"{path}.amount", "必填：金额列，或收入列/支出列"))
        if errors:
            raise ValidationError(errors)
        return cls(**values)


def _header(data: bytes, columns: Sequence[str]) -> Header:
    if is_xlsx(data) or is_xls(data):
        sheets = workbook_sheets(data)
        if not sheets:
            raise BillImportError("Excel 文件里没有工作表")
        return find_header_in_rows(sheets[0][1], columns)
    return find_header(iter_csv(data), columns)


def preview_rows(data: bytes, limit: int = 15) -> list[list[str]]:
    """The first ``limit`` rows of a CSV or of an Excel file's first sheet, every cell as text.

    Raises :class:`BillImportError` when the file is not a readable table (empty, binary, damaged).
    """
    if not data.strip():
        raise BillImportError("文件是空的")
    if is_xlsx(data) or is_xls(data):
        sheets = workbook_sheets(data)
        if not sheets:
            raise BillImportError("Excel 文件里没有工作表")
        rows = list(as_text_rows(sheets[0][1][:limit]))
    else:
        rows = []
        for row in iter_csv(data):
            rows.append(row)
            if len(rows) >= limit:
                break
    return [_trim(r) for r in rows]


def _trim(row: Sequence[str]) -> list[str]:
    cells = [str(c).strip() for c in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def guess_header_row(rows: Sequence[Sequence[str]]) -> int:
    """The 1-based row most likely to be the header: the first of the widest rows whose cells are words, not
    numbers or dates (``0`` when there is nothing to choose)."""
    width = max((len([c for c in r if c]) for r in rows), default=0)
    if width < 2:
        return 0
    for number, row in enumerate(rows, start=1):
        cells = [c for c in row if c]
        if len(cells) >= max(2, width - 1) and not any(any(ch.isdigit() for ch in c[:4]) for c in cells):
            return number
    return 1


def header_matches(data: bytes, header: Sequence[str], scan: int = 40) -> bool:
    """Whether a file has ``header`` (a saved mapping's header row) among its first ``scan`` rows."""
    wanted = _trim(header)
    try:
        return any(row == wanted for row in preview_rows(data, scan))
    except BillImportError:
        return False


def parse_with_mapping(data: bytes, mapping: ColumnMapping) -> ImportResult:
    """Read a bill through ``mapping``."""
    header = _header(data, mapping.columns)
    columns = header.columns
    m = mapping

    def cell(row: Sequence[Any], name: str) -> Any:
        return row[columns[name]] if name else ""

    def text(row: Sequence[Any], name: str) -> str:
        value = cell(row, name)
        return blank(str(value).strip()) if value not in (None, "") else ""

    def convert(row: Sequence[Any], number: int) -> Transaction | str | None:
        try:
            return read(row, number)
        except MappingError:
            raise
        except BillImportError as error:
            role = _role_of(error.message, m)
            label = ROLE_LABELS.get(role, "")
            column = getattr(m, role, "") if role else ""
            problem = error.message.split("：", 1)[0].replace(f"“{column}”", "") if column else ""
            reason = {"为空": "为空", "不是金额": "不是金额", "不是日期时间": "不是日期或时间"}.get(
                problem, ""
            )
            if not (label and reason):
                raise
            value = error.message.split("：", 1)[1] if "：" in error.message else ""
            detail = f"（{value}）" if value else ""
            raise MappingError(f"{label}列“{column}”：{reason}{detail}", number, role) from None

    def read(row: Sequence[Any], number: int) -> Transaction | str | None:
        if m.income or m.expense:
            into = cell(row, m.income) if m.income else ""
            out = cell(row, m.expense) if m.expense else ""
            into_value = amount(into, number, m.income) if blank(str(into).strip()) else None
            out_value = amount(out, number, m.expense) if blank(str(out).strip()) else None
            if into_value:
                value, direction = into_value, Direction.INCOME
            elif out_value:
                value, direction = out_value, Direction.EXPENSE
            else:
                return "金额为空或为 0"
        else:
            signed = signed_amount(cell(row, m.amount), number, m.amount)
            value = abs(signed)
            if m.direction:
                word = text(row, m.direction)
                if word in m.income_values:
                    direction = Direction.INCOME
                elif word in m.expense_values:
                    direction = Direction.EXPENSE
                else:
                    direction = Direction.NEUTRAL
            else:
                direction = Direction.EXPENSE if signed < 0 else Direction.INCOME
            if value == 0:
                return "金额为 0"
        return Transaction(
            source=m.name or "generic",
            order_id=text(row, m.order_id),
            time=parse_time(excel_time(cell(row, m.time)), number, m.time),
            amount=value,
            direction=direction,
            counterparty=text(row, m.counterparty),
            description=text(row, m.description),
            platform_category=text(row, m.category),
            row=number,
        )

    return collect("generic", header, convert)


def _role_of(message: str, mapping: ColumnMapping) -> str:
    """Which mapping role a reader message (``“交易金额”不是金额：…``) is about."""
    for role in ("time", "amount", "income", "expense"):
        column = getattr(mapping, role)
        if column and message.startswith(f"“{column}”"):
            return role
    return ""
