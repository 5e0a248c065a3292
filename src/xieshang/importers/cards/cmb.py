"""招商银行 (China Merchants Bank) credit-card statement: the 账单补寄 PDF (real layout: deb-sig/bill-parser
sample, rebuilt from its text items) and the monthly e-mail (layout as documented publicly; see PROVENANCE.md).

Summary: 账单日, 到期还款日, 信用额度, 本期还款总额 (or 本期应还金额), 本期最低还款额; the formula 本期还款总额 = 上期账单金额 −
上期还款金额 + 本期账单金额 − 本期调整金额 + 循环利息. Rows ``交易日 | 记账日 | 交易摘要 | 人民币金额 | 卡号末四位 | 交易地金额``
with ``MM/DD`` (or ``MMDD``) dates, grouped under 还款 / 退款 / 消费 …; the yuan amount is signed (money to the card
negative). A repayment row may have no 交易日 (only 记账日).
"""

from __future__ import annotations

import re

from xieshang.core.card_bills import CardBill
from xieshang.core.transactions import Direction, ImportResult

from .document import Document
from .figures import amount_in, daily_rate_in, date_in, dates_in, labelled, last_four, late_fee_in
from .statement import CardRow, card_result, required, year_for
from .tables import table_rows

BANK = "cmb"
ROLES = {
    "day": ("交易日",),
    "posted": ("记账日",),
    "text": ("交易摘要",),
    "amount": ("人民币金额",),
    "card": ("卡号末四位", "卡号后四位"),
    "original": ("交易地金额",),
}
SECTIONS = {"还款": Direction.NEUTRAL, "退款": Direction.INCOME}
_MMDD_RE = re.compile(r"^(\d{2})/?(\d{2})$")


def matches(doc: Document) -> bool:
    return "招商银行信用卡" in doc.text or "cmbchina" in doc.sender.lower()


def parse(doc: Document) -> ImportResult:
    due = labelled(doc, ["到期还款日"], date_in)
    stated = labelled(doc, ["账单日"], date_in)
    cycle = labelled(doc, ["账单周期"], lambda t: dates_in(t) if len(dates_in(t)) == 2 else None)
    statement = stated or (cycle[1] if cycle else None)
    balance = labelled(doc, ["本期还款总额", "本期应还金额", "本期应还款总额"], amount_in)
    required(statement, "账单日")
    required(due, "到期还款日")
    required(balance, "本期应还金额")
    assert statement is not None and due is not None and balance is not None
    rows = list(_rows(doc, statement))
    previous = labelled(doc, ["上期账单金额"], amount_in)
    new, adjusted = labelled(doc, ["本期账单金额"], amount_in), labelled(doc, ["本期调整金额"], amount_in)
    bill = CardBill(
        bank=BANK,
        card=next((r.card for r in rows if r.card), "") or last_four(doc.text),
        statement_date=statement,
        due_date=due,
        balance=balance,
        minimum=labelled(doc, ["本期最低还款额", "最低还款额"], amount_in),
        credit_limit=labelled(doc, ["信用额度"], amount_in),
        cycle_start=cycle[0] if cycle else None,
        daily_rate=daily_rate_in(doc.text),
        late_fee=late_fee_in(doc.text),
        previous_balance=previous,
        payments=labelled(doc, ["上期还款金额"], amount_in),
        new_charges=None if new is None else new - (adjusted or 0),
        interest=labelled(doc, ["循环利息"], amount_in),
    )
    return card_result(bill, rows)


def _day(text: str, statement: object) -> object:
    match = _MMDD_RE.match(text.strip())
    if match is None:
        return None
    return year_for(int(match.group(1)), int(match.group(2)), statement)  # type: ignore[arg-type]


def _rows(doc: Document, statement: object) -> list[CardRow]:
    found: list[CardRow] = []
    kind: Direction | None = None
    for number, cells, row in table_rows(doc, ROLES):
        words = [cell for cell in row if cell]
        if len(words) == 1 and words[0] in ("还款", "退款", "消费", "分期", "取现", "费用", "利息", "其他"):
            kind = SECTIONS.get(words[0])
            continue
        posted = _day(cells.get("posted", ""), statement)
        day = _day(cells.get("day", ""), statement) or posted
        value = amount_in(cells.get("amount", ""))
        if day is None or value is None:
            continue
        card = cells.get("card", "").strip()
        found.append(
            CardRow(
                day,  # type: ignore[arg-type]
                posted,  # type: ignore[arg-type]
                cells.get("text", "").strip(),
                value,
                card if card.isdigit() and len(card) == 4 else "",
                number,
                kind if value < 0 else None,
            )
        )
    return found
