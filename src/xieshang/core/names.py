"""How people name a debt: by its creditor, never by the key a case file gives it.

A debt is called by its creditor's name. When the creditor lent more than once in the case, each is told apart
by the day it was lent (``某银行（2026年3月15日借款）`` / ``某银行 (lent 2026-03-15)``), then by its principal if
that is not enough; a debt whose creditor is not named is ``未填写债权人的借款`` with the same details.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .bilingual import Text
from .chinese_dates import chinese_date
from .money import grouped
from .terms import Loan

UNNAMED = Text("未填写债权人的借款", "Debt with no creditor named")


def creditor_name(loan: Loan) -> Text:
    """The creditor as the person wrote it (the same in both languages), or that none was written."""
    return Text.same(loan.creditor) if loan.creditor.strip() else UNNAMED


def debt_names(debts: Sequence[Loan]) -> dict[str, Text]:
    """Every debt's name, by debt id (unique within ``debts``)."""
    by_creditor = Counter(loan.creditor.strip() for loan in debts)
    by_day = Counter((loan.creditor.strip(), loan.start_date) for loan in debts)
    names: dict[str, Text] = {}
    for loan in debts:
        key = loan.creditor.strip()
        name = creditor_name(loan)
        if by_creditor[key] > 1 or not key:
            zh, en = f"{chinese_date(loan.start_date)}借款", f"lent {loan.start_date.isoformat()}"
            if by_day[(key, loan.start_date)] > 1:
                zh, en = (
                    f"{zh}，本金{grouped(loan.principal)}元",
                    f"{en}, principal ¥{grouped(loan.principal)}",
                )
            name = Text(f"{name.zh}（{zh}）", f"{name.en} ({en})")
        names[loan.id] = name
    return names
