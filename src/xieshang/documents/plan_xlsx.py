"""The negotiation plan as an Excel workbook (协商还款计划.xlsx).

Sheets: ``汇总 Summary`` (the plan's figures and one row per creditor), ``逐月 Monthly`` (every month: the
payment to each creditor and the total), then one ``schedule`` sheet per creditor (its payments, interest and the
balance after each month). Money is written as real numbers with a ¥ number format, so the borrower can add
up, sort and chart in Excel or WPS.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from xieshang.core.money import cents
from xieshang.core.plan import PlanResult

from .cell_text import keep_as_text

YUAN = '"¥"#,##0.00'
BOLD = Font(bold=True)
OPTION_ZH = {
    "as_is": "维持现状 As is",
    "reinstalment": "重新分期 Re-instalment",
    "deferral": "延期还款 Deferral",
    "interest_freeze": "停息挂账 Interest freeze",
    "waiver": "减免 Waiver",
    "settlement": "一次性结清 Settlement",
}


def plan_workbook(result: PlanResult) -> bytes:
    """The plan as ``.xlsx`` bytes."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "汇总 Summary"
    _summary(summary, result)
    _monthly(book.create_sheet("逐月 Monthly"), result)
    used: set[str] = set()
    for item in result.creditors:
        _schedule(book.create_sheet(_sheet_name(item.position.id, used)), result, item.position.id)
    keep_as_text(book)  # a creditor's name never becomes a live formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(debt_id: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", debt_id)[:28] or "debt"
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


def _summary(sheet: Worksheet, result: PlanResult) -> None:
    plan = result.projection
    sheet["A1"] = "协商还款计划 Negotiation plan"
    sheet["A1"].font = Font(bold=True, size=14)
    facts: list[tuple[str, object]] = [
        ("策略 Strategy", plan.strategy.value),
        ("每月预算 Monthly budget", result.budget),
        ("每户最低 Minimum per creditor", plan.minimum),
        ("首月 First month", plan.rows[0].month if plan.rows else "—"),
        ("全部还清 Debt-free", plan.debt_free_month or "—"),
        ("合计还款 Total paid", plan.total_paid),
        ("新增利息 Interest during the plan", plan.total_interest),
        ("维持现状合计 Status quo total", result.status_quo.cost),
        ("节省 Saving vs status quo", result.saving),
    ]
    for offset, (label, value) in enumerate(facts, start=3):
        sheet.cell(row=offset, column=1, value=label).font = BOLD
        if isinstance(value, Decimal):
            _money(sheet, offset, 2, value)
        else:
            sheet.cell(row=offset, column=2, value=str(value))
    if plan.note:
        sheet.cell(row=len(facts) + 3, column=1, value=plan.note)
    top = len(facts) + 5
    _header(sheet, top, ["编号 Id", "债权人 Creditor", "方案 Option", "拟提出 Proposed", "当前欠款 Balance",
                         "减免 Waived", "首月 First month", "合计 Total paid", "结清 Paid off"])  # fmt: skip
    for offset, item in enumerate(result.creditors, start=top + 1):
        debt = item.result
        sheet.cell(row=offset, column=1, value=item.position.id)
        sheet.cell(row=offset, column=2, value=item.position.creditor)
        sheet.cell(
            row=offset,
            column=3,
            value=OPTION_ZH.get(item.choice.option.kind.value, item.choice.option.kind.value),
        )
        sheet.cell(row=offset, column=4, value="是 Yes" if item.choice.proposed else "")
        _money(sheet, offset, 5, item.position.balance)
        _money(sheet, offset, 6, debt.waived)
        _money(sheet, offset, 7, debt.first_payment)
        _money(sheet, offset, 8, debt.paid)
        sheet.cell(row=offset, column=9, value=debt.payoff_month or "—")
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 30


def _monthly(sheet: Worksheet, result: PlanResult) -> None:
    ids = [item.position.id for item in result.creditors]
    _header(sheet, 1, ["月份 Month", *ids, "合计 Total"])
    for offset, row in enumerate(result.projection.rows, start=2):
        sheet.cell(row=offset, column=1, value=row.month)
        for column, key in enumerate(ids, start=2):
            _money(sheet, offset, column, row.payments.get(key, Decimal(0)))
        _money(sheet, offset, len(ids) + 2, row.total)
    sheet.freeze_panes = "B2"


def _schedule(sheet: Worksheet, result: PlanResult, debt_id: str) -> None:
    item = next(c for c in result.creditors if c.position.id == debt_id)
    sheet["A1"] = f"{item.position.creditor}（{debt_id}）"
    sheet["A1"].font = BOLD
    sheet["A2"] = OPTION_ZH.get(item.choice.option.kind.value, item.choice.option.kind.value)
    _header(sheet, 4, ["月份 Month", "还款 Payment", "利息 Interest", "余额 Balance"])
    offset = 5
    for row in result.projection.rows:
        if debt_id not in row.payments:
            continue
        sheet.cell(row=offset, column=1, value=row.month)
        _money(sheet, offset, 2, row.payments[debt_id])
        _money(sheet, offset, 3, row.interest.get(debt_id, Decimal(0)))
        _money(sheet, offset, 4, row.balances[debt_id])
        offset += 1
    sheet.freeze_panes = "A5"
