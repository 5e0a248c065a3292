"""交通银行 (Bank of Communications) credit-card e-mail statement (real layout: deb-sig/bill-parser sample).

Summary cells: ``卡号：`` ``622252******5155``, ``账单周期：2024/01/01-2024/01/31``, ``到期还款日`` ``2024-02-28``,
``本期应还款额`` ``¥ 6666.66``, ``最低还款额``, ``信用额度``; the formula row ``人民币账户`` gives 本期应还 = 上期应还 −
还款/退货/费用返还 + 本期本金 + 本期费用 + 本期利息. Rows come in two sections: 还款、退货及费用返还 (money to the card:
还款 neutral, 退货 income) and 消费、取现及其他费用 (spending); each row ``交易日期 | 记账日期 | 交易说明 |
交易币种/金额 | 入账币种/金额`` with amounts ``CNY 217.10``; the yuan booked (入账) counts.
"""

from __future__ import annotations

from decimal import Decimal

from xieshang.core.card_bills import CardBill
from xieshang.core.transactions import Direction, ImportResult

from ..bankrows import foreign, is_repayment
from .document import Document
from .figures import after, amount_in, daily_rate_in, date_in, dates_in, labelled, last_four, late_fee_in
from .statement import CardRow, card_result, required

BANK = "bocom"
CREDITS = "还款、退货及费用返还"
DEBITS = "消费、取现及其他费用"


def matches(doc: Document) -> bool:
    return "交通银行信用卡" in doc.text or "bankcomm" in doc.sender.lower()


def parse(doc: Document) -> ImportResult:
    cycle = after(doc, ["账单周期"], lambda text: dates_in(text) if len(dates_in(text)) == 2 else None)
    required(cycle, "账单周期")
    assert cycle is not None
    due, balance = labelled(doc, ["到期还款日"], date_in), labelled(doc, ["本期应还款额"], amount_in)
    required(due, "到期还款日")
    required(balance, "本期应还款额")
    assert due is not None and balance is not None
    figures = _formula(doc)
    bill = CardBill(
        bank=BANK,
        card=last_four(after(doc, ["卡号"], lambda t: t if last_four(t) else None) or ""),
        statement_date=cycle[1],
        due_date=due,
        balance=balance,
        minimum=labelled(doc, ["最低还款额"], amount_in),
        credit_limit=labelled(doc, ["信用额度"], amount_in),
        cycle_start=cycle[0],
        daily_rate=daily_rate_in(doc.text),
        late_fee=late_fee_in(doc.text),
        previous_balance=figures[0],
        payments=figures[1],
        new_charges=figures[2],
        interest=figures[3],
    )
    rows, skipped = _rows(doc)
    return card_result(bill, rows, skipped=skipped)


def _formula(doc: Document) -> tuple[Decimal | None, ...]:
    """上期应还, 还款/退货/费用返还, 本金 + 费用, 利息 from the ``人民币账户`` row of the formula table."""
    for full in doc.rows:
        row = [cell for cell in full if cell]
        if row and row[0] == "人民币账户" and len(row) >= 7:
            values = [amount_in(cell) for cell in row[1:7]]
            if all(v is not None for v in values):
                _balance, previous, paid, principal, fees, interest = values
                assert principal is not None and fees is not None
                return previous, paid, principal + fees, interest
    return None, None, None, None


def _rows(doc: Document) -> tuple[list[CardRow], list[tuple[int, str]]]:
    rows: list[CardRow] = []
    skipped: list[tuple[int, str]] = []
    section, card = 0, ""
    for number, full in enumerate(doc.rows, start=1):
        row = tuple(cell for cell in full if cell)
        joined = " ".join(row)
        if CREDITS in joined:
            section = -1
        elif DEBITS in joined:
            section = 1
        elif "卡号末四位" in joined:
            card = last_four(joined) or card
        if section == 0 or len(row) < 5:
            continue
        day, posted = date_in(row[0]), date_in(row[1])
        booked = amount_in(row[4])
        if day is None or booked is None:
            continue
        if foreign(row[4].split(" ")[0] if " " in row[4] else row[4][:3]):
            skipped.append((number, f"外币交易（{row[4]}），未计入人民币收支"))
            continue
        text = row[2]
        kind = None
        if section < 0:
            kind = Direction.NEUTRAL if is_repayment(text) else Direction.INCOME
        rows.append(CardRow(day, posted, text, section * abs(booked), card, number, kind))
    return rows, skipped
