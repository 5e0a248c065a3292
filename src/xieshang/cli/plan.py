"""``xieshang case plan FILE``: the negotiation plan of a case file, for people (tables) or machines (--json).

The choices and strategy come from the case file's ``plan:`` section; the budget is the one monthly amount every
document states (what the ``budget:`` statement leaves, else the plan's own budget). ``--budget`` and
``--strategy`` override them for a what-if. ``--xlsx PATH`` also writes the plan as an Excel workbook.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from xieshang.core import plan_notes
from xieshang.core.errors import ValidationError, XieshangError
from xieshang.core.money import parse_amount
from xieshang.core.vocabulary import OptionKind, Strategy, label
from xieshang.view import CaseView, PlanResult, PlanSpec

from .common import fail, money_json, print_json
from .loading import load_view


def register(case_app: typer.Typer) -> None:
    """Add ``plan`` to the ``case`` command group."""
    case_app.command("plan")(plan_command)


def plan_command(
    file: Annotated[Path, typer.Argument(help="案件文件 Case file (YAML or JSON)")],
    budget: Annotated[
        str | None, typer.Option("--budget", help="每月可用于还款的金额 Amount affordable a month")
    ] = None,
    strategy: Annotated[
        str | None, typer.Option("--strategy", help="fair | pro-rata | balance | avalanche | snowball")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="计算日期 Date of the figures (default: the case's as_of)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON Machine-readable output")] = False,
    xlsx: Annotated[
        Path | None, typer.Option("--xlsx", help="同时导出 Excel Also write the plan as .xlsx")
    ] = None,
) -> None:
    """协商还款计划：分配每月可还金额并逐月预测 Build the repayment plan and project it month by month."""
    try:
        view, result = _build(file, budget, strategy, as_of)
        if xlsx is not None:
            from xieshang.documents.plan_xlsx import plan_workbook

            xlsx.write_bytes(plan_workbook(result, {key: name.zh for key, name in view.names.items()}))
    except XieshangError as error:
        fail(_first(error))
    except OSError as error:
        fail(f"{file}: 无法读取或写入文件 / cannot read or write: {error.strerror}")
    if as_json:
        print_json(plan_json(result))
    else:
        _print_tables(view, result)


def _first(error: XieshangError) -> str:
    if isinstance(error, ValidationError) and error.errors:
        return str(error.errors[0])
    return str(error)


def _build(
    file: Path, budget: str | None, strategy: str | None, as_of_text: str | None
) -> tuple[CaseView, PlanResult]:
    view = load_view(file, as_of_text)
    spec = view.plan_spec or PlanSpec(budget=view.available)
    if budget is not None:
        amount = parse_amount(budget, "--budget")
        if amount < 0:
            raise ValidationError(
                "每月可还金额不能为负，没有钱可还时写 0 / must not be negative (write 0)", "--budget"
            )
        spec = dataclasses.replace(spec, budget=amount)
    if strategy is not None:
        try:
            spec = dataclasses.replace(spec, strategy=Strategy(strategy))
        except ValueError:
            shown = ", ".join(s.value for s in Strategy)
            raise ValidationError(f"应为 {shown} 之一 / must be one of {shown}", "--strategy") from None
    if spec.budget is None:
        raise ValidationError(
            "请用 --budget 给出每月可用于还款的金额 / give --budget (the amount affordable a month)",
            "--budget",
        )
    return view, view.plan_for(spec)


def plan_json(result: PlanResult) -> dict[str, Any]:
    """The plan for machines: money as strings with two decimals, months as ``YYYY-MM``."""
    plan = result.projection
    creditors = []
    for item in result.creditors:
        debt = item.result
        creditors.append(
            {
                "id": item.position.id,
                "creditor": item.position.creditor,
                "option": item.choice.option.kind.value,
                "proposed": item.choice.proposed,
                "monthly": money_json(item.first_payment),
                "months": item.months,
                "total_paid": money_json(item.total),
                "payoff_date": debt.payoff_month,
                "balance": money_json(item.position.balance),
                "waived": money_json(item.waived),
                "interest": money_json(debt.interest),
                "option_monthly": money_json(item.outcome.monthly),
                "option_months": item.outcome.months,
                "option_saving": money_json(item.outcome.saving),
                "affordable": item.affordable,
                "share": money_json(item.affordability.share) if item.affordability else None,
                "shortfall": money_json(item.affordability.shortfall) if item.affordability else None,
                "letter_first_payment": (
                    money_json(item.affordability.first_payment) if item.affordability else None
                ),
                "interest_frozen": item.growth is not None,  # its share cannot cover the option's interest
            }
        )
    months = [
        {
            "month": row.month,
            "payments": {k: money_json(v) for k, v in row.payments.items()},
            "total": money_json(row.total),
        }
        for row in plan.rows
    ]
    return {
        "strategy": plan.strategy.value,
        "budget": money_json(result.budget),
        "affordable": plan.affordable,
        "note": plan.note,
        "token": {k: money_json(v) for k, v in plan.token.items()},
        "creditors": creditors,
        "proposals_affordable": result.proposals_affordable,
        "suggested_budget": None if result.suggested_budget is None else money_json(result.suggested_budget),
        "months": months,
        "totals": {
            "monthly_max": money_json(plan.monthly_max),
            "debt_free_date": plan.debt_free_month,
            "total_paid": money_json(plan.total_paid),
            "total_interest": money_json(plan.total_interest),
            "saving_vs_status_quo": money_json(result.saving),
            "status_quo_total": money_json(result.status_quo.cost),
            "status_quo_debt_free_date": result.status_quo.debt_free_month,
            "capped": plan.capped,
        },
    }


def _print_tables(view: CaseView, result: PlanResult) -> None:
    console = Console()
    plan = result.projection
    data = plan_json(result)
    names = {key: name.zh for key, name in view.names.items()}
    if not plan.affordable and not plan.capped:
        console.print(f"[yellow]{plan.note}[/yellow]")
    if view.budget_note is not None:
        console.print(f"[yellow]{view.budget_note.zh}[/yellow]")
    strategy = label(plan.strategy).zh
    table = Table(title=f"协商还款计划 Plan — 每月预算 ¥{data['budget']}，{strategy}")
    for column in (
        "债权人 Creditor",
        "方案 Option",
        "首月 First month",
        "月数 Months",
        "合计 Total",
        "结清 Paid off",
    ):
        table.add_column(column, justify="right" if column[:2] in ("首月", "月数", "合计") else "left")
    for item in data["creditors"]:
        option = label(OptionKind(item["option"])).zh + (" ★" if item["proposed"] else "")
        if item["proposed"] and not item["affordable"]:
            option += " [yellow]⚠ 不够[/yellow]"
        table.add_row(
            names[item["id"]],
            option,
            item["monthly"],
            str(item["months"]),
            item["total_paid"],
            item["payoff_date"] or "—",
        )
    console.print(table)
    console.print(f"{strategy}：{plan_notes.strategy_reason(plan.strategy).zh}")
    for item in result.creditors:
        if item.growth is not None:
            console.print(
                f"[yellow]⚠ {names[item.position.id]}：{plan_notes.freeze_needed(item.growth).zh}[/yellow]"
            )
    for item in data["creditors"]:
        if item["proposed"] and not item["affordable"]:
            console.print(
                f"[yellow]⚠ {names[item['id']]}：按当前预算每月只能分到 ¥{item['share']}，不够按 {item['option_months']} 期"
                f"每期 ¥{item['option_monthly']} 还；协商信会按 ¥{item['letter_first_payment']} 起提出[/yellow]"
            )
    if data["suggested_budget"] is not None:
        console.print(
            f"每月预算达到 ¥{data['suggested_budget']} 时，所有拟提出的方案都够还 / covers every proposal"
        )
    totals = data["totals"]
    console.print(
        f"全部还清 Debt-free: {totals['debt_free_date'] or '—'}   合计 Total paid: ¥{totals['total_paid']}   "
        f"比维持现状节省 Saving vs status quo: ¥{totals['saving_vs_status_quo']}"
    )
    if (
        totals["status_quo_debt_free_date"] is None
    ):  # the status quo's cost counted only to the projection's end
        console.print(
            "维持现状在预测期内还不清，节省只算到预测期末（至少这么多）/ the status quo never ends: at least"
        )
    extra = plan_notes.plan_extra_cost(result)
    if extra is not None:
        console.print(f"[yellow]{extra.zh}[/yellow]")
    if plan.capped:
        console.print(
            f"[yellow]预算不足以在 {len(plan.rows)} 个月内还清 / not cleared within {len(plan.rows)} months[/yellow]"
        )
    months = Table(title="逐月还款 Month by month")
    months.add_column("月份 Month")
    for item in data["creditors"]:
        months.add_column(names[item["id"]], justify="right")
    months.add_column("合计 Total", justify="right")
    rows = data["months"]
    shown = rows if len(rows) <= 24 else rows[:12] + rows[-12:]
    for index, row in enumerate(shown):
        if len(rows) > 24 and index == 12:
            months.add_row("…", *["…"] * (len(data["creditors"]) + 1))
        months.add_row(
            row["month"], *[row["payments"].get(c["id"], "") for c in data["creditors"]], row["total"]
        )
    console.print(months)
