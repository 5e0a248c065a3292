"""Several bill files as one list: overlapping exports counted once, refunds netted against their originals.

- The same transaction in two files (an export of Jan–Mar and one of Mar–May) is kept once: same source, order
  id, time, amount and direction. Rows repeated inside one file are kept (some exports reuse ids).
- A refund (``refund_of`` set) reduces the spending it refunds (same order id, earlier or same time); a full
  refund removes both. A refund whose original is not in the files stays as income.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from xieshang.core.transactions import Direction, ImportResult, Transaction


@dataclass(frozen=True)
class Merged:
    """The combined transactions, oldest first, and what was done to them."""

    transactions: tuple[Transaction, ...]
    duplicates: int = 0
    refunds_netted: int = 0
    formats: tuple[str, ...] = ()
    skipped: tuple[tuple[str, int, str], ...] = ()  # (format, row, reason)
    warnings: tuple[str, ...] = ()


def _key(t: Transaction) -> tuple[str, str, object, object, str]:
    family = t.source.split("_", 1)[0]
    return (family, t.order_id, t.time, t.amount, t.direction.value)


def merge(results: Iterable[ImportResult]) -> Merged:
    """Combine import results: de-duplicate across files, then net refunds."""
    seen: set[tuple[str, str, object, object, str]] = set()
    kept: list[Transaction] = []
    duplicates = 0
    formats: list[str] = []
    skipped: list[tuple[str, int, str]] = []
    warnings: list[str] = []
    for result in results:
        formats.append(result.format)
        skipped.extend((result.format, row, reason) for row, reason in result.skipped)
        warnings.extend(result.warnings)
        this_file: set[tuple[str, str, object, object, str]] = set()
        for t in result.transactions:
            key = _key(t)
            if t.order_id and key in seen:
                duplicates += 1
                continue
            this_file.add(key)
            kept.append(t)
        seen |= this_file
    netted, count = net_refunds(kept)
    netted.sort(key=lambda t: (t.time, t.source, t.row))
    return Merged(tuple(netted), duplicates, count, tuple(formats), tuple(skipped), tuple(warnings))


def net_refunds(transactions: list[Transaction]) -> tuple[list[Transaction], int]:
    """Subtract each refund from its original spending; return the new list and how many refunds were netted."""
    originals: dict[tuple[str, str], list[int]] = {}
    for index, t in enumerate(transactions):
        if t.direction is Direction.EXPENSE and t.order_id:
            originals.setdefault((t.source, t.order_id), []).append(index)
    items: list[Transaction | None] = list(transactions)
    netted = 0
    for index, t in enumerate(transactions):
        if not t.refund_of or t.direction is not Direction.INCOME:
            continue
        for target in originals.get((t.source, t.refund_of), []):
            original = items[target]
            if original is None or original.time > t.time or original.amount < t.amount:
                continue
            remaining = original.amount - t.amount
            items[target] = replace(original, amount=remaining) if remaining > 0 else None
            items[index] = None
            netted += 1
            break
    return [t for t in items if t is not None], netted
