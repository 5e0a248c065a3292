"""Meituan 美团交易账单 CSV (UTF-8 with BOM, CRLF; ``bill-formats.md`` A6).

The amount that counts is 实付金额 (after vouchers). 交易类型 ``还款`` (美团月付 repayments) are neutral: the bill
lists them under 支出 but leaves them out of its 支出 total, and paying a debt is not spending; debt discovery
lists them as repayments to 美团月付.

Refunds (交易类型 ``退款``, 收入) carry their own 交易单号 and 商家单号, neither of which names the payment they
refund; ``refund_of`` holds the refund's 商家单号 (or 交易单号) so ``merge`` knows the row is a refund, and
``merge`` finds the original by the same 订单标题 (the latest such payment before the refund).
"""

from __future__ import annotations

from collections.abc import Sequence

from xieshang.core.transactions import Direction, ImportResult, Transaction

from .table import Sink, collect
from .text import amount, blank, find_header, iter_csv, parse_time

NAME = "meituan"
HEADER = ("交易创建时间", "交易类型", "订单标题", "收/支", "实付金额", "交易单号")


def matches(head: str) -> bool:
    return "美团交易账单" in head or all(name in head for name in ("订单标题", "实付金额"))


def parse(data: bytes, sink: Sink | None = None) -> ImportResult:
    header = find_header(iter_csv(data), HEADER)
    c = header.columns
    i_done, i_method, i_merchant = c.get("交易成功时间"), c.get("支付方式"), c.get("商家单号")

    def convert(row: Sequence[str], number: int) -> Transaction | str | None:
        kind, tx_type = row[c["收/支"]], row[c["交易类型"]]
        direction = {"支出": Direction.EXPENSE, "收入": Direction.INCOME}.get(kind, Direction.NEUTRAL)
        if tx_type == "还款":
            direction = Direction.NEUTRAL
        when = row[i_done] if i_done is not None and row[i_done] else row[c["交易创建时间"]]
        order_id = row[c["交易单号"]].strip('"')
        refund_of = ""
        if tx_type == "退款" and direction is Direction.INCOME:
            merchant = blank(row[i_merchant].strip('"').strip()) if i_merchant is not None else ""
            refund_of = merchant or order_id or "退款"
        return Transaction(
            source=NAME,
            order_id=order_id,
            time=parse_time(when, number, "交易成功时间"),
            amount=amount(row[c["实付金额"]], number, "实付金额"),
            direction=direction,
            counterparty="美团" if tx_type != "还款" else "美团月付",
            description=blank(row[c["订单标题"]]),
            platform_category=tx_type,
            payment_method=row[i_method] if i_method is not None else "",
            status=tx_type,
            row=number,
            refund_of=refund_of,
        )

    return collect(NAME, header, convert, sink=sink)
