"""The financial statement (收支表): what a household earns, must spend, and can offer its unsecured creditors.

Monthly amounts, in the China-adapted categories of ``data/budget_categories.yaml`` (ids and groups below; the
labels live in the data file). Output: income, essential spending (fixed + flexible living costs), priority
obligations (mortgage, car loan, court enforcement, tax and social-insurance arrears) and the monthly amount
available for unsecured debts, with its working.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .errors import AmountError, FieldError, ValidationError
from .money import ZERO, cents, parse_amount


class Group(StrEnum):
    INCOME = "income"
    ESSENTIAL = "essential"  # essential fixed costs
    FLEXIBLE = "flexible"  # flexible living costs
    PRIORITY = "priority"  # priority obligations: paid before unsecured creditors


# The model: which group each category belongs to. Labels are in data/budget_categories.yaml (a test keeps both equal).
CATEGORY_GROUPS: Mapping[str, Group] = {
    **dict.fromkeys(
        ("salary", "business", "pension", "benefits", "family_support", "other_income"), Group.INCOME
    ),
    **dict.fromkeys(
        ("housing", "utilities", "phone", "transport", "medical", "education", "insurance", "care"),
        Group.ESSENTIAL,
    ),
    **dict.fromkeys(("food", "daily_goods", "clothing", "personal", "social", "leisure"), Group.FLEXIBLE),
    **dict.fromkeys(
        ("mortgage", "car_loan", "court_enforcement", "tax_arrears", "social_insurance_arrears"),
        Group.PRIORITY,
    ),
}


class Housing(StrEnum):
    RENT = "rent"  # 租房
    MORTGAGE = "mortgage"  # 有房贷
    OWNED = "owned"  # 自有住房
    FAMILY = "family"  # 与家人同住
    OTHER = "other"


class AssetKind(StrEnum):
    PROPERTY = "property"  # 房产
    VEHICLE = "vehicle"  # 车辆
    SAVINGS = "savings"  # 存款、理财
    DEPOSITS = "deposits"  # 押金、公积金等


@dataclass(frozen=True)
class Household:
    adults: int = 1
    dependant_ages: tuple[int, ...] = ()
    housing: Housing = Housing.RENT


@dataclass(frozen=True)
class Line:
    """One monthly amount in a category, with an optional note (why it is above typical)."""

    category: str
    amount: Decimal
    note: str = ""
    label: str = ""

    @property
    def group(self) -> Group:
        return CATEGORY_GROUPS[self.category]


@dataclass(frozen=True)
class Asset:
    kind: AssetKind
    value: Decimal
    note: str = ""


@dataclass(frozen=True)
class Statement:
    household: Household
    lines: tuple[Line, ...]
    assets: tuple[Asset, ...] = ()

    def total(self, group: Group) -> Decimal:
        return cents(sum((line.amount for line in self.lines if line.group is group), ZERO))


@dataclass(frozen=True)
class Step:
    """One line of the working: ``收入 6,000.00``, ``− 必要固定支出 2,300.00`` …"""

    label: str
    amount: Decimal
    sign: int  # +1 added, -1 subtracted, 0 result


@dataclass(frozen=True)
class Outcome:
    income: Decimal
    essential_fixed: Decimal
    flexible: Decimal
    essential_spending: Decimal  # fixed + flexible living costs
    priority: Decimal
    available: Decimal  # for unsecured debts; negative = shortfall
    working: tuple[Step, ...]

    @property
    def shortfall(self) -> bool:
        return self.available < 0


def evaluate(statement: Statement) -> Outcome:
    """Income − essential fixed − flexible − priority obligations = available for unsecured debts.

    >>> s = Statement(Household(), (Line("salary", Decimal("6000")), Line("housing", Decimal("1500")),
    ...     Line("food", Decimal("1200")), Line("car_loan", Decimal("800"))))
    >>> evaluate(s).available
    Decimal('2500.00')
    """
    income = statement.total(Group.INCOME)
    fixed = statement.total(Group.ESSENTIAL)
    flexible = statement.total(Group.FLEXIBLE)
    priority = statement.total(Group.PRIORITY)
    available = cents(income - fixed - flexible - priority)
    working = (
        Step("月收入 Income", income, 1),
        Step("必要固定支出 Essential fixed costs", fixed, -1),
        Step("弹性生活支出 Flexible living costs", flexible, -1),
        Step("优先债务 Priority obligations", priority, -1),
        Step("可用于无担保债务 Available for unsecured debts", available, 0),
    )
    return Outcome(income, fixed, flexible, cents(fixed + flexible), priority, available, working)


def _amount(value: Any, path: str, errors: list[FieldError]) -> Decimal:
    try:
        number = parse_amount(value, path)
    except AmountError as error:
        errors.extend(FieldError(path, e.message) for e in error.errors)
        return ZERO
    if number < 0:
        errors.append(FieldError(path, "不能为负数"))
    return number


def _lines(items: Any, path: str, groups: Sequence[Group], errors: list[FieldError]) -> list[Line]:
    if items is None:
        return []
    if not isinstance(items, list):
        errors.append(FieldError(path, "应为列表"))
        return []
    lines: list[Line] = []
    for index, item in enumerate(items):
        here = f"{path}[{index}]"
        if not isinstance(item, Mapping):
            errors.append(FieldError(here, "应为 {category, amount, note}"))
            continue
        unknown = set(item) - {"category", "amount", "note", "label"}
        errors.extend(FieldError(f"{here}.{key}", "未知字段") for key in sorted(unknown))
        category = item.get("category")
        if category not in CATEGORY_GROUPS or CATEGORY_GROUPS[str(category)] not in groups:
            allowed = ", ".join(k for k, g in CATEGORY_GROUPS.items() if g in groups)
            errors.append(FieldError(f"{here}.category", f"未知类别 {category!r}（可用：{allowed}）"))
            continue
        note, label = item.get("note", ""), item.get("label", "")
        if not isinstance(note, str) or not isinstance(label, str):
            errors.append(FieldError(f"{here}.note", "应为文字"))
            continue
        lines.append(Line(str(category), _amount(item.get("amount"), f"{here}.amount", errors), note, label))
    return lines


def statement_from_dict(data: Any, path: str = "budget") -> Statement:
    """Read the case file's ``budget:`` section; every problem is reported with its place."""
    if not isinstance(data, Mapping):
        raise ValidationError("应为映射（household, income, expenses, assets）", path)
    errors: list[FieldError] = []
    errors.extend(
        FieldError(f"{path}.{key}", "未知字段")
        for key in data
        if key not in ("household", "income", "expenses", "assets")
    )
    raw = data.get("household") or {}
    household = Household()
    if not isinstance(raw, Mapping):
        errors.append(FieldError(f"{path}.household", "应为映射"))
    else:
        adults = raw.get("adults", 1)
        ages = raw.get("dependant_ages", [])
        housing = raw.get("housing", "rent")
        if not isinstance(adults, int) or isinstance(adults, bool) or not 1 <= adults <= 20:
            errors.append(FieldError(f"{path}.household.adults", "应为 1–20 的整数"))
            adults = 1
        if not isinstance(ages, list) or not all(isinstance(a, int) and 0 <= a <= 120 for a in ages):
            errors.append(FieldError(f"{path}.household.dependant_ages", "应为年龄（0–120 的整数）列表"))
            ages = []
        if housing not in Housing.__members__.values():
            errors.append(FieldError(f"{path}.household.housing", f"应为 {', '.join(Housing)} 之一"))
            housing = "rent"
        household = Household(adults, tuple(ages), Housing(housing))
    lines = _lines(data.get("income"), f"{path}.income", [Group.INCOME], errors)
    lines += _lines(
        data.get("expenses"), f"{path}.expenses", [Group.ESSENTIAL, Group.FLEXIBLE, Group.PRIORITY], errors
    )
    assets: list[Asset] = []
    raw_assets = data.get("assets") or []
    if not isinstance(raw_assets, list):
        errors.append(FieldError(f"{path}.assets", "应为列表"))
        raw_assets = []
    for index, item in enumerate(raw_assets):
        here = f"{path}.assets[{index}]"
        if not isinstance(item, Mapping) or item.get("kind") not in AssetKind.__members__.values():
            errors.append(FieldError(f"{here}.kind", f"应为 {', '.join(AssetKind)} 之一"))
            continue
        note = item.get("note", "")
        assets.append(
            Asset(AssetKind(item["kind"]), _amount(item.get("value"), f"{here}.value", errors), str(note))
        )
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
