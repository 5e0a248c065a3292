"""Overlapping exports counted once; refunds netted against their originals."""

from __future__ import annotations

from decimal import Decimal

from xieshang.core.transactions import totals
from xieshang.importers.detect import import_bytes
from xieshang.importers.merge import merge

from .helpers import sample

ALIPAY = "deb-sig-examples/alipay/example-alipay-records.csv"


def test_same_file_twice_counts_once() -> None:
    result = import_bytes(sample(ALIPAY))
    merged = merge([result, result])
    assert merged.duplicates == 9


def test_refund_nets_against_its_original() -> None:
    """一卡通充值 50.00 (交易关闭) and its 退款成功 50.00 (order 2023xxxxx88_…) cancel: expense 211.64 − 50 = 161.64,
    income 222294.53 − 50 = 222244.53. The 亲情卡 refund (16.03) has no original in the file and stays income."""
    merged = merge([import_bytes(sample(ALIPAY))])
    t = totals(merged.transactions)
    assert merged.refunds_netted == 1
    assert (t.expense, t.income) == (Decimal("161.64"), Decimal("222244.53"))


def test_wechat_csv_and_xlsx_of_the_same_bill() -> None:
    csv = import_bytes(sample("deb-sig-examples/wechat/example-wechat-records.csv"))
    xlsx = import_bytes(sample("deb-sig-examples/wechat/example-wechat-records.xlsx"))
    merged = merge([csv, xlsx])
    assert merged.duplicates == len(xlsx.transactions) == 30
