"""The case's category rules: stored in order, validated by the core's rule reader, applied again to every
imported transaction when they change.

Every change is made on the locked case (``cases.writes.locked``) to the rules as they are then, not as the page
read them: adding one appends it, deleting one removes that position, and the stored rows are compared by
position (a changed rule updated, surplus ones deleted, new ones inserted) instead of deleted and re-inserted.
"""

from __future__ import annotations

from typing import Any

from xieshang.cases.models import Case
from xieshang.cases.writes import locked, require_locked
from xieshang.core.categories import category_for, rules_from_list, rules_to_list
from xieshang.importers.reference import category_map

from .models import CategoryRule, ImportedTransaction
from .store import CHUNK, core_transaction, rules_of


def recategorise(row: Case) -> int:
    """On the locked case: apply its rules and the platform map again to every imported transaction; how many
    changed."""
    require_locked()
    rules = rules_of(row)
    mapping = category_map()
    changed: list[ImportedTransaction] = []
    count = 0
    for item in ImportedTransaction.objects.filter(case=row).iterator(chunk_size=CHUNK):  # netted too
        category = category_for(core_transaction(item), mapping, rules) or ""
        if category != item.category:
            item.category = category
            changed.append(item)
        if len(changed) >= CHUNK:
            ImportedTransaction.objects.bulk_update(changed, ["category"])
            count += len(changed)
            changed = []
    if changed:
        ImportedTransaction.objects.bulk_update(changed, ["category"])
        count += len(changed)
    return count


def save_rules(case: Case, raw: list[dict[str, Any]]) -> int:
    """Make the case's rules ``raw`` (validated by ``rules_from_list`` first) and re-apply them; one transaction."""
    wanted = rules_to_list(rules_from_list(raw))
    with locked(case.pk) as row:
        return _replace_rules(row, wanted)


def add_rule(case: Case, rule: dict[str, Any]) -> int:
    """Append ``rule`` to the case's rules as they are under the lock, re-apply them; how many changed."""
    with locked(case.pk) as row:
        return _replace_rules(row, rules_to_list(rules_from_list([*rules_to_list(rules_of(row)), rule])))


def delete_rule(case: Case, index: int) -> int | None:
    """Delete rule ``index`` (as the locked case holds it) and re-apply the rest; ``None`` if there is none."""
    with locked(case.pk) as row:
        current = rules_to_list(rules_of(row))
        if not 0 <= index < len(current):
            return None
        del current[index]
        return _replace_rules(row, current)


def _replace_rules(row: Case, wanted: list[dict[str, Any]]) -> int:
    require_locked()
    current = list(row.category_rules.order_by("position", "id"))
    for position, (rule, values) in enumerate(zip(current, wanted, strict=False)):
        fields = {"position": position, **{k: values[k] for k in ("match", "category", "field")}}
        if any(getattr(rule, k) != v for k, v in fields.items()):
            CategoryRule.objects.filter(pk=rule.pk).update(**fields)
    if len(current) > len(wanted):
        CategoryRule.objects.filter(pk__in=[r.pk for r in current[len(wanted) :]]).delete()
    CategoryRule.objects.bulk_create(
        CategoryRule(case=row, position=i, match=v["match"], category=v["category"], field=v["field"])
        for i, v in enumerate(wanted[len(current) :], start=len(current))
    )
    return recategorise(row)


def rule_dicts(case: Case) -> list[dict[str, Any]]:
    return rules_to_list(rules_of(case))
