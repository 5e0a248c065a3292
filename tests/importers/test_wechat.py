"""WeChat Pay CSV and xlsx against the sample (27 rows; totals by hand)."""

from __future__ import annotations

from decimal import Decimal

from xieshang.core.transactions import Direction, totals
from xieshang.importers import wechat
from xieshang.importers.detect import import_bytes

from .helpers import fuzz, sample

CSV = "deb-sig-examples/wechat/example-wechat-records.csv"
XLSX = "deb-sig-examples/wechat/example-wechat-records.xlsx"


def test_csv_by_hand() -> None:
    """Income: 0.35 + 23.00 + 0.07 + 0.07 + 5.00 = 28.49 (5 rows). Expense: 28.16 + 12 + 500 + 2243.46 + 12 + 12 +
    36.99 + 9.90 + 50.00 + 0.01 + 0.01 = 2904.53, plus the 零钱提现 fees 0.10 + 0.10 + 1.00 split out = 2905.73
    (14). Neutral (收/支 "/"): 2000 + (100.10−0.10) + (10.10−0.10) + (1001.10−1.00) + 548.58 + 10000 + 3000 +
    2634.78 + 1.23 + 5505 + 1300 = 26099.69 (11)."""
    result = import_bytes(sample(CSV))
    assert result.format == "wechat"
    t = totals(result.transactions)
    assert (t.income, t.expense, t.neutral) == (Decimal("28.49"), Decimal("2905.73"), Decimal("26099.69"))
    assert (t.income_count, t.expense_count, t.neutral_count) == (5, 14, 11)
    repayment = next(x for x in result.transactions if x.platform_category == "信用卡还款")
    assert repayment.direction is Direction.NEUTRAL and repayment.amount == Decimal("548.58")


def test_preamble_totals_read() -> None:
    p = import_bytes(sample(CSV)).preamble_totals
    assert (p.count, p.income, p.expense, p.neutral) == (
        43,
        Decimal("0.35"),
        Decimal("28.16"),
        Decimal("0.00"),
    )


def test_xlsx_numeric_amounts_give_the_same_transactions() -> None:
    """Sheet1 (the active sheet, new format with numbers) holds the same 27 rows as the CSV."""
    csv_rows = import_bytes(sample(CSV)).transactions
    result = import_bytes(sample(XLSX))
    assert result.format == "wechat_xlsx"
    assert [(t.time, t.amount, t.direction) for t in result.transactions] == [
        (t.time, t.amount, t.direction) for t in csv_rows
    ]
    assert result.preamble_totals.count == 10
    assert any("Sheet1" in w for w in result.warnings)


test_fuzz_csv = fuzz(wechat.parse, sample(CSV))
test_fuzz_xlsx = fuzz(wechat.parse_xlsx_bytes, sample(XLSX))
