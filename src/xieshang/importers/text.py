"""Reading bill text: encoding sniffed, rows streamed, cells stripped, header found by content.

Exports change every year or two, so nothing here relies on a fixed line offset: the header is the first
row holding every column a format needs.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from xieshang.core.errors import AmountError
from xieshang.core.money import CENT, parse_amount, quantize_half_up
from xieshang.core.transactions import PreambleTotals

from .errors import BillImportError

SNIFF_BYTES = 64 * 1024
FIELD_LIMIT = 1 << 20  # characters of one CSV cell
csv.field_size_limit(FIELD_LIMIT)


def sniff_encoding(data: bytes) -> str:
    """``utf-8-sig``, ``utf-8`` or ``gb18030`` (a superset of GBK), judged on the first 64 KiB."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BillImportError("文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 的 CSV 后再导入")
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        raise BillImportError("这不是文本（CSV）文件，可能已损坏或是压缩包，请先解压")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 4:  # a character cut at the 64 KiB boundary
            return "utf-8"
    try:  # a GBK character may be cut at the boundary too: decode the head as the start of a longer text
        codecs.getincrementaldecoder("gb18030")().decode(head, final=len(data) <= SNIFF_BYTES)
    except UnicodeDecodeError:
        raise BillImportError("无法识别文件编码（既不是 UTF-8 也不是 GBK），文件可能已损坏") from None
    return "gb18030"


def decode(data: bytes) -> str:
    """The whole text, decoded with the sniffed encoding; a bad byte anywhere is a clear error."""
    encoding = sniff_encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise BillImportError(
            f"文件编码不一致（按 {encoding} 读取，第 {error.start} 字节出错），文件可能已损坏"
        ) from None


def iter_csv(data: bytes) -> Iterator[list[str]]:
    """Rows of a CSV file, streamed, each cell stripped of padding, TABs and full-width spaces.

    Decoding errors and malformed CSV become :class:`BillImportError`.
    """
    encoding = sniff_encoding(data)
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    reader = csv.reader(stream)
    strip = str.strip
    try:
        for row in reader:
            yield list(map(strip, row))
    except UnicodeDecodeError:
        raise undecodable(encoding, reader.line_num + 1) from None
    except csv.Error as error:
        raise malformed(error, reader.line_num) from None


def undecodable(encoding: str, line: int) -> BillImportError:
    """The error of a byte the file's encoding cannot read, on its ``line`` (1-based, lines as read)."""
    return BillImportError(
        f"文件编码不一致（按 {encoding} 读取时第 {line} 行出错），文件可能已损坏或被截断", row=line
    )


def malformed(error: csv.Error, line: int) -> BillImportError:
    """The error of a CSV the ``csv`` module refuses, after its ``line`` lines."""
    return BillImportError(f"CSV 格式错误：{error}", row=line)


def head_text(data: bytes, limit: int = 8192) -> str:
    """The beginning of a text file, for format detection (undecodable bytes replaced)."""
    encoding = sniff_encoding(data)
    return data[:limit].decode(encoding, errors="replace")


class Header(NamedTuple):
    """Where a bill's table starts: its columns, the lines before it and the rows after it.

    ``columns`` maps every non-empty header name to its first position; ``width`` counts every cell of the
    header row, trailing empty ones included (Alipay ends its header with a comma), so a row shorter or longer
    than the header can be recognised as such; ``needed`` is how many cells a row must have to hold every
    column the format requires (later columns are optional and may be missing at the end of a row).
    """

    columns: dict[str, int]
    preamble: list[str]
    row: int  # 1-based number of the header row
    rows: Iterator[Sequence[Any]]
    width: int
    needed: int

    @property
    def named(self) -> int:
        """Cells up to the last named column: text beyond it belongs to no column."""
        return max(self.columns.values()) + 1


def find_header(rows: Iterable[Sequence[Any]], required: Sequence[str], scan: int = 80) -> Header:
    """Find the header row: the first of the first ``scan`` rows holding every ``required`` name.

    The rows after it are read from the same iterator, so a CSV is streamed, not loaded.
    """
    iterator = iter(rows)
    preamble: list[str] = []
    for number, row in enumerate(iterator, start=1):
        names = [str(cell).strip() for cell in row]
        if all(name in names for name in required):
            columns: dict[str, int] = {}
            for index, name in enumerate(names):
                if name:
                    columns.setdefault(name, index)
            needed = max(columns[name] for name in required) + 1 if required else len(names)
            return Header(columns, preamble, number, iterator, len(names), needed)
        preamble.append(" ".join(cell for cell in names if cell))
        if number >= scan:
            break
    raise BillImportError("找不到表头（应含 " + "、".join(required) + "），文件不是这种账单或已被截断")


