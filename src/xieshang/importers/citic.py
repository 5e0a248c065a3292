"""China CITIC Bank 中信银行 credit-card 账单明细 .xls (``bill-formats.md`` A7).

Sheet ``本期账单明细(人民币)``: ``交易日期,入账日期,交易描述,卡末四位,交易币种,结算币种,交易金额,结算金额``. 结算金额 (in
yuan) counts and is signed: spending positive, repayments (还款, neutral) and refunds or rewards (income) negative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from xieshang.core.transactions import ImportResult, Transaction

from .bankrows import bank_transaction, card_direction, foreign
from .sheets import bill_sheet, holds_header
from .table import collect
from .text import find_header_in_rows, parse_time, posted_day, signed_amount

NAME = "citic_credit"
HEADER = ("交易日期", "入账日期", "交易描述", "结算币种", "结算金额")


def matches_rows(rows: list[list[Any]]) -> bool:
    return holds_header(rows, HEADER, 30)


def parse(data: bytes) -> ImportResult:
    _name, rows, notes = bill_sheet(data, HEADER, "中信银行信用卡账单明细")
    result = parse_rows(rows)
    return replace(result, warnings=(*result.warnings, *notes))


def parse_rows(rows: list[list[Any]]) -> ImportResult:
    header = find_header_in_rows(rows, HEADER)
    c = header.columns

    def convert(row: Sequence[Any], number: int) -> Transaction | str | None:
        value = signed_amount(row[c["结算金额"]], number, "结算金额")
        if value == 0:
            return "金额为 0"
        currency = str(row[c["结算币种"]])
        if foreign(currency):
            return f"外币交易（{currency} {abs(value)}），未计入人民币收支"
        text = str(row[c["交易描述"]]).strip()
        card = str(row[c["卡末四位"]]).split(".")[0] if "卡末四位" in c else ""
        day = str(row[c["交易日期"]] or row[c["入账日期"]]).strip()
        return bank_transaction(
            NAME,
            number,
            parse_time(day, number, "交易日期"),
            value,
            card_direction(value, text),
            (day, row[c["入账日期"]], card, value, text),
            counterparty=text,
            description=text,
            method=f"中信银行信用卡({card})" if card else "中信银行信用卡",
            posted=posted_day(row[c["入账日期"]], number, "入账日期"),
        )

    return collect(NAME, header, convert)
