"""Texts the core writes for people, in Chinese and English: the delivery layer picks the page's language.

The product is Chinese first; every generated sentence also has an English twin so an English page never shows
Chinese it did not get from the person's own data (names, notes) or a cited document's title. The core knows no
"active language": :meth:`Text.get` is given one (``"en"``, ``"en-us"``, ``"zh-hans"`` …) by whoever renders.

Error messages keep the older habit ``"中文 / English"`` in one string (the CLI prints both);
:meth:`Text.split` turns such a message into a :class:`Text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

SEPARATOR = " / "
_SEPARATOR_RE = re.compile(
    r" ?/ "
)  # "必填 / required", also "…为负）/ cash flows…" after a full-width bracket


def is_english(lang: str | None) -> bool:
    """``"en"``, ``"en-us"``, ``"en_GB"`` → True; anything else (Chinese, empty, None) → False."""
    return (lang or "").strip().lower().startswith("en")


@dataclass(frozen=True)
class Text:
    """One sentence in both languages. ``str(text)`` is the Chinese (the source language)."""

    zh: str
    en: str

    def get(self, lang: str | None) -> str:
        """The English for an English ``lang``, the Chinese otherwise (Chinese is the default)."""
        return self.en if is_english(lang) else self.zh

    def __str__(self) -> str:
        return self.zh

    def __bool__(self) -> bool:
        return bool(self.zh or self.en)

    @classmethod
    def same(cls, text: str) -> Text:
        """A text that reads the same in both languages (a name, a number, a citation)."""
        return cls(text, text)

    @classmethod
    def split(cls, message: str) -> Text:
        """``"必填 / required"`` → ``Text("必填", "required")``; a message without the separator is both.

        The first ``" / "`` (or ``"/ "`` straight after Chinese punctuation) separates the two languages.
        """
        match = _SEPARATOR_RE.search(message)
        if match is None:
            return cls.same(message)
        return cls(message[: match.start()].strip(), message[match.end() :].strip())

    def __add__(self, other: Text | str) -> Text:
        if isinstance(other, str):
            return Text(self.zh + other, self.en + other)
        return Text(self.zh + other.zh, self.en + other.en)

    @staticmethod
    def join(parts: Iterable[Text], zh_sep: str, en_sep: str) -> Text:
        """The parts joined with a separator per language (``"、"`` and ``", "``, ``"；"`` and ``"; "``)."""
        items = list(parts)
        return Text(zh_sep.join(p.zh for p in items), en_sep.join(p.en for p in items))
