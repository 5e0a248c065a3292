"""The same payment in a wallet's bill and a card statement is counted once (importers/overlap.py)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from xieshang.core.transactions import Direction, Transaction, totals
from xieshang.importers.detect import import_bytes
from xieshang.importers.merge import merge
from xieshang.importers.overlap import find_overlaps

from .helpers import BILLS, sample

ALIPAY = "deb-sig-examples/alipay/example-alipay-records.csv"
FEBRUARY = BILLS / "cards" / "bocom" / "交通银行信用卡电子账单-2023年03月.eml"


def test_alipay_and_the_card_statement_it_was_paid_from() -> None:
    """The Alipay sample paid 49.74 (亲友代付, 2023-02-12) with 交通银行信用卡(7449) and got 16.03 back to it
    (2023-02-04); the February statement of card 7449 lists both. Alipay alone spends 161.64 once its refunds are
    netted (211.64 less the 50.00 一卡通 refunded in full), the statement 49.74 + 58.00; together the 49.74 counts
    once: 161.64 + 58.00 = 219.64, and the 16.03 refund once."""
    alipay, card = import_bytes(sample(ALIPAY)), import_bytes(FEBRUARY.read_bytes())
    merged = merge([alipay, card])
    pairs = sorted((o.wallet.amount, o.wallet.direction) for o in merged.overlaps)
    assert pairs == [(Decimal("16.03"), Direction.INCOME), (Decimal("49.74"), Direction.EXPENSE)]
    assert all(o.bank.source == "bocom_statement" for o in merged.overlaps)
    assert totals(merged.transactions).expense == Decimal("219.64")


def at(*parts: int) -> datetime:
    return datetime(*parts)  # noqa: DTZ001 - bills show naive local (UTC+8) times


def wallet(method: str, when: datetime, amount: str = "20.00") -> Transaction:
    return Transaction("wechat", "w", when, Decimal(amount), Direction.EXPENSE, payment_method=method)


def bank(source: str, method: str, when: datetime, amount: str = "20.00") -> Transaction:
    return Transaction(source, "b", when, Decimal(amount), Direction.EXPENSE, payment_method=method)


def test_what_is_not_the_same_payment() -> None:
    day = at(2024, 5, 1, 12)
    card = bank("cmb_statement", "招商银行信用卡（尾号 2046）", at(2024, 5, 2))
    assert len(find_overlaps([wallet("招商银行信用卡(2046)", day), card])) == 1
    assert find_overlaps([wallet("招商银行信用卡(9999)", day), card]) == []  # another card
    assert find_overlaps([wallet("零钱", day), card]) == []  # paid from the wallet's own balance
    assert find_overlaps([wallet("中国银行(2046)", day), card]) == []  # another bank
    assert find_overlaps([wallet("招商银行信用卡(2046)", at(2024, 5, 9)), card]) == []  # a week apart
    assert find_overlaps([wallet("招商银行信用卡(2046)", day, "20.01"), card]) == []  # another amount
    boc = bank("boc_debit", "中国银行借记卡(3167)", at(2024, 5, 1))
    assert len(find_overlaps([wallet("中国银行(3167)", day), boc])) == 1
    ccb = bank("ccb_statement", "建设银行信用卡（尾号 5574）", at(2024, 5, 1))
    assert find_overlaps([wallet("中国建设银行信用卡(5574)", day), boc, ccb])[0].bank is ccb


def test_each_row_pairs_once() -> None:
    """Two equal payments in the wallet, one on the card: one pair, the nearer in time."""
    card = bank("cmb_statement", "招商银行信用卡（尾号 2046）", at(2024, 5, 3))
    first, second = (
        wallet("招商银行信用卡(2046)", at(2024, 5, 1)),
        wallet("招商银行信用卡(2046)", at(2024, 5, 3)),
    )
    pairs = find_overlaps([first, second, card])
    assert len(pairs) == 1 and pairs[0].bank is card
