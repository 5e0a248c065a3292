"""The complete export of one case ("everything about this case") and its import: one archive, verified by the
same manifest code as a backup (:mod:`xieshang.archives.manifest`).

Contents::

    case.json                       every row of the case (:mod:`.case_rows`): the case, debts and payments,
                                    imported bills and their transactions and card statements, category rules,
                                    saved column mappings, reminder settings, reports sent, material files,
                                    the document history, … (any model that belongs to the case)
    casefile.yaml                   the portable case file, for reading without Xieshang
    evidence/ledger.jsonl           the case's evidence ledger up to its anchor
    evidence/blobs/<sha256>         every file in force: evidence and supporting documents (materials)

The manifest adds ``case``: the evidence anchor (chain, entry count, head hash) and the row count per table.
The same case exported twice gives the same ``content`` hash; so does export → import into a fresh data
directory → export.

Import: the archive is verified in full; its evidence is extracted under a temporary name and checked against
the anchor; the rows are written in one transaction on the new case's lock; only after the commit is the
evidence directory renamed into place (a start after a crash in between finishes the rename,
:mod:`.upkeep`). A case whose evidence chain is already on this server is refused (importing it twice would give
two cases one ledger).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from xieshang.archives.manifest import FORMAT_CASE, ArchiveError, ArchiveReader, ArchiveWriter
from xieshang.core.ledger_check import Anchor
from xieshang.evidence.archive import add_chain, extract_chain
from xieshang.evidence.store import chains_root

from . import evidence
from .case_rows import CASE_LABEL, case_values, check_schema, dump_rows, load_rows
from .convert import case_file_dict
from .file_areas import place_chain
from .models import Case
from .upkeep import IMPORTING
from .writes import locked

CASE_JSON = "case.json"
CASEFILE = "casefile.yaml"
EVIDENCE = "evidence/"
ATTEMPTS = 3


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def canonical_yaml(case: Case) -> str:
    """The case file with the keys below the top level sorted: a database may keep a JSON column's keys in
    another order (PostgreSQL does), and the same case must give the same bytes."""
    data = {key: _sorted(value) for key, value in case_file_dict(case).items()}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


def _snapshot(case_pk: int) -> tuple[Case, dict[str, Any], str]:
    """The case's rows and case file as of one moment: read on the case's lock (no write in between)."""
    with transaction.atomic():
        row = Case.objects.select_for_update().get(pk=case_pk)
        return row, dump_rows(row), canonical_yaml(row)


def export_case(case_pk: int, target: Path) -> dict[str, Any]:
    """Write the complete export of case ``case_pk`` to ``target``; its manifest."""
    for attempt in range(1, ATTEMPTS + 1):
        row, data, yaml_text = _snapshot(case_pk)
        with ArchiveWriter(target, FORMAT_CASE) as writer:
            writer.add_bytes(
                CASE_JSON, json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode()
            )
            writer.add_bytes(CASEFILE, yaml_text.encode("utf-8"))
            missing, warnings = add_chain(
                writer, evidence.store_of(row), row.evidence_entries, row.evidence_head, EVIDENCE
            )
            if missing and attempt < ATTEMPTS:  # a file withdrawn meanwhile: read the case again
                writer.abort()
                continue
            return writer.finish(
                {
                    "case": {
                        "evidence": {
                            "chain": row.evidence_chain,
                            "entries": row.evidence_entries,
                            "head": row.evidence_head,
                        },
                        "tables": {name: len(rows) for name, rows in data["rows"].items() if rows},
                    },
                    "warnings": warnings,
                }
            )
    raise AssertionError("unreachable")  # pragma: no cover


def read_case_json(reader: ArchiveReader) -> dict[str, Any]:
    try:
        data = json.loads(reader.read(CASE_JSON))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArchiveError(f"无法读取 / unreadable: {error}", CASE_JSON) from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("rows"), dict)
        or not data["rows"].get(CASE_LABEL)
    ):
        raise ArchiveError("没有案件 / no case in it", CASE_JSON)
    check_schema(data.get("schema") or {})
    return data


def import_case_archive(owner: AbstractBaseUser, source: Path, data_dir: Path) -> Case:
    """A new case of ``owner`` from a complete export (see the module docstring); nothing is kept on a refusal."""
    with ArchiveReader(source, FORMAT_CASE) as reader:
        reader.verify()
        data = read_case_json(reader)
        try:
            values = case_values(data)
        except Exception as error:
            raise ArchiveError(f"案件无法读取 / the case is unreadable: {error}", CASE_JSON) from None
        chain = str(values.get("evidence_chain", ""))
        existing = Case.objects.filter(evidence_chain=chain).first()
        if existing is not None:
            raise ArchiveError(
                f"这个案件已经在这里（案件 {existing.pk}：{existing.borrower_name}）：同一个证据账本不能导入两次 / "
                "this case is already here",
                f"{CASE_JSON}.evidence_chain",
            )
        root = chains_root(data_dir)
        staged = root / f"{IMPORTING}{chain}-{os.getpid()}-{secrets.token_hex(4)}"  # upkeep reads the pid
        anchor = Anchor(
            int(values.get("evidence_entries", 0)), str(values.get("evidence_head", "")), "导出的案件"
        )
        try:
            extract_chain(reader, EVIDENCE, staged, chain, anchor)
            case = _write_rows(owner, values, data)
        except BaseException:
            shutil.rmtree(staged, ignore_errors=True)
            raise
    place_chain(staged, chain)  # the rows are committed: the evidence goes into place
    return case


def _write_rows(owner: AbstractBaseUser, values: dict[str, Any], data: dict[str, Any]) -> Case:
    stamps = {k: values.pop(k) for k in ("created_at", "updated_at") if k in values}
    with transaction.atomic():
        case = Case.objects.create(owner=owner, **values)
        with locked(case.pk) as row:
            try:
                load_rows(row, data)
            except ArchiveError:
                raise
            except Exception as error:  # a row the database refuses (a constraint): located by the table
                raise ArchiveError(f"无法写入 / cannot be stored: {error}", CASE_JSON) from None
        Case.objects.filter(pk=case.pk).update(**stamps)
    case.refresh_from_db()
    return case
