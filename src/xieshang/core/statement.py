"""The financial statement (收支表): what a household earns, must spend, and can offer its unsecured creditors.

Monthly amounts, in the China-adapted categories of ``data/budget_categories.yaml`` (ids and groups below; the
labels live in the data file). Output: income, essential spending (fixed + flexible living costs), priority
obligations (mortgage, car loan, court enforcement, tax and social-insurance arrears) and the monthly amount
available for unsecured debts, with its working.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .bilingual import Text
from .money import ZERO, cents
from .vocabulary import AssetKind as AssetKind
from .vocabulary import Group as Group
from .vocabulary import Housing as Housing
from .vocabulary import label

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

    label: Text
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
        Step(Text("月收入", "Income"), income, 1),
        Step(label(Group.ESSENTIAL), fixed, -1),
        Step(label(Group.FLEXIBLE), flexible, -1),
        Step(label(Group.PRIORITY), priority, -1),
        Step(Text("每月可用于还无担保债务", "Available for unsecured debts"), available, 0),
    )
    return Outcome(income, fixed, flexible, cents(fixed + flexible), priority, available, working)
