"""The language of messages that come from the core and the case-file rules.

Case-file messages are bilingual, Chinese first: ``"必填 / required"``; the web shows the half that matches
the page's language. The money parser's few English-only messages get their Chinese wording here, so a
borrower typing "很多" into an amount field reads Chinese.
"""

from __future__ import annotations

import re

from django.utils.translation import get_language

from xieshang.core.errors import FieldError

SEPARATOR = " / "

_MONEY_ZH: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^not an amount of money: (?P<v>.*?) \(write it like.*\)$"),
        "不是金额：{v}（请写成 1234.50、¥1,234.50 或 1.2万）",
    ),
    (re.compile(r"^must be an amount of money.*$"), "请填写金额，例如 1234.50"),
    (re.compile(r"^must be a number, got (?P<v>.*)$"), "必须是数字（现为 {v}）"),
    (re.compile(r"^must be a (finite )?number$"), "必须是数字"),
)


def _english_page() -> bool:
    return (get_language() or "zh-hans").lower().startswith("en")


def message(error: FieldError) -> str:
    """A located error's message alone, in the page's language."""
    return error.get(get_language())


def localise(message: str) -> str:
    """``"必填 / required"`` → ``"必填"`` on Chinese pages, ``"required"`` on English ones."""
    if SEPARATOR in message:
        chinese, _sep, english = message.partition(SEPARATOR)
        return english.strip() if _english_page() else chinese.strip()
    if not _english_page():
        for pattern, template in _MONEY_ZH:
            match = pattern.match(message)
            if match:
                return template.format(**match.groupdict())
    return message
