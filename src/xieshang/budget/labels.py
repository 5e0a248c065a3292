"""People's names for the budget's codes: statement categories (from ``data/budget_categories.yaml``, in the
page's language), groups, directions, housing and asset kinds."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from xieshang.cases.choices import labels_for
from xieshang.core.statement import CATEGORY_GROUPS, AssetKind, Group, Housing
from xieshang.core.transactions import Direction
from xieshang.importers.detect import FORMATS
from xieshang.importers.reference import budget_labels

GROUP_LABELS: dict[str, Promise] = labels_for(Group)
DIRECTION_LABELS: dict[str, Promise] = labels_for(Direction)
HOUSING_LABELS: dict[str, Promise] = labels_for(Housing)
ASSET_LABELS: dict[str, Promise] = labels_for(AssetKind)
UNCATEGORISED_LABEL = _("未分类")


def _english() -> bool:
    return (get_language() or "zh-hans").lower().startswith("en")


def category_label(code: str | None) -> str:
    """``food`` → 餐饮食品 (or "Food and meals" on English pages); empty → 未分类."""
    if not code or code == "uncategorised":
        return str(UNCATEGORISED_LABEL)
    found = budget_labels().get(code)
    if found is None:
        return code
    return found[2] if _english() else found[1]


def category_choices(*groups: Group) -> list[tuple[str, str]]:
    wanted = groups or tuple(Group)
    return [(cid, category_label(cid)) for cid, group in CATEGORY_GROUPS.items() if group in wanted]


def grouped_category_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices for a select with optgroups: 收入 / 必要固定支出 / …"""
    return [(str(GROUP_LABELS[g]), category_choices(g)) for g in Group]


def category_choices_to_pick() -> list[Any]:
    """The grouped choices after a first "请选择类别": a form with no category given does not pick one for the
    person (the rule form once started on 工资收入 for spending)."""
    return [("", _("请选择类别")), *grouped_category_choices()]


def direction_label(code: str) -> str:
    return str(DIRECTION_LABELS.get(code, code))


def format_label(code: str) -> str:
    return FORMATS.get(code, code)
