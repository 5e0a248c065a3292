"""Imported bills in the database ↔ core values: one upload in one transaction, de-duplicated across uploads,
categorised by the case's rules; rules re-applied to everything already imported; the statement section.

- An upload is all or nothing: every file is read first (``importers.detect.import_bytes``: the format is
  judged by content); one unreadable file means nothing of the upload is saved and the message names the file
  (and row).
- The files of one upload are combined by ``importers.merge.combine`` (overlaps counted once).
  A transaction already imported by an earlier upload is recognised by its key: the source family, order id,
  time, amount and direction as the bill wrote them (plus counterparty and description when the bill has no
  order id), so overlapping exports (Jan–Mar, then Mar–May) are counted once. Alike rows are counted, not
  merged: a bill with two rows of one key (two equal purchases on a day, no order number) adds the second when
  only one is stored.
- Refunds are netted by ``importers.merge.pair_refunds`` over the new rows together with the stored rows they
  may belong to: a refund in this upload may net against a payment stored by an earlier upload, and a refund
  stored earlier without its payment nets against the payment when it arrives. The payment's ``amount`` goes
  down by the refund (``refunded`` goes up); the refund is kept with ``netted`` set (see ``models.py``).
  Undoing an upload (:func:`delete_batch`) gives the amounts back.
- The same payment in a wallet's bill and a bank's or card's is counted once (``overlap_store``); a card
  statement's own figures are kept for the card's debt and payment history (``card_store``).
- A file of a layout we do not know is read through the case's saved column mapping whose header row it has
  (:class:`SavedMapping`); without one, :class:`UploadError` lists it in ``unmapped`` so the page can offer
  the mapping step.
- Writes go through the case's lock (``cases.writes.locked``): the files are parsed first
  (:func:`prepare_uploads`, no lock held), then what is already stored is read and the new rows written on the
  locked case (:func:`store_uploads`), so two uploads at once never import the same transaction twice.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone

from xieshang.cases.models import Case
from xieshang.cases.writes import locked, require_locked
from xieshang.core.categories import Rule, categorise, rules_from_list
from xieshang.core.transactions import Direction, ImportResult, Transaction
from xieshang.importers.detect import import_bytes
from xieshang.importers.errors import BillImportError
from xieshang.importers.generic import ColumnMapping
from xieshang.importers.merge import combine, is_refund, pair_refunds
from xieshang.importers.reference import category_map

from .card_store import record_statements
from .mappings import is_unknown_table, mapping_for
from .models import (
    CardStatement,
    CategoryChoice,
    ImportBatch,
    ImportedTransaction,
    PendingUpload,
)
from .overlap_store import find_pairs, link

BILL_TZ = ZoneInfo("Asia/Shanghai")  # bills show China local time
CHUNK = 1000


@dataclass(frozen=True)
class Upload:
    name: str  # already cleaned (see clean_filename)
    data: bytes
    mapping: ColumnMapping | None = None  # read through this column mapping instead of by format


@dataclass(frozen=True)
class UploadReport:
    batches: tuple[ImportBatch, ...]
    added: int
    duplicates: int
    refunds_netted: int
    uncategorised: int
    warnings: tuple[str, ...] = ()
    mapped: tuple[tuple[str, str], ...] = ()  # (file name, saved mapping name) read through a saved mapping
    overlaps: tuple[dict[str, str], ...] = ()  # payments seen in a wallet's bill and a bank's: counted once
    statements: tuple[CardStatement, ...] = ()  # card statements this upload brought (new ones)


class UploadError(Exception):
    """Nothing was imported; each problem names its file (and row where there is one). ``unmapped`` are the
    files of an unknown layout that are readable tables: a column mapping could read them."""

    def __init__(self, problems: list[str], unmapped: Sequence[Upload] = ()) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
        self.unmapped = tuple(unmapped)


def clean_filename(name: str, limit: int = 120) -> str:
    """A file name fit to show and store: no directories, no control or bidi-override characters, bounded."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = " ".join(base.split()).strip(" .")
    return (base or "bill")[:limit]


