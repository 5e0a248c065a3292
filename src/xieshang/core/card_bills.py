"""A credit-card statement (电子账单) as the bank printed it: the figures a negotiation needs.

Importers read these from the e-mail or PDF a bank sends each month; :mod:`card_history` lines several months
up into the card's payment history and :mod:`card_update` turns the latest into the card's revolving debt.
Amounts are ``Decimal`` yuan as printed (``balance`` below zero means the bank owes the holder: 溢缴款); rates
are fractions (0.0005 a day for 万分之五).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .money import ZERO, grouped

BANK_NAMES = {
    "cmb": "招商银行",
    "bocom": "交通银行",
    "ccb": "建设银行",
    "icbc": "工商银行",
    "boc": "中国银行",
    "citic": "中信银行",
    "cgb": "广发银行",
    "spdb": "浦发银行",
    "abc": "农业银行",
}


@dataclass(frozen=True)
class LateFeeRule:
    """违约金/滞纳金 as printed: ``rate`` of the unpaid part of the minimum, at least ``minimum``, at most
    ``maximum`` (yuan); ``text`` is the statement's own sentence."""

    rate: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    text: str = ""


@dataclass(frozen=True)
class CardBill:
    """One monthly statement of one card (or of the account its cards share)."""

    bank: str  # key of BANK_NAMES
    card: str  # last four digits of the card number ("" when the statement names none); never the full number
    statement_date: date  # 账单日 (the cycle's last day)
    due_date: date  # 到期还款日
    balance: Decimal  # 本期应还款额
    minimum: Decimal | None = None  # 最低还款额
    credit_limit: Decimal | None = None
    cycle_start: date | None = None
    daily_rate: Decimal | None = None  # as printed (万分之五 → 0.0005)
    late_fee: LateFeeRule | None = None
    previous_balance: Decimal | None = None  # 上期应还
    payments: Decimal | None = None  # 上期还款 / 本期还款 printed on this statement
    new_charges: Decimal | None = None  # 本期新增
    interest: Decimal | None = None  # 循环利息 charged on this statement

    @property
    def bank_name(self) -> str:
        return BANK_NAMES.get(self.bank, self.bank)

    @property
    def label(self) -> str:
        """``招商银行信用卡（尾号 7449）`` — how people name the card."""
        tail = f"（尾号 {self.card}）" if self.card else ""
        return f"{self.bank_name}信用卡{tail}"

    @property
    def month(self) -> str:
        return f"{self.statement_date.year:04d}-{self.statement_date.month:02d}"

    @property
    def opened(self) -> date:
        """The cycle's first day: printed, else the day after a month before the statement."""
        if self.cycle_start is not None:
            return self.cycle_start
        return self.statement_date - timedelta(days=30)


def check_bill(bill: CardBill) -> tuple[str, ...]:
    """What looks wrong in a statement's own figures (warnings in Chinese, giving the figures)."""
    notes = []
    if bill.due_date <= bill.statement_date:
        notes.append(
            f"账单上的到期还款日（{bill.due_date.isoformat()}）不晚于账单日（{bill.statement_date.isoformat()}），请核对"
        )
    elif (bill.due_date - bill.statement_date).days > 60:
        notes.append(f"到期还款日（{bill.due_date.isoformat()}）在账单日 60 天以后，请核对")
    if bill.minimum is not None and bill.balance > 0 and bill.minimum > bill.balance:
        notes.append(f"最低还款额 {grouped(bill.minimum)} 元大于本期应还 {grouped(bill.balance)} 元，请核对")
    if bill.minimum is not None and bill.minimum < 0:
        notes.append(f"最低还款额是负数（{grouped(bill.minimum)} 元），请核对")
    parts = (bill.previous_balance, bill.payments, bill.new_charges)
    if all(p is not None for p in parts):
        previous, paid, charged = (p or ZERO for p in parts)
        expected = previous - paid + charged + (bill.interest or ZERO)
        if expected != bill.balance:
            notes.append(
                f"账单写明本期应还 {grouped(bill.balance)} 元，按上期 {grouped(previous)} − 还款 {grouped(paid)} + 新增 "
                f"{grouped(charged)}"
                + (f" + 利息 {grouped(bill.interest)}" if bill.interest else "")
                + f" 算得 {grouped(expected)} 元，请核对"
            )
    return tuple(notes)
