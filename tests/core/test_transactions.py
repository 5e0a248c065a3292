"""Transactions as values: the copy with a category keeps every other field."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal

from xieshang.core.transactions import Direction, Transaction


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
