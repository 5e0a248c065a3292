"""``xieshang import FILE… [--mapping M.json]``: read bill exports, show totals by month and the debts they
reveal. With ``--mapping`` every file is read through a column mapping (``ColumnMapping.to_dict`` as JSON, the
same the web app saves), for bill layouts no importer knows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from xieshang.core.categories import categorise
from xieshang.core.discovery import discover
from xieshang.core.errors import ValidationError
from xieshang.core.summary import summarise
from xieshang.core.transactions import totals
from xieshang.importers.detect import FORMATS, import_bytes
from xieshang.importers.errors import BillImportError
from xieshang.importers.generic import ColumnMapping
from xieshang.importers.merge import merge
from xieshang.importers.reference import category_map, known_lenders

from .common import fail, money_json, print_json


def import_files(
    files: Annotated[
        list[Path],
        typer.Argument(help="账单文件（支付宝/微信/京东/美团/银行导出的 CSV、XLSX、XLS） Bill files"),
    ],
    json_output: Annotated[bool, typer.Option("--json", help="输出 JSON  Print JSON")] = False,
    mapping_file: Annotated[
        Path | None,
        typer.Option(
            "--mapping",
            help=(
                "列映射 JSON，用于无法识别格式的 CSV/XLSX：键 time（必填）、amount 或 income/expense、direction、"
                "income_values、expense_values、counterparty、description、category、order_id，值为表头里的列名。"
                ' 例 {"time": "日期", "income": "收入金额", "expense": "支出金额"}  '
                "Column mapping JSON for layouts no importer knows (ColumnMapping.to_dict)"
            ),
        ),
    ] = None,
) -> None:
    """导入账单：按月汇总收支，列出可能的债务。 Import bills: monthly totals and possible debts."""
    mapping = _read_mapping(mapping_file) if mapping_file is not None else None
    results = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as error:
            fail(f"{path}：无法读取文件（{error.strerror}）")
        try:
            results.append(import_bytes(data, path.name, mapping))
        except BillImportError as error:
            fail(str(error))
    merged = merge(results)
    lenders = known_lenders()
    transactions = categorise(merged.transactions, category_map()).transactions
    summary = summarise(transactions, lenders)
    debts = discover(transactions, lenders)
    total = totals(transactions)
    report: dict[str, Any] = {
        "format": results[0].format if len(results) == 1 else [r.format for r in results],
        "transactions": len(transactions),
        "duplicates": merged.duplicates,
        "refunds_netted": merged.refunds_netted,
        "skipped": [{"format": f, "row": row, "reason": reason} for f, row, reason in merged.skipped],
        "warnings": list(merged.warnings),
        "totals": {
            "income": money_json(total.income),
            "expense": money_json(total.expense),
            "neutral": money_json(total.neutral),
        },
        "months": [
            {
                "month": m.month,
                "income": money_json(m.income),
                "expense": money_json(m.expense),
                "repayments": money_json(m.repayments),
            }
            for m in summary.months
        ],
        "possible_debts": [
            {
                "counterparty": d.counterparty,
                "reason": d.reason,
                "count": d.count,
                "total": money_json(d.total),
                "months": list(d.months),
                "lender_type": d.lender_type.value if d.lender_type else None,
            }
            for d in debts
        ],
    }
    if json_output:
        print_json(report)
        return
    _print_tables(report, results)


def _read_mapping(path: Path) -> ColumnMapping:
    """The ``--mapping`` file: JSON of ``ColumnMapping.to_dict``; problems named by key."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        fail(f"{path}：无法读取列映射文件（{error.strerror}）")
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        fail(f"{path}：列映射文件不是 JSON（{error}）")
    try:
        return ColumnMapping.from_dict(raw)
    except ValidationError as error:
        fail(f"{path}：列映射有误：" + "；".join(f"{e.path}：{e.message}" for e in error.errors))


def _print_tables(report: dict[str, Any], results: list[Any]) -> None:
    console = Console()
    names = "、".join(FORMATS.get(r.format, r.format) for r in results)
    console.print(
        f"导入 {names}：{report['transactions']} 笔交易，跳过 {len(report['skipped'])} 行，重复 {report['duplicates']} 笔"
    )
    for warning in report["warnings"]:
        console.print(f"[yellow]注意：{warning}[/yellow]")
    months = Table(title="每月收支 Monthly")
    for column in ("月份", "收入", "支出", "还款"):
        months.add_column(column, justify="right")
    for m in report["months"]:
        months.add_row(m["month"], m["income"], m["expense"], m["repayments"])
    t = report["totals"]
    months.add_row("合计", t["income"], t["expense"], "", style="bold")
    console.print(months)
    if report["possible_debts"]:
        debts = Table(title="可能的债务 Possible debts（请确认后加入债务清单）")
        for column in ("对方", "依据", "笔数", "合计"):
            debts.add_column(column)
        for d in report["possible_debts"]:
            reason = "已知借贷平台" if d["reason"] == "known_lender" else "每月固定支出"
            debts.add_row(d["counterparty"], reason, str(d["count"]), d["total"])
        console.print(debts)
