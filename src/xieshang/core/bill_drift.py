"""A saved statement against the bills it was prefilled from: which of its figures the bills no longer give, and
a fresh prefill that keeps what the person typed.

A line came from the bills when its note is still the one :func:`~xieshang.core.summary.prefill_statement`
wrote ("按 N 个月账单平均"). The bills change after a statement is saved (another import, an import undone, a
category changed or a rule added); the statement keeps the figures it was saved with until the person prefills
and saves again, so the page says where the two now differ, figure by figure, instead of letting a stale
available amount stand unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from .money import ZERO
from .statement import Line, Statement

BILL_NOTE = re.compile(r"^按 \d+ 个月账单平均$")


def from_bills(line: Line) -> bool:
    """Whether ``line`` is (still) a figure the prefill wrote from the bills."""
    return not line.label and BILL_NOTE.match(line.note) is not None


@dataclass(frozen=True)
class Drift:
    """One category where the saved statement and the bills of today differ (``None``: not there)."""

    category: str
    saved: Decimal | None
    now: Decimal | None


def _by_category(lines: Iterable[Line]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for line in lines:
        totals[line.category] = totals.get(line.category, ZERO) + line.amount
    return totals


def bill_drift(saved: Statement, fresh: Statement) -> tuple[Drift, ...]:
    """Where ``saved``'s figures from the bills differ from ``fresh`` (today's prefill), in the statement's order
    and then the categories the bills have newly; empty when ``saved`` has no line from the bills (typed by
    hand or from Excel: nothing to compare). A category the person typed a line for is theirs: a new bill
    figure in it is not reported."""
    old = _by_category(line for line in saved.lines if from_bills(line))
    if not old:
        return ()
    typed = {line.category for line in saved.lines if not from_bills(line)}
    now = _by_category(fresh.lines)
    drift = [Drift(c, amount, now.get(c)) for c, amount in old.items() if now.get(c) != amount]
    drift += [Drift(c, None, amount) for c, amount in now.items() if c not in old and c not in typed]
    return tuple(drift)


def refill(stored: Statement | None, fresh: Statement) -> Statement:
    """The prefill shown over a stored statement: the stored household, assets and every line the person typed
    (a salary, a second job, a line of their own name) kept, the bill figures those of ``fresh``. A category the
    bills give is taken from the bills (as the first prefill did), unless the person named the line."""
    if stored is None:
        return fresh
    billed = {line.category for line in fresh.lines}
    kept = tuple(
        line for line in stored.lines if not from_bills(line) and (line.label or line.category not in billed)
    )
    return Statement(stored.household, (*fresh.lines, *kept), stored.assets)


def settle(saved: Statement, fresh: Statement, stored: Statement | None = None) -> Statement:
    """``saved`` (the form's statement) as it is stored. A line carrying the prefill's note with an amount neither
    the bills (``fresh``) nor the statement stored before (``stored``) give was typed over by the person after the
    prefill: the note no longer says where the figure came from (it would tell a lender "按 15 个月账单平均" of a
    figure that is not), so it is dropped and the line counts as typed. A bill figure saved again unchanged keeps
    its note, so the page goes on saying when the bills have moved away from it."""
    now = _by_category(fresh.lines)
    before = _by_category(line for line in (stored.lines if stored else ()) if from_bills(line))
    lines = tuple(
        replace(line, note="")
        if from_bills(line) and line.amount not in (now.get(line.category), before.get(line.category))
        else line
        for line in saved.lines
    )
    return replace(saved, lines=lines)
