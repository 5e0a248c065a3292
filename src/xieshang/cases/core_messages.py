"""The language of messages that come from the core and the case-file rules.

Those messages are bilingual, Chinese first: ``"必填 / required"``. The web shows the half that matches
the page's language; a message without the separator is shown whole.
"""

from __future__ import annotations

from django.utils.translation import get_language

SEPARATOR = " / "


def localise(message: str) -> str:
    """``"必填 / required"`` → ``"必填"`` on Chinese pages, ``"required"`` on English ones."""
    if SEPARATOR not in message:
        return message
    chinese, _sep, english = message.partition(SEPARATOR)
    language = (get_language() or "zh-hans").lower()
    return english.strip() if language.startswith("en") else chinese.strip()