def find_header_in_rows(rows: Sequence[Sequence[Any]], required: Sequence[str], scan: int = 80) -> Header:
    """``find_header`` over a spreadsheet's rows: searched as text, the data rows keep their cell values
    (numbers, dates) for the converter."""
    text_rows = [
        [v if isinstance(v, str) else ("" if v in ("", None) else str(v)) for v in r] for r in rows[:scan]
    ]
    found = find_header(text_rows, required, scan)
    return found._replace(rows=iter(rows[found.row :]))


_COUNT_RE = re.compile(r"共[:：]?\s*(\d+)\s*笔记录")
_LINE_RE = re.compile(
    r"^(?:已)?(收入|支出|不计收支|中性交易|其他)[:：]\s*(\d+)\s*笔[^,，]*?[,，]?\s*([\d,]+(?:\.\d+)?)\s*元"
)


def preamble_totals(lines: Iterable[str]) -> PreambleTotals:
    """Read ``共N笔记录``, ``收入：N笔 X元``, ``支出：…``, ``不计收支/中性交易/其他：…`` where they are numbers."""
    found: dict[str, object] = {}
    for line in lines:
        text = line.strip()
        match = _COUNT_RE.search(text)
        if match and "count" not in found:
            found["count"] = int(match.group(1))
            continue
        match = _LINE_RE.match(text)
        if match:
            key = {"收入": "income", "支出": "expense"}.get(match.group(1), "neutral")
            if key in found:
                continue
            found[key] = Decimal(match.group(3).replace(",", ""))
            found[f"{key}_count"] = int(match.group(2))
    return PreambleTotals(**found)  # type: ignore[arg-type]


# The last plain cell read by ``amount`` and its value: a bill's totals check (``table.kind_tally``) and its
# converter read the same cell of each row one after the other. Kept as one tuple, so a thread never sees the
# cell of one read with the value of another; the cell is held, so no other object can take its identity.
_last_amount: tuple[object, Decimal] = ("", Decimal(0))


def amount(text: object, row: int, column: str) -> Decimal:
    """A positive amount of money from a cell (``¥28.16``, ``1,234.00``, ``28.16``); the sign is dropped."""
    global _last_amount
    if type(text) is str:
        last = _last_amount
        if last[0] is text:
            return last[1]
        whole, dot, part = text.partition(".")
        if whole.isdecimal() and (not dot or part.isdecimal()):  # digits: parse_amount's own first case
            # ``12.34`` is already to the 分 (most cells); other digits are rounded as parse_amount rounds
            value = Decimal(text) if len(part) == 2 else abs(quantize_half_up(Decimal(text), CENT))
            _last_amount = (text, value)
            return value
    if isinstance(text, str):
        text = text.replace("\t", "").strip()
        if text in ("", "/", "-"):
            raise BillImportError(f"“{column}”为空", row=row)
    try:
        value = parse_amount(text, column)
    except (AmountError, ArithmeticError):  # ArithmeticError: a number too long to be money
        raise BillImportError(f"“{column}”不是金额：{str(text)[:30]!r}", row=row) from None
    return abs(value)


def signed_amount(text: object, row: int, column: str) -> Decimal:
    """An amount with its sign kept (bank statements: ``-1,000.00``)."""
    if isinstance(text, str):
        text = text.replace("\t", "").strip()
    try:
        return parse_amount(text, column)
    except (AmountError, ArithmeticError):
        raise BillImportError(f"“{column}”不是金额：{str(text)[:30]!r}", row=row) from None


_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y%m%d",
)


def parse_time(text: object, row: int, column: str) -> datetime:
    """A date or date-time as exports write it; a ``datetime`` cell (xlsx) is taken as is."""
    if isinstance(text, datetime):
        return text.replace(tzinfo=None)
    value = str(text).strip()
    if len(value) == 19 and value[4] == "-" and value[10] == " ":  # the common case, fast
        try:
            return datetime.fromisoformat(value)  # C, for ``2024-01-31 12:00:00`` itself
        except ValueError:
            pass
        try:
            return datetime(  # noqa: DTZ001 - bills show naive local (UTC+8) times
                int(value[0:4]),
                int(value[5:7]),
                int(value[8:10]),
                int(value[11:13]),
                int(value[14:16]),
                int(value[17:19]),
            )
        except ValueError:
            pass
    for fmt in _TIME_FORMATS:
        try:
            return datetime.strptime(value, fmt)  # noqa: DTZ007 - bills show naive local (UTC+8) times
        except ValueError:
            continue
    raise BillImportError(f"“{column}”不是日期时间：{value[:30]!r}", row=row)


def posted_day(text: object, row: int, column: str) -> date | None:
    """The day a bank booked a row (记账日/入账日), or ``None`` where the cell is empty."""
    if text in ("", None) or str(text).strip() in ("", "/", "-"):
        return None
    return parse_time(text, row, column).date()


BLANKS = frozenset(("/", "-", "--"))  # what exports write for an empty cell


def blank(value: str) -> str:
    """Exports write ``/`` or ``-`` for an empty cell."""
    return "" if value in BLANKS else value
