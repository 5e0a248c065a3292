"""What each document shows, as plain data: strings, lists and dicts built from a case (no decisions).

:func:`build_context` turns a :class:`~xieshang.core.case.Case` and whatever else is known (materials, the
chosen proposals, the financial statement, collection findings, the evidence index, progress notes, a credit
dispute) into the dict a template prints. Every amount is given in figures and, where a letter states a sum,
in Chinese capitals; every date in Chinese form. Whatever is not known yet is said in the document
("（尚未制定还款方案）") instead of being invented.

User text is cleaned of characters XML cannot hold (control characters) and split into paragraphs; escaping
for HTML and Word XML is the templates' job (autoescape in both), so ``<b>``, ``{{ x }}`` or ``]]>`` typed by a
user appear literally.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from xieshang.core.capitals import amount_to_capitals
from xieshang.core.case import Case
from xieshang.core.chinese_dates import capital_date, chinese_date
from xieshang.core.cost import true_cost
from xieshang.core.disputes import CreditDispute, ProgressNote, about, in_period_order, recipient_name
from xieshang.core.errors import XieshangError
from xieshang.core.masking import Disclosure, shown_email, shown_id_number, shown_phone
from xieshang.core.materials import Catalog, Checklist, Materials, Status, build_checklist
from xieshang.core.money import ZERO, cents, grouped, rate_to_percent
from xieshang.core.overdue import overdue_status
from xieshang.core.terms import Loan, Method

NOTE = "本文书由“协商 Xieshang”根据使用者提供的信息生成，仅供参考，不构成法律意见。提交前请核对全部内容，并亲笔签名。"
NOT_GIVEN = "（未填写）"
BLANK = "______________"  # a missing personal detail prints as a line to fill in by hand
DISPUTE_REQUEST = "请对上述信用记录进行核查，如信息有误，请予以更正或删除，并将核查结果书面告知申请人。"
METHOD_LABELS = {
    Method.EQUAL_INSTALLMENT: "等额本息",
    Method.EQUAL_PRINCIPAL: "等额本金",
    Method.INTEREST_ONLY: "先息后本",
    Method.BULLET: "一次性还本付息",
    Method.DAILY: "按日计息",
    Method.CARD_INSTALMENT: "信用卡分期",
    Method.REVOLVING: "信用卡循环",
}
# How a letter speaks of its proofs: attached, to follow, or to be renewed.
_PROOF_STATUS = {Status.READY: "已附", Status.MISSING: "待补充", Status.EXPIRED: "待更新"}
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


# ---- inputs other features provide -------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalRow:
    period: int
    due_date: date | None
    payment: Decimal
    interest: Decimal
    balance: Decimal


@dataclass(frozen=True)
class Proposal:
    """The proposal chosen for one debt in the plan builder, in words and as a schedule."""

    debt_id: str
    summary: tuple[str, ...]
    rows: tuple[ProposalRow, ...] = ()


@dataclass(frozen=True)
class StatementLine:
    label: str
    kind: str  # 收入 / 支出 / 资产 / 其他负债
    amount: Decimal


@dataclass(frozen=True)
class FinancialStatement:
    lines: tuple[StatementLine, ...]
    available: Decimal | None = None  # what is left each month for the debts
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One breach of collection rules (from the contact log), with the rule it breaks."""

    when: str
    conduct: str
    rule: str  # title and citation of the rule, from the data file
    institution: str = ""  # the creditor the conduct is attributed to ("" = not known)


CONFIDENCE_LABELS = {"text": "原文", "press": "据报道", "unverified": "未核实"}


def findings_from_collection(findings: Sequence[Any]) -> list[Finding]:
    """Rows for the complaint from :func:`xieshang.core.collection.check_contacts` findings."""
    rows = []
    for f in findings:
        confidence = CONFIDENCE_LABELS.get(f.confidence, f.confidence)
        rule = f"{f.title_zh}（{f.source}；{confidence}）"
        rows.append(Finding(chinese_date(f.day), f.detail_zh, rule, f.institution))
    return rows


@dataclass(frozen=True)
class EvidenceRow:
    number: int
    name: str
    source: str
    formed_at: str
    proves: str
    file: str


@dataclass(frozen=True)
class Dispute:
    """A wrong credit-report record: what it says, what is true, what to do."""

    facts: tuple[str, ...]
    requests: tuple[str, ...] = ()
    proofs: tuple[str, ...] = ()
    recipient: str = ""


