"""Agricultural Bank of China 农业银行 debit-card 交易明细 CSV (``bill-formats.md`` A7).

Header ``交易日期,交易时间,交易摘要,交易金额,本次余额,对手信息,日 志 号,交易渠道,交易附言``; dates ``YYYYMMDD``, times
``HHMMSS`` (empty for batch rows such as 结息), amounts signed ``+10000.00`` / ``-10.00``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from xieshang.core.transactions import ImportResult, Transaction

from .bankrows import bank_transaction, direction_of, joined
from .errors import BillImportError
from .table import Sink, collect
from .text import blank, find_header, iter_csv, parse_time, signed_amount

NAME = "abc_debit"
HEADER = ("交易日期", "交易时间", "交易摘要", "交易金额", "本次余额")


def matches(head: str) -> bool:
    return all(name in head for name in HEADER)


def _when(day: str, clock: str, number: int) -> datetime:
    if len(clock) == 6 and clock.isdigit() and len(day) == 8:
        day = f"{day[:4]}-{day[4:6]}-{day[6:]} {clock[:2]}:{clock[2:4]}:{clock[4:]}"
    return parse_time(day, number, "交易日期")


def parse(data: bytes, sink: Sink | None = None) -> ImportResult:
    header = find_header(iter_csv(data), HEADER)
    c = header.columns
    i_party, i_log, i_channel, i_note = (c.get(n) for n in ("对手信息", "日 志 号", "交易渠道", "交易附言"))

    def cell(row: Sequence[str], index: int | None) -> str:
        return blank(row[index]) if index is not None else ""

    def convert(row: Sequence[str], number: int) -> Transaction | str | None:
        value = signed_amount(row[c["交易金额"]], number, "交易金额")
        if value == 0:
            return "金额为 0"
        summary, note = row[c["交易摘要"]], cell(row, i_note)
        day, clock = row[c["交易日期"]], row[c["交易时间"]]
        if not day:
            raise BillImportError("“交易日期”为空", row=number)
        return bank_transaction(
            NAME,
            number,
            _when(day, clock, number),
            value,
            direction_of(value, summary, note),
            (day, clock, value, row[c["本次余额"]], cell(row, i_log)),
            counterparty=cell(row, i_party),
            description=joined(summary, note),
            category=summary,
            method=joined("农业银行借记卡", cell(row, i_channel)),
        )

    return collect(NAME, header, convert, sink=sink)
