"""WeChat Pay 微信支付账单: the classic CSV and the newer .xlsx (see ``bill-formats.md`` A4, A5).

收/支 ``收入``/``支出`` count as such; ``/`` is 中性交易 (零钱提现/充值, 零钱通, 理财通, 信用卡还款), neutral.
The 服务费 of a 零钱提现 (in 备注, included in the amount) is split out as spending. Amounts may carry ``¥``/``￥``
(CSV) or be numbers (new xlsx); times may be text, ``datetime`` or an Excel serial number.

Refunds: 交易类型 ``退款`` or ``xxx-退款`` (e.g. ``美团-退款``), money coming back (收入, or ``/`` in some exports),
当前状态 ``已退款`` / ``已全额退款``; the payment refunded keeps its row, marked ``已全额退款`` or ``已退款(￥x)``.
A refund row has its own 交易单号 (the refund's number); where its 交易单号 or 商户单号 is that of a payment in
the same file, ``refund_of`` is set to that payment's 交易单号 (netted by id); otherwise ``refund_of`` keeps the
refund's 商户单号 (or 交易单号) and ``merge`` finds the payment by the note on its row (same counterparty,
``已全额退款``/``已退款(￥x)``) or by the same counterparty and 商品.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from xieshang.core.transactions import Direction, ImportResult, Transaction

from .sheets import bill_sheet, excel_time, holds_header
from .table import Tally, collect, kind_tally
from .text import Header, amount, blank, find_header, find_header_in_rows, iter_csv, parse_time

NAME = "wechat"
KINDS = {"收入": "income", "支出": "expense", "/": "neutral"}  # 收/支 as the bill's totals count it
HEADER = ("交易时间", "交易类型", "交易对方", "收/支", "金额(元)", "当前状态", "交易单号")
_FEE_RE = re.compile(r"服务费\s*[¥￥]?\s*([\d,]+(?:\.\d+)?)")


def matches(head: str) -> bool:
    return "微信支付账单" in head or all(name in head for name in ("交易类型", "金额(元)", "当前状态"))


def matches_rows(rows: list[list[Any]]) -> bool:
    """A sheet holding the bill: a row with every column of the header."""
    return holds_header(rows, HEADER, 60)


def parse(data: bytes) -> ImportResult:
    """The classic CSV export."""
    return _parse(find_header(iter_csv(data), HEADER), NAME)


def parse_xlsx(rows: list[list[Any]]) -> ImportResult:
    """The rows of the sheet holding the bill (the caller picks the sheet)."""
    return _parse(find_header_in_rows(rows, HEADER), "wechat_xlsx")


def parse_xlsx_bytes(data: bytes) -> ImportResult:
    """The sheet that holds the bill (by its header; the active sheet first when several do), the workbook's
    other sheets named in a warning."""
    _name, rows, notes = bill_sheet(data, HEADER, "微信支付账单")
    result = parse_xlsx(rows)
    return replace(result, warnings=(*result.warnings, *notes))


def is_refund_type(tx_type: str) -> bool:
    """``退款``, ``美团-退款``, ``微信红包-退款`` … (but not a payment that was later refunded)."""
    return tx_type == "退款" or tx_type.endswith("-退款")


def _link_refunds(result: ImportResult, ids: dict[int, tuple[str, str]]) -> ImportResult:
    """Point each refund at its payment where the file's numbers allow (``ids``: row → (交易单号, 商户单号))."""
    payments = [t for t in result.transactions if t.direction is Direction.EXPENSE and t.row in ids]
    by_order = {t.order_id: t.order_id for t in payments if t.order_id}
    by_merchant = {ids[t.row][1]: t.order_id for t in payments if ids[t.row][1]}
    linked = []
    for t in result.transactions:
        if t.refund_of and t.direction is Direction.INCOME and t.row in ids:
            order_id, merchant = ids[t.row]
            target = by_order.get(order_id) or by_merchant.get(merchant)
            if target:
                t = replace(t, refund_of=target)
        linked.append(t)
    return replace(result, transactions=tuple(linked))


def _parse(header: Header, name: str) -> ImportResult:
    c = header.columns
    i_goods, i_method, i_merchant, i_note = c.get("商品"), c.get("支付方式"), c.get("商户单号"), c.get("备注")
    ids: dict[int, tuple[str, str]] = {}  # row → (交易单号, 商户单号), for linking refunds to payments

    def convert(row: Sequence[Any], number: int) -> Transaction | list[Transaction] | str | None:
        kind = str(row[c["收/支"]]).strip()
        status = str(row[c["当前状态"]]).strip()
        tx_type = str(row[c["交易类型"]]).strip()
        direction = {"收入": Direction.INCOME, "支出": Direction.EXPENSE}.get(kind, Direction.NEUTRAL)
        value = amount(row[c["金额(元)"]], number, "金额(元)")
        order_id = str(row[c["交易单号"]]).replace("\t", "").strip()
        merchant = blank(str(row[i_merchant]).replace("\t", "").strip()) if i_merchant is not None else ""
        refund = is_refund_type(tx_type) and direction is not Direction.EXPENSE
        if refund:
            direction = Direction.INCOME  # money coming back, whether 收/支 says 收入 or /
        ids[number] = (order_id, merchant)
        base = Transaction(
            source=name,
            order_id=order_id,
            time=parse_time(excel_time(row[c["交易时间"]]), number, "交易时间"),
            amount=value,
            direction=direction,
            counterparty=blank(str(row[c["交易对方"]]).strip()),
            description=blank(str(row[i_goods]).strip()) if i_goods is not None else "",
            platform_category=tx_type,
            payment_method=blank(str(row[i_method]).strip()) if i_method is not None else "",
            status=status,
            row=number,
            refund_of=(merchant or order_id or "退款") if refund else "",
        )
        note = str(row[i_note]) if i_note is not None else ""
        fee = _FEE_RE.search(note)
        if fee and direction is Direction.NEUTRAL:
            fee_amount = Decimal(fee.group(1).replace(",", ""))
            if 0 < fee_amount < value:
                return _split_fee(base, fee_amount)
        return base

    tally = kind_tally(c["收/支"], c["金额(元)"], KINDS)
    result = _collect_with_splits(name, header, convert, tally)
    return _link_refunds(result, ids)


def _split_fee(base: Transaction, fee: Decimal) -> Any:
    return [
        replace(base, amount=base.amount - fee),
        replace(
            base,
            order_id=f"{base.order_id}:fee",
            amount=fee,
            direction=Direction.EXPENSE,
            description=f"{base.platform_category}服务费",
            platform_category="服务费",
        ),
    ]


def _collect_with_splits(name: str, header: Header, convert: Any, tally: Tally) -> ImportResult:
    """``collect`` where a converter may return two transactions for one row (amount and fee)."""
    pending: list[Transaction] = []

    def one(row: Sequence[Any], number: int) -> Transaction | str | None:
        result = convert(row, number)
        if isinstance(result, list):
            pending.extend(result[1:])
            return result[0]  # type: ignore[no-any-return]
        return result  # type: ignore[no-any-return]

    result = collect(name, header, one, tally=tally)
    if not pending:
        return result
    merged = sorted((*result.transactions, *pending), key=lambda t: (t.row, t.order_id))
    return replace(result, transactions=tuple(merged))
