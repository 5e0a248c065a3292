"""What bills add up to, read in one pass: several files' monthly summary exactly as ``merge`` → ``categorise`` →
``summarise`` gives it, without a list of their transactions.

Each file streams through ``import_bytes`` with a sink (a CSV bill is decoded, split and parsed row by row). Of
each transaction the digest keeps only what a later step may need:

- the summary: running sums by month and category (``core.summary.MonthSums``);
- the duplicate check (``merge.combine``): the key of every row with an order id, for the files after its own
  (so nothing for the last file);
- the wallet/bank overlaps (``overlap.find_overlaps``): the rows of a wallet paid by a bank card, and the rows of
  a bank's own bills, whole (a bank statement is a few hundred rows);
- refund netting (``merge.pair_refunds``): the refunds whole (few), and of each spending row a small record
  (order id, counterparty, description, status, time, amount, and where it was counted).

At the end the overlaps are found among the rows kept for them, the refunds paired with the spending records
that share an order id or a counterparty with one of them (the only ones ``pair_refunds`` can pick), and what
``merge`` would have dropped or reduced is taken back out of the sums. A million-row export is summarised in the
memory of its bytes and these records. ``tests/importers/test_digest.py`` checks the result against the
materialised pipeline on every sample bill.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from xieshang.core.card_bills import BANK_NAMES
from xieshang.core.categories import CategoryMap, Rule, category_for
from xieshang.core.discovery import KnownLender
from xieshang.core.summary import MonthSums, Summary
from xieshang.core.transactions import Direction, ImportResult, Transaction, row_transaction

from .detect import import_bytes
from .generic import ColumnMapping
from .merge import pair_refunds
from .overlap import WALLETS, Overlap, find_overlaps, names_a_card
from .table import TAKEN, Taken

BANKS = frozenset(BANK_NAMES)
# read once per row: an enum member looked up on its class costs as much as a dict lookup and a sum
EXPENSE, INCOME, NOTHING = Direction.EXPENSE, Direction.INCOME, Decimal(0)


@dataclass(frozen=True)
class Digest:
    """The files' summary and what ``merge`` did on the way, as :class:`~.merge.Merged` would report it.

    ``results`` are each file's import result without its transactions (format, skipped rows, warnings, the
    bill's own totals, a card statement's figures); ``kept`` counts the transactions the summary is made of."""

    results: tuple[ImportResult, ...]
    summary: Summary
    kept: int
    duplicates: int = 0
    refunds_netted: int = 0
    overlaps: tuple[Overlap, ...] = ()


# A spending row as refund netting needs it: sequence number, family, order id, counterparty, description,
# status, time, amount, and the month and bucket of the summary it was counted in.
Spending = tuple[int, str, str, str, str, str, datetime, Decimal, int, tuple[str, str]]


class _Reader:
    """The sink of every file, in order (see the module notes)."""

    def __init__(self, mapping: CategoryMap, rules: Sequence[Rule], lenders: Sequence[KnownLender]) -> None:
        self.mapping, self.rules = mapping, rules
        self.sums = MonthSums(lenders)
        # keys of the rows with an order id, of the files before this one, and of this one if another follows
        self.seen: set[tuple[str, str, object, object, Direction]] = set()
        self.this_file: set[tuple[str, str, object, object, Direction]] | None = None
        self.keyed = False  # whether a row's key is looked up or kept: a file before this one, or one after
        self.duplicates = self.sequence = 0
        self.spending: list[Spending] = []
        # refunds: (sequence, refund, month, bucket); rows that may overlap: wallet rows paid by card, bank rows
        self.refunds: list[tuple[int, Transaction, int, tuple[str, str]]] = []
        self.overlapping: list[tuple[int, Transaction]] = []
        self.counted: dict[int, tuple[int, tuple[str, str]]] = {}  # overlapping row → its month and bucket
        self.card_of: dict[str, bool] = {}  # payment method → names a bank card
        # a row's shape → its bucket, and the list of the sums (``MonthSums.sums``) of each month of the bucket
        self.buckets: dict[
            tuple[Direction, str, str, str, bool], tuple[tuple[str, str], dict[int, list[Any]]]
        ] = {}
        self.texts: dict[str, str] = {}  # one copy of each repeated text (counterparties, statuses …)
        self.families: dict[str, str] = {}  # source → family (``alipay_2021`` → ``alipay``)

    def file(self, last: bool) -> None:
        """The next file begins; its keys are kept only if a file follows it."""
        if self.this_file is not None:
            self.seen |= self.this_file
        self.this_file = None if last else set()
        self.keyed = bool(self.seen) or not last

    def take(self, t: Transaction) -> None:
        """Count ``t`` (the general path: a transaction of any format)."""
        self.fields(
            t.source,
            t.order_id,
            t.time,
            t.amount,
            t.direction,
            t.counterparty,
            t.description,
            t.platform_category,
            t.payment_method,
            t.status,
            t.row,
            t.refund_of,
            t,
        )

    __call__ = take  # the sink of ``import_bytes``; its fast path (``fields``) for the formats that have one

    def fields(
        self,
        source: str,
        order_id: str,
        time: datetime,
        amount: Decimal,
        direction: Direction,
        party: str,
        description: str,
        platform_category: str,
        method: str,
        status: str,
        row: int,
        refund_of: str,
        t: Transaction | None = None,
    ) -> Taken:
        """Count the transaction ``row_transaction(source, …, refund_of)`` (or ``t``, that transaction made):
        it is made only when it is kept whole (an overlap, a refund) or its kind of row is new to the buckets, so
        that most rows of a million-row bill never become one."""
        # once per row of every bill: what a row needs is done inline (a method call costs as much as a sum)
        family = self.families.get(source)
        if family is None:
            family = self.families[source] = source.split("_", 1)[0]
        if order_id and self.keyed:  # without an id, never a duplicate
            key = (family, order_id, time, amount, direction)
            if key in self.seen:
                self.duplicates += 1
                return TAKEN
            if self.this_file is not None:
                self.this_file.add(key)
        sequence = self.sequence = self.sequence + 1
        overlapping = family in BANKS
        if not overlapping and family in WALLETS:
            overlapping = self.card_of.get(method)  # type: ignore[assignment]
            if overlapping is None:
                overlapping = self.card_of[method] = names_a_card(method)
        # the category and the bucket depend on these only (categories.category_for, MonthSums.bucket), and a
        # bill repeats them row after row; a row merge drops (nothing positive) is never counted, never netted
        counted = amount > NOTHING
        shape = (direction, platform_category, party, description, not refund_of)
        entry = self.buckets.get(shape) if counted else None
        if t is None and (overlapping or (counted and entry is None)):  # the transaction is kept or judged
            t = row_transaction(
                source,
                order_id,
                time,
                amount,
                direction,
                party,
                description,
                platform_category,
                method,
                status,
                row,
                refund_of,
            )
        if overlapping:
            self.overlapping.append((sequence, t))
        if not counted:
            return TAKEN
        if entry is None:
            if len(self.buckets) > 50_000:  # a bill whose every row is unlike the others: keep memory bounded
                self.buckets.clear()
            bucket = self.sums.bucket(t, category_for(t, self.mapping, self.rules))
            entry = self.buckets[shape] = (bucket, {})
        bucket, months = entry
        month = time.year * 100 + time.month
        found = months.get(month)  # the sum of the bucket's month, as MonthSums.put finds it
        if found is None:
            where = (month, *bucket)
            found = self.sums.sums.get(where)
            if found is None:
                found = self.sums.sums[where] = [amount, 0]
            else:
                found[0] += amount
            months[month] = found
        else:
            found[0] += amount
        found[1] += 1
        if overlapping:
            self.counted[sequence] = (month, bucket)
        if direction is EXPENSE:
            texts = self.texts
            if len(texts) < 50_000:  # one copy of each text that repeats (as ``_share``)
                share = texts.setdefault
                party, description, status = (
                    share(party, party),
                    share(description, description),
                    share(status, status),
                )
            else:
                party, description, status = self._share(party), self._share(description), self._share(status)
            self.spending.append(
                (sequence, family, order_id, party, description, status, time, amount, month, bucket)
            )
        elif refund_of and direction is INCOME:  # merge.is_refund
            if t is None:
                t = row_transaction(
                    source,
                    order_id,
                    time,
                    amount,
                    direction,
                    party,
                    description,
                    platform_category,
                    method,
                    status,
                    row,
                    refund_of,
                )
            self.refunds.append((sequence, t, month, bucket))
        return TAKEN

    def _share(self, text: str) -> str:
        """One copy of a text that repeats; a text seen for the first time once 50,000 are kept stays its own."""
        found = self.texts.get(text)
        if found is None:
            if len(self.texts) >= 50_000:
                return text
            found = self.texts[text] = text
        return found

    def finish(self) -> tuple[int, list[Overlap]]:
        """Take out of the sums what ``merge`` drops; the refunds netted and the overlaps."""
        overlaps = find_overlaps([t for _, t in self.overlapping])
        gone = {id(o.bank) for o in overlaps}
        removed = {sequence for sequence, t in self.overlapping if id(t) in gone}
        for sequence, t in self.overlapping:
            if sequence in removed and sequence in self.counted:
                self.sums.put(*self.counted[sequence], -t.amount, -1)
        return self._net(removed), overlaps

    def _net(self, removed: set[int]) -> int:
        """Pair the refunds as ``pair_refunds`` does over the whole list, and take the netted amounts out."""
        refunds = [r for r in self.refunds if r[0] not in removed]
        if not refunds:
            return 0
        by_id = {(r[1].source.split("_", 1)[0], r[1].refund_of) for r in refunds}
        by_party = {(r[1].source.split("_", 1)[0], r[1].counterparty) for r in refunds}
        candidates = [
            s
            for s in self.spending
            if s[0] not in removed and ((s[1], s[2]) in by_id or (s[1], s[3]) in by_party)
        ]
        rows: list[tuple[int, Transaction, int, tuple[str, str]]] = [
            (
                s[0],
                Transaction(s[1], s[2], s[6], s[7], Direction.EXPENSE, s[3], s[4], status=s[5]),
                s[8],
                s[9],
            )
            for s in candidates
        ]
        rows.extend(refunds)
        rows.sort(key=lambda row: row[0])
        left = [row[1].amount for row in rows]
        pairs = pair_refunds([row[1] for row in rows])
        for pair in pairs:
            left[pair.original] -= pair.amount
            _, refund, month, bucket = rows[pair.refund]
            self.sums.put(month, bucket, -refund.amount, -1)
            _, _, month, bucket = rows[pair.original]
            self.sums.put(month, bucket, -pair.amount, 0)
        for index in {pair.original for pair in pairs}:
            if left[index] <= 0:
                _, _, month, bucket = rows[index]
                self.sums.put(month, bucket, Decimal(0), -1)
        return len(pairs)


def digest(
    files: Iterable[tuple[bytes, str]],
    mapping: CategoryMap,
    lenders: Sequence[KnownLender] = (),
    rules: Sequence[Rule] = (),
    columns: ColumnMapping | None = None,
) -> Digest:
    """The summary of the bills ``files`` (bytes and file name each, in the order ``merge`` would take their
    results), categorised by ``mapping`` and the user's ``rules``, repayments found by ``lenders``; ``columns``
    reads every file through a saved column mapping. A file that cannot be read raises its
    :class:`~.errors.BillImportError`, and nothing is summarised."""
    reader = _Reader(mapping, rules, lenders)
    results = []
    listed = list(files)
    for index, (data, name) in enumerate(listed):
        reader.file(last=index == len(listed) - 1)
        results.append(import_bytes(data, name, columns, sink=reader))
    netted, overlaps = reader.finish()
    sums = reader.sums
    kept = sums.kept
    return Digest(tuple(results), sums.summary(), kept, reader.duplicates, netted, tuple(overlaps))
