"""The materials checklist of one stored case: the stored ``materials`` section, the checklist core builds from it
(reasons × the creditors' lender types), and the two ways it changes — hardship edits and uploaded files.

No rule lives here: which items apply, their status and warnings are ``core.materials.build_checklist``'s; what
is stored is validated by the case file's own loader (``materials_from_dict``) before it is written, so the
exported case file carries it and re-import round-trips. Files go into the evidence store (content-addressed,
type and size checked by content) and are listed in the section by their SHA-256.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest

from xieshang.casefile.materials import materials_from_dict, materials_to_dict
from xieshang.cases.models import Case
from xieshang.cases.reading import read_case
from xieshang.cases.sections import save_section
from xieshang.core.errors import FieldError, ValidationError
from xieshang.core.materials import (
    Catalog,
    Checklist,
    ChecklistEntry,
    Hardship,
    MaterialRecord,
    Materials,
)
from xieshang.core.terms import LenderType
from xieshang.evidence import media
from xieshang.evidence.store import EvidenceStore, sha256_bytes
from xieshang.reference import materials_catalog

from .models import MaterialFile, PaperworkSettings

SECTION = "materials"


def evidence_store() -> EvidenceStore:
    """The data directory's evidence store, with the configured size limit per file."""
    return EvidenceStore.in_data_dir(settings.DATA_DIR, settings.EVIDENCE_MAX_BYTES)


def ledger_key(case: Case) -> str:
    found, _created = PaperworkSettings.objects.get_or_create(case=case)
    return found.ledger_key


def stored_materials(case: Case) -> tuple[Materials, str]:
    """The case's materials section (empty if absent), or an empty one and the first problem found."""
    raw = case.sections.get(SECTION)
    if raw is None:
        return Materials(), ""
    try:
        return materials_from_dict(raw), ""
    except ValidationError as error:
        first = error.errors[0] if error.errors else None
        return Materials(), str(f"{first.path}: {first.message}" if first else error)


def lender_types(case: Case) -> list[LenderType]:
    values = case.debts.values_list("lender_type", flat=True)
    return list(dict.fromkeys(LenderType(v) for v in values if v in LenderType.__members__.values()))


@dataclass(frozen=True)
class Row:
    """One checklist line with the files stored for it."""

    entry: ChecklistEntry
    files: tuple[MaterialFile, ...]

    @property
    def item_id(self) -> str:
        return self.entry.item.id


@dataclass(frozen=True)
class MaterialsView:
    case: Case
    as_of: date
    catalog: Catalog
    materials: Materials
    problem: str  # why a stored section could not be read ("" if fine)
    checklist: Checklist
    rows: tuple[Row, ...]


def materials_view(case: Case, request: HttpRequest | None = None) -> MaterialsView:
    """The checklist of the case view (the documents' own) with the files stored for each item."""
    reading = read_case(case, request)
    view = reading.view
    errors = reading.loaded.problems.get(SECTION)
    problem = f"{errors[0].path}: {errors[0].message}" if errors else ""
    as_of, catalog, materials, checklist = (
        view.as_of,
        view.reference.catalog,
        view.case.materials,
        view.checklist,
    )
    files: dict[str, list[MaterialFile]] = {}
    for stored in MaterialFile.objects.filter(case=case):
        files.setdefault(stored.item_id, []).append(stored)
    rows = tuple(Row(e, tuple(files.get(e.item.id, ()))) for e in checklist.entries)
    return MaterialsView(case, as_of, catalog, materials, problem, checklist, rows)


def save_materials(case: Case, materials: Materials) -> None:
    """Store ``materials`` as the case file's section, in one transaction, without touching other sections."""
    save_section(case, SECTION, materials_to_dict(materials))


def with_hardship(materials: Materials, hardship: Hardship) -> Materials:
    return replace(materials, hardship=hardship)


def with_record(materials: Materials, record: MaterialRecord) -> Materials:
    """``materials`` with ``record`` replacing the item's record (or added after the others)."""
    items = [r for r in materials.items if r.id != record.id]
    position = next((i for i, r in enumerate(materials.items) if r.id == record.id), len(items))
    items.insert(position, record)
    return replace(materials, items=tuple(items))


