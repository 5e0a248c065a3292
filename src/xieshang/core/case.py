"""A borrower's whole situation as one immutable value: the portable case file's content."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .terms import Loan


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
    """One borrower's debts and, as later features land, budget, plan, contacts and agreements.

    ``sections`` holds the optional parts of the case file that other modules own (``budget``, ``plan``,
    ``contacts`` …), already turned into their core values by the case-file reader.
    """

    borrower: Borrower
    debts: tuple[Loan, ...]
    as_of: date | None = None
    version: int = 1
    sections: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def debt(self, debt_id: str) -> Loan:
        for loan in self.debts:
            if loan.id == debt_id:
                return loan
        raise KeyError(debt_id)