def transaction_key(t: Transaction) -> str:
    """The identity of a transaction across uploads (see module docstring)."""
    family = t.source.split("_", 1)[0]
    parts = [family, t.order_id, t.time.isoformat(), f"{t.amount:.2f}", t.direction.value]
    if not t.order_id:
        parts += [t.counterparty, t.description]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _cut(text: str, limit: int) -> str:
    return text[:limit]


def _row(case: Case, batch: ImportBatch, t: Transaction) -> ImportedTransaction:
    return ImportedTransaction(
        case=case,
        batch=batch,
        key=transaction_key(t),
        source=_cut(t.source, 40),
        order_id=_cut(t.order_id, 120),
        occurred_at=timezone.make_aware(t.time, BILL_TZ),
        month=t.month,
        amount=t.amount,
        direction=t.direction.value,
        counterparty=_cut(t.counterparty, 200),
        description=_cut(t.description, 300),
        platform_category=_cut(t.platform_category, 100),
        category=t.category or "",
        payment_method=_cut(t.payment_method, 100),
        status=_cut(t.status, 100),
        row=t.row,
        refund_of=_cut(t.refund_of, 120),
        posted_on=t.posted,
    )


def core_transaction(row: ImportedTransaction) -> Transaction:
    """The core value of a stored row."""
    return Transaction(
        source=row.source,
        order_id=row.order_id,
        time=timezone.localtime(row.occurred_at, BILL_TZ).replace(tzinfo=None),
        amount=row.amount,
        direction=Direction(row.direction),
        counterparty=row.counterparty,
        description=row.description,
        platform_category=row.platform_category,
        category=row.category or None,
        payment_method=row.payment_method,
        status=row.status,
        row=row.row,
        refund_of=row.refund_of,
        posted=row.posted_on,
    )


def core_transactions(case: Case) -> list[Transaction]:
    """Every imported transaction of the case, oldest first."""
    rows = ImportedTransaction.objects.filter(case=case).counted().order_by("occurred_at", "id")
    return [core_transaction(r) for r in rows.iterator(chunk_size=CHUNK)]


def rules_of(case: Case) -> tuple[Rule, ...]:
    """The case's rules in order, read through the core's rule reader (one set of rules for what is valid)."""
    raw = [{"match": r.match, "category": r.category, "field": r.field} for r in case.category_rules.all()]
    return rules_from_list(raw)


def _existing_counts(case: Case, keys: Sequence[str]) -> Counter[str]:
    """How many stored rows of the case have each of ``keys``."""
    found: Counter[str] = Counter()
    unique = sorted(set(keys))
    for start in range(0, len(unique), 500):
        part = unique[start : start + 500]
        found.update(
            ImportedTransaction.objects.filter(case=case, key__in=part).values_list("key", flat=True)
        )
    return found


def _not_yet_stored(
    transactions: Sequence[Transaction], keys: Sequence[str], stored: Counter[str]
) -> list[tuple[Transaction, str]]:
    """The rows not imported before, counting alike rows: a bill may hold two rows with the same key (two equal
    purchases on one day, where a bank gives no order number), so its second such row is new while only one is
    stored, and neither is once two are (the same export again)."""
    seen: Counter[str] = Counter()
    new = []
    for t, key in zip(transactions, keys, strict=True):
        seen[key] += 1
        if seen[key] > stored[key]:
            new.append((t, key))
    return new


def read_uploads(
    uploads: Iterable[Upload], case: Case | None = None
) -> tuple[list[tuple[Upload, ImportResult]], list[tuple[str, str]]]:
    """Every file read, or :class:`UploadError` listing every file that could not be (nothing is saved).

    A file of an unknown layout is read through the case's saved mapping for its header, if there is one;
    returns the results and (file name, mapping name) for the files read that way.
    """
    read: list[tuple[Upload, ImportResult]] = []
    mapped: list[tuple[str, str]] = []
    problems: list[str] = []
    unmapped: list[Upload] = []
    for upload in uploads:
        try:
            read.append((upload, import_bytes(upload.data, upload.name, upload.mapping)))
            continue
        except BillImportError as error:
            problem = str(error)
        saved = None
        if upload.mapping is None and case is not None and is_unknown_table(upload.data):
            saved = mapping_for(case, upload.data)
            if saved is None:
                unmapped.append(upload)
        if saved is not None:
            try:
                mapping = ColumnMapping.from_dict(saved.mapping)
                read.append((upload, import_bytes(upload.data, upload.name, mapping)))
                mapped.append((upload.name, saved.name))
                continue
            except BillImportError as error:
                problem = f"{error}（按保存的列映射“{saved.name}”读取）"
        problems.append(problem)
    if problems:
        raise UploadError(problems, unmapped)
    return read, mapped


