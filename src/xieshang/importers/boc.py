"""Bank of China 中国银行: debit-card 交易流水明细单 and credit-card 账单 as CSV (``bill-formats.md`` A7).

Debit: ``记账日期,记账时间,币别,金额,余额,交易名称,渠道,网点名称,附言,对方账户名,对方卡号/账号,对方开户行,借记卡号``,
one signed 金额 (``"-2,600.00"``); ``-------------------`` marks an empty cell.
Credit: title ``中国银行信用卡账单(2025年01月)``, then ``交易日,银行记账日,卡号后四位,交易描述,存入,支出,币种``: 支出 is
spending on the card, 存入 a repayment (还款, neutral), a refund or interest (income). Rows in another
currency (``USD``) are left out with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence

from xieshang.core.transactions import Direction, ImportResult, Transaction

from .bankrows import bank_transaction, card_direction, direction_of, foreign, joined
from .table import Sink, collect
from .text import amount, blank, find_header, iter_csv, parse_time, posted_day, signed_amount

DEBIT_HEADER = ("记账日期", "记账时间", "币别", "金额", "余额", "交易名称")
CREDIT_HEADER = ("交易日", "银行记账日", "交易描述", "存入", "支出")


def matches(head: str) -> str | None:
    if all(name in head for name in CREDIT_HEADER):
        return "boc_credit"
    if all(name in head for name in DEBIT_HEADER):
        return "boc_debit"
    return None


def _dashes(text: str) -> str:
    """``-------------------`` is the bank's empty cell."""
    return "" if set(text.strip()) <= {"-"} else text.strip()


def parse_debit(data: bytes, sink: Sink | None = None) -> ImportResult:
    header = find_header(iter_csv(data), DEBIT_HEADER)
    c = header.columns

    def cell(row: Sequence[str], name: str) -> str:
        return _dashes(row[c[name]]) if name in c else ""

    def convert(row: Sequence[str], number: int) -> Transaction | str | None:
        value = signed_amount(row[c["金额"]], number, "金额")
        if value == 0:
            return "金额为 0"
        if foreign(cell(row, "币别")):
            return f"外币交易（{cell(row, '币别')} {abs(value)}），未计入人民币收支"
        name, note = cell(row, "交易名称"), cell(row, "附言")
        when = parse_time(f"{row[c['记账日期']]} {cell(row, '记账时间')}".strip(), number, "记账日期")
        card = cell(row, "借记卡号")
        return bank_transaction(
            "boc_debit",
            number,
            when,
            value,
            direction_of(value, name, note),
            (row[c["记账日期"]], cell(row, "记账时间"), value, row[c["余额"]]),
            counterparty=cell(row, "对方账户名") or note,
            description=joined(name, note),
            category=name,
            method=f"中国银行借记卡({card})" if card else "中国银行借记卡",
        )

    return collect("boc_debit", header, convert, sink=sink)


def parse_credit(data: bytes, sink: Sink | None = None) -> ImportResult:
    header = find_header(iter_csv(data), CREDIT_HEADER)
    c = header.columns

    def convert(row: Sequence[str], number: int) -> Transaction | str | None:
        paid_in, spent = blank(row[c["存入"]]), blank(row[c["支出"]])
        if not paid_in and not spent:
            return "没有金额"
        value = -amount(paid_in, number, "存入") if paid_in else amount(spent, number, "支出")
        if value == 0:
            return "金额为 0"
        currency = row[c["币种"]] if "币种" in c else ""
        if foreign(currency):
            return f"外币交易（{currency} {abs(value)}），未计入人民币收支"
        text = row[c["交易描述"]]
        card = row[c["卡号后四位"]] if "卡号后四位" in c else ""
        day = row[c["交易日"]] or row[c["银行记账日"]]
        direction: Direction = card_direction(value, text)
        if text == "存款利息":
            direction = Direction.INCOME
        return bank_transaction(
            "boc_credit",
            number,
            parse_time(day, number, "交易日"),
            value,
            direction,
            (day, row[c["银行记账日"]], card, value, text),
            counterparty=text,
            description=text,
            method=f"中国银行信用卡({card})" if card else "中国银行信用卡",
            posted=posted_day(row[c["银行记账日"]], number, "银行记账日"),
        )

    return collect("boc_credit", header, convert, sink=sink)
