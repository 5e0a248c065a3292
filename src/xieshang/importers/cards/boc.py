"""中国银行 (Bank of China) credit-card statement PDF (real layout: deb-sig/bill-parser sample, rebuilt from its
text items).

Summary table: 到期还款日 | 账单日 | 本期人民币欠款总计 with the values below; one row per card ``卡号 | 本期应还款额
(人民币, 外币) | 本期最小还款 (人民币, 外币)``; per currency ``上期存款/欠款余额 | 本期支出金额 | 本期存入金额 |
本期存款/欠款余额`` (``欠款`` is owed, ``存款`` is the holder's money). Rows ``交易日 | 银行记账日 | 卡号后四位 |
交易描述 | 存入 | 支出``: whether an amount stands under 存入 (money to the card) or 支出 (spending) is read from
its position; the foreign-currency list (外币交易明细) is left out.
"""

from __future__ import annotations

from decimal import Decimal

from xieshang.core.card_bills import CardBill
from xieshang.core.transactions import Direction, ImportResult

from ..bankrows import is_repayment
from .document import Document
from .figures import amount_in, daily_rate_in, date_in, labelled, last_four, late_fee_in
from .statement import CardRow, card_result, required
from .tables import table_rows

BANK = "boc"
ROLES = {
    "day": ("交易日",),
    "posted": ("银行记账日",),
    "text": ("交易描述",),
    "credit": ("存入",),
    "debit": ("支出",),
}


def matches(doc: Document) -> bool:
    return "中国银行信用卡" in doc.text or "boc.cn" in doc.sender.lower()


def _owed(text: str) -> Decimal | None:
    """``欠款/DEBT 544.99`` → 544.99, ``存款 12.00`` → −12.00."""
    value = amount_in(text)
    if value is None:
        return None
    return -abs(value) if "存款" in text else value


def parse(doc: Document) -> ImportResult:
    due, statement = labelled(doc, ["到期还款日"], date_in), labelled(doc, ["账单日"], date_in)
    required(due, "到期还款日")
    required(statement, "账单日")
    assert due is not None and statement is not None
    cards = [
        row for row in doc.rows if last_four(row[0]) and sum(amount_in(c) is not None for c in row[1:]) >= 3
    ]
    required(cards or None, "各卡的本期应还款额")
    card = cards[0]
    balances = [
        c for c in card[1:] if amount_in(c) is not None and not c.startswith(("USD", "$", "EUR", "HKD"))
    ]
    summary = next(
        (row for row in doc.rows if row and row[0].startswith("人民币/RMB") and len(row) >= 5), None
    )
    notes = []
    if len(cards) > 1:
        notes.append(f"账单里有 {len(cards)} 张卡，只读了第一张（尾号 {last_four(card[0])}）的应还款额")
    bill = CardBill(
        bank=BANK,
        card=last_four(card[0]),
        statement_date=statement,
        due_date=due,
        balance=amount_in(balances[0]) or Decimal(0),
        minimum=amount_in(balances[1]) if len(balances) > 1 else None,
        daily_rate=daily_rate_in(doc.text),
        late_fee=late_fee_in(doc.text),
        previous_balance=_owed(summary[1]) if summary else None,
        new_charges=amount_in(summary[2]) if summary else None,
        payments=amount_in(summary[3]) if summary else None,
    )
    rows, skipped = _rows(doc, statement)
    return card_result(bill, rows, notes, skipped)


def _rows(doc: Document, statement: object) -> tuple[list[CardRow], list[tuple[int, str]]]:
    found: list[CardRow] = []
    skipped: list[tuple[int, str]] = []
    foreign, above = False, ""
    for number, cells, row in table_rows(doc, ROLES):
        joined = " ".join(row)
        if "外币交易明细" in joined:
            foreign = True
        elif "人民币交易明细" in joined:
            foreign = False
        day = date_in(cells.get("day", ""))
        if day is None:
            above = joined if len([c for c in row if c]) == 1 else ""
            continue
        paid_in, spent = amount_in(cells.get("credit", "")), amount_in(cells.get("debit", ""))
        value = -abs(paid_in) if paid_in is not None else spent
        if value is None:
            continue
        if foreign:
            skipped.append((number, f"外币交易（{abs(value)}），未计入人民币收支"))
            continue
        text = cells.get("text", "").strip()
        card = ""
        if text[:4].isdigit() and (len(text) == 4 or text[4] == " "):
            card, text = text[:4], text[4:].strip()
        text = text or above
        kind = None
        if value < 0:
            kind = Direction.NEUTRAL if is_repayment(text) else Direction.INCOME
        found.append(CardRow(day, date_in(cells.get("posted", "")), text, value, card, number, kind))
        above = ""
    return found, skipped
