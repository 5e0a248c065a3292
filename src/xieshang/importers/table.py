"""The loop every tabular importer shares: rows after the header → transactions, skipped rows, warnings."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from xieshang.core.transactions import ImportResult, PreambleTotals, Transaction

from .errors import BillImportError
from .text import preamble_totals

# A converter gets (cells, row number) and returns a transaction, a reason to skip the row, or None for rows
# that are not transactions at all (blank lines, sub-totals).
Converter = Callable[[Sequence[Any], int], "Transaction | str | None"]

FOOTER_STARTS = ("---", "共", "合计", "人民币合计", "以上数据", "导出信息", "注：", "特别提示")


def collect(
    format_name: str,
    rows: Iterator[Sequence[Any]],
    width: int,
    first_row: int,
    convert: Converter,
    preamble: Sequence[str] = (),
    warnings: Sequence[str] = (),
) -> ImportResult:
    """Run ``convert`` over data rows (numbered from ``first_row``) until the footer.

    The totals a bill states are read from the preamble, or from the footer when the preamble has none.
    Rows with fewer cells than the header needs mean a truncated or damaged file: an error, nothing kept.
    """
    transactions: list[Transaction] = []
    skipped: list[tuple[int, str]] = []
    notes = list(warnings)
    append = transactions.append
    footer: list[str] = []
    for number, row in enumerate(rows, start=first_row):
        if not row or all(cell in ("", None) for cell in row):
            continue
        first = str(row[0]).strip()
        if first.startswith(FOOTER_STARTS):
            footer.append(" ".join(str(c) for c in row if c not in ("", None)))
            footer.extend(" ".join(str(c) for c in rest if c not in ("", None)) for rest in rows)
            break
        if len(row) < width:
            raise BillImportError(f"只有 {len(row)} 列，应有 {width} 列：文件可能被截断或已损坏", row=number)
        result = convert(row, number)
        if result is None:
            continue
        if isinstance(result, str):
            skipped.append((number, result))
        else:
            append(result)
    stated = preamble_totals(preamble)
    if stated == PreambleTotals() and footer:
        stated = preamble_totals(footer)
    read = len(transactions) + len(skipped)
    if stated.count is not None and stated.count != read:
        notes.append(f"账单写明共 {stated.count} 笔，实际读到 {read} 行交易，请核对是否导出完整")
    result = ImportResult(format_name, tuple(transactions), tuple(skipped), tuple(notes), stated)
    return result
