"""The language of messages that come from the core and the case-file rules.

Located errors carry both languages as values (:class:`~xieshang.core.errors.FieldError`'s ``text``);
:func:`message` picks the page's. :func:`localise` is for the few plain messages still written as one
``"中文 / English"`` string (a projection's note, an engine error).
"""

from __future__ import annotations

from django.utils.translation import get_language

from xieshang.core.errors import FieldError

SEPARATOR = " / "


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
    return message
