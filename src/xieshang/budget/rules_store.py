"""How the case's transactions get their categories as a person said: the category rules (stored in order,
validated by the core's rule reader) and one transaction's own category (:class:`CategoryChoice`, by the
transaction's key), applied again to every imported transaction when either changes. A person's choice for one
transaction wins over every rule; a rule wins over the platform's category.

Every change is made on the locked case (``cases.writes.locked``) to the rules as they are then, not as the page
read them: adding one appends it, deleting one removes that position, and the stored rows are compared by
position (a changed rule updated, surplus ones deleted, new ones inserted) instead of deleted and re-inserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from xieshang.cases.models import Case
from xieshang.cases.writes import locked, require_locked
from xieshang.core.categories import RuleField, category_for, fits, rules_from_list, rules_to_list
from xieshang.core.transactions import Direction
from xieshang.importers.reference import category_map

from .models import CategoryChoice, CategoryRule, ImportedTransaction
from .store import CHUNK, core_transaction, rules_of

AUTOMATIC = "auto"  # the choice "no category of its own: by the rules and the platform's category"
WRONG_DIRECTION = {
    Direction.INCOME: _("收入只能归入收入类别。"),
    Direction.EXPENSE: _("支出只能归入支出类别。"),
    Direction.NEUTRAL: _("转账、理财不计收支，不分类。"),
}


def recategorise(row: Case) -> int:
    """On the locked case: apply its choices, rules and the platform map again to every imported transaction; how many
    changed."""
    require_locked()
    rules = rules_of(row)
    mapping = category_map()
    chosen = CategoryChoice.objects.of(row)
    changed: list[ImportedTransaction] = []
    count = 0
    for item in ImportedTransaction.objects.filter(case=row).iterator(chunk_size=CHUNK):  # netted too
        category = chosen.get(item.key) or category_for(core_transaction(item), mapping, rules) or ""
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


class ChoiceRefused(Exception):
    """Nothing was changed; ``message`` says why in the person's words, ``field`` is the form field or None."""

    def __init__(self, message: Any, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message, self.field = message, field


@dataclass(frozen=True)
class Chosen:
    changed: int  # transactions whose category changed (this one and, with a rule, its counterparty's others)
    rule: bool  # a rule for the counterparty was saved


def choose_category(case: Case, key: str, category: str, seen: str, always: bool) -> Chosen:
    """Give the transaction ``key`` the category ``category`` (``AUTOMATIC``: none of its own), as the person
    saw it in category ``seen``; with ``always`` as a rule for its counterparty instead, put first so that it
    wins for that counterparty (an existing rule for exactly that counterparty is changed in place).

    Judged on the locked case, before anything is written: a transaction not (or no longer) in the case, a
    category not of its direction, or a category changed since the form was shown (``seen``) →
    :class:`ChoiceRefused`, nothing changed."""
    with locked(case.pk) as row:
        item = ImportedTransaction.objects.filter(case=row, key=key).counted().first()
        if item is None:
            raise ChoiceRefused(_("这笔交易不在这个案件的账单里（可能已撤销那次导入）。"))
        if item.category != seen:
            raise ChoiceRefused(_("这笔交易的类别刚刚在别处改过；请看一下现在的类别，再决定是否修改。"))
        direction = Direction(item.direction)
        if category != AUTOMATIC and not fits(category, direction):
            raise ChoiceRefused(WRONG_DIRECTION[direction], "category")
        if always and (category == AUTOMATIC or not item.counterparty):
            raise ChoiceRefused(_("要以后都这样归类，请选一个类别；这笔交易要有交易对方。"), "always")
        CategoryChoice.objects.filter(case=row, key=key).delete()  # a rule or the automatic category decides
        if always:
            return Chosen(_rule_first(row, item.counterparty[:100], category), True)
        if category != AUTOMATIC:
            CategoryChoice.objects.create(case=row, key=key, category=category)
        return Chosen(recategorise(row), False)


def _rule_first(row: Case, counterparty: str, category: str) -> int:
    require_locked()
    current = rules_to_list(rules_of(row))
    same = [
        i
        for i, r in enumerate(current)
        if r["field"] == RuleField.COUNTERPARTY and r["match"] == counterparty
    ]
    if same:
        current[same[0]]["category"] = category
    else:
        current.insert(
            0, {"match": counterparty, "category": category, "field": RuleField.COUNTERPARTY.value}
        )
    return _replace_rules(row, rules_to_list(rules_from_list(current)))
