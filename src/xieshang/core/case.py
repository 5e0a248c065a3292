"""A borrower's whole situation as one immutable value: the portable case file's content."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from .agreements import Agreement
from .contacts import ContactEntry
from .disputes import CreditDispute, ProgressNote
from .materials import Materials
from .plan import PlanSpec
from .statement import Statement
from .terms import Loan
from .vocabulary import NegotiationStatus


@dataclass(frozen=True)
class Borrower:
    """The person negotiating. Only ``name`` is required; the rest fills letters and forms."""

    name: str
    id_number: str = ""  # 身份证号: masked in documents unless the user chooses otherwise
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class Case:
    """One borrower's debts and what they recorded about the negotiation, each part a typed value.

    ``budget`` is the financial statement (收支表), ``plan`` the negotiation plan's choices, ``contacts`` the
    contact log, ``materials`` the hardship and supporting documents, ``disputes`` the credit-report disputes,
    ``progress_notes`` how each agreement was kept, ``agreements`` the repayment agreements (each on one debt,
    replacing its contract from its start date); ``statuses`` is where the person says each negotiation
    stands (by debt id; a debt not listed has not been contacted). Everything derived from these is computed
    by the case view (:mod:`xieshang.view`), never stored here.
    """

    borrower: Borrower
    debts: tuple[Loan, ...]
    as_of: date | None = None
    version: int = 1
    budget: Statement | None = None
    plan: PlanSpec | None = None
    contacts: tuple[ContactEntry, ...] = ()
    materials: Materials = field(default_factory=Materials)
    disputes: tuple[CreditDispute, ...] = ()
    progress_notes: tuple[ProgressNote, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    statuses: Mapping[str, NegotiationStatus] = field(default_factory=dict, hash=False)

    def debt(self, debt_id: str) -> Loan:
        for loan in self.debts:
            if loan.id == debt_id:
                return loan
        raise KeyError(debt_id)

    def agreement(self, agreement_id: str) -> Agreement:
        for item in self.agreements:
            if item.id == agreement_id:
                return item
        raise KeyError(agreement_id)

    def status(self, debt_id: str) -> NegotiationStatus:
        """Where the person says the negotiation with this debt's creditor stands."""
        return self.statuses.get(debt_id, NegotiationStatus.NOT_CONTACTED)
