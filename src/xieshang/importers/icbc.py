"""ICBC 工商银行 明细查询文件下载 CSV: credit card, debit card v1 and v2 (``bill-formats.md`` A7).

Cells are padded and end with a TAB; the footer is ``合计金额`` or ``人民币合计``. The booked amounts
(记账金额(收入) / 记账金额(支出)) count. Repayments (摘要 with 还款) are neutral: on the card they are money
in from one's own account, on the debit card money out to a debt.
"""

from __future__ import annotations

from collections.abc import Sequence

from xieshang.core.transactions import Direction, ImportResult, Transaction

from .table import Sink, collect
from .text import amount, blank, find_header, iter_csv, parse_time

BASE_HEADER = ("交易日期", "摘要", "记账金额(收入)", "记账金额(支出)")


def matches(head: str) -> str | None:
    if not all(name in head for name in BASE_HEADER):
        return None
    if "记账日期" in head:
        return "icbc_credit"
    return "icbc_debit_v2" if "交易详情" in head else "icbc_debit_v1"


def parse(data: bytes, sink: Sink | None = None) -> ImportResult:
    header = find_header(iter_csv(data), BASE_HEADER)
    c = header.columns
    name = "icbc_credit" if "记账日期" in c else ("icbc_debit_v2" if "交易详情" in c else "icbc_debit_v1")
    credit = name == "icbc_credit"
    i_place, i_party, i_detail, i_balance = (
        c.get("交易场所"),
        c.get("对方户名"),
        c.get("交易详情"),
        c.get("余额"),
    )

    def convert(row: Sequence[str], number: int) -> Transaction | str | None:
        money_in, money_out = blank(row[c["记账金额(收入)"]]), blank(row[c["记账金额(支出)"]])
        if not money_in and not money_out:
            return "没有记账金额"
        value = amount(money_in or money_out, number, "记账金额(收入)" if money_in else "记账金额(支出)")
        summary = row[c["摘要"]]
        if "还款" in summary:
            direction = Direction.NEUTRAL
        else:
            direction = Direction.INCOME if money_in else Direction.EXPENSE
        place = blank(row[i_place]) if i_place is not None else ""
        party = blank(row[i_party]) if i_party is not None else ""
        detail = blank(row[i_detail]) if i_detail is not None else ""
        day = row[c["交易日期"]]
        return Transaction(
            source=name,
            order_id=f"{day}|{'+' if money_in else '-'}{value}|{row[i_balance] if i_balance is not None else ''}|{summary}",
            time=parse_time(day, number, "交易日期"),
            amount=value,
            direction=direction,
            counterparty=place if credit or not party else party,
            description=" ".join(x for x in (summary, detail, place if not credit else "") if x),
            platform_category=summary,
            payment_method="工商银行信用卡" if credit else "工商银行借记卡",
            row=number,
        )

    return collect(name, header, convert, sink=sink)
