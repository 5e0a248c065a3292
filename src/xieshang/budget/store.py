"""Imported bills in the database ↔ core values: one upload in one transaction, de-duplicated across uploads,
categorised by the case's rules; rules re-applied to everything already imported; the statement section.

- An upload is all or nothing: every file is read first (``importers.detect.import_bytes``: the format is
  judged by content); one unreadable file means nothing of the upload is saved and the message names the file
  (and row).
- The files of one upload are combined by ``importers.merge.merge`` (overlaps counted once, refunds netted).
  A transaction already imported by an earlier upload is recognised by its key: the source family, order id,
  time, amount and direction (plus counterparty and description when the bill has no order id), so
  overlapping exports (Jan–Mar, then Mar–May) are counted once.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from xieshang.cases.models import Case
from xieshang.cases.sections import save_section
from xieshang.core.categories import Rule, categorise, category_for, rules_from_list, rules_to_list
from xieshang.core.statement import Statement, statement_from_dict, statement_to_dict
from xieshang.core.transactions import Direction, ImportResult, Transaction
from xieshang.importers.detect import import_bytes
from xieshang.importers.errors import BillImportError
from xieshang.importers.merge import merge
from xieshang.importers.reference import category_map

from .models import CategoryRule, ImportBatch, ImportedTransaction

BILL_TZ = ZoneInfo("Asia/Shanghai")  # bills show China local time
CHUNK = 1000
SECTION = "budget"


@dataclass(frozen=True)
class Upload:
    name: str  # already cleaned (see clean_filename)
    data: bytes


@dataclass(frozen=True)
class UploadReport:
    batches: tuple[ImportBatch, ...]
    added: int
    duplicates: int
    refunds_netted: int
    uncategorised: int
    warnings: tuple[str, ...] = ()


class UploadError(Exception):
    """Nothing was imported; each problem names its file (and row where there is one)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


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
    )


def core_transactions(case: Case) -> list[Transaction]:
    """Every imported transaction of the case, oldest first."""
    rows = ImportedTransaction.objects.filter(case=case).order_by("occurred_at", "id")
    return [core_transaction(r) for r in rows.iterator(chunk_size=CHUNK)]


def rules_of(case: Case) -> tuple[Rule, ...]:
    """The case's rules in order, read through the core's rule reader (one set of rules for what is valid)."""
    raw = [{"match": r.match, "category": r.category, "field": r.field} for r in case.category_rules.all()]
    return rules_from_list(raw)


def _existing_keys(case: Case, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    unique = sorted(set(keys))
    for start in range(0, len(unique), 500):
        part = unique[start : start + 500]
        found.update(
            ImportedTransaction.objects.filter(case=case, key__in=part).values_list("key", flat=True)
        )
    return found


def read_uploads(uploads: Iterable[Upload]) -> list[tuple[Upload, ImportResult]]:
    """Every file read, or :class:`UploadError` listing every file that could not be (nothing is saved)."""
    read: list[tuple[Upload, ImportResult]] = []
    problems: list[str] = []
    for upload in uploads:
        try:
            read.append((upload, import_bytes(upload.data, upload.name)))
        except BillImportError as error:
            problems.append(str(error))
    if problems:
        raise UploadError(problems)
    return read


def import_uploads(case: Case, uploads: Sequence[Upload]) -> UploadReport:
    """Import the files of one upload into ``case`` in one transaction (see module docstring)."""
    read = read_uploads(uploads)
    results = [result for _upload, result in read]
    merged = merge(results)
    home: dict[tuple[str, int, str, datetime], int] = {}
    for index, result in enumerate(results):
        for t in result.transactions:
            home.setdefault((t.source, t.row, t.order_id, t.time), index)
    categorised = categorise(merged.transactions, category_map(), rules_of(case)).transactions
    keys = [transaction_key(t) for t in categorised]
    existing = _existing_keys(case, keys)
    with transaction.atomic():
        batches = []
        for upload, result in read:
            batches.append(
                ImportBatch.objects.create(
                    case=case,
                    filename=upload.name,
                    format=result.format,
                    size=len(upload.data),
                    sha256=hashlib.sha256(upload.data).hexdigest(),
                    skipped=[[row, reason] for row, reason in result.skipped],
                    warnings=list(result.warnings),
                )
            )
        rows: list[ImportedTransaction] = []
        added = [0] * len(batches)
        uncategorised = 0
        for t, key in zip(categorised, keys, strict=True):
            if key in existing:
                continue
            index = home.get((t.source, t.row, t.order_id, t.time), 0)
            rows.append(_row(case, batches[index], t))
            added[index] += 1
            if t.category is None and t.direction is Direction.EXPENSE:
                uncategorised += 1
        ImportedTransaction.objects.bulk_create(rows, batch_size=CHUNK)
        for batch, count, result in zip(batches, added, results, strict=True):
            batch.added = count
            batch.duplicates = max(len(result.transactions) - count, 0)
            batch.save(update_fields=["added", "duplicates"])
    return UploadReport(
        batches=tuple(batches),
        added=len(rows),
        duplicates=len(categorised) - len(rows) + merged.duplicates,
        refunds_netted=merged.refunds_netted,
        uncategorised=uncategorised,
        warnings=tuple(merged.warnings),
    )


def recategorise(case: Case) -> int:
    """Apply the case's rules and the platform map again to every imported transaction; how many changed."""
    rules = rules_of(case)
    mapping = category_map()
    changed: list[ImportedTransaction] = []
    count = 0
    with transaction.atomic():
        for row in ImportedTransaction.objects.filter(case=case).iterator(chunk_size=CHUNK):
            category = category_for(core_transaction(row), mapping, rules) or ""
            if category != row.category:
                row.category = category
                changed.append(row)
            if len(changed) >= CHUNK:
                ImportedTransaction.objects.bulk_update(changed, ["category"])
                count += len(changed)
                changed = []
        if changed:
            ImportedTransaction.objects.bulk_update(changed, ["category"])
            count += len(changed)
    return count


def save_rules(case: Case, raw: list[dict[str, Any]]) -> int:
    """Replace the case's rules with ``raw`` (validated by ``rules_from_list`` first) and re-apply them."""
    rules = rules_from_list(raw)
    with transaction.atomic():
        case.category_rules.all().delete()
        CategoryRule.objects.bulk_create(
            CategoryRule(case=case, position=i, match=r["match"], category=r["category"], field=r["field"])
            for i, r in enumerate(rules_to_list(rules))
        )
        return recategorise(case)


def rule_dicts(case: Case) -> list[dict[str, Any]]:
    return rules_to_list(rules_of(case))


def stored_statement(case: Case) -> Statement | None:
    """The case's statement (the case file's ``budget`` section), or ``None`` when there is none yet."""
    raw = case.sections.get(SECTION)
    return statement_from_dict(raw) if raw else None


def save_statement(case: Case, data: Any) -> Statement:
    """Validate ``data`` as the ``budget`` section and store it; other sections are left as they are."""
    statement = statement_from_dict(data)
    save_section(case, SECTION, statement_to_dict(statement))
    return statement


def iter_rows(case: Case) -> Iterator[ImportedTransaction]:
    return (
        ImportedTransaction.objects.filter(case=case).order_by("occurred_at", "id").iterator(chunk_size=CHUNK)
    )
