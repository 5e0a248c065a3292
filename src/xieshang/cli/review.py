"""``xieshang case review``: read each agreement of a case file as the review page does, before signing it.

Every finding names the clause or field it concerns, explains it plainly, says what to ask for instead and cites
its source and confidence; the notice about paid debt agents follows. Exit codes: 0 reviewed (findings or not),
2 bad input. Reference only, not legal advice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from xieshang.core.bilingual import Text
from xieshang.core.vocabulary import confidence_label, label
from xieshang.view import AgentGuard, Agreement, AgreementState, CaseView, ReviewFinding

from .common import fail, money_json, print_json
from .loading import load_view

SEVERITY = {
    "red": Text("危险信号", "red flag"),
    "fix": Text("签字前改正", "fix before signing"),
    "note": Text("提示", "note"),
}


def register(case_app: typer.Typer) -> None:
    """Add ``review`` to the ``case`` command group."""
    case_app.command("review")(review_command)


def _text(text: Text) -> dict[str, str]:
    return {"zh": text.zh, "en": text.en}


def agreement_json(state: AgreementState) -> dict[str, Any]:
    """An agreement on the day: its status, what was waived, paid and is left, the next and late instalments,
    and every instalment with the payments applied to it (``case analyze --json`` and ``case review --json``)."""
    a, nxt = state.agreement, state.next
    owed = state.at_start
    return {
        "id": a.id,
        "status": state.status.value,
        "status_label": _text(label(state.status)),
        "in_force": state.in_force,
        "made": a.made.value,
        "agreed_on": a.agreed_on.isoformat(),
        "start": a.starts.isoformat(),
        "total": money_json(a.total),
        "paid": money_json(state.paid),
        "remaining": money_json(state.remaining),
        "credit": money_json(state.credit),
        "waived": {
            "penalty": money_json(a.waived.penalty),
            "fees": money_json(a.waived.fees),
            "interest": money_json(a.waived.interest),
            "principal": money_json(a.waived.principal),
            "total": money_json(a.waived.total),
        },
        "owed_at_start": {
            "principal": money_json(owed.principal),
            "interest": money_json(owed.interest),
            "penalty": money_json(owed.penalty),
            "fees": money_json(owed.fees),
            "total": money_json(owed.total),
        },
        "late": money_json(state.late_amount),
        "days_late": state.days_late,
        "grace_days": a.grace_days,
        "breaks_on": state.breaks_on.isoformat() if state.breaks_on else None,
        "next": None
        if nxt is None
        else {"number": nxt.number, "date": nxt.due.isoformat(), "amount": money_json(nxt.remaining)},
        "instalments": [
            {
                "id": i.instalment.id,
                "number": i.number,
                "due": i.due.isoformat(),
                "amount": money_json(i.amount),
                "paid": money_json(i.paid),
                "paid_on": i.paid_on.isoformat() if i.paid_on else None,
                "status": i.status.value,
                "payments": [
                    {"id": p.payment_id, "date": p.day.isoformat(), "amount": money_json(p.amount)}
                    for p in i.applied
                ],
            }
            for i in state.instalments
        ],
    }


def finding_json(finding: ReviewFinding) -> dict[str, Any]:
    rule = finding.rule
    return {
        "rule": rule.id,
        "severity": rule.severity,
        "title": _text(finding.title),
        "concerns": _text(finding.concerns),
        "explanation": _text(finding.explain),
        "ask_instead": _text(finding.ask),
        "source": rule.source,
        "confidence": rule.confidence,
        "confidence_label": _text(confidence_label(rule.confidence)),
        "words": list(finding.words),
        "message": None if finding.message is None else _text(finding.message),
    }


def guard_json(guard: AgentGuard | None, view: CaseView) -> dict[str, Any] | None:
    if guard is None:
        return None
    channels = {c.id: c for c in view.reference.help_channels}
    return {
        "title": _text(guard.title),
        "points": [_text(p) for p in guard.points],
        "source": guard.source,
        "confidence": guard.confidence,
        "channels": [
            {"number": channels[c].number, "name": channels[c].name_zh}
            for c in guard.channels
            if c in channels
        ],
    }


def _chosen(view: CaseView, creditor: str | None) -> list[Agreement]:
    if creditor is None:
        return list(view.case.agreements)
    wanted = [
        a
        for a in view.case.agreements
        if a.debt_id == creditor or view.case.debt(a.debt_id).creditor == creditor
    ]
    if not wanted:
        known = "、".join(dict.fromkeys(view.name(a.debt_id).zh for a in view.case.agreements)) or "（无）"
        fail(f"--creditor: 没有与 {creditor!r} 的还款协议（已有：{known}）/ no agreement with {creditor!r}")
    return wanted


def _print(view: CaseView, chosen: list[Agreement]) -> None:
    console = Console()
    for agreement in chosen:
        state = view.agreement_state(agreement)
        findings = view.review(agreement)
        name = view.name(agreement.debt_id).zh
        console.print(
            f"\n[bold]与{name}的还款协议（{agreement.agreed_on} 达成，{label(state.status).zh}）[/bold]："
            f"{len(findings)} 条提示 / {len(findings)} finding(s)",
            markup=True,
        )
        for finding in findings:
            rule = finding.rule
            sure = confidence_label(rule.confidence, short=True).zh
            console.print(f"  [{SEVERITY[rule.severity].zh}] {finding.title.zh}", markup=False)
            console.print(f"      涉及：{finding.concerns.zh}", markup=False)
            console.print(f"      说明：{finding.explain.zh}", markup=False)
            console.print(f"      建议：{finding.ask.zh}", markup=False)
            if finding.message is not None:
                console.print(f"      可以发送：{finding.message.zh}", markup=False)
            console.print(f"      出处：{rule.source}（{sure}）", markup=False)
    guard = view.agent_guard
    if guard is not None:
        console.print(f"\n[bold]{guard.title.zh}[/bold]", markup=True)
        for point in guard.points:
            console.print(f"  · {point.zh}", markup=False)
        sure = confidence_label(guard.confidence, short=True).zh
        console.print(f"  出处：{guard.source}（{sure}）", markup=False)
    console.print("\n以上为参考信息，不是法律意见。Reference only, not legal advice.")


def review_command(
    file: Annotated[Path, typer.Argument(help="案件文件 Case file (YAML or JSON)")],
    creditor: Annotated[
        str | None, typer.Option("--creditor", help="债权人名称或借款编号 Creditor name or debt id")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="检查日 YYYY-MM-DD（默认：文件中的 as_of，否则今天） Day of the review"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """签字前检查还款协议：每条提示的说明、涉及条款、应当要求什么、出处。 Review the agreements before signing."""
    view = load_view(file, as_of)
    chosen = _chosen(view, creditor)
    if not chosen:
        fail("案件文件中没有还款协议（agreements）/ the case file has no agreements")
    if as_json:
        print_json(
            {
                "as_of": view.as_of.isoformat(),
                "agreements": [
                    {
                        "debt": a.debt_id,
                        "creditor": view.name(a.debt_id).zh,
                        **agreement_json(view.agreement_state(a)),
                        "findings": [finding_json(f) for f in view.review(a)],
                    }
                    for a in chosen
                ],
                "notice": guard_json(view.agent_guard, view),
                "note": "仅供参考，不构成法律意见。 Reference only, not legal advice.",
            }
        )
    else:
        _print(view, chosen)
