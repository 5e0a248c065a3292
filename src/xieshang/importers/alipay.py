"""Alipay 支付宝交易明细 CSV in its three shapes (see ``shared/facts/bill-formats.md`` A1–A3).

- ``alipay``: the current export (since ~Feb 2023), GBK, 24-line preamble with the totals, header ``交易时间,交易分类,…``.
- ``alipay_2021``: the 2021–Feb 2023 app export, header on line 2 starting ``收/支``, totals in the footer.
- ``alipay_2019``: the ≤2020 PC web "交易记录明细查询", header ``交易号,…,金额（元）,…``, totals in the footer.

How rows count (after beancount-daoru and double-entry-generator): 支出 is spending whatever its status
(a 交易关闭 payment is balanced by its 退款成功 row); 收入 is income unless 交易关闭; 不计收支/其他 is neutral
(余额宝, transfers between one's own accounts, 还款), except 退款成功 rows, which are refunds (income netted
against the original by ``merge``) and 交易关闭 rows, which are skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from xieshang.core.transactions import Direction, ImportResult, Transaction, row_transaction

from .current import Columns, collect_current
from .lines import Lines
from .table import Converter, Sink, Taken, collect, kind_tally
from .text import BLANKS, Header, amount, blank, find_header, head_text, iter_csv, parse_time

HEADER_2023 = ("交易时间", "交易分类", "交易对方", "收/支", "金额", "交易状态", "交易订单号")
HEADER_2021 = ("收/支", "交易对方", "商品说明", "金额", "交易状态", "交易分类", "交易订单号", "交易时间")
HEADER_2019 = ("交易号", "交易创建时间", "交易对方", "商品名称", "金额（元）", "收/支", "交易状态")

NAME = "alipay"
KINDS = {
    "收入": "income",
    "支出": "expense",
    "不计收支": "neutral",
}  # how the bill's 收/支 column classes a row


def matches(head: str) -> str | None:
    """Which Alipay format the beginning of a file is, if any."""
    if "交易记录明细查询" in head or ("金额（元）" in head and "交易号" in head and "资金状态" in head):
        return "alipay_2019"
    if "交易分类" in head and "交易订单号" in head and "收/付款方式" in head:
        for line in head.splitlines():
            cells = [c.strip() for c in line.split(",")]
            if cells and cells[0] == "收/支":
                return "alipay_2021"
            if cells and cells[0] == "交易时间":
                return "alipay"
    return None


def _direction(kind: str, status: str, category: str) -> Direction | str:
    """The direction of a row, or the reason it is skipped."""
    refund = status == "退款成功" or category == "退款"
    if kind == "支出":
        return Direction.EXPENSE
    if kind == "收入":
        if status == "交易关闭":
            return "交易关闭，未入账"
        return Direction.INCOME
    if status == "交易关闭":
        return "交易关闭，不计收支"
    if refund:
        return Direction.INCOME
    return Direction.NEUTRAL


def _refund_of(order_id: str, status: str, category: str) -> str:
    if status == "退款成功" or category == "退款":
        return order_id.split("_", 1)[0]
    return ""


def parse(data: bytes) -> ImportResult:
    """Any of the three Alipay CSV formats."""
    kind = matches(_head(data))
    if kind == "alipay_2019":
        return parse_2019(data)
    if kind == "alipay_2021":
        return parse_2021(data)
    return parse_2023(data)


def _head(data: bytes) -> str:
    return head_text(data)


def parse_2023(data: bytes, sink: Sink | None = None) -> ImportResult:
    """The current export: header found by content, totals from the preamble.

    Read line by line (``current.collect_current``: a line split on its commas, a row's fields to the sink's
    fast path), unless a NUL in it makes the csv module refuse the file: then as :func:`parse_2023_csv`."""
    if b"\x00" in data:
        return parse_2023_csv(data, sink)
    lines = Lines(data)
    header = find_header(lines.rows(), HEADER_2023)
    columns, convert = _converter_2023(header, sink)
    return collect_current(
        NAME, lines, header, columns, convert, kind_tally(columns.kind, columns.amount, KINDS), sink
    )


def parse_2023_csv(data: bytes, sink: Sink | None = None) -> ImportResult:
    """The current export read by the csv module, row by row through ``table.collect``."""
    header = find_header(iter_csv(data), HEADER_2023)
    columns, convert = _converter_2023(header, sink)
    return collect(NAME, header, convert, tally=kind_tally(columns.kind, columns.amount, KINDS), sink=sink)


def _converter_2023(header: Header, sink: Sink | None) -> tuple[Columns, Converter]:
    """Where the current export's columns are (``current.Columns``) and the converter of its rows."""
    columns = header.columns
    i_time, i_cat, i_party = columns["交易时间"], columns["交易分类"], columns["交易对方"]
    i_desc, i_kind, i_amount = columns.get("商品说明"), columns["收/支"], columns["金额"]
    i_method, i_status, i_order = columns.get("收/付款方式"), columns["交易状态"], columns["交易订单号"]
    # a sink with a fast path (the digest's) takes a row's fields as ``row_transaction`` does and makes a
    # transaction only of the rows it keeps whole
    made = getattr(sink, "fields", None) or row_transaction

    def convert(row: Sequence[str], number: int) -> Transaction | Taken | str | None:
        status, category, order_id = row[i_status], row[i_cat], row[i_order]
        direction = _direction(row[i_kind], status, category)
        if not isinstance(direction, Direction):
            return direction
        # a year's export is a million rows: the transaction made slot by slot, the refund test and the
        # blank cells (``text.blank``) inline
        party = row[i_party]
        desc = row[i_desc] if i_desc is not None else ""
        method = row[i_method] if i_method is not None else ""
        refund = status == "退款成功" or category == "退款"
        when = row[i_time]
        try:  # ``2024-01-31 12:00:00``, as ``parse_time`` reads it first
            time = (
                datetime.fromisoformat(when)
                if len(when) == 19 and when[4] == "-" and when[10] == " "
                else None
            )
        except ValueError:
            time = None
        return made(
            NAME,  # source
            order_id,
            parse_time(when, number, "交易时间") if time is None else time,
            amount(row[i_amount], number, "金额"),
            direction,
            "" if party in BLANKS else party,  # counterparty
            "" if desc in BLANKS else desc,  # description
            category,  # platform_category
            "" if method in BLANKS else method,  # payment_method
            status,
            number,  # row
            order_id.split("_", 1)[0] if refund else "",  # refund_of (as ``_refund_of``)
        )

    where = (i_time, i_cat, i_party, i_desc, i_kind, i_amount, i_method, i_status, i_order)
    return Columns(*where, made, _direction), convert


