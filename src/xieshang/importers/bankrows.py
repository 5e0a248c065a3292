"""What bank exports share: a signed amount (or money in / money out) becomes a transaction.

- Money in is income, money out is spending, except repayments of a card or a loan (还款 in the summary),
  which are neutral: paying a debt is not spending, and debt discovery lists them; a withdrawal from one's
  own wallet to the card (提现) is neutral too.
- Banks give no order number, so one is made from the date, the sign and amount, the balance after and the
  summary, to recognise the same row in overlapping exports.
- Foreign-currency rows are left out with the reason (the budget counts yuan; no exchange rate is guessed).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from xieshang.core.transactions import Direction, Transaction

NEUTRAL_WORDS = ("还款", "提现")
CNY = ("", "CNY", "RMB", "人民币", "156", "人民币元")


def is_repayment(*texts: str) -> bool:
    return any("还款" in t for t in texts)


def direction_of(value: Decimal, *texts: str) -> Direction:
    """Which way a signed amount went (positive = money in), with repayments and withdrawals neutral."""
    if any(word in t for t in texts for word in NEUTRAL_WORDS):
        return Direction.NEUTRAL
    return Direction.INCOME if value > 0 else Direction.EXPENSE


def card_direction(value: Decimal, *texts: str) -> Direction:
    """A credit card's row: positive is spending on the card, negative a repayment (neutral) or a refund."""
    if value > 0:
        return Direction.EXPENSE
    return Direction.NEUTRAL if is_repayment(*texts) else Direction.INCOME


def foreign(currency: str) -> bool:
    return currency.strip().upper() not in CNY


def bank_transaction(
    source: str,
    number: int,
    when: datetime,
    value: Decimal,
    direction: Direction,
    key: Sequence[object],
    counterparty: str = "",
    description: str = "",
    category: str = "",
    method: str = "",
    posted: date | None = None,
) -> Transaction:
    """One bank row; ``key`` (date, amount, balance, summary …) makes its order id."""
    return Transaction(
        source=source,
        order_id="|".join(str(part) for part in key),
        time=when,
        amount=abs(value),
        direction=direction,
        counterparty=counterparty,
        description=description,
        platform_category=category,
        payment_method=method,
        row=number,
        posted=posted,
    )


def joined(*parts: str) -> str:
    """Non-empty parts, each once, joined by a space."""
    seen: list[str] = []
    for part in parts:
        part = part.strip()
        if part and part not in seen and part.strip("-") != "":
            seen.append(part)
    return " ".join(seen)
