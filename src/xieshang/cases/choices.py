"""Choices of coded values for forms and selects, named in the page's language from core's vocabulary
(``core.vocabulary``): one place for every label, whatever form shows it."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from django.utils.translation import get_language

from xieshang.core.vocabulary import NegotiationStatus, label


def enum_choices(enum: type[StrEnum]) -> Callable[[], list[tuple[str, str]]]:
    """A callable (forms evaluate it per request, so the page's language applies) giving ``(value, label)``."""

    def choices() -> list[tuple[str, str]]:
        lang = get_language()
        return [(member.value, label(member).get(lang)) for member in enum]

    return choices


status_choices = enum_choices(NegotiationStatus)
