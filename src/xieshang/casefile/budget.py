"""The case file's ``budget:`` section (the financial statement, 收支表) ↔ :class:`~xieshang.core.statement.Statement`::

    budget:
      household: {adults: 1, dependant_ages: [6], housing: rent}
      income:   [{category: salary, amount: "4200.00", label: 临时工工资, note: 收入不稳定}]
      expenses: [{category: housing, amount: "1500.00"}, {category: food, amount: "1100.00"}]
      assets:   [{kind: savings, value: "1200.00", note: 银行活期余额}]

Categories are the ids of ``data/budget_categories.yaml`` (their group decides whether a line is income,
essential, flexible or a priority obligation). Amounts are written with two decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xieshang.core.bilingual import Text
from xieshang.core.errors import ValidationError
from xieshang.core.money import ZERO
from xieshang.core.statement import CATEGORY_GROUPS, Asset, Household, Line, Statement
from xieshang.core.vocabulary import AssetKind, Group, Housing

from .reader import Reader, join, mapping_or_error

KEYS = ("household", "income", "expenses", "assets")
LINE_KEYS = ("category", "amount", "note", "label")


def _lines(read: Reader, key: str, groups: Sequence[Group]) -> list[Line]:
    lines: list[Line] = []
    allowed = [k for k, g in CATEGORY_GROUPS.items() if g in groups]
    for index, item in enumerate(read.sequence(key)):
        here = join(read.where(key), index)
        mapping = mapping_or_error(item, here, read.errors)
        if mapping is None:
            continue
        line = Reader(mapping, here, read.errors)
        line.unknown(LINE_KEYS)
        category = mapping.get("category")
        if category not in allowed:
            shown = ", ".join(allowed)
            line.error(
                "category",
                Text(
                    f"未知类别 {category!r}（可用：{shown}）",
                    f"unknown category {category!r} (one of: {shown})",
                ),
            )
            continue
        amount = line.amount("amount", required=True)
        lines.append(
            Line(
                str(category),
                ZERO if amount is None else amount,
                line.text("note", strip=False),  # kept as written
                line.text("label", strip=False),
            )
        )
    return lines


def statement_from_dict(data: Any, path: str = "budget") -> Statement:
    """Read the case file's ``budget:`` section; every problem is reported with its place."""
    read = Reader.opened(data, path, KEYS)
    errors = read.errors
    household = Household()
    raw = read.mapping("household")
    if raw is not None:
        home = Reader(raw, read.where("household"), errors)
        home.unknown(("adults", "dependant_ages", "housing"))
        adults = home.integer("adults", 1, 20)
        ages = []
        for value in home.sequence("dependant_ages"):
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 120:
                home.error(
                    "dependant_ages",
                    Text("应为年龄（0–120 的整数）列表", "must be ages (whole numbers 0–120)"),
                )
                break
            ages.append(value)
        housing = home.choice("housing", Housing)
        household = Household(adults or 1, tuple(ages), housing or Housing.RENT)
    lines = _lines(read, "income", [Group.INCOME])
    lines += _lines(read, "expenses", [Group.ESSENTIAL, Group.FLEXIBLE, Group.PRIORITY])
    assets: list[Asset] = []
    for index, item in enumerate(read.sequence("assets")):
        here = join(read.where("assets"), index)
        asset = mapping_or_error(item, here, errors)
        if asset is None:
            continue
        given = Reader(asset, here, errors)
        given.unknown(("kind", "value", "note"))
        kind = given.choice("kind", AssetKind, required=True)
        value = given.amount("value", required=True)
        if kind is not None:
            assets.append(Asset(kind, ZERO if value is None else value, given.text("note", strip=False)))
    if errors:
        raise ValidationError(errors)
    return Statement(household, tuple(lines), tuple(assets))


def statement_to_dict(statement: Statement) -> dict[str, Any]:
    """The ``budget:`` section for the case file (amounts as strings with two decimals)."""

    def line(item: Line) -> dict[str, Any]:
        out: dict[str, Any] = {"category": item.category, "amount": f"{item.amount:.2f}"}
        if item.note:
            out["note"] = item.note
        if item.label:
            out["label"] = item.label
        return out

    h = statement.household
    return {
        "household": {
            "adults": h.adults,
            "dependant_ages": list(h.dependant_ages),
            "housing": h.housing.value,
        },
        "income": [line(x) for x in statement.lines if x.group is Group.INCOME],
        "expenses": [line(x) for x in statement.lines if x.group is not Group.INCOME],
        "assets": [
            {"kind": a.kind.value, "value": f"{a.value:.2f}", **({"note": a.note} if a.note else {})}
            for a in statement.assets
        ],
    }


_AMOUNT = {"type": ["string", "number"]}
_LINE = {
    "type": "object",
    "required": ["category", "amount"],
    "additionalProperties": False,
    "properties": {
        "category": {"type": "string"},
        "amount": _AMOUNT,
        "note": {"type": "string"},
        "label": {"type": "string"},
    },
}
STATEMENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "收支表 Financial statement: monthly amounts",
    "additionalProperties": False,
    "properties": {
        "household": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "adults": {"type": "integer", "minimum": 1, "maximum": 20},
                "dependant_ages": {
                    "type": "array",
                    "items": {"type": "integer", "minimum": 0, "maximum": 120},
                },
                "housing": {"enum": [h.value for h in Housing]},
            },
        },
        "income": {"type": "array", "items": _LINE},
        "expenses": {"type": "array", "items": _LINE},
        "assets": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["kind", "value"],
                "additionalProperties": False,
                "properties": {
                    "kind": {"enum": [k.value for k in AssetKind]},
                    "value": _AMOUNT,
                    "note": {"type": "string"},
                },
            },
        },
    },
}
