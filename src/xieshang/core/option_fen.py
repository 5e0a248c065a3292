"""One option on its own (:func:`options.evaluate`: the option's run and its status quo) in integer 分.

The ledger of :class:`~xieshang.core.options.DebtLedger` with whole-分 integers and the rate's exact ratio (as in
:mod:`xieshang.core.level`); the figures are made Decimal once, at the end, with the exponents the Decimal
ledger gives them (a level instalment is the Decimal it was fixed as). :func:`alone_in_fen` returns None where
only the Decimal ledger gives today's figures (an amount not in whole 分, a rate whose products the context would
round, a debt that owes nothing at the start); :func:`evaluate` is then ``options.evaluate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .level import fen, from_fen, level_payment, rate_ratio
from .money import ZERO
from .options import (
    MAX_MONTHS,
    CreditorView,
    DebtPosition,
    DebtTerms,
    Option,
    OptionOutcome,
    PlanLimits,
    ScheduleRow,
    as_is_terms,
    terms_for,
)
from .options import evaluate as evaluate_in_decimal


@dataclass
class Alone:
    """Where one debt's run ended, and (if kept) each month's payment, interest and balance."""

    month: int
    level: Decimal  # the level instalment as the ledger fixed it (ZERO before it began)
    owed: int
    paid: int
    interest: int
    payments: list[Decimal]
    accrued: list[int]
    balances: list[int]


def alone_in_fen(terms: DebtTerms, pay: Decimal | None, max_months: int, rows: bool = True) -> Alone | None:
    """``run_alone(terms, pay, max_months, rows)`` in 分 (None: run the Decimal ledger)."""
    principal, charges = fen(terms.principal), fen(terms.charges)
    if principal is None or charges is None or principal < 0 or charges < 0 or principal + charges <= 0:
        return None
    ratio = rate_ratio(terms.rate, principal)
    each = None if pay is None else fen(pay)
    if ratio is None or (pay is not None and each is None):
        return None
    n, d = ratio
    n2, d2 = 2 * n, 2 * d
    contract = terms.position.contractual_monthly
    grace, months, pays = terms.grace_months, terms.months, terms.grace_pays_interest
    level_dec, level = Decimal("0.00"), 0
    paid = interest = month = 0
    payments: list[Decimal] = []
    accrued_rows: list[int] = []
    balances: list[int] = []
    owed = principal + charges
    while owed > 0 and month < max_months:
        month += 1
        if month == grace + 1:
            if months is None:
                level_dec = (
                    contract
                    if contract > 0
                    else (terms.principal + terms.charges if month == 1 else from_fen(owed))
                )
            else:
                level_dec = level_payment(from_fen(principal), from_fen(charges), terms.rate, months)
            found = fen(level_dec)
            if found is None:
                return None
            level = found
        accrued = (principal * n2 + d) // d2
        charges += accrued
        interest += accrued
        owed = principal + charges
        if each is not None:
            amount, shown = (each, pay) if each <= owed else (owed, None)
        elif month <= grace:
            amount = accrued if pays else 0
            shown = None
        elif level <= owed:
            amount, shown = level, level_dec
        else:
            amount, shown = owed, None
        if amount <= charges:
            charges -= amount
        else:
            principal -= amount - charges
            charges = 0
        paid += amount
        owed = principal + charges
        if rows:
            payments.append(from_fen(amount) if shown is None else shown)
            accrued_rows.append(accrued)
            balances.append(owed)
    return Alone(month, level_dec, owed, paid, interest, payments, accrued_rows, balances)


def evaluate(position: DebtPosition, option: Option, limits: PlanLimits, path: str = "") -> OptionOutcome:
    """``options.evaluate``: in 分 where that gives the same figures, else in Decimal."""
    terms = terms_for(position, option, limits, path)
    run = alone_in_fen(terms, None, MAX_MONTHS)
    quo_terms = as_is_terms(position)
    if run is None:
        return evaluate_in_decimal(position, option, limits, path)
    monthly = run.level
    if monthly > 0:
        quo = alone_in_fen(quo_terms, monthly, MAX_MONTHS, rows=False)
        if quo is None:
            return evaluate_in_decimal(position, option, limits, path)
        quo_cost, quo_months, quo_capped = from_fen(quo.paid + quo.owed), quo.month, quo.owed > 0
    else:
        left = quo_terms.principal + quo_terms.charges
        quo_cost, quo_months, quo_capped = ZERO + left, 0, left > 0
    rows = tuple(
        ScheduleRow(month, payment, from_fen(accrued), from_fen(owed))
        for month, payment, accrued, owed in zip(
            range(1, len(run.payments) + 1), run.payments, run.accrued, run.balances, strict=True
        )
    )
    paid, balance = from_fen(run.paid), position.balance
    view = CreditorView(
        recovered=paid,
        months=len(rows),
        recovered_first_year=sum(run.payments[:12], ZERO),
        share_of_balance=(paid / balance) if balance > 0 else ZERO,
    )
    return OptionOutcome(
        debt_id=position.id,
        kind=terms.kind,
        monthly=monthly,
        months=len(rows),
        total_paid=paid,
        waived=terms.waived,
        interest=from_fen(run.interest),
        rows=rows,
        status_quo_cost=quo_cost,
        status_quo_months=quo_months,
        status_quo_capped=quo_capped,
        saving=quo_cost - paid,
        creditor=view,
    )
