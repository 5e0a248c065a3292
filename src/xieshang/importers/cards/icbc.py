"""工商银行 (ICBC) credit-card e-mail statement (layout as documented publicly; see PROVENANCE.md: the fixture is
constructed).

Summary: ``账单周期 2026年05月23日—2026年06月22日``, ``到期还款日``; 需还款明细 one row per card ``3443(牡丹贷记卡) |
人民币(本位币) | 5,277.69/RMB | 527.77/RMB | 78,000.00/RMB`` (本期应还款额, 最低还款额, 信用额度). Rows ``卡号后四位 |
交易日 | 记账日 | 交易类型 | 商户名称/城市 | 交易金额/币种 | 记账金额/币种`` where the booked amount says ``(支出)``
(spending) or ``(存入)`` (money to the card).
"""

from __future__ import annotations

from xieshang.core.card_bills import CardBill
from xieshang.core.transactions import ImportResult

from .document import Document
from .figures import amount_in, daily_rate_in, date_in, dates_in, labelled, late_fee_in
from .statement import CardRow, card_result, required
from .tables import table_rows

BANK = "icbc"
ROLES = {
    "card": ("卡号后四位",),
    "day": ("交易日",),
    "posted": ("记账日",),
    "kind": ("交易类型",),
    "text": ("商户名称",),
    "amount": ("记账金额",),
}


def matches(doc: Document) -> bool:
    return "工商银行信用卡" in doc.text or "牡丹" in doc.text or "icbc" in doc.sender.lower()


def parse(doc: Document) -> ImportResult:
    cycle = labelled(doc, ["账单周期"], lambda t: dates_in(t) if len(dates_in(t)) == 2 else None)
    due = labelled(doc, ["到期还款日"], date_in)
    card = next(
        (row for row in doc.rows if row and row[0][:4].isdigit() and "/RMB" in " ".join(row[2:3])), None
    )
    required(cycle, "账单周期")
    required(due, "到期还款日")
    required(card, "需还款明细（本期应还款额、最低还款额）")
    assert cycle is not None and due is not None and card is not None
    bill = CardBill(
        bank=BANK,
        card=card[0][:4],
        statement_date=cycle[1],
        due_date=due,
        balance=amount_in(card[2]) or 0,  # type: ignore[arg-type]
        minimum=amount_in(card[3]) if len(card) > 3 else None,
        credit_limit=amount_in(card[4]) if len(card) > 4 else None,
        cycle_start=cycle[0],
        daily_rate=daily_rate_in(doc.text),
        late_fee=late_fee_in(doc.text),
    )
    rows = []
    for number, cells, _row in table_rows(doc, ROLES):
        day, value, booked = (
            date_in(cells.get("day", "")),
            amount_in(cells.get("amount", "")),
            cells.get("amount", ""),
        )
        if day is None or value is None:
            continue
        signed = -abs(value) if "存入" in booked else abs(value)
        text = " ".join(x for x in (cells.get("kind", ""), cells.get("text", "")) if x)
        rows.append(
            CardRow(day, date_in(cells.get("posted", "")), text, signed, cells.get("card", "")[:4], number)
        )
    return card_result(bill, rows)
