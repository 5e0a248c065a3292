"""The financial statement and the transactions as Excel (.xlsx); a budget template to fill in and import.

Template (documented on its 说明 sheet): sheet ``家庭`` (B1 adults, B2 dependants' ages comma-separated, B3 housing),
sheets ``收入`` and ``支出`` with columns A 类别ID, B 类别, C 每月金额, D 备注 from row 2. Import errors name the
cell: ``收入!C4: 不是金额``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import openpyxl
import yaml
from openpyxl.styles import Font

from xieshang.bounds import InputRefused, check_spreadsheet
from xieshang.casefile.budget import statement_from_dict
from xieshang.core.errors import FieldError, ValidationError
from xieshang.core.money import parse_amount
from xieshang.core.statement import CATEGORY_GROUPS, Group, Statement, evaluate
from xieshang.core.transactions import Transaction
from xieshang.core.vocabulary import label

from .cell_text import keep_as_text

BOLD = Font(bold=True)
MONEY = "#,##0.00"


@cache
def labels() -> dict[str, str]:
    text = resources.files("xieshang.data").joinpath("budget_categories.yaml").read_text(encoding="utf-8")
    return {c["id"]: c["zh"] for c in yaml.safe_load(text)["categories"]}


def _bytes(workbook: Any) -> bytes:
    keep_as_text(workbook)  # a merchant called "=HYPERLINK(…)" stays a name
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_statement(statement: Statement, transactions: Iterable[Transaction] = ()) -> bytes:
    """A workbook: 收支表 (lines by group and the working), 资产, and 交易明细 when transactions are given."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收支表"
    names = labels()
    ws.append(["类别", "类别ID", "每月金额", "备注"])
    for cell in ws[1]:
        cell.font = BOLD
    for group, title in (
        (Group.INCOME, "收入"),
        (Group.ESSENTIAL, "必要固定支出"),
        (Group.FLEXIBLE, "弹性生活支出"),
        (Group.PRIORITY, "优先债务"),
    ):
        ws.append([title])
        ws.cell(ws.max_row, 1).font = BOLD
        for line in statement.lines:
            if line.group is group:
                ws.append(
                    [
                        line.label or names.get(line.category, line.category),
                        line.category,
                        line.amount,
                        line.note,
                    ]
                )
                ws.cell(ws.max_row, 3).number_format = MONEY
    ws.append([])
    for step in evaluate(statement).working:
        sign = {1: "＋", -1: "－", 0: "＝"}[step.sign]  # full-width: no label of ours starts like a formula
        ws.append([f"{sign} {step.label.zh} {step.label.en}", "", step.amount])
        ws.cell(ws.max_row, 3).number_format = MONEY
    ws.cell(ws.max_row, 1).font = BOLD
    assets = wb.create_sheet("资产")
    assets.append(["种类", "价值", "备注"])
    for asset in statement.assets:
        assets.append([asset.kind.value, asset.value, asset.note])
    items = list(transactions)
    if items:
        sheet = wb.create_sheet("交易明细")
        sheet.append(
            [
                "时间",
                "来源",
                "收/支",
                "金额",
                "对方",
                "说明",
                "平台分类",
                "类别",
                "支付方式",
                "状态",
                "订单号",
            ]
        )
        for t in items:
            sheet.append(
                [
                    t.time,
                    t.source,
                    label(t.direction).zh,
                    t.amount,
                    t.counterparty,
                    t.description,
                    t.platform_category,
                    t.category or "",
                    t.payment_method,
                    t.status,
                    t.order_id,
                ]
            )
            sheet.cell(sheet.max_row, 4).number_format = MONEY
    return _bytes(wb)


def budget_template() -> bytes:
    """An empty budget to fill in: every category listed with its id, amounts blank."""
    wb = openpyxl.Workbook()
    about = wb.active
    about.title = "说明"
    for line in (
        "收支表模板：填写每月金额（元），不填或填 0 表示没有。",
        "“家庭”表：B1 成年人数，B2 被抚养/赡养人年龄（用逗号分隔），B3 住房（rent 租房 / mortgage 房贷 / owned 自有 / family 与家人同住 / other）。",
        "“收入”“支出”表：A 列类别ID 请勿修改；C 列每月金额；D 列备注（如某项高于一般水平的原因）。",
    ):
        about.append([line])
    home = wb.create_sheet("家庭")
    for row in (["成年人数", 1], ["被抚养人年龄", ""], ["住房", "rent"]):
        home.append(row)
    names = labels()
    for title, groups in (
        ("收入", (Group.INCOME,)),
        ("支出", (Group.ESSENTIAL, Group.FLEXIBLE, Group.PRIORITY)),
    ):
        ws = wb.create_sheet(title)
        ws.append(["类别ID", "类别", "每月金额", "备注"])
        for cid, group in CATEGORY_GROUPS.items():
            if group in groups:
                ws.append([cid, names.get(cid, cid), None, None])
    return _bytes(wb)


def import_budget(data: bytes) -> Statement:
    """Read a filled template; every problem names its cell (``收入!C4: 不是金额``). A workbook that unpacks too
    far or holds too many cells is refused before it is opened."""
    try:
        check_spreadsheet(data)
    except InputRefused as error:
        raise ValidationError(str(error), "budget.xlsx") from None
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except Exception as error:
        raise ValidationError(f"不是有效的 Excel 文件（{type(error).__name__}）", "budget.xlsx") from None
    errors: list[FieldError] = []
    for needed in ("家庭", "收入", "支出"):
        if needed not in wb.sheetnames:
            errors.append(FieldError(needed, "缺少这张工作表，请使用模板"))
    if errors:
        raise ValidationError(errors)
    home = wb["家庭"]
    ages_text = str(home["B2"].value or "").replace("，", ",")
    ages: list[Any] = []
    for part in filter(None, (p.strip() for p in ages_text.split(","))):
        ages.append(int(part) if part.isdigit() else part)
        if not part.isdigit():
            errors.append(FieldError("家庭!B2", f"不是年龄：{part!r}"))
    adults = home["B1"].value
    budget: dict[str, Any] = {
        "household": {
            "adults": adults if isinstance(adults, int) else 0,
            "dependant_ages": [a for a in ages if isinstance(a, int)],
            "housing": str(home["B3"].value or "rent").strip(),
        },
        "income": [],
        "expenses": [],
    }
    if not isinstance(adults, int):
        errors.append(FieldError("家庭!B1", "应为整数"))
    for title, key in (("收入", "income"), ("支出", "expenses")):
        ws = wb[title]
        for row in range(2, ws.max_row + 1):
            cid, value, note = ws.cell(row, 1).value, ws.cell(row, 3).value, ws.cell(row, 4).value
            if cid is None and value is None:
                continue
            if value in (None, "", 0):
                continue
            try:
                amount = parse_amount(value)
            except ValidationError:
                errors.append(FieldError(f"{title}!C{row}", "不是金额"))
                continue
            if amount < 0:
                errors.append(FieldError(f"{title}!C{row}", "不能为负数"))
                continue
            if cid not in CATEGORY_GROUPS:
                errors.append(FieldError(f"{title}!A{row}", f"未知类别ID {cid!r}"))
                continue
            budget[key].append({"category": cid, "amount": f"{amount:.2f}", "note": str(note or "")})
    if errors:
        raise ValidationError(errors)
    return statement_from_dict(budget)
