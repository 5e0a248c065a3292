"""A card statement's figures and rows → one :class:`ImportResult` with ``card`` set.

The rows become transactions like a card's CSV rows do: spending on the card is spending, repayments (还款)
are neutral, refunds and rewards are income. Each keeps both dates (``time`` the purchase, ``posted`` the
booking), the card's last four digits in ``payment_method`` (``交通银行信用卡（尾号 7449）``) so a wallet's
payment made with that card can be recognised as the same payment, and an order id made of its own cells
(a second identical row in one statement is numbered, since people do buy the same thing twice in a day).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from xieshang.core.card_bills import CardBill, check_bill
from xieshang.core.transactions import Direction, ImportResult, Transaction

from ..bankrows import card_direction
from ..errors import BillImportError

LEADING_KINDS = ("消费", "退货", "退款", "还款", "分期", "取现", "费用", "利息", "其他")


@dataclass(frozen=True)
class CardRow:
    """One row of a statement: ``amount`` is what it added to the balance (spending positive, money paid to
    the card negative); ``kind`` is set where the statement's section says what the row is."""

    day: date
    posted: date | None
    text: str
    amount: Decimal
    card: str = ""
    number: int = 0
    kind: Direction | None = None


def year_for(month: int, day: int, statement: date) -> date:
    """A ``MM/DD`` date on a statement: in the statement's year, or the year before for a later month."""
    year = statement.year - 1 if month > statement.month else statement.year
    try:
        return date(year, month, day)
    except ValueError:
        raise BillImportError(f"账单明细里的日期不对：{month:02d}/{day:02d}") from None


def _party(text: str) -> str:
    for word in LEADING_KINDS:
        if text.startswith(word + " "):
            return text[len(word) + 1 :].strip()
    return text


def card_result(
    bill: CardBill,
    rows: Sequence[CardRow],
    warnings: Sequence[str] = (),
    skipped: Sequence[tuple[int, str]] = (),
) -> ImportResult:
    """The statement as an import result: transactions, the rows left out, warnings, and the figures."""
    seen: Counter[tuple[object, ...]] = Counter()
    transactions = []
    for row in rows:
        if row.amount == 0:
            continue
        key = (row.day, row.posted, row.amount, row.card, row.text)
        seen[key] += 1
        suffix = f"#{seen[key]}" if seen[key] > 1 else ""
        transactions.append(
            Transaction(
                source=f"{bill.bank}_statement",
                order_id="|".join(str(part) for part in key) + suffix,
                time=datetime.combine(row.day, time()),
                amount=abs(row.amount),
                direction=row.kind or card_direction(row.amount, row.text),
                counterparty=_party(row.text),
                description=row.text,
                platform_category=row.text.split(" ", 1)[0] if " " in row.text else "",
                payment_method=f"{bill.bank_name}信用卡（尾号 {row.card or bill.card}）"
                if (row.card or bill.card)
                else f"{bill.bank_name}信用卡",
                row=row.number,
                posted=row.posted,
            )
        )
    notes = [*check_bill(bill), *warnings]
    return ImportResult(
        f"{bill.bank}_statement", tuple(transactions), tuple(skipped), tuple(notes), card=bill
    )


def required(value: object, what: str) -> None:
    """A figure every statement prints; its absence means this is not the statement we think it is."""
    if value is None:
        raise BillImportError(f"账单里找不到{what}：可能不是信用卡电子账单，或者银行改了账单的样式")
