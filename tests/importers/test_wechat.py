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


REFUND_ROWS = (
    # A: paid 19.90, refunded in full; the refund's 商户单号 LK0001 is the payment's.
    "2024-03-01 12:00:00,商户消费,瑞幸咖啡,生椰拿铁,支出,¥19.90,零钱,已全额退款,4200000001\t,LK0001\t,/\n"
    "2024-03-01 12:30:00,瑞幸咖啡-退款,瑞幸咖啡,生椰拿铁,收入,¥19.90,零钱,已全额退款,5000000001\t,LK0001\t,/\n"
    # B: paid 32.50, 10.00 of it refunded; the refund has numbers of its own, the payment's note says 已退款(￥10.00).
    "2024-03-02 18:00:00,商户消费,美团平台商户,美团订单-777,支出,¥32.50,工商银行,已退款(￥10.00),4200000002\t,MT0002\t,/\n"
    "2024-03-03 09:00:00,美团-退款,美团平台商户,/,收入,¥10.00,工商银行,已退款,5000000002\t,MTR0002\t,/\n"
    # C: a refund of a payment outside the export, written with 收/支 "/".
    "2024-03-04 10:00:00,退款,京东商城,/,/,¥5.00,零钱,已退款,5000000003\t,JD0003\t,/\n"
)


def with_refunds() -> bytes:
    """The WeChat sample with three refund cases appended (see ``REFUND_ROWS``)."""
    return sample(CSV) + REFUND_ROWS.encode("utf-8")


def test_refund_rows_are_income_and_linked_where_the_numbers_allow() -> None:
    """Importer only (nothing netted yet): income 28.49 + 19.90 + 10.00 + 5.00 = 63.39 (8 rows), spending
    2905.73 + 19.90 + 32.50 = 2958.13 (16), neutral unchanged 26099.69 (11): the "/" refund (C) is income.
    A's refund points at the payment's 交易单号 4200000001 (same 商户单号); B's and C's keep their own 商户单号."""
    result = import_bytes(with_refunds())
    t = totals(result.transactions)
    assert (t.income, t.income_count) == (Decimal("63.39"), 8)
    assert (t.expense, t.expense_count) == (Decimal("2958.13"), 16)
    assert (t.neutral, t.neutral_count) == (Decimal("26099.69"), 11)
    refunds = {x.counterparty: x.refund_of for x in result.transactions if x.refund_of}
    assert refunds == {"瑞幸咖啡": "4200000001", "美团平台商户": "MTR0002", "京东商城": "JD0003"}
