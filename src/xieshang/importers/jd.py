"""JD 京东交易流水 CSV (UTF-8 with BOM; ``bill-formats.md`` A6).

A partly refunded payment shows ``131.77(已退款89.84)``: JD's own totals count the amount after the refund, and
so do we; the matching ``退款-…`` rows (不计收支, 退款成功) are then skipped, as is a payment marked
``(已全额退款)``. Other 不计收支 rows (先享后付, transfers) are neutral.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from xieshang.core.transactions import Direction, ImportResult, Transaction

from .errors import BillImportError
from .table import Sink, collect
from .text import amount, blank, find_header, iter_csv, parse_time

NAME = "jd"
HEADER = ("交易时间", "商户名称", "交易说明", "金额", "收/支", "交易状态", "交易订单号")
_AMOUNT_RE = re.compile(r"^\s*([^()（）]+?)\s*(?:[(（](?:已退款\s*([^()（）]+)|(已全额退款))[)）])?\s*$")


def matches(head: str) -> bool:
    return "京东账号名" in head or all(name in head for name in ("商户名称", "交易说明", "交易订单号"))


def parse(data: bytes, sink: Sink | None = None) -> ImportResult:
    header = find_header(iter_csv(data), HEADER)
    c = header.columns
    i_method, i_cat, i_status = c.get("收/付款方式"), c.get("交易分类"), c["交易状态"]

    def convert(row: Sequence[str], number: int) -> Transaction | str | None:
        kind, status = row[c["收/支"]], row[i_status]
        match = _AMOUNT_RE.match(row[c["金额"]])
        if match is None:
            raise BillImportError(f"“金额”不是金额：{row[c['金额']][:30]!r}", row=number)
        value = amount(match.group(1), number, "金额")
        if match.group(3):
            return "已全额退款"
        if match.group(2):
            value -= amount(match.group(2), number, "金额")
        if kind == "不计收支" and status == "退款成功":
            return "退款已从原交易金额中扣除"
        if value <= 0:
            return "金额为 0"
        direction = {"支出": Direction.EXPENSE, "收入": Direction.INCOME}.get(kind, Direction.NEUTRAL)
        return Transaction(
            source=NAME,
            order_id=row[c["交易订单号"]],
            time=parse_time(row[c["交易时间"]], number, "交易时间"),
            amount=value,
            direction=direction,
            counterparty=blank(row[c["商户名称"]]),
            description=blank(row[c["交易说明"]]),
            platform_category=row[i_cat] if i_cat is not None else "",
            payment_method=row[i_method] if i_method is not None else "",
            status=status,
            row=number,
        )

    return collect(NAME, header, convert, sink=sink)
