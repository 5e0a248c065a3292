"""``xieshang import FILE… [--mapping M.json] [--json]``: read bill exports and card statements; report per file
the format, the rows read and skipped (with the reason), the duplicates and the payments seen twice (a wallet's
and its bank's), the totals by month, the debts the bills reveal and each card's payment history (see
``import_report.py`` for the JSON). With ``--mapping`` every file is read through a column mapping
(``ColumnMapping.to_dict`` as JSON, the same the web app saves), for bill layouts no importer knows. A file that
cannot be read stops the import with every such file named (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from xieshang.core.errors import ValidationError
from xieshang.core.transactions import ImportResult
from xieshang.importers.detect import import_bytes
from xieshang.importers.errors import BillImportError
from xieshang.importers.generic import ColumnMapping
from xieshang.importers.merge import merge

from .common import fail, print_json
from .import_report import build_report


def import_files(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="账单文件（支付宝/微信/京东/美团/银行导出的 CSV、XLSX、XLS，信用卡电子账单 .eml/.html/PDF） Bill files"
        ),
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
    """导入账单：每个文件的格式、读到与跳过的行（附原因）、重复，按月汇总收支，列出可能的债务与信用卡还款记录。
    Import bills: per file the format, rows read and skipped (with reasons), duplicates; monthly totals, possible
    debts and each card's payment history."""
    mapping = _read_mapping(mapping_file) if mapping_file is not None else None
    results, problems = _read_all(files, mapping, show=not json_output)
    if problems:
        for problem in problems[:-1]:
            typer.echo(f"错误 Error: {problem}", err=True)
        fail(
            problems[-1]
            + ("" if len(problems) == 1 else f"（共 {len(problems)} 个文件有问题，没有导入任何文件）")
        )
    report = build_report(files, results, merge(results))
    if json_output:
        print_json(report)
        return
    _print_tables(report)


def _read_all(
    files: list[Path], mapping: ColumnMapping | None, show: bool
) -> tuple[list[ImportResult], list[str]]:
    """Every file read (a bar shows the work when there are several); the problems of those that cannot be."""
    results: list[ImportResult] = []
    problems: list[str] = []
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[name]}"),
        console=console,
        transient=True,
        disable=not show or len(files) < 2,
    ) as progress:
        task = progress.add_task("读取账单 Reading", total=len(files), name="")
        for path in files:
            progress.update(task, name=path.name)
            try:
                data = path.read_bytes()
            except OSError as error:
                problems.append(f"{path}：无法读取文件（{error.strerror}）")
                progress.advance(task)
                continue
            try:
                results.append(import_bytes(data, path.name, mapping))
            except BillImportError as error:
                problems.append(str(error))
            progress.advance(task)
    return results, problems


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


def _print_tables(report: dict[str, Any]) -> None:
    console = Console()
    per_file = Table(title="文件 Files")
    for column in ("文件", "格式", "读到行数", "交易", "跳过"):
        per_file.add_column(column)
    for f in report["files"]:
        per_file.add_row(
            f["file"], f["format_name"], str(f["rows_read"]), str(f["transactions"]), str(len(f["skipped"]))
        )
    console.print(per_file)
    console.print(
        f"共 {report['transactions']} 笔交易；重复 {report['duplicates']} 笔、"
        f"钱包与银行账单里的同一笔付款 {len(report['overlaps'])} 笔，均只计一次"
    )
    for s in report["skipped"]:
        console.print(f"  跳过 {s['file']} 第 {s['row']} 行：{s['reason']}", markup=False)
    for o in report["overlaps"]:
        kept, dropped = o["counted"], o["not_counted"]
        console.print(
            f"  同一笔付款 {o['amount']} 元（{kept['date']}）：计入 {kept['file']} 第 {kept['row']} 行，"
            f"{dropped['file']} 第 {dropped['row']} 行不重复计入",
            markup=False,
        )
    for warning in report["warnings"]:
        console.print(f"注意：{warning}", style="yellow", markup=False)
    for card in report["card_statements"]:
        console.print(
            f"{card['bank_name']}信用卡（尾号 {card['card'] or '—'}）{card['statement_date']} 账单：本期应还 {card['balance']}，"
            f"最低还款 {card['minimum'] or '—'}，到期还款日 {card['due_date']}",
            markup=False,
        )
    for history in report["card_history"]:
        for m in history["months"]:
            mark = "⚠ " if m["status"] == "minimum_missed" else ""
            paid = f"，到期前还了 {m['paid_by_due']}" if m["paid_by_due"] is not None else ""
            console.print(f"  {m['month']}：{mark}{m['status_text']}{paid}", markup=False)
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
