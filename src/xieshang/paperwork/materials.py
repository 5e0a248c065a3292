"""The materials checklist of one stored case: the stored ``materials`` section, the checklist core builds from it
(reasons × the creditors' lender types), and the two ways it changes — hardship edits and uploaded files.

No rule lives here: which items apply, their status and warnings are ``core.materials.build_checklist``'s; what
is stored is validated by the case file's own loader (``materials_from_dict``) before it is written, so the
exported case file carries it and re-import round-trips. Files go into the case's evidence ledger
(:mod:`xieshang.cases.evidence`: content-addressed, type and size checked by content) and are listed in the
section by their SHA-256; the section, the file rows and the ledger entries are written in one locked
transaction, read after the lock is taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.dispatch import receiver
from django.http import HttpRequest

from xieshang.casefile.materials import materials_from_dict, materials_to_dict
from xieshang.cases import core_messages, evidence
from xieshang.cases.models import Case
from xieshang.cases.reading import read_case
from xieshang.cases.sections import change_section, save_section, update_section
from xieshang.cases.writes import locked
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
from xieshang.evidence.store import EvidenceStore
from xieshang.reference import materials_catalog

from .models import MaterialFile

SECTION = "materials"


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
    problem = f"{errors[0].path}: {core_messages.message(errors[0])}" if errors else ""
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


def save_hardship(case: Case, hardship: Hardship) -> None:
    """Change the hardship part of the section as it is under the lock (files filed meanwhile stay)."""

    def change(current: Any) -> Any:
        materials = materials_from_dict(current) if current is not None else Materials()
        return materials_to_dict(with_hardship(materials, hardship))

    update_section(case, SECTION, change)


def with_hardship(materials: Materials, hardship: Hardship) -> Materials:
    return replace(materials, hardship=hardship)


def with_record(materials: Materials, record: MaterialRecord) -> Materials:
    """``materials`` with ``record`` replacing the item's record (or added after the others)."""
    items = [r for r in materials.items if r.id != record.id]
    position = next((i for i, r in enumerate(materials.items) if r.id == record.id), len(items))
    items.insert(position, record)
    return replace(materials, items=tuple(items))


Upload = evidence.Checked


def check_uploads(files: Sequence[UploadedFile], path: str = "files") -> list[Upload]:
    """Read and check every file by content and size; a ValidationError with one message per bad file."""
    good, problems = evidence.read_checked(files)
    if problems:
        raise ValidationError([FieldError(path, problem) for problem in problems])
    return good


def _readable(case: Case) -> Materials:
    materials, problem = stored_materials(case)
    if problem:
        raise ValidationError(f"已保存的材料清单无法读取：{problem}", SECTION)
    return materials


def _with_files(materials: Materials, entered: MaterialRecord, added: Sequence[str]) -> Any:
    """The section's data with ``entered`` and its new files, judged by the section's own rules."""
    old = materials.record(entered.id) or MaterialRecord(entered.id)
    files = tuple(dict.fromkeys((*old.files, *added)))
    data = materials_to_dict(with_record(materials, replace(entered, files=files, note=entered.note.strip())))
    materials_from_dict(data)
    return data


def record_item(case: Case, entered: MaterialRecord, uploads: Sequence[Upload]) -> None:
    """Update one item's record (date obtained, note, expiry as ``entered``) and add its new files, as one
    user action: the files are stored first, then the ledger entries, the file rows and the section are
    written on the locked case (the section as it is then, not as the page saw it)."""
    item_name = materials_catalog().item(entered.id).name
    _with_files(
        _readable(case), entered, ()
    )  # refuse what the section's rules refuse before storing any file
    staged = evidence.stage(case, uploads)
    with locked(case.pk) as row:
        data = _with_files(_readable(row), entered, [f.sha256 for f in staged])
        entries = evidence.record(row, staged, description=f"证明材料：{item_name}")
        for item, entry in zip(staged, entries, strict=True):
            MaterialFile.objects.get_or_create(
                case=row,
                item_id=entered.id,
                sha256=entry.file_sha256,
                defaults={
                    "name": item.name,
                    "media_type": entry.media_type,
                    "size": entry.size,
                    "ledger_seq": entry.seq,
                },
            )
        change_section(row, SECTION, lambda _current: data)
    case.sections, case.revision = row.sections, row.revision


def remove_file(case: Case, item_id: str, sha256: str) -> bool:
    """Take a file off an item (the case's ledger keeps its entry: it is append-only). False if not there."""
    with locked(case.pk) as row:
        materials = _readable(row)
        record = materials.record(item_id)
        deleted, _ = MaterialFile.objects.filter(case=row, item_id=item_id, sha256=sha256).delete()
        if record is not None and sha256 in record.files:
            kept = tuple(f for f in record.files if f != sha256)
            change_section(
                row,
                SECTION,
                lambda _current: materials_to_dict(with_record(materials, replace(record, files=kept))),
            )
            removed = True
        else:
            removed = bool(deleted)
    case.sections, case.revision = row.sections, row.revision
    return removed


@receiver(evidence.evidence_redacted, dispatch_uid="paperwork-drop-withdrawn-file")
def _withdrawn(sender: object, case: Case, seq: int, sha256: str, **kwargs: object) -> None:
    """A file withdrawn from the ledger leaves every item it was filed under (same transaction)."""
    MaterialFile.objects.filter(case=case, sha256=sha256).delete()
    materials, problem = stored_materials(case)
    if problem or not any(sha256 in r.files for r in materials.items):
        return
    for record in materials.items:
        if sha256 in record.files:
            materials = with_record(
                materials, replace(record, files=tuple(f for f in record.files if f != sha256))
            )
    change_section(case, SECTION, lambda _current: materials_to_dict(materials))


def ready_files(case: Case, store: EvidenceStore | None = None) -> dict[str, list[tuple[str, bytes]]]:
    """Every item's files as ``(name, bytes)`` read from the evidence store, for the negotiation package.

    Only files listed in the materials section count (the section is what the case file carries); a file the
    store no longer has is skipped (the verify page of the evidence store says why).
    """
    materials, _problem = stored_materials(case)
    store = store or evidence.store_of(case)
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
