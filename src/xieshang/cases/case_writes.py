"""Whole cases through the one write path: a case from a case file, the borrower's details, deleting a case.

Parsing a case file happens before any transaction (it may be slow: :mod:`xieshang.bounds` limits it); the
rows are then written in one. Editing the borrower's details writes only those columns on the locked row, so a
section saved at the same moment is not overwritten with what the form saw. Deleting a case deletes its rows,
its evidence files and its ledger, then compacts the database (:mod:`.upkeep`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from xieshang.bounds import load_json, load_yaml
from xieshang.casefile import load_case_text, section

from .convert import jsonable
from .debt_writes import store_loan
from .models import Case
from .upkeep import deleting
from .writes import allocate_id, ids_in, locked, reserve_ids

CASE_KEYS = frozenset({"version", "as_of", "borrower", "debts"})
# Sections whose entries a page addresses by id: an entry without one (a hand-written file) is numbered.
NUMBERED_SECTIONS = {"disputes": "d", "progress_notes": "n", "agreements": "a"}
NUMBERED_PARTS = {"agreements": ("instalments", "i")}  # entries inside an entry, addressed by id too
BORROWER_COLUMNS = ("borrower_name", "phone", "id_number", "email", "address", "as_of")


def import_case_text(owner: AbstractBaseUser, text: str, source_name: str = "") -> Case:
    """A new case from a case file's text; validated first, nothing saved on any error."""
    parsed = load_case_text(text, source_name=source_name)
    raw = load_json(text) if text.lstrip().startswith("{") else load_yaml(text)
    sections = (
        {k: jsonable(v) for k, v in raw.items() if k not in CASE_KEYS} if isinstance(raw, Mapping) else {}
    )
    if "agreements" in sections:  # a generated schedule is stored as its instalments, each to be numbered
        sections["agreements"] = jsonable(section("agreements").dump(parsed.agreements))
    with transaction.atomic():
        case = Case.objects.create(
            owner=owner,
            borrower_name=parsed.borrower.name,
            id_number=parsed.borrower.id_number,
            phone=parsed.borrower.phone,
            email=parsed.borrower.email,
            address=parsed.borrower.address,
            as_of=parsed.as_of,
            version=parsed.version,
            sections=sections,
        )
        with locked(case.pk) as row:
            for loan in parsed.debts:
                status = parsed.statuses.get(loan.id)
                store_loan(row, loan, status=None if status is None else status.value)
            reserve_ids(row, ids_in(sections))
            if number_entries(row, sections):
                row.sections = sections
                row.save(update_fields=["sections"])
    return row


def number_entries(row: Case, sections: dict[str, Any]) -> bool:
    """Give every entry of :data:`NUMBERED_SECTIONS` without an id a new one from the locked row's counter (in
    place); whether any was given."""
    given = False
    for name, prefix in NUMBERED_SECTIONS.items():
        items = sections.get(name)
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict) and not item.get("id"):
                item["id"] = allocate_id(row, prefix)
                given = True
            part, part_prefix = NUMBERED_PARTS.get(name, ("", ""))
            inner = item.get(part) if part and isinstance(item, dict) else None
            for entry in inner if isinstance(inner, list) else ():
                if isinstance(entry, dict) and not entry.get("id"):
                    entry["id"] = allocate_id(row, part_prefix)
                    given = True
    return given


def update_case(case_pk: int, values: Mapping[str, Any]) -> Case:
    """Change the borrower's details (the columns of ``BORROWER_COLUMNS`` in ``values``) and nothing else."""
    columns = [c for c in BORROWER_COLUMNS if c in values]
    with locked(case_pk) as row:
        for column in columns:
            setattr(row, column, values[column])
        row.save(update_fields=[*columns, "updated_at"])
    return row


def delete_case(case_pk: int) -> None:
    """Delete the case with every row, evidence file and ledger entry of it; then compact the database."""
    with deleting(case_pk) as row:
        row.delete()
