"""Figures formatted for people, in one place: ¥1,234.56, 2026-11-28, 12.80%.

Money is always a ``Decimal`` rounded with ``xieshang.core.money.cents``; rates are fractions (0.128).
Texts the core writes in both languages (``xieshang.core.bilingual.Text``) go through ``|lang``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from enum import StrEnum
from functools import cache

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from xieshang import reference
from xieshang.core import vocabulary
from xieshang.core.bilingual import SEPARATOR, Text
from xieshang.core.money import HUNDRED, axis_yuan, chart_yuan, rounded, yuan

from .. import core_messages

register = template.Library()

EMPTY = "—"


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def money(value: object) -> str:
    """``Decimal('1234.5')`` → ``¥1,234.50``; negative amounts as ``-¥12.30``."""
    number = _decimal(value)
    if number is None:
        return EMPTY
    return yuan(number)


@register.filter
def chart_money(value: object) -> str:
    """An amount on a chart: ``¥2,850`` (no ".00" when whole), ``¥2,850.40`` otherwise."""
    number = _decimal(value)
    return EMPTY if number is None else chart_yuan(number)


@register.filter
def axis_money(value: object) -> str:
    """An amount on a chart's axis, short in the page's language: ``¥2,850``, ``¥7.5万`` / ``¥75k``."""
    number = _decimal(value)
    return EMPTY if number is None else axis_yuan(number, not (get_language() or "").startswith("en"))


@register.filter(expects_localtime=True)
def day(value: object) -> str:
    """Dates as ``2026-11-28`` whatever the language; stored times are shown on their local (Beijing) day."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return EMPTY if value in (None, "") else str(value)


@register.filter
def pct(value: object, places: int = 2) -> str:
    """A fraction as a percentage: ``Decimal('0.128')`` → ``12.80%``."""
    number = _decimal(value)
    if number is None:
        return EMPTY
    scaled = rounded(number * HUNDRED, Decimal(1).scaleb(-int(places)), ROUND_HALF_EVEN)  # huge rates too
    return f"{scaled:,.{int(places)}f}%"


@register.filter
def label(value: object) -> str:
    """A coded choice (``Method.BULLET``, a negotiation status …) as people call it, in the page's language."""
    if isinstance(value, StrEnum):
        return vocabulary.label(value).get(get_language())
    return "" if value is None else str(value)


@register.filter
def lang(value: object) -> str:
    """A core text in the page's language.

    ``Text("不适用：…", "Does not apply: …")`` → its Chinese or English; a core message ``"必填 / required"`` →
    the half that matches the page (as form errors do); anything else as it is.
    """
    if isinstance(value, Text):
        return value.get(get_language())
    if value is None:
        return ""
    text = str(value)
    if SEPARATOR not in text and "/ " in text:
        return Text.split(text).get(get_language())
    return core_messages.localise(text)


@register.filter
def tel(number: object) -> SafeString | str:
    """A phone number as a link a phone dials on a tap: ``12378`` → ``<a href="tel:12378">12378</a>`` (the href
    keeps only digits and a leading +, so ``400-810-8866`` dials as 4008108866)."""
    text = "" if number is None else str(number).strip()
    dial = "".join(c for c in text if c.isdigit() or (c == "+" and not text.index(c)))
    if not dial:
        return text
    return format_html('<a class="tel" href="tel:{}">{}</a>', dial, text)


@register.filter
def dial(text: object) -> SafeString:
    """A sentence with every free help number in it (12378, 12348, 110 … from ``help_channels.yaml``) made
    tap-to-call; the rest of the text escaped as usual."""
    escaped = conditional_escape("" if text is None else text)
    return mark_safe(_help_number().sub(lambda m: str(tel(m.group(0))), escaped))  # the text escaped above


@cache
def _help_number() -> re.Pattern[str]:
    """A help number standing alone: not part of a longer figure, a date or a masked ID (110***1234)."""
    numbers = sorted({c.number for c in reference.help_channels()}, key=len, reverse=True)
    return re.compile(r"(?<![\w*.\-/:])(" + "|".join(re.escape(n) for n in numbers) + r")(?![\w*.\-/:])")
