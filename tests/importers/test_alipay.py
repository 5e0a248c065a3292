"""Alipay's three CSV formats against the samples (totals worked out by hand from the rows)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xieshang.core.transactions import Direction, totals
from xieshang.importers import alipay
from xieshang.importers.detect import detect, import_bytes
from xieshang.importers.errors import BillImportError

from .helpers import fuzz, sample

CURRENT = "deb-sig-examples/alipay/example-alipay-records.csv"
V2021 = "history/alipay_v2021_d765283_example-alipay-records.csv"
V2019 = "history/alipay_v2019_bbd5c9d_example-alipay-records.csv"


def test_current_format_rows_by_hand() -> None:
    """10 rows. Expense: 49.74 (亲友代付) + 20.00 (等待确认收货) + 50.00 (一卡通, 交易关闭 but paid) + 9.90 + 82.00
    = 211.64. Income: 222228.50 (转账) + refunds 16.03 and 50.00 = 222294.53. Neutral: 99.34 (基金卖出至余额宝).
    Skipped: row 31, 不计收支 + 交易关闭.
    """
    result = import_bytes(sample(CURRENT))
    assert result.format == "alipay"
    t = totals(result.transactions)
    assert (t.expense, t.income, t.neutral) == (Decimal("211.64"), Decimal("222294.53"), Decimal("99.34"))
    assert (t.expense_count, t.income_count, t.neutral_count) == (5, 3, 1)
    assert result.skipped == ((31, "交易关闭，不计收支"),)
    refund = next(x for x in result.transactions if x.row == 32)
    assert refund.refund_of == "2023xxxxx88" and refund.direction is Direction.INCOME
    first = result.transactions[0]
    assert first.order_id == "202302xxxxxx0011000103xxxxxx"  # the trailing TAB is gone
    assert first.counterparty == "xxxxxxxxxxxx" and first.payment_method == "交通银行信用卡(7449)"


def test_current_format_preamble_read_and_mismatch_reported() -> None:
    """The sample's preamble (共66笔, 收入 1笔 28.50, 支出 63笔 16.54, 不计收支 2笔 16.37) is synthetic and does not
    describe its 10 rows: the importer reads it exactly and warns that the counts differ."""
    result = import_bytes(sample(CURRENT))
    p = result.preamble_totals
    assert (p.count, p.income_count, p.income) == (66, 1, Decimal("28.50"))
    assert (p.expense_count, p.expense, p.neutral_count, p.neutral) == (
        63,
        Decimal("16.54"),
        2,
        Decimal("16.37"),
    )
    assert any("66" in w for w in result.warnings)


def test_utf8_resave_reads_the_same() -> None:
    data = sample(CURRENT)
    again = import_bytes(data.decode("gbk").encode("utf-8-sig"))
    assert again.transactions == import_bytes(data).transactions


def test_2021_format_by_hand() -> None:
    """Expense 6.51 + 109.90 (交易关闭 original) + 87.90 + 79.00 + 31.00 + 7.50 = 321.81; income: two 退款成功 rows
    of 109.90 + 10.00 + 42.00 = 271.80; neutral (其他): 2.00 + 0.11 + 50.00 + 15.40 + 3000.00 + 20.00 = 3087.51."""
    result = import_bytes(sample(V2021))
    assert result.format == "alipay_2021"
    t = totals(result.transactions)
    assert (t.expense, t.income, t.neutral) == (Decimal("321.81"), Decimal("271.80"), Decimal("3087.51"))
    assert result.preamble_totals.count == 21  # from the footer


def test_2019_format_matches_its_footer() -> None:
    """Footer: 共2笔记录, 已收入 1笔 0.01元, 已支出 1笔 27元."""
    result = import_bytes(sample(V2019))
    assert result.format == "alipay_2019"
    t, p = totals(result.transactions), result.preamble_totals
    assert p.count == len(result.transactions) == 2
    assert (t.income, t.income_count) == (p.income, p.income_count)
    assert (t.expense, t.expense_count) == (p.expense, p.expense_count)


def test_detection() -> None:
    assert detect(sample(CURRENT)) == "alipay"
    assert detect(sample(V2021)) == "alipay_2021"
    assert detect(sample(V2019)) == "alipay_2019"


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_truncated_file_is_an_error_or_fewer_rows(cut: float) -> None:
    data = sample(CURRENT)
    part = data[: int(len(data) * cut)]
    try:
        result = import_bytes(part)
    except BillImportError as error:
        assert str(error)
    else:
        assert len(result.transactions) < 9


def test_bad_amount_names_the_row() -> None:
    text = sample(CURRENT).decode("gbk").replace("49.74", "4x.74")
    with pytest.raises(BillImportError, match="第 26 行"):
        import_bytes(text.encode("gbk"))


test_fuzz_current = fuzz(alipay.parse, sample(CURRENT))
test_fuzz_2021 = fuzz(alipay.parse_2021, sample(V2021))
test_fuzz_2019 = fuzz(alipay.parse_2019, sample(V2019))
