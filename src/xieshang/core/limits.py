"""How long a re-instalment may run for each kind of creditor (分期期限), with where each cap comes from.

The rules are data (``data/plan_limits.yaml``, loaded by :mod:`xieshang.reference`); an option whose months fall
outside them is refused with the rule's source, so the borrower sees why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .bilingual import Text
from .errors import FieldError, ValidationError
from .terms import LenderType
from .vocabulary import label


@dataclass(frozen=True)
class LimitRule:
    """The shortest and longest re-instalment offered to one kind of creditor, with where the cap comes from."""

    lender_type: LenderType
    min_months: int
    max_months: int
    basis: str  # regulation | practice
    source: str
    article: str
    confidence: str  # text | press | unverified
    note_zh: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class PlanLimits:
    rules: tuple[LimitRule, ...]
    version: int = 1

    def rule(self, lender_type: LenderType | str) -> LimitRule:
        lender_type = LenderType(lender_type)
        for rule in self.rules:
            if rule.lender_type is lender_type:
                return rule
        kind = label(lender_type)
        raise ValidationError(
            Text(f"没有{kind.zh}类债权人的分期期限规则", f"no instalment limit for a {kind.en.lower()}")
        )


def plan_limits_from_dict(data: Mapping[str, Any]) -> PlanLimits:
    """The packaged ``plan_limits.yaml`` (already parsed) as a value; located errors if malformed."""
    rules, errors = [], []
    for i, item in enumerate(data.get("limits") or []):
        try:
            low, high = int(item["min_months"]), int(item["max_months"])
            rules.append(
                LimitRule(
                    lender_type=LenderType(item["lender_type"]),
                    min_months=low,
                    max_months=high,
                    basis=str(item["basis"]),
                    source=str(item["source"]),
                    article=str(item.get("article") or ""),
                    confidence=str(item["confidence"]),
                    note_zh=str(item.get("note_zh") or ""),
                    note_en=str(item.get("note_en") or ""),
                )
            )
            if not 1 <= low <= high:
                errors.append(FieldError(f"limits[{i}]", "need 1 ≤ min_months ≤ max_months"))
        except (KeyError, ValueError, TypeError) as error:
            errors.append(FieldError(f"limits[{i}]", f"bad entry: {error}"))
    if errors:
        raise ValidationError(errors)
    return PlanLimits(tuple(rules), int(data.get("version", 1)))
