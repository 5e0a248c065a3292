"""Shanghai Pudong Development Bank 浦发银行 debit-card 交易明细 .xls (``bill-formats.md`` A7).

First row ``账号,…,账户类型,借记卡,日期范围,YYYYMMDD-YYYYMMDD``, then
``顺序号,交易日期,交易类型,存入金额,取出金额,余额,交易对手名称,交易对手账号,附言``; 交易日期 holds the time too
(``2025/12/03  14:06:51``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from xieshang.core.transactions import ImportResult, Transaction

from .bankrows import bank_transaction, direction_of, joined
from .sheets import bill_sheet, holds_header
from .table import collect
from .text import amount, find_header_in_rows, parse_time

NAME = "spdb_debit"
HEADER = ("顺序号", "交易日期", "交易类型", "存入金额", "取出金额", "余额")


def matches_rows(rows: list[list[Any]]) -> bool:
    return holds_header(rows, HEADER, 30)


def parse(data: bytes) -> ImportResult:
    _name, rows, notes = bill_sheet(data, HEADER, "浦发银行交易明细")
    result = parse_rows(rows)
    return replace(result, warnings=(*result.warnings, *notes))


def parse_rows(rows: list[list[Any]]) -> ImportResult:
    header = find_header_in_rows(rows, HEADER)
    c = header.columns

    def text(row: Sequence[Any], name: str) -> str:
        return str(row[c[name]]).strip() if name in c else ""

    def convert(row: Sequence[Any], number: int) -> Transaction | str | None:
        into, out = text(row, "存入金额"), text(row, "取出金额")
        value = amount(into, number, "存入金额") if into else -amount(out or "0", number, "取出金额")
        if value == 0:
            return "金额为 0"
        kind, note = text(row, "交易类型"), text(row, "附言")
        day = " ".join(text(row, "交易日期").split())
        return bank_transaction(
            NAME,
            number,
            parse_time(day, number, "交易日期"),
            value,
            direction_of(value, kind, note),
            (day, value, text(row, "余额"), text(row, "顺序号")),
            counterparty=text(row, "交易对手名称"),
            description=joined(kind, note),
            category=kind,
            method="浦发银行借记卡",
        )

    return collect(NAME, header, convert)
