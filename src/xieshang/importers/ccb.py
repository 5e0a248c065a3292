"""China Construction Bank 建设银行 debit-card 交易明细 .xls (``bill-formats.md`` A7).

Rows ``China Construction Bank``/开户机构/币种/账号, then the header ``记账日,交易日期,交易时间,支出,收入,…``
(dates ``YYYYMMDD``), then the footer ``以上数据仅供参考|具体内容请以柜台为准``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xieshang.core.transactions import Direction, ImportResult, Transaction

from .errors import BillImportError
from .sheets import as_text_rows, workbook_sheets
from .table import collect
from .text import amount, find_header, parse_time

NAME = "ccb"
HEADER = ("记账日", "交易日期", "支出", "收入", "摘要")


def matches_rows(rows: list[list[Any]]) -> bool:
    return any(all(name in row for name in HEADER) for row in as_text_rows(rows[:30]))


def parse(data: bytes) -> ImportResult:
    for _name, rows in workbook_sheets(data):
        if matches_rows(rows):
            return parse_rows(rows)
    raise BillImportError("Excel 文件里找不到建设银行交易明细的表头（记账日、交易日期、支出、收入…）")


def parse_rows(rows: list[list[Any]]) -> ImportResult:
    columns, preamble, header_row, _ = find_header(list(as_text_rows(rows)), HEADER)
    c = columns
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

    return collect(NAME, iter(rows[header_row:]), max(c.values()) + 1, header_row + 1, convert, preamble)
