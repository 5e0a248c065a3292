"""The rules an agreement is reviewed by, as values read from ``data/agreement_rules.yaml``: what each checks
(the name of a check in :mod:`xieshang.core.agreement_review`), its words, the clause it concerns, what to ask
for instead, its source and confidence, and the kinds of creditor it is for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .bilingual import Text
from .errors import ValidationError
from .terms import LenderType, Loan

SEVERITIES = ("red", "fix", "note")
CONFIDENCES = ("text", "press", "unverified", "practice")


@dataclass(frozen=True)
class ReviewRule:
    id: str
    check: str
    severity: str
    title: Text
    explain: Text  # with {placeholders} the check fills
    ask: Text
    concerns: Text  # the clause or field concerned
    source: str
    confidence: str
    keywords: tuple[str, ...] = ()
    lender_types: tuple[LenderType, ...] = ()  # only for these kinds of creditor (empty: every kind)
    not_lender_types: tuple[LenderType, ...] = ()

    def applies_to(self, loan: Loan) -> bool:
        if self.lender_types and loan.lender_type not in self.lender_types:
            return False
        return loan.lender_type not in self.not_lender_types


_REQUIRED = (
    *("id", "check", "severity", "title_zh", "title_en", "explain_zh", "explain_en", "ask_zh", "ask_en"),
    *("concerns_zh", "concerns_en", "source", "confidence"),
)


def _lenders(value: Any, where: str) -> tuple[LenderType, ...]:
    try:
        return tuple(LenderType(v) for v in value or ())
    except ValueError as error:
        raise ValidationError(str(error), where) from None


def rules_from_data(data: Any, checks: frozenset[str] = frozenset()) -> tuple[ReviewRule, ...]:
    """The rules of ``agreement_rules.yaml``; a ValidationError names the entry at fault (``checks``: the check
    names a rule may use; empty: any)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("rules"), list):
        raise ValidationError("needs a list `rules`", "rules")
    rules = []
    for index, entry in enumerate(data["rules"]):
        where = f"rules[{index}]"
        if not isinstance(entry, Mapping):
            raise ValidationError("must be a mapping", where)
        for key in _REQUIRED:
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise ValidationError("required text", f"{where}.{key}")
        if checks and entry["check"] not in checks:
            raise ValidationError(f"unknown check {entry['check']!r}", f"{where}.check")
        if entry["severity"] not in SEVERITIES or entry["confidence"] not in CONFIDENCES:
            raise ValidationError("unknown severity or confidence", where)
        words = entry.get("keywords") or []
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise ValidationError("must be a list of words", f"{where}.keywords")
        rules.append(
            ReviewRule(
                id=entry["id"],
                check=entry["check"],
                severity=entry["severity"],
                title=Text(entry["title_zh"].strip(), entry["title_en"].strip()),
                explain=Text(entry["explain_zh"].strip(), entry["explain_en"].strip()),
                ask=Text(entry["ask_zh"].strip(), entry["ask_en"].strip()),
                concerns=Text(entry["concerns_zh"].strip(), entry["concerns_en"].strip()),
                source=entry["source"].strip(),
                confidence=entry["confidence"],
                keywords=tuple(words),
                lender_types=_lenders(entry.get("lender_types"), f"{where}.lender_types"),
                not_lender_types=_lenders(entry.get("not_lender_types"), f"{where}.not_lender_types"),
            )
        )
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise ValidationError("duplicate rule ids", "rules")
    return tuple(rules)
