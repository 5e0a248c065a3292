"""The expected outputs the samples' source project ships (``*-output.beancount``), read just enough to compare:
each entry's date, and its postings (account, amount, currency)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from xieshang.core.transactions import Direction, Transaction

from .helpers import BILLS

_ENTRY = re.compile(r"^(\d{4}-\d{2}-\d{2}) \* ")
_POSTING = re.compile(r"^\s+([A-Z][\w:-]+)\s+(-?[\d.]+)\s+([A-Z]{3})\s*$")


@dataclass(frozen=True)
class Entry:
    day: date
    postings: tuple[tuple[str, Decimal, str], ...]

    @property
    def amount(self) -> Decimal:
        return abs(self.postings[0][1])

    @property
    def currency(self) -> str:
        return self.postings[0][2]

    def sign_of(self, account_prefix: str) -> int:
        """+1 when money went into the account (debit card) or to the card (credit card), −1 when it left, 0 when
        the entry does not touch the account."""
        for account, value, _currency in self.postings:
            if account.startswith(account_prefix):
                return 1 if value > 0 else -1
        return 0


def entries(relative: str) -> list[Entry]:
    found: list[Entry] = []
    day: date | None = None
    postings: list[tuple[str, Decimal, str]] = []
    for line in [*(BILLS / relative).read_text(encoding="utf-8").splitlines(), ""]:
        if (match := _ENTRY.match(line)) or not line.strip():
            if day is not None and postings:
                found.append(Entry(day, tuple(postings)))
            day, postings = (date.fromisoformat(match.group(1)), []) if match else (None, [])
        elif day is not None and (posting := _POSTING.match(line)):
            postings.append((posting.group(1), Decimal(posting.group(2)), posting.group(3)))
    return found


def unmatched(expected: Iterable[Entry], ours: Sequence[Transaction], account: str) -> list[Entry]:
    """The expected yuan entries (non-zero) that none of our transactions matches one to one: the same amount,
    dated on the purchase or the booking day, money going the same way through ``account``."""
    left = list(ours)
    missing = []
    for entry in expected:
        if entry.currency != "CNY" or entry.amount == 0:
            continue
        sign = entry.sign_of(account)
        wrong = {1: Direction.EXPENSE, -1: Direction.INCOME}.get(sign)
        match = next(
            (
                t
                for t in left
                if t.amount == entry.amount
                and entry.day in (t.time.date(), t.posted)
                and t.direction is not wrong
            ),
            None,
        )
        if match is None:
            missing.append(entry)
        else:
            left.remove(match)
    return missing