@dataclass(frozen=True)
class DocumentInputs:
    """Everything a document may draw on. Only ``case`` and ``as_of`` are required."""

    case: Case
    as_of: date
    disclosure: Disclosure = field(default_factory=Disclosure)
    catalog: Catalog | None = None
    materials: Materials | None = None  # default: case.sections["materials"]
    proposals: Mapping[str, Proposal] = field(default_factory=dict)  # by debt id
    statement: FinancialStatement | None = None
    findings: Sequence[Finding] = ()
    evidence: Sequence[EvidenceRow] = ()
    progress: Sequence[str] = ()  # paragraphs for every creditor, before the progress notes
    progress_notes: Sequence[ProgressNote] | None = None  # default: case.sections["progress_notes"]
    dispute: Dispute | None = None  # as given; otherwise built from ``disputes`` for the chosen creditor
    disputes: Sequence[CreditDispute] | None = None  # default: case.sections["disputes"]
    dispute_basis: Mapping[str, str] = field(
        default_factory=dict
    )  # recipient → rule sentence (credit_rules.yaml)
    complaint_to: str = "institution"  # or "regulator" (12378)
    regulator: tuple[str, str] = ("", "")  # (name, note) of the complaint channel, from help_channels.yaml


# ---- helpers -------------------------------------------------------------------------------------------


def clean(text: object) -> str:
    """User text safe for XML: control characters dropped, tabs as spaces, line ends unified."""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _XML_INVALID.sub("", value)


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in clean(text).split("\n") if line.strip()]


def money(amount: Decimal) -> str:
    return grouped(amount)


def capitals(amount: Decimal) -> str:
    amount = cents(amount)
    return amount_to_capitals(amount) if amount >= 0 else "负" + amount_to_capitals(-amount)


def creditor_debts(case: Case, creditor: str | None) -> tuple[Loan, ...]:
    """The debts owed to ``creditor`` (its name or one debt id); all debts when ``None``."""
    if creditor is None:
        return case.debts
    chosen = tuple(d for d in case.debts if d.creditor == creditor or d.id == creditor)
    if not chosen:
        return ()
    name = chosen[0].creditor
    return tuple(d for d in case.debts if name and d.creditor == name) or chosen


def creditors(case: Case) -> list[str]:
    """Creditor names in case order (a debt without a creditor name stands for itself by its id)."""
    return list(dict.fromkeys(d.creditor or d.id for d in case.debts))


def _debt_row(loan: Loan) -> dict[str, str]:
    return {
        "id": clean(loan.id),
        "creditor": clean(loan.creditor) or NOT_GIVEN,
        "start_date": chinese_date(loan.start_date),
        "principal": money(loan.principal),
        "received": money(loan.cash_received),
        "term": "循环" if loan.method is Method.REVOLVING else f"{loan.term_months}期",
        "method": METHOD_LABELS[loan.method],
        "rate": _contract_rate(loan),
        "apr": _apr(loan),
    }


def _contract_rate(loan: Loan) -> str:
    """The rate as the contract states it: a day, a month (card instalment fee) or a year."""
    if loan.method is Method.DAILY and loan.daily_rate is not None:
        return f"日{_percent(loan.daily_rate, 4)}"
    if loan.method is Method.CARD_INSTALMENT and loan.period_fee_rate is not None:
        return f"月费率{_percent(loan.period_fee_rate)}"
    return f"年{_percent(loan.annual_rate)}"


def _percent(rate: Decimal, places: int = 2) -> str:
    return f"{rate_to_percent(rate):.{places}f}".rstrip("0").rstrip(".") + "%"


def _apr(loan: Loan) -> str:
    """The true yearly cost (IRR × periods, PBoC presentation); a dash when it cannot be computed."""
    try:
        return _percent(true_cost(loan).apr)
    except XieshangError:
        return "—"


def _overdue_lines(debts: Sequence[Loan], as_of: date) -> list[str]:
    lines = []
    for loan in debts:
        status = overdue_status(loan, as_of)
        if status.days_overdue <= 0:
            continue
        charges = status.outstanding.penalty
        lines.append(
            f"借款{clean(loan.id)}截至{chinese_date(as_of)}已逾期{status.days_overdue}天，逾期应还合计人民币"
            f"{money(status.overdue_total)}元（大写：{capitals(status.overdue_total)}），其中罚息、复利"
            f"{money(charges)}元；尚欠本金{money(status.outstanding.principal)}元。"
        )
    return lines


