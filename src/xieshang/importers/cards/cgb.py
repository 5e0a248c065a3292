"""广发银行 (China Guangfa Bank) credit-card e-mail statement (layout as documented publicly; see PROVENANCE.md:
the fixture is constructed).

Summary: ``账单周期:2026/06/27-2026/07/26 账单日:2026/07/26``; one row per card ``卡号末四位 | 本期账单金额 | 最低还款额 |
最后还款日 | 入账货币 | 存款 | 卡片消费额度``. Rows like the CSV export: ``交易日期 | 入账日期 | 交易摘要 | 交易金额 |
交易货币 | 入账金额 | 入账货币`` with 交易摘要 ``（消费）…`` / ``（还款）…`` and signed yuan amounts.
"""

from __future__ import annotations

from xieshang.core.card_bills import CardBill
from xieshang.core.transactions import ImportResult

from ..bankrows import foreign
from .document import Document
from .figures import after, amount_in, daily_rate_in, date_in, dates_in, late_fee_in
from .statement import CardRow, card_result, required
from .tables import table_rows

BANK = "cgb"
ROLES = {
    "day": ("交易日期",),
    "posted": ("入账日期",),
    "text": ("交易摘要",),
    "amount": ("入账金额",),
    "currency": ("入账货币",),
}
CARD_ROLES = {
    "card": ("卡号末四位",),
    "balance": ("本期账单金额",),
    "minimum": ("最低还款额",),
    "due": ("最后还款日",),
    "limit": ("卡片消费额度",),
}


def matches(doc: Document) -> bool:
    return "广发" in doc.text or "cgbchina" in doc.sender.lower()


def parse(doc: Document) -> ImportResult:
    cycle = after(doc, ["账单周期"], lambda t: dates_in(t)[:2] if len(dates_in(t)) >= 2 else None)
    statement = after(doc, ["账单日"], date_in) or (cycle[1] if cycle else None)
    card = next(
        (cells for _n, cells, _r in table_rows(doc, CARD_ROLES) if date_in(cells.get("due", "")) is not None),
        None,
    )
    required(statement, "账单日")
    required(card, "本期账单金额与最后还款日")
    assert statement is not None and card is not None
    bill = CardBill(
        bank=BANK,
        card=card.get("card", "")[:4],
        statement_date=statement,
        due_date=date_in(card["due"]),  # type: ignore[arg-type]
        balance=amount_in(card.get("balance", "")) or 0,  # type: ignore[arg-type]
        minimum=amount_in(card.get("minimum", "")),
        credit_limit=amount_in(card.get("limit", "")),
        cycle_start=cycle[0] if cycle else None,
        daily_rate=daily_rate_in(doc.text),
        late_fee=late_fee_in(doc.text),
    )
    rows, skipped = [], []
    for number, cells, _row in table_rows(doc, ROLES):
        day, value = date_in(cells.get("day", "")), amount_in(cells.get("amount", ""))
        if day is None or value is None:
            continue
        if foreign(cells.get("currency", "")):
            skipped.append((number, f"外币交易（{cells.get('currency')} {abs(value)}），未计入人民币收支"))
            continue
        rows.append(
            CardRow(day, date_in(cells.get("posted", "")), cells.get("text", ""), value, bill.card, number)
        )
    return card_result(bill, rows, skipped=skipped)
