"""Transactions as values: the copy with a category keeps every other field."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal

import pytest

from xieshang.core.transactions import Direction, Transaction, row_transaction


def test_with_category_is_the_same_transaction_with_only_its_category_changed() -> None:
    """``with_category`` spells out the fields in order (for speed): every field set to its own value, the copy
    equals ``dataclasses.replace`` field by field, so a field added or moved cannot be lost or swapped."""
    t = Transaction(
        source="alipay",
        order_id="o1",
        time=datetime(2024, 3, 5, 12, 30),  # noqa: DTZ001 - bills are naive local time
        amount=Decimal("12.30"),
        direction=Direction.EXPENSE,
        counterparty="肯德基",
        description="套餐",
        platform_category="餐饮美食",
        category="old",
        payment_method="余额",
        status="交易成功",
        row=7,
        refund_of="r0",
        posted=date(2024, 3, 6),
    )
    copy = t.with_category("food")
    expected = dataclasses.replace(t, category="food")
    assert [getattr(copy, f.name) for f in dataclasses.fields(copy)] == [
        getattr(expected, f.name) for f in dataclasses.fields(expected)
    ]


def test_row_transaction_equals_the_constructor_field_by_field() -> None:
    """``row_transaction`` sets the slots directly (for speed): each field given a different value, it equals
    ``Transaction(...)`` with the same arguments, no category and no posting day, and stays frozen."""
    args = ("alipay", "o1", datetime(2024, 3, 5, 12, 30), Decimal("12.30"), Direction.EXPENSE)  # noqa: DTZ001
    rest = ("肯德基", "套餐", "餐饮美食", "余额", "交易成功", 7, "r0")
    made = row_transaction(*args, *rest)
    expected = Transaction(*args, *rest[:3], None, *rest[3:])
    assert [getattr(made, f.name) for f in dataclasses.fields(made)] == [
        getattr(expected, f.name) for f in dataclasses.fields(expected)
    ]
    assert made == expected and hash(made) == hash(expected)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.amount = Decimal(0)  # type: ignore[misc]
