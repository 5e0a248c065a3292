"""Finding a statement's printed figures among its cells: the value after (or, in a PDF, under) its label,
amounts, dates, the masked card number, the daily rate and the late-fee rule as banks write them.

>>> amount_in("¥ 1,927.79"), amount_in("CNY 123.18"), amount_in("欠款/DEBT 544.99"), amount_in("-1,399.80")
(Decimal('1927.79'), Decimal('123.18'), Decimal('544.99'), Decimal('-1399.80'))
>>> date_in("2026年08月14日"), date_in("2026/09/03"), date_in("20260515")
(datetime.date(2026, 8, 14), datetime.date(2026, 9, 3), datetime.date(2026, 5, 15))
>>> last_four("622252******5155"), last_four("6259 0737 **** 6505"), last_four("卡号末四位 0648")
('5155', '6505', '0648')
>>> daily_rate_in("透支利息按日利率万分之五计收"), daily_rate_in("日利率0.035%")
(Decimal('0.0005'), Decimal('0.00035'))
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from xieshang.core.card_bills import LateFeeRule

from .document import Document

T = TypeVar("T")

_AMOUNT_RE = re.compile(
    r"(?<![\d.])([-−])?\s*(?:[¥￥]|RMB|CNY|人民币)?\s*([-−])?\s*(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})(?![\d])"
)
_WHOLE_RE = re.compile(r"^\s*(?:[¥￥]|RMB|CNY|人民币)\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(?:元)?\s*$")
_DATE_RE = re.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT_RE = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")
_CARD_RE = re.compile(
    r"(?:\d[\d\s-]*[*＊xX]{2,}[\d\s*＊xX-]*?(\d{4})(?!\d))|(?:(?:末四位|后四位|尾号)\D{0,6}(\d{4})(?!\d))"
)
_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WAN_RE = re.compile(r"日(?:利率|息)[^0-9万]{0,6}万分之\s*([0-9.]+|[一二两三四五六七八九])")
_PCT_RE = re.compile(r"日(?:利率|息)[^0-9%]{0,6}([0-9]+(?:\.[0-9]+)?)\s*[%％]")
_SENTENCE_RE = re.compile(r"[。；;\n●|]|（\d）|\(\d\)")
_PERCENT_RE = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*[%％]")
_FEE_MIN_RE = re.compile(r"(?:最低[^0-9。；;|]{0,6}|按照?)([0-9]+(?:\.[0-9]+)?)\s*元")
_FEE_MAX_RE = re.compile(r"最高[^0-9。；;|]{0,6}([0-9]+(?:\.[0-9]+)?)\s*元")


def amount_in(text: str) -> Decimal | None:
    """The first amount of money written in a cell (two decimals, as statements print them), or ``None``."""
    match = _AMOUNT_RE.search(text.replace("，", ","))
    if match is None:
        whole = _WHOLE_RE.match(text)
        return Decimal(whole.group(1).replace(",", "")) if whole else None
    value = Decimal(f"{match.group(3).replace(',', '')}.{match.group(4)}")
    return -value if match.group(1) or match.group(2) else value


def date_in(text: str) -> date | None:
    for pattern in (_DATE_RE, _COMPACT_RE):
        match = pattern.search(text)
        if match:
            try:
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                return None
    return None


def dates_in(text: str) -> list[date]:
    found = []
    for match in _DATE_RE.finditer(text):
        try:
            found.append(date(int(match.group(1)), int(match.group(2)), int(match.group(3))))
        except ValueError:
            continue
    return found


def last_four(text: str) -> str:
    """The last four digits of a masked card number (the only part of it kept), or ``""``."""
    match = _CARD_RE.search(text)
    return (match.group(1) or match.group(2)) if match else ""


def daily_rate_in(text: str) -> Decimal | None:
    """The daily interest rate a statement prints (万分之五, 0.05%), as a fraction."""
    match = _WAN_RE.search(text)
    try:
        if match:
            raw = match.group(1)
            number = Decimal(_CHINESE_DIGITS[raw]) if raw in _CHINESE_DIGITS else Decimal(raw)
            return number / Decimal(10000)
        match = _PCT_RE.search(text)
        if match:
            return Decimal(match.group(1)) / Decimal(100)
    except InvalidOperation:
        return None
    return None


def late_fee_in(text: str) -> LateFeeRule | None:
    """The late-fee rule where printed: 违约金/滞纳金 as a share of the unpaid minimum, with a floor (最低 10 元,
    按照 10 元) and a cap (最高 … 元), read from the sentences that name it (none about interest rates)."""
    sentences = [
        s.strip()
        for s in _SENTENCE_RE.split(text)
        if ("违约金" in s or "滞纳金" in s) and "利率" not in s and "免收" not in s
    ]
    rate = low = high = None
    for sentence in sentences:
        percent = _PERCENT_RE.search(sentence)
        if percent and rate is None:
            rate = Decimal(percent.group(1)) / Decimal(100)
        floor = _FEE_MIN_RE.search(sentence)
        if floor and low is None:
            low = Decimal(floor.group(1))
        cap = _FEE_MAX_RE.search(sentence)
        if cap and high is None:
            high = Decimal(cap.group(1))
    if rate is None and low is None:
        return None
    return LateFeeRule(rate=rate, minimum=low, maximum=high, text="；".join(sentences)[:300])


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _occurrences(doc: Document, labels: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """(row, cell, the label matched) for every cell holding one of ``labels``, in reading order."""
    wanted = [(_compact(label), label) for label in labels]
    for r, row in enumerate(doc.rows):
        for c, cell in enumerate(row):
            flat = _compact(cell)
            hit = next((w for w, _label in wanted if w in flat), None)
            if hit is not None:
                yield r, c, hit


def _after_at(
    doc: Document, r: int, c: int, hit: str, read: Callable[[str], T | None], window: int
) -> T | None:
    cell = doc.rows[r][c]
    rest = cell[cell.find(hit[-1]) + 1 :] if hit[-1] in cell else ""
    found = read(rest) if rest.strip() else None
    if found is not None:
        return found
    following = [
        x for x in (*doc.rows[r][c + 1 :], *(x for row in doc.rows[r + 1 : r + 1 + window] for x in row)) if x
    ]
    for text in following[:window]:
        found = read(text)
        if found is not None:
            return found
    return None


def _under_at(
    doc: Document, r: int, c: int, read: Callable[[str], T | None], rows: int, reach: float
) -> T | None:
    """A value below its label, for tables whose labels sit above their values: in a PDF, a cell starting within
    ``reach`` points of the label's left edge; in HTML, the cell at the label's position in a following row of
    as many cells, where the label's own row holds labels only."""
    row = doc.rows[r]
    if doc.kind == "pdf" and r < len(doc.xs):
        x = doc.xs[r][c]
        for below in range(r + 1, min(r + 1 + rows, len(doc.rows))):
            near = sorted(
                (abs(bx - x), text)
                for bx, text in zip(doc.xs[below], doc.rows[below], strict=False)
                if abs(bx - x) <= reach
            )
            for _distance, text in near:
                found = read(text)
                if found is not None:
                    return found
        return None
    if sum(1 for x in row if x) < 2 or any(read(other) is not None for other in row):
        return None
    for below in doc.rows[r + 1 : r + 1 + rows]:
        if len(below) == len(row) and (found := read(below[c])) is not None:
            return found
    return None


def after(doc: Document, labels: Sequence[str], read: Callable[[str], T | None], window: int = 5) -> T | None:
    """The first value ``read`` finds after a label: in the rest of its cell, else in the next ``window`` cells."""
    for r, c, hit in _occurrences(doc, labels):
        found = _after_at(doc, r, c, hit, read, window)
        if found is not None:
            return found
    return None


def labelled(doc: Document, labels: Sequence[str], read: Callable[[str], T | None]) -> T | None:
    """The value of a label at its first place that has one: under it where labels sit above their values,
    else after it."""
    for r, c, hit in _occurrences(doc, labels):
        found = _under_at(doc, r, c, read, 4, 50)
        if found is None:
            found = _after_at(doc, r, c, hit, read, 5)
        if found is not None:
            return found
    return None