@dataclass(frozen=True)
class Upload:
    """A file checked by content and size, ready to add."""

    name: str
    data: bytes
    media_type: str


def check_uploads(files: Sequence[UploadedFile], path: str = "files") -> list[Upload]:
    """Read and check every file by content and size; a ValidationError with one message per bad file."""
    limit = settings.EVIDENCE_MAX_BYTES
    good: list[Upload] = []
    errors: list[FieldError] = []
    for upload in files:
        name = media.safe_name(upload.name or "")
        if upload.size is not None and upload.size > limit:
            errors.append(
                FieldError(path, f"{name}：{media.too_large(upload.size, limit, name).errors[0].message}")
            )
            continue
        data = upload.read()
        try:
            media_type = media.check(data, limit, name)
        except ValidationError as error:
            errors.extend(FieldError(path, f"{name}：{e.message}") for e in error.errors)
            continue
        good.append(Upload(name, data, media_type))
    if errors:
        raise ValidationError(errors)
    return good


def record_item(case: Case, entered: MaterialRecord, uploads: Sequence[Upload]) -> None:
    """Update one item's record (date obtained, note, expiry as ``entered``) and add its new files, as one
    user action.

    The section is validated before anything is written; the files go to the evidence store (append-only,
    content-addressed, so a retried action only repeats a ledger line) and the rows and section are saved in one
    transaction.
    """
    materials, problem = stored_materials(case)
    if problem:
        raise ValidationError(f"已保存的材料清单无法读取：{problem}", SECTION)
    item_id = entered.id
    old = materials.record(item_id) or MaterialRecord(item_id)
    files = tuple(dict.fromkeys((*old.files, *(sha256_bytes(u.data) for u in uploads))))
    updated = with_record(materials, replace(entered, files=files, note=entered.note.strip()))
    materials_from_dict(materials_to_dict(updated))
    store = evidence_store()
    key = ledger_key(case)
    item_name = materials_catalog().item(item_id).name
    entries = [
        store.add(u.data, description=f"证明材料：{item_name}", name=u.name, case_id=key) for u in uploads
    ]
    with transaction.atomic():
        for upload, entry in zip(uploads, entries, strict=True):
            MaterialFile.objects.get_or_create(
                case=case,
                item_id=item_id,
                sha256=entry.file_sha256,
                defaults={
                    "name": upload.name,
                    "media_type": entry.media_type,
                    "size": entry.size,
                    "ledger_seq": entry.seq,
                },
            )
        save_materials(case, updated)


def remove_file(case: Case, item_id: str, sha256: str) -> bool:
    """Take a file off an item (the evidence store keeps it: the ledger is append-only). False if not there."""
    materials, problem = stored_materials(case)
    if problem:
        raise ValidationError(f"已保存的材料清单无法读取：{problem}", SECTION)
    record = materials.record(item_id)
    with transaction.atomic():
        deleted, _ = MaterialFile.objects.filter(case=case, item_id=item_id, sha256=sha256).delete()
        if record is not None and sha256 in record.files:
            kept = tuple(f for f in record.files if f != sha256)
            save_materials(case, with_record(materials, replace(record, files=kept)))
            return True
    return bool(deleted)


def ready_files(case: Case, store: EvidenceStore | None = None) -> dict[str, list[tuple[str, bytes]]]:
    """Every item's files as ``(name, bytes)`` read from the evidence store, for the negotiation package.

    Only files listed in the materials section count (the section is what the case file carries); a file the
    store no longer has is skipped (the verify page of the evidence store says why).
    """
    materials, _problem = stored_materials(case)
    store = store or evidence_store()
    names = {(f.item_id, f.sha256): f.name for f in MaterialFile.objects.filter(case=case)}
    result: dict[str, list[tuple[str, bytes]]] = {}
    for record in materials.items:
        for sha in record.files:
            try:
                data = store.read(sha)
            except (OSError, ValidationError):
                continue
            result.setdefault(record.id, []).append((names.get((record.id, sha), sha[:12]), data))
    return result
