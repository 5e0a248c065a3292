"""``xieshang import FILE…``: read bill exports, show totals by month and the debts they reveal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from xieshang.core.categories import categorise
from xieshang.core.discovery import discover
from xieshang.core.summary import summarise
from xieshang.core.transactions import totals
from xieshang.importers.detect import FORMATS, import_bytes
from xieshang.importers.errors import BillImportError
from xieshang.importers.merge import merge
from xieshang.importers.reference import category_map, known_lenders

from .common import fail, money_json, print_json


def import_files(
    files: Annotated[
        list[Path],
        typer.Argument(help="账单文件（支付宝/微信/京东/美团/银行导出的 CSV、XLSX、XLS） Bill files"),
    ],
    json_output: Annotated[bool, typer.Option("--json", help="输出 JSON  Print JSON")] = False,
) -> None:
    """导入账单：按月汇总收支，列出可能的债务。 Import bills: monthly totals and possible debts."""
    results = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as error:
            fail(f"{path}：无法读取文件（{error.strerror}）")
        try:
            results.append(import_bytes(data, path.name))
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
