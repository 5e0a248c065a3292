"""Categories: user rules first and in order, then the platform category, then keywords; the rest listed."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from xieshang.core.categories import CategoryMap, Rule, RuleField, categorise, rules_from_list, rules_to_list
from xieshang.core.errors import ValidationError
from xieshang.core.transactions import Direction, Transaction

MAP = CategoryMap({"餐饮美食": "food", "投资理财": None}, (("国网电力", "utilities"),))
WHEN = datetime(2024, 3, 1, 12)  # noqa: DTZ001 - bills are naive local time


def tx(
    party: str, platform: str = "", direction: Direction = Direction.EXPENSE, desc: str = ""
) -> Transaction:
    return Transaction("alipay", "1", WHEN, Decimal("10.00"), direction, party, desc, platform)


def test_order_of_precedence() -> None:
    rules = (Rule("房东", "housing", RuleField.COUNTERPARTY), Rule("餐", "leisure"))
    result = categorise(
        [tx("房东"), tx("肯德基", "餐饮美食"), tx("国网电力北京"), tx("某店", "投资理财"), tx("某店")],
        MAP,
        rules[:1],
    )
    assert [t.category for t in result.transactions] == ["housing", "food", "utilities", None, None]
    assert len(result.uncategorised) == 2
    # a keyword rule matching the description wins over the platform category
    again = categorise([tx("肯德基", "餐饮美食", desc="午餐")], MAP, rules[1:])
    assert again.transactions[0].category == "leisure"


def test_neutral_and_income() -> None:
    result = categorise(
        [tx("余额宝", direction=Direction.NEUTRAL), tx("公司", direction=Direction.INCOME)], MAP
    )
    assert [t.category for t in result.transactions] == [None, "other_income"]
    assert result.uncategorised == ()


def test_rules_round_trip_and_errors() -> None:
    rules = rules_from_list([{"match": "房东", "category": "housing", "field": "counterparty"}])
    assert rules_from_list(rules_to_list(rules)) == rules
    with pytest.raises(ValidationError, match=r"rules\[0\]\.category"):
        rules_from_list([{"match": "x", "category": "nope"}])


def test_shipped_map_loads() -> None:
    from xieshang.importers.reference import category_map

    assert category_map().platform["餐饮美食"] == "food"
