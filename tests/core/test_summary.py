"""Monthly summary and the statement it prefills."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from xieshang.core.statement import evaluate
from xieshang.core.summary import prefill_statement, summarise
from xieshang.core.transactions import Direction, Transaction
from xieshang.importers.reference import known_lenders


def tx(
    month: int,
    amount: str,
    direction: Direction,
    category: str | None = None,
    desc: str = "",
    party: str = "x",
) -> Transaction:
    when = datetime(2024, month, 5)  # noqa: DTZ001 - bills are naive local time
    return Transaction("alipay", "", when, Decimal(amount), direction, party, desc, category=category)


def test_two_months_by_hand() -> None:
    """Jan: income 5,000; food 900 + 100; 借呗 repayment 1,000; 余额宝 neutral 50.
    Feb: income 5,000.01; food 600; housing 2,000. Averages over 2 months: income 5,000.005 → 5,000.01 (half-up),
    food (1,000 + 600)/2 = 800, housing 1,000, repayments 500."""
    rows = [
        tx(1, "5000", Direction.INCOME),
        tx(1, "900", Direction.EXPENSE, "food"),
        tx(1, "100", Direction.EXPENSE, "food"),
        tx(1, "1000", Direction.NEUTRAL, desc="借呗还款", party="借呗"),
        tx(1, "50", Direction.NEUTRAL, party="余额宝"),
        tx(2, "5000.01", Direction.INCOME),
        tx(2, "600", Direction.EXPENSE, "food"),
        tx(2, "2000", Direction.EXPENSE, "housing"),
    ]
    s = summarise(rows, known_lenders())
    jan, feb = s.months
    assert (jan.month, jan.income, jan.expense, jan.repayments, jan.neutral) == (
        "2024-01",
        Decimal("5000.00"),
        Decimal("1000.00"),
        Decimal("1000.00"),
        Decimal("50.00"),
    )
    assert feb.by_category == {"food": Decimal("600.00"), "housing": Decimal("2000.00")}
    assert s.average_income == Decimal("5000.01") and s.average_repayments == Decimal("500.00")
    assert s.average_by_category == {"food": Decimal("800.00"), "housing": Decimal("1000.00")}
    outcome = evaluate(prefill_statement(s))
    assert outcome.available == Decimal("3200.01")  # 5,000.01 − 1,000 (housing) − 800 (food)
