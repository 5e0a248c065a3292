"""Choices of coded values for forms and selects, named in the page's language from core's vocabulary
(``core.vocabulary``): one place for every label, whatever form shows it."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from django.utils.functional import Promise, lazy
from django.utils.translation import get_language

from xieshang.core import vocabulary
from xieshang.core.vocabulary import NegotiationStatus, label


def enum_choices(enum: type[StrEnum]) -> Callable[[], list[tuple[str, str]]]:
    """A callable (forms evaluate it per request, so the page's language applies) giving ``(value, label)``."""

    def choices() -> list[tuple[str, str]]:
        lang = get_language()
        return [(member.value, label(member).get(lang)) for member in enum]

    return choices


status_choices = enum_choices(NegotiationStatus)


def lazy_label(member: StrEnum) -> Promise:
    """What people call ``member``, in the language of the page it is shown on (decided when shown)."""
    return lazy(lambda: label(member).get(get_language()), str)()


def labels_for(enum: type[StrEnum]) -> dict[str, Promise]:
    """Every member's label by member, each in the language of the page that shows it."""
    return {member: lazy_label(member) for member in enum}


def lazy_confidence(confidence: str) -> Promise:
    return lazy(lambda: vocabulary.confidence_label(confidence).get(get_language()), str)()
