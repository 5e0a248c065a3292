"""The debts part of every document: which debts a letter is about, each named as people name it (never by
its key in the case file), the contract in a table row, and what is overdue and still owed, from the case
view's analysis."""

from __future__ import annotations

from collections.abc import Sequence

from xieshang.core.chinese_dates import chinese_date
from xieshang.core.terms import Loan, Method
from xieshang.core.vocabulary import label
from xieshang.view import CaseView

from .text import capitals, clean, money, percent


def creditor_debts(view: CaseView, creditor: str | None) -> tuple[Loan, ...]:
    """The debts owed to ``creditor`` (its name or one debt id); all debts when ``None``."""
    case = view.case
    if creditor is None:
        return case.debts
    chosen = tuple(d for d in case.debts if d.creditor == creditor or d.id == creditor)
    if not chosen:
        return ()
    name = chosen[0].creditor
    return tuple(d for d in case.debts if name and d.creditor == name) or chosen


def creditors(view: CaseView) -> list[str]:
    """The creditors a letter may be written to, in case order: their names (a debt without a creditor stands
    for itself, by its id, which only the program sees)."""
    return list(dict.fromkeys(d.creditor or d.id for d in view.case.debts))


def creditor_label(view: CaseView, creditor: str) -> str:
    """How a letter's addressee is named: the creditor, or the debt's name when no creditor was written."""
    debts = creditor_debts(view, creditor)
    if not debts:
        return clean(creditor)
    return clean(debts[0].creditor) or view.name(debts[0].id).zh


def lent(loan: Loan, to_creditor: bool) -> str:
    """``贵方于2026年3月15日发放的借款`` in a letter to the creditor; ``某银行于…发放的借款`` otherwise."""
    who = "贵方" if to_creditor else clean(loan.creditor)
    return (
        f"{who}于{chinese_date(loan.start_date)}发放的借款"
        if who
        else f"{chinese_date(loan.start_date)}的一笔借款"
    )


def _contract_rate(loan: Loan) -> str:
    """The rate as the contract states it: a day, a month (card instalment fee) or a year."""
    if loan.method is Method.DAILY and loan.daily_rate is not None:
        return f"日{percent(loan.daily_rate, 4)}"
    if loan.method is Method.CARD_INSTALMENT and loan.period_fee_rate is not None:
        return f"月费率{percent(loan.period_fee_rate)}"
    return f"年{percent(loan.annual_rate)}"


def debt_rows(view: CaseView, debts: Sequence[Loan]) -> list[dict[str, str]]:
    rows = []
    for number, loan in enumerate(debts, start=1):
        apr = view.debt(loan.id).apr
        rows.append(
            {
                "number": str(number),
                "creditor": clean(view.name(loan.id).zh),
                "start_date": chinese_date(loan.start_date),
                "principal": money(loan.principal),
                "received": money(loan.cash_received),
                "term": "循环" if loan.method is Method.REVOLVING else f"{loan.term_months}期",
                "method": label(loan.method).zh,
                "rate": _contract_rate(loan),
                "apr": "—" if apr is None else percent(apr),
            }
        )
    return rows


def overdue_lines(view: CaseView, debts: Sequence[Loan], to_creditor: bool) -> list[str]:
    lines = []
    for loan in debts:
        status = view.debt(loan.id).overdue
        if status.days_overdue <= 0:
            continue
        total = status.overdue_total
        lines.append(
            f"{lent(loan, to_creditor)}截至{chinese_date(view.as_of)}已逾期{status.days_overdue}天，逾期应还合计人民币"
            f"{money(total)}元（大写：{capitals(total)}），其中罚息、复利{money(status.outstanding.penalty)}元；"
            f"尚欠本金{money(status.outstanding.principal)}元。"
        )
    return lines


def credit_lines(view: CaseView, debts: Sequence[Loan], to_creditor: bool) -> list[str]:
    """The debts paid beyond everything owed: the borrower's money, to be refunded or set off."""
    lines = []
    for loan in debts:
        credit = view.debt(loan.id).credit
        if credit > 0:
            lines.append(
                f"{lent(loan, to_creditor)}截至{chinese_date(view.as_of)}已多还人民币{money(credit)}元"
                f"（大写：{capitals(credit)}），超过全部欠款，请予退还或在其他欠款中抵扣。"
            )
    return lines


def remaining_lines(view: CaseView, debts: Sequence[Loan], to_creditor: bool) -> list[str]:
    """What each debt still owes on the day, from the analysis's overdue replay (as the progress report uses)."""
    lines = []
    for loan in debts:
        status = view.debt(loan.id).overdue
        left = status.outstanding
        lines.append(
            f"{lent(loan, to_creditor)}：截至{chinese_date(view.as_of)}累计已还{money(status.paid_total)}元；尚欠本金"
            f"{money(left.principal)}元、利息{money(left.interest)}元、罚息及复利{money(left.penalty)}元、"
            f"费用及违约金{money(left.fees)}元，合计{money(left.total)}元（大写：{capitals(left.total)}）。"
        )
    return lines
