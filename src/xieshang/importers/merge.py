"""Several bill files as one list: overlapping exports counted once, refunds netted against their originals.

- The same transaction in two files (an export of Jan–Mar and one of Mar–May) is kept once: same source family,
  order id, time, amount and direction. Rows repeated inside one file are kept (some exports reuse ids).
- A wallet's payment and the bank or card row of the same payment are counted once (see ``overlap.py``).
- A refund is an income row with ``refund_of`` set. It reduces the spending it refunds; a full refund removes
  both. Its original is found, in this order (always the same platform family, never later than the refund,
  never smaller than what is left to refund):

  1. by order id: the original's ``order_id`` is the refund's ``refund_of`` (Alipay ``原单号_…``; WeChat when
     the refund's 交易单号/商户单号 names its original in the same file, see ``wechat.py``);
  2. by the note on the original row: WeChat marks a refunded payment 当前状态 ``已全额退款`` (the whole amount)
     or ``已退款(￥x)`` (x of it); an original with such a note, from the same counterparty, whose refunded
     amount covers this refund;
  3. by the same counterparty and the same description (Meituan's 订单标题, WeChat's 商品), the latest such
     payment before the refund.

  A refund whose original is in none of the files stays as income (the budget store may still find the
  original among the transactions of an earlier upload: :func:`pair_refunds` works on any list).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from xieshang.core.errors import AmountError
from xieshang.core.money import parse_amount
from xieshang.core.transactions import Direction, ImportResult, Transaction

from .overlap import Overlap, find_overlaps


@dataclass(frozen=True)
class Merged:
    """The combined transactions, oldest first, and what was done to them."""

    transactions: tuple[Transaction, ...]
    duplicates: int = 0
    refunds_netted: int = 0
    formats: tuple[str, ...] = ()
    skipped: tuple[tuple[str, int, str], ...] = ()  # (format, row, reason)
    warnings: tuple[str, ...] = ()
    overlaps: tuple[
        Overlap, ...
    ] = ()  # a wallet's payment and the bank row of the same payment (counted once)


@dataclass(frozen=True)
class Refund:
    """Refund ``refund`` (an index into the list given to :func:`pair_refunds`) nets ``amount`` off
    ``original``."""

    refund: int
    original: int
    amount: Decimal


def family(t: Transaction) -> str:
    """``wechat`` for both ``wechat`` and ``wechat_xlsx``: one platform, whatever the file type."""
    return t.source.split("_", 1)[0]


def _key(t: Transaction) -> tuple[str, str, object, object, str]:
    return (family(t), t.order_id, t.time, t.amount, t.direction.value)


def combine(results: Iterable[ImportResult]) -> Merged:
    """Import results as one list with overlaps counted once; refunds are not netted (see :func:`merge`)."""
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
    return Merged(tuple(kept), duplicates, 0, tuple(formats), tuple(skipped), tuple(warnings))


def merge(results: Iterable[ImportResult]) -> Merged:
    """Combine import results: de-duplicate across files, count a wallet's payment and the bank row of the same
    payment once (``overlap``), then net refunds."""
    combined = combine(results)
    overlaps = find_overlaps(combined.transactions)
    again = {id(o.bank) for o in overlaps}
    kept = [t for t in combined.transactions if id(t) not in again]
    netted, count = net_refunds(kept)
    netted.sort(key=lambda t: (t.time, t.source, t.row))
    return replace(combined, transactions=tuple(netted), refunds_netted=count, overlaps=tuple(overlaps))


def is_refund(t: Transaction) -> bool:
    return bool(t.refund_of) and t.direction is Direction.INCOME


_REFUNDED_RE = re.compile(r"已退款\s*[（(]\s*[¥￥]?\s*([\d,]+(?:\.\d+)?)\s*[)）]")


def refunded_by_note(t: Transaction) -> Decimal | None:
    """How much of a payment its own row says was refunded: ``已全额退款`` → all of it, ``已退款(￥x)`` → x.

    >>> from datetime import datetime
    >>> paid = Transaction("wechat", "1", datetime(2024, 1, 1), Decimal("32.50"), Direction.EXPENSE,
    ...                    status="已退款(￥10.00)")
    >>> refunded_by_note(paid), refunded_by_note(replace(paid, status="已全额退款"))
    (Decimal('10.00'), Decimal('32.50'))
    """
    if "全额退款" in t.status:
        return t.amount
    match = _REFUNDED_RE.search(t.status)
    if match is None:
        return None
    try:
        return parse_amount(match.group(1), "已退款")
    except AmountError:
        return None


def pair_refunds(transactions: Sequence[Transaction]) -> list[Refund]:
    """Which refund nets against which original (see the module docstring for the order of the tests).

    Refunds are taken oldest first; several partial refunds may net against one payment until nothing of it is
    left. The list itself is not changed.
    """
    left = [t.amount for t in transactions]
    by_id: dict[tuple[str, str], list[int]] = {}
    by_party: dict[tuple[str, str], list[int]] = {}
    for index, t in enumerate(transactions):
        if t.direction is not Direction.EXPENSE:
            continue
        if t.order_id:
            by_id.setdefault((family(t), t.order_id), []).append(index)
        by_party.setdefault((family(t), t.counterparty), []).append(index)
    noted = {i: refunded_by_note(t) for i, t in enumerate(transactions) if t.direction is Direction.EXPENSE}
    refunds = sorted(
        (i for i, t in enumerate(transactions) if is_refund(t)), key=lambda i: transactions[i].time
    )
    pairs: list[Refund] = []
    for index in refunds:
        refund = transactions[index]

        def fits(target: int, refund: Transaction = refund) -> bool:
            original = transactions[target]
            return original.time <= refund.time and left[target] >= refund.amount > 0

        target = next((i for i in by_id.get((family(refund), refund.refund_of), []) if fits(i)), None)
        if target is None:
            same_party = [i for i in by_party.get((family(refund), refund.counterparty), []) if fits(i)]
            by_note = [
                i
                for i in same_party
                if (n := noted.get(i)) is not None and n >= refund.amount and refund.counterparty
            ]
            by_text = [
                i
                for i in same_party
                if refund.description and transactions[i].description == refund.description
            ]
            latest = sorted(by_note or by_text, key=lambda i: transactions[i].time)
            target = latest[-1] if latest else None
        if target is None:
            continue
        left[target] -= refund.amount
        left[index] = Decimal(0)
        pairs.append(Refund(index, target, refund.amount))
    return pairs


def net_refunds(transactions: list[Transaction]) -> tuple[list[Transaction], int]:
    """Subtract each refund from its original spending; return the new list and how many refunds were netted."""
    pairs = pair_refunds(transactions)
    items: list[Transaction | None] = list(transactions)
    for pair in pairs:
        original = items[pair.original]
        assert original is not None  # an original is never a refund, so never dropped
        remaining = original.amount - pair.amount
        items[pair.original] = replace(original, amount=remaining)
        items[pair.refund] = None
    return [t for t in items if t is not None and t.amount > 0], len(pairs)
