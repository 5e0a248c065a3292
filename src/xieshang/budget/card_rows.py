"""People's words for the card pages: bank and card names, the side-by-side rows of a proposal (what the case
holds, what the statement says), the payment-history months — in the page's language, never a field name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from xieshang.cases.templatetags.xs_format import day, money, pct
from xieshang.core.card_bills import CardBill
from xieshang.core.card_history import HistoryMonth, MonthStatus
from xieshang.core.card_update import CardChange, CardProposal

BANK_LABELS: dict[str, Promise] = {
    "cmb": gettext_lazy("招商银行"),
    "bocom": gettext_lazy("交通银行"),
    "ccb": gettext_lazy("建设银行"),
    "icbc": gettext_lazy("工商银行"),
    "boc": gettext_lazy("中国银行"),
    "citic": gettext_lazy("中信银行"),
    "cgb": gettext_lazy("广发银行"),
    "spdb": gettext_lazy("浦发银行"),
    "abc": gettext_lazy("农业银行"),
}
FIELD_LABELS: dict[str, Promise] = {
    "principal": gettext_lazy("欠款（本期应还）"),
    "start_date": gettext_lazy("从哪天算起（账单日）"),
    "due_date": gettext_lazy("到期还款日"),
    "minimum": gettext_lazy("最低还款额"),
    "statement_day": gettext_lazy("每月账单日"),
    "due_day": gettext_lazy("每月到期还款日"),
    "daily_rate": gettext_lazy("日利率"),
    "late_fee_rate": gettext_lazy("违约金（未还最低还款额部分的比例）"),
    "late_fee_min": gettext_lazy("违约金最低"),
}
STATUS_LABELS: dict[str, Promise] = {
    MonthStatus.PAID_IN_FULL: gettext_lazy("已全额还款"),
    MonthStatus.MINIMUM_PAID: gettext_lazy("已还最低还款额"),
    MonthStatus.MINIMUM_MISSED: gettext_lazy("未还足最低还款额"),
    MonthStatus.NOTHING_DUE: gettext_lazy("无欠款"),
    MonthStatus.UNKNOWN: gettext_lazy("还没有下期账单，暂不能判断"),
}


def card_label(bank: str, card: str) -> str:
    """交通银行信用卡（尾号 7449） / Bank of Communications credit card (ending 7449)."""
    name = str(BANK_LABELS.get(bank, bank))
    if card:
        return _("%(bank)s信用卡（尾号 %(card)s）") % {"bank": name, "card": card}
    return _("%(bank)s信用卡（全部卡片）") % {"bank": name}


def _show(field: str, value: object) -> str:
    if value is None:
        return "—"
    if field in ("principal", "minimum", "late_fee_min"):
        return money(value)
    if field in ("start_date", "due_date"):
        return day(value)
    if field == "daily_rate":
        return pct(value, 3)
    if field == "late_fee_rate":
        return pct(value, 0)
    if field in ("statement_day", "due_day") and isinstance(value, int):
        return _("每月 %(day)d 日") % {"day": value}
    return str(value)


@dataclass(frozen=True)
class SideBySide:
    label: str
    current: str
    proposed: str
    changed: bool
    note: str  # where the proposed value does not come from the statement


def side_by_side(p: CardProposal) -> list[SideBySide]:
    rows = []
    for change in p.changes:
        note = "" if change.from_statement else _kept_note(change, p)
        rows.append(
            SideBySide(
                str(FIELD_LABELS.get(change.field, change.field)),
                "—" if p.creating else _show(change.field, change.current),
                _show(change.field, change.proposed),
                not p.creating and change.changed,
                note,
            )
        )
    return rows


def _kept_note(change: CardChange, p: CardProposal) -> str:
    if change.field == "minimum" and p.bill.minimum is not None:
        return _("账单上的最低还款额比每月利息还少，照它的比例永远还不清；按常见规则（或案件中的规则）计算")
    if change.field == "minimum":
        return _("账单未写明，按常见规则推算")
    if p.creating:
        return _("账单未写明，先按常见的约定填写，可在债务页修改")
    return _("账单未写明，沿用案件中的数字")


@dataclass(frozen=True)
class MonthRow:
    month: str
    statement_date: date
    due_date: date
    balance: str
    minimum: str
    paid: str
    status: str
    missed: bool
    shortfall: str


def month_rows(history: tuple[HistoryMonth, ...]) -> list[MonthRow]:
    return [
        MonthRow(
            m.bill.month,
            m.bill.statement_date,
            m.bill.due_date,
            money(m.bill.balance),
            money(m.bill.minimum) if m.bill.minimum is not None else "—",
            money(m.paid_by_due) if m.paid_by_due is not None else "—",
            str(STATUS_LABELS[m.status]),
            m.missed,
            money(m.shortfall) if m.missed else "",
        )
        for m in history
    ]


def figures(bill: CardBill) -> list[tuple[str, str]]:
    """The latest statement's own figures, as printed."""
    fee = bill.late_fee
    rows = [
        (_("账单日"), day(bill.statement_date)),
        (_("到期还款日"), day(bill.due_date)),
        (_("本期应还"), money(bill.balance)),
        (_("最低还款额"), money(bill.minimum) if bill.minimum is not None else "—"),
        (_("信用额度"), money(bill.credit_limit) if bill.credit_limit is not None else "—"),
        (_("日利率"), pct(bill.daily_rate, 3) if bill.daily_rate is not None else _("账单未写明")),
    ]
    if fee is not None:
        parts = []
        if fee.rate is not None:
            parts.append(_("未还部分的 %(rate)s") % {"rate": pct(fee.rate, 0)})
        if fee.minimum is not None:
            parts.append(_("最低 %(amount)s") % {"amount": money(fee.minimum)})
        if fee.maximum is not None:
            parts.append(_("最高 %(amount)s") % {"amount": money(fee.maximum)})
        rows.append((_("违约金"), _("，").join(parts)))
    return rows


def earlier_note(p: CardProposal) -> str:
    if not p.earlier_payments:
        return ""
    total = sum((x.amount for x in p.earlier_payments), Decimal(0))
    text = "案件中记录的 %(n)d 笔还款（共 %(total)s）早于账单日，已包含在账单余额里；确认后移到这笔债务的备注，不再重复计算。"
    return ngettext(text, text, len(p.earlier_payments)) % {
        "n": len(p.earlier_payments),
        "total": money(total),
    }
