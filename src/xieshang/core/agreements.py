"""Repayment agreements (还款协议) as values: what was agreed with a creditor, and which agreement is in force.

An :class:`Agreement` covers one debt. From its start date (``start``, else the day it was made) it replaces the
contract: what is owed, what is due and when, and what is late follow the agreed instalments
(:mod:`xieshang.core.agreement_analysis`); how each instalment was kept is :mod:`xieshang.core.agreement_keeping`;
the checks before signing are :mod:`xieshang.core.agreement_review`. A later agreement on the same debt (a
renegotiation) replaces the earlier one from its own start.

Instalments may be given one by one or generated from terms (:func:`generate_instalments`: equal amounts, the
last one absorbing the residue, so they sum to the total exactly). Payments are the debt's own payments
(``Loan.payments``); an instalment may name the payments that settle it (``payments``: payment ids).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .bilingual import Text
from .dates import add_months
from .errors import FieldError
from .money import CENT, ZERO, cents
from .terms import Loan
from .vocabulary import AgreementForm as AgreementForm
from .vocabulary import CreditReporting as CreditReporting
from .vocabulary import OnDefault as OnDefault
from .vocabulary import Payee as Payee

MAX_INSTALMENTS = 600


@dataclass(frozen=True)
class Waived:
    """What the creditor gives up: 罚息 and 复利, fees and 违约金, interest, part of the principal."""

    penalty: Decimal = ZERO
    fees: Decimal = ZERO
    interest: Decimal = ZERO
    principal: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.penalty + self.fees + self.interest + self.principal


@dataclass(frozen=True)
class AgreedInstalment:
    """One agreed payment: ``amount`` due on ``due``; ``payments`` are the ids of the payments that settle it."""

    due: date
    amount: Decimal
    id: str = ""
    payments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Receipt:
    """A receipt in the evidence store for one payment made under the agreement."""

    payment: str  # the payment's id
    sha256: str


@dataclass(frozen=True)
class Agreement:
    """What was agreed with one debt's creditor, as the person recorded it (see the module docstring).

    ``balance`` is the balance the creditor states the agreement starts from (None: not stated; the engine's own
    figure on the start date is used); ``principal_in_balance`` its principal part (the make-up a card agreement
    must state). ``interest`` is what the agreement itself charges (interest, instalment fees), included in
    ``total``. ``fees`` are fees for the agreement paid to ``fee_payee`` (not in ``total``). Three-state terms are
    ``None`` when the agreement does not say: ``grace_days`` (how many days after a due date a payment still
    keeps the agreement), ``collection_stops``, ``charges_continue`` (annual fees, interest and other charges
    during repayment), ``no_new_card`` (a cardholder's undertaking). ``clauses`` is the agreement's wording as
    pasted or typed: the review reads it for red flags. ``available_at_signing``: the monthly amount available
    when it was recorded (a changed statement calls for a review).
    """

    id: str
    debt_id: str
    made: AgreementForm
    agreed_on: date
    total: Decimal
    instalments: tuple[AgreedInstalment, ...]
    start: date | None = None
    creditor_party: str = ""
    balance: Decimal | None = None
    principal_in_balance: Decimal | None = None
    waived: Waived = field(default_factory=Waived)
    interest: Decimal = ZERO
    fees: Decimal = ZERO
    fee_payee: str = ""
    grace_days: int | None = None
    on_default: OnDefault = OnDefault.UNSTATED
    collection_stops: bool | None = None
    credit_reporting: CreditReporting = CreditReporting.UNSTATED
    charges_continue: bool | None = None
    no_new_card: bool | None = None
    payee: Payee = Payee.CREDITOR
    account: str = ""
    clauses: str = ""
    blanks: bool = False  # the document the person was given has blank spaces
    confirmation_requested: date | None = None  # oral: the day written confirmation was asked for
    confirmed: bool = False  # oral: the written confirmation arrived
    signed_copy: tuple[str, ...] = ()  # evidence files (SHA-256) of the signed agreement
    recording: tuple[str, ...] = ()  # evidence files (SHA-256) of the call in which it was agreed
    receipts: tuple[Receipt, ...] = ()
    available_at_signing: Decimal | None = None
    notes: str = ""
    draft: bool = False  # being read before signing: reviewed, but it replaces nothing yet

    @property
    def starts(self) -> date:
        """The day the agreement replaces the contract."""
        return self.start or self.agreed_on

    @property
    def scheduled(self) -> Decimal:
        """What the instalments add up to."""
        return sum((i.amount for i in self.instalments), ZERO)

    @property
    def last_due(self) -> date | None:
        return max((i.due for i in self.instalments), default=None)

    @property
    def grace(self) -> int:
        """Days of grace the agreement gives (none when it says nothing)."""
        return self.grace_days or 0

    def instalment(self, instalment_id: str) -> AgreedInstalment:
        for item in self.instalments:
            if item.id == instalment_id:
                return item
        raise KeyError(instalment_id)

    def receipts_of(self, payment_id: str) -> tuple[str, ...]:
        return tuple(r.sha256 for r in self.receipts if r.payment == payment_id)


def generate_instalments(total: Decimal, first_due: date, months: int) -> tuple[AgreedInstalment, ...]:
    """``months`` monthly instalments from ``first_due`` that sum to ``total`` exactly: equal amounts rounded
    down to the 分, the last one taking the residue (so it is the largest by less than ``months`` 分).

    ``generate_instalments(Decimal("1000"), date(2027, 1, 15), 3)`` → 333.33, 333.33, 333.34 on 15 January,
    February and March 2027; a missing day (the 31st) falls on the month's last day.
    """
    if months < 1 or months > MAX_INSTALMENTS:
        raise ValueError(f"months must be 1–{MAX_INSTALMENTS}")
    total = cents(total)
    each = (total / months).quantize(CENT, rounding="ROUND_DOWN")
    amounts = [each] * (months - 1) + [total - each * (months - 1)]
    return tuple(AgreedInstalment(add_months(first_due, n), a) for n, a in enumerate(amounts))


def agreements_by_debt(agreements: Iterable[Agreement]) -> dict[str, tuple[Agreement, ...]]:
    """Each debt's agreements, earliest start first (a later one is a renegotiation that replaces it); drafts
    (not signed yet) are left out: they replace nothing."""
    found: dict[str, list[Agreement]] = {}
    for agreement in agreements:
        if agreement.draft:
            continue
        found.setdefault(agreement.debt_id, []).append(agreement)
    return {k: tuple(sorted(v, key=lambda a: (a.starts, a.agreed_on))) for k, v in found.items()}


def in_force(agreements: Sequence[Agreement], day: date) -> Agreement | None:
    """The agreement in force on ``day`` (the latest started), or None while the contract still applies."""
    started = [a for a in agreements if a.starts <= day]
    return started[-1] if started else None


def latest(agreements: Sequence[Agreement]) -> Agreement | None:
    """The most recent agreement on a debt (in force, or signed and about to start)."""
    return agreements[-1] if agreements else None


def reference_problems(
    agreements: Sequence[Agreement], debts: Mapping[str, Loan], path: str = "agreements"
) -> list[FieldError]:
    """What an agreement refers to that the case does not hold: its debt, the payments an instalment names
    (``agreements[0].instalments[2].payments[0]``), a payment named by two instalments, a receipt's payment."""
    errors: list[FieldError] = []
    for index, agreement in enumerate(agreements):
        where = f"{path}[{index}]"
        loan = debts.get(agreement.debt_id)
        if loan is None:
            errors.append(
                FieldError(
                    f"{where}.debt",
                    Text(
                        f"案件中没有编号为 {agreement.debt_id} 的债务",
                        f"no debt {agreement.debt_id!r} in the case",
                    ),
                )
            )
            continue
        paid = {p.id for p in loan.payments if p.id}
        linked: set[str] = set()
        for number, item in enumerate(agreement.instalments):
            for k, payment in enumerate(item.payments):
                at = f"{where}.instalments[{number}].payments[{k}]"
                if payment not in paid:
                    errors.append(
                        FieldError(
                            at,
                            Text(
                                f"这笔债务没有编号为 {payment} 的还款记录",
                                f"the debt has no payment {payment!r}",
                            ),
                        )
                    )
                elif payment in linked:
                    errors.append(
                        FieldError(
                            at,
                            Text(
                                f"还款 {payment} 已经记在另一期下", f"payment {payment!r} is already linked"
                            ),
                        )
                    )
                linked.add(payment)
        for k, receipt in enumerate(agreement.receipts):
            if receipt.payment not in paid:
                errors.append(
                    FieldError(
                        f"{where}.receipts[{k}].payment",
                        Text(
                            f"这笔债务没有编号为 {receipt.payment} 的还款记录",
                            f"the debt has no payment {receipt.payment!r}",
                        ),
                    )
                )
    return errors