def parse_2021(data: bytes, sink: Sink | None = None) -> ImportResult:
    """The 2021–2023 app export: 收/支 first, 其他 for neutral rows, totals in the footer."""
    header = find_header(iter_csv(data), HEADER_2021)
    c = header.columns

    def convert(row: Sequence[str], number: int) -> Transaction | str | None:
        status, category, order_id = row[c["交易状态"]], row[c["交易分类"]], row[c["交易订单号"]]
        direction = _direction(row[c["收/支"]], status, category)
        if not isinstance(direction, Direction):
            return direction
        return Transaction(
            source="alipay_2021",
            order_id=order_id,
            time=parse_time(row[c["交易时间"]], number, "交易时间"),
            amount=amount(row[c["金额"]], number, "金额"),
            direction=direction,
            counterparty=blank(row[c["交易对方"]]),
            description=blank(row[c["商品说明"]]),
            platform_category=category,
            payment_method=blank(row[c["收/付款方式"]]) if "收/付款方式" in c else "",
            status=status,
            row=number,
            refund_of=_refund_of(order_id, status, category),
        )

    tally = kind_tally(c["收/支"], c["金额"], {**KINDS, "其他": "neutral"})
    return collect("alipay_2021", header, convert, tally=tally, sink=sink)


def parse_2019(data: bytes, sink: Sink | None = None) -> ImportResult:
    """The ≤2020 PC export: 成功退款 is netted on the row; empty 收/支 or 资金转移 is neutral."""
    header = find_header(iter_csv(data), HEADER_2019)
    c = header.columns

    def convert(row: Sequence[str], number: int) -> Transaction | str | None:
        kind, status = row[c["收/支"]], row[c["交易状态"]]
        funds = row[c["资金状态"]] if "资金状态" in c else ""
        value = amount(row[c["金额（元）"]], number, "金额（元）")
        refunded = row[c["成功退款（元）"]] if "成功退款（元）" in c else ""
        if refunded and refunded not in ("0", "0.00"):
            value -= amount(refunded, number, "成功退款（元）")
        if status == "交易关闭" and not funds:
            return "交易关闭，资金未变动"
        if value <= 0:
            return "已全额退款"
        if kind == "支出" and funds != "资金转移":
            direction = Direction.EXPENSE
        elif kind == "收入" and funds != "资金转移":
            direction = Direction.INCOME
        else:
            direction = Direction.NEUTRAL
        time_text = row[c["付款时间"]] if "付款时间" in c and row[c["付款时间"]] else row[c["交易创建时间"]]
        return Transaction(
            source="alipay_2019",
            order_id=row[c["交易号"]],
            time=parse_time(time_text, number, "交易时间"),
            amount=value,
            direction=direction,
            counterparty=blank(row[c["交易对方"]]),
            description=blank(row[c["商品名称"]]),
            platform_category=row[c["类型"]] if "类型" in c else "",
            status=status,
            row=number,
        )

    return collect("alipay_2019", header, convert, sink=sink)
