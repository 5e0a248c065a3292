"""建设银行 (China Construction Bank) credit-card e-mail statement (layout as documented publicly; see
PROVENANCE.md: the fixture is constructed).

Summary: ``本期账单日 Statement Date 2026-04-22``, ``本期到期还款日 Payment Due Date 2026/05/12``, ``账单周期
2026/03/23-2026/04/22``; 应还款明细 one row per card ``37051260***5574 | 人民币(CNY) | 2,282.54 | 200.00`` (本期全部
应还款额, 最低还款额). Rows ``交易日 | 银行记账日 | 卡号后四位 | 交易描述 | 交易币 | 交易金额 | 结算币 | 结算金额``; the
settled amount is signed (money to the card negative); the list ends ``*** 结束 The End ***``.
"""

from __future__ import annotations

from xieshang.core.card_bills import CardBill
from xieshang.core.transactions import ImportResult

from ..bankrows import foreign
from .document import Document
from .figures import amount_in, daily_rate_in, date_in, dates_in, labelled, last_four, late_fee_in
from .statement import CardRow, card_result, required
from .tables import table_rows

BANK = "ccb"
ROLES = {
    "day": ("交易日",),
    "posted": ("银行记账日",),
    "card": ("卡号后四位",),
    "text": ("交易描述",),
    "currency": ("结算币",),
    "amount": ("结算金额",),
}


def matches(doc: Document) -> bool:
    return ("建设银行" in doc.text and "信用卡" in doc.text) or "ccb." in doc.sender.lower()


def parse(doc: Document) -> ImportResult:
    statement = labelled(doc, ["本期账单日", "账单日"], date_in)
    due = labelled(doc, ["本期到期还款日", "到期还款日"], date_in)
    cycle = labelled(doc, ["账单周期"], lambda t: dates_in(t) if len(dates_in(t)) == 2 else None)
    card = next((row for row in doc.rows if last_four(row[0]) and len(row) >= 4 and "(" in row[1]), None)
    required(statement or (cycle[1] if cycle else None), "账单日")
    required(due, "到期还款日")
    required(card, "应还款明细（卡号、本期全部应还款额、最低还款额）")
    assert due is not None and card is not None
    bill = CardBill(
        bank=BANK,
        card=last_four(card[0]),
        statement_date=statement or cycle[1],  # type: ignore[index]
        due_date=due,
        balance=amount_in(card[2]) or 0,  # type: ignore[arg-type]
        minimum=amount_in(card[3]),
        credit_limit=labelled(doc, ["信用额度"], amount_in),
        cycle_start=cycle[0] if cycle else None,
        daily_rate=daily_rate_in(doc.text),
        late_fee=late_fee_in(doc.text),
    )
    rows, skipped = [], []
    for number, cells, row in table_rows(doc, ROLES):
        day, value = date_in(cells.get("day", "")), amount_in(cells.get("amount", ""))
        if "结束" in " ".join(row):
            break
        if day is None or value is None:
            continue
        if foreign(cells.get("currency", "")):
            skipped.append((number, f"外币交易（{cells.get('currency')} {abs(value)}），未计入人民币收支"))
            continue
        rows.append(
            CardRow(
                day,
                date_in(cells.get("posted", "")),
                cells.get("text", ""),
                value,
                cells.get("card", ""),
                number,
            )
        )
    return card_result(bill, rows, skipped=skipped)