def _refund_candidates(case: Case, new: Sequence[Transaction]) -> list[ImportedTransaction]:
    """Stored rows a refund of this upload may net against, and stored refunds still waiting for a payment."""
    refunds = [t for t in new if is_refund(t)]
    found: dict[int, ImportedTransaction] = {}
    base = ImportedTransaction.objects.filter(case=case).counted()
    for start in range(0, len(refunds), 300):
        part = refunds[start : start + 300]
        ids = {t.refund_of for t in part}
        parties = {t.counterparty for t in part if t.counterparty}
        rows = base.filter(direction=Direction.EXPENSE.value).filter(
            Q(order_id__in=ids) | Q(counterparty__in=parties)
        )
        found.update((r.pk, r) for r in rows)
    if any(t.direction is Direction.EXPENSE for t in new):
        waiting = base.filter(direction=Direction.INCOME.value).exclude(refund_of="")
        found.update((r.pk, r) for r in waiting)
    return sorted(found.values(), key=lambda r: (r.occurred_at, r.pk))


@dataclass(frozen=True)
class ReadUploads:
    """The files of one upload, parsed (before any lock is taken)."""

    read: list[tuple[Upload, ImportResult]]
    mapped: list[tuple[str, str]]


def prepare_uploads(case: Case, uploads: Sequence[Upload]) -> ReadUploads:
    """Parse every file (slow: done before the case's lock); :class:`UploadError` if any cannot be read."""
    read, mapped = read_uploads(uploads, case)
    return ReadUploads(read, mapped)


def import_uploads(case: Case, uploads: Sequence[Upload]) -> UploadReport:
    """Import the files of one upload into ``case`` in one transaction (see module docstring)."""
    ready = prepare_uploads(case, uploads)
    with locked(case.pk) as row:
        return store_uploads(row, ready)


