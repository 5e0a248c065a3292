"""Overlapping exports counted once; refunds netted against their originals."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from xieshang.core.transactions import Direction, Transaction, totals
from xieshang.importers.detect import import_bytes
from xieshang.importers.merge import merge, pair_refunds

from .helpers import sample
from .test_wechat import with_refunds

ALIPAY = "deb-sig-examples/alipay/example-alipay-records.csv"
MEITUAN = "deb-sig-examples/mt/example-mt-records.csv"


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


def test_wechat_refunds_net_by_merchant_number_and_by_the_payments_note() -> None:
    """The WeChat sample (income 28.49 in 5 rows, spending 2905.73 in 14) with three refunds appended:
    A 19.90 nets its 19.90 payment by 商户单号 (both rows go); B 10.00 nets the 32.50 payment whose row says
    已退款(￥10.00), same counterparty (22.50 is left); C 5.00 has no payment and stays income.
    Income 28.49 + 5.00 = 33.49 (6 rows); spending 2905.73 + 22.50 = 2928.23 (15 rows)."""
    merged = merge([import_bytes(with_refunds())])
    t = totals(merged.transactions)
    assert merged.refunds_netted == 2
    assert (t.income, t.income_count) == (Decimal("33.49"), 6)
    assert (t.expense, t.expense_count) == (Decimal("2928.23"), 15)
    meal = next(x for x in merged.transactions if x.description == "美团订单-777")
    assert meal.amount == Decimal("22.50")


def test_meituan_refunds_net_by_order_title() -> None:
    """The Meituan sample states 收入 6笔 209.73元. Three refunds name a payment of the same 订单标题 before them:
    葡式蛋挞 20.00 (paid 02-22, refunded 02-27), 代金券-…6356 11.77 and 代金券-…4007 10.06 (paid 02-12, refunded
    02-20): 41.83, each in full, so 6 rows go. The KTV refunds (68.00, 88.00) and 瑞幸 (11.90) have no payment in
    the file. Income 209.73 − 41.83 = 167.90 (3 rows); spending 1175.68 − 41.83 = 1133.85 (19 rows)."""
    merged = merge([import_bytes(sample(MEITUAN))])
    t = totals(merged.transactions)
    assert merged.refunds_netted == 3
    assert (t.income, t.income_count) == (Decimal("167.90"), 3)
    assert (t.expense, t.expense_count) == (Decimal("1133.85"), 19)
    assert not any("葡式蛋挞" in x.description for x in merged.transactions)


def test_refund_never_nets_against_a_later_or_smaller_payment() -> None:
    """A refund of 30.00 dated before a 30.00 payment with the same title, and a 50.00 refund against a 30.00
    payment: neither nets (nothing to refund yet / more than was paid)."""
    paid = Transaction(
        "meituan",
        "p1",
        datetime.fromisoformat("2024-05-02"),
        Decimal("30.00"),
        Direction.EXPENSE,
        counterparty="美团",
        description="烤鱼",
    )
    early = Transaction(
        "meituan",
        "r1",
        datetime.fromisoformat("2024-05-01"),
        Decimal("30.00"),
        Direction.INCOME,
        counterparty="美团",
        description="烤鱼",
        refund_of="x",
    )
    big = replace(early, order_id="r2", time=datetime.fromisoformat("2024-05-03"), amount=Decimal("50.00"))
    assert pair_refunds([paid, early, big]) == []
