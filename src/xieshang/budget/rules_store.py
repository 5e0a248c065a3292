"""The case's category rules: stored in order, validated by the core's rule reader, applied again to every
imported transaction when they change."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from xieshang.cases.models import Case
from xieshang.core.categories import category_for, rules_from_list, rules_to_list
from xieshang.importers.reference import category_map

from .models import CategoryRule, ImportedTransaction
from .store import CHUNK, core_transaction, rules_of


def recategorise(case: Case) -> int:
    """Apply the case's rules and the platform map again to every imported transaction; how many changed."""
    rules = rules_of(case)
    mapping = category_map()
    changed: list[ImportedTransaction] = []
    count = 0
    with transaction.atomic():
        for row in ImportedTransaction.objects.filter(case=case).iterator(chunk_size=CHUNK):  # netted too
            category = category_for(core_transaction(row), mapping, rules) or ""
            if category != row.category:
                row.category = category
                changed.append(row)
            if len(changed) >= CHUNK:
                ImportedTransaction.objects.bulk_update(changed, ["category"])
                count += len(changed)
                changed = []
        if changed:
            ImportedTransaction.objects.bulk_update(changed, ["category"])
            count += len(changed)
    return count


def save_rules(case: Case, raw: list[dict[str, Any]]) -> int:
    """Replace the case's rules with ``raw`` (validated by ``rules_from_list`` first) and re-apply them."""
    rules = rules_from_list(raw)
    with transaction.atomic():
        case.category_rules.all().delete()
        CategoryRule.objects.bulk_create(
            CategoryRule(case=case, position=i, match=r["match"], category=r["category"], field=r["field"])
            for i, r in enumerate(rules_to_list(rules))
        )
        return recategorise(case)


def rule_dicts(case: Case) -> list[dict[str, Any]]:
    return rules_to_list(rules_of(case))
