"""China Merchants Bank 招商银行: debit-card 流水 and credit-card 对账单 as CSV (``bill-formats.md`` A7).

Debit: one signed 交易金额 (``"-1,000.00"``); money in is income, money out spending, except repayments of a
card or loan (摘要 with 还款), which are neutral: paying a debt is not spending, and debt discovery lists them.
Credit: dates are ``MM/DD`` with the year from the title (``2024年01月``; a later month belongs to the year
before); positive amounts are spending on the card, negative ones are repayments (neutral) or refunds (income).
Banks give no order number, so one is made from date, amount and balance to spot overlapping exports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from xieshang.core.transactions import Direction, ImportResult, Transaction

from .errors import BillImportError
from .table import Sink, collect
from .text import find_header, iter_csv, parse_time, signed_amount

DEBIT_HEADER = ("记账日期", "交易金额", "联机余额", "交易摘要")
CREDIT_HEADER = ("交易日", "记账日", "交易摘要", "人民币金额")
_TITLE_RE = re.compile(r"(\d{4})年(\d{1,2})月")


def matches(head: str) -> str | None:
    if "招商银行信用卡" in head or all(name in head for name in CREDIT_HEADER):
        return "cmb_credit"
    if all(name in head for name in DEBIT_HEADER):
        return "cmb_debit"
    return None


def is_repayment(text: str) -> bool:
    return "还款" in text


def parse(data: bytes) -> ImportResult:
    from .text import head_text

    return parse_credit(data) if matches(head_text(data)) == "cmb_credit" else parse_debit(data)


def parse_debit(data: bytes, sink: Sink | None = None) -> ImportResult:
    header = find_header(iter_csv(data), DEBIT_HEADER)
    c = header.columns
    i_party, i_note = c.get("对手信息"), c.get("客户摘要")

    def convert(row: Sequence[str], number: int) -> Transaction | str | None:
        value = signed_amount(row[c["交易金额"]], number, "交易金额")
        if value == 0:
            return "金额为 0"
        summary = row[c["交易摘要"]]
        note = row[i_note] if i_note is not None else ""
        direction = Direction.INCOME if value > 0 else Direction.EXPENSE
        if is_repayment(summary) or is_repayment(note):
            direction = Direction.NEUTRAL
        day = row[c["记账日期"]]
        return Transaction(
            source="cmb_debit",
            order_id=f"{day}|{value}|{row[c['联机余额']]}",
            time=parse_time(day, number, "记账日期"),
            amount=abs(value),
            direction=direction,
            counterparty=row[i_party] if i_party is not None else "",
            description=" ".join(x for x in (summary, note) if x),
            platform_category=summary,
            row=number,
        )

    return collect("cmb_debit", header, convert, sink=sink)


def parse_credit(data: bytes, sink: Sink | None = None) -> ImportResult:
    header = find_header(iter_csv(data), CREDIT_HEADER)
    c, preamble = header.columns, header.preamble
    title = _TITLE_RE.search(" ".join(preamble))
    if title is None:
        raise BillImportError("招商银行信用卡对账单缺少标题中的年月（如“2024年01月”），无法确定交易日期")
    year, month = int(title.group(1)), int(title.group(2))
    if not 1 <= month <= 12:
        raise BillImportError(f"标题中的月份不对：{title.group(0)}")
    i_card = c.get("卡号末四位")

    def convert(row: Sequence[str], number: int) -> Transaction | str | None:
        value = signed_amount(row[c["人民币金额"]], number, "人民币金额")
        if value == 0:
            return "金额为 0"
        day = row[c["交易日"]] or row[c["记账日"]]
        when = _month_day(day, year, month, number)
        summary = row[c["交易摘要"]]
        if value > 0:
            direction = Direction.EXPENSE
        else:
            direction = Direction.NEUTRAL if is_repayment(summary) else Direction.INCOME
        return Transaction(
            source="cmb_credit",
            order_id=f"{when:%Y-%m-%d}|{row[c['记账日']]}|{value}|{summary}",
            time=when,
            amount=abs(value),
            direction=direction,
            counterparty=summary,
            description=summary,
            payment_method=f"招商银行信用卡({row[i_card]})" if i_card is not None else "招商银行信用卡",
            row=number,
        )

    return collect("cmb_credit", header, convert, sink=sink)


def _month_day(text: str, year: int, month: int, number: int) -> datetime:
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})", text.strip())
    if match is None:
        return parse_time(text, number, "交易日")
    m, d = int(match.group(1)), int(match.group(2))
    try:
        return datetime(year - 1 if m > month else year, m, d)  # noqa: DTZ001 - statement dates are local
    except ValueError:
        raise BillImportError(f"“交易日”不是日期：{text!r}", row=number) from None
