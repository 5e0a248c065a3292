"""浦发银行 (SPDB) credit-card e-mail statement (layout as documented publicly; see PROVENANCE.md: the fixture is
constructed).

The e-mail holds the summary only — ``本期应还款总额： ￥1182.63 ＄0.00``, ``本期最低还款额： ￥59.13``, ``到期还款日：
2026/09/08`` — with the statement date as the first figure of the first line (``20260819 65509972 0412951``: date,
customer number, statement number) and a link between a label and its amount; the transactions are only on the
bank's website, and the statement names no card (the account's cards share it).
"""

from __future__ import annotations

from xieshang.core.card_bills import CardBill
from xieshang.core.transactions import ImportResult

from .document import Document
from .figures import after, amount_in, daily_rate_in, date_in, late_fee_in
from .statement import card_result, required

BANK = "spdb"


def matches(doc: Document) -> bool:
    return "浦发" in doc.text or "spdb" in doc.sender.lower()


def parse(doc: Document) -> ImportResult:
    statement = next(
        (d for row in doc.rows[:5] for cell in row if (d := date_in(cell.split(" ")[0])) is not None), None
    )
    due = after(doc, ["到期还款日"], date_in)
    balance = after(doc, ["本期应还款总额", "本期应还款额"], amount_in)
    required(statement, "账单日期")
    required(due, "到期还款日")
    required(balance, "本期应还款总额")
    assert statement is not None and due is not None and balance is not None
    bill = CardBill(
        bank=BANK,
        card="",
        statement_date=statement,
        due_date=due,
        balance=balance,
        minimum=after(doc, ["本期最低还款额"], amount_in),
        daily_rate=daily_rate_in(doc.text),
        late_fee=late_fee_in(doc.text),
    )
    note = "浦发银行的电子账单邮件只有汇总金额，交易明细需在银行网站查看，没有导入交易"
    return card_result(bill, [], [note])