def _credit_lines(debts: Sequence[Loan], as_of: date) -> list[str]:
    """The debts paid beyond everything owed: the borrower's money, to be refunded or set off."""
    lines = []
    for loan in debts:
        credit = overdue_status(loan, as_of).credit
        if credit > 0:
            lines.append(
                f"借款{clean(loan.id)}截至{chinese_date(as_of)}已多还人民币{money(credit)}元"
                f"（大写：{capitals(credit)}），超过全部欠款，请予退还或在其他欠款中抵扣。"
            )
    return lines


def _remaining_lines(debts: Sequence[Loan], as_of: date) -> list[str]:
    """What each debt still owes on ``as_of``, from the engine's overdue status (as the progress report uses)."""
    lines = []
    for loan in debts:
        status = overdue_status(loan, as_of)
        left = status.outstanding
        lines.append(
            f"借款{clean(loan.id)}：截至{chinese_date(as_of)}累计已还{money(status.paid_total)}元；尚欠本金"
            f"{money(left.principal)}元、利息{money(left.interest)}元、罚息及复利{money(left.penalty)}元、"
            f"费用及违约金{money(left.fees)}元，合计{money(left.total)}元（大写：{capitals(left.total)}）。"
        )
    return lines


def _checklist(inputs: DocumentInputs, debts: Sequence[Loan], materials: Materials) -> Checklist | None:
    if inputs.catalog is None:
        return None
    return build_checklist(inputs.catalog, materials, [d.lender_type for d in debts], inputs.as_of)


def _proposal_rows(proposal: Proposal) -> list[dict[str, str]]:
    return [
        {
            "period": str(r.period),
            "due_date": chinese_date(r.due_date) if r.due_date else f"第{r.period}个月",
            "payment": money(r.payment),
            "principal": money(r.payment - r.interest),
            "charges": money(r.interest),
            "balance": money(r.balance),
        }
        for r in proposal.rows
    ]


def _ending(text: str) -> str:
    """User text with its closing punctuation dropped, so a sentence can end it."""
    return clean(text).strip().rstrip("。；;，,.! ！")


def dispute_letter(
    disputes: Sequence[CreditDispute], catalog: Catalog | None = None, basis: Mapping[str, str] | None = None
) -> Dispute | None:
    """The 征信异议申请's facts, requests, proofs and recipient from the disputes about one creditor.

    Each wrong record is one numbered fact (institution, account, date, what the report says, what is true);
    requests and proofs of all of them are listed once each (a proof that is a checklist item id prints as the
    item's name); the letter goes to the first dispute's recipient, and ends its requests with the rule on the
    reply deadline that recipient answers under (``basis``, from the data file).
    """
    if not disputes:
        return None
    facts = ["申请人查询本人信用报告，发现下列信息与事实不符："]
    for number, dispute in enumerate(disputes, start=1):
        record = dispute.record
        where = [f"报送机构：{_ending(record.institution)}"]
        if record.account.strip():
            where.append(f"账户：{_ending(record.account)}")
        if record.reported:
            where.append(f"报送（更新）日期：{chinese_date(record.reported)}")
        facts.append(f"{number}. {'；'.join(where)}。")
        facts.append(f"信用报告记载：{_ending(record.wrong)}。")
        facts.append(f"实际情况：{_ending(record.correct)}。")
    wanted = [_ending(r) for r in dict.fromkeys(r for d in disputes for r in d.requests)] or [
        _ending(DISPUTE_REQUEST)
    ]
    rule = (basis or {}).get(disputes[0].recipient.value, "")
    if rule:
        wanted.append(_ending(rule))
    requests = [f"{n}. {r}{'。' if n == len(wanted) else '；'}" for n, r in enumerate(wanted, start=1)]
    proofs = []
    for number, proof in enumerate(dict.fromkeys(p for d in disputes for p in d.proofs), start=1):
        proofs.append(f"{number}. {_material_name(catalog, proof)}")
    return Dispute(tuple(facts), tuple(requests), tuple(proofs), recipient_name(disputes[0]))


def _material_name(catalog: Catalog | None, proof: str) -> str:
    if catalog is None:
        return proof
    try:
        return catalog.item(proof).name
    except KeyError:
        return proof


def progress_paragraphs(notes: Sequence[ProgressNote]) -> list[str]:
    """Each note in period order, its first paragraph opened by the period it covers."""
    lines: list[str] = []
    for note in in_period_order(notes):
        parts = paragraphs(note.text)
        if parts:
            lines.append(f"{chinese_date(note.start)}至{chinese_date(note.end)}：{parts[0]}")
            lines.extend(parts[1:])
    return lines


