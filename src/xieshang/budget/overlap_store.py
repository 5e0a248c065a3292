"""The same payment in a wallet's bill and a bank's (``importers.overlap``), across uploads too: the bank's row is
kept with ``same_as`` naming the wallet's row, so it is not counted twice, and undoing the wallet's upload lets it
count again. Each pair is listed on the bank file's batch (``ImportBatch.overlaps``) for the person to check."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from xieshang.cases.models import Case
from xieshang.core.transactions import Transaction
from xieshang.importers.detect import FORMATS
from xieshang.importers.overlap import find_overlaps

from .models import ImportedTransaction

REACH = timedelta(days=5)


@dataclass
class Side:
    """One row of a pair: a row of this upload (``index`` into the new rows) or a stored one."""

    transaction: Transaction
    index: int | None = None
    stored: ImportedTransaction | None = None


@dataclass(frozen=True)
class Pair:
    wallet: Side
    bank: Side


def _stored_candidates(case: Case, new: Sequence[Transaction]) -> list[ImportedTransaction]:
    """Stored, counted rows near in time to this upload's rows, of the platforms that can pair."""
    if not new:
        return []
    start = timezone.make_aware(min(t.time for t in new) - REACH)
    end = timezone.make_aware(max(t.time for t in new) + REACH)
    rows = ImportedTransaction.objects.filter(case=case, occurred_at__range=(start, end)).counted()
    return list(rows.select_related("batch")[:20000])


def find_pairs(
    case: Case, new: Sequence[Transaction], to_core: Callable[[ImportedTransaction], Transaction]
) -> list[Pair]:
    """Pairs among this upload's rows and the stored ones (pairs of two stored rows were settled before)."""
    stored = _stored_candidates(case, new)
    sides = [Side(t, index=i) for i, t in enumerate(new)] + [Side(to_core(r), stored=r) for r in stored]
    by_id = {id(side.transaction): side for side in sides}
    pairs = []
    for overlap in find_overlaps([side.transaction for side in sides]):
        wallet, bank = by_id[id(overlap.wallet)], by_id[id(overlap.bank)]
        if wallet.stored is not None and bank.stored is not None:
            continue
        pairs.append(Pair(wallet, bank))
    return pairs


def describe(side: Side, filename: str) -> str:
    t = side.transaction
    source = FORMATS.get(t.source, t.source)
    return f"{filename or source} 第 {t.row} 行：{t.description or t.counterparty}"


def link(
    pairs: Sequence[Pair], rows: Sequence[ImportedTransaction]
) -> tuple[list[ImportedTransaction], list[dict[str, str]]]:
    """Set ``same_as`` on the bank side of each pair (``rows`` are this upload's rows, saved); returns the stored
    rows changed, and what each bank batch should list."""
    changed: list[ImportedTransaction] = []
    listed: list[dict[str, str]] = []
    for pair in pairs:
        wallet = rows[pair.wallet.index] if pair.wallet.index is not None else pair.wallet.stored
        bank = rows[pair.bank.index] if pair.bank.index is not None else pair.bank.stored
        assert wallet is not None and bank is not None
        bank.same_as = wallet
        if pair.bank.stored is not None:
            changed.append(bank)
        t = pair.bank.transaction
        listed.append(
            {
                "batch": str(bank.batch_id),
                "day": t.time.date().isoformat(),
                "amount": f"{t.amount:.2f}",
                "here": f"第 {t.row} 行：{t.description or t.counterparty}",
                "counted": describe(pair.wallet, wallet.batch.filename if wallet.batch_id else ""),
            }
        )
    return changed, listed
