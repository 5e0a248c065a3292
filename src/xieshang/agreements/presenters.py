"""What the agreement pages show, picked out of the case view in the page's language. No rule is decided here:
states, instalment statuses, findings, the next instalment and the scam guard are the view's (``xieshang.view``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language

from xieshang.core.bilingual import Text
from xieshang.core.vocabulary import AgreementStatus, confidence_label, label
from xieshang.view import Agreement, AgreementState, CaseView, InstalmentState, ReviewFinding

SEVERITY: dict[str, Text] = {
    "red": Text("危险信号", "Red flag"),
    "fix": Text("签字前改正", "Fix before signing"),
    "note": Text("提示", "Note"),
}
GUARD_LIMIT = 3  # flagged contacts listed on the dashboard


def page_text(text: Text) -> str:
    return text.get(get_language())


@dataclass(frozen=True)
class InstalmentRow:
    state: InstalmentState
    status: str
    receipts: tuple[str, ...]

    @property
    def css(self) -> str:
        return f"inst-{self.state.status.value}"


@dataclass(frozen=True)
class FindingItem:
    finding: ReviewFinding
    severity: str
    severity_label: str
    title: str
    concerns: str
    explain: str
    ask: str
    source: str
    confidence: str
    message: str


def status_label(state: AgreementState) -> str:
    if state.agreement.draft:
        return page_text(Text("草稿：尚未签字", "Draft: not signed yet"))
    return page_text(label(state.status))


def status_class(state: AgreementState) -> str:
    if state.agreement.draft:
        return "draft"
    return {
        AgreementStatus.LATE: "late",
        AgreementStatus.BROKEN: "broken",
    }.get(state.status, "ok")


def summary(view: CaseView, agreement: Agreement) -> dict[str, Any]:
    """One agreement's state as every page shows it: status, money, the next and late instalments."""
    state = view.agreement_state(agreement)
    return {
        "agreement": agreement,
        "state": state,
        "name": page_text(view.name(agreement.debt_id)),
        "status_label": status_label(state),
        "status_class": status_class(state),
        "made_label": page_text(label(agreement.made)),
        "next": state.next,
        "late": state.late,
    }


def instalment_rows(state: AgreementState) -> list[InstalmentRow]:
    agreement = state.agreement
    return [
        InstalmentRow(
            i,
            page_text(label(i.status)),
            tuple(d for a in i.applied for d in agreement.receipts_of(a.payment_id)),
        )
        for i in state.instalments
    ]


def terms(agreement: Agreement) -> list[tuple[str, str]]:
    """The agreement's terms as label → value, each as people call it (unstated ones say so)."""

    def tri(value: bool | None) -> Text:
        if value is None:
            return Text("协议没有写明", "Not stated")
        return Text("是", "Yes") if value else Text("否", "No")

    a = agreement
    rows = [
        (Text("协议形式", "How it was made"), label(a.made)),
        (
            Text("代表债权人的人", "Who agreed for the creditor"),
            Text.same(a.creditor_party) if a.creditor_party else Text("没有填写", "Not given"),
        ),
        (
            Text("宽限期", "Grace period"),
            Text(f"{a.grace_days} 天", f"{a.grace_days} days")
            if a.grace_days is not None
            else Text("协议没有写明", "Not stated"),
        ),
        (Text("迟还或漏还怎么办", "If a payment is late"), label(a.on_default)),
        (Text("协议期间停止催收", "Collection stops"), tri(a.collection_stops)),
        (Text("征信", "Credit report"), label(a.credit_reporting)),
        (Text("继续收取年费、利息等费用", "Fees and interest continue"), tri(a.charges_continue)),
        (Text("钱付给谁", "Paid to"), label(a.payee)),
        (
            Text("收款账户或还款渠道", "Account or channel"),
            Text.same(a.account) if a.account else Text("没有填写", "Not given"),
        ),
    ]
    return [(page_text(k), page_text(v)) for k, v in rows]


def waived_rows(agreement: Agreement) -> list[tuple[str, Decimal]]:
    w = agreement.waived
    parts = (
        (Text("罚息、复利", "Penalty interest"), w.penalty),
        (Text("费用、违约金", "Fees and late fees"), w.fees),
        (Text("利息", "Interest"), w.interest),
        (Text("本金", "Principal"), w.principal),
    )
    return [(page_text(name), amount) for name, amount in parts if amount]


def finding_items(findings: tuple[ReviewFinding, ...]) -> list[FindingItem]:
    return [
        FindingItem(
            finding=f,
            severity=f.rule.severity,
            severity_label=page_text(SEVERITY[f.rule.severity]),
            title=page_text(f.title),
            concerns=page_text(f.concerns),
            explain=page_text(f.explain),
            ask=page_text(f.ask),
            source=f.rule.source,
            confidence=page_text(confidence_label(f.rule.confidence)),
            message=page_text(f.message) if f.message is not None else "",
        )
        for f in findings
    ]


def guard(view: CaseView) -> dict[str, Any] | None:
    """The notice about paid debt agents, the free channels it names, and the contacts that look like one."""
    notice = view.agent_guard
    if notice is None:
        return None
    channels = {c.id: c for c in view.reference.help_channels}
    names = {c.id: c for c in view.case.contacts}
    flagged = [
        {
            "contact": names[f.contact_id],
            "who": names[f.contact_id].creditor or page_text(view.name(f.debt_id)),
            "words": "、".join(f.words),
        }
        for f in view.agent_contacts
        if f.contact_id in names
    ]
    return {
        "title": page_text(notice.title),
        "points": [page_text(p) for p in notice.points],
        "source": notice.source,
        "confidence": page_text(confidence_label(notice.confidence)),
        "channels": [
            (channels[c].number, page_text(Text(channels[c].name_zh, channels[c].name_en)))
            for c in notice.channels
            if c in channels
        ],
        "flagged": flagged,
        "flagged_shown": flagged[:GUARD_LIMIT],
    }
