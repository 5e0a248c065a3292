"""What a statement says the card's revolving debt now is, beside what the case holds: the proposal a person
confirms before anything changes.

The debt becomes the statement's balance (``principal``) on the statement date (``start_date``), with the card's
statement and due days, the printed daily rate and late-fee rule, and a minimum-payment rate that gives back the
printed minimum. What the statement does not print keeps the case's value (or the engine's default when the debt
is new), and is marked as not from the statement. Payments the case records before the statement date are in the
statement's balance already; they are listed, and kept in the debt's notes rather than counted twice.

>>> from datetime import date
>>> bill = CardBill("bocom", "7449", date(2023, 2, 28), date(2023, 3, 28), Decimal("3013.11"), Decimal("150.66"),
...                 daily_rate=Decimal("0.0005"))
>>> p = propose(bill, None, "card-7449", "交通银行信用卡（尾号 7449）")
>>> p.loan.principal, p.loan.start_date, p.loan.revolving.due_day, p.loan.revolving.min_payment_rate
(Decimal('3013.11'), datetime.date(2023, 2, 28), 28, Decimal('0.05'))
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from .card_bills import CardBill
from .cards import DEFAULT_DAILY_RATE, minimum_payment
from .money import ZERO, cents, grouped
from .terms import LenderType, Loan, Method, Payment, RevolvingTerms

CARD_KEY = "card_last4"  # the loan's ``extra`` entry that names the card a statement is for
BANK_KEY = "card_bank"


@dataclass(frozen=True)
class CardChange:
    """One figure: what the case holds, what the statement gives, and whether it is printed on the statement."""

    field: str  # principal, start_date, statement_day, due_day, daily_rate, min_payment_rate, late_fee_rate …
    current: object | None
    proposed: object | None
    from_statement: bool

    @property
    def changed(self) -> bool:
        return self.current != self.proposed


@dataclass(frozen=True)
class CardProposal:
    bill: CardBill
    loan: Loan | None  # None when the statement shows nothing owed
    changes: tuple[CardChange, ...]
    creating: bool
    earlier_payments: tuple[Payment, ...]  # recorded before the statement date: already in its balance
    reason: str = ""  # why there is nothing to update, when ``loan`` is None


def minimum_rate(balance: Decimal, minimum: Decimal) -> Decimal:
    """The share of the balance that gives back the printed minimum to the 分 (as few decimals as that takes)."""
    if balance <= 0 or minimum <= 0:
        return ZERO
    exact = minimum / balance
    for places in range(2, 11):
        rate = exact.quantize(Decimal(1).scaleb(-places))
        if cents(balance * rate) == minimum:
            return rate
    return exact.quantize(Decimal("1e-10"))


def card_of(loan: Loan) -> tuple[str, str]:
    """(bank, last four digits) a debt was confirmed for, from its ``extra``."""
    return loan.extra.get(BANK_KEY, ""), loan.extra.get(CARD_KEY, "")


def repays(rate: Decimal, daily: Decimal | None) -> bool:
    """Whether paying ``rate`` of the balance each month outruns a cycle's interest (31 days at ``daily``)."""
    return daily is None or rate > daily * 31


def _terms(bill: CardBill, base: RevolvingTerms, daily: Decimal | None) -> RevolvingTerms:
    """The card's terms from the statement. A printed minimum that is a smaller share of the balance than a
    month's interest (banks add the interest to a 1 % minimum) would never repay as a flat share: the case's
    (or the usual 10 %) rule is kept instead, and the proposal says the minimum is not the statement's."""
    terms = replace(base, statement_day=bill.statement_date.day, due_day=bill.due_date.day)
    if bill.minimum is not None and bill.balance > 0:
        rate = minimum_rate(bill.balance, bill.minimum)
        if repays(rate, daily):
            terms = replace(
                terms, min_payment_rate=rate, min_payment_floor=min(base.min_payment_floor, bill.minimum)
            )
    rule = bill.late_fee
    if rule is not None:
        terms = replace(
            terms,
            late_fee_rate=rule.rate if rule.rate is not None else base.late_fee_rate,
            late_fee_min=rule.minimum if rule.minimum is not None else base.late_fee_min,
            late_fee_max=rule.maximum if rule.maximum is not None else base.late_fee_max,
        )
    return terms


