"""The negotiation plan as an Excel workbook (协商还款计划.xlsx).

Sheets: ``汇总 Summary`` (the plan's figures and one row per creditor), ``逐月 Monthly`` (every month: the
payment to each creditor and the total), then one sheet per creditor (its payments, interest and the balance
after each month). Creditors, options and the strategy are named as people name them (the case view's names and
core's vocabulary, in Chinese and English), never by the keys a case file uses; each creditor's figures are the
plan's own (what the builder, ``xieshang case plan`` and the letters state). Money is written as real numbers
with a ¥ number format, so the borrower can add up, sort and chart in Excel or WPS.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from xieshang.core import plan_notes
from xieshang.core.bilingual import Text
from xieshang.core.money import cents
from xieshang.core.vocabulary import label
from xieshang.view import CreditorPlan, PlanResult

from .cell_text import keep_as_text

YUAN = '"¥"#,##0.00'
BOLD = Font(bold=True)


def _both(text: Text) -> str:
    return text.zh if text.en == text.zh else f"{text.zh} {text.en}"


def plan_workbook(result: PlanResult, names: Mapping[str, str]) -> bytes:
    """The plan as ``.xlsx`` bytes; ``names`` says how each debt is called (the case view's names)."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "汇总 Summary"
    _summary(summary, result, names)
    _monthly(book.create_sheet("逐月 Monthly"), result, names)
    used: set[str] = set()
    for item in result.creditors:
        sheet = book.create_sheet(_sheet_name(names[item.position.id], used))
        _schedule(sheet, item, names[item.position.id])
    keep_as_text(book)  # a creditor's name never becomes a live formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:28] or "债权人"
    name, n = base, 2
    while name.lower() in used or name.lower() in ("汇总 summary", "逐月 monthly"):
        name, n = f"{base[:26]}~{n}", n + 1
    used.add(name.lower())
    return name


def _money(cell_sheet: Worksheet, row: int, column: int, value: Decimal) -> None:
    cell = cell_sheet.cell(row=row, column=column, value=cents(value))
    cell.number_format = YUAN


def _header(sheet: Worksheet, row: int, titles: list[str]) -> None:
    for column, title in enumerate(titles, start=1):
        sheet.cell(row=row, column=column, value=title).font = BOLD
        sheet.column_dimensions[get_column_letter(column)].width = max(14, len(title) + 4)


def _summary(sheet: Worksheet, result: PlanResult, names: Mapping[str, str]) -> None:
    plan = result.projection
    sheet["A1"] = "协商还款计划 Negotiation plan"
    sheet["A1"].font = Font(bold=True, size=14)
    facts: list[tuple[str, object]] = [
        ("分配方式 Strategy", _both(label(plan.strategy))),
        ("每月预算 Monthly budget", result.budget),
        ("每户最低 Minimum per creditor", plan.minimum),
        ("首月 First month", plan.rows[0].month if plan.rows else "—"),
        ("全部还清 Debt-free", plan.debt_free_month or "—"),
        ("合计还款 Total paid", plan.total_paid),
        ("新增利息 Interest during the plan", plan.total_interest),
        ("维持现状合计 Status quo total", result.status_quo.cost),
        ("节省 Saving vs status quo", result.saving)
        if result.saving >= 0
        else ("比维持现状多付 Costs more than the status quo", -result.saving),
    ]
    for offset, (title, value) in enumerate(facts, start=3):
        sheet.cell(row=offset, column=1, value=title).font = BOLD
        if isinstance(value, Decimal):
            _money(sheet, offset, 2, value)
        else:
            sheet.cell(row=offset, column=2, value=str(value))
    notes = [_both(plan_notes.strategy_reason(plan.strategy))]
    extra = plan_notes.plan_extra_cost(result)
    notes += [_both(extra)] if extra else []
    notes += [plan.note] if plan.note else []
    for offset, text in enumerate(notes, start=len(facts) + 3):
        sheet.cell(row=offset, column=1, value=text)
    top = len(facts) + len(notes) + 4
    _header(sheet, top, ["债权人 Creditor", "方案 Option", "拟提出 Proposed", "当前欠款 Balance", "减免 Waived",
                         "首月 First month", "月数 Months", "合计 Total paid", "结清 Paid off"])  # fmt: skip
    for offset, item in enumerate(result.creditors, start=top + 1):
        sheet.cell(row=offset, column=1, value=names[item.position.id])
        sheet.cell(row=offset, column=2, value=_both(label(item.choice.option.kind)))
        sheet.cell(row=offset, column=3, value="是 Yes" if item.choice.proposed else "")
        _money(sheet, offset, 4, item.position.balance)
        _money(sheet, offset, 5, item.waived)
        _money(sheet, offset, 6, item.first_payment)
        sheet.cell(row=offset, column=7, value=item.months)
        _money(sheet, offset, 8, item.total)
        sheet.cell(row=offset, column=9, value=item.result.payoff_month or "—")
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 30


def _monthly(sheet: Worksheet, result: PlanResult, names: Mapping[str, str]) -> None:
    ids = [item.position.id for item in result.creditors]
    _header(sheet, 1, ["月份 Month", *(names[key] for key in ids), "合计 Total"])
    for offset, row in enumerate(result.projection.rows, start=2):
        sheet.cell(row=offset, column=1, value=row.month)
        for column, key in enumerate(ids, start=2):
            _money(sheet, offset, column, row.payments.get(key, Decimal(0)))
        _money(sheet, offset, len(ids) + 2, row.total)
    sheet.freeze_panes = "B2"


def _schedule(sheet: Worksheet, item: CreditorPlan, name: str) -> None:
    sheet["A1"] = name
    sheet["A1"].font = BOLD
    sheet["A2"] = _both(label(item.choice.option.kind))
    if item.growth is not None:
        sheet["A3"] = _both(plan_notes.freeze_needed(item.growth))
    _header(sheet, 4, ["月份 Month", "还款 Payment", "利息 Interest", "余额 Balance"])
    for offset, month in enumerate(item.schedule, start=5):
        sheet.cell(row=offset, column=1, value=f"{month.day:%Y-%m}")
        _money(sheet, offset, 2, month.payment)
        _money(sheet, offset, 3, month.interest)
        _money(sheet, offset, 4, month.balance)
    sheet.freeze_panes = "A5"
