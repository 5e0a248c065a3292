"""Debt discovery: known lenders, and regular monthly outflows to one counterparty."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from xieshang.core.discovery import discover
from xieshang.core.terms import LenderType
from xieshang.core.transactions import Direction, Transaction
from xieshang.importers.reference import known_lenders


def tx(
    month: int, party: str, amount: str, desc: str = "", direction: Direction = Direction.EXPENSE
) -> Transaction:
    when = datetime(2024, month, 10)  # noqa: DTZ001 - bills are naive local time
    return Transaction("alipay", f"{month}{party}", when, Decimal(amount), direction, party, desc)


def test_known_lenders_and_regular_outflows() -> None:
    """花呗 repaid 3 times: 500 + 620.50 + 480 = 1,600.50. Paying *with* 花呗 is not a repayment (no 还款).
    房东 2,000 / 2,000 / 2,100 in three months: within ±20 % of the median 2,000 → regular (6,100).
    A gym 100 / 300 / 100 is not similar; a shop in two months is too few."""
    rows = [
        tx(1, "花呗", "500", "花呗主动还款-2024年01月账单", Direction.NEUTRAL),
        tx(2, "花呗", "620.50", "花呗自动还款", Direction.NEUTRAL),
        tx(3, "花呗", "480", "花呗主动还款"),
        tx(3, "花呗", "99", "用花呗买东西"),
        *(tx(m, "房东", a) for m, a in ((1, "2000"), (2, "2000"), (3, "2100"))),
        *(tx(m, "健身房", a) for m, a in ((1, "100"), (2, "300"), (3, "100"))),
        *(tx(m, "商店", "50") for m in (1, 2)),
    ]
    found = discover(rows, known_lenders())
    assert [(d.counterparty, d.reason, d.count, d.total) for d in found] == [
        ("花呗", "known_lender", 3, Decimal("1600.50")),
        ("房东", "regular", 3, Decimal("6100.00")),
    ]
    assert found[0].lender_type is LenderType.ONLINE_PLATFORM
    assert found[1].monthly_average == Decimal("2033.33")
