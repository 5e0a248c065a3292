"""``xieshang case``: check a case file, and analyse it — what is owed, what it costs, the legal lines.

Exit codes: 0 fine, 2 bad input (every located error of the file is listed). The analysis is reference, not legal
advice; it ends by saying where free help is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from xieshang.core.errors import ValidationError, XieshangError
from xieshang.core.legal import ExcessPeriod, LineResult
from xieshang.core.money import grouped, rate_to_percent
from xieshang.core.vocabulary import confidence_label, label
from xieshang.view import AgreementState, CaseAnalysis, CaseView, DebtAnalysis

from .common import fail, money_json, print_json, rate_json
from .loading import load_case, load_view
from .review import agreement_json

app = typer.Typer(
    name="case",
    help="案件文件：检查、分析。 Case files: check and analyse.",
    no_args_is_help=True,
)

FileArg = Annotated[Path, typer.Argument(help="案件文件（YAML 或 JSON） Case file", show_default=False)]


@app.command("check")
def check(file: FileArg) -> None:
    """检查案件文件，列出全部错误。 Check a case file; list every problem with its place."""
    case = load_case(file)
    typer.echo(f"案件文件有效 / valid: {file}（{case.borrower.name}，{len(case.debts)} 笔债务 debts）")


def period_json(period: ExcessPeriod) -> dict[str, Any]:
    """One period of the excess working: the line's rate on the base over the period, against the charges."""
    return {
        "kind": period.kind,
        "from": period.begin.isoformat(),
        "to": period.end.isoformat(),
        "base": money_json(period.base),
        "rate": rate_json(period.rate),
        "years": rate_json(period.years),
        "allowed": money_json(period.allowed),
        "charged": money_json(period.charged),
        "excess": money_json(period.excess),
        "charges": {
            "interest": money_json(period.interest),
            "deducted": money_json(period.deducted),
            "fees": money_json(period.fees),
            "penalty_interest": money_json(period.penalty),
            "compound_interest": money_json(period.compound),
            "late_fees": money_json(period.late_fees),
        },
    }


def line_json(line: LineResult) -> dict[str, Any]:
    return {
        "id": line.id,
        "title": line.title,
        "rate": rate_json(line.rate),
        "applies": line.applies,
        "exceeded": line.exceeded,
        "excess": money_json(line.excess),
        "charged": money_json(line.charged),
        "allowed": money_json(line.allowed),
        "apr_vs_line": rate_json(line.apr_vs_line),
        "reason": line.reason,
        "source": line.source,
        "confidence": line.confidence,
        "status": line.status,
        "periods": [period_json(p) for p in line.periods],
    }


def debt_json(debt: DebtAnalysis) -> dict[str, Any]:
    status = debt.overdue
    owed = status.outstanding
    return {
        "id": debt.loan.id,
        "creditor": debt.loan.creditor,
        "lender_type": debt.loan.lender_type.value,
        "method": debt.loan.method.value,
        "apr": rate_json(debt.apr),
        "ear": rate_json(debt.ear),
        "true_cost_note": debt.true_cost_note,
        "days_overdue": status.days_overdue,
        "overdue": money_json(status.overdue_total),
        "paid": money_json(status.paid_total),
        "outstanding": {
            "principal": money_json(owed.principal),
            "interest": money_json(owed.interest),
            "penalty": money_json(owed.penalty),
            "fees": money_json(owed.fees),
            "total": money_json(owed.total),
        },
        "excess": money_json(debt.excess),
        "credit": money_json(debt.credit),
        "agreement": None if debt.agreement is None else agreement_json(debt.agreement),
        "overdue_basis": status.overdue_basis,
        "not_counted": [
            {"date": p.date.isoformat(), "amount": money_json(p.amount)} for p in debt.not_counted
        ],
        "warnings": [warning.zh + " / " + warning.en for warning in debt.warnings],
        "lines": [line_json(line) for line in debt.lines],
        "references": [
            {
                "id": r.id,
                "title": r.title_zh,
                "source": r.citation,
                "confidence": r.confidence,
                "effective_from": r.effective_from.isoformat() if r.effective_from else None,
                "effective_to": r.effective_to.isoformat() if r.effective_to else None,
                "expired": r.expired_on(debt.as_of),
            }
            for r in debt.references
        ],
    }


def analysis_json(analysis: CaseAnalysis) -> dict[str, Any]:
    return {
        "as_of": analysis.as_of.isoformat(),
        "lines_version": analysis.lines_version,
        "debts": [debt_json(d) for d in analysis.debts],
        "totals": {
            "outstanding": money_json(analysis.totals.outstanding),
            "overdue": money_json(analysis.totals.overdue),
            "excess": money_json(analysis.totals.excess),
            "credit": money_json(analysis.totals.credit),
        },
        "note": "仅供参考，不构成法律意见。 Reference only, not legal advice.",
    }


def _pct(rate: Any) -> str:
    return "—" if rate is None else f"{rate_to_percent(rate):.2f}%"


