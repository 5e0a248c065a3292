"""The rows of Alipay's current export (``alipay.parse_2023``) read the way ``table.collect`` reads them, a line
at a time with no call but the sink's per row.

A year's export is a million rows, nearly all alike: a line of the header's width, no quote, its 收/支 one of
the bill's words, its time ``2024-01-31 12:00:00``, its amount ``12.34``. Such a line is split on its commas
(``lines.Lines``), tallied, and its fields go straight to ``Columns.made`` (the digest's fast path, or
``row_transaction``). Any other line (a quote, a short or long row, a blank, the footer, a time or an amount in
another form, a damaged cell) is read as ``collect`` reads it, through the format's own converter, so that every
skipped row, warning and located error is the one ``collect`` gives. ``tests/importers/test_current.py`` checks
both readings give the same on every sample bill and on damaged ones.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any, NamedTuple

from xieshang.core.transactions import Direction, ImportResult, Transaction

from .errors import BillImportError
from .lines import Lines
from .table import FOOTER_STARTS, TAKEN, Converter, Sink, Taken, Tally, collected, fit
from .text import BLANKS, FIELD_LIMIT, Header, amount

# How a row is taken (``row_transaction``'s arguments): a transaction, or TAKEN from a sink's fast path.
Made = Callable[
    [str, str, datetime, Decimal, Direction, str, str, str, str, str, int, str], "Transaction | Taken"
]
Judge = Callable[[str, str, str], "Direction | str"]  # (收/支, status, category) → direction or why skipped


class Columns(NamedTuple):
    """Where the export's cells are (``None``: a column it may lack), and how a row is made."""

    time: int
    category: int
    party: int
    description: int | None
    kind: int
    amount: int
    method: int | None
    status: int
    order: int
    made: Made
    judge: Judge


def collect_current(
    format_name: str,
    lines: Lines,
    header: Header,
    at: Columns,
    convert: Converter,
    tally: Tally,
    sink: Sink | None,
) -> ImportResult:
    """``collect(format_name, header, convert, tally=tally, sink=sink)`` over the rows of ``lines`` after
    ``header``, the common line read here (see the module notes)."""
    transactions: list[Transaction] = []
    skipped: list[tuple[int, str]] = []
    append = transactions.append if sink is None else sink
    kept = uneven = 0
    footer: list[str] = []
    tallied: dict[str, list[Any]] = {}
    named, width, need = header.named, header.width, header.needed
    kind_column, amount_column, words = tally
    i_time, i_cat, i_party, i_desc, i_kind, i_amount, i_method, i_status, i_order, made, judge = at
    first_is_time = i_time == 0  # a time read means the row is not the footer
    judged: dict[tuple[str, str, str], tuple[Direction | str, bool]] = {}
    values: dict[str, Decimal] = {}
    strip, isoformat, record, blanks, taken = str.strip, datetime.fromisoformat, lines.record, BLANKS, TAKEN
    number = header.row
    try:
        for number, line in enumerate(lines.stream, header.row + 1):
            cells = line.split(",")
            # the common line: of the header's width, nothing beyond its last named column, no quote; its 收/支
            # one of the bill's words, its amount ``12.34``, its time ``2024-01-31 12:00:00``, not the footer
            common = (
                len(cells) == width
                and '"' not in line
                and len(line) <= FIELD_LIMIT
                and (named == width or not strip("".join(cells[named:])))
            )
            if common:
                kind, status, category = strip(cells[i_kind]), strip(cells[i_status]), strip(cells[i_cat])
                word = words.get(kind)
                text = strip(cells[i_amount])
                whole, _, part = text.partition(".")
                common = word is not None and len(part) == 2 and whole.isdecimal() and part.isdecimal()
            if common:
                how = judged.get((kind, status, category))
                if how is None:
                    how = (judge(kind, status, category), status == "退款成功" or category == "退款")
                    if len(judged) < 10_000:
                        judged[(kind, status, category)] = how
                direction, refund = how
                if type(direction) is str:  # a row skipped: its time is not read
                    time = None
                    common = not strip(cells[0]).startswith(FOOTER_STARTS)
                else:
                    when = strip(cells[i_time])
                    try:
                        time = (
                            isoformat(when)
                            if len(when) == 19 and when[4] == "-" and when[10] == " "
                            else None
                        )
                    except ValueError:
                        time = None
                    common = time is not None and (
                        first_is_time or not strip(cells[0]).startswith(FOOTER_STARTS)
                    )
            if common:
                value = values.get(text)  # ``12.34``, already to the 分, as ``text.amount`` reads it
                if value is None:
                    value = Decimal(text)
                    if len(values) < 100_000:  # a bill repeats its amounts: each read once
                        values[text] = value
                found = tallied.get(word)  # ``_tally``'s count, inline: a call a row costs ~2 % of the import
                if found is None:
                    tallied[word] = [1, value]
                else:
                    found[0] += 1
                    found[1] += value
                if type(direction) is str:
                    skipped.append((number, direction))
                    continue
                party, order_id = strip(cells[i_party]), strip(cells[i_order])
                desc = strip(cells[i_desc]) if i_desc is not None else ""
                method = strip(cells[i_method]) if i_method is not None else ""
                result = made(
                    format_name,  # source
                    order_id,
                    time,
                    value,
                    direction,
                    "" if party in blanks else party,  # counterparty
                    "" if desc in blanks else desc,  # description
                    category,  # platform_category
                    "" if method in blanks else method,  # payment_method
                    status,
                    number,  # row
                    order_id.split("_", 1)[0] if refund else "",  # refund_of
                )
                kept += 1
                if result is not taken:
                    append(result)
                continue
            # any other line, as ``table.collect`` reads it
            raw = record(line)
            if not raw or not any(raw):
                continue
            if raw[0].startswith(FOOTER_STARTS):
                footer.append(" ".join(c for c in raw if c))
                footer.extend(" ".join(c for c in rest if c) for rest in lines.rows(number + 1))
                break
            tail = raw[named:]
            if len(raw) == width and tail.count("") == len(tail):
                row = raw
            else:
                row, odd = fit(raw, header, need, number, named)
                uneven += odd
            _tally(tallied, words, row[kind_column], row[amount_column])
            result = convert(row, number)
            if result is None:
                continue
            if result is TAKEN:
                kept += 1
            elif isinstance(result, str):
                skipped.append((number, result))
            else:
                append(result)
                kept += 1
    except (UnicodeDecodeError, csv.Error) as error:
        raise lines.error(error, number) from None
    return collected(format_name, header, [], transactions, skipped, kept, uneven, footer, tally, tallied)


def _tally(tallied: dict[str, list[Any]], words: dict[str, str], kind: str, cell: str) -> None:
    """Count a row read as ``collect`` reads it in the bill's own totals (as ``collect`` does, inline)."""
    word = words.get(kind)
    if word is None:
        return
    try:
        value = amount(cell, 0, "金额")
    except BillImportError:  # a cell that is no amount is not tallied (the converter says why)
        return
    found = tallied.get(word)
    if found is None:
        tallied[word] = [1, value]
    else:
        found[0] += 1
        found[1] += value
