"""Gather a document's inputs from a case file: materials, the chosen proposals, the statement, findings.

Each part comes from the module that owns it (``core.plan``, ``core.statement``, ``core.collection``) and from
the case file's sections (``disputes`` and ``progress_notes`` for the 征信异议申请 and the 还款情况汇报, narrowed
to the chosen creditor by ``context.build_context``). A part that is missing, or that cannot be computed yet (a plan without a budget), is
left out, and the reason is returned as a note; the documents then say that the information is not there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import yaml

from xieshang.core.case import Case
from xieshang.core.chinese_dates import chinese_date
from xieshang.core.collection import check_contacts
from xieshang.core.dates import add_months
from xieshang.core.disputes import CreditRule, credit_rules_from_dict, letter_basis
from xieshang.core.errors import XieshangError
from xieshang.core.masking import Disclosure
from xieshang.core.materials import Catalog, catalog_from_dict
from xieshang.core.money import ZERO
from xieshang.core.options import OptionKind
from xieshang.core.plan import build_plan
from xieshang.core.positions import positions_from_case
from xieshang.core.statement import Group, Statement, evaluate
from xieshang.reference import (
    collection_rules,
    help_channel,
    legal_lines,
    lpr_series,
    plan_limits,
    read_data_text,
)

from .context import (
    DocumentInputs,
    EvidenceRow,
    FinancialStatement,
    Proposal,
    ProposalRow,
    StatementLine,
    findings_from_collection,
    money,
)

OPTION_LABELS = {
    OptionKind.AS_IS: "维持原合同还款",
    OptionKind.REINSTALMENT: "重新分期",
    OptionKind.DEFERRAL: "延期还款（宽限期）",
    OptionKind.INTEREST_FREEZE: "停息挂账",
    OptionKind.WAIVER: "减免罚息和费用",
    OptionKind.SETTLEMENT: "一次性结清（或短期内结清）",
}
GROUP_LABELS = {
    Group.INCOME: "收入",
    Group.ESSENTIAL: "必要支出",
    Group.FLEXIBLE: "生活支出",
    Group.PRIORITY: "优先债务",
}
ASSET_LABELS = {"property": "房产", "vehicle": "车辆", "savings": "存款、理财", "deposits": "押金、公积金等"}
REGULATOR_CHANNEL = "nfra-12378"


@cache
def materials_catalog() -> Catalog:
    return catalog_from_dict(yaml.safe_load(read_data_text("materials.yaml")))


@cache
def credit_rules() -> tuple[CreditRule, ...]:
    """The credit-report rules of ``data/credit_rules.yaml`` (cited next to disputes, with source and confidence)."""
    return credit_rules_from_dict(yaml.safe_load(read_data_text("credit_rules.yaml")))


@cache
def _category_labels() -> dict[str, str]:
    data = yaml.safe_load(read_data_text("budget_categories.yaml"))
    return {str(c["id"]): str(c["zh"]) for c in data.get("categories", [])}


@dataclass(frozen=True)
class Gathered:
    inputs: DocumentInputs
    notes: tuple[str, ...] = field(default_factory=tuple)


def gather(
    case: Case,
    as_of: date | None = None,
    *,
    disclosure: Disclosure | None = None,
    complaint_to: str = "institution",
    evidence: Sequence[EvidenceRow] = (),
    progress: Sequence[str] = (),
) -> Gathered:
    """Everything the documents can say about ``case`` on ``as_of`` (default: the case's date)."""
    day = as_of or case.as_of
    if day is None:
        raise XieshangError("案件没有计算日期（as_of），请在案件文件中填写 as_of 或使用 --as-of")
    notes: list[str] = []
    proposals = _proposals(case, day, notes)
    statement = _statement(case.budget)
    contacts = case.contacts
    findings = findings_from_collection(check_contacts(contacts, collection_rules())) if contacts else []
    channel = help_channel(REGULATOR_CHANNEL)
    disputes = case.disputes
    progress_notes = case.progress_notes
    known = {d.creditor for d in case.debts} | {d.id for d in case.debts}
    for name in dict.fromkeys(x.creditor for x in (*disputes, *progress_notes) if x.creditor not in known):
        notes.append(f"征信异议或执行情况写的债权人“{name}”不在案件的债务中，文书中不包含它")
    inputs = DocumentInputs(
        case=case,
        as_of=day,
        disclosure=disclosure or Disclosure(),
        catalog=materials_catalog(),
        proposals=proposals,
        statement=statement,
        findings=tuple(findings),
        evidence=tuple(evidence),
        progress=tuple(progress),
        progress_notes=progress_notes,
        disputes=disputes,
        dispute_basis=letter_basis(credit_rules()),
        complaint_to=complaint_to,
        regulator=(f"{channel.name_zh}（{channel.number}）", channel.note_zh),
    )
    return Gathered(inputs, tuple(notes))


def _proposals(case: Case, as_of: date, notes: list[str]) -> dict[str, Proposal]:
    spec = case.plan
    if spec is None or not any(c.proposed for c in spec.choices):
        return {}
    try:
        positions = positions_from_case(case, as_of, legal_lines(), lpr_series())
        result = build_plan(positions, spec, as_of, plan_limits())
    except XieshangError as error:
        notes.append(f"还款方案无法计算，文书中不包含方案：{error}")
        return {}
    proposals: dict[str, Proposal] = {}
    projection = result.projection
    start = projection.start
    for creditor in result.proposals:
        outcome, debt_id = creditor.outcome, creditor.position.id
        label = OPTION_LABELS.get(outcome.kind, str(outcome.kind))
        # The option's own schedule when the budget's share for this creditor covers it; otherwise what the
        # plan can pay: the creditor's share of the monthly budget, month by month, as projected.
        projected = tuple(
            ProposalRow(
                r.index,
                add_months(start, r.index - 1),
                r.payments.get(debt_id, ZERO),
                r.interest.get(debt_id, ZERO),
                r.balances.get(debt_id, ZERO),
            )
            for r in projection.rows
            if r.payments.get(debt_id, ZERO) > 0
        )
        # The plan's own judgement (core.plan.Affordability): the share in the option's first instalment
        # month, after any grace, against what the option asks.
        affordable = creditor.affordable
        opening = [
            f"就借款{debt_id}，申请人提出的方案为：{label}。截至{chinese_date(as_of)}，该笔借款尚欠本金"
            f"{money(creditor.position.principal)}元，利息、罚息及费用{money(creditor.position.charges)}元。"
        ]
        if affordable or not projected:
            rows = tuple(
                ProposalRow(r.month, add_months(start, r.month - 1), r.payment, r.interest, r.balance)
                for r in outcome.rows
            )
            summary = [
                *opening,
                f"按此方案，申请人自{chinese_date(start)}起分{outcome.months}期还款，每期约{money(outcome.monthly)}元，"
                f"合计还款{money(outcome.total_paid)}元。",
            ]
        else:
            rows = projected
            summary = [
                *opening,
                f"申请人每月可用于偿还全部债务的金额为{money(projection.budget)}元，按同一规则在各债权人之间分配，"
                f"不足以按{outcome.months}期每期{money(outcome.monthly)}元还款。因此申请人自{chinese_date(start)}起"
                f"每月还款{money(rows[0].payment)}元（其他债务还清后相应增加），共{len(rows)}期，"
                f"合计还款{money(sum((r.payment for r in rows), ZERO))}元。",
            ]
        if outcome.waived > 0:
            summary.append(f"方案请求减免{money(outcome.waived)}元。")
        proposals[debt_id] = Proposal(debt_id, tuple(summary), rows)
    return proposals


def _statement(value: Statement | None) -> FinancialStatement | None:
    if value is None:
        return None
    labels = _category_labels()
    lines = tuple(
        StatementLine(
            line.label or labels.get(line.category, line.category), GROUP_LABELS[line.group], line.amount
        )
        for line in value.lines
    )
    assets = [
        f"{ASSET_LABELS.get(a.kind.value, a.kind.value)}{money(a.value)}元"
        + (f"（{a.note}）" if a.note else "")
        for a in value.assets
    ]
    outcome = evaluate(value)
    notes = ("资产：" + "；".join(assets) + "。",) if assets else ("（未填写资产情况）",)
    return FinancialStatement(lines, outcome.available, notes)
