"""The loop every tabular importer shares: rows after the header → transactions, skipped rows, warnings.

Tolerant, not sloppy: a row shorter or longer than the header, where what is missing or extra is trailing and
empty (optional columns at the end, Alipay's trailing comma), is read (and counted in a warning); a row missing
a column the bill needs, or carrying text beyond the header's last column, is refused with its row number, and
nothing of the file is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from xieshang.core.money import ZERO, grouped
from xieshang.core.transactions import ImportResult, PreambleTotals, Transaction

from .errors import BillImportError
from .text import Header, amount, preamble_totals

# A converter gets (cells, row number) and returns a transaction, a reason to skip the row, or None for rows
# that are not transactions at all (blank lines, sub-totals).
Converter = Callable[[Sequence[Any], int], "Transaction | Taken | str | None"]
# A sink takes each transaction as it is read, so that a file is summarised as it streams and no list of its
# transactions is kept (see ``digest.py``); the result then holds no transactions, and everything else.
Sink = Callable[[Transaction], None]


class Taken:
    """What a converter returns for a row it handed to its sink's fast path itself (``digest._Reader.fields``):
    a transaction read and kept, that ``collect`` counts but does not pass on."""


TAKEN = Taken()

FOOTER_STARTS = ("---", "共", "合计", "人民币合计", "以上数据", "导出信息", "注：", "特别提示")
KIND_LABELS = {"income": "收入", "expense": "支出", "neutral": "不计收支"}


def fit(
    row: Sequence[Any], header: Header, needed: int, number: int, named: int | None = None
) -> tuple[Sequence[Any], bool]:
    """The row padded to the header's width, and whether its length differed from the header's.

    ``needed`` is how many cells the converter reads (every column the format requires). Raises
    :class:`BillImportError` for a row that lacks one of those, or has text beyond the last named column.
    """
    size, width = len(row), header.width
    tail = row[header.named if named is None else named :]
    if tail.count("") != len(tail):  # only then can a cell beyond the last named column hold text
        extra = [str(c).strip() for c in tail if str(c).strip()]
        if extra:
            raise BillImportError(
                f"表头之外还有内容（“{extra[0][:20]}”）：某个单元格里可能有未加引号的逗号，文件可能已损坏",
                row=number,
            )
    if size == width:
        return row, False
    if size > width:
        return row, True
    if size >= needed:
        return [*row, *([""] * (width - size))], True
    raise BillImportError(f"只有 {size} 列，应有 {width} 列：文件可能被截断或已损坏", row=number)


def collect(
    format_name: str,
    header: Header,
    convert: Converter,
    warnings: Sequence[str] = (),
    tally: Tally | None = None,
    needed: int | None = None,
    sink: Sink | None = None,
) -> ImportResult:
    """Run ``convert`` over the data rows after ``header`` until the footer.

    The totals a bill states are read from the preamble, or from the footer when the preamble has none, and
    compared with the rows: a difference is a warning that gives both figures. With ``sink``, each transaction
    goes to it as it is read and the result holds none.
    """
    transactions: list[Transaction] = []
    skipped: list[tuple[int, str]] = []
    notes = list(warnings)
    append = transactions.append if sink is None else sink
    kept = 0
    footer: list[str] = []
    tallied: dict[str, list[Any]] = {}  # kind → [rows, sum]
    uneven = 0
    need = header.needed if needed is None else needed
    named, width = header.named, header.width
    rows = header.rows
    kind_column, amount_column, words = tally if tally is not None else (0, 0, {})
    # A bill is up to a million rows: what most rows need is done here inline (a row of the header's width
    # with nothing beyond its last named column is ``fit`` as it is; the tally as ``Tally.of`` gives it).
    for number, raw in enumerate(rows, start=header.row + 1):
        if not raw or (not any(raw) and all(cell in ("", None) for cell in raw)):
            continue
        first = raw[0]
        if type(first) is not str or first[:1].isspace() or first[-1:].isspace():
            first = str(first).strip()
        if first.startswith(FOOTER_STARTS):
            footer.append(" ".join(str(c) for c in raw if c not in ("", None)))
            footer.extend(" ".join(str(c) for c in rest if c not in ("", None)) for rest in rows)
            break
        tail = raw[named:]
        if len(raw) == width and tail.count("") == len(tail):
            row = raw
        else:
            row, odd = fit(raw, header, need, number, named)
            uneven += odd
        if words:
            kind = words.get(row[kind_column])
            if kind is None and type(row[kind_column]) is not str:
                kind = words.get(str(row[kind_column]).strip())
            elif kind is None:
                kind = words.get(row[kind_column].strip())
            if kind is not None:
                try:
                    value = amount(row[amount_column], 0, "金额")
                except BillImportError:  # a cell that is no amount is not tallied (the converter says why)
                    value = None
                if value is not None:
                    found = tallied.get(kind)
                    if found is None:
                        tallied[kind] = [1, value]
                    else:
                        found[0] += 1
                        found[1] += value
        result = convert(row, number)
        if result is None:
            continue
        if result is TAKEN:
            kept += 1
            continue
        if isinstance(result, str):
            skipped.append((number, result))
        else:
            append(result)
            kept += 1
    return collected(format_name, header, notes, transactions, skipped, kept, uneven, footer, tally, tallied)


def collected(
    format_name: str,
    header: Header,
    notes: list[str],
    transactions: list[Transaction],
    skipped: list[tuple[int, str]],
    kept: int,
    uneven: int,
    footer: list[str],
    tally: Tally | None,
    tallied: Mapping[str, Sequence[Any]],
) -> ImportResult:
    """The result of a bill's rows read (``collect``): the warnings on uneven rows and on totals that disagree
    with the ones the bill states."""
    if uneven:
        notes.append(f"{uneven} 行比表头多出或缺少末尾的空列，已照常读取")
    stated = preamble_totals(header.preamble)
    if stated == PreambleTotals() and footer:
        stated = preamble_totals(footer)
    read = kept + len(skipped)
    if stated.count is not None and stated.count != read:
        notes.append(f"账单写明共 {stated.count} 笔，实际读到 {read} 行交易，请核对是否导出完整")
    if tally is not None:
        notes.extend(totals_disagree(stated, tallied))
    return ImportResult(format_name, tuple(transactions), tuple(skipped), tuple(notes), stated)


def totals_disagree(stated: PreambleTotals, tallied: Mapping[str, Sequence[Any]]) -> list[str]:
    """A warning for each kind (收入, 支出, 不计收支) whose stated count or sum differs from the rows."""
    notes = []
    for kind, label in KIND_LABELS.items():
        count, total = getattr(stated, f"{kind}_count"), getattr(stated, kind)
        if count is None or total is None:
            continue
        got_count, got_total = tallied.get(kind, (0, ZERO))
        if (count, total) != (got_count, got_total):
            notes.append(
                f"账单写明{label} {count} 笔 {grouped(total)} 元，实际读到 {got_count} 笔 {grouped(got_total)} 元，"
                "请核对是否导出完整"
            )
    return notes


class Tally(NamedTuple):
    """How the bill itself classes a row (``income``/``expense``/``neutral``, by the words of its 收/支 column)
    and where its amount is, so that the totals a bill states can be checked against its rows."""

    kind_column: int
    amount_column: int
    words: dict[str, str]


def kind_tally(kind_column: int, amount_column: int, words: dict[str, str]) -> Tally:
    """A tally that reads the bill's own 收/支 column (``words`` maps its words to income/expense/neutral)."""
    return Tally(kind_column, amount_column, words)
