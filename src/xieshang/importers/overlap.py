"""The same payment seen twice: once in a wallet's bill (Alipay, WeChat, JD, Meituan) and once in the bank or
card statement it was paid from. It is counted once — the wallet's row, which names the shop and the category —
and the pair is listed so a person can check it.

A wallet row and a bank row are the same payment when
- the wallet's 收/付款方式 names a bank card (``交通银行信用卡(7449)``, ``中国银行(1234)``, ``招商银行储蓄卡``: not
  余额, 零钱 or 花呗), of the bank whose statement the other row comes from, and with the same last four digits
  where both give them;
- the amount and the direction (spending, income, neutral) are the same;
- the bank booked it within three days of the wallet's time (banks book a day or two late).
Each bank row pairs with at most one wallet row (the nearest in time), and the other way round.

>>> from datetime import datetime
>>> paid = Transaction("alipay", "1", datetime(2023, 2, 12, 21, 32), Decimal("49.74"), Direction.EXPENSE,
...                    payment_method="交通银行信用卡(7449)")
>>> card = Transaction("bocom_statement", "x", datetime(2023, 2, 12), Decimal("49.74"), Direction.EXPENSE,
...                    payment_method="交通银行信用卡（尾号 7449）")
>>> [o.wallet.source for o in find_overlaps([paid, card])]
['alipay']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from xieshang.core.card_bills import BANK_NAMES
from xieshang.core.transactions import Direction, Transaction

WALLETS = frozenset({"alipay", "wechat", "jd", "meituan"})
WINDOW_DAYS = 3
_LAST4_RE = re.compile(r"(\d{4})\D*$")
_NOT_A_CARD = ("余额", "零钱", "花呗", "白条", "月付", "小荷包", "理财通", "余额宝")


def family(t: Transaction) -> str:
    return t.source.split("_", 1)[0]


@dataclass(frozen=True)
class Overlap:
    """``bank`` is the same payment as ``wallet`` and is not counted again."""

    wallet: Transaction
    bank: Transaction


def _bank_of_method(method: str) -> tuple[str, str] | None:
    """(bank key, last four) a wallet's payment method names, or None when it is not a bank card."""
    if not method or any(word in method for word in _NOT_A_CARD):
        return None
    # 中国银行 is part of 中国建设银行/中国工商银行/中国农业银行: try the longer names first.
    for key, name in sorted(BANK_NAMES.items(), key=lambda kv: kv[0] == "boc"):
        short = name.removesuffix("银行")
        if name in method or (key != "boc" and short in method):
            tail = _LAST4_RE.search(method)
            return key, tail.group(1) if tail else ""
    return None


def names_a_card(method: str) -> bool:
    """Whether a wallet's payment method is a bank card (so its rows may be a bank row's payment)."""
    return _bank_of_method(method) is not None


def _card_of(t: Transaction) -> str:
    tail = _LAST4_RE.search(t.payment_method.replace("）", ")"))
    return tail.group(1) if tail else ""


def _day(t: Transaction) -> date:
    return t.posted or t.time.date()


def same_payment(wallet: Transaction, bank: Transaction) -> bool:
    named = _bank_of_method(wallet.payment_method)
    if named is None or named[0] != family(bank):
        return False
    card = _card_of(bank)
    if named[1] and card and named[1] != card:
        return False
    if wallet.amount != bank.amount or wallet.direction is not bank.direction:
        return False
    days = (_day(bank) - wallet.time.date()).days
    return -1 <= days <= WINDOW_DAYS


def find_overlaps(transactions: Sequence[Transaction]) -> list[Overlap]:
    """The wallet/bank pairs among ``transactions`` (see the module docstring), each row in one pair at most."""
    wallets = [t for t in transactions if family(t) in WALLETS and _bank_of_method(t.payment_method)]
    if not wallets:
        return []
    keys = {_bank_of_method(t.payment_method)[0] for t in wallets}  # type: ignore[index]
    banks = [t for t in transactions if family(t) in keys]
    by_amount: dict[tuple[Decimal, Direction], list[Transaction]] = {}
    for bank in banks:
        by_amount.setdefault((bank.amount, bank.direction), []).append(bank)
    used: set[int] = set()
    pairs = []
    for wallet in sorted(wallets, key=lambda t: t.time):
        candidates = [
            b
            for b in by_amount.get((wallet.amount, wallet.direction), [])
            if id(b) not in used and same_payment(wallet, b)
        ]
        if not candidates:
            continue
        nearest = min(candidates, key=lambda b: abs((_day(b) - wallet.time.date()).days))
        used.add(id(nearest))
        pairs.append(Overlap(wallet, nearest))
    return pairs
