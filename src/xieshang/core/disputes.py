"""Credit-report disputes (征信异议) and progress notes (还款协议执行情况): what the borrower writes down so
the 征信异议申请 and the 还款情况汇报 can say it.

A dispute is about one wrong record in the credit report: which institution reported it, for which account or
loan, when, what is wrong, and what the facts are; what the borrower asks for, the proofs (material ids of the
checklist or free text) and who receives the application — the institution that reported the record, the
PBoC Credit Reference Center (征信中心), or a PBoC branch. A progress note is what the borrower says about
keeping the agreement with one creditor over one period.

The case file's ``disputes:`` and ``progress_notes:`` sections are read by :mod:`xieshang.casefile.disputes`.
Which creditor a dispute or note belongs to is only a name here; the documents match it against the case's
debts (:func:`about`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from .bilingual import Text
from .errors import FieldError, ValidationError
from .vocabulary import Recipient as Recipient
from .vocabulary import label

TEXT_LIMIT = 5000  # characters of one free-text field
LINE_LIMIT = 500  # characters of one request or proof line


@dataclass(frozen=True)
class CreditRecord:
    """The wrong record as the credit report shows it, and the facts."""

    institution: str
    wrong: str
    correct: str
    account: str = ""
    reported: date | None = None


@dataclass(frozen=True)
class CreditDispute:
    creditor: str
    record: CreditRecord
    requests: tuple[str, ...] = ()
    proofs: tuple[str, ...] = ()  # material ids of the checklist, or free text
    recipient: Recipient = Recipient.LENDER
    recipient_name: str = ""
    filed: date | None = None
    id: str = ""  # never reused in its case ("d7"); empty in a case file written by hand


@dataclass(frozen=True)
class ProgressNote:
    """What the borrower says about keeping the agreement with ``creditor`` from ``start`` to ``end``."""

    creditor: str
    start: date
    end: date
    text: str
    id: str = ""  # never reused in its case ("n7"); empty in a case file written by hand


_Item = TypeVar("_Item", CreditDispute, ProgressNote)


def recipient_name(dispute: CreditDispute) -> str:
    """Whom the letter is addressed to: the name given, the reporting institution, or the office's label."""
    if dispute.recipient_name.strip():
        return dispute.recipient_name.strip()
    if dispute.recipient is Recipient.LENDER:
        return dispute.record.institution.strip() or dispute.creditor
    return label(dispute.recipient).zh


def about(items: Iterable[_Item], names: Collection[str]) -> tuple[_Item, ...]:
    """The disputes or notes whose creditor is one of ``names`` (a creditor's name and its debts' ids)."""
    return tuple(item for item in items if item.creditor in names)


def in_period_order(notes: Iterable[ProgressNote]) -> tuple[ProgressNote, ...]:
    return tuple(sorted(notes, key=lambda n: (n.start, n.end)))


@dataclass(frozen=True)
class CreditRule:
    """One rule of ``data/credit_rules.yaml``: cited next to disputes, never advice."""

    id: str
    title_zh: str
    source: str
    article: str
    confidence: str  # text | press | unverified
    summary_zh: str
    letter_zh: str = ""  # the sentence a dispute letter quotes
    recipients: frozenset[Recipient] = frozenset()
    effective_from: date | None = None
    effective_to: date | None = None  # after this day the rule is shown as closed, with its dates

    def expired_on(self, day: date) -> bool:
        return self.effective_to is not None and day > self.effective_to


CONFIDENCES = ("text", "press", "unverified")


def credit_rules_from_dict(data: Mapping[str, Any]) -> tuple[CreditRule, ...]:
    """The rules of ``credit_rules.yaml`` (already parsed); every problem located (``rules[2].source``)."""
    errors: list[FieldError] = []
    rules: list[CreditRule] = []
    raw_rules = data.get("rules") or []
    if not isinstance(raw_rules, list):
        raise ValidationError(Text("应为一个列表", "must be a list"), "rules")
    for index, raw in enumerate(raw_rules):
        path = f"rules[{index}]"
        if not isinstance(raw, Mapping):
            errors.append(FieldError(path, Text("应为一组字段", "must be a mapping")))
            continue
        values = {key: str(raw.get(key) or "").strip() for key in _RULE_TEXT}
        for key in ("id", "title_zh", "source", "summary_zh", "confidence"):
            if not values[key]:
                errors.append(FieldError(f"{path}.{key}", Text("必填", "required")))
        if values["confidence"] and values["confidence"] not in CONFIDENCES:
            shown = " | ".join(CONFIDENCES)
            errors.append(FieldError(f"{path}.confidence", Text(f"应为 {shown}", f"must be {shown}")))
        recipients: set[Recipient] = set()
        given = raw.get("recipients") or []
        for which, value in enumerate([given] if isinstance(given, str) else given):
            try:
                recipients.add(Recipient(str(value).strip()))
            except ValueError:
                shown = " | ".join(Recipient)
                errors.append(
                    FieldError(
                        f"{path}.recipients[{which}]", Text(f"应为 {shown} 之一", f"must be one of {shown}")
                    )
                )
        rules.append(
            CreditRule(
                recipients=frozenset(recipients),
                effective_from=_day(raw.get("effective_from"), f"{path}.effective_from", errors),
                effective_to=_day(raw.get("effective_to"), f"{path}.effective_to", errors),
                **values,
            )
        )
    if errors:
        raise ValidationError(errors)
    return tuple(rules)


_RULE_TEXT = ("id", "title_zh", "source", "article", "confidence", "summary_zh", "letter_zh")


def _day(value: object, path: str, errors: list[FieldError]) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        errors.append(
            FieldError(
                path,
                Text(
                    f"日期格式应为 2026-11-28（现为 {value!r}）",
                    f"must be a date like 2026-11-28, got {value!r}",
                ),
            )
        )
        return None


def letter_basis(rules: Iterable[CreditRule]) -> dict[str, str]:
    """For each recipient, the sentence its letter quotes (the first rule naming it)."""
    basis: dict[str, str] = {}
    for rule in rules:
        for recipient in sorted(rule.recipients):
            if rule.letter_zh:
                basis.setdefault(recipient.value, rule.letter_zh)
    return basis
