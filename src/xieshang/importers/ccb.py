"""China Construction Bank 建设银行 debit-card 交易明细 .xls (``bill-formats.md`` A7).

Rows ``China Construction Bank``/开户机构/币种/账号, then the header ``记账日,交易日期,交易时间,支出,收入,…``
(dates ``YYYYMMDD``), then the footer ``以上数据仅供参考|具体内容请以柜台为准``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from xieshang.core.transactions import Direction, ImportResult, Transaction

from .sheets import bill_sheet, holds_header
from .table import collect
from .text import amount, find_header_in_rows, parse_time

NAME = "ccb"
HEADER = ("记账日", "交易日期", "支出", "收入", "摘要")


def matches_rows(rows: list[list[Any]]) -> bool:
    return holds_header(rows, HEADER, 30)


def parse(data: bytes) -> ImportResult:
    _name, rows, notes = bill_sheet(data, HEADER, "建设银行交易明细")
    result = parse_rows(rows)
    return replace(result, warnings=(*result.warnings, *notes))


def parse_rows(rows: list[list[Any]]) -> ImportResult:
    header = find_header_in_rows(rows, HEADER)
    c = header.columns
    i_time, i_party, i_place, i_balance = (
        c.get("交易时间"),
        c.get("对方户名"),
        c.get("交易地点"),
        c.get("账户余额"),
    )

    def convert(row: Sequence[Any], number: int) -> Transaction | str | None:
        spent, received = row[c["支出"]], row[c["收入"]]
        out = amount(spent, number, "支出") if spent not in ("", None) else amount(0, number, "支出")
        into = amount(received, number, "收入") if received not in ("", None) else amount(0, number, "收入")
        if out == 0 and into == 0:
            return "金额为 0"
        summary = str(row[c["摘要"]])
        direction = Direction.INCOME if into > 0 else Direction.EXPENSE
        if "还款" in summary:
            direction = Direction.NEUTRAL
        value = into if into > 0 else out
        day = str(row[c["交易日期"]]).split(".")[0]
        clock = str(row[i_time]) if i_time is not None else ""
        when = parse_time(
            f"{day[:4]}-{day[4:6]}-{day[6:8]} {clock}".strip() if len(day) == 8 else day, number, "交易日期"
        )
        place = str(row[i_place]) if i_place is not None else ""
        return Transaction(
            source=NAME,
            order_id=f"{day} {clock}|{value}|{row[i_balance] if i_balance is not None else ''}",
            time=when,
            amount=value,
            direction=direction,
            counterparty=str(row[i_party]) if i_party is not None else "",
            description=" ".join(x for x in (summary, place) if x),
            platform_category=summary,
            payment_method="建设银行借记卡",
            row=number,
        )

    return collect(NAME, header, convert)
