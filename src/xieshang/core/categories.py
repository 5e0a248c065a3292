"""Statement categories for imported transactions: the platform's own category first mapped by the data file
``data/category_map.yaml``; the user's rules (counterparty or keyword → category) applied before it, in order,
so a rule a person saved wins and re-applies on every import; what is left uncategorised is listed for review.

A category belongs to a direction: income categories to money coming in, spending categories to money going
out (:func:`fits`). A rule gives its category only to transactions of that direction (a rule "张三 → 房租" does
not make the money 张三 sends back rent); neutral rows (transfers) take any rule, as before, and count nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .errors import FieldError, ValidationError
from .statement import CATEGORY_GROUPS, Group
from .transactions import Direction, Transaction

SPENDING = frozenset(k for k, g in CATEGORY_GROUPS.items() if g is not Group.INCOME)


class RuleField(StrEnum):
    COUNTERPARTY = "counterparty"  # the counterparty contains the text
    KEYWORD = "keyword"  # counterparty, description or platform category contains the text


def choices_for(direction: Direction) -> tuple[str, ...]:
    """The categories a transaction of ``direction`` may take, in the statement's order: income categories for
    income, spending categories for spending, none for a neutral row (it counts in neither)."""
    if direction is Direction.INCOME:
        return tuple(k for k, g in CATEGORY_GROUPS.items() if g is Group.INCOME)
    if direction is Direction.EXPENSE:
        return tuple(k for k in CATEGORY_GROUPS if k in SPENDING)
    return ()


def fits(category: str, direction: Direction) -> bool:
    """Whether ``category`` is one of a ``direction`` transaction's (see :func:`choices_for`)."""
    return category in choices_for(direction)


@dataclass(frozen=True)
class Rule:
    match: str
    category: str
    field: RuleField = RuleField.KEYWORD

    def applies(self, t: Transaction) -> bool:
        if t.direction is not Direction.NEUTRAL and not fits(self.category, t.direction):
            return False
        if self.field is RuleField.COUNTERPARTY:
            return self.match in t.counterparty
        return self.match in t.text


@dataclass(frozen=True)
class CategoryMap:
    platform: Mapping[str, str | None]
    keywords: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Categorised:
    transactions: tuple[Transaction, ...]
    uncategorised: tuple[Transaction, ...]


def category_map_from_dict(data: Mapping[str, Any]) -> CategoryMap:
    """The mapping as read from ``category_map.yaml``; unknown category ids are an error."""
    errors: list[FieldError] = []
    platform: dict[str, str | None] = {}
    for name, category in (data.get("platform") or {}).items():
        if category is not None and category not in SPENDING:
            errors.append(FieldError(f"platform.{name}", f"未知类别 {category!r}"))
        platform[str(name)] = category
    keywords: list[tuple[str, str]] = []
    for index, item in enumerate(data.get("keywords") or []):
        if item.get("category") not in SPENDING or not item.get("match"):
            errors.append(FieldError(f"keywords[{index}]", "应为 {match, category}，类别须为支出类别"))
            continue
        keywords.append((str(item["match"]), str(item["category"])))
    if errors:
        raise ValidationError(errors)
    return CategoryMap(platform, tuple(keywords))


def rules_from_list(data: Any, path: str = "rules") -> tuple[Rule, ...]:
    """User rules as saved: ``[{match: 房东, category: housing, field: counterparty}, …]``."""
    if not isinstance(data, list):
        raise ValidationError("应为列表", path)
    errors: list[FieldError] = []
    rules: list[Rule] = []
    for index, item in enumerate(data):
        here = f"{path}[{index}]"
        if not isinstance(item, Mapping):
            errors.append(FieldError(here, "应为 {match, category, field}"))
            continue
        match, category, field = item.get("match"), item.get("category"), item.get("field", "keyword")
        if not isinstance(match, str) or not match.strip():
            errors.append(FieldError(f"{here}.match", "必填：要匹配的文字"))
        if category not in CATEGORY_GROUPS:
            errors.append(FieldError(f"{here}.category", f"未知类别 {category!r}"))
        if field not in RuleField.__members__.values():
            errors.append(FieldError(f"{here}.field", "应为 counterparty 或 keyword"))
        if not errors:
            rules.append(Rule(str(match).strip(), str(category), RuleField(field)))
    if errors:
        raise ValidationError(errors)
    return tuple(rules)


def rules_to_list(rules: Sequence[Rule]) -> list[dict[str, str]]:
    return [{"match": r.match, "category": r.category, "field": r.field.value} for r in rules]


def category_for(t: Transaction, mapping: CategoryMap, rules: Sequence[Rule] = ()) -> str | None:
    """User rules in order, then the platform category, then keywords; ``None`` if nothing fits.

    Neutral rows (transfers, 余额宝, repayments) get no category unless a user rule gives one.
    """
    for rule in rules:
        if rule.applies(t):
            return rule.category
    if t.direction is Direction.NEUTRAL:
        return None
    if t.direction is Direction.INCOME:
        return None if t.refund_of else "other_income"
    if t.platform_category in mapping.platform:
        found = mapping.platform[t.platform_category]
        if found is not None:
            return found
    for word, category in mapping.keywords:
        if word in t.counterparty or word in t.description:
            return category
    return None


def categorise(
    transactions: Iterable[Transaction], mapping: CategoryMap, rules: Sequence[Rule] = ()
) -> Categorised:
    """Give every transaction its category; list the spending left without one for review."""
    done: list[Transaction] = []
    left: list[Transaction] = []
    for t in transactions:
        category = category_for(t, mapping, rules)
        item = t.with_category(category) if category != t.category else t
        done.append(item)
        if category is None and t.direction is Direction.EXPENSE:
            left.append(item)
    return Categorised(tuple(done), tuple(left))
