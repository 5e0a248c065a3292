"""China Guangfa Bank 广发银行 credit-card 账单 CSV (``bill-formats.md`` A7).

``交易日期,入账日期,交易摘要,交易金额,交易货币,入账金额,入账货币``; 交易摘要 begins ``（消费）``, ``（退款）``, ``（分期）``
or ``（还款）``; 入账金额 is signed (refunds and repayments negative). Repayments are neutral, other money back to
the card is income, the rest (spending, instalments billed) is spending.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from xieshang.core.transactions import ImportResult, Transaction

from .bankrows import bank_transaction, card_direction, foreign
from .table import Sink, collect
from .text import find_header, iter_csv, parse_time, posted_day, signed_amount

NAME = "cgb_credit"
HEADER = ("交易日期", "入账日期", "交易摘要", "交易货币", "入账金额", "入账货币")
_KIND_RE = re.compile(r"^[（(]([^）)]+)[）)]\s*")


def matches(head: str) -> bool:
    return all(name in head for name in HEADER)


def parse(data: bytes, sink: Sink | None = None) -> ImportResult:
    header = find_header(iter_csv(data), HEADER)
    c = header.columns

    def convert(row: Sequence[str], number: int) -> Transaction | str | None:
        value = signed_amount(row[c["入账金额"]], number, "入账金额")
        if value == 0:
            return "金额为 0"
        if foreign(row[c["入账货币"]]):
            return f"外币交易（{row[c['入账货币']]} {abs(value)}），未计入人民币收支"
        text = row[c["交易摘要"]]
        kind = _KIND_RE.match(text)
        label = kind.group(1) if kind else ""
        party = text[kind.end() :] if kind else text
        day = row[c["交易日期"]] or row[c["入账日期"]]
        return bank_transaction(
            NAME,
            number,
            parse_time(day, number, "交易日期"),
            value,
            card_direction(value, label, text),
            (day, row[c["入账日期"]], value, text),
            counterparty=party,
            description=text,
            category=label,
            method="广发银行信用卡",
            posted=posted_day(row[c["入账日期"]], number, "入账日期"),
        )

    return collect(NAME, header, convert, sink=sink)
