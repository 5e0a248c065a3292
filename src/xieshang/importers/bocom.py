"""Bank of Communications 交通银行: debit-card and credit-card 交易明细 CSV (``bill-formats.md`` A7).

Debit: ``序号,交易日期,交易时间,交易类型,借贷,交易金额,余额,对方账号,对方户名,交易地点,摘要``; 借贷 ``借 Dr`` is money
out, ``贷 Cr`` money in; 信用卡转账还款 is a repayment (neutral).
Credit: ``交易日期,记账日期,交易说明,交易币种/金额,入账币种/金额`` with amounts ``CNY 123.18`` (or ``CNY13.50``); the
amount booked in yuan (入账) counts. The export has no sign: 交易说明 begins with what the row is — 消费 (spending),
退货 (a refund: income), 信用卡还款 (neutral) — as the e-mail statement's two sections say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from xieshang.core.transactions import Direction, ImportResult, Transaction

from .bankrows import bank_transaction, direction_of, foreign, is_repayment, joined
from .errors import BillImportError
from .table import Sink, collect
from .text import amount, blank, find_header, iter_csv, parse_time, posted_day

DEBIT_HEADER = ("交易日期", "交易时间", "交易类型", "借贷", "交易金额", "余额", "对方户名")
CREDIT_HEADER = ("交易日期", "记账日期", "交易说明", "入账币种/金额")
CREDITS = ("退货", "退款", "返还", "返现", "溢缴")  # money back to the card (income)
_MONEY_RE = re.compile(r"^\s*([A-Z]{3})?\s*(-?[\d,]+(?:\.\d+)?)\s*$")


def matches(head: str) -> str | None:
    if all(name in head for name in CREDIT_HEADER):
        return "bocom_credit"
    if all(name in head for name in DEBIT_HEADER):
        return "bocom_debit"
    return None


def currency_amount(text: str, number: int, column: str) -> tuple[str, Decimal]:
    """``CNY 123.18`` → (``CNY``, 123.18)."""
    match = _MONEY_RE.match(text.replace("\t", ""))
    if match is None:
        raise BillImportError(f"“{column}”不是金额：{text[:30]!r}", row=number)
    return match.group(1) or "CNY", amount(match.group(2), number, column)


def card_row_direction(text: str) -> Direction:
    """What a row of the card statement is, from the words 交易说明 begins with."""
    if is_repayment(text):
        return Direction.NEUTRAL
    if any(text.startswith(word) for word in CREDITS):
        return Direction.INCOME
    return Direction.EXPENSE


def parse_debit(data: bytes, sink: Sink | None = None) -> ImportResult:
    header = find_header(iter_csv(data), DEBIT_HEADER)
    c = header.columns

    def cell(row: Sequence[str], name: str) -> str:
        return blank(row[c[name]]) if name in c else ""

    def convert(row: Sequence[str], number: int) -> Transaction | str | None:
        value = amount(row[c["交易金额"]], number, "交易金额")
        if value == 0:
            return "金额为 0"
        flag = row[c["借贷"]]
        if "贷" not in flag and "借" not in flag:
            raise BillImportError(f"“借贷”应为“借 Dr”或“贷 Cr”：{flag[:20]!r}", row=number)
        signed = value if "贷" in flag else -value
        kind, note = cell(row, "交易类型"), cell(row, "摘要")
        day = row[c["交易日期"]]
        return bank_transaction(
            "bocom_debit",
            number,
            parse_time(f"{day} {cell(row, '交易时间')}".strip(), number, "交易日期"),
            signed,
            direction_of(signed, kind, note),
            (day, cell(row, "交易时间"), signed, row[c["余额"]], cell(row, "序号")),
            counterparty=cell(row, "对方户名"),
            description=joined(kind, cell(row, "交易地点"), note),
            category=kind,
            method="交通银行借记卡",
        )

    return collect("bocom_debit", header, convert, sink=sink)


def parse_credit(data: bytes, sink: Sink | None = None) -> ImportResult:
    header = find_header(iter_csv(data), CREDIT_HEADER)
    c = header.columns

    def convert(row: Sequence[str], number: int) -> Transaction | str | None:
        currency, value = currency_amount(row[c["入账币种/金额"]], number, "入账币种/金额")
        if value == 0:
            return "金额为 0"
        if foreign(currency):
            return f"外币交易（{currency} {value}），未计入人民币收支"
        text = row[c["交易说明"]]
        day = row[c["交易日期"]] or row[c["记账日期"]]
        return bank_transaction(
            "bocom_credit",
            number,
            parse_time(day, number, "交易日期"),
            value,
            card_row_direction(text),
            (day, row[c["记账日期"]], value, text),
            counterparty=text.split(" ", 1)[-1],
            description=text,
            category=text.split(" ", 1)[0],
            method="交通银行信用卡",
            posted=posted_day(row[c["记账日期"]], number, "记账日期"),
        )

    return collect("bocom_credit", header, convert, sink=sink)
