"""People's names for the core's codes (methods, lender types, confidence) in the page's language, from core's
one vocabulary (``core.vocabulary``)."""

from __future__ import annotations

from django.utils.functional import Promise

from xieshang.core.vocabulary import CONFIDENCE, LenderType, Method

from .choices import labels_for, lazy_confidence

METHOD_LABELS: dict[str, Promise] = labels_for(Method)
LENDER_LABELS: dict[str, Promise] = labels_for(LenderType)
CONFIDENCE_LABELS: dict[str, Promise] = {key: lazy_confidence(key) for key in CONFIDENCE}


def method_label(code: str) -> str:
    return str(METHOD_LABELS.get(code, code))


def lender_label(code: str) -> str:
    return str(LENDER_LABELS.get(code, code))


def confidence_label(code: str) -> str:
    return str(CONFIDENCE_LABELS.get(code, code))
