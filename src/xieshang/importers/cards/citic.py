"""中信银行 (CITIC) credit-card e-mail statement (layout as documented publicly; see PROVENANCE.md: the fixture is
constructed).

Summary: ``账单日 2026年08月13日 Statement Date``, ``到期还款日 2026年09月01日 Payment Due Date``; one row per card
``6229-19**-****-5983 | CNY | 上期应还 | 上期已还 | 本期新增 | 本期应还 | 最低还款额``. Rows under 【本期账务明细】: ``交易日期 |
入账日期 | 卡号后四位 | 交易类型 | 交易描述 | 交易金额 | 入账金额`` with compact dates (``20260715``) and signed
amounts ``CNY -2665.50``.
"""

from __future__ import annotations

from xieshang.core.card_bills import CardBill
from xieshang.core.transactions import ImportResult

from .document import Document
from .figures import amount_in, daily_rate_in, date_in, labelled, last_four, late_fee_in
from .statement import CardRow, card_result, required
from .tables import table_rows

BANK = "citic"
ROLES = {
    "day": ("交易日期",),
    "posted": ("入账日期",),
    "card": ("卡号后四位",),
    "text": ("交易描述",),
    "amount": ("入账金额",),
}


def matches(doc: Document) -> bool:
    return "中信银行信用卡" in doc.text or "citiccard" in doc.sender.lower()


def parse(doc: Document) -> ImportResult:
    statement, due = labelled(doc, ["账单日"], date_in), labelled(doc, ["到期还款日"], date_in)
    card = next((row for row in doc.rows if last_four(row[0]) and len(row) >= 7), None)
    required(statement, "账单日")
    required(due, "到期还款日")
    required(card, "本期应还款额")
    assert statement is not None and due is not None and card is not None
    previous, paid, new, balance, minimum = (amount_in(cell) for cell in card[2:7])
    rows = [
        CardRow(
            day, date_in(cells.get("posted", "")), cells.get("text", ""), value, cells.get("card", ""), number
        )
        for number, cells, _row in table_rows(doc, ROLES)
        if (day := date_in(cells.get("day", ""))) is not None
        and (value := amount_in(cells.get("amount", ""))) is not None
    ]
    bill = CardBill(
        bank=BANK,
        card=next((r.card for r in rows if r.card), "") or last_four(card[0]),
        statement_date=statement,
        due_date=due,
        balance=balance or 0,  # type: ignore[arg-type]
        minimum=minimum,
        credit_limit=labelled(doc, ["信用额度"], amount_in),
        daily_rate=daily_rate_in(doc.text),
        late_fee=late_fee_in(doc.text),
        previous_balance=previous,
        payments=paid,
        new_charges=new,
    )
    return card_result(bill, rows)
