"""Dates as Chinese letters write them: ``2026年11月28日`` and the capital form ``二〇二六年十一月二十八日``.

Letters to lenders and complaints use the first form in the body and often the second under the signature.
:func:`bill_date` gives the anti-alteration form of 票据 (``贰零贰陆年壹拾壹月贰拾捌日``), where the PBoC rule puts
零 before months 1, 2 and 10 and days 1–10, 20 and 30, and 壹 before days 11–19.
"""

from __future__ import annotations

import re
from datetime import date

from .errors import ValidationError

_LOWER = "〇一二三四五六七八九"
_CAPITAL = "零壹贰叁肆伍陆柒捌玖"


def chinese_date(day: date) -> str:
    """``2026年11月28日`` (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_month(day: date) -> str:
    """``2026年11月``."""
    return f"{day.year}年{day.month}月"


def capital_date(day: date) -> str:
    """``二〇二六年十一月二十八日``: the year digit by digit with 〇, month and day as numbers."""
    year = "".join(_LOWER[int(d)] for d in f"{day.year:04d}")
    return f"{year}年{_small_number(day.month)}月{_small_number(day.day)}日"


def bill_date(day: date) -> str:
    """``贰零贰陆年壹拾壹月贰拾捌日``: the 票据 form that cannot be altered by adding a digit."""
    year = "".join(_CAPITAL[int(d)] for d in f"{day.year:04d}")
    month = _capital_number(day.month)
    if day.month in (1, 2, 10):
        month = "零" + month
    number = _capital_number(day.day)
    if day.day <= 10 or day.day in (20, 30):
        number = "零" + number
    return f"{year}年{month}月{number}日"


def _small_number(number: int) -> str:
    """1 … 31 in everyday numerals: 十, 十一, 二十, 二十八, 三十一."""
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _LOWER[tens] + "十")
    return head + (_LOWER[ones] if ones else "")


def _capital_number(number: int) -> str:
    """1 … 31 in capitals, tens always with their digit: 壹拾, 壹拾壹, 贰拾捌."""
    tens, ones = divmod(number, 10)
    head = _CAPITAL[tens] + "拾" if tens else ""
    return head + (_CAPITAL[ones] if ones else "")


_NUMERIC_RE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_WORDS_RE = re.compile(
    r"^\s*([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,4})日\s*$"
)


def parse_chinese_date(text: str, field: str = "") -> date:
    """Read ``2026年11月28日`` or ``二〇二六年十一月二十八日`` back into a date."""
    match = _NUMERIC_RE.match(text)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _WORDS_RE.match(text)
        if match:
            year = int("".join(str(_LOWER.index(c) if c in _LOWER else 0) for c in match[1]))
            return date(year, _read_small_number(match[2]), _read_small_number(match[3]))
    except ValueError:
        pass
    raise ValidationError(f"不是日期: {text!r}（写成 2026年11月28日）", field)


def _read_small_number(words: str) -> int:
    if words == "十":
        return 10
    if "十" not in words:
        if len(words) != 1:
            raise ValueError(words)
        return _LOWER.index(words)
    head, _, tail = words.partition("十")
    tens = 1 if head == "" else _LOWER.index(head)
    ones = 0 if tail == "" else _LOWER.index(tail)
    if len(tail) > 1 or len(head) > 1:
        raise ValueError(words)
    return tens * 10 + ones