def propose(bill: CardBill, current: Loan | None, new_id: str, creditor: str) -> CardProposal:
    """The card's debt as the statement gives it, beside ``current`` (the case's debt for this card, if any)."""
    if bill.balance <= 0:
        owed = "有溢缴款" if bill.balance < 0 else "没有欠款"
        reason = f"{bill.month} 账单显示{owed}（本期应还 {grouped(bill.balance)} 元），不需要更新债务"
        return CardProposal(bill, None, (), current is None, (), reason)
    base_terms = (current.revolving if current else None) or RevolvingTerms()
    earlier = tuple(p for p in (current.payments if current else ()) if p.date < bill.statement_date)
    kept = tuple(p for p in (current.payments if current else ()) if p.date >= bill.statement_date)
    notes = current.notes if current else ""
    if earlier:
        listed = "、".join(f"{p.date.isoformat()} {grouped(p.amount)} 元" for p in earlier)
        line = f"{bill.statement_date.isoformat()} 账单余额已包含此前的还款：{listed}"
        notes = f"{notes}\n{line}".strip() if line not in notes else notes
    daily = bill.daily_rate if bill.daily_rate is not None else (current.daily_rate if current else None)
    annual = current.annual_rate if current and daily is None else ZERO
    if daily is None and annual <= 0:
        # nothing printed, nothing recorded: the engine's 万分之五, marked as not from the statement
        daily = DEFAULT_DAILY_RATE
    terms = _terms(bill, base_terms, daily if daily is not None else (annual / 360 if annual > 0 else None))
    extra = {**(current.extra if current else {}), BANK_KEY: bill.bank, CARD_KEY: bill.card}
    loan = Loan(
        id=current.id if current else new_id,
        principal=bill.balance,
        start_date=bill.statement_date,
        term_months=0,
        method=Method.REVOLVING,
        annual_rate=annual,
        creditor=current.creditor if current and current.creditor else creditor,
        lender_type=LenderType.CREDIT_CARD,
        daily_rate=daily,
        payments=kept,
        revolving=terms,
        notes=notes,
        extra={k: v for k, v in extra.items() if v},
    )
    if current is not None:
        loan = replace(
            loan,
            received=None,
            day_count=current.day_count,
            penalty_rate_multiplier=current.penalty_rate_multiplier,
            penalty_annual_rate=current.penalty_annual_rate,
            payment_order=current.payment_order,
        )
    return CardProposal(bill, loan, _changes(bill, current, loan), current is None, earlier)


def _changes(bill: CardBill, current: Loan | None, loan: Loan) -> tuple[CardChange, ...]:
    old = current.revolving if current and current.revolving else None
    new = loan.revolving or RevolvingTerms()
    printed_fee = bill.late_fee is not None

    def was(value: object) -> object | None:
        return value if current is not None else None

    minimum_now = minimum_payment(current.principal, old) if current and old else None
    proposed_minimum = minimum_payment(loan.principal, new)
    return (
        CardChange("principal", was(current.principal if current else None), loan.principal, True),
        CardChange("start_date", was(current.start_date if current else None), loan.start_date, True),
        CardChange("due_date", None, bill.due_date, True),
        CardChange("minimum", minimum_now, proposed_minimum, proposed_minimum == bill.minimum),
        CardChange("statement_day", old.statement_day if old else None, new.statement_day, True),
        CardChange("due_day", old.due_day if old else None, new.due_day, True),
        CardChange(
            "daily_rate",
            current.daily_rate if current else None,
            loan.daily_rate,
            bill.daily_rate is not None,
        ),
        CardChange("late_fee_rate", old.late_fee_rate if old else None, new.late_fee_rate, printed_fee),
        CardChange("late_fee_min", old.late_fee_min if old else None, new.late_fee_min, printed_fee),
    )