# ---- the context ---------------------------------------------------------------------------------------


def _findings_about(findings: Sequence[Finding], debts: Sequence[Loan]) -> list[Finding]:
    """A complaint about one creditor lists only the conduct attributed to it (all findings when no creditor
    is chosen, and findings whose institution is not known)."""
    if not debts:
        return list(findings)
    names = {d.creditor for d in debts} | {d.id for d in debts}
    return [f for f in findings if not f.institution or f.institution in names]


def build_context(inputs: DocumentInputs, creditor: str | None = None) -> dict[str, Any]:
    """The data every template can use; ``creditor`` (a name or a debt id) narrows it to one creditor."""
    case, as_of, shown = inputs.case, inputs.as_of, inputs.disclosure
    debts = creditor_debts(case, creditor)
    materials = inputs.materials or case.sections.get("materials") or Materials()
    borrower = case.borrower
    creditor_name = clean(debts[0].creditor or debts[0].id) if creditor is not None and debts else ""
    principal = sum((d.principal for d in debts), ZERO)
    received = sum((d.cash_received for d in debts), ZERO)

    hardship = materials.hardship
    checklist = _checklist(inputs, debts, materials)
    proofs = []
    attachments = []
    if checklist is not None:
        listed = [e for e in checklist.entries if e.required or e.status is Status.READY]
        for number, entry in enumerate(listed, start=1):
            proofs.append(
                {
                    "number": str(number),
                    "name": entry.item.name,
                    "status": _PROOF_STATUS[entry.status],
                    "remark": "；".join(entry.warnings),
                }
            )
        ready = [e for e in checklist.entries if e.status is Status.READY]
        attachments = [f"{n}. {e.item.name}" for n, e in enumerate(ready, start=1)]

    proposals = [inputs.proposals[d.id] for d in debts if d.id in inputs.proposals]
    plan_paragraphs = [clean(line) for p in proposals for line in p.summary]
    plan_rows = [row for p in proposals for row in _proposal_rows(p)]
    plan_total = sum((r.payment for p in proposals for r in p.rows), ZERO)
    plan_interest = sum((r.interest for p in proposals for r in p.rows), ZERO)

    payments = [(loan.id, payment) for loan in debts for payment in loan.payments if payment.date <= as_of]
    payments.sort(key=lambda item: item[1].date)
    paid_total = sum((p.amount for _, p in payments), ZERO)

    statement = inputs.statement
    to_regulator = inputs.complaint_to == "regulator"
    addressee = inputs.regulator[0] if to_regulator else creditor_name
    names = {d.creditor for d in debts} | {d.id for d in debts}
    all_disputes = inputs.disputes if inputs.disputes is not None else case.sections.get("disputes", ())
    disputes = about(all_disputes, names) if creditor is not None else tuple(all_disputes)
    dispute = inputs.dispute or dispute_letter(disputes, inputs.catalog, inputs.dispute_basis)
    all_notes = (
        inputs.progress_notes
        if inputs.progress_notes is not None
        else case.sections.get("progress_notes", ())
    )
    notes = about(all_notes, names) if creditor is not None else tuple(all_notes)
    progress = [line for text in inputs.progress for line in paragraphs(text)] + progress_paragraphs(notes)

    return {
        "note": NOTE,
        "doc": {
            "date": chinese_date(as_of),
            "date_capital": capital_date(as_of),
            "as_of": chinese_date(as_of),
        },
        "case_title": f"{clean(borrower.name)}的债务协商" + (f"（{creditor_name}）" if creditor_name else ""),
        "borrower": {
            "name": clean(borrower.name) or NOT_GIVEN,
            "id_number": clean(shown_id_number(borrower.id_number, shown)) or BLANK,
            "phone": clean(shown_phone(borrower.phone, shown)) or BLANK,
            "email": clean(shown_email(borrower.email, shown)) or BLANK,
            "address": clean(borrower.address) or BLANK,
        },
        "creditor": {"name": creditor_name or "各债权人"},
        "debts": [_debt_row(d) for d in debts],
        "totals": {
            "count": str(len(debts)),
            "principal": money(principal),
            "principal_capitals": capitals(principal),
            "received": money(received),
        },
        "overdue": _overdue_lines(debts, as_of) + _credit_lines(debts, as_of),
        "hardship": {
            "given": bool(hardship.reasons or hardship.description),
            "reasons": "、".join(r.label for r in hardship.reasons) or NOT_GIVEN,
            "since": chinese_date(hardship.since) if hardship.since else "",
            "paragraphs": paragraphs(hardship.description),
            "missing": "（尚未填写困难情况）",
        },
        "proofs": proofs,
        "attachments": attachments,
        "attachments_missing": "（尚未备齐证明材料）" if checklist is not None else "（尚未登记证明材料）",
        "plan": {
            "given": bool(plan_paragraphs),
            "paragraphs": plan_paragraphs,
            "missing": "（尚未制定还款方案）",
            "rows": plan_rows,
            "rows_missing": "（尚未制定还款方案，暂无还款计划表）",
            "total": money(plan_total),
            "total_capitals": capitals(plan_total),
            "total_principal": money(plan_total - plan_interest),
            "total_charges": money(plan_interest),
        },
        "requests": _application_requests(bool(plan_paragraphs)),
        "payments": [
            {
                "number": str(n),
                "debt": clean(debt_id),
                "date": chinese_date(p.date),
                "amount": money(p.amount),
                "note": clean(p.note),
            }
            for n, (debt_id, p) in enumerate(payments, start=1)
        ],
        "paid": {"total": money(paid_total), "total_capitals": capitals(paid_total)},
        "remaining": _remaining_lines(debts, as_of) + _credit_lines(debts, as_of),
        "progress": {
            "given": bool(progress),
            "paragraphs": progress,
            "missing": "（尚未填写还款协议执行情况）",
        },
        "statement": {
            "given": statement is not None,
            "rows": [
                {"label": clean(line.label), "kind": clean(line.kind), "amount": money(line.amount)}
                for line in (statement.lines if statement else ())
            ],
            "paragraphs": _statement_paragraphs(statement),
            "missing": "（尚未填写收支情况）",
        },
        "recipient": {
            "name": clean(addressee) or "各债权人",
            "note": clean(inputs.regulator[1]) if to_regulator else "",
        },
        "findings": [
            {
                "number": str(n),
                "when": clean(f.when),
                "conduct": clean(f.conduct),
                "rule": clean(f.rule),
            }
            for n, f in enumerate(
                _findings_about(inputs.findings, debts if creditor is not None else ()), start=1
            )
        ],
        "findings_missing": "（沟通记录中尚未发现或记录违规催收行为）",
        "complaint_requests": [
            "1. 请责令被投诉机构及其委托的催收机构立即停止上述违规催收行为；",
            "2. 请对上述行为进行核查，并依法依规处理；",
            "3. 请将处理结果书面告知投诉人。",
        ],
        "evidence": [
            {
                "number": str(e.number),
                "name": clean(e.name),
                "source": clean(e.source),
                "formed_at": clean(e.formed_at),
                "proves": clean(e.proves),
                "file": clean(e.file),
            }
            for e in inputs.evidence
        ],
        "evidence_missing": "（证据库中尚无证据）",
        "dispute": {
            "given": dispute is not None and bool(dispute.facts),
            "facts": [line for text in (dispute.facts if dispute else ()) for line in paragraphs(text)],
            "requests": [clean(r) for r in dispute.requests]
            if dispute and dispute.requests
            else [DISPUTE_REQUEST],
            "proofs": [clean(p) for p in dispute.proofs] if dispute else [],
            "missing": "（尚未填写异议事项：请写明有误的记录、正确的情况和理由）",
            "recipient": (clean(dispute.recipient) if dispute else "") or creditor_name or "各债权人",
        },
    }


def _application_requests(has_plan: bool) -> list[str]:
    first = (
        "1. 请求贵方同意按上述还款方案协商还款；"
        if has_plan
        else "1. 请求贵方与申请人协商确定符合申请人实际还款能力的还款方案；"
    )
    return [
        first,
        "2. 请求减免逾期产生的罚息、复利及违约金；",
        "3. 请求在协商还款期间停止计收利息（停息挂账）；",
        "4. 请求在协商期间暂停催收，并通过上述联系方式与申请人本人沟通。",
    ]


def _statement_paragraphs(statement: FinancialStatement | None) -> list[str]:
    if statement is None:
        return []
    lines = [line for text in statement.notes for line in paragraphs(text)]
    if statement.available is not None:
        available = statement.available
        if available >= 0:
            lines.insert(
                0,
                f"扣除必要生活支出后，本人每月可用于还款的金额为人民币{money(available)}元（大写：{capitals(available)}）。",
            )
        else:
            lines.insert(
                0,
                f"本人每月收入不足以支付必要生活支出，每月缺口为人民币{money(-available)}元（大写：{capitals(-available)}）。",
            )
    return lines
