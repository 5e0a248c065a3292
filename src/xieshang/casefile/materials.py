"""The case file's ``materials:`` section ↔ :class:`~xieshang.core.materials.Materials`::

materials:
  hardship:
    reasons: [失业, 疾病/医疗]          # or the ids: unemployment, illness, …
    description: 2026年3月公司裁员后一直未找到工作……
    since: 2026-03-01                  # optional
  items:
    - id: bank_statement
      obtained: 2026-10-01
      files: [ev-0003]                 # evidence ids (or file names) holding the copy
      note: 工行工资卡
"""

from __future__ import annotations

from typing import Any

from xieshang.core.bilingual import Text
from xieshang.core.errors import ValidationError
from xieshang.core.materials import Hardship, MaterialRecord, Materials
from xieshang.core.vocabulary import HardshipReason, label, labels_of

from .reader import Reader, join, mapping_or_error

REASON_ALIASES: dict[str, HardshipReason] = {
    **{label(reason).zh: reason for reason in HardshipReason},
    "疾病": HardshipReason.ILLNESS,
    "医疗": HardshipReason.ILLNESS,
    **{reason.value: reason for reason in HardshipReason},
}


def parse_reason(value: object, path: str) -> HardshipReason:
    """A hardship reason by its id or its Chinese name (``失业``, ``疾病/医疗`` …)."""
    reason = REASON_ALIASES.get(str(value).strip())
    if reason is None:
        zh = "、".join(t.zh for t in labels_of(HardshipReason).values())
        en = ", ".join(t.en for t in labels_of(HardshipReason).values())
        raise ValidationError(
            Text(
                f"未知的困难原因 {value!r}（可选：{zh}）", f"unknown hardship reason {value!r} (one of: {en})"
            ),
            path,
        )
    return reason


def materials_from_dict(data: Any, path: str = "materials") -> Materials:
    """The ``materials:`` section of a case file; every problem is reported with its location."""
    if not data:
        return Materials()
    read = Reader.opened(data, path, ("hardship", "items"))
    errors = read.errors
    hardship = Hardship()
    raw_hardship = read.mapping("hardship")
    if raw_hardship is not None:
        here = read.where("hardship")
        given = Reader(raw_hardship, here, errors)
        given.unknown(("reasons", "description", "since"))
        reasons: list[HardshipReason] = []
        for index, value in enumerate(given.sequence("reasons")):
            try:
                reasons.append(parse_reason(value, join(given.where("reasons"), index)))
            except ValidationError as error:
                errors.extend(error.errors)
        hardship = Hardship(
            tuple(dict.fromkeys(reasons)), given.text("description", strip=False), given.day("since")
        )
    records: list[MaterialRecord] = []
    for index, raw in enumerate(read.sequence("items")):
        here = join(read.where("items"), index)
        item = mapping_or_error(raw, here, errors)
        if item is None:
            continue
        entry = Reader(item, here, errors)
        entry.unknown(("id", "obtained", "files", "note", "expires"))
        item_id = entry.text("id", required=True)
        files = item.get("files") or []
        if isinstance(files, str):
            files = [files]
        records.append(
            MaterialRecord(
                id=item_id,
                obtained=entry.day("obtained"),
                files=tuple(str(f) for f in files),
                note=entry.text("note", strip=False),
                expires=entry.day("expires"),
            )
        )
    if errors:
        raise ValidationError(errors)
    return Materials(hardship, tuple(records))


def materials_to_dict(materials: Materials) -> dict[str, Any]:
    """The inverse of :func:`materials_from_dict` (reasons written as ids, dates as ISO strings)."""
    hardship: dict[str, Any] = {"reasons": [r.value for r in materials.hardship.reasons]}
    if materials.hardship.description:
        hardship["description"] = materials.hardship.description
    if materials.hardship.since:
        hardship["since"] = materials.hardship.since.isoformat()
    items: list[dict[str, Any]] = []
    for record in materials.items:
        item: dict[str, Any] = {"id": record.id}
        if record.obtained:
            item["obtained"] = record.obtained.isoformat()
        if record.files:
            item["files"] = list(record.files)
        if record.note:
            item["note"] = record.note
        if record.expires:
            item["expires"] = record.expires.isoformat()
        items.append(item)
    return {"hardship": hardship, "items": items}


_DATE = {"type": "string", "format": "date"}
MATERIALS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "hardship": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "reasons": {
                    "type": "array",
                    "items": {"type": "string", "enum": sorted(REASON_ALIASES)},
                    "uniqueItems": True,
                },
                "description": {"type": "string"},
                "since": _DATE,
            },
        },
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id"],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "obtained": _DATE,
                    "expires": _DATE,
                    "files": {"type": "array", "items": {"type": "string"}},
                    "note": {"type": "string"},
                },
            },
        },
    },
}
