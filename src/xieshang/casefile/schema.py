"""The JSON Schema of the case file: the published file's core part (``borrower``, ``debts``) with every
section's fragment (:data:`xieshang.casefile.sections.SECTIONS`). The published file is
``xieshang/schema/casefile-v1.schema.json``; :func:`write_published_schema` rewrites it after a section's schema
changes (a test keeps the two equal)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from xieshang.reference import read_package_text

from .document import TOP_KEYS
from .sections import SECTIONS

SCHEMA_RESOURCE = "casefile-v1.schema.json"


def published_schema_text() -> str:
    return read_package_text("schema", SCHEMA_RESOURCE)


@cache
def _published_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(published_schema_text())
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the case file: the published file's core part with every section's fragment."""
    schema: dict[str, Any] = json.loads(json.dumps(_published_schema()))
    names = {section.name for section in SECTIONS}
    for name in [n for n in schema["properties"] if n not in TOP_KEYS and n not in names]:
        del schema["properties"][name]
    for section in SECTIONS:
        schema["properties"][section.name] = json.loads(json.dumps(section.schema))
    return schema


def write_published_schema(path: str | Path | None = None) -> Path:
    """Rewrite the published JSON Schema file from :func:`json_schema` (run after a section's schema changes)."""
    target = Path(path) if path is not None else Path(__file__).parents[1] / "schema" / SCHEMA_RESOURCE
    target.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target
