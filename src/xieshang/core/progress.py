"""Progress report (还款情况汇报): what the borrower tells a creditor each month to show good faith.

For one debt and one period: what was paid in the period (recorded payments), paid in total, what remains
(principal, interest and 罚息, fees) on the period's last day, the current financial situation, the plan for
the next period, and the receipts (evidence files). Outputs: a short text for SMS/WeChat (≤ 300 characters)
and an email body; the DOCX/PDF version takes :class:`ProgressReport` as its data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from .contacts import Channel, ContactEntry, Direction
from .errors import ValidationError
from .money import ZERO, yuan
from .overdue import OverdueStatus, overdue_status
from .terms import Loan, Payment

SMS_LIMIT = 300


@dataclass(frozen=True)
class Receipt:
    """A payment receipt or other proof kept in the evidence store."""

    sha256: str
    description: str
    day: date | None = None
    seq: int | None = None
    name: str = ""
    media_type: str = ""


@dataclass(frozen=True)
class ProgressReport:
    debt_id: str
    creditor: str
    borrower_name: str
    period_start: date
    period_end: date
    payments: tuple[Payment, ...]  # recorded in the period
    paid_in_period: Decimal
    paid_total: Decimal  # everything paid up to period_end
    remaining_principal: Decimal
    remaining_interest: Decimal  # contractual interest due and unpaid
    remaining_penalty: Decimal  # 罚息 + 复利
    remaining_fees: Decimal  # fees and 违约金
    remaining_total: Decimal
    monthly_available: Decimal | None = None  # what the borrower can pay a month now (from the statement)
    situation: str = ""
    next_plan: str = ""
    next_amount: Decimal | None = None
    receipts: tuple[Receipt, ...] = ()


def progress_report(
    loan: Loan,
    period_start: date,
    period_end: date,
    *,
    borrower_name: str = "",
    monthly_available: Decimal | None = None,
    situation: str = "",
    next_plan: str = "",
    next_amount: Decimal | None = None,
    receipts: Iterable[Receipt] = (),
    status: OverdueStatus | None = None,
) -> ProgressReport:
    """The report for ``loan`` over ``period_start``–``period_end`` (both days included). ``status``: the debt
    on ``period_end`` as the caller analysed it (under its agreement, say); replayed from the contract if not
    given."""
    if period_end < period_start:
        raise ValidationError("汇报期间的结束日早于开始日 (period ends before it starts)", "period_end")
    if status is None:
        status = overdue_status(loan, period_end)
    payments = tuple(
        sorted((p for p in loan.payments if period_start <= p.date <= period_end), key=lambda p: p.date)
    )
    left = status.outstanding
    return ProgressReport(
        debt_id=loan.id,
        creditor=loan.creditor or loan.id,
        borrower_name=borrower_name,
        period_start=period_start,
        period_end=period_end,
        payments=payments,
        paid_in_period=sum((p.amount for p in payments), ZERO),
        paid_total=status.paid_total,
        remaining_principal=left.principal,
        remaining_interest=left.interest,
        remaining_penalty=left.penalty,
        remaining_fees=left.fees,
        remaining_total=left.total,
        monthly_available=monthly_available,
        situation=situation.strip(),
        next_plan=next_plan.strip(),
        next_amount=next_amount,
        receipts=tuple(receipts),
    )


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def sms_text(report: ProgressReport) -> str:
    """At most 300 characters naming what was paid and what remains; optional parts are shortened first."""
    who = _clip(report.borrower_name, 12) or "借款人"
    head = f"【还款情况汇报】{_clip(report.creditor, 24)}您好，我是{who}。"
    core = (
        f"{_md(report.period_start)}至{_md(report.period_end)}已还{yuan(report.paid_in_period)}，"
        f"累计已还{yuan(report.paid_total)}；尚欠本金{yuan(report.remaining_principal)}、"
        f"利息罚息{yuan(report.remaining_interest + report.remaining_penalty)}、"
        f"费用{yuan(report.remaining_fees)}，合计{yuan(report.remaining_total)}。"
    )
    tail = "恳请继续协商，谢谢。"
    optional = []
    if report.monthly_available is not None:
        optional.append(f"目前每月可用于还款约{yuan(report.monthly_available)}。")
    if report.next_plan or report.next_amount is not None:
        amount = f"还{yuan(report.next_amount)}" if report.next_amount is not None else ""
        optional.append(
            f"下期计划：{amount}{'，' if amount and report.next_plan else ''}{report.next_plan}。"
        )
    if report.receipts:
        optional.append(f"还款凭证{len(report.receipts)}份可另发。")
    text = head + core
    for part in optional:
        room = SMS_LIMIT - len(text) - len(tail)
        if room <= 1:
            break
        text += part if len(part) <= room else _clip(part.rstrip("。"), room)
    text = text + tail if len(text) + len(tail) <= SMS_LIMIT else text
    if len(text) > SMS_LIMIT:  # only with absurd amounts: keep what was paid and what remains
        text = _clip(head + core, SMS_LIMIT)
    assert len(text) <= SMS_LIMIT
    return text


def email_subject(report: ProgressReport) -> str:
    who = report.borrower_name or "借款人"
    return f"还款情况汇报（{who}，{report.period_start:%Y-%m-%d} 至 {report.period_end:%Y-%m-%d}）"


def email_body(report: ProgressReport) -> str:
    """A plain-text email: greeting, the figures, situation, next steps, receipts list."""
    lines = [
        f"{report.creditor}：",
        "",
        f"您好！我是借款人{report.borrower_name}（债务编号 {report.debt_id}）。现将 "
        f"{report.period_start:%Y年%m月%d日} 至 {report.period_end:%Y年%m月%d日} 的还款情况汇报如下：",
        "",
        "一、还款情况",
        f"  本期已还：{yuan(report.paid_in_period)}",
    ]
    lines += [
        f"    {p.date:%Y-%m-%d}  {yuan(p.amount)}{'  ' + p.note if p.note else ''}" for p in report.payments
    ]
    lines += [
        f"  累计已还：{yuan(report.paid_total)}",
        "",
        f"二、尚欠金额（截至 {report.period_end:%Y年%m月%d日}）",
        f"  本金：{yuan(report.remaining_principal)}",
        f"  利息：{yuan(report.remaining_interest)}",
        f"  罚息及复利：{yuan(report.remaining_penalty)}",
        f"  费用及违约金：{yuan(report.remaining_fees)}",
        f"  合计：{yuan(report.remaining_total)}",
        "",
        "三、目前财务状况",
        f"  {report.situation or '与上期相比无重大变化。'}",
    ]
    if report.monthly_available is not None:
        lines.append(f"  目前每月可用于还款的金额约为 {yuan(report.monthly_available)}。")
    lines += ["", "四、下期计划"]
    if report.next_amount is not None:
        lines.append(f"  计划还款 {yuan(report.next_amount)}。")
    lines.append(f"  {report.next_plan or '按协商方案继续还款，如有变化将及时告知。'}")
    if report.receipts:
        lines += ["", "五、还款凭证（见附件）"]
        lines += [
            f"  {i}. {r.description}{'（' + r.day.isoformat() + '）' if r.day else ''}  SHA-256 {r.sha256[:16]}…"
            for i, r in enumerate(report.receipts, start=1)
        ]
    lines += [
        "",
        "我会继续尽最大努力还款，恳请贵司继续协商、停止对我及家人的催收打扰。谢谢！",
        "",
        report.borrower_name,
    ]
    return "\n".join(lines) + "\n"


def report_contact(
    report: ProgressReport, contact_id: str, when: datetime, channel: Channel = Channel.EMAIL
) -> ContactEntry:
    """The contact-log entry that records sending the report (with the receipts as its attachments)."""
    return ContactEntry(
        id=contact_id,
        debt_id=report.debt_id,
        creditor=report.creditor,
        when=when,
        channel=channel,
        direction=Direction.OUTGOING,
        summary=(
            f"发送还款情况汇报（{report.period_start:%Y-%m-%d} 至 {report.period_end:%Y-%m-%d}）："
            f"本期已还{yuan(report.paid_in_period)}，尚欠合计{yuan(report.remaining_total)}"
        ),
        our_promises=report.next_plan,
        attachments=tuple(r.sha256 for r in report.receipts),
    )