def store_uploads(row: Case, ready: ReadUploads) -> UploadReport:
    """On the locked case: categorise by its rules and a person's choices, skip what is already stored, net refunds, count a payment
    seen in two bills once, keep card statements, save."""
    require_locked()
    case, read, mapped = row, ready.read, ready.mapped
    results = [result for _upload, result in read]
    combined = combine(results)
    home: dict[tuple[str, int, str, datetime], int] = {}
    for index, result in enumerate(results):
        for t in result.transactions:
            home.setdefault((t.source, t.row, t.order_id, t.time), index)
    categorised = categorise(combined.transactions, category_map(), rules_of(case)).transactions
    keys = [transaction_key(t) for t in categorised]
    new = _not_yet_stored(categorised, keys, _existing_counts(case, keys))
    fresh = [t for t, _key in new]
    stored = _refund_candidates(case, fresh)
    pairs = pair_refunds([*(core_transaction(r) for r in stored), *fresh])
    same = find_pairs(case, fresh, core_transaction)
    batches = []
    for upload, result in read:
        batches.append(
            ImportBatch.objects.create(
                case=case,
                filename=upload.name,
                format=result.format,
                size=len(upload.data),
                sha256=hashlib.sha256(upload.data).hexdigest(),
                skipped=[[number, reason] for number, reason in result.skipped],
                warnings=list(result.warnings),
            )
        )
    rows = [_row(case, batches[home.get((t.source, t.row, t.order_id, t.time), 0)], t) for t, key in new]
    chosen = CategoryChoice.objects.of(case)  # a person's own choice wins (kept when an upload was undone)
    for r in rows:
        r.category = chosen.get(r.key, r.category)
    pool = [*stored, *rows]
    links: list[tuple[ImportedTransaction, ImportedTransaction]] = []
    for pair in pairs:
        original, refund = pool[pair.original], pool[pair.refund]
        original.amount -= pair.amount
        original.refunded += pair.amount
        refund.netted = True
        links.append((refund, original))
    ImportedTransaction.objects.bulk_create(rows, batch_size=CHUNK)
    for refund, original in links:
        refund.netted_into = original
    ImportedTransaction.objects.bulk_update(
        [*stored, *(refund for refund, _o in links)], ["amount", "refunded", "netted", "netted_into"]
    )
    earlier, listed = link(same, rows)
    ImportedTransaction.objects.bulk_update(
        [*earlier, *(rows[p.bank.index] for p in same if p.bank.index is not None)], ["same_as"]
    )
    _list_overlaps(listed)
    statements = record_statements(
        case, [(batch, result) for batch, (_u, result) in zip(batches, read, strict=True)]
    )
    counted = [r for r in rows if not r.netted and r.amount > 0 and r.same_as is None]
    added = [0] * len(batches)
    for r in counted:
        added[batches.index(r.batch)] += 1
    for batch, count, result in zip(batches, added, results, strict=True):
        batch.added = count
        batch.duplicates = max(len(result.transactions) - sum(1 for r in rows if r.batch is batch), 0)
        batch.save(update_fields=["added", "duplicates"])
    uncategorised = sum(1 for r in counted if not r.category and r.direction == Direction.EXPENSE.value)
    return UploadReport(
        batches=tuple(batches),
        added=len(counted),
        duplicates=len(categorised) - len(rows) + combined.duplicates,
        refunds_netted=len(pairs),
        uncategorised=uncategorised,
        warnings=tuple(combined.warnings),
        mapped=tuple(mapped),
        overlaps=tuple(listed),
        statements=tuple(statements),
    )


def _list_overlaps(listed: Sequence[dict[str, str]]) -> None:
    """Each bank batch lists the rows of it that are the same payment as a wallet's (see ``overlap_store``)."""
    by_batch: dict[str, list[dict[str, str]]] = {}
    for item in listed:
        by_batch.setdefault(item["batch"], []).append({k: v for k, v in item.items() if k != "batch"})
    for batch in ImportBatch.objects.filter(pk__in=[int(b) for b in by_batch]):
        batch.overlaps = [*batch.overlaps, *by_batch[str(batch.pk)]]
        batch.save(update_fields=["overlaps"])


def delete_batch(case: Case, batch_pk: int) -> bool:
    """Undo one imported file: its rows go; refunds of it netted against other payments give the amount back,
    and refunds of other files netted against its payments count again (as income until a payment turns up).
    False if the file is no longer there."""
    with locked(case.pk) as row:
        batch = ImportBatch.objects.filter(pk=batch_pk, case=row).first()
        if batch is None:
            return False
        rows = batch.transactions.all()
        for refund in ImportedTransaction.objects.filter(netted_into__in=rows).exclude(batch=batch):
            refund.netted, refund.netted_into = False, None
            refund.save(update_fields=["netted", "netted_into"])
        for refund in rows.filter(netted=True).exclude(netted_into=None).select_related("netted_into"):
            original = refund.netted_into
            if original is not None and original.batch_id != batch.pk:
                original.amount += refund.amount
                original.refunded -= refund.amount
                original.save(update_fields=["amount", "refunded"])
        batch.delete()
    return True


def keep_for_mapping(case: Case, upload: Upload) -> PendingUpload:
    """Keep a file of an unknown layout for the column-mapping step (one file waits per case)."""
    with locked(case.pk) as row:
        PendingUpload.objects.filter(case=row).delete()
        return PendingUpload.objects.create(case=row, filename=upload.name, data=upload.data)


def counted_count(case: Case) -> int:
    return ImportedTransaction.objects.filter(case=case).counted().count()


def iter_rows(case: Case) -> Iterator[ImportedTransaction]:
    rows = ImportedTransaction.objects.filter(case=case).counted().order_by("occurred_at", "id")
    return rows.iterator(chunk_size=CHUNK)