KIND_ZH = {"term": "合同期内", "overdue": "逾期期间"}


def _period_text(period: ExcessPeriod) -> str:
    """``合同期内 2025-06-01—2026-06-01：9,000.00 × 12.00% × 1.0000 年 = 1,080.00；收取 2,000.00；超出 920.00``."""
    return (
        f"{KIND_ZH[period.kind]} {period.begin}—{period.end}：{grouped(period.base)} × {_pct(period.rate)} × "
        f"{period.years:.4f} 年 = {grouped(period.allowed)}；收取 {grouped(period.charged)}；"
        f"超出 {grouped(period.excess)}"
    )


def _agreement_line(state: AgreementState) -> str:
    """``还款协议（2026-04-20 起）：履约中；已还 1,121.00，剩余 10,089.00；下一期 2026-06-20 1,121.00``."""
    a, nxt = state.agreement, state.next
    text = (
        f"还款协议（{a.starts} 起）：{label(state.status).zh}；约定 {grouped(a.total)}，减免 "
        f"{grouped(a.waived.total)}；已还 {grouped(state.paid)}，剩余 {grouped(state.remaining)}"
    )
    if state.late:
        text += f"；逾期未还 {grouped(state.late_amount)}（{state.days_late} 天）"
    if nxt is not None:
        text += f"；下一期 {nxt.due} {grouped(nxt.remaining)}"
    return text


def _print(analysis: CaseAnalysis, view: CaseView) -> None:
    case = view.case
    console = Console()
    table = Table(
        title=f"{case.borrower.name} 的债务，截至 {analysis.as_of.isoformat()} / Debts as of {analysis.as_of}"
    )
    for column, justify in (
        ("债务 Debt", "left"),
        ("类型 Type", "left"),
        ("年化 APR", "right"),
        ("逾期天数 Days late", "right"),
        ("逾期 Overdue", "right"),
        ("尚欠 Outstanding", "right"),
        ("超出参考线 Excess", "right"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for debt in analysis.debts:
        table.add_row(
            view.name(debt.loan.id).zh,
            label(debt.loan.lender_type).zh,
            _pct(debt.apr),
            str(debt.overdue.days_overdue),
            grouped(debt.overdue.overdue_total),
            grouped(debt.overdue.outstanding.total),
            grouped(debt.excess),
        )
    totals = analysis.totals
    table.add_row(
        "合计 Total",
        "",
        "",
        "",
        grouped(totals.overdue),
        grouped(totals.outstanding),
        grouped(totals.excess),
    )
    console.print(table)
    for debt in analysis.debts:
        console.print(f"\n[bold]{view.name(debt.loan.id).zh}[/bold]", markup=True)
        for warning in debt.warnings:
            console.print(f"  [yellow]⚠ {warning.zh}[/yellow]")
        if debt.agreement is not None:
            console.print(f"  {_agreement_line(debt.agreement)}", markup=False)
        if debt.true_cost_note:
            console.print(f"  综合年化成本无法计算：{debt.true_cost_note}")
        for line in debt.applying_lines:
            mark = "⚠ 高于参考线" if line.exceeded else "✓ 未超过"
            sure = confidence_label(line.confidence, short=True).zh
            console.print(
                f"  {mark}  {line.title}（参考线 {_pct(line.rate)}，{sure}）超出 {grouped(line.excess)}"
            )
            console.print(f"      {line.reason}", markup=False)
            for period in line.periods:
                console.print(f"      {_period_text(period)}", markup=False)
            console.print(f"      出处 Source: {line.source}", markup=False)
        if not debt.applying_lines:
            console.print("  没有适用的利率参考线 / no rate line applies")
    channels = {c.id: c for c in view.reference.help_channels}
    help_text = "；".join(
        f"{channels[key].number} {channels[key].name_zh}"
        for key in ("nfra-12378", "legal-aid-12348")
        if key in channels
    )
    console.print(
        "\n以上为参考信息，不是法律意见，也不是对任何机构的认定；“据报道”的参考线原文未核实。"
        "\nReference only, not legal advice. Lines marked 据报道 (reported) were not read in the official text."
        f"\n免费求助 Free help: {help_text}"
    )


@app.command("analyze")
def analyze(
    file: FileArg,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="分析日 YYYY-MM-DD（默认：文件中的 as_of，否则今天） Day of the analysis"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """分析案件：尚欠、逾期、真实年化成本、法律参考线。 Analyse a case: owed, overdue, true cost, legal lines."""
    view = load_view(file, as_of)
    try:
        analysis = view.analysis
    except ValidationError as error:
        fail("; ".join(str(e) for e in error.errors))
    except XieshangError as error:
        fail(str(error))
    if as_json:
        print_json(analysis_json(analysis))
    else:
        _print(analysis, view)


from . import plan as _plan  # noqa: E402 - the plan and review commands join the case group
from . import review as _review  # noqa: E402

_plan.register(app)
_review.register(app)
