"""How documents write text, money and dates: user text made safe for XML and split into paragraphs, amounts
in figures and in Chinese capitals, the note every document ends with."""

from __future__ import annotations

import re
from decimal import Decimal

from xieshang.core.capitals import amount_to_capitals
from xieshang.core.money import cents, grouped, rate_to_percent

NOTE = "本文书由“协商 Xieshang”根据使用者提供的信息生成，仅供参考，不构成法律意见。提交前请核对全部内容，并亲笔签名。"
NOT_GIVEN = "（未填写）"
BLANK = "______________"  # a missing personal detail prints as a line to fill in by hand
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean(text: object) -> str:
    """User text safe for XML: control characters dropped, tabs as spaces, line ends unified."""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _XML_INVALID.sub("", value)


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in clean(text).split("\n") if line.strip()]


def ending(text: str) -> str:
    """User text with its closing punctuation dropped, so a sentence can end it."""
    return clean(text).strip().rstrip("。；;，,.! ！")


def money(amount: Decimal) -> str:
    return grouped(amount)


def capitals(amount: Decimal) -> str:
    amount = cents(amount)
    return amount_to_capitals(amount) if amount >= 0 else "负" + amount_to_capitals(-amount)


def percent(rate: Decimal, places: int = 2) -> str:
    return f"{rate_to_percent(rate):.{places}f}".rstrip("0").rstrip(".") + "%"
